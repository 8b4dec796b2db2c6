/**
 * The scan-driven way into the pack station: a packer scans what is in front of them — the tote
 * label of a batch cart (`PL-1001-T3`: list PL-1001, tote 3), the packing slip's order number
 * (`SO-1042`) or the shipment number (`SO-1042-1`) — and gets that shipment claimed, without
 * touching the screen. Codes are matched case-insensitively.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { appError } from "../../lib/errors";
import { normalizeScan } from "../../lib/barcode";
import { claimShipment } from "./packing";
import { orderByNumber, shipmentsOfOrder } from "../orders/lines";
import { rowBy } from "../rows";

const TOTE = /^(.+)-T(\d{1,3})$/;
const SHIPMENT = /^(.+)-(\d{1,3})$/;

/** The shipments a code points at (any status, any warehouse), and what the code was taken as (also print stations: model/batches/documentData.ts). */
export async function shipmentsFor(
  ctx: QueryCtx,
  code: string,
): Promise<{ as: string; shipments: Doc<"shipments">[] }> {
  const tote = TOTE.exec(code);
  if (tote) {
    const list = await rowBy(ctx, "pickLists", "by_number", tote[1], "first");
    const id = list?.shipmentIds[Number(tote[2]) - 1];
    const s = id ? await ctx.db.get("shipments", id) : null;
    if (list) return { as: `tote ${tote[2]} of ${list.number}`, shipments: s ? [s] : [] };
  }
  const order = await orderByNumber(ctx, code);
  if (order)
    return {
      as: `order ${order.number}`,
      shipments: await shipmentsOfOrder(ctx, order._id),
    };
  const sm = SHIPMENT.exec(code);
  if (sm) {
    const parent = await orderByNumber(ctx, sm[1]);
    if (parent) {
      const all = await shipmentsOfOrder(ctx, parent._id);
      return { as: `shipment ${code}`, shipments: all.filter((s) => s.number === code) };
    }
  }
  return { as: "", shipments: [] };
}

/** Claims the picked shipment of this warehouse that `code` names; refusals say what was scanned. */
export async function packByCode(
  ctx: MutationCtx,
  actor: Actor,
  a: { warehouseId: Id<"warehouses">; code: string },
): Promise<{ shipmentId: Id<"shipments">; number: string }> {
  const code = normalizeScan(a.code).toUpperCase();
  if (!code) throw appError("INVALID_INPUT", "Scan a tote, order or shipment label.");
  const { as, shipments } = await shipmentsFor(ctx, code);
  if (!as)
    throw appError(
      "NOT_FOUND",
      `Scanned ${code}: not a tote, order or shipment we know. Scan the tote label or the packing slip.`,
    );
  const here = shipments.filter((s) => s.warehouseId === a.warehouseId && s.source === "stock");
  const picked = here.find((s) => s.status === "picked" && (!s.claimedBy || s.claimedBy === actor.id));
  if (!picked) {
    const held = here.find((s) => s.status === "picked");
    if (held) throw appError("CONFLICT", `Scanned ${as}: ${held.claimedByName} is already packing ${held.number}.`);
    const states = here.map((s) => `${s.number} is ${s.status}`).join(", ");
    throw appError(
      "CONFLICT",
      `Scanned ${as}: nothing there is waiting to be packed at this warehouse${states ? ` (${states})` : ""}.`,
    );
  }
  await claimShipment(ctx, actor, picked._id);
  return { shipmentId: picked._id, number: picked.number };
}
