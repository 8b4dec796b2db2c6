/**
 * /orders, the view: owns the data (the paginated list, "select all matching" pages) and the URL
 * state (status, channel, search words, sort, columns, pages loaded) and hands them to
 * OrderListPage. Supervisors get selection and bulk actions.
 */
import { useCallback } from "react";
import { useConvex, usePaginatedQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import { ORDER_STATUSES, type OrderStatus } from "../../../../convex/lib/orderStatus";
import { useCan } from "../../members/hooks/useMe";
import { LIST_PAGE_SIZE, useListParams } from "../../../lib/useListParams";
import { useSelection } from "../../../components/ui/selection";
import { SavedViewsBar } from "../../desk/components/SavedViewsBar";
import { defaultColumns } from "../../../components/ui/DataTable";
import { OrderListPage, type OrderFilters } from "../components/OrderListPage";
import { orderColumns } from "../components/orderColumns";
import { ORDER_BULK_ACTIONS } from "../lib/bulkActions";
import type { BulkAction } from "../../../components/ui/bulk";

const KEYS = ["status", "channel", "q", "sort"] as const;
const DEFAULT_COLUMNS = defaultColumns(orderColumns(0));

function asStatus(value: string | undefined): OrderStatus | undefined {
  return (ORDER_STATUSES as readonly string[]).includes(value ?? "") ? (value as OrderStatus) : undefined;
}

/** `extraActions`: bulk actions other features define (e.g. batches), after the list's own. */
export function OrdersPage({ extraActions = [] }: { extraActions?: readonly BulkAction[] }) {
  const params = useListParams(KEYS);
  const canAct = useCan("supervisor");
  const client = useConvex();
  const selection = useSelection();
  const filters: OrderFilters = params.filters;
  const args = {
    status: asStatus(filters.status),
    channel: filters.channel || undefined,
    q: filters.q || undefined,
    sort: filters.sort === "oldest" ? ("oldest" as const) : undefined,
  };
  const { results, status, loadMore } = usePaginatedQuery(api.orders.list, args, {
    initialNumItems: params.initialNumItems,
  });
  const argsKey = JSON.stringify(args);
  const fetchMatching = useCallback(
    (cursor: string | null) =>
      client.query(api.bulk.orderIds, {
        ...(JSON.parse(argsKey) as typeof args),
        paginationOpts: { numItems: 100, cursor },
      }),
    [client, argsKey],
  );
  const { clear } = selection;
  const onFilters = (changes: Partial<OrderFilters>) => {
    clear();
    params.set(changes);
  };
  return (
    <OrderListPage
      filters={filters}
      onFilters={onFilters}
      rows={status === "LoadingFirstPage" ? undefined : results}
      pageStatus={status}
      onLoadMore={() => {
        loadMore(LIST_PAGE_SIZE);
        params.notePageLoaded();
      }}
      visibleColumns={params.columns}
      onVisibleColumns={params.setColumns}
      canCreate={canAct}
      bulk={canAct ? { selection, actions: [...ORDER_BULK_ACTIONS, ...extraActions], fetchMatching } : undefined}
      savedViews={<SavedViewsBar list="orders" params={params} visibleColumns={params.columns ?? DEFAULT_COLUMNS} />}
    />
  );
}
