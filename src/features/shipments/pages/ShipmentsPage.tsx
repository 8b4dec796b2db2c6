/**
 * /shipments, the view: the shipments list across warehouses with its URL state (status,
 * warehouse, search words, sort, columns, pages) and, for supervisors, selection and bulk actions.
 */
import { usePaginatedQuery, useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { useCan } from "../../members/hooks/useMe";
import { useListParams } from "../../../lib/useListParams";
import { useSelection } from "../../../components/ui/selection";
import { defaultColumns } from "../../../components/ui/DataTable";
import type { BulkAction } from "../../../components/ui/bulk";
import { listViewProps, useFetchMatching } from "../../desk/listView";
import { ShipmentListPage, type ShipmentFilters } from "../components/ShipmentListPage";
import { shipmentColumns } from "../components/shipmentColumns";
import { SHIPMENT_STATUSES } from "../../../../convex/lib/statusSets";
import { SHIPMENT_BULK_ACTIONS } from "../lib/bulkActions";

const KEYS = ["status", "warehouse", "q", "sort"] as const;
const DEFAULT_COLUMNS = defaultColumns(shipmentColumns);

export function ShipmentsPage({ extraActions = [] }: { extraActions?: readonly BulkAction[] }) {
  const params = useListParams(KEYS);
  const canAct = useCan("supervisor");
  const selection = useSelection();
  const warehouses = useQuery(api.warehouses.list, {});
  const f: ShipmentFilters = params.filters;
  const status = params.pick("status", SHIPMENT_STATUSES);
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
  const fetchMatching = useFetchMatching(api.bulk.shipmentIds, args);
  return (
    <ShipmentListPage
      {...listViewProps({ list: "shipments", params, selection, loadMore, defaultColumns: DEFAULT_COLUMNS })}
      filters={f}
      warehouses={warehouses}
      rows={pageStatus === "LoadingFirstPage" ? undefined : results}
      pageStatus={pageStatus}
      bulk={canAct ? { selection, actions: [...SHIPMENT_BULK_ACTIONS, ...extraActions], fetchMatching } : undefined}
    />
  );
}
