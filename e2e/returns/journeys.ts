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
import { ConvexHttpClient } from "convex/browser";
import type { Page } from "playwright-core";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { shipShipment } from "../../convex/model/fulfillment/ship";
import { gtinCheckDigit } from "../../convex/lib/barcode";
import { demoToken, identityForRole } from "../../src/auth/demo";
import type { Person, Stack } from "../harness";
import type { Journey } from "../journeys";
import type { MutationCtx } from "../../convex/_generated/server";

function check(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

function client(url: string, role: "admin" | "supervisor" | "floor") {
  const c = new ConvexHttpClient(url);
  c.setAuth(demoToken(identityForRole(role)!));
  return c;
}

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
  const admin = client(stack.runtime.url, "admin");
  const supervisor = client(stack.runtime.url, "supervisor");
  const nonce = String(Date.now() % 100_000).padStart(5, "0");
  const codes = [`7${nonce}00001`, `7${nonce}00002`].map((body) => body + gtinCheckDigit(body));
  const warehouse = (await supervisor.query(api.warehouses.list, {})).find((w) => w.kind === "warehouse");
  check(warehouse, "the demo has no warehouse");
  const ids: Id<"products">[] = [];
  for (const [i, code] of codes.entries()) {
    const sku = `E2E-RMA-${nonce}-${i + 1}`;
    const productId = await admin.mutation(api.products.create, {
      product: {
        sku,
        name: `E2E return ${i + 1}`,
        barcodes: [code],
        weightGrams: 300,
        lengthMm: 120,
        widthMm: 80,
        heightMm: 40,
        priceMinor: 2500,
        costMinor: 900,
        currency: "USD",
      },
    });
    await admin.mutation(api.inventory.receive, {
      productId,
      warehouseId: warehouse._id,
      quantity: 5,
      unitCostMinor: 900,
      reference: "PO-E2E-RMA",
    });
    ids.push(productId);
  }
  const { orderId } = await supervisor.mutation(api.orders.createManual, {
    order: {
      kind: "phone",
      customer: { name: "Rita Returns", email: "rita@example.com" },
      shipTo: {
        name: "Rita Returns",
        line1: "500 Market St",
        city: "San Francisco",
        region: "CA",
        postalCode: "94105",
        country: "US",
      },
      currency: "USD",
      lines: [{ productId: ids[0], quantity: 2, unitPriceMinor: 2500 }],
    },
  });
  const backend = stack.runtime.engine.backend;
  await backend.within(() =>
    backend.t.run(async (raw) => {
      // The runtime's backend is typed without the app's schema; this is the app's mutation ctx.
      const ctx = raw as unknown as MutationCtx;
      for (const s of await ctx.db
        .query("shipments")
        .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
        .take(10)) {
        await ctx.db.patch("shipments", s._id, {
          status: "packed",
          lines: s.lines.map((l) => ({ ...l, picked: l.quantity, packed: l.quantity })),
        });
        await shipShipment(ctx, undefined, s._id);
      }
    }),
  );
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

/** A phone-sized, touch context signed in as floor staff through the demo sign-in page. */
async function floorOnPhone(stack: Stack): Promise<Person> {
  const ctx = await stack.browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`[console] ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`[pageerror] ${e.message}`));
  await page.goto(`${stack.appUrl}/signin`);
  await page.getByRole("button", { name: "Sign in as Floor" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/signin"), { timeout: 15_000 });
  return { ctx, page, errors };
}

/** Types a code into the focused wedge input and presses Enter, as a hardware scanner does. */
async function wedge(page: Page, code: string) {
  const input = page.getByTestId("wedge-input");
  await input.waitFor();
  await input.focus();
  await page.keyboard.type(code);
  await page.keyboard.press("Enter");
}

async function expectResult(page: Page, seq: number, state: "ok" | "refused", text: RegExp) {
  const banner = page.locator(`[data-scan-seq="${seq}"]`);
  await banner.waitFor({ timeout: 10_000 });
  const [got, words] = [await banner.getAttribute("data-scan-state"), (await banner.textContent()) ?? ""];
  check(got === state && text.test(words), `scan ${seq}: expected ${state} ${text}, saw ${got}: "${words}"`);
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
    const floor = track("floor", await floorOnPhone(stack));
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
    await expectResult(page, 1, "ok", new RegExp(`${work.rmaNumber}`));

    // A defective unit defaults to damaged; the receiver switches it to restock and confirms by scan.
    await wedge(page, work.code);
    await expectResult(
      page,
      2,
      "ok",
      new RegExp(`${work.sku} .*returned as Defective → Damaged\\. Scan it again to confirm`),
    );
    await page.getByRole("button", { name: "Restock" }).click();
    await expectResult(page, 3, "ok", new RegExp(`${work.sku} → Restock`));
    await wedge(page, work.code);
    await expectResult(page, 4, "ok", new RegExp(`${work.sku} restocked at`));
    await wedge(page, work.wrongCode);
    await expectResult(page, 5, "refused", new RegExp(`not on ${work.rmaNumber}`));
    // The second defective unit: the default (damaged) confirmed by scanning it again.
    await wedge(page, work.code);
    await expectResult(page, 6, "ok", /→ Damaged/);
    await wedge(page, work.code);
    await expectResult(page, 7, "ok", new RegExp(`${work.sku} damaged`));
    await wedge(page, work.code);
    await expectResult(page, 8, "refused", /All 2 authorised unit/);

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
