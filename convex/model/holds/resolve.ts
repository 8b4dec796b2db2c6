/**
 * The exception queue's resolution actions, each audited by resolveHold: release, cancel (the
 * order, or only the line a line-scope hold is about), re-route (re-allocate with another
 * strategy), accept the carrier's suggested address, or correct the address by hand and retry.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { addressErrors, addressOneLine, normalizePostalCode } from "../../lib/address";
import { appError, throwIfFieldErrors } from "../../lib/errors";
import type { Address } from "../warehouses/tables";
import { appendOrderEvent, getOrderOrThrow } from "../orders/transition";
import { cancelLines, cancelOrder } from "../orders/lifecycle";
import { reallocateOrder } from "../allocation/allocate";
import { scheduleVerification } from "./verification";
import { readExceptionSettings } from "./settings";
import { flagBackorderedLines, getOpenHold } from "./holds";
import { resolveAllHolds, resolveHold } from "../orders/pipeline";
import { requireReason } from "../../lib/bounds";
import { openHolds } from "./holds";

/** Releases one hold (the order goes on when nothing else holds it). */
export async function releaseException(ctx: MutationCtx, actor: Actor, holdId: Id<"orderHolds">, note?: string) {
  const hold = await getOpenHold(ctx, holdId);
  if (hold.type === "pickup_location") {
    // Released, the order ships to its address: a pickup order the channel sent without one cannot.
    const order = await getOrderOrThrow(ctx, hold.orderId);
    if (Object.keys(addressErrors(order.shipTo)).length > 0)
      throw appError(
        "INVALID_INPUT",
        `Order ${order.number} has no delivery address (the buyer chose pickup): map the location to a store on the channel's page, or cancel the order.`,
      );
  }
  if (hold.type === "payment") {
    // Releasing a payment hold by hand is an override: say so on the record.
    requireReason(note ?? "", "Say why.", "note");
  }
  return resolveHold(ctx, actor, hold._id, { resolution: "released", note });
}

/**
 * Cancels what the hold is about: the whole order for an order or shipment hold, only the
 * waiting units of the line for a line-scope stock hold (the other lines go on).
 */
export async function cancelException(ctx: MutationCtx, actor: Actor, holdId: Id<"orderHolds">, note: string) {
  requireReason(note, "Say why.", "note");
  const hold = await getOpenHold(ctx, holdId);
  if (hold.scope === "line" && hold.orderLineId) {
    const line = await ctx.db.get("orderLines", hold.orderLineId);
    const waiting = line ? line.backordered + line.unallocated : 0;
    await resolveHold(ctx, actor, hold._id, { resolution: "cancelled", note });
    if (waiting > 0)
      await cancelLines(ctx, actor, hold.orderId, {
        lines: [{ lineId: hold.orderLineId, quantity: waiting }],
        reason: note,
      });
    return { cancelled: "line" as const };
  }
  await resolveAllHolds(ctx, actor, hold.orderId, { resolution: "cancelled", note });
  await cancelOrder(ctx, actor, hold.orderId, note);
  return { cancelled: "order" as const };
}

/** Cancels an order with everything that held it (orders.cancel): holds resolved, then the cancel. */
export async function cancelHeldOrder(ctx: MutationCtx, actor: Actor, orderId: Id<"orders">, reason: string) {
  await resolveAllHolds(ctx, actor, orderId, { resolution: "cancelled", note: reason });
  await cancelOrder(ctx, actor, orderId, reason);
}

/** Resolves the hold, then re-allocates the order with the chosen strategy. */
export async function rerouteException(ctx: MutationCtx, actor: Actor, holdId: Id<"orderHolds">, strategy?: string) {
  const hold = await getOpenHold(ctx, holdId);
  const open = await openHolds(ctx, hold.orderId);
  const blocking = open.filter((h) => h._id !== hold._id && h.blocking && h.scope === "order");
  if (blocking.length > 0)
    throw appError(
      "INVALID_TRANSITION",
      `Resolve the ${blocking.map((h) => h.type).join(", ")} hold first; the order cannot be re-routed while held.`,
    );
  const { released } = await resolveHold(ctx, actor, hold._id, {
    resolution: "rerouted",
    note: strategy ? `Re-route with ${strategy}` : undefined,
  });
  if (released && strategy === undefined) return;
  // Units flagged earlier are re-planned: their stock flags close and are raised again if still short.
  for (const h of open)
    if (h._id !== hold._id && h.type === "stock" && h.status === "open")
      await resolveHold(ctx, actor, h._id, { resolution: "rerouted" });
  await reallocateOrder(ctx, actor, hold.orderId, strategy);
  await flagBackorderedLines(ctx, actor, hold.orderId);
}

/** Writes a corrected address on the order, audited; refuses an address that fails the format checks. */
async function writeAddress(
  ctx: MutationCtx,
  actor: Actor,
  orderId: Id<"orders">,
  { address, how }: { address: Address; how: string },
) {
  throwIfFieldErrors(addressErrors(address));
  const order = await getOrderOrThrow(ctx, orderId);
  const country = address.country.trim().toUpperCase();
  const shipTo = { ...address, country, postalCode: normalizePostalCode(country, address.postalCode) };
  await ctx.db.patch("orders", orderId, { shipTo });
  const before = addressOneLine(order.shipTo);
  const after = addressOneLine(shipTo);
  await appendOrderEvent(ctx, actor, orderId, {
    kind: "note",
    reason: `Shipping address ${how}`,
    details: [`Was: ${before}`, `Now: ${after}`],
  });
}

/** Applies the carrier's suggested address and resolves the address hold. */
export async function acceptSuggestion(ctx: MutationCtx, actor: Actor, holdId: Id<"orderHolds">) {
  const hold = await getOpenHold(ctx, holdId);
  if (hold.type !== "address" || !hold.suggestion)
    throw appError("INVALID_INPUT", "This exception has no suggested address.");
  await writeAddress(ctx, actor, hold.orderId, {
    address: hold.suggestion,
    how: "corrected to the carrier's suggestion",
  });
  return resolveHold(ctx, actor, hold._id, { resolution: "suggestion_accepted" });
}

/** Saves an address typed by the operator and retries validation of the address. */
export async function correctAddress(ctx: MutationCtx, actor: Actor, holdId: Id<"orderHolds">, address: Address) {
  const hold = await getOpenHold(ctx, holdId);
  if (hold.type !== "address") throw appError("INVALID_INPUT", "Only address exceptions take a corrected address.");
  await writeAddress(ctx, actor, hold.orderId, { address, how: "corrected by hand" });
  const result = await resolveHold(ctx, actor, hold._id, { resolution: "address_corrected" });
  // Retry: the carrier checks the corrected address again (a new hold if it still disagrees).
  await scheduleVerification(ctx, hold.orderId, await readExceptionSettings(ctx));
  return result;
}
