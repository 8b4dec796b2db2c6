/**
 * Stock operation forms → the arguments of api.inventory.{receive, adjust, transfer, writeOff}.
 * The checks are the server's own (`stockOpErrors`, convex/lib/stock.ts), keyed by its argument names.
 */
import type { Id } from "../../../../convex/_generated/dataModel";
import { parseMajor } from "../../../../convex/lib/money";
import { parseWhole, type Validation } from "../../../lib/useForm";
import { stockOpErrors, type StockOp } from "../../../../convex/lib/stock";

export type { StockOp };

export const OP_LABELS: Record<StockOp, string> = {
  receive: "Receive",
  adjust: "Adjust",
  transfer: "Transfer",
  writeOff: "Write off damage",
};

export type StockValues = {
  productId: string;
  productLabel: string;
  warehouseId: string;
  toWarehouseId: string;
  quantity: string;
  delta: string;
  unitCost: string;
  reference: string;
  reason: string;
};

export function stockValues(productId = "", productLabel = "", warehouseId = ""): StockValues {
  return {
    productId,
    productLabel,
    warehouseId,
    toWarehouseId: "",
    quantity: "",
    delta: "",
    unitCost: "",
    reference: "",
    reason: "",
  };
}

type Ref = { productId: Id<"products">; warehouseId: Id<"warehouses"> };
export type ReceiveArgs = Ref & { quantity: number; unitCostMinor?: number; reference?: string };
export type AdjustArgs = Ref & { delta: number; reason: string };
export type TransferArgs = {
  productId: Id<"products">;
  fromWarehouseId: Id<"warehouses">;
  toWarehouseId: Id<"warehouses">;
  quantity: number;
  reference?: string;
};
export type WriteOffArgs = Ref & { quantity: number; reason: string };
export type StockArgs = ReceiveArgs | AdjustArgs | TransferArgs | WriteOffArgs;

const opt = (s: string) => s.trim() || undefined;

export function validateStock(op: StockOp, v: StockValues): Validation<StockArgs> {
  const e: Record<string, string> = {};
  if (!v.productId) e.productId = "Choose a product.";
  if (!v.warehouseId) e.warehouseId = "Choose a warehouse.";
  if (op === "transfer" && !v.toWarehouseId) e.toWarehouseId = "Choose a warehouse.";
  const qty = parseWhole(v.quantity) ?? Number.NaN;
  const delta = parseWhole(v.delta) ?? Number.NaN;
  const unitCostMinor = v.unitCost.trim() ? (parseMajor(v.unitCost, "USD") ?? Number.NaN) : undefined;
  const server = stockOpErrors(op, {
    quantity: qty,
    delta,
    reason: v.reason,
    unitCostMinor,
    fromWarehouseId: v.warehouseId,
    toWarehouseId: v.toWarehouseId,
  });
  for (const [field, problem] of Object.entries(server)) e[field] ??= problem;
  if (Object.keys(e).length > 0) return { errors: e };
  const productId = v.productId as Id<"products">;
  const warehouseId = v.warehouseId as Id<"warehouses">;
  switch (op) {
    case "receive":
      return {
        errors: e,
        input: { productId, warehouseId, quantity: qty, unitCostMinor, reference: opt(v.reference) },
      };
    case "adjust":
      return { errors: e, input: { productId, warehouseId, delta, reason: v.reason.trim() } };
    case "transfer":
      return {
        errors: e,
        input: {
          productId,
          fromWarehouseId: warehouseId,
          toWarehouseId: v.toWarehouseId as Id<"warehouses">,
          quantity: qty,
          reference: opt(v.reference),
        },
      };
    case "writeOff":
      return { errors: e, input: { productId, warehouseId, quantity: qty, reason: v.reason.trim() } };
  }
}
