/**
 * Demo data for the floor: the box types packers choose from at the pack station (bins on the
 * inventory levels come from convex/seed.ts). Idempotent: does nothing when box types exist.
 */
import type { MutationCtx } from "../../_generated/server";

const BOX_TYPES = [
  { code: "MAILER", name: "Padded mailer", lengthMm: 330, widthMm: 250, heightMm: 30, tareGrams: 40 },
  { code: "S", name: "Small box", lengthMm: 200, widthMm: 150, heightMm: 100, tareGrams: 120 },
  { code: "M", name: "Medium box", lengthMm: 300, widthMm: 250, heightMm: 150, tareGrams: 220 },
  { code: "L", name: "Large box", lengthMm: 450, widthMm: 350, heightMm: 300, tareGrams: 420 },
];

/** Inserts the demo box types once; returns how many were added. */
export async function seedFloor(ctx: MutationCtx): Promise<number> {
  if (await ctx.db.query("boxTypes").first()) return 0;
  for (const b of BOX_TYPES) await ctx.db.insert("boxTypes", { ...b, active: true });
  return BOX_TYPES.length;
}
