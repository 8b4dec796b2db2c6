/**
 * Channel journeys.
 *  1. An admin connects the sandbox channel on the Channels page and pulls now: the channel shows
 *     OK with its import count, and a supervisor's orders list shows the sandbox orders without a
 *     reload.
 *  2. A supervisor imports a CSV file: the preview shows the bad row's error and Import stays off;
 *     excluding the row turns it on; importing creates the order.
 */
import type { Journey } from "../journeys";
import { signIn } from "../harness";
import { check } from "../support";

const sandboxPull: Journey = {
  name: "an admin connects the sandbox channel and its orders arrive live",
  async run(stack, track) {
    const admin = track("admin", await signIn(stack, "admin"));
    const sup = track("supervisor", await signIn(stack, "supervisor"));
    await sup.page.goto(`${stack.appUrl}/orders?channel=sandbox`);
    await sup.page.getByRole("heading", { name: "Orders", level: 1 }).waitFor();
    let reloads = 0;
    sup.page.on("load", () => (reloads += 1));
    await admin.page.goto(`${stack.appUrl}/channels`);
    await admin.page.getByRole("heading", { name: "Channels", level: 1 }).waitFor();
    // The demo seed connects the sandbox; connect it here only when it is not there.
    await admin.page
      .getByRole("table", { name: "Channels" })
      .or(admin.page.getByText("No channels connected"))
      .waitFor();
    if ((await admin.page.getByRole("cell", { name: /sandbox · Sandbox/ }).count()) === 0) {
      await admin.page.getByRole("button", { name: "Connect channel" }).click();
      const dialog = admin.page.getByRole("dialog");
      await dialog.getByLabel("Kind").selectOption("sandbox");
      await dialog.getByLabel("Code").fill("sandbox");
      await dialog.getByLabel("Name").fill("Sandbox store");
      await dialog.getByRole("button", { name: "Connect" }).click();
      await admin.page.getByText("sandbox connected.").waitFor();
    }
    await admin.page.getByRole("button", { name: /Pull now Sandbox/ }).click();
    const row = admin.page.getByRole("row", { name: /Sandbox/ });
    await row.getByText("OK").waitFor({ timeout: 10_000 });
    await sup.page
      .getByRole("link", { name: /SO-\d+/ })
      .first()
      .waitFor({ timeout: 10_000 });
    check(reloads === 0, "the orders page reloaded");
  },
};

const HEADER =
  "order_id,customer_name,customer_email,ship_line1,ship_city,ship_region,ship_postal_code,ship_country,currency,sku,quantity,unit_price";

const csvImport: Journey = {
  name: "a CSV with a bad row imports nothing until the row is excluded",
  async run(stack, track) {
    const sup = track("supervisor", await signIn(stack, "supervisor"));
    await sup.page.goto(`${stack.appUrl}/channels/import`);
    await sup.page.getByRole("heading", { name: "Import orders from CSV" }).waitFor();
    const csv = [
      HEADER,
      "E2E-CSV-1,Pat Doe,pat@example.com,500 Market St,San Francisco,CA,94105,US,USD,TRS-M,1,12.00",
      "E2E-CSV-2,Lee Roy,lee@example.com,1 Main St,Toronto,ON,12345,CA,USD,TRS-M,1,12.00",
    ].join("\n");
    await sup.page
      .getByLabel("CSV file")
      .setInputFiles({ name: "orders.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await sup.page.getByText(/not a valid Canada postal code/).waitFor({ timeout: 10_000 });
    const importButton = sup.page.getByRole("button", { name: /^Import \d+ order/ });
    check(await importButton.isDisabled(), "Import is enabled while a row has an error");
    await sup.page.getByLabel("Exclude row 3").check();
    await sup.page.getByRole("button", { name: "Import 1 order" }).click();
    await sup.page.getByText(/Imported 1 order/).waitFor({ timeout: 10_000 });
    await sup.page.goto(`${stack.appUrl}/orders?channel=csv`);
    await sup.page.getByRole("cell", { name: "Pat Doe" }).waitFor({ timeout: 10_000 });
  },
};

export const CHANNEL_JOURNEYS: Journey[] = [sandboxPull, csvImport];
