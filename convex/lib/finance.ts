/**
 * Finance export arithmetic, pure: one row per order from its own figures, per-day and per-period
 * totals (per currency: amounts in different currencies are never added) and the CSV text.
 * Money stays in integer minor units until the CSV writes it as a decimal with two places.
 *
 * Per order:
 *   revenue            the order total (Σ line price × quantity, as booked)
 *   shipping charged   what the customer paid for shipping (the order's shippingChargedMinor; 0 when
 *                      absent, as on every order made before issue 20)
 *   postage bought     Σ cost of every label bought for its shipments (voided ones included)
 *   postage voided     Σ cost of its voided labels (refunded by the carrier)
 *   postage net        bought − voided = Σ its live labels
 *   refunds            Σ recorded RMA refunds + Σ refunds for cancelled units (due or recorded)
 *   channel fees       Σ the fees the channel reported for the order; null ("not reported", an empty
 *                      CSV field, never 0) when the channel does not report fees or has not yet
 *   COGS               Σ its shipments' cost of goods from the FIFO layers consumed when they shipped
 *   margin             revenue + shipping charged − postage net − refunds − channel fees − COGS
 *                      (fees not reported count as none: the margin is before them)
 */
import { dayKey } from "./clock";

export const FINANCE_AMOUNTS = [
  "revenueMinor",
  "shippingChargedMinor",
  "postageBoughtMinor",
  "postageVoidedMinor",
  "postageNetMinor",
  "refundsMinor",
  "channelFeesMinor",
  "cogsMinor",
  "marginMinor",
] as const;
export type FinanceAmount = (typeof FINANCE_AMOUNTS)[number];

/** Where an order's channel fees stand: reported, still being asked for, or never reported. */
export type ChannelFeesStatus = "reported" | "checking" | "not_reported";

export type FinanceOrderRow = {
  orderNumber: string;
  bookedAt: number;
  day: string;
  channel: string;
  status: string;
  currency: string;
  channelFeesStatus: ChannelFeesStatus;
} & Record<Exclude<FinanceAmount, "channelFeesMinor">, number> & { channelFeesMinor: number | null };

export type OrderFigures = {
  orderNumber: string;
  bookedAt: number;
  channel: string;
  status: string;
  currency: string;
  totalMinor: number;
  labels: { costMinor: number; voided: boolean }[];
  refundsMinor: number[];
  cogsMinor: number[];
  /** Absent on orders made before issue 20: 0. */
  shippingChargedMinor?: number;
  /** null when the channel has not reported them. */
  channelFeesMinor: number | null;
  channelFeesStatus: ChannelFeesStatus;
};

export function orderRow(o: OrderFigures): FinanceOrderRow {
  const sum = (xs: number[]) => xs.reduce((s, n) => s + n, 0);
  const postageBoughtMinor = sum(o.labels.map((l) => l.costMinor));
  const postageVoidedMinor = sum(o.labels.filter((l) => l.voided).map((l) => l.costMinor));
  const postageNetMinor = postageBoughtMinor - postageVoidedMinor;
  const refundsMinor = sum(o.refundsMinor);
  const cogsMinor = sum(o.cogsMinor);
  const shippingChargedMinor = o.shippingChargedMinor ?? 0;
  const channelFeesMinor = o.channelFeesMinor;
  return {
    orderNumber: o.orderNumber,
    bookedAt: o.bookedAt,
    day: dayKey(o.bookedAt),
    channel: o.channel,
    status: o.status,
    currency: o.currency,
    channelFeesStatus: o.channelFeesStatus,
    revenueMinor: o.totalMinor,
    shippingChargedMinor,
    postageBoughtMinor,
    postageVoidedMinor,
    postageNetMinor,
    refundsMinor,
    channelFeesMinor,
    cogsMinor,
    marginMinor:
      o.totalMinor + shippingChargedMinor - postageNetMinor - refundsMinor - (channelFeesMinor ?? 0) - cogsMinor,
  };
}

/** `channelFeesMinor` sums the reported fees; `feesReportedOrders` says of how many orders. */
export type FinanceTotalRow = { currency: string; orders: number; feesReportedOrders: number } & Record<
  FinanceAmount,
  number
>;
export type FinanceDayRow = FinanceTotalRow & { day: string };

/** Running totals per day × currency and per currency; add rows as pages arrive. */
export class FinanceTotals {
  days = new Map<string, FinanceDayRow>();
  period = new Map<string, FinanceTotalRow>();

  add(r: FinanceOrderRow) {
    const zero = (): Record<FinanceAmount, number> =>
      Object.fromEntries(FINANCE_AMOUNTS.map((k) => [k, 0])) as Record<FinanceAmount, number>;
    const dayKey = `${r.day}|${r.currency}`;
    let d = this.days.get(dayKey);
    if (!d)
      this.days.set(dayKey, (d = { day: r.day, currency: r.currency, orders: 0, feesReportedOrders: 0, ...zero() }));
    let p = this.period.get(r.currency);
    if (!p) this.period.set(r.currency, (p = { currency: r.currency, orders: 0, feesReportedOrders: 0, ...zero() }));
    for (const t of [d, p]) {
      t.orders += 1;
      if (r.channelFeesMinor !== null) t.feesReportedOrders += 1;
      for (const k of FINANCE_AMOUNTS) t[k] += r[k] ?? 0;
    }
  }

  dayRows(): FinanceDayRow[] {
    return [...this.days.values()].sort((a, b) => a.day.localeCompare(b.day) || a.currency.localeCompare(b.currency));
  }

  periodRows(): FinanceTotalRow[] {
    return [...this.period.values()].sort((a, b) => a.currency.localeCompare(b.currency));
  }
}

/** "-12.30" from -1230 (two decimal places, as every currency we sell in has). */
export function decimal(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** A CSV field: quoted when it holds a comma, quote or line break; a leading = + - @ is defused. */
export function csvField(s: string): string {
  const safe = /^[=+@\t\r]/.test(s) || (/^-/.test(s) && !/^-\d/.test(s)) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const AMOUNT_HEADERS: Record<FinanceAmount, string> = {
  revenueMinor: "revenue",
  shippingChargedMinor: "shipping_charged",
  postageBoughtMinor: "postage_bought",
  postageVoidedMinor: "postage_voided",
  postageNetMinor: "postage_net",
  refundsMinor: "refunds",
  channelFeesMinor: "channel_fees",
  cogsMinor: "cogs",
  marginMinor: "margin",
};

export const ORDER_CSV_HEADER = [
  "order",
  "booked_at",
  "day",
  "channel",
  "status",
  "currency",
  ...FINANCE_AMOUNTS.map((k) => AMOUNT_HEADERS[k]),
  "channel_fees_status",
].join(",");
export const DAY_CSV_HEADER = [
  "day",
  "currency",
  "orders",
  ...FINANCE_AMOUNTS.map((k) => AMOUNT_HEADERS[k]),
  "orders_with_fees_reported",
].join(",");

/** An amount as CSV text; a figure nobody reported (null) is an empty field, never 0. */
const amountField = (minor: number | null) => (minor === null ? "" : decimal(minor));

export function orderCsvLine(r: FinanceOrderRow): string {
  return [r.orderNumber, new Date(r.bookedAt).toISOString(), r.day, r.channel, r.status, r.currency]
    .map(csvField)
    .concat(FINANCE_AMOUNTS.map((k) => amountField(r[k])))
    .concat([r.channelFeesStatus])
    .join(",");
}

export function dayCsvLine(r: FinanceDayRow): string {
  return [r.day, r.currency, String(r.orders)]
    .map(csvField)
    .concat(FINANCE_AMOUNTS.map((k) => decimal(r[k])))
    .concat([String(r.feesReportedOrders)])
    .join(",");
}
