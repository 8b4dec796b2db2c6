/**
 * Boards journey: a supervisor watches the boards while another user ships an order; the backlog,
 * the at-risk list and the metrics move without a reload. The order is made, picked and packed
 * through the public API as the floor user (every write goes through the board triggers, as in the
 * app), then shipped by buying its label with the built-in table-rate provider as the floor user.
 */
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { ordersByStage } from "../../src/features/boards/lib/boards";
import { signIn, STATE_TIMEOUT_MS, until, type Stack } from "../harness";
import type { Journey } from "../journeys";
import { check, client, gtin, nonce, phoneOrder, stockedProduct } from "../support";

/** An order of 2 units due an hour ago, picked and packed through the floor API; returns its shipment. */
async function packedLateOrder(stack: Stack) {
  const supervisor = client(stack.runtime.url, "supervisor");
  const floor = client(stack.runtime.url, "floor");
  const warehouse = (await supervisor.query(api.warehouses.list, {})).find((w) => w.kind === "warehouse")!;
  const tag = nonce();
  const barcode = gtin(`7${tag}00002`);
  const productId = await stockedProduct(stack.runtime.url, {
    sku: `E2E-BOARD-${tag}`,
    name: "E2E board item",
    barcode: gtin(`7${tag}00002`),
    weightGrams: 700,
    dims: [250, 150, 100],
    priceMinor: 2500,
    costMinor: 900,
    stock: { warehouseId: warehouse._id, quantity: 5, reference: "PO-E2E-BOARD" },
  });
  const { orderId, number } = await supervisor.mutation(api.orders.createManual, {
    order: {
      ...phoneOrder({ name: "Bea Board", email: "bea@example.com" }, [
        { productId, quantity: 2, unitPriceMinor: 2500 },
      ]),
      shipBy: Date.now() - 3_600_000,
    },
  });
  const { order } = await supervisor.query(api.orders.get, { id: orderId });
  check(order.status === "allocated", `the order is ${order.status}, not allocated`);
  const shipmentId: Id<"shipments"> = (await supervisor.query(api.allocation.orderPlan, { orderId })).shipments[0]._id;
  const { pickListId } = await supervisor.mutation(api.floor.buildBatchList, {
    warehouseId: warehouse._id,
    maxShipments: 1,
    requireBinScan: false,
    shipmentId,
  });
  await floor.mutation(api.floor.claimList, { pickListId });
  const { tasks } = await floor.query(api.floor.pickList, { pickListId });
  let n = 0;
  for (const task of tasks)
    for (let i = 0; i < task.quantity; i++)
      await floor.mutation(api.floor.scan, {
        pickListId,
        taskId: task._id,
        code: barcode,
        scanId: `e2e-board-${tag}-${n++}`,
      });
  await floor.mutation(api.floor.claimForPacking, { shipmentId });
  const packageId = await floor.mutation(api.floor.openPackage, {
    shipmentId,
    lengthMm: 300,
    widthMm: 200,
    heightMm: 120,
    weightGrams: 1500,
  });
  for (let i = 0; i < 2; i++)
    await floor.mutation(api.floor.scanIntoPackage, {
      packageId,
      code: barcode,
      scanId: `e2e-board-pack-${nonce}-${i}`,
    });
  await floor.mutation(api.floor.finishPacking, { shipmentId });
  return { floor, supervisor, number, orderId, shipmentId };
}

const boardLive: Journey = {
  name: "a board updates without reload when another user ships an order",
  async run(stack, track) {
    const { floor, supervisor, number, orderId, shipmentId } = await packedLateOrder(stack);
    const wait = { timeout: STATE_TIMEOUT_MS };
    const sup = track("supervisor", await signIn(stack, "supervisor"));
    await sup.page.goto(`${stack.appUrl}/boards`);
    await sup.page.getByRole("heading", { name: "Boards", level: 1 }).waitFor(wait);
    const openOrders = sup.page.getByTestId("backlog-open-orders");
    await openOrders.waitFor(wait);
    const count = async () => Number(/\d+/.exec((await openOrders.textContent()) ?? "")?.[0]);
    const before = await count();
    const atRisk = sup.page.getByRole("region", { name: "At risk of a late ship" });
    await atRisk.getByRole("list").waitFor(wait);
    // Older demo orders may be later still; page through the list (most overdue first) to ours,
    // each time waiting for the next page to arrive (state), not for a fixed pause.
    const links = atRisk.getByRole("link");
    for (let i = 0; i < 40 && (await atRisk.getByRole("link", { name: number }).count()) === 0; i++) {
      const shown = await links.count();
      const more = atRisk.getByRole("button", { name: "Load more" });
      if ((await more.count()) === 0) break;
      await more.click();
      let rows = shown;
      await until(
        `page ${i + 2} of the at-risk list`,
        async () => ((rows = await links.count()) > shown || (await more.count()) === 0 ? true : undefined),
        () => `${rows} rows`,
      );
    }
    await atRisk.getByRole("link", { name: number }).waitFor(wait);
    const shipped = sup.page.getByRole("group", { name: "Orders shipped" });
    await shipped.waitFor(wait);
    const shippedBefore = Number(/\d+/.exec((await shipped.textContent()) ?? "")?.[0]);
    let loads = 0;
    sup.page.on("load", () => (loads += 1));

    // Another user ships the order: the floor user buys its label, which ships the shipment.
    await floor.mutation(api.shipping.shopRates, { shipmentId, autoBuy: true });
    // The label is bought by scheduled work (rate shop, then purchase, retried on a transient
    // failure): wait for the server to say the order shipped, however long a loaded machine takes…
    let status = "";
    await until(
      `order ${number} to ship`,
      async () => {
        status = (await supervisor.query(api.orders.get, { id: orderId })).order.status;
        return status === "shipped" ? true : undefined;
      },
      () => status,
    );

    // …then the board, which must follow by itself (no reload). The sandbox channel keeps adding
    // orders meanwhile, so the open-orders figure must match the server's current count (which
    // no longer has ours), not a number computed before.
    let shown = before;
    let server = before;
    await until(
      "the open-orders figure to match the server after the ship",
      async () => {
        server = ordersByStage((await supervisor.query(api.boards.backlog, {})).byChannel).total;
        shown = await count();
        return shown === server ? true : undefined;
      },
      () => `page ${shown}, server ${server}, before ${before}`,
    );
    await atRisk.getByRole("link", { name: number }).waitFor({ state: "detached", ...wait });
    await shipped.getByText(String(shippedBefore + 1), { exact: true }).waitFor(wait);
    await sup.page
      .getByRole("region", { name: "Carrier spend" })
      .getByRole("group", { name: /Postage/ })
      .waitFor(wait);
    check(loads === 0, "the boards page reloaded");
  },
};

export const BOARD_JOURNEYS: Journey[] = [boardLive];
