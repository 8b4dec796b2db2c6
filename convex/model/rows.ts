/**
 * Reads by id that refuse a row that is gone, with the sentence the user sees; and reads by an
 * index's first field (`rowsBy`, `rowBy`), each bounded, typed by the schema; and a batch of a
 * queue worked through (`drainBatch`).
 */
import type { MutationCtx, QueryCtx } from "../_generated/server";
import type { DataModel, Doc, Id, TableNames } from "../_generated/dataModel";
import type { FieldTypeFromFieldPath, IndexNames, NamedIndex, NamedTableInfo } from "convex/server";
import { appError } from "../lib/errors";
import { takeBatch } from "../lib/pages";

type Reader = { db: QueryCtx["db"] };

/** The row, or NOT_FOUND "That <what> no longer exists." (`what`: "shipment", …; a form's `field` is marked "Choose a <what>."). */
export async function rowOrThrow<T extends TableNames>(
  ctx: Reader,
  table: T,
  id: Id<T>,
  what: string,
  field?: string,
): Promise<Doc<T>> {
  const row = await ctx.db.get(table, id);
  if (!row)
    throw appError("NOT_FOUND", `That ${what} no longer exists.`, field ? { [field]: `Choose a ${what}.` } : undefined);
  return row;
}

type Info<T extends TableNames> = NamedTableInfo<DataModel, T>;
type FirstField<T extends TableNames, I extends IndexNames<Info<T>>> = NamedIndex<Info<T>, I>[0];

/**
 * The indexes of `T` named after their first field (`by_orderId`, `by_place_and_lastSeen`): the
 * name says which field a lookup value is compared with, and the compiler holds every name to it.
 */
export type LookupIndex<T extends TableNames> = {
  [I in IndexNames<Info<T>> & string]: I extends `by_${FirstField<T, I>}` | `by_${FirstField<T, I>}_and_${string}`
    ? I
    : never;
}[IndexNames<Info<T>> & string];

/** The type of the first field of index `I` of `T`. */
export type LookupValue<T extends TableNames, I extends IndexNames<Info<T>>> = FieldTypeFromFieldPath<
  Doc<T>,
  FirstField<T, I>
>;

/** The index's rows whose first field is `value`, in index order (the rest of the index, then insertion). */
function lookup<T extends TableNames, I extends LookupIndex<T>>(ctx: Reader, table: T, index: I, value: unknown) {
  const field = index.slice("by_".length).split("_and_")[0];
  // The generic table and index defeat withIndex's own typing; LookupIndex checked both names.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const q = (ctx.db.query(table) as any).withIndex(index, (r: any) => r.eq(field, value));
  return q as { order(o: "asc" | "desc"): typeof q; take(n: number): Promise<Doc<T>[]> } & {
    first(): Promise<Doc<T> | null>;
    unique(): Promise<Doc<T> | null>;
  };
}

/**
 * At most `limit` rows of `table` whose `index` starts with `value`, oldest first in the index's
 * order (`order: "desc"` for newest first). A reader used in many places names its limit once.
 */
export async function rowsBy<T extends TableNames, I extends LookupIndex<T>>(
  ctx: Reader,
  table: T,
  index: I,
  value: LookupValue<T, I>,
  opts: { limit: number; order?: "asc" | "desc" },
): Promise<Doc<T>[]> {
  return lookup(ctx, table, index, value)
    .order(opts.order ?? "asc")
    .take(opts.limit);
}

/**
 * The row of `table` whose `index` starts with `value`, or null. `"unique"` (the default) throws
 * on a second such row, a broken invariant; `"first"` takes the first in index order.
 */
export async function rowBy<T extends TableNames, I extends LookupIndex<T>>(
  ctx: Reader,
  table: T,
  index: I,
  value: LookupValue<T, I>,
  pick: "unique" | "first" = "unique",
): Promise<Doc<T> | null> {
  const q = lookup(ctx, table, index, value);
  return pick === "first" ? q.first() : q.unique();
}

/**
 * Works through up to `n` rows of a queue of waiting rows (`query`): each row leaves the queue
 * (deleted) and is handed to `each`, which says whether it counted (an order imported, a pickup
 * made). Returns how many counted and whether rows remain for a follow-up run.
 */
export async function drainBatch<T extends TableNames>(
  ctx: MutationCtx,
  table: T,
  query: { take(n: number): Promise<Doc<T>[]> },
  n: number,
  each: (row: Doc<T>) => Promise<boolean>,
) {
  const batch = await takeBatch(query, n);
  let counted = 0;
  for (const row of batch.rows) {
    await ctx.db.delete(table, row._id);
    if (await each(row)) counted += 1;
  }
  return { counted, more: batch.more };
}
