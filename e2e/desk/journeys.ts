/**
 * Desk journey (issue 19): a supervisor selects orders on the orders list with checkboxes and
 * "select all matching", holds them in bulk and releases them (the progress bar shows, the
 * summary says how many), saves the filters as a view and reapplies it, and finds an order by a
 * customer's email from the header's search box.
 */
import { makeFunctionReference } from "convex/server";
import { client } from "../../dev/testkit";
import { signIn, STATE_TIMEOUT_MS, until, type Stack } from "../harness";
import type { Journey } from "../journeys";
import { check } from "../support";

const N = 25;
const createManual = makeFunctionReference<"mutation", Record<string, unknown>, { orderId: string; number: string }>(
  "orders:createManual",
);

async function makeOrders(stack: Stack) {
  const product = await stack.runtime.engine.backend.t.run(async (ctx) => {
    const p = await ctx.db
      .query("products")
      .withIndex("by_sku", (q) => q.eq("sku", "TRS-M"))
      .first();
    if (!p) throw new Error("no TRS-M in the demo catalog");
    return { id: p._id as string, currency: p.currency as string };
  });
  const c = client(stack.runtime, "supervisor");
  const orders: { id: string; number: string; email: string }[] = [];
  try {
    for (let i = 0; i < N; i++) {
      const email = `dora.desk.${i}@example.com`;
      const r = await c.mutation(createManual, {
        order: {
          kind: "phone",
          customer: { name: `Dora Deskjourney ${i}`, email },
          shipTo: {
            name: "Dora Deskjourney",
            line1: "500 Market St",
            city: "San Francisco",
            region: "CA",
            postalCode: "94105",
            country: "US",
          },
          currency: product.currency,
          lines: [{ productId: product.id, quantity: 1, unitPriceMinor: 1500 }],
        },
      });
      orders.push({ id: r.orderId, number: r.number, email });
    }
  } finally {
    await c.close();
  }
  return orders;
}

async function statuses(stack: Stack, ids: string[]) {
  return stack.runtime.engine.backend.t.run(async (ctx) => {
    const out: string[] = [];
    for (const id of ids) out.push(((await ctx.db.get(id as never)) as { status: string } | null)?.status ?? "gone");
    return out;
  });
}

const bulkAndViews: Journey = {
  name: "desk: select 25 orders, bulk hold and release with progress and summary, a saved view, search by email",
  async run(stack, track) {
    const orders = await makeOrders(stack);
    const p = track("supervisor", await signIn(stack, "supervisor"));
    const page = p.page;
    await page.goto(`${stack.appUrl}/orders?q=Deskjourney`);
    const table = page.getByRole("table", { name: /Orders matching/ });
    await table.waitFor({ timeout: STATE_TIMEOUT_MS });
    await until("25 matching rows", async () =>
      (await table.getByRole("checkbox", { name: /^Select order / }).count()) === N ? true : undefined,
    );

    // Checkboxes: three rows one by one, then the whole page.
    for (const o of orders.slice(0, 3)) await page.getByRole("checkbox", { name: `Select order ${o.number}` }).check();
    await page.getByText("3 orders selected.").waitFor();
    await page.getByRole("checkbox", { name: `Select all ${N} shown` }).check();
    await page.getByText(`${N} orders selected.`).waitFor();

    // Bulk hold: a reason, a progress bar while pages run, then the summary.
    await page.evaluate(() => {
      const w = window as Window & { __sawProgress?: boolean };
      w.__sawProgress = false;
      new MutationObserver(() => {
        if (document.querySelector("progress")) w.__sawProgress = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByRole("group", { name: "Bulk actions" }).getByRole("button", { name: "Hold" }).click();
    await page.getByLabel("Why are they held?").fill("Address check before shipping");
    await page.getByRole("button", { name: `Hold ${N}` }).click();
    await page.getByText(`Hold: ${N} orders held.`).waitFor({ timeout: STATE_TIMEOUT_MS });
    check(
      await page.evaluate(() => (window as Window & { __sawProgress?: boolean }).__sawProgress),
      "no progress bar was shown during the bulk hold",
    );
    const held = await statuses(
      stack,
      orders.map((o) => o.id),
    );
    check(
      held.every((s) => s === "on_hold"),
      `not every order is on hold: ${held.join(", ")}`,
    );
    await page.getByRole("button", { name: "Close" }).click();

    // Narrow to "On hold" and save it as a view.
    await page.getByRole("search", { name: "Filter orders" }).getByLabel("Status").selectOption("on_hold");
    await page.waitForURL((u) => u.searchParams.get("status") === "on_hold");
    await page.getByRole("button", { name: "Save view…" }).click();
    await page.getByLabel("Name of the new view").fill("Desk journey held");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Saved the view “Desk journey held”.").waitFor();

    // Leave, come back bare, reapply the view.
    await page.goto(`${stack.appUrl}/orders`);
    await page.getByRole("table", { name: "Orders" }).waitFor();
    await page.getByLabel("View", { exact: true }).selectOption({ label: "Desk journey held" });
    await page.waitForURL(
      (u) => u.searchParams.get("status") === "on_hold" && u.searchParams.get("q") === "Deskjourney",
    );
    const viewTable = page.getByRole("table", { name: /Orders matching/ });
    await until("the view's 25 rows", async () =>
      (await viewTable.getByRole("checkbox", { name: /^Select order / }).count()) === N ? true : undefined,
    );

    // Select all matching the filter (through the server), then release them all.
    await page.getByRole("checkbox", { name: `Select all ${N} shown` }).check();
    await page.getByRole("button", { name: /Select all matching orders/ }).click();
    await page.getByText(`All ${N} matching orders are selected.`).waitFor({ timeout: STATE_TIMEOUT_MS });
    await page.getByRole("group", { name: "Bulk actions" }).getByRole("button", { name: "Release" }).click();
    await page.getByText(`Release: ${N} orders released.`).waitFor({ timeout: STATE_TIMEOUT_MS });
    const released = await statuses(
      stack,
      orders.map((o) => o.id),
    );
    check(
      released.every((s) => s !== "on_hold"),
      `some orders are still on hold: ${released.join(", ")}`,
    );

    // The header's search box finds an order by its customer's email.
    const target = orders[7];
    await page.getByRole("searchbox", { name: "Search orders and products" }).fill(target.email);
    const hit = page
      .getByRole("region", { name: "Orders found" })
      .getByRole("link", { name: new RegExp(target.number) });
    await hit.waitFor({ timeout: STATE_TIMEOUT_MS });
    await hit.click();
    await page.getByRole("heading", { name: new RegExp(target.number) }).waitFor({ timeout: STATE_TIMEOUT_MS });
  },
};

export const DESK_JOURNEYS: Journey[] = [bulkAndViews];
