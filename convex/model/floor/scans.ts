/**
 * Scan events: every scan on the floor (pick, pack, store pickup, and the short pick a picker
 * reports) is stored with who made it and when. The client-made `scanId` makes a retried request
 * count once: the pick and pack scans answer a retry from the stored event (picking.previousScan).
 */
import type { WithoutSystemFields } from "convex/server";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { rowBy } from "../rows";

/** Where a scan was made (stage and the documents it names), what it read and what it answered. */
export type ScanRecord = Omit<WithoutSystemFields<Doc<"scanEvents">>, "memberId" | "memberName" | "at">;

/** The stored event of a physical scan (its client-made `scanId`), or null the first time it arrives. */
export async function scanById(ctx: { db: QueryCtx["db"] }, scanId: string) {
  return rowBy(ctx, "scanEvents", "by_scanId", scanId, "first");
}

/** The one writer of scan events: the scan as made by `actor`, now. */
export async function recordScanEvent(ctx: MutationCtx, actor: Actor, scan: ScanRecord) {
  await ctx.db.insert("scanEvents", { ...scan, memberId: actor.id, memberName: actor.name, at: Date.now() });
}
