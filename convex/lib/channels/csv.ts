/**
 * CSV order import, the pure part: header names to canonical fields, per-row checks (the same
 * address and email rules as the order form, lib/address.ts), and rows grouped into orders by
 * order_id. The browser runs it for the preview; the import mutation runs it again on the same
 * rows before writing anything, and adds the checks that need the catalog.
 */
import { addressErrors, isEmail } from "../address";
import type { NormalizedOrder } from "./order";
import { isCurrency } from "../money";
import { MAX_LINE_QUANTITY, MAX_MONEY_MINOR, numberProblem, stringProblem, type StringKind } from "../bounds";

/**
 * The columns, in the order of the template file: each with its text limit (lib/bounds
 * STRING_LIMITS), whether a row must fill it, and whether it describes the order rather than the
 * line (`perOrder`: every row of one order must agree on it).
 */
const CSV_COLUMNS = {
  order_id: { kind: "code", required: true },
  placed_at: { kind: "code" },
  customer_name: { kind: "name", required: true, perOrder: true },
  customer_email: { kind: "email", required: true, perOrder: true },
  customer_phone: { kind: "phone" },
  ship_name: { kind: "name", perOrder: true },
  ship_company: { kind: "name" },
  ship_line1: { kind: "address", required: true, perOrder: true },
  ship_line2: { kind: "address" },
  ship_city: { kind: "address", required: true, perOrder: true },
  ship_region: { kind: "address" },
  ship_postal_code: { kind: "address", required: true, perOrder: true },
  ship_country: { kind: "code", required: true, perOrder: true },
  currency: { kind: "code", required: true, perOrder: true },
  sku: { kind: "code", required: true },
  quantity: { kind: "code", required: true },
  unit_price: { kind: "code", required: true },
  ship_by: { kind: "code" },
  priority: { kind: "code" },
  notes: { kind: "note" },
  // Click & collect: the code of the store the customer collects from (issue 20).
  pickup_store: { kind: "code", perOrder: true },
  // What the customer paid for shipping, once per order (issue 20): 4.99; empty = none.
  shipping_charged: { kind: "code", perOrder: true },
} as const satisfies Record<string, { kind: StringKind; required?: true; perOrder?: true }>;

export type CsvField = keyof typeof CSV_COLUMNS;
export const CSV_FIELDS = Object.keys(CSV_COLUMNS) as CsvField[];
export type CsvRow = Partial<Record<CsvField, string>>;
export const REQUIRED_FIELDS = CSV_FIELDS.filter((f) => "required" in CSV_COLUMNS[f]);
const ORDER_FIELDS = CSV_FIELDS.filter((f) => "perOrder" in CSV_COLUMNS[f]);

/** At most this many rows per import: the whole file is one transaction. */
export const MAX_CSV_ROWS = 500;

const ALIASES: Record<string, CsvField> = {
  order: "order_id",
  order_number: "order_id",
  external_id: "order_id",
  email: "customer_email",
  name: "customer_name",
  address1: "ship_line1",
  address2: "ship_line2",
  city: "ship_city",
  state: "ship_region",
  province: "ship_region",
  region: "ship_region",
  zip: "ship_postal_code",
  postal_code: "ship_postal_code",
  postcode: "ship_postal_code",
  country: "ship_country",
  qty: "quantity",
  price: "unit_price",
  shipping: "shipping_charged",
  shipping_price: "shipping_charged",
};

/** "Order ID" → "order_id"; unknown headers → null (ignored). */
export function canonicalHeader(h: string): CsvField | null {
  const k = h
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
  if (Object.hasOwn(CSV_COLUMNS, k)) return k as CsvField;
  return ALIASES[k] ?? null;
}

/** Keeps the known columns of a parsed record, trimmed. */
export function toCsvRow(record: Record<string, unknown>): CsvRow {
  const row: CsvRow = {};
  for (const [h, value] of Object.entries(record)) {
    const f = canonicalHeader(h);
    if (f && typeof value === "string" && value.trim() !== "") row[f] = value.trim();
  }
  return row;
}

const PRIORITIES: Record<string, number> = { "0": 0, "1": 1, "2": 2, normal: 0, high: 1, urgent: 2 };
const ADDRESS_FIELD: Record<string, CsvField> = {
  name: "ship_name",
  company: "ship_company",
  line1: "ship_line1",
  line2: "ship_line2",
  city: "ship_city",
  region: "ship_region",
  postalCode: "ship_postal_code",
  country: "ship_country",
};

/** ISO dates only ("2025-03-31" or "2025-03-31T14:00:00Z"), within the platform's date range. */
function dateMs(s: string | undefined) {
  if (!s) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(s)) return NaN;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s.replace(" ", "T"));
  return Number.isFinite(t) && numberProblem(t, "date") === undefined ? t : NaN;
}

/**
 * A CSV quantity: plain decimal digits only ("3"), 1 … MAX_LINE_QUANTITY. "1.5", "1e3", "0x10",
 * "2,000", " +2" and the like are not quantities a person means, so they are row errors.
 */
export function parseCsvQuantity(text: string): number | undefined {
  if (!/^\d{1,7}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= MAX_LINE_QUANTITY ? n : undefined;
}

/**
 * A CSV price in the currency's minor units: optional currency sign, plain digits, at most as many
 * decimals as the currency has ("19.99", "$5", "5.5"). More decimals is a row error, never rounded;
 * thousands separators, exponents and signs are refused.
 */
export function parseCsvPrice(text: string): number | undefined {
  const m = /^[$£€]?(\d{1,12})(?:\.(\d+))?$/.exec(text);
  if (!m) return undefined;
  const exp = 2; // every supported currency (lib/money CURRENCIES) has two decimals
  const frac = m[2] ?? "";
  if (frac.length > exp) return undefined;
  const minor = Number(m[1]) * 10 ** exp + Number(frac.padEnd(exp, "0"));
  return Number.isSafeInteger(minor) && minor <= MAX_MONEY_MINOR ? minor : undefined;
}

/** Field → message for one row (row-local checks only). */
export function rowErrors(r: CsvRow): Partial<Record<CsvField, string>> {
  const e: Partial<Record<CsvField, string>> = {};
  for (const f of REQUIRED_FIELDS) if (!r[f]) e[f] = `${f} is required.`;
  if (r.customer_email && !isEmail(r.customer_email))
    e.customer_email = `"${r.customer_email}" is not an email address.`;
  if (r.quantity && parseCsvQuantity(r.quantity) === undefined)
    e.quantity = `"${r.quantity.slice(0, 40)}" is not a quantity: whole units from 1 to ${MAX_LINE_QUANTITY.toLocaleString("en-US")}, digits only.`;
  if (r.unit_price && parseCsvPrice(r.unit_price) === undefined) {
    e.unit_price = /^[$£€]?\d+\.\d{3,}$/.test(r.unit_price)
      ? `"${r.unit_price}" has more decimals than the currency has (use 19.99); prices are never rounded.`
      : `"${r.unit_price.slice(0, 40)}" is not a price (use 19.99: digits, at most two decimals).`;
  }
  if (r.shipping_charged && parseCsvPrice(r.shipping_charged) === undefined)
    e.shipping_charged = `"${r.shipping_charged.slice(0, 40)}" is not an amount (use 4.99: digits, at most two decimals).`;
  for (const f of CSV_FIELDS) {
    const v = r[f];
    const p = v === undefined ? undefined : stringProblem(v, CSV_COLUMNS[f].kind);
    if (p && !e[f]) e[f] = p;
  }
  if (r.currency && !isCurrency(r.currency.toUpperCase()))
    e.currency = `We do not sell in "${r.currency}" (USD, CAD, GBP or EUR).`;
  if (r.priority && PRIORITIES[r.priority.toLowerCase()] === undefined)
    e.priority = "Priority is normal, high or urgent (0, 1, 2).";
  if (Number.isNaN(dateMs(r.ship_by))) e.ship_by = `"${r.ship_by}" is not a date (use 2025-03-31).`;
  if (Number.isNaN(dateMs(r.placed_at))) e.placed_at = `"${r.placed_at}" is not a date.`;
  const addr = addressErrors(
    {
      name: r.ship_name ?? r.customer_name ?? "",
      company: r.ship_company,
      line1: r.ship_line1 ?? "",
      line2: r.ship_line2,
      city: r.ship_city ?? "",
      region: r.ship_region,
      postalCode: r.ship_postal_code ?? "",
      country: r.ship_country ?? "",
    },
    "a",
  );
  for (const [k, msg] of Object.entries(addr)) {
    const f = ADDRESS_FIELD[k.slice(2)];
    if (f && !e[f]) e[f] = msg;
  }
  return e;
}

export type CsvOrder = { order: NormalizedOrder; rows: number[] };
export type CsvCheck = { errors: Map<number, Partial<Record<CsvField, string>>>; orders: CsvOrder[] };

/**
 * Checks every row and groups the rows into orders by order_id (`rows[i]` is file row i + 2, after
 * the header). Rows in `excluded` are left out. An order is built only from rows without errors.
 * `now` stands in for rows without `placed_at`. No default clock read (a query must not read the
 * time): the import mutation passes its own `Date.now()`; previews leave it 0, as they never show it.
 */
export function checkCsv(rows: CsvRow[], excluded: ReadonlySet<number> = new Set(), now = 0): CsvCheck {
  const errors = new Map<number, Partial<Record<CsvField, string>>>();
  const groups = new Map<string, number[]>();
  rows.forEach((r, i) => {
    if (excluded.has(i)) return;
    const e = rowErrors(r);
    if (Object.keys(e).length) errors.set(i, e);
    if (r.order_id) groups.set(r.order_id, [...(groups.get(r.order_id) ?? []), i]);
  });
  const orders: CsvOrder[] = [];
  for (const [id, idx] of groups) {
    const first = rows[idx[0]];
    for (const i of idx.slice(1)) {
      for (const f of ORDER_FIELDS) {
        if ((rows[i][f] ?? "") !== (first[f] ?? ""))
          errors.set(i, { ...errors.get(i), [f]: `Order ${id} has "${first[f] ?? ""}" here on row ${idx[0] + 2}.` });
      }
    }
    if (idx.some((i) => errors.has(i))) continue;
    const r = first;
    const placed = dateMs(r.placed_at) ?? now;
    orders.push({
      rows: idx,
      order: {
        priority: r.priority ? PRIORITIES[r.priority.toLowerCase()] : undefined,
        externalId: id,
        placedAt: placed,
        updatedAt: placed,
        cancelled: false,
        customer: { name: r.customer_name!, email: r.customer_email!, phone: r.customer_phone },
        shipTo: {
          name: r.ship_name ?? r.customer_name!,
          company: r.ship_company,
          line1: r.ship_line1!,
          line2: r.ship_line2,
          city: r.ship_city!,
          region: r.ship_region,
          postalCode: r.ship_postal_code!,
          country: r.ship_country!.toUpperCase(),
          phone: r.customer_phone,
        },
        currency: r.currency!.toUpperCase() as NormalizedOrder["currency"],
        lines: idx.map((i) => ({
          externalLineId: `${id}#${i + 2}`,
          listingSku: rows[i].sku!,
          quantity: parseCsvQuantity(rows[i].quantity!)!,
          unitPriceMinor: parseCsvPrice(rows[i].unit_price!)!,
        })),
        shipBy: dateMs(r.ship_by),
        notes: r.notes,
        ...(r.pickup_store ? { pickupStoreCode: r.pickup_store.toUpperCase() } : {}),
        ...(r.shipping_charged ? { shippingChargedMinor: parseCsvPrice(r.shipping_charged)! } : {}),
      },
    });
  }
  return { errors, orders };
}
