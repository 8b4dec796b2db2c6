/**
 * Customer notifications: the templates operators edit, the outbox of rendered messages, and the
 * one settings row (public tracking page URL). Rendering is pure (lib/notifications); sending is
 * an action behind the provider interface (integrations/notify).
 */
import { defineTable } from "convex/server";
import { v, type Infer } from "convex/values";
import { literals, partial } from "convex-helpers/validators";
import { retriedSendFields } from "../sends";
import { NOTIFICATION_EVENTS, NOTIFICATION_CHANNELS } from "../../lib/notifications/templates";
import { NOTIFICATION_STATUSES } from "../../lib/statusSets";

export const vNotificationEvent = literals(...NOTIFICATION_EVENTS);
export const vNotificationChannel = literals(...NOTIFICATION_CHANNELS);
export const vNotificationStatus = literals(...NOTIFICATION_STATUSES);
export type NotificationStatus = Infer<typeof vNotificationStatus>;

/** What a template says: the fields the editor saves, at a version. */
export const templateFields = {
  event: vNotificationEvent,
  channel: vNotificationChannel,
  subject: v.string(),
  body: v.string(),
  enabled: v.boolean(),
  version: v.number(),
};
/** Who saved a template and when. */
const templateEdit = { updatedBy: v.string(), updatedAt: v.number() };
/** A template in force: the saved row, or the default (version 0, never edited: no editor). */
export const vTemplate = v.object({ ...templateFields, ...partial(templateEdit) });
export type Template = Infer<typeof vTemplate>;

export const notificationTables = {
  /** One row per (event, channel) once edited; absent rows use the defaults. Written by the template editor (audited). */
  notificationTemplates: defineTable({ ...templateFields, ...templateEdit }).index("by_event_and_channel", [
    "event",
    "channel",
  ]),
  /**
   * The outbox: one rendered message per (event, subject, channel), keyed so a repeated hook adds
   * nothing. Written in the mutation of the change it announces; claimed and sent by the worker
   * action with retries; `offline` when no provider is configured (shown in the app instead).
   */
  notifications: defineTable({
    event: vNotificationEvent,
    channel: vNotificationChannel,
    orderId: v.id("orders"),
    orderNumber: v.string(),
    idempotencyKey: v.string(),
    to: v.string(),
    subject: v.string(),
    body: v.string(),
    text: v.optional(v.string()),
    templateVersion: v.number(),
    status: vNotificationStatus,
    ...retriedSendFields,
    provider: v.optional(v.string()),
    providerId: v.optional(v.string()),
  })
    .index("by_idempotencyKey", ["idempotencyKey"])
    .index("by_status_and_nextAttemptAt", ["status", "nextAttemptAt"])
    .index("by_status_and_createdAt", ["status", "createdAt"])
    .index("by_createdAt", ["createdAt"])
    .index("by_orderId", ["orderId"]),
  /** One row (key "default"): where the customer tracking page lives, for links in messages. */
  notificationSettings: defineTable({ key: v.string(), trackingPageUrl: v.string(), updatedAt: v.number() }).index(
    "by_key",
    ["key"],
  ),
};
