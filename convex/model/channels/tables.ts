/**
 * Sales channels: the channels themselves, the inbox of raw channel orders, listing-SKU mappings,
 * webhook de-duplication and the outbox of acknowledgements and tracking push-backs.
 *
 * Unmapped listings: an order cannot have lines for products we don't know, so a channel order
 * whose listings do not all map waits in the `channelOrders` inbox (status waiting_mapping) and the
 * real order is created the moment the last listing is mapped. Orders never hold phantom lines.
 */
import { defineTable } from "convex/server";
import { v, type Infer } from "convex/values";
import { literals } from "convex-helpers/validators";
import { retriedSendFields } from "../sends";
import { vAddress } from "../warehouses/tables";
import { vCustomer, vPaymentStatus } from "../orders/tables";
import { CSV_FIELDS, type CsvField } from "../../lib/channels/csv";
import { CHANNEL_KINDS } from "../../lib/channels/env";

export const vChannelKind = literals(...CHANNEL_KINDS);
export type ChannelKind = Infer<typeof vChannelKind>;

export const CHANNEL_STATUSES = ["idle", "pulling", "ok", "error", "disabled"] as const;
export const vChannelStatus = literals(...CHANNEL_STATUSES);
export type ChannelStatus = Infer<typeof vChannelStatus>;

/** Non-secret settings; secrets live in Convex environment variables named per channel code. */
export const vChannelSettings = v.object({
  /** Amazon marketplace id (e.g. ATVPDKIKX0DER for the US). */
  marketplaceId: v.optional(v.string()),
  /** Shopify shop domain, e.g. my-shop.myshopify.com. */
  shopDomain: v.optional(v.string()),
  /** Minutes between scheduled pulls. */
  pullIntervalMinutes: v.optional(v.number()),
  /** Sandbox: orders generated per pull (upper bound). */
  ordersPerPull: v.optional(v.number()),
});
export type ChannelSettings = Infer<typeof vChannelSettings>;

/** One line of a channel order as the channel sold it: a listing SKU, not yet a product. */
export const vChannelLine = v.object({
  externalLineId: v.string(),
  listingSku: v.string(),
  title: v.optional(v.string()),
  quantity: v.number(),
  unitPriceMinor: v.number(),
});
export type ChannelLine = Infer<typeof vChannelLine>;

/** The internal order model every adapter normalises to. */
export const vNormalizedOrder = v.object({
  externalId: v.string(),
  placedAt: v.number(),
  updatedAt: v.number(),
  cancelled: v.boolean(),
  customer: vCustomer,
  shipTo: vAddress,
  /** The channel's currency as sent; one we do not sell in fails the import (inbox `failed`), not the pull. */
  currency: v.string(),
  lines: v.array(vChannelLine),
  shipBy: v.optional(v.number()),
  priority: v.optional(v.number()),
  /** What the channel says about payment; absent = the channel only sends paid orders. */
  paymentStatus: v.optional(vPaymentStatus),
  notes: v.optional(v.string()),
  /** The buyer asked the channel to cancel (Amazon's buyer cancellation request): a hold the supervisor decides. */
  cancelRequested: v.optional(v.object({ reason: v.optional(v.string()) })),
  pickupStoreCode: v.optional(v.string()),
  /** What the buyer paid for shipping, minor units (issue 20). */
  shippingChargedMinor: v.optional(v.number()),
  /** Click & collect chosen on the channel: its location, mapped to a store per channel (model/pickup/locations). */
  pickupLocation: v.optional(
    v.object({ id: v.string(), name: v.optional(v.string()), mixed: v.optional(v.boolean()) }),
  ),
});
export type NormalizedOrder = Infer<typeof vNormalizedOrder>;

export const INBOX_STATUSES = ["imported", "waiting_mapping", "failed", "cancelled"] as const;
export const vInboxStatus = literals(...INBOX_STATUSES);
export type InboxStatus = Infer<typeof vInboxStatus>;

export const vComponent = v.object({ productId: v.id("products"), quantity: v.number() });

/** One page of the Amazon PII erasure of an order's holds, then its trail (model/channels/pii). */
export const PII_TRAIL_PHASES = ["holds", "events"] as const;
export const vPiiTrailStep = v.object({
  orderId: v.id("orders"),
  phase: literals(...PII_TRAIL_PHASES),
  cursor: v.union(v.string(), v.null()),
});
export type PiiTrailStep = Infer<typeof vPiiTrailStep>;
export type Component = Infer<typeof vComponent>;

export const OUTBOX_KINDS = ["ack", "tracking"] as const;
export const vOutboxKind = literals(...OUTBOX_KINDS);
export const OUTBOX_STATUSES = ["pending", "sending", "sent", "superseded", "failed"] as const;
export const vOutboxStatus = literals(...OUTBOX_STATUSES);
export type OutboxStatus = Infer<typeof vOutboxStatus>;

/** What a tracking push tells the channel about one package. */
export const vOutboxItem = v.object({ externalLineId: v.string(), quantity: v.number() });

/** A CSV row as the browser sends it: canonical columns (lib/channels/csv.ts), all strings. */
export const vCsvRow = v.object(
  Object.fromEntries(CSV_FIELDS.map((f) => [f, v.optional(v.string())])) as Record<CsvField, VOptionalString>,
);
type VOptionalString = ReturnType<typeof v.optional<ReturnType<typeof v.string>>>;

/** The server's verdict on a CSV file before import: per-row errors and the orders it would make. */
export const vCsvPreview = v.object({
  // Every CSV column may carry an error: a row's errors have the row's shape.
  rowErrors: v.array(v.object({ row: v.number(), errors: vCsvRow })),
  orders: v.array(
    v.object({
      externalId: v.string(),
      rows: v.array(v.number()),
      lineCount: v.number(),
      units: v.number(),
      totalMinor: v.number(),
      currency: v.string(),
      exists: v.boolean(),
    }),
  ),
});

export const channelTables = {
  /** One row per connected channel. Written by admins (connect, enable) and the pull loop; read by the admin page. */
  channels: defineTable({
    code: v.string(),
    kind: vChannelKind,
    name: v.string(),
    settings: vChannelSettings,
    enabled: v.boolean(),
    /** Opaque adapter cursor; replaced only in the mutation that commits a page's orders. */
    cursor: v.optional(v.string()),
    status: vChannelStatus,
    lastPullAt: v.optional(v.number()),
    lastSuccessAt: v.optional(v.number()),
    lastError: v.optional(v.string()),
    consecutiveFailures: v.number(),
    nextPullAt: v.number(),
    /** A pull in flight holds the channel until then, so two never overlap. */
    pullLeaseUntil: v.optional(v.number()),
    ackDeadlineHours: v.number(),
    importedCount: v.number(),
    createdAt: v.number(),
  })
    .index("by_code", ["code"])
    .index("by_enabled_and_nextPullAt", ["enabled", "nextPullAt"]),
  /** The inbox: every channel order as received, keyed (channel, externalId). Written by imports; read by exceptions. */
  channelOrders: defineTable({
    channel: v.string(),
    externalId: v.string(),
    status: vInboxStatus,
    payload: vNormalizedOrder,
    orderId: v.optional(v.id("orders")),
    unmappedSkus: v.array(v.string()),
    error: v.optional(v.string()),
    receivedAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_channel_and_externalId", ["channel", "externalId"])
    .index("by_status_and_receivedAt", ["status", "receivedAt"])
    .index("by_orderId", ["orderId"]),
  /** Which inbox orders wait on which listing; mapping a listing walks its rows. Written with the inbox. */
  channelOrderWaits: defineTable({ channel: v.string(), listingSku: v.string(), channelOrderId: v.id("channelOrders") })
    .index("by_channel_and_listingSku", ["channel", "listingSku"])
    .index("by_channelOrderId", ["channelOrderId"]),
  /**
   * Listing SKU → catalog products. A pack is one component with quantity > 1; a bundle has several.
   * Rows with no components are unmapped listings seen on an order (shown first on the mapping page).
   */
  skuMappings: defineTable({
    channel: v.string(),
    listingSku: v.string(),
    title: v.optional(v.string()),
    components: v.array(vComponent),
    mapped: v.boolean(),
    waitingOrders: v.number(),
    updatedAt: v.number(),
    updatedBy: v.optional(v.string()),
  })
    .index("by_channel_and_listingSku", ["channel", "listingSku"])
    .index("by_mapped_and_channel_and_listingSku", ["mapped", "channel", "listingSku"]),
  /** Webhook deliveries seen, by the vendor's webhook id: a replay finds its row and writes nothing. */
  webhookEvents: defineTable({
    source: v.string(),
    webhookId: v.string(),
    channel: v.string(),
    topic: v.string(),
    receivedAt: v.number(),
  }).index("by_source_and_webhookId", ["source", "webhookId"]),
  /**
   * Messages owed to a channel: order acknowledgements (before the channel's deadline) and tracking
   * per package. Written by imports and label purchase; drained by the outbox sender with backoff.
   */
  outbox: defineTable({
    kind: vOutboxKind,
    channel: v.string(),
    externalOrderId: v.string(),
    /** Unique per message: ack:<channel>:<order>, trk:<shipment>:<package>:<tracking>. */
    idempotencyKey: v.string(),
    orderId: v.optional(v.id("orders")),
    shipmentId: v.optional(v.id("shipments")),
    /** The package id (or "shipment" for a one-label shipment) this tracking is for. */
    packageKey: v.optional(v.string()),
    carrier: v.optional(v.string()),
    service: v.optional(v.string()),
    trackingNumber: v.optional(v.string()),
    items: v.optional(v.array(vOutboxItem)),
    /** The sent entry this one corrects (void and relabel after it went out). */
    supersedes: v.optional(v.id("outbox")),
    /** What the channel calls the confirmation (e.g. a Shopify fulfillment id), for corrections. */
    remoteRef: v.optional(v.string()),
    status: vOutboxStatus,
    ...retriedSendFields,
    /** Acknowledgements: when the channel wants it by. */
    dueAt: v.optional(v.number()),
  })
    .index("by_idempotencyKey", ["idempotencyKey"])
    .index("by_status_and_nextAttemptAt", ["status", "nextAttemptAt"])
    .index("by_kind_and_status_and_dueAt", ["kind", "status", "dueAt"])
    .index("by_shipmentId_and_packageKey", ["shipmentId", "packageKey"])
    .index("by_orderId", ["orderId"]),
};
