/**
 * Proofs of DESIGN invariants 1–3 over a page of rows, for the `check` internal queries and for
 * every test scenario: onHand = Σ movements, damaged = Σ damage deltas, 0 ≤ reserved ≤ onHand,
 * and each order line's arithmetic. (reserved = Σ open shipment lines is proved by the tests'
 * expectInvariants, which can afford to read every shipment.)
 */
import type { QueryCtx } from "../../_generated/server";
import type { Doc } from "../../_generated/dataModel";
import { lineProblems } from "../../lib/lines";

export async function levelProblems(ctx: QueryCtx, level: Doc<"inventoryLevels">): Promise<string[]> {
  let onHand = 0;
  let damaged = 0;
  for await (const m of ctx.db.query("inventoryMovements").withIndex("by_levelId", (q) => q.eq("levelId", level._id))) {
    onHand += m.onHandDelta;
    damaged += m.damagedDelta;
  }
  const p: string[] = [];
  const name = `level ${level._id}`;
  if (onHand !== level.onHand) p.push(`${name}: onHand ${level.onHand} ≠ Σ movements ${onHand}`);
  if (damaged !== level.damaged) p.push(`${name}: damaged ${level.damaged} ≠ Σ damage movements ${damaged}`);
  if (level.reserved < 0 || level.reserved > level.onHand)
    p.push(`${name}: reserved ${level.reserved} outside 0…onHand ${level.onHand}`);
  return p;
}

export function orderLineProblems(line: Doc<"orderLines">): string[] {
  return lineProblems(line).map((msg) => `line ${line._id} (${line.sku}): ${msg}`);
}
