/**
 * Holds API (the exception queue): the queue of open holds (by type, oldest first), an order's holds, the
 * resolution verbs (each audited in model/holds), manual holds, settings (admin), and the
 * internal payment webhooks' entry points.
 */
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v, type VFloat64 } from "convex/values";
import { HOLD_TYPES, type HoldType } from "./lib/validation/types";
import { literals } from "convex-helpers/validators";
import {
  floorQuery,
  supervisorCommand,
  supervisorMutation,
  supervisorQuery,
  internalMutation,
  settingsEndpoints,
} from "./functions";
import { vAddress } from "./model/warehouses/tables";
import { vExceptionSettings, vHoldType, vHoldView, vVerificationResult } from "./model/holds/tables";
import { holdsForOrder, holdCounts, queuePage } from "./model/holds/queue";
import { placeManualHold } from "./model/orders/pipeline";
import {
  acceptSuggestion,
  cancelException,
  correctAddress,
  releaseException,
  rerouteException,
} from "./model/holds/resolve";
import { readExceptionSettings, saveExceptionSettings } from "./model/holds/settings";
import { scanStuckStep, STUCK_PHASES } from "./model/holds/stuck";
import { internal } from "./_generated/api";
import { internalQuery } from "./_generated/server";
import { addressKey } from "./lib/validation/engine";
import { recordVerification } from "./model/holds/verification";
import { confirmPayment as confirm, failPayment as fail } from "./model/holds/payment";
import schema from "./schema";
import { SYSTEM } from "./model/audit/record";

/** Open holds, oldest first, optionally of one type; each with its order's number and status. */
export const queue = supervisorQuery({
  args: { paginationOpts: paginationOptsValidator, type: v.optional(vHoldType) },
  returns: paginationResultValidator(vHoldView),
  handler: async (ctx, { paginationOpts, type }) => queuePage(ctx, paginationOpts, type),
});

/** Open holds per type (capped at 100 each, "100+" on the page). */
export const counts = supervisorQuery({
  args: {},
  returns: v.object({
    // One count per hold type: the list is HOLD_TYPES (lib/validation/types), written once.
    counts: v.object(Object.fromEntries(HOLD_TYPES.map((t) => [t, v.number()])) as Record<HoldType, VFloat64<number>>),
    cap: v.number(),
  }),
  handler: async (ctx) => holdCounts(ctx),
});

/** Every hold of one order, open first (the order page). */
export const forOrder = floorQuery({
  args: { orderId: v.id("orders") },
  returns: v.object({
    open: v.array(vHoldView),
    resolved: v.array(schema.doc("orderHolds")),
  }),
  handler: async (ctx, { orderId }) => holdsForOrder(ctx, orderId),
});

export const release = supervisorMutation({
  args: { holdId: v.id("orderHolds"), note: v.optional(v.string()) },
  returns: v.object({ released: v.boolean() }),
  handler: async (ctx, { holdId, note }) => releaseException(ctx, ctx.actor, holdId, note),
});

export const cancel = supervisorMutation({
  args: { holdId: v.id("orderHolds"), note: v.string() },
  returns: v.union(v.object({ cancelled: v.literal("line") }), v.object({ cancelled: v.literal("order") })),
  handler: async (ctx, { holdId, note }) => cancelException(ctx, ctx.actor, holdId, note),
});

export const reroute = supervisorCommand(
  { holdId: v.id("orderHolds"), strategy: v.optional(v.string()) },
  (ctx, { holdId, strategy }) => rerouteException(ctx, ctx.actor, holdId, strategy),
);

export const acceptAddressSuggestion = supervisorMutation({
  args: { holdId: v.id("orderHolds") },
  returns: v.object({ released: v.boolean() }),
  handler: async (ctx, { holdId }) => acceptSuggestion(ctx, ctx.actor, holdId),
});

export const correctAddressAndRetry = supervisorMutation({
  args: { holdId: v.id("orderHolds"), address: vAddress },
  returns: v.object({ released: v.boolean() }),
  handler: async (ctx, { holdId, address }) => correctAddress(ctx, ctx.actor, holdId, address),
});

/** A manual hold on the whole order, or on one shipment (its siblings go on). */
export const placeHold = supervisorMutation({
  args: { orderId: v.id("orders"), reason: v.string(), shipmentId: v.optional(v.id("shipments")) },
  returns: v.id("orderHolds"),
  handler: async (ctx, { orderId, reason, shipmentId }) =>
    placeManualHold(ctx, ctx.actor, { orderId, reason, shipmentId }),
});

/** Fraud, stuck-work and address-verification settings: admins read and save. */
export const { get: settings, save: saveSettings } = settingsEndpoints({
  readers: "admin",
  settings: vExceptionSettings,
  read: readExceptionSettings,
  save: saveExceptionSettings,
});

/** The stuck-work scan: one bounded page per run, each scheduling the next (cron starts it). */
export const scanStuck = internalMutation({
  args: { phase: v.optional(literals(...STUCK_PHASES)), cursor: v.optional(v.union(v.string(), v.null())) },
  handler: async (ctx, { phase, cursor }) => {
    const r = await scanStuckStep(ctx, { phase: phase ?? STUCK_PHASES[0], cursor: cursor ?? null });
    if (r.next) await ctx.scheduler.runAfter(0, internal.holds.scanStuck, r.next);
    return { flagged: r.flagged, cleared: r.cleared };
  },
});

/** The order's address for the verification action, with the key that detects a later change. */
export const orderAddress = internalQuery({
  args: { orderId: v.id("orders") },
  handler: async (ctx, { orderId }) => {
    const order = await ctx.db.get("orders", orderId);
    return order ? { shipTo: order.shipTo, addressKey: addressKey(order.shipTo) } : null;
  },
});

export const recordAddressVerification = internalMutation({
  args: { orderId: v.id("orders"), provider: v.string(), addressKey: v.string(), result: vVerificationResult },
  handler: async (ctx, args) => recordVerification(ctx, args),
});

/** What a payment provider's webhook calls once its signature is verified. */
export const confirmPayment = internalMutation({
  args: { orderId: v.id("orders"), reference: v.optional(v.string()) },
  handler: async (ctx, { orderId, reference }) => confirm(ctx, SYSTEM, orderId, reference),
});

export const failPayment = internalMutation({
  args: { orderId: v.id("orders"), reason: v.string() },
  handler: async (ctx, { orderId, reason }) => fail(ctx, SYSTEM, orderId, reason),
});
