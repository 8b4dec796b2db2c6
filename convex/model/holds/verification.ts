/**
 * Carrier address verification's outcome on the order (issue 10), decided in one mutation: a
 * correction or an invalid address becomes an address hold carrying the carrier's suggestion (the
 * operator accepts it, or types a fix and retries); a verified address or a carrier outage only
 * goes on the trail — an outage never blocks an order. A result for an address that changed
 * since the check was scheduled is stale and ignored.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import { addressKey } from "../../lib/validation/engine";
import type { Address } from "../warehouses/tables";
import { appendOrderEvent } from "../orders/transition";
import { raiseHold } from "./holds";
import type { ExceptionSettings } from "./tables";
import { internal } from "../../_generated/api";
import { SYSTEM } from "../audit/record";
import { openHolds } from "./holds";

export type VerificationResult =
  | { status: "verified" }
  | { status: "corrected"; suggestion: Address; messages: string[] }
  | { status: "invalid"; messages: string[]; suggestion?: Address }
  | { status: "unavailable"; error: string };

/** Schedules the carrier check when an address verifier is selected in the settings. */
export async function scheduleVerification(ctx: MutationCtx, orderId: Id<"orders">, settings: ExceptionSettings) {
  if (settings.addressVerification === "off") return;
  await ctx.scheduler.runAfter(0, internal.integrations.addressVerification.verifyOrderAddress, {
    orderId,
    provider: settings.addressVerification,
  });
}

/** Records the carrier's answer for the address it was asked about (`addressKey`; a later change makes it moot). */
export async function recordVerification(
  ctx: MutationCtx,
  {
    orderId,
    provider,
    addressKey: key,
    result: r,
  }: { orderId: Id<"orders">; provider: string; addressKey: string; result: VerificationResult },
) {
  const order = await ctx.db.get("orders", orderId);
  if (!order || order.status === "cancelled" || addressKey(order.shipTo) !== key) return { applied: false };
  const who = provider === "easypost" ? "EasyPost" : "Shippo";
  if (r.status === "verified") {
    await appendOrderEvent(ctx, SYSTEM, orderId, { kind: "note", reason: `Address verified by ${who}` });
    return { applied: true };
  }
  if (r.status === "unavailable") {
    await appendOrderEvent(ctx, SYSTEM, orderId, {
      kind: "note",
      reason: `Address not verified: ${who} unavailable`,
      details: [r.error.slice(0, 300)],
    });
    return { applied: false };
  }
  const open = await openHolds(ctx, orderId);
  if (open.some((h) => h.type === "address")) return { applied: false };
  await raiseHold(ctx, SYSTEM, {
    orderId,
    type: "address",
    reason: r.status === "corrected" ? `${who} suggests a corrected address` : `${who} could not verify the address`,
    detail: r.messages.join(" ") || undefined,
    suggestion: r.suggestion,
  });
  return { applied: true };
}
