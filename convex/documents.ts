"use node";
/**
 * Printable documents, generated here (pdf-lib, bwip-js Code 128 barcodes), stored in file
 * storage and opened by the browser's print dialog: a shipment's packing slip with its labels, a
 * pick sheet, a batch's labels and slips merged in pick order, and the print station's answer to
 * a scanned order number, shipment number or tote label. Paper and company from document settings.
 */
import { PRINT_PAGE_SIZE } from "./lib/bounds";
import { scopedSite } from "./model/floor/scope";
import { v, type Infer } from "convex/values";
import type { ActionCtx } from "./_generated/server";
import { internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { floorAction, supervisorAction, type Actor } from "./functions";
import { appError } from "./lib/errors";
import type { LabelFormat } from "./integrations/carriers/types";
import {
  renderMerged,
  renderPickSheet,
  type Company,
  type LabelFile,
  type Paper,
  type SlipData,
} from "./integrations/documents/render";

const vPrinted = v.object({
  documentId: v.id("documents"),
  url: v.string(),
  pages: v.number(),
  bytes: v.number(),
  title: v.string(),
});
type Printed = Infer<typeof vPrinted>;
type StoredLabel = {
  format: LabelFormat;
  storageId?: Id<"_storage">;
  url?: string;
  trackingNumber: string;
  carrier: string;
  service: string;
  shipmentNumber?: string;
  warehouseName?: string;
};
type SlipEntry = { shipmentId: Id<"shipments">; slip: SlipData; labels: StoredLabel[] };

/** How long a vendor's label URL may take to download. */
const LABEL_FETCH_MS = 10_000;

async function company(ctx: ActionCtx): Promise<{ company: Company; paper: Paper; returnNote?: string }> {
  const c = await ctx.runQuery(internal.documentsInternal.company, {});
  let logo: Company["logo"];
  if (c.logoStorageId) {
    const blob = await ctx.storage.get(c.logoStorageId);
    const bytes = blob ? new Uint8Array(await blob.arrayBuffer()) : null;
    if (bytes && bytes[0] === 0x89 && bytes[1] === 0x50) logo = { bytes, type: "png" };
    else if (bytes && bytes[0] === 0xff && bytes[1] === 0xd8) logo = { bytes, type: "jpg" };
  }
  return {
    company: { name: c.name, addressLines: c.addressLines, phone: c.phone, email: c.email, logo },
    paper: c.paper,
    returnNote: c.returnNote,
  };
}

/** The label files' bytes: stored ones from file storage, vendors' from their URL; a file that cannot be had prints as its tracking barcode. */
async function labelFiles(ctx: ActionCtx, labels: StoredLabel[]): Promise<LabelFile[]> {
  return Promise.all(
    labels.map(async (l) => {
      let bytes: Uint8Array | null = null;
      try {
        if (l.format !== "ZPL" && l.storageId) {
          const blob = await ctx.storage.get(l.storageId);
          bytes = blob ? new Uint8Array(await blob.arrayBuffer()) : null;
        } else if (l.format !== "ZPL" && l.url) {
          const res = await fetch(l.url, { signal: AbortSignal.timeout(LABEL_FETCH_MS) });
          bytes = res.ok ? new Uint8Array(await res.arrayBuffer()) : null;
        }
      } catch (e) {
        console.warn(`label ${l.trackingNumber}: file not loaded (${e instanceof Error ? e.message : String(e)})`);
      }
      return {
        format: l.format,
        bytes,
        trackingNumber: l.trackingNumber,
        carrier: l.carrier,
        service: l.service,
        shipmentNumber: l.shipmentNumber,
        warehouseName: l.warehouseName,
      };
    }),
  );
}

/** Stores a rendered PDF with what it is of, made by the caller. */
async function store(
  ctx: ActionCtx & { actor: Actor },
  { bytes, pages }: { bytes: Uint8Array; pages: number },
  meta: {
    kind: "packing_slip" | "pick_sheet" | "batch" | "print_station";
    title: string;
    batchId?: Id<"batches">;
    shipmentId?: Id<"shipments">;
    pickListId?: Id<"pickLists">;
  },
): Promise<Printed> {
  const storageId = await ctx.storage.store(new Blob([bytes as BlobPart], { type: "application/pdf" }));
  const documentId = await ctx.runMutation(internal.documentsInternal.save, {
    ...meta,
    storageId,
    pages,
    bytes: bytes.byteLength,
    createdByName: ctx.actor.name,
  });
  const url = await ctx.storage.getUrl(storageId);
  if (!url) throw appError("NOT_FOUND", "The document was stored but has no address.");
  return { documentId, url, pages, bytes: bytes.byteLength, title: meta.title };
}

type Sorted = SlipEntry & { key: [number, number, string] };
/** Pick order: the keys the internal query gave each entry. */
function inPickOrder(entries: Sorted[]): void {
  entries.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2].localeCompare(b.key[2]));
}

async function slipsAndLabels(ctx: ActionCtx, entries: SlipEntry[], withLabels: boolean) {
  const c = await company(ctx);
  const merged = [];
  for (const e of entries)
    merged.push({
      labels: withLabels ? await labelFiles(ctx, e.labels) : [],
      slip: { ...e.slip, returnNote: c.returnNote },
    });
  return renderMerged(merged, c.company, c.paper);
}

/** A shipment's packing slip (and its labels first when `withLabels`). */
export const packingSlip = floorAction({
  args: { shipmentId: v.id("shipments"), withLabels: v.optional(v.boolean()) },
  returns: vPrinted,
  handler: async (ctx, { shipmentId, withLabels }): Promise<Printed> => {
    const entry: SlipEntry = await ctx.runQuery(internal.documentsInternal.slip, {
      shipmentId,
      site: scopedSite(ctx.member) ?? undefined,
    });
    return store(ctx, await slipsAndLabels(ctx, [entry], withLabels ?? false), {
      kind: "packing_slip",
      title: `Packing slip ${entry.slip.shipmentNumber}`,
      shipmentId,
    });
  },
});

/** A pick list's pick sheet: bins in walk order, each with its barcode. */
export const pickSheet = floorAction({
  args: { pickListId: v.id("pickLists") },
  returns: vPrinted,
  handler: async (ctx, { pickListId }): Promise<Printed> => {
    const data = await ctx.runQuery(internal.documentsInternal.pickSheet, {
      pickListId,
      site: scopedSite(ctx.member) ?? undefined,
    });
    const c = await company(ctx);
    return store(ctx, await renderPickSheet(data, c.company, c.paper), {
      kind: "pick_sheet",
      title: `Pick sheet ${data.number}`,
      pickListId,
    });
  },
});

/** Every bought shipment of a batch: its labels (4×6) then its packing slip, in pick order, as one PDF. */
export const batchPdf = supervisorAction({
  args: { batchId: v.id("batches") },
  returns: vPrinted,
  handler: async (ctx, { batchId }): Promise<Printed> => {
    const entries: Sorted[] = [];
    let cursor: string | null = null;
    let number = "";
    for (;;) {
      const page: {
        number: string;
        entries: Sorted[];
        isDone: boolean;
        continueCursor: string;
      } | null = await ctx.runQuery(internal.documentsInternal.batchPage, { batchId, cursor });
      if (!page) throw appError("NOT_FOUND", "That batch no longer exists.");
      number = page.number;
      entries.push(...page.entries);
      if (page.isDone) break;
      cursor = page.continueCursor;
    }
    if (entries.length === 0) throw appError("INVALID_INPUT", `Batch ${number} has no bought labels to print yet.`);
    inPickOrder(entries);
    return store(ctx, await slipsAndLabels(ctx, entries, true), {
      kind: "batch",
      title: `Batch ${number}: ${entries.length} shipments`,
      batchId,
    });
  },
});

/** "Print" on a selection of orders or shipments: their labels (when bought) and packing slips in pick order, one PDF. */
export const printSelection = floorAction({
  args: { orderIds: v.optional(v.array(v.id("orders"))), shipmentIds: v.optional(v.array(v.id("shipments"))) },
  returns: v.object({
    document: v.union(vPrinted, v.null()),
    printed: v.number(),
    refused: v.array(v.object({ id: v.string(), reason: v.string() })),
  }),
  handler: async (
    ctx,
    { orderIds, shipmentIds },
  ): Promise<{ document: Printed | null; printed: number; refused: { id: string; reason: string }[] }> => {
    if ((orderIds?.length ?? 0) + (shipmentIds?.length ?? 0) > PRINT_PAGE_SIZE)
      throw appError("INVALID_INPUT", `Print at most ${PRINT_PAGE_SIZE} orders or shipments at a time.`);
    const { entries, refused }: { entries: Sorted[]; refused: { id: string; reason: string }[] } = await ctx.runQuery(
      internal.documentsInternal.selection,
      {
        orderIds: orderIds ?? [],
        shipmentIds: shipmentIds ?? [],
      },
    );
    if (entries.length === 0) return { document: null, printed: 0, refused };
    inPickOrder(entries);
    const document = await store(ctx, await slipsAndLabels(ctx, entries, true), {
      kind: "packing_slip",
      title: `${entries.length} shipments: labels and packing slips`,
    });
    return { document, printed: entries.length, refused };
  },
});

/** Print station: a scanned order number, shipment number or tote label prints that shipment's labels and packing slip. */
export const printCode = floorAction({
  args: { code: v.string() },
  returns: v.object({ ...vPrinted.fields, as: v.string() }),
  handler: async (ctx, { code }): Promise<Printed & { as: string }> => {
    const entry: SlipEntry & { as: string } = await ctx.runQuery(internal.documentsInternal.forCode, { code });
    const printed = await store(ctx, await slipsAndLabels(ctx, [entry], true), {
      kind: "print_station",
      title: `Labels and slip ${entry.slip.shipmentNumber}`,
      shipmentId: entry.shipmentId,
    });
    return { ...printed, as: entry.as };
  },
});
