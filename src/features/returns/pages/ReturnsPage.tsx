/** /returns: RMAs newest first, filtered by status and origin (each over an index), with a way to receive. */
import { usePagedRows } from "../../../lib/paging";
import { Link } from "react-router-dom";
import { api } from "../../../../convex/_generated/api";
import { RMA_ORIGIN_LABELS, RMA_ORIGINS, RMA_STATUSES, RMA_STATUS_LABELS } from "../../../../convex/lib/returns";
import { useListParams } from "../../../lib/useListParams";
import { PageHeader } from "../../../components/ui";
import { FilterSelect, optionsOf } from "../../../components/ui/FilterSelect";
import { RmasTable } from "../components/RmasTable";

export function ReturnsPage() {
  const list = useListParams(["status", "origin"]);
  const status = list.pick("status", RMA_STATUSES);
  const origin = list.pick("origin", RMA_ORIGINS);
  const rmas = usePagedRows(api.returns.list, { status, origin }, 25);
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
        <FilterSelect
          label="Status"
          value={status}
          all="All statuses"
          options={optionsOf(RMA_STATUSES, RMA_STATUS_LABELS)}
          onChange={(v) => list.set({ status: v })}
        />
        <FilterSelect
          label="Origin"
          value={origin}
          all="Customers and operators"
          options={optionsOf(RMA_ORIGINS, RMA_ORIGIN_LABELS)}
          onChange={(v) => list.set({ origin: v })}
        />
      </form>
      <RmasTable
        rmas={rmas.rows}
        pagination={rmas.pagination}
        empty={{
          title: status || origin ? "No returns match these filters" : "No returns yet",
          body: !status && !origin ? <p>Open a shipped order and choose “New RMA”.</p> : undefined,
        }}
      />
    </>
  );
}
