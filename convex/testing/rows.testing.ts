/**
 * Rows written straight into a table, for fixtures and for the truth check's broken-on-purpose
 * scenarios: each builder gives a minimal valid row with the links it needs, the rest overridable.
 */
import type { WithoutSystemFields } from "convex/server";
import type { Doc, Id, TableNames } from "../_generated/dataModel";

type Row<T extends TableNames> = WithoutSystemFields<Doc<T>>;

/** A one-millimetre, one-gram package of a shipment, with nothing in it. */
export const packageRow = (shipmentId: Id<"shipments">, over: Partial<Row<"packages">> = {}): Row<"packages"> => ({
  shipmentId,
  index: 1,
  weightGrams: 1,
  lengthMm: 1,
  widthMm: 1,
  heightMm: 1,
  items: [],
  ...over,
});

/** An open pick list of a warehouse's shipments, nothing picked yet. */
export const pickListRow = (
  warehouseId: Id<"warehouses">,
  shipmentIds: Id<"shipments">[],
  over: Partial<Row<"pickLists">> = {},
): Row<"pickLists"> => ({
  warehouseId,
  number: "PL-1",
  kind: "batch",
  status: "open",
  requireBinScan: false,
  shipmentIds,
  unitsTotal: 1,
  unitsPicked: 0,
  unitsShort: 0,
  createdAt: 0,
  ...over,
});

/** One unit of an order line to pick from bin A-1 into tote 1, not picked yet. */
export const pickTaskRow = (
  task: Pick<Row<"pickTasks">, "pickListId" | "shipmentId" | "orderLineId" | "productId">,
  over: Partial<Row<"pickTasks">> = {},
): Row<"pickTasks"> => ({
  ...task,
  seq: 0,
  sku: "S",
  name: "S",
  bin: "A-1",
  zone: "A",
  tote: 1,
  quantity: 1,
  picked: 0,
  short: 0,
  binConfirmed: false,
  ...over,
});

/** A finished rate-shop request for a shipment's packages. */
export const rateShopRow = (
  shipmentId: Id<"shipments">,
  packageIds: Id<"packages">[],
  over: Partial<Row<"rateShopRequests">> = {},
): Row<"rateShopRequests"> => ({
  shipmentId,
  packageIds,
  status: "done",
  autoBuy: false,
  requestedByName: "A",
  requestedAt: 0,
  outcomes: [],
  ...over,
});

/** The selected USPS quote of a rate-shop request. */
export const quoteRow = (
  shipmentId: Id<"shipments">,
  requestId: Id<"rateShopRequests">,
  over: Partial<Row<"shippingQuotes">> = {},
): Row<"shippingQuotes"> => ({
  shipmentId,
  requestId,
  provider: "table",
  carrier: "USPS",
  service: "Priority Mail",
  amountMinor: 100,
  currency: "USD",
  ref: "{}",
  quotedAt: 0,
  selected: true,
  ...over,
});

/** A USPS label for a package from a quote (failed after one attempt unless overridden). */
export const labelRow = (
  label: Pick<Row<"shippingLabels">, "shipmentId" | "packageId" | "quoteId">,
  over: Partial<Row<"shippingLabels">> = {},
): Row<"shippingLabels"> => ({
  ...label,
  purchaseKey: "k",
  idempotencyKey: "k:1",
  provider: "table",
  carrier: "USPS",
  service: "Priority Mail",
  status: "failed",
  attempts: 1,
  currency: "USD",
  requestedByName: "A",
  createdAt: 0,
  ...over,
});
