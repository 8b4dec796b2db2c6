/**
 * Write sets: what the writes since the last flush touched, and the test of whether a query run's
 * reads intersect them. A run is affected when it read a written table as a whole, fetched a
 * written document by id, or read an index range that contains a version (before or after) of a
 * written document. Writes whose versions are unknown (system tables: scheduled functions,
 * storage) affect every range over their table.
 */
import type { Value } from "convex/values";
import { inRange } from "./ranges";
import type { DocVersions, ReadSet } from "./tracker";

export type WriteSet = {
  tables: Set<string>;
  /** Tables with a write whose document versions are unknown. */
  opaque: Set<string>;
  docs: Set<string>;
  versions: Map<string, Record<string, Value>[]>;
};

export const emptyWrites = (): WriteSet => ({
  tables: new Set(),
  opaque: new Set(),
  docs: new Set(),
  versions: new Map(),
});

export function addWrite(w: WriteSet, table: string, id: string | null, versions: DocVersions) {
  w.tables.add(table);
  if (id) w.docs.add(id);
  if (!versions) {
    w.opaque.add(table);
    return;
  }
  let list = w.versions.get(table);
  if (!list) w.versions.set(table, (list = []));
  list.push(...versions);
}

export function touches(reads: ReadSet, w: WriteSet): boolean {
  for (const t of reads.tables) if (w.tables.has(t)) return true;
  for (const d of reads.docs) if (w.docs.has(d)) return true;
  for (const r of reads.ranges) {
    if (!w.tables.has(r.table)) continue;
    if (w.opaque.has(r.table)) return true;
    for (const doc of w.versions.get(r.table) ?? []) if (inRange(r, doc)) return true;
  }
  return false;
}
