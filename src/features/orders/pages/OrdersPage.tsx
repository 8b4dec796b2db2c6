/**
 * /orders, the view: owns the data (the paginated list, "select all matching" pages) and the URL
 * state (status, channel, search words, sort, columns, pages loaded) and hands them to
 * OrderListPage. Supervisors get selection and bulk actions.
 */
import { usePaginatedQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import { ORDER_STATUSES } from "../../../../convex/lib/orderStatus";
import { useCan } from "../../members/hooks/useMe";
import { useListParams } from "../../../lib/useListParams";
import { useSelection } from "../../../components/ui/selection";
import { listViewProps, useFetchMatching } from "../../desk/listView";
import { defaultColumns } from "../../../components/ui/DataTable";
import { OrderListPage, type OrderFilters } from "../components/OrderListPage";
import { orderColumns } from "../components/orderColumns";
import { ORDER_BULK_ACTIONS } from "../lib/bulkActions";
import type { BulkAction } from "../../../components/ui/bulk";

const KEYS = ["status", "channel", "q", "sort"] as const;
const DEFAULT_COLUMNS = defaultColumns(orderColumns(0));

/** `extraActions`: bulk actions other features define (e.g. batches), after the list's own. */
export function OrdersPage({ extraActions = [] }: { extraActions?: readonly BulkAction[] }) {
  const params = useListParams(KEYS);
  const canAct = useCan("supervisor");
  const selection = useSelection();
  const filters: OrderFilters = params.filters;
  const args = {
    status: params.pick("status", ORDER_STATUSES),
    channel: filters.channel || undefined,
    q: filters.q || undefined,
    sort: filters.sort === "oldest" ? ("oldest" as const) : undefined,
  };
  const { results, status, loadMore } = usePaginatedQuery(api.orders.list, args, {
    initialNumItems: params.initialNumItems,
  });
  const fetchMatching = useFetchMatching(api.bulk.orderIds, args);
  return (
    <OrderListPage
      {...listViewProps({ list: "orders", params, selection, loadMore, defaultColumns: DEFAULT_COLUMNS })}
      filters={filters}
      rows={status === "LoadingFirstPage" ? undefined : results}
      pageStatus={status}
      canCreate={canAct}
      bulk={canAct ? { selection, actions: [...ORDER_BULK_ACTIONS, ...extraActions], fetchMatching } : undefined}
    />
  );
}
