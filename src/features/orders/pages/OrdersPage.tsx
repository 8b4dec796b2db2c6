/** /orders: the live list, newest first, filtered by status and channel, with a number search. */
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { usePaginatedQuery, useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import { ORDER_STATUSES, STATUS_LABELS, type OrderStatus } from "../../../../convex/lib/orderStatus";
import { EmptyState, Loading, LoadMore, PageHeader } from "../../../components/ui";
import { useCan } from "../../members/hooks/useMe";
import { useDebounced } from "../../../lib/useDebounced";
import { OrdersTable } from "../components/OrdersTable";

function asStatus(value: string | null): OrderStatus | undefined {
  return (ORDER_STATUSES as readonly string[]).includes(value ?? "") ? (value as OrderStatus) : undefined;
}

export function OrdersPage() {
  const [params, setParams] = useSearchParams();
  const status = asStatus(params.get("status"));
  const [channelText, setChannelText] = useState(params.get("channel") ?? "");
  const channel = useDebounced(channelText.trim(), 400) || undefined;
  const canCreate = useCan("supervisor");

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const { results, status: pageStatus, loadMore } = usePaginatedQuery(
    api.orders.list,
    { status, channel },
    { initialNumItems: 25 },
  );

  return (
    <>
      <PageHeader
        title="Orders"
        actions={
          canCreate && (
            <Link to="/orders/new" className="btn btn-primary btn-md">
              New order
            </Link>
          )
        }
      />
      <OrderSearch />
      <form className="filters" role="search" aria-label="Filter orders" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" value={status ?? ""} onChange={(e) => setParam("status", e.target.value || undefined)}>
            <option value="">All statuses</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-channel">Channel</label>
          <input
            id="filter-channel"
            list="channel-options"
            value={channelText}
            placeholder="All channels"
            onChange={(e) => {
              setChannelText(e.target.value);
              setParam("channel", e.target.value.trim() || undefined);
            }}
          />
          <datalist id="channel-options">
            <option value="manual" />
          </datalist>
        </div>
      </form>
      {pageStatus === "LoadingFirstPage" ? (
        <Loading label="Loading orders…" />
      ) : results.length === 0 ? (
        <EmptyState title={status || channel ? "No orders match these filters" : "No orders yet"}>
          {canCreate && !status && !channel && <Link to="/orders/new">Key in the first order</Link>}
        </EmptyState>
      ) : (
        <>
          <OrdersTable orders={results} />
          <LoadMore status={pageStatus} onLoadMore={() => loadMore(25)} />
        </>
      )}
    </>
  );
}

/** Exact lookup by order number ("SO-100042" or "100042"). */
function OrderSearch() {
  const [text, setText] = useState("");
  const [number, setNumber] = useState("");
  const found = useQuery(api.orders.findByNumber, number ? { number } : "skip");
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setNumber(text.trim());
  };
  return (
    <div className="order-search">
      <form role="search" aria-label="Find an order by number" onSubmit={onSubmit} className="search-row">
        <label htmlFor="order-number-search" className="visually-hidden">
          Order number
        </label>
        <input
          id="order-number-search"
          type="search"
          inputMode="text"
          placeholder="Find order number, e.g. SO-100042"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (!e.target.value.trim()) setNumber("");
          }}
        />
        <button type="submit" className="btn btn-secondary btn-md">
          Find
        </button>
      </form>
      <div aria-live="polite">
        {number && found === undefined && <p className="muted">Searching…</p>}
        {number && found === null && <p className="muted">No order with number “{number}”.</p>}
        {number && found && <OrdersTable orders={[found]} caption="Search result" />}
      </div>
    </div>
  );
}
