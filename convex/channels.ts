/**
 * Channels API: connecting channels and watching their pulls (admins act, supervisors watch),
 * listing-SKU mappings (mapping a listing releases the orders waiting on it), the inbox of channel
 * orders that could not become orders yet, acknowledgement deadlines at risk, the tracking outbox,
 * and CSV import with a server-checked preview. Internal pipeline functions: channelSync.ts.
 */
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import { adminCommand, adminMutation, floorQuery, supervisorMutation, supervisorQuery } from "./functions";
import { internal } from "./_generated/api";
import { channelEnv, missingEnv } from "./lib/channels/env";
import { allEnv } from "./env";
import { HOUR } from "./lib/clock";
import { connectChannel, pullNow as pullChannelNow, setEnabled as setChannelEnabled } from "./model/channels/channels";
import { releaseWaiting } from "./model/channels/imports";
import { deleteMapping as removeMapping, saveMapping as storeMapping } from "./model/channels/mapping";
import { retryEntry } from "./model/channels/outbox";
import {
  acksDueBy,
  failedOutboxPage,
  inboxPage,
  mappedListings,
  outboxOfOrder,
  unmappedListings as unmappedListingRows,
} from "./model/channels/views";
import {
  vChannelKind,
  vChannelSettings,
  vComponent,
  vCsvPreview,
  vCsvRow,
  vInboxStatus,
} from "./model/channels/tables";
import { importCsv as runCsvImport, previewCsv as checkCsvRows } from "./model/channels/csv";
import schema from "./schema";

/** Every channel with its pull status and the environment variables it still needs. */
export const list = supervisorQuery({
  args: {},
  returns: v.array(
    v.object({
      ...schema.doc("channels").fields,
      env: v.array(v.object({ name: v.string(), secret: v.boolean(), required: v.boolean(), description: v.string() })),
      missingEnv: v.array(v.string()),
    }),
  ),
  handler: async (ctx) => {
    const channels = await ctx.db.query("channels").take(100);
    return channels.map((c) => ({ ...c, env: channelEnv(c.kind, c.code), missingEnv: missingEnv(c, allEnv()) }));
  },
});

export const connect = adminMutation({
  args: {
    code: v.string(),
    kind: vChannelKind,
    name: v.string(),
    settings: vChannelSettings,
    ackDeadlineHours: v.optional(v.number()),
  },
  returns: v.id("channels"),
  handler: async (ctx, input) => connectChannel(ctx, ctx.actor, input),
});

export const setEnabled = adminCommand({ channelId: v.id("channels"), enabled: v.boolean() }, (ctx, a) =>
  setChannelEnabled(ctx, ctx.actor, a.channelId, a.enabled),
);

/** Starts a pull now, whatever the schedule or backoff says. */
export const pullNow = adminCommand({ channelId: v.id("channels") }, (ctx, { channelId }) =>
  pullChannelNow(ctx, channelId),
);

/** Listings seen on orders that map to no product: the mapping page shows them first. */
export const unmappedListings = supervisorQuery({
  args: {},
  returns: v.array(schema.doc("skuMappings")),
  handler: async (ctx) => unmappedListingRows(ctx),
});

/** Mapped listings by channel and SKU, each component with its catalog SKU and name. */
export const mappings = supervisorQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(schema.doc("skuMappings")),
  handler: async (ctx, { paginationOpts }) => mappedListings(ctx, paginationOpts),
});

/** Maps a listing (one product, a pack, or a bundle) and imports every order that waited on it. */
export const saveMapping = adminMutation({
  args: { channel: v.string(), listingSku: v.string(), title: v.optional(v.string()), components: v.array(vComponent) },
  returns: v.object({ id: v.id("skuMappings"), released: v.number(), more: v.boolean() }),
  handler: async (ctx, m) => {
    const id = await storeMapping(ctx, ctx.actor, m);
    const r = await releaseWaiting(ctx, m.channel, m.listingSku.trim());
    if (r.more)
      await ctx.scheduler.runAfter(0, internal.channelSync.continueRelease, {
        channel: m.channel,
        listingSku: m.listingSku.trim(),
      });
    return { id, released: r.imported, more: r.more };
  },
});

export const deleteMapping = adminCommand({ id: v.id("skuMappings") }, (ctx, { id }) => removeMapping(ctx, id));

/** Channel orders by inbox status (waiting for mapping, failed), newest first: the exceptions. */
export const inbox = supervisorQuery({
  args: { status: vInboxStatus, paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(schema.doc("channelOrders")),
  handler: async (ctx, { status, paginationOpts }) => inboxPage(ctx, status, paginationOpts),
});

/**
 * Acknowledgements not yet confirmed whose deadline falls within `withinHours` of `nowBucket`
 * (overdue first). Queries may not read the clock: the client passes "now", rounded.
 */
export const ackAtRisk = supervisorQuery({
  args: { withinHours: v.number(), nowBucket: v.number() },
  returns: v.array(v.object({ ...schema.doc("outbox").fields, orderNumber: v.optional(v.string()) })),
  handler: async (ctx, { withinHours, nowBucket }) => acksDueBy(ctx, nowBucket + withinHours * HOUR),
});

/** The channel messages of one order (acknowledgement, tracking per package), oldest first. */
export const outboxForOrder = floorQuery({
  args: { orderId: v.id("orders") },
  returns: v.array(schema.doc("outbox")),
  handler: async (ctx, { orderId }) => outboxOfOrder(ctx, orderId),
});

/** Messages that stopped retrying (permanent refusals or attempts spent), for the channels page. */
export const failedOutbox = supervisorQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(schema.doc("outbox")),
  handler: async (ctx, { paginationOpts }) => failedOutboxPage(ctx, paginationOpts),
});

export const retryOutbox = adminMutation({
  args: { id: v.id("outbox") },
  returns: v.boolean(),
  handler: async (ctx, { id }) => retryEntry(ctx, id),
});

/** The server's verdict on a CSV file before import: per-row errors and the orders it would make. */
export const previewCsv = supervisorQuery({
  args: { rows: v.array(vCsvRow), excludedRows: v.array(v.number()) },
  returns: vCsvPreview,
  handler: async (ctx, { rows, excludedRows }) => checkCsvRows(ctx, rows, excludedRows),
});

export const importCsv = supervisorMutation({
  args: { rows: v.array(vCsvRow), excludedRows: v.array(v.number()) },
  returns: v.object({ created: v.number(), skipped: v.number() }),
  handler: async (ctx, { rows, excludedRows }) => runCsvImport(ctx, ctx.actor, rows, excludedRows),
});
