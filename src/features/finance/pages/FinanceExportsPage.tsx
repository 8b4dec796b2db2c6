/**
 * /finance/exports — finance exports: pick a period, start one; the list shows who ran each, its
 * progress while the server pages through the orders, the totals and the download links (per
 * order CSV, per day CSV, JSON) when done.
 */
import { useState, type FormEvent } from "react";
import { usePaginatedQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { api } from "../../../../convex/_generated/api";
import { formatMoney } from "../../../../convex/lib/money";
import { Badge, Button, FormError, PageHeader, TextField, useToast } from "../../../components/ui";
import { DataTable, pageOf, type Column } from "../../../components/ui/DataTable";
import { formatDateTime } from "../../../lib/format";
import { useAppMutation } from "../../../lib/useAppMutation";

type ExportRow = FunctionReturnType<typeof api.finance.list>["page"][number];
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** [from, to) in UTC from two inclusive day fields; undefined when a field is not a date. */
export function periodOf(fromDay: string, toDay: string): { from: number; to: number } | undefined {
  const from = Date.parse(`${fromDay}T00:00:00Z`);
  const last = Date.parse(`${toDay}T00:00:00Z`);
  if (!Number.isFinite(from) || !Number.isFinite(last)) return undefined;
  return { from, to: last + DAY };
}

export function FinanceExportsPage() {
  const today = isoDay(Date.now());
  const [fromDay, setFrom] = useState(isoDay(Date.now() - 29 * DAY));
  const [toDay, setTo] = useState(today);
  const [localError, setLocalError] = useState<string>();
  const start = useAppMutation(api.finance.start);
  const toast = useToast();
  const page = usePaginatedQuery(api.finance.list, {}, { initialNumItems: 10 });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const period = periodOf(fromDay, toDay);
    if (!period) return setLocalError("Enter both days as dates.");
    setLocalError(undefined);
    const id = await start.run(period);
    if (id) toast.show("Export started: it pages through the orders on the server.");
  };

  return (
    <div>
      <PageHeader title="Finance exports">
        <p className="muted">
          Per order: revenue, shipping charged, postage (bought, voided, net), refunds, channel fees, cost of goods from
          the FIFO layers consumed, margin; and per-day totals. Orders are taken by the day they were booked (UTC).
        </p>
      </PageHeader>
      <form className="card form-grid" onSubmit={submit} aria-label="New finance export">
        <TextField
          label="From (day)"
          type="date"
          value={fromDay}
          max={today}
          onChange={(e) => setFrom(e.target.value)}
          error={start.fields.from}
        />
        <TextField
          label="To (day, included)"
          type="date"
          value={toDay}
          onChange={(e) => setTo(e.target.value)}
          error={start.fields.to}
        />
        <div>
          <Button type="submit" disabled={start.pending}>
            {start.pending ? "Starting…" : "Export"}
          </Button>
        </div>
        <FormError message={localError ?? start.error} />
      </form>
      <DataTable
        caption="Finance exports, newest first"
        columns={exportColumns}
        {...pageOf(page, 10)}
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

const totalsOf = (r: ExportRow, pick: (t: NonNullable<ExportRow["totals"]>[number]) => number) =>
  r.totals && r.totals.length ? r.totals.map((t) => formatMoney(pick(t), t.currency)).join(" · ") : "—";

const exportColumns: Column<ExportRow>[] = [
  { key: "requested", header: "Requested", priority: "primary", cell: (r) => formatDateTime(r.requestedAt) },
  { key: "by", header: "By", cell: (r) => r.requestedByName },
  { key: "period", header: "Period", cell: (r) => `${isoDay(r.from)} – ${isoDay(r.to - DAY)}` },
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
  {
    key: "revenue",
    header: "Revenue",
    align: "num",
    testId: "finance-revenue",
    cell: (r) => totalsOf(r, (t) => t.revenueMinor),
  },
  {
    key: "postage",
    header: "Postage net",
    align: "num",
    testId: "finance-postage",
    cell: (r) => totalsOf(r, (t) => t.postageNetMinor),
  },
  { key: "cogs", header: "COGS", align: "num", testId: "finance-cogs", cell: (r) => totalsOf(r, (t) => t.cogsMinor) },
  {
    key: "files",
    header: "Files",
    cell: (r) =>
      r.csvUrl ? (
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
      ),
  },
];
