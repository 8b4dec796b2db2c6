/**
 * Browser journeys, written against what a person sees (roles, labels, text), not CSS.
 * Each journey gets the running stack and a `track` to register the people (browser contexts)
 * it opens: their console errors fail the journey, and they are screenshotted when it fails.
 */
import type { Page } from "playwright-core";
import { signIn, STATE_TIMEOUT_MS, type Person, type Stack } from "./harness";
import { expectAccessible } from "./axe";
import { FLOOR_JOURNEYS } from "./floor/journeys";
import { RETURN_JOURNEYS } from "./returns/journeys";
import { SHIPPING_JOURNEYS } from "./shipping/journeys";
import { EXCEPTION_JOURNEYS } from "./exceptions/journeys";
import { CHANNEL_JOURNEYS } from "./channels/journeys";
import { BOARD_JOURNEYS } from "./boards/journeys";
import { RUNTIME_JOURNEYS } from "./runtime/journeys";
import { DESK_JOURNEYS } from "./desk/journeys";
import { BATCH_JOURNEYS } from "./batches/journeys";
import { CARRIER_JOURNEYS } from "./carriers/journeys";
import { PICKUP_JOURNEYS } from "./pickup/journeys";
import { check } from "./support";

export type Journey = { name: string; run(stack: Stack, track: (label: string, p: Person) => Person): Promise<void> };

/** Fills the new-order form with one line and submits; returns the new order's number. */
export async function createOrderThroughForm(page: Page, appUrl: string, customer: string): Promise<string> {
  await page.goto(`${appUrl}/orders/new`);
  await page.getByRole("heading", { name: "New order" }).waitFor();
  await page.getByLabel("Customer name").fill(customer);
  await page.getByLabel("Email").fill("e2e.buyer@example.com");
  await page.getByLabel("Recipient name").fill(customer);
  await page.getByLabel("Street address").fill("500 Market St");
  await page.getByLabel("City").fill("San Francisco");
  await page.getByLabel("Country").selectOption("US");
  await page.getByLabel(/State/).fill("CA");
  await page.getByLabel("Postal code").fill("94105");
  const product = page.getByRole("combobox", { name: /Product/ });
  await product.fill("Trail Running Sock");
  await page.getByRole("option", { name: /TRS-M/ }).click();
  await page.getByLabel(/Quantity/).fill("1");
  await page.getByRole("button", { name: "Create order" }).click();
  const toast = page.getByText(/Order SO-\d+ created/);
  await toast.waitFor({ timeout: STATE_TIMEOUT_MS });
  const number = /SO-\d+/.exec((await toast.textContent()) ?? "")?.[0];
  check(number, "no order number in the confirmation");
  return number;
}

const liveOrder: Journey = {
  name: "an order created by a supervisor appears on a floor user's list without reload",
  async run(stack, track) {
    const sup = track("supervisor", await signIn(stack, "supervisor"));
    const floor = track("floor", await signIn(stack, "floor"));
    await floor.page.goto(`${stack.appUrl}/orders`);
    await floor.page.getByRole("table", { name: "Orders" }).waitFor();
    let loads = 0;
    floor.page.on("load", () => (loads += 1));
    const number = await createOrderThroughForm(sup.page, stack.appUrl, "Erin Endtoend");
    await floor.page.getByRole("link", { name: number }).waitFor({ timeout: STATE_TIMEOUT_MS });
    check(loads === 0, "the floor page reloaded");
    // And the other way round: the floor user opens it, the supervisor holds it, the floor sees it.
    await floor.page.getByRole("link", { name: number }).click();
    await floor.page.getByRole("heading", { name: new RegExp(number) }).waitFor();
    await sup.page.getByRole("heading", { name: new RegExp(number) }).waitFor();
  },
};

function navigation(role: "admin" | "supervisor" | "floor"): Journey {
  return {
    name: `every page in the ${role}'s navigation loads without a console error`,
    async run(stack, track) {
      const p = track(role, await signIn(stack, role));
      const nav = p.page.getByRole("navigation", { name: "Main" });
      const links = await nav.getByRole("link").all();
      const targets: { name: string; href: string }[] = [];
      for (const l of links)
        targets.push({ name: (await l.textContent())?.trim() ?? "", href: (await l.getAttribute("href")) ?? "" });
      check(targets.length >= 3, `only ${targets.length} navigation links`);
      for (const t of targets) {
        await nav.getByRole("link", { name: t.name, exact: true }).click();
        await p.page.waitForURL((u) => u.pathname === t.href);
        await p.page.getByRole("heading", { level: 1 }).first().waitFor({ timeout: STATE_TIMEOUT_MS });
        await p.page
          .locator("main .loading-block")
          .first()
          .waitFor({ state: "detached", timeout: 10_000 })
          .catch(() => {});
        const failure = p.page.locator("main .error-state");
        if ((await failure.count()) > 0)
          throw new Error(`${t.name} (${t.href}) shows an error: ${await failure.first().textContent()}`);
        check(p.errors.length === 0, `${t.name} (${t.href}) logged: ${p.errors.join(" | ")}`);
        await expectAccessible(p.page, `${t.name} (${t.href}) as ${role}`);
      }
    },
  };
}

export const JOURNEYS: Journey[] = [
  liveOrder,
  navigation("admin"),
  navigation("supervisor"),
  navigation("floor"),
  ...FLOOR_JOURNEYS,
  ...RETURN_JOURNEYS,
  ...SHIPPING_JOURNEYS,
  ...EXCEPTION_JOURNEYS,
  ...CHANNEL_JOURNEYS,
  ...BOARD_JOURNEYS,
  ...RUNTIME_JOURNEYS,
  ...DESK_JOURNEYS,
  ...BATCH_JOURNEYS,
  ...CARRIER_JOURNEYS,
  ...PICKUP_JOURNEYS,
];
