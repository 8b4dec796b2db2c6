/**
 * Index-range read sets. A query that reads `withIndex("by_orderId", q => q.eq("orderId", X))`
 * depends on the documents of that range only, and a paginated page only on the part of its range
 * between its start cursor and its end cursor. Recording that (instead of "reads table orders")
 * lets a write re-run just the queries whose ranges contain the written document, before or after
 * the write: an order inserted at the top of a list re-runs the first page, not every page, and
 * not every order's detail query.
 *
 * Conservative by construction: post-filters (`.filter`) and `take` limits are ignored, so a range
 * may claim more than was read (an extra re-run), never less.
 *
 * The cursor format is convex-test's (a JSON array of JSON-encoded key values over the index
 * fields + _creationTime + _id), pinned by dev/contract.test.ts.
 */
import { compareValues, jsonToConvex, type JSONValue, type Value } from "convex/values";

type Bound = { fieldPath: string; type: "Eq" | "Gt" | "Gte" | "Lt" | "Lte"; value: Value | undefined };

export type RangeRead = {
  table: string;
  /** Sort key fields, ending with _id. */
  fields: string[];
  bounds: Bound[];
  order: "asc" | "desc";
  /** Exclusive start key (a page's cursor); undefined = from the start of the range. */
  after?: (Value | undefined)[];
  /** Inclusive end key (a page's end cursor); undefined = to the end of the range. */
  upTo?: (Value | undefined)[];
};

export type QuerySource =
  | { type: "FullTableScan"; tableName: string; order?: "asc" | "desc" | null }
  | {
      type: "IndexRange";
      indexName: string;
      range: { fieldPath: string; type: Bound["type"]; value: JSONValue }[];
      order?: "asc" | "desc" | null;
    }
  | { type: "Search"; indexName: string };

/** Index fields of `table.index` (without _creationTime/_id), or null when unknown. */
export type IndexFields = (table: string, index: string) => string[] | null;

function queryValue(v: JSONValue): Value | undefined {
  if (typeof v === "object" && v !== null && !Array.isArray(v) && "$undefined" in v) return undefined;
  return jsonToConvex(v);
}

/** The range a query source reads, or null when it can only be tracked per table (search). */
export function rangeOf(source: QuerySource, indexFields: IndexFields | undefined): RangeRead | null {
  if (source.type === "FullTableScan") {
    return { table: source.tableName, fields: ["_creationTime", "_id"], bounds: [], order: source.order ?? "asc" };
  }
  if (source.type !== "IndexRange") return null;
  const [table, index] = source.indexName.split(".");
  let fields: string[] | null;
  if (index === "by_creation_time") fields = ["_creationTime", "_id"];
  else if (index === "by_id") fields = ["_id"];
  else {
    const declared = indexFields?.(table, index);
    fields = declared ? [...declared, "_creationTime", "_id"] : null;
  }
  if (!fields) return null;
  return {
    table,
    fields,
    bounds: source.range.map((b) => ({ fieldPath: b.fieldPath, type: b.type, value: queryValue(b.value) })),
    order: source.order ?? "asc",
  };
}

/** Decodes a convex-test cursor into its key values; undefined for "no cursor" / "the end". */
export function parseCursor(cursor: string | null | undefined): (Value | undefined)[] | undefined {
  if (!cursor || cursor === "_end_cursor") return undefined;
  try {
    return (JSON.parse(cursor) as (string | null)[]).map((k) =>
      k === null ? undefined : jsonToConvex(JSON.parse(k) as JSONValue),
    );
  } catch {
    return undefined;
  }
}

function field(doc: Record<string, Value>, path: string): Value | undefined {
  let v: unknown = doc;
  for (const part of path.split("."))
    v = v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>)[part] : undefined;
  return v as Value | undefined;
}

/** Position of `doc` against `key` in the range's order: < 0 before, 0 at, > 0 after. */
function compareToKey(range: RangeRead, doc: Record<string, Value>, key: (Value | undefined)[]): number {
  const dir = range.order === "asc" ? 1 : -1;
  for (let i = 0; i < range.fields.length && i < key.length; i++) {
    const c = compareValues(field(doc, range.fields[i]) as Value, key[i] as Value);
    if (c !== 0) return c * dir;
  }
  return 0;
}

/** Is this version of a document inside the range (and the page's cursors)? */
export function inRange(range: RangeRead, doc: Record<string, Value>): boolean {
  for (const b of range.bounds) {
    const c = compareValues(field(doc, b.fieldPath) as Value, b.value as Value);
    const ok =
      b.type === "Eq"
        ? c === 0
        : b.type === "Gt"
          ? c > 0
          : b.type === "Gte"
            ? c >= 0
            : b.type === "Lt"
              ? c < 0
              : c <= 0;
    if (!ok) return false;
  }
  if (range.after && compareToKey(range, doc, range.after) <= 0) return false;
  if (range.upTo && compareToKey(range, doc, range.upTo) > 0) return false;
  return true;
}
