/**
 * Batches (buy many labels as background work) and printable documents (packing slips, pick
 * sheets, a batch's merged PDF). Lists are written once as const arrays; validators come from
 * them and types from the validators.
 */
import { PAPER_SIZES } from "../../lib/shipping/types";
import { defineTable } from "convex/server";
import { v, type Infer } from "convex/values";
import { literals } from "convex-helpers/validators";
import { boughtLabelFields } from "../shipping/tables";
import { vAddress } from "../warehouses/tables";

export const BATCH_STATUSES = ["open", "running", "done", "voiding", "voided"] as const;
export const vBatchStatus = literals(...BATCH_STATUSES);
export type BatchStatus = Infer<typeof vBatchStatus>;
/** Batches being voided or voided: nothing more is added, bought or retried, and no second void. */
export const VOIDED_BATCH_STATUSES: readonly BatchStatus[] = ["voiding", "voided"];

/**
 * One shipment's way through a batch. ready (added, "Buy" not pressed yet) → queued → quoting → buying → bought; a step that fails for
 * a reason a retry can fix (rate limit, carrier unavailable, timeout) waits in `retrying`; one a
 * person must fix is `failed` (with the reason in words) until "Retry failed" queues it again.
 */
export const BATCH_ITEM_STATUSES = [
  "ready",
  "queued",
  "quoting",
  "buying",
  "retrying",
  "bought",
  "failed",
  "voided",
  "removed",
] as const;
export const vBatchItemStatus = literals(...BATCH_ITEM_STATUSES);
export type BatchItemStatus = Infer<typeof vBatchItemStatus>;
/** Items settled: bought, voided, or taken off their batch. */
const SETTLED_BATCH_ITEM_STATUSES: readonly BatchItemStatus[] = ["bought", "voided", "removed"];
/** Items not settled yet: a shipment on one of these is on a batch already (filter.ts, items.ts). */
export const OPEN_BATCH_ITEM_STATUSES = BATCH_ITEM_STATUSES.filter((s) => !SETTLED_BATCH_ITEM_STATUSES.includes(s));
/** Items holding a carrier slot (the concurrency limit counts them, across all batches). */
export const IN_FLIGHT: readonly BatchItemStatus[] = ["quoting", "buying", "retrying"];

export const vPaperSize = literals(...PAPER_SIZES);
export type PaperSize = Infer<typeof vPaperSize>;

export const DOCUMENT_KINDS = ["packing_slip", "pick_sheet", "batch", "print_station"] as const;
export const vDocumentKind = literals(...DOCUMENT_KINDS);
export type DocumentKind = Infer<typeof vDocumentKind>;

/** The company's postal address on documents: an address without a person, company or phone (those are their own fields). */
export const vCompanyAddress = vAddress.omit("name", "company", "phone");

export const vBatchCounts = v.object({
  total: v.number(),
  ready: v.number(),
  queued: v.number(),
  working: v.number(),
  bought: v.number(),
  failed: v.number(),
  voided: v.number(),
});
export type BatchCounts = Infer<typeof vBatchCounts>;

/** What an admin sets on the document settings page (documentSettings.save), as the table keeps it. */
export const vDocumentSettingsFields = {
  companyName: v.string(),
  address: vCompanyAddress,
  phone: v.optional(v.string()),
  email: v.optional(v.string()),
  logoStorageId: v.optional(v.id("_storage")),
  paperSize: vPaperSize,
  /** Extra words under the return instructions (e.g. "Returns are free within 30 days"). */
  returnNote: v.optional(v.string()),
};

export const batchTables = {
  /** A batch: its counts are kept by the item transitions (model/batches/items.ts), never recounted. */
  batches: defineTable({
    number: v.string(),
    status: vBatchStatus,
    /** What the batch was made from, in words ("3 selected orders", "ready in Reno, up to 50"). */
    source: v.string(),
    counts: vBatchCounts,
    createdBy: v.id("members"),
    createdByName: v.string(),
    createdAt: v.number(),
    /** When "Buy" was pressed. */
    startedAt: v.optional(v.number()),
    finishedAt: v.optional(v.number()),
    /** The latest merged PDF (documents.batchPdf). */
    documentId: v.optional(v.id("documents")),
  }).index("by_createdAt", ["createdAt"]),
  /**
   * One shipment in one batch. Written only by model/batches (items.ts, run.ts). `lease` numbers
   * each scheduled run of the item; `claimed` is the lease a run has started, so a duplicated
   * scheduled run of the same lease does nothing.
   */
  batchItems: defineTable({
    batchId: v.id("batches"),
    shipmentId: v.id("shipments"),
    orderId: v.id("orders"),
    /** Shipment and order numbers, copied for the list. */
    shipmentNumber: v.string(),
    orderNumber: v.string(),
    status: vBatchItemStatus,
    lease: v.number(),
    claimed: v.number(),
    /** Quote attempts of the current try (a rate shop that got no rate for a retryable reason). */
    quoteAttempts: v.number(),
    requestId: v.optional(v.id("rateShopRequests")),
    purchaseKey: v.optional(v.string()),
    ...boughtLabelFields,
    /** Why it failed, or why it waits (a retry), in words. */
    reason: v.optional(v.string()),
    retryAt: v.optional(v.number()),
    queuedAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_batchId_and_status", ["batchId", "status"])
    .index("by_batchId_and_shipmentNumber", ["batchId", "shipmentNumber"])
    .index("by_shipmentId_and_status", ["shipmentId", "status"])
    .index("by_status_and_queuedAt", ["status", "queuedAt"]),
  /**
   * Per carrier provider: the earliest time the next batch item may start calling it, so items
   * start no faster than the provider's documented rate (model/batches/limits.ts). One row per
   * provider, written by the pump.
   */
  carrierPacing: defineTable({ provider: v.string(), nextAt: v.number() }).index("by_provider", ["provider"]),
  /** Company details printed on documents, and the paper of packing slips. One row (key "default"), edited by admins. */
  documentSettings: defineTable({ key: v.string(), ...vDocumentSettingsFields, updatedAt: v.number() }).index(
    "by_key",
    ["key"],
  ),
  /** A generated PDF in file storage: what it is of, its size. Written by the document actions. */
  documents: defineTable({
    kind: vDocumentKind,
    batchId: v.optional(v.id("batches")),
    shipmentId: v.optional(v.id("shipments")),
    pickListId: v.optional(v.id("pickLists")),
    storageId: v.id("_storage"),
    pages: v.number(),
    bytes: v.number(),
    title: v.string(),
    createdByName: v.string(),
    createdAt: v.number(),
  })
    .index("by_batchId", ["batchId"])
    .index("by_shipmentId", ["shipmentId"]),
};
