/** /returns: RMAs newest first, filtered by status and origin (each over an index), with a way to receive. */
import { Link } from "react-router-dom";
import { usePaginatedQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import { RMA_STATUSES, RMA_STATUS_LABELS } from "../../../../convex/lib/returns";
import { useListParams } from "../../../lib/useListParams";
import { PageHeader } from "../../../components/ui";
import { RmasTable } from "../components/RmasTable";

const ORIGINS = ["customer", "operator"] as const;

export function ReturnsPage() {
  const list = useListParams(["status", "origin"]);
  const status = list.pick("status", RMA_STATUSES);
  const origin = list.pick("origin", ORIGINS);
  const setParam = (key: string, value: string | undefined) => list.set({ [key]: value });
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
