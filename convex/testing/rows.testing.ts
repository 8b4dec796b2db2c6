/**
 * Rows written straight into a table, for fixtures and for the truth check's broken-on-purpose
 * scenarios: each table's minimal valid row, to which the caller adds the links (ids) it needs
 * and whatever its scenario changes.
 */
import type { WithoutSystemFields } from "convex/server";
import type { Doc, TableNames } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";

type Row<T extends TableNames> = WithoutSystemFields<Doc<T>>;

/** Every field but the links: a one-gram, one-millimetre world, a USPS label, nothing picked yet. */
const DEFAULTS = {
  packages: { index: 1, weightGrams: 1, lengthMm: 1, widthMm: 1, heightMm: 1, items: [] },
  pickLists: {
    number: "PL-1",
    kind: "batch",
    status: "open",
    requireBinScan: false,
    unitsTotal: 1,
    unitsPicked: 0,
    unitsShort: 0,
    createdAt: 0,
  },
  pickTasks: {
    seq: 0,
    sku: "S",
    name: "S",
    bin: "A-1",
    zone: "A",
    tote: 1,
    quantity: 1,
    picked: 0,
    short: 0,
    binConfirmed: false,
  },
  rateShopRequests: { status: "done", autoBuy: false, requestedByName: "A", requestedAt: 0, outcomes: [] },
  shippingQuotes: {
    provider: "table",
    carrier: "USPS",
    service: "Priority Mail",
    amountMinor: 100,
    currency: "USD",
    ref: "{}",
    quotedAt: 0,
    selected: true,
  },
  shippingLabels: {
    purchaseKey: "k",
    idempotencyKey: "k:1",
    provider: "table",
    carrier: "USPS",
    service: "Priority Mail",
    status: "failed",
    attempts: 1,
    currency: "USD",
    requestedByName: "A",
    createdAt: 0,
  },
} satisfies { [T in TableNames]?: Partial<Row<T>> };

type WithDefaults = keyof typeof DEFAULTS;

/** Inserts a row of `table`: its defaults, overridden by `fields` (which must give every link). */
export function insertRow<T extends WithDefaults>(
  ctx: MutationCtx,
  table: T,
  fields: Omit<Row<T>, keyof (typeof DEFAULTS)[T]> & Partial<Row<T>>,
) {
  return ctx.db.insert(table, { ...DEFAULTS[table], ...fields } as unknown as Row<T>);
}
