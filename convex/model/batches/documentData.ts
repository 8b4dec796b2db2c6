/**
 * What the printable documents show, read in one place: company details and paper (document
 * settings), a shipment's packing slip (order, ship-to, lines with product names, returns page),
 * its label files, a pick list's stops, and a batch's shipments in pick order (the pick list they
 * were picked on, then their first stop in walk order). The document actions draw and store.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { appError, throwIfFieldErrors } from "../../lib/errors";
import { EMAIL_PROBLEM, isEmail } from "../../lib/address";
import { trackingPageUrl } from "../notifications/templates";
import { labelsOf, packagesOf } from "../shipping/context";
import { shipmentsFor } from "../floor/packFlow";
import type { PaperSize } from "./tables";
import { orderOfShipment, shipmentsOfOrder } from "../orders/lines";
import { rowOrThrow, rowsBy } from "../rows";
import { tasksOfList } from "../floor/pickLists";
import { saveSettingsRow, settingsRow } from "../settings/singleton";

export const DEFAULT_COMPANY: {
  companyName: string;
  address: Doc<"documentSettings">["address"];
  paperSize: PaperSize;
} = { companyName: "Our shop", address: { line1: "", city: "", postalCode: "", country: "US" }, paperSize: "Letter" };

/** Company, address lines, logo file and paper for the renderer. */
export async function companyInput(ctx: QueryCtx) {
  const row = await settingsRow(ctx, "documentSettings");
  const a = row?.address ?? DEFAULT_COMPANY.address;
  const cityLine = [a.city, a.region, a.postalCode].filter(Boolean).join(" ");
  return {
    name: row?.companyName ?? DEFAULT_COMPANY.companyName,
    addressLines: [a.line1, a.line2, cityLine, a.country].filter((s): s is string => !!s && s.trim() !== ""),
    phone: row?.phone,
    email: row?.email,
    logoStorageId: row?.logoStorageId,
    paper: row?.paperSize ?? DEFAULT_COMPANY.paperSize,
    returnNote: row?.returnNote,
  };
}

export type SettingsInput = Omit<Doc<"documentSettings">, "_id" | "_creationTime" | "key" | "updatedAt">;

/** Saves the document settings (one row), audited. */
export async function saveDocumentSettings(ctx: MutationCtx, actor: Actor, input: SettingsInput) {
  if (!input.companyName.trim())
    throw appError("INVALID_INPUT", "The company name is printed on every document; enter it.", {
      companyName: "Required",
    });
  if (input.email && !isEmail(input.email)) throwIfFieldErrors({ email: EMAIL_PROBLEM });
  const row = await settingsRow(ctx, "documentSettings");
  if (row?.logoStorageId && row.logoStorageId !== input.logoStorageId) await ctx.storage.delete(row.logoStorageId);
  const fields = { ...input, companyName: input.companyName.trim(), updatedAt: Date.now() };
  await saveSettingsRow(ctx, actor, "documentSettings", {
    fields,
    summary: `Document settings: ${fields.companyName}, ${input.paperSize} slips`,
  });
}

/** A shipment's packing slip data and its purchased label files. */
export async function slipInput(ctx: QueryCtx, s: Doc<"shipments">) {
  const order = await orderOfShipment(ctx, s);
  const lines = [];
  for (const l of s.lines.slice(0, 200)) {
    if (l.quantity === 0) continue;
    const p = await ctx.db.get("products", l.productId);
    lines.push({ sku: l.sku, name: p?.name ?? l.sku, quantity: l.quantity });
  }
  const to = order.shipTo;
  const warehouse = await ctx.db.get("warehouses", s.warehouseId);
  const packages = await packagesOf(ctx, s._id);
  const labels = (await labelsOf(ctx, s._id))
    .filter((l) => l.status === "purchased")
    .sort((a, b) => a.createdAt - b.createdAt);
  const pkgIndex = new Map(packages.map((p) => [p._id as string, p.index]));
  labels.sort((a, b) => (pkgIndex.get(a.packageId) ?? 0) - (pkgIndex.get(b.packageId) ?? 0));
  return {
    shipmentId: s._id,
    slip: {
      orderNumber: order.number,
      shipmentNumber: s.number,
      placedAt: order.placedAt,
      customerName: order.customer.name,
      shipTo: [
        to.name,
        to.company,
        to.line1,
        to.line2,
        [to.city, to.region, to.postalCode].filter(Boolean).join(" "),
        to.country,
      ].filter((x): x is string => !!x),
      lines,
      packages: Math.max(1, packages.length),
      returnsUrl: await trackingPageUrl(ctx),
    },
    labels: labels.map((l) => ({
      format: l.labelFormat ?? "PDF",
      storageId: l.labelStorageId,
      url: l.labelUrl,
      trackingNumber: l.trackingNumber ?? "",
      carrier: l.carrier,
      service: l.service,
      shipmentNumber: s.number,
      warehouseName: warehouse?.name ?? "its warehouse",
    })),
  };
}

/** A pick list's stops in walk order. */
export async function pickSheetInput(ctx: QueryCtx, pickListId: Id<"pickLists">) {
  const list = await rowOrThrow(ctx, "pickLists", pickListId, "pick list");
  const warehouse = await ctx.db.get("warehouses", list.warehouseId);
  const tasks = await tasksOfList(ctx, pickListId);
  return {
    number: list.number,
    warehouse: warehouse?.name ?? "",
    kind: list.kind,
    tasks: tasks.map((t) => ({ seq: t.seq, bin: t.bin, sku: t.sku, name: t.name, quantity: t.quantity, tote: t.tote })),
  };
}

/**
 * Where a shipment falls in pick order: the pick list it was picked on (its first pick scan says
 * which; lists in the order they were made) and its first stop's place in the walk. Shipments
 * never picked on a list come last, by number.
 */
export async function pickOrderKey(
  ctx: QueryCtx,
  s: Doc<"shipments">,
  lists: Map<string, { createdAt: number; seqOf: Map<string, number> }>,
) {
  const scans = await rowsBy(ctx, "scanEvents", "by_shipmentId", s._id, { limit: 20 });
  const listId = scans.find((e) => e.stage === "pick" && e.pickListId)?.pickListId;
  if (!listId) return [Number.MAX_SAFE_INTEGER, 0];
  let entry = lists.get(listId);
  if (!entry) {
    const list = await ctx.db.get("pickLists", listId);
    const tasks = await tasksOfList(ctx, listId);
    const seqOf = new Map<string, number>();
    for (const t of tasks) if (!seqOf.has(t.shipmentId)) seqOf.set(t.shipmentId, t.seq);
    entry = { createdAt: list?.createdAt ?? Number.MAX_SAFE_INTEGER - 1, seqOf };
    lists.set(listId, entry);
  }
  return [entry.createdAt, entry.seqOf.get(s._id) ?? 0];
}

/** Bought shipments of a batch per page, with slips, label files and pick-order keys. */
export async function batchDocumentPage(ctx: QueryCtx, batchId: Id<"batches">, cursor: string | null) {
  const page = await ctx.db
    .query("batchItems")
    .withIndex("by_batchId_and_status", (q) => q.eq("batchId", batchId).eq("status", "bought"))
    .paginate({ cursor, numItems: 50 });
  const lists = new Map<string, { createdAt: number; seqOf: Map<string, number> }>();
  const entries = [];
  for (const item of page.page) {
    const s = await ctx.db.get("shipments", item.shipmentId);
    if (!s) continue;
    entries.push({
      ...(await slipInput(ctx, s)),
      key: [...(await pickOrderKey(ctx, s, lists)), s.number] as [number, number, string],
    });
  }
  return { entries, isDone: page.isDone, continueCursor: page.continueCursor };
}

/** The shipment a scan at a print station points at: one whose label is bought (a code with several: the first so). */
export async function shipmentForCode(ctx: QueryCtx, code: string) {
  const clean = code.trim().toUpperCase();
  if (!clean) throw appError("INVALID_INPUT", "Scan an order number, a shipment number or a tote label.");
  const { as, shipments } = await shipmentsFor(ctx, clean);
  if (shipments.length === 0)
    throw appError(
      "NOT_FOUND",
      `Nothing known as ${clean}: scan an order number (SO-…), a shipment number or a tote label (PL-…-T…).`,
    );
  for (const s of shipments) {
    const labels = (await labelsOf(ctx, s._id)).filter((l) => l.status === "purchased");
    if (labels.length > 0) return { as, shipment: s };
  }
  throw appError("INVALID_TRANSITION", `${as} has no label yet: buy it first (pack station or a batch).`);
}

/** Slips (and labels) of a selection, in pick order; ids that name nothing printable are refused with the reason. */
export async function selectionDocuments(
  ctx: QueryCtx,
  ids: { orderIds: Id<"orders">[]; shipmentIds: Id<"shipments">[] },
) {
  const refused: { id: string; reason: string }[] = [];
  const shipments = new Map<string, { s: Doc<"shipments">; askedAs: string }>();
  for (const orderId of new Set(ids.orderIds)) {
    const order = await ctx.db.get("orders", orderId);
    const all = order ? await shipmentsOfOrder(ctx, orderId) : [];
    const own = all.filter((s) => s.source === "stock" && s.status !== "cancelled");
    if (!order) refused.push({ id: orderId, reason: "That order no longer exists." });
    else if (own.length === 0)
      refused.push({ id: orderId, reason: `Order ${order.number} has no shipment from our own stock to print.` });
    for (const s of own) shipments.set(s._id, { s, askedAs: orderId });
  }
  for (const shipmentId of new Set(ids.shipmentIds)) {
    if (shipments.has(shipmentId)) continue;
    const s = await ctx.db.get("shipments", shipmentId);
    if (!s) refused.push({ id: shipmentId, reason: "That shipment no longer exists." });
    else if (s.status === "cancelled") refused.push({ id: shipmentId, reason: `${s.number} is cancelled.` });
    else shipments.set(s._id, { s, askedAs: shipmentId });
  }
  const lists = new Map<string, { createdAt: number; seqOf: Map<string, number> }>();
  const entries = [];
  for (const { s } of shipments.values())
    entries.push({
      ...(await slipInput(ctx, s)),
      key: [...(await pickOrderKey(ctx, s, lists)), s.number] as [number, number, string],
    });
  return { entries, refused };
}
