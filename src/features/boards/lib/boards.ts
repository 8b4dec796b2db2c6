/**
 * Shaping board query results for the charts, pure: backlog pivots for stacked bars, carrier spend
 * per day or week, and the formats of the KPI tiles. Tested in boards.test.ts.
 */
import { OPEN_ORDER_STATUSES, OPEN_SHIPMENT_STATUSES, SHIPMENT_STATUS_LABELS } from "../../../../convex/lib/statusSets";
import { weekOf } from "../../../../convex/lib/clock";
import { STATUS_LABELS, type OrderStatus } from "../../../../convex/lib/orderStatus";
import type { PageStatus } from "../../../components/ui/DataTable";

/** A loaded page of a board's paginated query: its rows and "Load more" (DataTable's `pagination`). */
export type BoardPage<R> = { rows: R[]; pagination: { status: PageStatus; onLoadMore: () => void } };

export type BacklogOrderRow = { status: OrderStatus; channel: string; count: number };
export type BacklogShipmentRow = { status: string; warehouseId: string; warehouseCode: string; count: number };
export type Stacked = { data: Record<string, string | number>[]; series: string[]; total: number };

/** Open orders per stage (x) stacked by channel, stages in pipeline order, empty stages kept. */
export function ordersByStage(rows: BacklogOrderRow[]): Stacked {
  const series = [...new Set(rows.map((r) => r.channel))].sort();
  const data = OPEN_ORDER_STATUSES.map((status) => {
    const point: Record<string, string | number> = { stage: STATUS_LABELS[status] };
    for (const channel of series)
      point[channel] = rows.find((r) => r.status === status && r.channel === channel)?.count ?? 0;
    return point;
  });
  return { data, series, total: rows.reduce((s, r) => s + r.count, 0) };
}

/** Open shipments per warehouse (x) stacked by shipment stage. */
export function shipmentsByWarehouse(rows: BacklogShipmentRow[]): Stacked {
  const codes = [...new Set(rows.map((r) => r.warehouseCode))].sort();
  const series = OPEN_SHIPMENT_STATUSES.filter((s) => rows.some((r) => r.status === s)).map(
    (s) => SHIPMENT_STATUS_LABELS[s],
  );
  const data = codes.map((code) => {
    const point: Record<string, string | number> = { warehouse: code };
    for (const s of OPEN_SHIPMENT_STATUSES) {
      const n = rows.filter((r) => r.warehouseCode === code && r.status === s).reduce((a, r) => a + r.count, 0);
      if (n) point[SHIPMENT_STATUS_LABELS[s]] = n;
    }
    return point;
  });
  return { data, series, total: rows.reduce((s, r) => s + r.count, 0) };
}

export type SpendDay = {
  day: string;
  carrier: string;
  service: string;
  currency: string;
  amountMinor: number;
  labels: number;
  savingsMinor: number;
};

/**
 * Postage per period stacked by carrier · service in one currency, with savings per period and
 * totals. Periods are days, or weeks starting on Monday (UTC, as the server buckets them).
 */
export function spendSeries(days: SpendDay[], currency: string, by: "day" | "week") {
  const rows = days.filter((d) => d.currency === currency);
  const series = [...new Set(rows.map((d) => `${d.carrier} ${d.service}`))].sort();
  const periods = new Map<string, Record<string, string | number>>();
  for (const d of rows) {
    const period = by === "day" ? d.day : weekOf(d.day);
    const point = periods.get(period) ?? { period, savings: 0 };
    const key = `${d.carrier} ${d.service}`;
    point[key] = ((point[key] as number | undefined) ?? 0) + d.amountMinor / 100;
    point.savings = (point.savings as number) + d.savingsMinor / 100;
    periods.set(period, point);
  }
  const data = [...periods.values()].sort((a, b) => String(a.period).localeCompare(String(b.period)));
  const sum = (f: (d: SpendDay) => number) => rows.reduce((s, d) => s + f(d), 0);
  return {
    data,
    series,
    totals: {
      amountMinor: sum((d) => d.amountMinor),
      savingsMinor: sum((d) => d.savingsMinor),
      labels: sum((d) => d.labels),
    },
  };
}

/** Currencies present, most spent first. */
export function currenciesOf(days: SpendDay[]): string[] {
  const total = new Map<string, number>();
  for (const d of days) total.set(d.currency, (total.get(d.currency) ?? 0) + Math.abs(d.amountMinor));
  return [...total.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
}

/** "2 d 4 h", "3 h 20 min", "45 min"; "—" when unknown. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  const minutes = Math.round(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  return `${m} min`;
}

/** 0.975 → "97.5%"; "—" when there is nothing to divide. */
export function formatPercent(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  return `${(Math.round(x * 1000) / 10).toFixed(1).replace(/\.0$/, "")}%`;
}

/** How far a deadline is from now: "2 h 5 min late" or "in 40 min". */
export function deadlineText(deadline: number, now: number): string {
  const diff = deadline - now;
  return diff <= 0 ? `${formatDuration(-diff)} late` : `in ${formatDuration(diff)}`;
}

/** A stable colour per series name from a palette readable on white. */
const PALETTE = [
  "#1f4e79",
  "#d97706",
  "#2f855a",
  "#9b2c2c",
  "#6b46c1",
  "#0f766e",
  "#b7791f",
  "#4a5568",
  "#c05621",
  "#2b6cb0",
];
export function colorOf(name: string, names: string[]): string {
  const i = names.indexOf(name);
  return PALETTE[(i < 0 ? 0 : i) % PALETTE.length];
}
