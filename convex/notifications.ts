/**
 * Customer notifications API: the templates operators edit (with the pure renderer previewing in
 * the browser), the outbox viewer, resending, and the worker's internal claim/record steps.
 */
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import {
  adminCommand,
  floorQuery,
  internalMutation,
  supervisorCommand,
  supervisorMutation,
  supervisorQuery,
} from "./functions";
import { omit } from "convex-helpers";
import { templateFields, vNotificationStatus, vTemplate } from "./model/notifications/tables";
import {
  allTemplates,
  saveTemplate as save,
  saveTrackingPageUrl,
  trackingPageUrl,
} from "./model/notifications/templates";
import {
  claimDue as claim,
  messagesOfOrder,
  outboxPage,
  recordResult as record,
  resend as resendRow,
} from "./model/notifications/outbox";
import schema from "./schema";

export const templates = supervisorQuery({
  args: {},
  returns: v.object({ templates: v.array(vTemplate), trackingPageUrl: v.string() }),
  handler: async (ctx) => ({ templates: await allTemplates(ctx), trackingPageUrl: await trackingPageUrl(ctx) }),
});

export const saveTemplate = supervisorMutation({
  args: { ...omit(templateFields, ["version"]), baseVersion: v.number() },
  returns: v.number(),
  handler: async (ctx, t) => save(ctx, ctx.actor, t),
});

export const setTrackingPageUrl = adminCommand({ url: v.string() }, (ctx, { url }) =>
  saveTrackingPageUrl(ctx, ctx.actor, url),
);

/** Newest first, optionally one status (offline messages are what the customer would have got). */
export const outbox = supervisorQuery({
  args: { paginationOpts: paginationOptsValidator, status: v.optional(vNotificationStatus) },
  returns: paginationResultValidator(schema.doc("notifications")),
  handler: async (ctx, { paginationOpts, status }) => outboxPage(ctx, paginationOpts, status),
});

/** An order's messages (the order page). */
export const forOrder = floorQuery({
  args: { orderId: v.id("orders") },
  returns: v.array(schema.doc("notifications")),
  handler: async (ctx, { orderId }) => messagesOfOrder(ctx, orderId),
});

export const resend = supervisorCommand({ id: v.id("notifications") }, (ctx, { id }) => resendRow(ctx, ctx.actor, id));

export const claimDue = internalMutation({
  args: { limit: v.number() },
  handler: async (ctx, { limit }) => claim(ctx, limit),
});

export const recordResult = internalMutation({
  args: {
    id: v.id("notifications"),
    result: v.union(
      v.object({ kind: v.literal("sent"), provider: v.string(), providerId: v.string() }),
      v.object({ kind: v.literal("failed"), provider: v.string(), error: v.string(), retryable: v.boolean() }),
      v.object({ kind: v.literal("offline") }),
    ),
  },
  handler: async (ctx, { id, result }) => record(ctx, id, result),
});
