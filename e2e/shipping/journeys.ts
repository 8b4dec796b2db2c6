/**
 * Shipping journeys.
 *  1. Two admins edit the shipping rules in two browser contexts: a rule one adds appears for the
 *     other without a reload; while one is renaming it the other renames it first, so the first
 *     sees the "saved while you were editing" notice, is refused with the newer name, starts from
 *     the newer version and saves, and the other sees that without a reload. (The offline demo has
 *     one admin identity, so both contexts are Ada Admin in two sessions.)
 *  2. A supervisor shops and buys labels for a packed two-package shipment on the order page (the
 *     built-in table-rate provider): the quote log shows the rule that chose, each package gets a
 *     label, the postage shows, the shipment is shipped. The packed shipment is made through the
 *     public API plus the packing state set in the runtime's backend, as the returns journey does.
 */
import type { Page } from "playwright-core";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { signIn, type Stack } from "../harness";
import type { Journey } from "../journeys";
import { check, client, markPacked, nonce, phoneOrder, stockedProduct, gtin } from "../support";

const rulesPage = async (page: Page, appUrl: string) => {
  await page.goto(`${appUrl}/shipping/rules`);
  await page.getByRole("heading", { name: "Shipping rules", level: 1 }).waitFor();
  await page.getByRole("listitem", { name: /Default: cheapest/ }).waitFor({ timeout: 10_000 });
};

const coEditing: Journey = {
  name: "two admins edit shipping rules together and see each other's changes live",
  async run(stack, track) {
    const a = track("admin-a", await signIn(stack, "admin"));
    const b = track("admin-b", await signIn(stack, "admin"));
    await rulesPage(a.page, stack.appUrl);
    await rulesPage(b.page, stack.appUrl);
    let reloads = 0;
    for (const p of [a.page, b.page]) p.on("load", () => (reloads += 1));

    const name = `E2E west coast ${Date.now() % 10_000}`;
    await a.page.getByRole("button", { name: "Add rule" }).click();
    await a.page.getByRole("dialog", { name: "Add a shipping rule" }).getByLabel("Name").fill(name);
    await a.page.getByRole("dialog").getByRole("button", { name: "Add rule" }).click();
    const onB = b.page.getByRole("listitem", { name: new RegExp(name) });
    await onB.waitFor({ timeout: 5000 });

    // B starts renaming; A renames first.
    await onB.getByRole("button", { name: `Rename ${name}` }).click();
    // The form is named after the rule, whose name changes under it: find it by its role alone.
    const bForm = b.page.getByRole("form", { name: /^Name of / });
    await bForm.getByLabel("Rule name").fill("Pacific (B)");
    const onA = a.page.getByRole("listitem", { name: new RegExp(name) });
    // A's add dialog left the new rule's conditions open; close it and rename.
    await onA
      .getByRole("button", { name: "Cancel" })
      .click()
      .catch(() => {});
    await onA.getByRole("button", { name: `Rename ${name}` }).click();
    await a.page
      .getByRole("form", { name: `Name of ${name}` })
      .getByLabel("Rule name")
      .fill("Pacific (A)");
    await a.page.getByRole("button", { name: "Save name" }).click();
    await a.page.getByRole("listitem", { name: /Pacific \(A\)/ }).waitFor({ timeout: 5000 });

    // B sees the rule change under its open form, then is refused with the newer value.
    await bForm.getByText(/saved this rule while you were editing/).waitFor({ timeout: 5000 });
    await bForm.getByRole("button", { name: "Save name" }).click();
    const refusal = bForm.getByRole("alert");
    await refusal.waitFor({ timeout: 5000 });
    const text = (await refusal.textContent()) ?? "";
    check(/name is now "Pacific \(A\)"/.test(text) && /not saved/.test(text), `B's stale edit message: ${text}`);
    // The Convex client logs every refused mutation to the console; this refusal is the expected one.
    const expected = b.errors.filter((e) => e.includes("shippingRules:rename") && e.includes('"code":"CONFLICT"'));
    check(expected.length === 1, `expected one logged refusal, got ${expected.length}`);
    b.errors.splice(b.errors.indexOf(expected[0]), 1);
    await bForm.getByRole("button", { name: "Start from the newer version" }).click();
    check(
      (await bForm.getByLabel("Rule name").inputValue()) === "Pacific (A)",
      "the form did not reload the newer name",
    );
    await bForm.getByLabel("Rule name").fill("Pacific (B)");
    await bForm.getByRole("button", { name: "Save name" }).click();
    await a.page.getByRole("listitem", { name: /Pacific \(B\)/ }).waitFor({ timeout: 5000 });
    check(reloads === 0, `a page reloaded (${reloads})`);
  },
};

/** An order of one demo product, its shipment packed into two packages. */
async function packedOrder(stack: Stack): Promise<{ orderId: Id<"orders">; number: string }> {
  const supervisor = client(stack.runtime.url, "supervisor");
  const levels = await supervisor.query(api.warehouses.list, {});
  check(levels.length > 0, "the demo has no warehouse");
  const warehouse = levels.find((w) => w.kind === "warehouse")!;
  const n = nonce();
  const sku = `E2E-SHIP-${n}`;
  const productId = await stockedProduct(stack.runtime.url, {
    sku,
    name: "E2E parcel",
    barcode: gtin(`8${n}00001`),
    weightGrams: 900,
    dims: [300, 200, 100],
    priceMinor: 3000,
    costMinor: 1000,
    stock: { warehouseId: warehouse._id, quantity: 4, reference: "PO-E2E-SHIP" },
  });
  const { orderId, number } = await supervisor.mutation(api.orders.createManual, {
    order: phoneOrder({ name: "Sol Shipper", email: "sol@example.com" }, [
      { productId, quantity: 2, unitPriceMinor: 3000 },
    ]),
  });
  await markPacked(stack, [orderId], async (ctx, s) => {
    for (const index of [1, 2]) {
      await ctx.db.insert("packages", {
        shipmentId: s._id,
        index,
        weightGrams: 1100,
        lengthMm: 320,
        widthMm: 220,
        heightMm: 120,
        items: [{ productId, sku, quantity: 1 }],
      });
    }
  });
  return { orderId, number };
}

const shopAndBuy: Journey = {
  name: "a supervisor shops rates and buys a label per package on the order page",
  async run(stack, track) {
    const { orderId, number } = await packedOrder(stack);
    const sup = track("supervisor", await signIn(stack, "supervisor"));
    await sup.page.goto(`${stack.appUrl}/orders/${orderId}`);
    await sup.page.getByRole("heading", { name: new RegExp(number) }).waitFor();
    const card = sup.page.getByRole("article", { name: /Shipping for/ }).first();
    await card.getByRole("button", { name: "Shop & buy labels" }).click();
    await card.getByTestId("quote-reason").waitFor({ timeout: 15_000 });
    const reason = (await card.getByTestId("quote-reason").textContent()) ?? "";
    check(/chose/.test(reason), `no choice in the quote log: ${reason}`);
    await card
      .getByRole("table", { name: "Labels" })
      .getByText("Bought", { exact: true })
      .nth(1)
      .waitFor({ timeout: 15_000 });
    await card.getByText(/Postage/).waitFor();
    await card.locator(".shipping-head").getByText("Shipped", { exact: true }).waitFor({ timeout: 10_000 });
    check((await card.getByRole("button", { name: "Print" }).count()) === 2, "expected a Print button per label");
  },
};

export const SHIPPING_JOURNEYS: Journey[] = [coEditing, shopAndBuy];
