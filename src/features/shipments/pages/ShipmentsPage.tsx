/**
 * /shipments, the view: the shipments list across warehouses with its URL state (status,
 * warehouse, search words, sort, columns, pages) and, for supervisors, selection and bulk actions.
 */
import { useCallback } from "react";
import { useConvex, usePaginatedQuery, useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { useCan } from "../../members/hooks/useMe";
import { LIST_PAGE_SIZE, useListParams } from "../../../lib/useListParams";
import { useSelection } from "../../../components/ui/selection";
import { defaultColumns } from "../../../components/ui/DataTable";
import type { BulkAction } from "../../../components/ui/bulk";
import { SavedViewsBar } from "../../desk/components/SavedViewsBar";
import { ShipmentListPage, type ShipmentFilters } from "../components/ShipmentListPage";
import { SHIPMENT_STATUSES, shipmentColumns } from "../components/shipmentColumns";
import { SHIPMENT_BULK_ACTIONS } from "../lib/bulkActions";

const KEYS = ["status", "warehouse", "q", "sort"] as const;
const DEFAULT_COLUMNS = defaultColumns(shipmentColumns);

export function ShipmentsPage({ extraActions = [] }: { extraActions?: readonly BulkAction[] }) {
  const params = useListParams(KEYS);
  const canAct = useCan("supervisor");
  const client = useConvex();
  const selection = useSelection();
  const warehouses = useQuery(api.warehouses.list, {});
  const f: ShipmentFilters = params.filters;
  const status = (SHIPMENT_STATUSES as readonly string[]).includes(f.status ?? "")
    ? (f.status as (typeof SHIPMENT_STATUSES)[number])
    : undefined;
  const warehouseId = warehouses?.some((w) => w._id === f.warehouse) ? (f.warehouse as Id<"warehouses">) : undefined;
  const args = {
    status,
    warehouseId,
    q: f.q?.trim() || undefined,
    sort: f.sort === "oldest" ? ("oldest" as const) : undefined,
  };
  // A warehouse named in the link waits for the warehouse list, so a stale id never reaches the server.
  const waiting = f.warehouse !== undefined && warehouses === undefined;
  const {
    results,
    status: pageStatus,
    loadMore,
  } = usePaginatedQuery(api.shipments.list, waiting ? "skip" : args, { initialNumItems: params.initialNumItems });
  const argsKey = JSON.stringify(args);
  const fetchMatching = useCallback(
    (cursor: string | null) =>
      client.query(api.bulk.shipmentIds, {
        ...(JSON.parse(argsKey) as typeof args),
        paginationOpts: { numItems: 100, cursor },
      }),
    [client, argsKey],
  );
  const { clear } = selection;
  return (
    <ShipmentListPage
      filters={f}
      onFilters={(changes) => {
        clear();
        params.set(changes);
      }}
      warehouses={warehouses}
      rows={pageStatus === "LoadingFirstPage" ? undefined : results}
      pageStatus={pageStatus}
      onLoadMore={() => {
        loadMore(LIST_PAGE_SIZE);
        params.notePageLoaded();
      }}
      visibleColumns={params.columns}
      onVisibleColumns={params.setColumns}
      bulk={canAct ? { selection, actions: [...SHIPMENT_BULK_ACTIONS, ...extraActions], fetchMatching } : undefined}
      savedViews={<SavedViewsBar list="shipments" params={params} visibleColumns={params.columns ?? DEFAULT_COLUMNS} />}
    />
  );
}
