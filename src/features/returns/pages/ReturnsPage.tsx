/** /returns: RMAs newest first, filtered by status and origin (each over an index), with a way to receive. */
import { Link, useSearchParams } from "react-router-dom";
import { usePaginatedQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import { RMA_STATUSES, RMA_STATUS_LABELS, type RmaStatus } from "../../../../convex/lib/returns";
import { PageHeader } from "../../../components/ui";
import { RmasTable } from "../components/RmasTable";

type Origin = "customer" | "operator";

function asStatus(value: string | null): RmaStatus | undefined {
  return (RMA_STATUSES as readonly string[]).includes(value ?? "") ? (value as RmaStatus) : undefined;
}

function asOrigin(value: string | null): Origin | undefined {
  return value === "customer" || value === "operator" ? value : undefined;
}

export function ReturnsPage() {
  const [params, setParams] = useSearchParams();
  const status = asStatus(params.get("status"));
  const origin = asOrigin(params.get("origin"));
  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const {
    results,
    status: pageStatus,
    loadMore,
  } = usePaginatedQuery(api.returns.list, { status, origin }, { initialNumItems: 25 });
  return (
    <>
      <PageHeader
        title="Returns"
        actions={
          <Link to="/returns/receive" className="btn btn-primary btn-md">
            Receive returns
          </Link>
        }
      >
        <p className="muted">Issue an RMA from the order's page; receive returned units by scanning them.</p>
      </PageHeader>
      <form className="filters" role="search" aria-label="Filter returns" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="rma-filter-status">Status</label>
          <select
            id="rma-filter-status"
            value={status ?? ""}
            onChange={(e) => setParam("status", e.target.value || undefined)}
          >
            <option value="">All statuses</option>
            {RMA_STATUSES.map((s) => (
              <option key={s} value={s}>
                {RMA_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="rma-filter-origin">Origin</label>
          <select
            id="rma-filter-origin"
            value={origin ?? ""}
            onChange={(e) => setParam("origin", e.target.value || undefined)}
          >
            <option value="">Customers and operators</option>
            <option value="customer">Customer requests</option>
            <option value="operator">Operator-issued</option>
          </select>
        </div>
      </form>
      <RmasTable
        rmas={pageStatus === "LoadingFirstPage" ? undefined : results}
        pagination={{ status: pageStatus, onLoadMore: () => loadMore(25) }}
        empty={{
          title: status || origin ? "No returns match these filters" : "No returns yet",
          body: !status && !origin ? <p>Open a shipped order and choose “New RMA”.</p> : undefined,
        }}
      />
    </>
  );
}
