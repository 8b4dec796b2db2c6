/**
 * Exceptions journeys: a supervisor resolves a carrier's address suggestion from the exception
 * queue and sees the order released live; a customer finds a shipped order on the public /track
 * page with the order number and postal code, sees its tracking, and is refused with a wrong code.
 * Demo exceptions come from seedExceptions, run in the runtime's backend.
 */
import type { Page } from "playwright-core";
import { seedExceptions } from "../../convex/model/seed/holds";
import { shipShipment } from "../../convex/model/fulfillment/ship";
import type { MutationCtx } from "../../convex/_generated/server";
import { signIn, type Stack } from "../harness";
import type { Journey } from "../journeys";
import { check } from "../support";

async function seed(stack: Stack) {
  const backend = stack.runtime.engine.backend;
  return backend.within(() => backend.t.run((ctx) => seedExceptions(ctx)));
}

const resolveSuggestion: Journey = {
  name: "a supervisor accepts a carrier's address suggestion from the exception queue",
  async run(stack, track) {
    await seed(stack);
    const p = track("supervisor", await signIn(stack, "supervisor"));
    await p.page.goto(`${stack.appUrl}/exceptions?type=address`);
    const row = p.page.getByRole("row").filter({ hasText: "suggests a corrected address" });
    await row.waitFor({ timeout: 15_000 });
    check((await row.textContent())?.includes("500 MARKET ST"), "the suggestion should be shown on the row");
    await row.getByRole("button", { name: "Accept suggestion" }).click();
    await p.page.getByText(/suggested address applied/).waitFor({ timeout: 10_000 });
    await row.waitFor({ state: "detached", timeout: 10_000 });
    await p.page.goto(`${stack.appUrl}/notifications/outbox`);
    await p.page.getByRole("heading", { name: "Message outbox" }).waitFor();
    await p.page.getByRole("cell", { name: "ada.lovelace@example.com" }).first().waitFor({ timeout: 10_000 });
  },
};

async function shipOneDemoOrder(stack: Stack) {
  const backend = stack.runtime.engine.backend;
  return backend.within(() =>
    backend.t.run(async (raw) => {
      const ctx = raw as unknown as MutationCtx;
      const order = (
        await ctx.db
          .query("orders")
          .withIndex("by_status", (q) => q.eq("status", "allocated"))
          .take(50)
      ).find((o) => o.shipTo.postalCode.length >= 3);
      if (!order) throw new Error("no allocated demo order to ship");
      for (const s of await ctx.db
        .query("shipments")
        .withIndex("by_orderId", (q) => q.eq("orderId", order._id))
        .take(10)) {
        if (s.status !== "open" || s.source !== "stock") continue;
        await ctx.db.patch("shipments", s._id, {
          status: "packed",
          lines: s.lines.map((l) => ({ ...l, picked: l.quantity, packed: l.quantity })),
        });
        await shipShipment(ctx, undefined, s._id);
      }
      return { number: order.number, postalCode: order.shipTo.postalCode };
    }),
  );
}

async function lookUp(page: Page, number: string, secret: string) {
  await page.getByLabel("Order number").fill(number);
  await page.getByLabel("Email or postal code of the order").fill(secret);
  await page.getByRole("button", { name: "Find my order" }).click();
}

const customerTracks: Journey = {
  name: "a customer tracks a shipped order on /track with the postal code; a wrong code reveals nothing",
  async run(stack, track) {
    const { number, postalCode } = await shipOneDemoOrder(stack);
    const ctx = await stack.browser.newContext({ viewport: { width: 420, height: 900 } });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    track("customer", { ctx, page, errors });
    await page.goto(`${stack.appUrl}/track`);
    await lookUp(page, number, "00000");
    await page.getByText(/could not find an order with those details/).waitFor({ timeout: 10_000 });
    check((await page.getByText(/^Shipment /).count()) === 0, "a wrong code must reveal no shipment");
    await lookUp(page, number, postalCode);
    await page.getByRole("heading", { name: new RegExp(`Order ${number}`) }).waitFor({ timeout: 10_000 });
    // The portal: one card per shipment (parcel); a shipped one's timeline has reached "Shipped".
    await page
      .getByRole("heading", { name: /^(Shipment|Parcel) / })
      .first()
      .waitFor();
    await page.getByRole("listitem").filter({ hasText: "Done: Shipped" }).first().waitFor();
    await page.getByRole("form", { name: "Start a return" }).waitFor();
  },
};

export const EXCEPTION_JOURNEYS: Journey[] = [resolveSuggestion, customerTracks];
