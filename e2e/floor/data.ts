/**
 * Work for the floor journeys, made through the public API as the demo admin and supervisor
 * would (ConvexHttpClient with the offline demo tokens): products with barcodes the journey knows,
 * stock in one warehouse only (so the order ships from there in one shipment), an order of one
 * unit of each line product, and a single-shipment pick list for it.
 */
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { client, gtin, phoneOrder, stockedProduct } from "../support";
import type { Symbology } from "./y4m";

export type E2eProduct = { productId: Id<"products">; sku: string; code: string; bcid: Symbology };
export type PickWork = {
  warehouseId: Id<"warehouses">;
  warehouseCode: string;
  pickListId: Id<"pickLists">;
  pickListNumber: string;
  shipmentNumber: string;
  /** Line products in walk order (no bins: by SKU). */
  lines: E2eProduct[];
  /** A known product that is not on the list: scanning it must be refused. */
  wrong: E2eProduct;
  orderId: Id<"orders">;
};

/** Products A (UPC-A) and B (Code 128) on a two-line order, and C (EAN-13) as the wrong item. */
export async function makePickWork(runtimeUrl: string, tag: string): Promise<PickWork> {
  const supervisor = client(runtimeUrl, "supervisor");
  const nonce = String(Date.now() % 100_000).padStart(5, "0");
  const specs: { sku: string; bcid: Symbology; code: string }[] = [
    { sku: `E2E-${tag}-A`, bcid: "upca", code: gtin(`0${nonce}${tag === "CAM" ? "1" : "2"}0001`) },
    { sku: `E2E-${tag}-B`, bcid: "code128", code: `E2E${tag}B${nonce}` },
    { sku: `E2E-${tag}-C`, bcid: "ean13", code: gtin(`40${nonce}${tag === "CAM" ? "1" : "2"}0003`) },
  ];
  const warehouses = await supervisor.query(api.warehouses.list, {});
  const warehouse = warehouses.find((w) => w.kind === "warehouse");
  if (!warehouse) throw new Error("the demo has no warehouse");
  const products: E2eProduct[] = [];
  for (const s of specs) {
    const productId = await stockedProduct(runtimeUrl, {
      sku: s.sku,
      name: `E2E ${s.sku}`,
      barcode: s.code,
      weightGrams: 200,
      dims: [100, 80, 40],
      priceMinor: 1500,
      costMinor: 600,
      stock: { warehouseId: warehouse._id, quantity: 5, reference: `PO-E2E-${tag}` },
    });
    products.push({ productId, ...s });
  }
  const [a, b, c] = products;
  const { orderId } = await supervisor.mutation(api.orders.createManual, {
    order: phoneOrder(
      { name: "Erin Endtoend", email: "erin@example.com" },
      [a, b].map((p) => ({ productId: p.productId, quantity: 1, unitPriceMinor: 1500 })),
    ),
  });
  const plan = await supervisor.query(api.allocation.orderPlan, { orderId });
  const shipment = plan.shipments.find((s) => s.warehouseId === warehouse._id && s.status === "open");
  if (!shipment || shipment.lines.length !== 2)
    throw new Error(`the order did not allocate as one two-line shipment from ${warehouse.code}`);
  const list = await supervisor.mutation(api.floor.buildBatchList, {
    warehouseId: warehouse._id,
    maxShipments: 1,
    requireBinScan: false,
    shipmentId: shipment._id,
  });
  return {
    warehouseId: warehouse._id,
    warehouseCode: warehouse.code,
    pickListId: list.pickListId,
    pickListNumber: list.number,
    shipmentNumber: shipment.number,
    lines: [a, b],
    wrong: c,
    orderId,
  };
}
