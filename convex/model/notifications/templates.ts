/**
 * Templates in force (saved row or default) and saving an edit: checked against the event's
 * placeholders, versioned, audited.
 */
import { isWebAddress } from "../../lib/address";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Actor } from "../../functions";
import { appError } from "../../lib/errors";
import { templateProblems } from "../../lib/notifications/render";
import {
  DEFAULT_TEMPLATES,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_EVENTS,
  type NotificationChannel,
  type NotificationEvent,
} from "../../lib/notifications/templates";
import { recordAudit } from "../audit/record";
import { readSettingsRow, saveSettingsRow } from "../settings/singleton";
import type { Template } from "./tables";

export async function templateFor(
  ctx: QueryCtx,
  event: NotificationEvent,
  channel: NotificationChannel,
): Promise<Template> {
  const row = await ctx.db
    .query("notificationTemplates")
    .withIndex("by_event_and_channel", (q) => q.eq("event", event).eq("channel", channel))
    .unique();
  if (row)
    return {
      event,
      channel,
      subject: row.subject,
      body: row.body,
      enabled: row.enabled,
      version: row.version,
      updatedBy: row.updatedBy,
      updatedAt: row.updatedAt,
    };
  return { event, channel, ...DEFAULT_TEMPLATES[event][channel], version: 0 };
}

/** Every (event, channel) template in force: 12 rows at most. */
export async function allTemplates(ctx: QueryCtx) {
  const out: Template[] = [];
  for (const event of NOTIFICATION_EVENTS)
    for (const channel of NOTIFICATION_CHANNELS) out.push(await templateFor(ctx, event, channel));
  return out;
}

/** Saves an edit; refuses unknown placeholders, naming the field. Returns the new version. */
export async function saveTemplate(
  ctx: MutationCtx,
  actor: Actor,
  t: Omit<Template, "version" | "updatedBy" | "updatedAt"> & { baseVersion: number },
) {
  const fields: Record<string, string> = {};
  const subjectProblems = templateProblems(t.subject, t.event);
  const bodyProblems = templateProblems(t.body, t.event);
  if (subjectProblems.length) fields.subject = subjectProblems.join(" ");
  if (bodyProblems.length) fields.body = bodyProblems.join(" ");
  if (t.channel === "email" && !t.subject.trim()) fields.subject = "An email needs a subject.";
  if (!t.body.trim()) fields.body = "Write the message.";
  if (t.body.length > 20_000) fields.body = "Keep the template under 20,000 characters.";
  if (Object.keys(fields).length) throw appError("INVALID_INPUT", Object.values(fields)[0], fields);
  const row = await ctx.db
    .query("notificationTemplates")
    .withIndex("by_event_and_channel", (q) => q.eq("event", t.event).eq("channel", t.channel))
    .unique();
  const current = row?.version ?? 0;
  if (t.baseVersion !== current)
    throw appError(
      "CONFLICT",
      `Someone saved this template meanwhile (version ${current}). Reload to see their change.`,
    );
  const doc = {
    subject: t.subject,
    body: t.body,
    enabled: t.enabled,
    version: current + 1,
    updatedBy: actor.name,
    updatedAt: Date.now(),
  };
  if (row) await ctx.db.patch("notificationTemplates", row._id, doc);
  else await ctx.db.insert("notificationTemplates", { event: t.event, channel: t.channel, ...doc });
  await recordAudit(ctx, actor, {
    entity: "notificationTemplates",
    entityId: `${t.event}:${t.channel}`,
    action: "update",
    summary: `Template ${t.event} (${t.channel}) v${current + 1}${t.enabled ? "" : ", disabled"}`,
  });
  return current + 1;
}

/** The tracking page customer messages link to, until an admin (or the demo's start) sets one. */
const DEFAULT_TRACKING_PAGE = "http://127.0.0.1:5173/track";

export async function trackingPageUrl(ctx: { db: QueryCtx["db"] }) {
  return (await readSettingsRow(ctx, "notificationSettings", { trackingPageUrl: DEFAULT_TRACKING_PAGE }))
    .trackingPageUrl;
}

export async function saveTrackingPageUrl(ctx: MutationCtx, actor: Actor, url: string) {
  if (!isWebAddress(url))
    throw appError("INVALID_INPUT", "Enter the full address, e.g. https://shop.example.com/track.", {
      trackingPageUrl: "Starts with https://",
    });
  await saveSettingsRow(ctx, actor, "notificationSettings", {
    fields: { trackingPageUrl: url.trim(), updatedAt: Date.now() },
    summary: `Tracking page URL ${url.trim()}`,
  });
}
