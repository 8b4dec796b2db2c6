/**
 * The orders list as a page component (saleor's view/page split): filters, search words, saved
 * views, the table with selection and the bulk action bar — all from props. The view
 * (pages/OrdersPage.tsx) owns the data and the URL.
 */
import { useMemo, useState } from "react";
import { Link } from "react-router-dom";
import { ORDER_STATUSES, STATUS_LABELS } from "../../../../convex/lib/orderStatus";
import { PageHeader } from "../../../components/ui";
import { FilterSelect, optionsOf } from "../../../components/ui/FilterSelect";
import { ListSearch } from "../../../components/ui/ListSearch";
import { SelectableList, type ListPageProps } from "../../../components/ui/SelectableList";
import { orderColumns, type OrderRow } from "./orderColumns";
import "../orders-phone.css";

export type OrderFilters = { status?: string; channel?: string; q?: string; sort?: string };

export type OrderListPageProps = ListPageProps<OrderFilters, OrderRow> & { canCreate: boolean };

export function OrderListPage(p: OrderListPageProps) {
  const [now] = useState(() => Date.now());
  const columns = useMemo(() => orderColumns(now), [now]);
  const filtered = Boolean(p.filters.status || p.filters.channel || p.filters.q);
  return (
    <>
      <PageHeader
        title="Orders"
        actions={
          p.canCreate && (
            <Link to="/orders/new" className="btn btn-primary btn-md">
              New order
            </Link>
          )
        }
      />
      {p.savedViews}
      <OrderFiltersForm filters={p.filters} onFilters={p.onFilters} />
      <SelectableList
        list={p}
        noun="order"
        dateKey="placed"
        caption={p.filters.q ? `Orders matching “${p.filters.q}”` : "Orders"}
        className="orders-cards"
        columns={columns}
        loadingLabel="Loading orders…"
        empty={{
          title: filtered ? "No orders match these filters" : "No orders yet",
          body: p.canCreate && !filtered ? <Link to="/orders/new">Key in the first order</Link> : undefined,
        }}
      />
    </>
  );
}

function OrderFiltersForm({
  filters,
  onFilters,
}: {
  filters: OrderFilters;
  onFilters: OrderListPageProps["onFilters"];
}) {
  return (
    <>
      <ListSearch
        id="filter-q"
        label="Search orders"
        placeholder="Number, customer, email, SKU, product"
        value={filters.q ?? ""}
        onSearch={(q) => onFilters({ q })}
      />
      <form className="filters" role="search" aria-label="Filter orders" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          label="Status"
          value={filters.status}
          all="All statuses"
          options={optionsOf(ORDER_STATUSES, STATUS_LABELS)}
          onChange={(status) => onFilters({ status })}
        />
        <div className="field">
          <label htmlFor="filter-channel">Channel</label>
          <input
            id="filter-channel"
            list="channel-options"
            defaultValue={filters.channel ?? ""}
            key={filters.channel ?? ""}
            placeholder="All channels"
            onBlur={(e) =>
              e.target.value.trim() !== (filters.channel ?? "") &&
              onFilters({ channel: e.target.value.trim() || undefined })
            }
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                onFilters({ channel: e.currentTarget.value.trim() || undefined });
              }
            }}
          />
          <datalist id="channel-options">
            <option value="manual" />
          </datalist>
        </div>
      </form>
    </>
  );
}
