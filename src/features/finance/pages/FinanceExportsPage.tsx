/**
 * /finance/exports — finance exports: pick a period, start one; the list shows who ran each, its
 * progress while the server pages through the orders, the totals and the download links (per
 * order CSV, per day CSV, JSON) when done.
 */
import { usePagedRows } from "../../../lib/paging";
import type { FunctionReturnType } from "convex/server";
import { api } from "../../../../convex/_generated/api";
import { formatMoney } from "../../../../convex/lib/money";
import { Badge, PageHeader } from "../../../components/ui";
import { DataTable, type Column } from "../../../components/ui/DataTable";
import { formatDateTime } from "../../../lib/format";
import { FinanceExportForm } from "../components/FinanceExportForm";
import { DAY, dayKey } from "../../../../convex/lib/clock";

type ExportRow = FunctionReturnType<typeof api.finance.list>["page"][number];

export function FinanceExportsPage() {
  const page = usePagedRows(api.finance.list, {}, 10);

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
      <DataTable
        caption="Finance exports, newest first"
        columns={exportColumns}
        {...page}
        rowKey={(r) => r._id}
        rowData={() => ({ "data-testid": "finance-export" })}
        loadingLabel="Loading exports…"
        empty={{
          title: "No exports yet",
          body: "Pick a period and press Export; the files appear here when ready.",
        }}
      />
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

const totalsOf = (r: ExportRow, pick: (t: NonNullable<ExportRow["totals"]>[number]) => number) =>
  r.totals && r.totals.length ? r.totals.map((t) => formatMoney(pick(t), t.currency)).join(" · ") : "—";

/** A money total of the export, per currency (`finance-<key>` for the browser journeys). */
const totalColumn = (key: string, header: string, pick: Parameters<typeof totalsOf>[1]): Column<ExportRow> => ({
  key,
  header,
  align: "num",
  testId: `finance-${key}`,
  cell: (r) => totalsOf(r, pick),
});

const exportColumns: Column<ExportRow>[] = [
  { key: "requested", header: "Requested", priority: "primary", cell: (r) => formatDateTime(r.requestedAt) },
  { key: "by", header: "By", cell: (r) => r.requestedByName },
  { key: "period", header: "Period", cell: (r) => `${dayKey(r.from)} – ${dayKey(r.to - DAY)}` },
  {
    key: "status",
    header: "Status",
    cell: (r) => (
      <>
        {r.status === "running" && <Badge tone="info">running · {r.ordersDone} orders so far</Badge>}
        {r.status === "done" && <Badge tone="success">done</Badge>}
        {r.status === "failed" && <Badge tone="danger">failed</Badge>}
        {r.error && <div className="muted">{r.error}</div>}
      </>
    ),
  },
  { key: "orders", header: "Orders", align: "num", cell: (r) => r.ordersDone },
  totalColumn("revenue", "Revenue", (t) => t.revenueMinor),
  totalColumn("shipping", "Shipping charged", (t) => t.shippingChargedMinor),
  totalColumn("postage", "Postage net", (t) => t.postageNetMinor),
  totalColumn("refunds", "Refunds", (t) => t.refundsMinor),
  {
    key: "fees",
    header: "Channel fees",
    align: "num",
    cell: (r) => (
      <>
        <span data-testid="finance-fees">{totalsOf(r, (t) => t.channelFeesMinor)}</span>
        {r.totals && r.totals.length > 0 && (
          <div className="muted" data-testid="finance-fees-reported">
            {feesReported(r.totals)}
          </div>
        )}
      </>
    ),
  },
  totalColumn("cogs", "COGS", (t) => t.cogsMinor),
  {
    key: "files",
    header: "Files",
    cell: (r) =>
      r.csvUrl ? (
        <span className="link-list">
          <a href={r.csvUrl} download={`orders-${dayKey(r.from)}.csv`}>
            Orders CSV
          </a>{" "}
          ·{" "}
          <a href={r.daysCsvUrl} download={`days-${dayKey(r.from)}.csv`}>
            Per day CSV
          </a>{" "}
          ·{" "}
          <a href={r.jsonUrl} download={`finance-${dayKey(r.from)}.json`}>
            JSON
          </a>
        </span>
      ) : (
        "—"
      ),
  },
];
