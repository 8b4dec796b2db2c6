/**
 * Sorted indexes for the offline runtime's database (convex-test's DatabaseFake, see
 * convexTest.ts), so that reading a range costs O(log n + what is read) instead of a walk over
 * the whole table.
 *
 * An index holds, for each committed document of its table, its key — the index's fields, then
 * `_creationTime`, then `_id`, as Convex orders an index (values compared with Convex's own
 * `compareValues`: undefined < null < int64 < float64 < boolean < string < bytes < array <
 * object) — in sorted order. Keys are unique (they end with `_id`). The order is kept in chunks
 * of a few hundred entries (a "sorted list of lists"): finding a key is a binary search over the
 * chunks' last keys and then inside one chunk; inserting or removing moves at most one chunk's
 * entries.
 *
 * Only committed documents live here: a transaction's own pending writes are merged in by the
 * reader (convexTest.ts), so a rolled-back transaction never touches an index.
 */
import { compareValues, type Value } from "convex/values";

export type Key = (Value | undefined)[];
export type Entry = { key: Key; id: string };

/** Lexicographic comparison over the shorter of the two keys (a prefix compares equal). */
export function comparePrefix(a: Key, b: Key): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i] as Value, b[i] as Value);
    if (c !== 0) return c;
  }
  return 0;
}

/** Full comparison of two index keys (same length: fields + _creationTime + _id). */
export function compareKeys(a: Key, b: Key): number {
  const c = comparePrefix(a, b);
  return c !== 0 ? c : a.length - b.length;
}

const MAX_CHUNK = 512;

/** A position: chunk and offset. */
export type Pos = { c: number; i: number };

export class SortedIndex {
  private chunks: Entry[][] = [];
  /** id → its entry's key (to find it again when the document changes or goes). */
  private readonly keys = new Map<string, Key>();

  constructor(
    /** Index fields, ending with _creationTime and _id (or just _id for by_id). */
    readonly fields: string[],
    readonly keyOf: (doc: Record<string, unknown>) => Key,
  ) {}

  get size(): number {
    return this.keys.size;
  }

  /** Fills an empty index with documents in any order. */
  build(docs: Iterable<[string, Record<string, unknown>]>) {
    const entries: Entry[] = [];
    for (const [id, doc] of docs) {
      const key = this.keyOf(doc);
      entries.push({ key, id });
      this.keys.set(id, key);
    }
    entries.sort((a, b) => compareKeys(a.key, b.key));
    this.chunks = [];
    const half = MAX_CHUNK / 2;
    for (let i = 0; i < entries.length; i += half) this.chunks.push(entries.slice(i, i + half));
  }

  /** First position whose key satisfies `pred` (false … false true … true in key order). */
  lowerBound(pred: (key: Key) => boolean): Pos {
    const chunks = this.chunks;
    let lo = 0;
    let hi = chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = chunks[mid];
      if (pred(chunk[chunk.length - 1].key)) hi = mid;
      else lo = mid + 1;
    }
    if (lo === chunks.length) return { c: lo, i: 0 };
    const chunk = chunks[lo];
    let a = 0;
    let b = chunk.length - 1; // the last entry satisfies pred
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (pred(chunk[mid].key)) b = mid;
      else a = mid + 1;
    }
    return { c: lo, i: a };
  }

  /** Entries from `from` (inclusive) forward to `to` (exclusive). */
  *forward(from: Pos, to: Pos): Generator<Entry> {
    const chunks = this.chunks;
    for (let c = from.c, i = from.i; c < to.c || (c === to.c && i < to.i);) {
      const chunk = chunks[c];
      if (i >= chunk.length) {
        c += 1;
        i = 0;
        continue;
      }
      yield chunk[i];
      i += 1;
    }
  }

  /** Entries from just before `to` backward to `from` (inclusive). */
  *backward(from: Pos, to: Pos): Generator<Entry> {
    const chunks = this.chunks;
    let c = to.c;
    let i = to.i - 1;
    for (;;) {
      while (i < 0) {
        c -= 1;
        if (c < 0) return;
        i = chunks[c].length - 1;
      }
      if (c < from.c || (c === from.c && i < from.i)) return;
      yield chunks[c][i];
      i -= 1;
    }
  }

  /** Puts a committed document's current version in (or takes it out when `doc` is undefined). */
  set(id: string, doc: Record<string, unknown> | undefined) {
    const old = this.keys.get(id);
    if (old !== undefined) this.remove(id, old);
    if (doc === undefined) return;
    const key = this.keyOf(doc);
    this.keys.set(id, key);
    const entry = { key, id };
    if (this.chunks.length === 0) {
      this.chunks.push([entry]);
      return;
    }
    const pos = this.lowerBound((k) => compareKeys(k, key) >= 0);
    const c = pos.c === this.chunks.length ? this.chunks.length - 1 : pos.c;
    const chunk = this.chunks[c];
    chunk.splice(pos.c === this.chunks.length ? chunk.length : pos.i, 0, entry);
    if (chunk.length > MAX_CHUNK)
      this.chunks.splice(c, 1, chunk.slice(0, chunk.length >> 1), chunk.slice(chunk.length >> 1));
  }

  private remove(id: string, key: Key) {
    this.keys.delete(id);
    const pos = this.lowerBound((k) => compareKeys(k, key) >= 0);
    const chunk = this.chunks[pos.c];
    if (!chunk || chunk[pos.i]?.id !== id) throw new Error(`index on ${this.fields.join(",")} lost ${id}`);
    chunk.splice(pos.i, 1);
    if (chunk.length === 0) this.chunks.splice(pos.c, 1);
  }

  /** Every entry in order (tests). */
  entries(): Entry[] {
    return this.chunks.flat();
  }

  /** The chunk boundaries hold: each chunk sorted, non-empty, and after the previous (tests). */
  check() {
    let prev: Key | null = null;
    let n = 0;
    for (const chunk of this.chunks) {
      if (chunk.length === 0 || chunk.length > MAX_CHUNK) throw new Error("bad chunk size");
      for (const e of chunk) {
        if (prev && compareKeys(prev, e.key) >= 0) throw new Error("index out of order");
        prev = e.key;
        n += 1;
      }
    }
    if (n !== this.keys.size) throw new Error("index size mismatch");
  }
}

/** The part of an index a range reads: key bounds built from `.eq`, `.gt/.gte`, `.lt/.lte`. */
export type KeyBounds = {
  /** Entries with prefix ≥ lower (or > lower when strict). */
  lower: { prefix: Key; strict: boolean };
  /** Entries with prefix ≤ upper (or < upper when strict). */
  upper: { prefix: Key; strict: boolean };
};

export type RangeExpr = { fieldPath: string; type: "Eq" | "Gt" | "Gte" | "Lt" | "Lte"; value: Value | undefined };

/**
 * Key bounds of an index range expression (already checked to be `.eq`s on the leading fields,
 * then at most one lower and one upper bound on the next field).
 */
export function boundsOf(range: RangeExpr[]): KeyBounds {
  const eqs: Key = [];
  let lower: KeyBounds["lower"] | null = null;
  let upper: KeyBounds["upper"] | null = null;
  for (const r of range) {
    if (r.type === "Eq") eqs.push(r.value);
    else if (r.type === "Gt" || r.type === "Gte") lower = { prefix: [...eqs, r.value], strict: r.type === "Gt" };
    else upper = { prefix: [...eqs, r.value], strict: r.type === "Lt" };
  }
  // A bound on the next field extends the .eq prefix it was written after.
  if (lower) lower.prefix = [...eqs, lower.prefix[lower.prefix.length - 1]];
  if (upper) upper.prefix = [...eqs, upper.prefix[upper.prefix.length - 1]];
  return { lower: lower ?? { prefix: eqs, strict: false }, upper: upper ?? { prefix: eqs, strict: false } };
}

/** Start and end (exclusive) positions of the entries inside `bounds`. */
export function locate(index: SortedIndex, bounds: KeyBounds): { from: Pos; to: Pos } {
  const { lower, upper } = bounds;
  const from = index.lowerBound((k) =>
    lower.strict ? comparePrefix(k, lower.prefix) > 0 : comparePrefix(k, lower.prefix) >= 0,
  );
  const to = index.lowerBound((k) =>
    upper.strict ? comparePrefix(k, upper.prefix) >= 0 : comparePrefix(k, upper.prefix) > 0,
  );
  return { from, to };
}

/** a < b as positions. */
export const before = (a: Pos, b: Pos) => a.c < b.c || (a.c === b.c && a.i < b.i);
