/**
 * The bounds every edge enforces (DESIGN invariant 8), pure: one place for the limits on
 * quantities, money, dates and text, and the checks built on them. Public functions get them
 * twice: the role-checked builders run `argBoundProblems` over every call's arguments (each field
 * is bounded by its kind, named in FIELD_KINDS), and the model functions that create or move stock
 * and money call the `require…` helpers, so internal paths (channel adapters, CSV import, HTTP
 * actions, scheduled work) are bounded too. README "Limits" lists the same figures.
 *
 * Why these figures: every sum the platform keeps (a level's movements, an order's total, a
 * refund) stays a safe integer, so the ledger balances in any summation order.
 *   level units ≤ MAX_LEVEL_UNITS (1e9) and movements ≤ MAX_MOVEMENT_QUANTITY (1e6):
 *     even 9e6 movements of the largest size sum exactly.
 *   line total ≤ MAX_LINE_QUANTITY × MAX_MONEY_MINOR = 1e5 × 1e11 = 1e16 — over 2^53, so totals are
 *     checked with `checkedSum` / `checkedProduct` before they are computed and must stay ≤ MAX_TOTAL_MINOR.
 */
import { appError } from "./errors";

/** Units on one order line, one pick, one RMA line. */
export const MAX_LINE_QUANTITY = 100_000;
/** Units in one stock movement (receipt, adjustment, transfer, write-off). */
export const MAX_MOVEMENT_QUANTITY = 1_000_000;
/** Units a level may hold (onHand, damaged, reserved). */
export const MAX_LEVEL_UNITS = 1_000_000_000;
/** One amount in minor units (a price, a cost, a fee): 1,000,000,000.00 in a two-decimal currency. */
export const MAX_MONEY_MINOR = 100_000_000_000;
/** A computed total in minor units (order total, refund, spend). */
export const MAX_TOTAL_MINOR = 1_000_000_000_000_000;
/** Dates: 2000-01-01 … 2100-01-01 (epoch ms). */
export const MIN_DATE_MS = Date.UTC(2000, 0, 1);
export const MAX_DATE_MS = Date.UTC(2100, 0, 1);
/** A reason or note a person must give (hold, cancel, adjust, short pick, reject…): at least this many characters. */
export const MIN_REASON_LENGTH = 3;
export const isReasonTooShort = (text: string) => text.trim().length < MIN_REASON_LENGTH;

/** Refuses a reason shorter than MIN_REASON_LENGTH with `sentence`, naming `field`. */
export function requireReason(text: string, sentence: string, field = "reason") {
  if (isReasonTooShort(text))
    throw appError("INVALID_INPUT", sentence, { [field]: `At least ${MIN_REASON_LENGTH} characters.` });
}

/**
 * How many of a kind one parent holds. Creating one more is refused in words (pick lists split
 * instead), so every reader reads a parent's rows in one go, with this limit, and misses none.
 */
/** Lines on one order or one RMA. */
export const MAX_ORDER_LINES = 200;
/** RMAs on one order (more units go onto one of its open RMAs). */
export const MAX_RMAS_PER_ORDER = 100;
/** RMAs one order line is on. */
export const MAX_RMAS_PER_LINE = 100;
/** Packages of one shipment. */
export const MAX_PACKAGES = 100;
/** Stops on one pick list: bigger work becomes several lists of whole shipments (lib/floor.ts). */
export const MAX_PICK_TASKS = 1000;
/** Shipments in one label batch. */
export const MAX_BATCH_ITEMS = 1000;
/** Fulfilment sources (warehouses, 3PLs, suppliers, stores) of the workspace, active or not. */
export const MAX_WAREHOUSES = 200;
/** Shipping rules in the rule set, the default rule included. */
export const MAX_RULES = 200;
/** Saved views one member keeps per list. */
export const MAX_SAVED_VIEWS = 30;
/** Barcodes of one product (UPC, EAN, the supplier's Code 128…). */
export const MAX_BARCODES = 20;

/**
 * A package's longest side and weight the floor accepts (an opened package, a scale reading, a box
 * type): past every parcel carrier's limits, so a real package always fits and a typed run of
 * zeros is refused in words instead of being rated.
 */
export const MAX_PACKAGE_MM = 3_000;
export const MAX_PACKAGE_GRAMS = 1_000_000;

/** Items in one array argument (lines, barcodes, rows…); the CSV import has its own row limit. */
export const MAX_ARRAY_ITEMS = 1_000;
/** Any other number an argument carries (sizes, scores, hours, versions…). */
export const MAX_PLAIN_NUMBER = 1_000_000_000_000;
/**
 * Rows in one page of a list a client pages through (`paginationOpts.numItems`): the pages ask 10
 * to 100, and a page's rows may each read a few more documents, so a bigger ask is refused in words
 * before it can run into the platform's per-query read limit as a bare server error.
 */
export const MAX_PAGE_ITEMS = 200;
/** Ids in one page of a bulk action (convex/bulk.ts): each id is its own sub-transaction. */
export const MAX_BULK_IDS = 100;
/** Orders or shipments one call adds to a label batch (and shipments one "from a filter" call takes); the client sends more in pages. */
export const BATCH_PAGE_SIZE = 100;
/** Orders or shipments printed together in one call (a bulk "Print" sends a page of this many). */
export const PRINT_PAGE_SIZE = 100;

/** A note's problem: longer than STRING_LIMITS.note (an order's notes, an RMA's note). */
export const noteProblem = (note: string | undefined, what = "the note") =>
  note && note.length > STRING_LIMITS.note
    ? `Keep ${what} under ${STRING_LIMITS.note.toLocaleString("en-US")} characters.`
    : undefined;

/** Maximum length per kind of text field. */
export const STRING_LIMITS = {
  code: 64,
  name: 200,
  email: 254,
  phone: 40,
  address: 200,
  reason: 500,
  note: 2_000,
  url: 2_048,
  /** A notification template's body. */
  template: 20_000,
  /** Opaque cursors and ids the client echoes back. */
  token: 8_192,
} as const;
export type StringKind = keyof typeof STRING_LIMITS;
/** date: a stored date (2000…2100); dateRange: a query bound, 0 (the beginning) … 2100. */
export type NumberKind = "quantity" | "money" | "date" | "dateRange" | "plain";

/** Argument field name → kind; a field not named here is a `note` (strings) or `plain` (numbers). */
export const FIELD_KINDS: Record<string, StringKind | NumberKind> = {
  // text
  sku: "code",
  code: "code",
  listingSku: "code",
  scanId: "code",
  currency: "code",
  country: "code",
  region: "address",
  postalCode: "address",
  postalPrefixes: "code",
  countries: "code",
  states: "code",
  channels: "code",
  channel: "code",
  excludeCarriers: "code",
  carrier: "name",
  service: "name",
  strategy: "code",
  barcodes: "code",
  trackingNumber: "code",
  number: "code",
  cutoffLocal: "code",
  timezone: "code",
  field: "code",
  place: "code",
  marketplaceId: "code",
  // Channel pickup locations (issue 20): the channel's location id and its name.
  locationId: "code",
  locationName: "name",
  shopDomain: "name",
  fromDay: "code",
  toDay: "code",
  reference: "name",
  order_id: "code",
  name: "name",
  title: "name",
  label: "name",
  customer_name: "name",
  ship_name: "name",
  ship_company: "name",
  company: "name",
  email: "email",
  customer_email: "email",
  phone: "phone",
  customer_phone: "phone",
  line1: "address",
  line2: "address",
  city: "address",
  ship_line1: "address",
  ship_line2: "address",
  ship_city: "address",
  ship_region: "address",
  ship_postal_code: "address",
  ship_country: "code",
  placed_at: "code",
  ship_by: "code",
  unit_price: "code",
  reason: "reason",
  subject: "reason",
  note: "note",
  notes: "note",
  description: "note",
  text: "name",
  url: "url",
  body: "template",
  cursor: "token",
  endCursor: "token",
  id: "token",
  // numbers
  quantity: "quantity",
  delta: "quantity",
  unitPriceMinor: "money",
  priceMinor: "money",
  costMinor: "money",
  unitCostMinor: "money",
  amountMinor: "money",
  shippingMinor: "money",
  shippingChargedMinor: "money",
  maxCostMinor: "money",
  shipBy: "date",
  placedAt: "date",
  shipBefore: "dateRange",
  from: "dateRange",
  to: "dateRange",
  nowBucket: "dateRange",
};

const PLAIN_STRING_KINDS = new Set<string>(Object.keys(STRING_LIMITS));

export function stringKindOf(field: string): StringKind {
  const k = FIELD_KINDS[field];
  return k && PLAIN_STRING_KINDS.has(k) ? (k as StringKind) : "note";
}

export function numberKindOf(field: string): NumberKind {
  const k = FIELD_KINDS[field];
  return k === "quantity" || k === "money" || k === "date" || k === "dateRange" ? k : "plain";
}

const fmt = (n: number) => n.toLocaleString("en-US");

/**
 * Why a number is out of bounds for its kind, or undefined. `strict` also asks for whole numbers
 * where the kind has them (the model's checks); the edge guard is not strict, so the domain's
 * own messages (which name every bad field at once) speak about fractions and signs.
 */
export function numberProblem(n: number, kind: NumberKind, strict = true): string | undefined {
  if (!Number.isFinite(n)) return "Enter a number.";
  switch (kind) {
    case "quantity":
      if (strict && !Number.isSafeInteger(n)) return "Enter a whole number of units.";
      if (Math.abs(n) > MAX_MOVEMENT_QUANTITY) return `At most ${fmt(MAX_MOVEMENT_QUANTITY)} units at once.`;
      return undefined;
    case "money":
      if (strict && !Number.isSafeInteger(n)) return "Amounts are whole minor units (cents).";
      if (Math.abs(n) > MAX_MONEY_MINOR) return `At most ${fmt(MAX_MONEY_MINOR)} minor units.`;
      return undefined;
    case "date":
      if (n < MIN_DATE_MS || n > MAX_DATE_MS) return "Enter a date between 2000 and 2100.";
      return undefined;
    case "dateRange":
      if (n < 0 || n > MAX_DATE_MS) return "Enter a date before 2100.";
      return undefined;
    case "plain":
      if (Math.abs(n) > MAX_PLAIN_NUMBER) return `At most ${fmt(MAX_PLAIN_NUMBER)}.`;
      return undefined;
  }
}

export function stringProblem(s: string, kind: StringKind): string | undefined {
  const max = STRING_LIMITS[kind];
  return s.length > max ? `At most ${fmt(max)} characters (this has ${fmt(s.length)}).` : undefined;
}

/**
 * Walks a call's arguments and returns field path → problem for every value out of bounds: numbers
 * not finite or above their kind's bound, text longer than its kind's limit, arrays longer than
 * MAX_ARRAY_ITEMS (the CSV import has its own, smaller row limit). Of the pagination options, the
 * page size is bounded (MAX_PAGE_ITEMS) and the rest are the client library's own.
 */
export function argBoundProblems(args: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (value: unknown, path: string, field: string, depth: number) => {
    if (depth > 12 || Object.keys(out).length >= 20) return;
    if (typeof value === "number") {
      const p = numberProblem(value, numberKindOf(field), false);
      if (p) out[path] = p;
    } else if (typeof value === "string") {
      const p = stringProblem(value, stringKindOf(field));
      if (p) out[path] = p;
    } else if (Array.isArray(value)) {
      if (value.length > MAX_ARRAY_ITEMS) out[path] = `At most ${fmt(MAX_ARRAY_ITEMS)} items.`;
      else value.forEach((item, i) => walk(item, `${path}.${i}`, field, depth + 1));
    } else if (value && typeof value === "object" && !(value instanceof ArrayBuffer)) {
      for (const [k, item] of Object.entries(value)) {
        if (field === "paginationOpts" && k !== "numItems" && k !== "cursor") continue;
        const at = path ? `${path}.${k}` : k;
        if (field === "paginationOpts" && k === "numItems") {
          if (!(Number.isInteger(item) && (item as number) >= 1 && (item as number) <= MAX_PAGE_ITEMS))
            out[at] = `A page holds 1 to ${MAX_PAGE_ITEMS} rows.`;
          continue;
        }
        walk(item, at, k, depth + 1);
      }
    }
  };
  walk(args, "", "", 0);
  return out;
}

/** Throws INVALID_INPUT naming each field out of bounds. */
export function requireArgBounds(args: unknown) {
  const fields = argBoundProblems(args);
  const keys = Object.keys(fields);
  if (keys.length === 0) return;
  throw appError(
    "INVALID_INPUT",
    keys.length === 1
      ? `${keys[0]}: ${fields[keys[0]]}`
      : "Some values are out of range; please correct the highlighted fields.",
    fields,
  );
}

/** A positive whole quantity within `max` (default: one order line). */
export function requireQuantity(n: number, field = "quantity", max = MAX_LINE_QUANTITY) {
  if (!Number.isSafeInteger(n) || n <= 0)
    throw appError("INVALID_INPUT", "Enter a whole number above zero.", {
      [field]: "Enter a whole number above zero.",
    });
  if (n > max)
    throw appError("INVALID_INPUT", `At most ${fmt(max)} units at once.`, { [field]: `At most ${fmt(max)}.` });
}

/** An amount in minor units, 0 … MAX_MONEY_MINOR (negative when `allowNegative`). */
export function requireMoney(n: number, field = "amountMinor", allowNegative = false) {
  const problem = !Number.isSafeInteger(n)
    ? "Amounts are whole minor units (cents)."
    : !allowNegative && n < 0
      ? "Enter an amount of zero or more."
      : Math.abs(n) > MAX_MONEY_MINOR
        ? `At most ${fmt(MAX_MONEY_MINOR)} minor units.`
        : undefined;
  if (problem) throw appError("INVALID_INPUT", problem, { [field]: problem });
}
export function requireText(s: string, kind: StringKind, field: string = kind) {
  const p = stringProblem(s, kind);
  if (p) throw appError("INVALID_INPUT", p, { [field]: p });
}

/** a × b, refused (typed) unless the result is a safe integer within `max`. */
export function checkedProduct(a: number, b: number, max = MAX_TOTAL_MINOR, what = "That amount"): number {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || (a !== 0 && Math.abs(b) > max / Math.abs(a))) {
    throw appError("INVALID_INPUT", `${what} is too large.`);
  }
  return a * b;
}

/** Σ values, refused (typed) as soon as the running sum leaves ±max. */
export function checkedSum(values: Iterable<number>, max = MAX_TOTAL_MINOR, what = "That total"): number {
  let sum = 0;
  for (const v of values) {
    if (!Number.isSafeInteger(v)) throw appError("INVALID_INPUT", `${what} has a value that is not a whole number.`);
    sum += v;
    if (Math.abs(sum) > max) throw appError("INVALID_INPUT", `${what} is too large.`);
  }
  return sum;
}

/** Returns the first value that occurs twice in `keys`, or undefined. */
export function firstDuplicate<T>(keys: readonly T[]): T | undefined {
  const seen = new Set<T>();
  for (const k of keys) {
    if (seen.has(k)) return k;
    seen.add(k);
  }
  return undefined;
}

/** Refuses a request that names the same thing twice (DESIGN invariant 8). */
export function refuseDuplicates<T>(keys: readonly T[], what: string, field = "lines") {
  const dup = firstDuplicate(keys);
  if (dup !== undefined) {
    throw appError(
      "DUPLICATE",
      `The request names the same ${what} twice; name each ${what} once with its full quantity.`,
      { [field]: `The same ${what} appears twice.` },
    );
  }
}
