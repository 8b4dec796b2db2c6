/** Reads by id that refuse a row that is gone, with the sentence the user sees. */
import type { QueryCtx } from "../_generated/server";
import type { Doc, Id, TableNames } from "../_generated/dataModel";
import { appError } from "../lib/errors";

/** The row, or NOT_FOUND "That <what> no longer exists." (`what`: "shipment", …; a form's `field` is marked "Choose a <what>."). */
export async function rowOrThrow<T extends TableNames>(
  ctx: { db: QueryCtx["db"] },
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
