/**
 * Returns journey: a floor member receives a return on a phone with a keyboard-wedge scanner —
 * the RMA number first, then each unit: one restocked, one damaged; a unit of another product and
 * one beyond the authorised quantity are refused in red. The stock and the RMA are checked through
 * the public API afterwards.
 *
 * The shipped order is made through the public API (products, stock, manual order, RMA as the
 * supervisor) except the shipping itself, done in the runtime's backend with shipShipment after
 * marking the shipment packed — as the convex tests do; the floor flow has its own journeys.
 */
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { shipShipment } from "../../convex/model/fulfillment/ship";
import { signIn, type Stack } from "../harness";
import type { Journey } from "../journeys";
import { SYSTEM } from "../../convex/model/audit/record";
import { check, client, expectScan, gtin, markPacked, nonce, phoneOrder, stockedProduct, wedge } from "../support";

type ReturnWork = {
  rmaId: Id<"rmas">;
  rmaNumber: string;
  productId: Id<"products">;
  warehouseId: Id<"warehouses">;
  code: string;
  wrongCode: string;
  sku: string;
};

/** Two products (one to return, one not on the RMA), an order of 2 shipped, and an RMA for both units. */
export async function makeReturnWork(stack: Stack): Promise<ReturnWork> {
  const supervisor = client(stack.runtime.url, "supervisor");
  const n = nonce();
  const codes = [`7${n}00001`, `7${n}00002`].map(gtin);
  const warehouse = (await supervisor.query(api.warehouses.list, {})).find((w) => w.kind === "warehouse");
  check(warehouse, "the demo has no warehouse");
  const ids: Id<"products">[] = [];
  for (const i of [0, 1]) {
    ids.push(
      await stockedProduct(stack.runtime.url, {
        sku: `E2E-RMA-${n}-${i + 1}`,
        name: `E2E return ${i + 1}`,
        barcode: gtin(`7${n}0000${i + 1}`),
        weightGrams: 300,
        dims: [120, 80, 40],
        priceMinor: 2500,
        costMinor: 900,
        stock: { warehouseId: warehouse._id, quantity: 5, reference: "PO-E2E-RMA" },
      }),
    );
  }
  const { orderId } = await supervisor.mutation(api.orders.createManual, {
    order: phoneOrder({ name: "Rita Returns", email: "rita@example.com" }, [
      { productId: ids[0], quantity: 2, unitPriceMinor: 2500 },
    ]),
  });
  await markPacked(stack, [orderId], (ctx, s) => shipShipment(ctx, SYSTEM, s._id));
  const { lines } = await supervisor.query(api.orders.get, { id: orderId });
  check(lines[0].shipped === 2, `the order should have shipped 2, shipped ${lines[0].shipped}`);
  const { rmaId, number } = await supervisor.mutation(api.returns.issue, {
    rma: {
      orderId,
      lines: [{ orderLineId: lines[0]._id, quantity: 2, reason: "defective" }],
      expectedDisposition: "restock",
    },
  });
  const rma = await supervisor.query(api.returns.get, { rmaId });
  return {
    rmaId,
    rmaNumber: number,
    productId: ids[0],
    warehouseId: rma.rma.returnWarehouseId ?? warehouse._id,
    code: codes[0],
    wrongCode: codes[1],
    sku: lines[0].sku,
  };
}

const receiveByScanning: Journey = {
  name: "returns: a return received by scanning (wedge) — default disposition by reason, confirmed by scan, refusals in red, stock and RMA updated",
  async run(stack, track) {
    const work = await makeReturnWork(stack);
    const supervisor = client(stack.runtime.url, "supervisor");
    const before = (await supervisor.query(api.inventory.levelsForProduct, { productId: work.productId })).find(
      (l) => l.warehouseId === work.warehouseId,
    );
    check(before, "no stock level for the returned product");
    const floor = track("floor", await signIn(stack, "floor", { phone: true }));
    const { page } = floor;
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Receive returns" })
      .click({ trial: false })
      .catch(async () => {
        await page.goto(`${stack.appUrl}/returns/receive`);
      });
    await page.waitForURL((u) => u.pathname === "/returns/receive", { timeout: 10_000 });
    await page.getByRole("heading", { name: "Receive returns" }).waitFor();
    await wedge(page, work.rmaNumber);
    await page.getByRole("list", { name: "Lines on this return" }).waitFor({ timeout: 10_000 });
    await expectScan(page, 1, { state: "ok", text: new RegExp(`${work.rmaNumber}`) });

    // A defective unit defaults to damaged; the receiver switches it to restock and confirms by scan.
    await wedge(page, work.code);
    await expectScan(page, 2, {
      state: "ok",
      text: new RegExp(`${work.sku} .*returned as Defective → Damaged\\. Scan it again to confirm`),
    });
    await page.getByRole("button", { name: "Restock" }).click();
    await expectScan(page, 3, { state: "ok", text: new RegExp(`${work.sku} → Restock`) });
    await wedge(page, work.code);
    await expectScan(page, 4, { state: "ok", text: new RegExp(`${work.sku} restocked at`) });
    await wedge(page, work.wrongCode);
    await expectScan(page, 5, { state: "refused", text: new RegExp(`not on ${work.rmaNumber}`) });
    // The second defective unit: the default (damaged) confirmed by scanning it again.
    await wedge(page, work.code);
    await expectScan(page, 6, { state: "ok", text: /→ Damaged/ });
    await wedge(page, work.code);
    await expectScan(page, 7, { state: "ok", text: new RegExp(`${work.sku} damaged`) });
    await wedge(page, work.code);
    await expectScan(page, 8, { state: "refused", text: /All 2 authorised unit/ });

    const after = (await supervisor.query(api.inventory.levelsForProduct, { productId: work.productId })).find(
      (l) => l.warehouseId === work.warehouseId,
    )!;
    check(
      after.onHand - before.onHand === 1,
      `on hand should rise by exactly 1, went ${before.onHand} → ${after.onHand}`,
    );
    check(after.damaged - before.damaged === 1, `damaged should rise by 1, went ${before.damaged} → ${after.damaged}`);
    const { rma, lines, units } = await supervisor.query(api.returns.get, { rmaId: work.rmaId });
    check(rma.status === "received", `the RMA should be received, is ${rma.status}`);
    check(lines[0].restocked === 1 && lines[0].damaged === 1, "one unit restocked and one damaged");
    check(units.filter((u) => u.result === "refused").length === 2, "both refusals are recorded");

    // The detail page shows the per-unit dispositions and the refund due.
    await page.getByRole("link", { name: work.rmaNumber }).click();
    await page.getByRole("heading", { name: new RegExp(work.rmaNumber) }).waitFor();
    const table = page.getByRole("table", { name: /Received units/ });
    await table.waitFor();
    check((await table.getByText("Refused").count()) === 2, "two refused rows on the detail page");
    check((await page.getByTestId("refund-total").textContent())?.includes("$50.00"), "the refund due is 2 × $25.00");
  },
};

export const RETURN_JOURNEYS: Journey[] = [receiveByScanning];
