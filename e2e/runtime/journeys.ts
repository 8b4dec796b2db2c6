/**
 * Runtime journey: the backend becomes unreachable while a supervisor works. The page says so in
 * words (the connection banner), a change made meanwhile is queued and counted, and when the
 * backend is back the change goes through once and the banner leaves — no reload.
 * Waits follow state (STATE_TIMEOUT_MS ceilings), never a fixed pause.
 */
import { ConvexHttpClient } from "convex/browser";
import { api } from "../../convex/_generated/api";
import { demoToken, identityForRole } from "../../src/auth/demo";
import { signIn, STATE_TIMEOUT_MS, until } from "../harness";
import type { Journey } from "../journeys";
import { check } from "../support";

/** What Chromium logs while the backend refuses the WebSocket (expected here, not a page error). */
const CONNECTION_NOISE = /WebSocket|ERR_CONNECTION|net::ERR|Failed to load resource/i;

const backendDown: Journey = {
  name: "a dead backend says so: a banner, the change queued and counted, sent once when it is back",
  async run(stack) {
    const supervisor = new ConvexHttpClient(stack.runtime.url);
    supervisor.setAuth(demoToken(identityForRole("supervisor")!));
    const customer = `Olive Offline ${Date.now() % 100_000}`;
    const ordersFor = async () =>
      (await supervisor.query(api.orders.list, { paginationOpts: { numItems: 50, cursor: null } })).page.filter(
        (o) => o.customer.name === customer,
      );
    // Not tracked: refused WebSockets are console errors by design here; the others are checked below.
    const sup = await signIn(stack, "supervisor");
    const wait = { timeout: STATE_TIMEOUT_MS };
    try {
      const { page } = sup;
      await page.goto(`${stack.appUrl}/orders/new`);
      await page.getByRole("heading", { name: "New order" }).waitFor(wait);
      await page.getByLabel("Customer name").fill(customer);
      await page.getByLabel("Email").fill("olive.offline@example.com");
      await page.getByLabel("Recipient name").fill(customer);
      await page.getByLabel("Street address").fill("500 Market St");
      await page.getByLabel("City").fill("San Francisco");
      await page.getByLabel("Country").selectOption("US");
      await page.getByLabel(/State/).fill("CA");
      await page.getByLabel("Postal code").fill("94105");
      await page.getByRole("combobox", { name: /Product/ }).fill("Trail Running Sock");
      await page.getByRole("option", { name: /TRS-M/ }).click();
      await page.getByLabel(/Quantity/).fill("1");
      let loads = 0;
      page.on("load", () => (loads += 1));

      // The backend goes away: the page says so.
      stack.runtime.refuseConnections(true);
      const banner = page.getByTestId("connection-banner");
      await banner.getByText("Connection lost — reconnecting…").waitFor(wait);
      // A change made now is queued, and the banner counts it; nothing reached the server.
      await page.getByRole("button", { name: "Create order" }).click();
      await banner.getByText(/1 change is queued and will be sent when the server is back/).waitFor(wait);
      check((await ordersFor()).length === 0, "the order reached the server while the page was offline");

      // The backend is back: the queued change is sent once, the page confirms, the banner leaves.
      stack.runtime.refuseConnections(false);
      await page.getByText(/Order SO-\d+ created/).waitFor(wait);
      await banner.waitFor({ state: "detached", ...wait });
      let found = 0;
      await until(
        `the order of ${customer} on the server`,
        async () => ((found = (await ordersFor()).length) > 0 ? true : undefined),
        () => `${found} orders`,
      );
      check(found === 1, `the queued order was created ${found} times`);
      check(loads === 0, "the page reloaded");
      const errors = sup.errors.filter((e) => !CONNECTION_NOISE.test(e));
      check(errors.length === 0, `console errors:\n    ${errors.join("\n    ")}`);
    } finally {
      stack.runtime.refuseConnections(false);
      await sup.ctx.close().catch(() => {});
    }
  },
};

export const RUNTIME_JOURNEYS: Journey[] = [backendDown];
