/**
 * /finance/exports — finance exports: pick a period, start one; the list shows who ran each, its
 * progress while the server pages through the orders, the totals and the download links (per
 * order CSV, per day CSV, JSON) when done.
 */
import { usePaginatedQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { api } from "../../../../convex/_generated/api";
import { formatMoney } from "../../../../convex/lib/money";
import { Badge, EmptyState, LoadMore, Loading, PageHeader, Table } from "../../../components/ui";
import { formatDateTime } from "../../../lib/format";
import { FinanceExportForm } from "../components/FinanceExportForm";

type ExportRow = FunctionReturnType<typeof api.finance.list>["page"][number];
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function FinanceExportsPage() {
  const { results, status, loadMore } = usePaginatedQuery(api.finance.list, {}, { initialNumItems: 10 });

  return (
    <div>
      <PageHeader title="Finance exports">
        <p className="muted">
          Per order: revenue, shipping charged, postage (bought, voided, net), refunds (returns and cancelled units),
          channel fees where the channel reports them (an empty field means not reported, never 0), cost of goods from
          the FIFO layers consumed, margin; and per-day totals. Orders are taken by the day they were booked (UTC).
        </p>
      </PageHeader>
      <FinanceExportForm />
      {status === "LoadingFirstPage" ? (
        <Loading label="Loading exports…" />
      ) : results.length === 0 ? (
        <EmptyState title="No exports yet">
          Pick a period and press Export; the files appear here when ready.
        </EmptyState>
      ) : (
        <>
          <Table caption="Finance exports, newest first">
            <thead>
              <tr>
                <th>Requested</th>
                <th>By</th>
                <th>Period</th>
                <th>Status</th>
                <th className="num">Orders</th>
                <th className="num">Revenue</th>
                <th className="num">Shipping charged</th>
                <th className="num">Postage net</th>
                <th className="num">Refunds</th>
                <th className="num">Channel fees</th>
                <th className="num">COGS</th>
                <th>Files</th>
              </tr>
            </thead>
            <tbody>
              {results.map((r) => (
                <ExportLine key={r._id} r={r} />
              ))}
            </tbody>
          </Table>
          <LoadMore status={status} onLoadMore={() => loadMore(10)} />
        </>
      )}
    </div>
  );
}

/** "reported for 12 of 40 orders": channel fees sum only what channels reported (the rest is "not reported"). */
function feesReported(totals: NonNullable<ExportRow["totals"]>) {
  const orders = totals.reduce((s, t) => s + t.orders, 0);
  if (totals.some((t) => t.feesReportedOrders === undefined)) return "not counted in this older export";
  const reported = totals.reduce((s, t) => s + (t.feesReportedOrders ?? 0), 0);
  return `reported for ${reported} of ${orders} orders`;
}

function ExportLine({ r }: { r: ExportRow }) {
  const money = (pick: (t: NonNullable<ExportRow["totals"]>[number]) => number) =>
    r.totals && r.totals.length ? r.totals.map((t) => formatMoney(pick(t), t.currency)).join(" · ") : "—";
  return (
    <tr data-testid="finance-export">
      <td>{formatDateTime(r.requestedAt)}</td>
      <td>{r.requestedByName}</td>
      <td>
        {isoDay(r.from)} – {isoDay(r.to - DAY)}
      </td>
      <td>
        {r.status === "running" && <Badge tone="info">running · {r.ordersDone} orders so far</Badge>}
        {r.status === "done" && <Badge tone="success">done</Badge>}
        {r.status === "failed" && <Badge tone="danger">failed</Badge>}
        {r.error && <div className="muted">{r.error}</div>}
      </td>
      <td className="num">{r.ordersDone}</td>
      <td className="num" data-testid="finance-revenue">
        {money((t) => t.revenueMinor)}
      </td>
      <td className="num" data-testid="finance-shipping">
        {money((t) => t.shippingChargedMinor)}
      </td>
      <td className="num" data-testid="finance-postage">
        {money((t) => t.postageNetMinor)}
      </td>
      <td className="num" data-testid="finance-refunds">
        {money((t) => t.refundsMinor)}
      </td>
      <td className="num">
        <span data-testid="finance-fees">{money((t) => t.channelFeesMinor)}</span>
        {r.totals && r.totals.length > 0 && (
          <div className="muted" data-testid="finance-fees-reported">
            {feesReported(r.totals)}
          </div>
        )}
      </td>
      <td className="num" data-testid="finance-cogs">
        {money((t) => t.cogsMinor)}
      </td>
      <td>
        {r.csvUrl ? (
          <span className="link-list">
            <a href={r.csvUrl} download={`orders-${isoDay(r.from)}.csv`}>
              Orders CSV
            </a>{" "}
            ·{" "}
            <a href={r.daysCsvUrl} download={`days-${isoDay(r.from)}.csv`}>
              Per day CSV
            </a>{" "}
            ·{" "}
            <a href={r.jsonUrl} download={`finance-${isoDay(r.from)}.json`}>
              JSON
            </a>
          </span>
        ) : (
          "—"
        )}
      </td>
    </tr>
  );
}
