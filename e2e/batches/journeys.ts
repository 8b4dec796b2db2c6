/**
 * Batch journey: 25 packed orders (one packed at a weight no table service takes) go into a batch
 * through the lists' "Add to batch" bulk action (src/features/batches/bulkActions.ts, run with the
 * Convex client as the list's action bar runs it); a supervisor opens the batch, presses Buy and
 * watches the counts move without a reload, fixes the failed shipment's weight on its row, retries
 * it, prints the merged PDF, and the PDF has a 4×6 label and a packing slip per shipment with a
 * readable barcode on each (decoded from the PDF's pixels); then finds one of the orders by its
 * customer's email from the header's search box and opens it.
 */
import { PDFDocument } from "pdf-lib";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { barcodesOnPage, pageSizes } from "../../convex/testing/documents.testing";
import { signIn, STATE_TIMEOUT_MS, until, type Stack } from "../harness";
import type { Journey } from "../journeys";
import { check, client, markPacked, nonce, phoneOrder, stockedProduct, gtin } from "../support";

const N = 25;
const TOO_HEAVY_GRAMS = 100_000;

/** `n` one-unit orders of a new product, allocated, packed one box each; the first box too heavy for any service (when `heavy`). */
async function packedOrders(stack: Stack, n = N, opts: { who?: string; heavy?: boolean } = {}) {
  const who = opts.who ?? "Batchjourney";
  const supervisor = client(stack.runtime.url, "supervisor");
  const warehouse = (await supervisor.query(api.warehouses.list, {})).find((w) => w.kind === "warehouse")!;
  const tag = nonce();
  const sku = `E2E-BATCH-${tag}`;
  const productId = await stockedProduct(stack.runtime.url, {
    sku,
    name: "E2E batch mug",
    barcode: gtin(`7${tag}00002`),
    weightGrams: 400,
    dims: [120, 100, 100],
    priceMinor: 1500,
    costMinor: 500,
    stock: { warehouseId: warehouse._id, quantity: n * 2, reference: "PO-E2E-BATCH" },
  });
  const orders: { orderId: Id<"orders">; number: string; email: string }[] = [];
  for (let i = 0; i < n; i++) {
    const customer = { name: `Bea ${who} ${i}`, email: `bea${i}.${tag}@example.com` };
    const order = phoneOrder(customer, [{ productId, quantity: 1, unitPriceMinor: 1500 }]);
    orders.push({
      email: customer.email,
      ...(await supervisor.mutation(api.orders.createManual, {
        order: { ...order, shipTo: { ...order.shipTo, line1: `${200 + i} Market St` } },
      })),
    });
  }
  await markPacked(
    stack,
    orders.map((o) => o.orderId),
    (ctx, s, i) =>
      ctx.db.insert("packages", {
        shipmentId: s._id,
        index: 1,
        weightGrams: i === 0 && opts.heavy !== false ? TOO_HEAVY_GRAMS : 650,
        lengthMm: 200,
        widthMm: 150,
        heightMm: 120,
        items: [{ productId, sku, quantity: 1 }],
      }),
  );
  return { orders, heavyNumber: orders[0].number };
}

const batchOf25: Journey = {
  name: "a batch of 25 buys live, the failed one is fixed and retried, the merged PDF prints, an order is found by email",
  async run(stack, track) {
    const { orders, heavyNumber } = await packedOrders(stack);
    // On the orders list: find the 25 by search, tick the page, "Add to batch" (pages of the
    // selection, the first creates the batch), then open the batch from the summary's link.
    const sup = track("supervisor", await signIn(stack, "supervisor"));
    const page = sup.page;
    await page.goto(`${stack.appUrl}/orders?q=Batchjourney`);
    const table = page.getByRole("table", { name: /Orders matching/ });
    await until(`the ${N} batch orders on the list`, async () =>
      (await table.getByRole("checkbox", { name: /^Select order / }).count()) === N ? true : undefined,
    );
    await page.getByRole("checkbox", { name: `Select all ${N} shown` }).check();
    await page.getByText(`${N} orders selected.`).waitFor();
    await page.getByRole("group", { name: "Bulk actions" }).getByRole("button", { name: "Add to batch" }).click();
    await page.getByText(new RegExp(`^Add to batch: ${N} orders`)).waitFor({ timeout: STATE_TIMEOUT_MS });
    await page.getByRole("link", { name: "Open" }).first().click();
    await page.getByRole("heading", { name: /Batch B-\d+/ }).waitFor();
    const counts = page.getByTestId("batch-counts");
    await counts.getByText(`— ${N} in all`).waitFor();
    let reloads = 0;
    page.on("load", () => (reloads += 1));
    const seen = new Set<string>();
    await page.getByRole("button", { name: `Buy ${N} labels` }).click();
    await until(
      "the batch to finish (24 bought, 1 failed)",
      async () => {
        const t = (await counts.textContent()) ?? "";
        seen.add(t);
        return /^24 bought · 1 failed · 0 in progress/.test(t) ? t : undefined;
      },
      () => [...seen].join(" | "),
    );
    check(seen.size >= 2, `no live progress seen: ${[...seen].join(" | ")}`);
    check(reloads === 0, "the batch page reloaded");

    // The failed row says why in words, and is fixed on the spot.
    const row = page.locator(`tr[data-shipment^="${heavyNumber}"]`);
    await row.getByText("Failed").waitFor();
    const why = (await row.textContent()) ?? "";
    check(/No rates for this shipment/.test(why), `failed row reason: ${why}`);
    await row.getByRole("button", { name: "Fix" }).click();
    await row.getByLabel(/Package 1 weight/).fill("700");
    await row.getByRole("button", { name: "Save weight" }).click();
    await row.getByLabel(/now 700\)/).waitFor();
    await page.getByRole("button", { name: "Retry 1 failed" }).click();
    let last = "";
    await until(
      "all 25 bought",
      async () => {
        last = (await counts.textContent()) ?? "";
        return /^25 bought · 0 failed/.test(last) ? true : undefined;
      },
      () => last,
    );
    await row.getByText("Bought").waitFor();

    // Print: the merged PDF, a label and a slip per shipment.
    await page.getByRole("button", { name: "Print labels and slips" }).click();
    const link = page.getByTestId("batch-pdf");
    await link.waitFor({ timeout: STATE_TIMEOUT_MS });
    check(/\(50 pages\)/.test((await link.textContent()) ?? ""), `PDF link: ${await link.textContent()}`);
    const url = await link.getAttribute("href");
    const res = await fetch(url!);
    check(res.ok, `the PDF did not download (${res.status})`);
    const pdf = await PDFDocument.load(new Uint8Array(await res.arrayBuffer()));
    check(pdf.getPageCount() === 2 * N, `pages: ${pdf.getPageCount()}`);
    const sizes = pageSizes(pdf);
    check(
      sizes.every((s, i) => (i % 2 === 0 ? s[0] === 288 && s[1] === 432 : s[0] === 612 && s[1] === 792)),
      `page sizes: ${JSON.stringify(sizes.slice(0, 4))}`,
    );
    const numbers = new Set(orders.map((o) => o.number));
    for (let i = 0; i < pdf.getPageCount(); i++) {
      const codes = barcodesOnPage(pdf, i);
      check(codes.length === 1, `page ${i + 1}: ${codes.length} readable barcodes`);
      if (i % 2 === 1) check(numbers.has(codes[0]), `slip on page ${i + 1} reads ${codes[0]}`);
      else check(/^TR/.test(codes[0]), `label on page ${i + 1} reads ${codes[0]}`);
    }

    // The header's search box finds one of the batch's orders by its customer's email (typed in
    // another case), and its page opens from the result.
    const target = orders[7];
    await page.getByRole("searchbox", { name: "Search orders and products" }).fill(target.email.toUpperCase());
    const hit = page
      .getByRole("region", { name: "Orders found" })
      .getByRole("link", { name: new RegExp(target.number) });
    await hit.waitFor({ timeout: STATE_TIMEOUT_MS });
    await hit.click();
    await page.getByRole("heading", { name: new RegExp(target.number) }).waitFor({ timeout: STATE_TIMEOUT_MS });
  },
};

/**
 * The shipments list: words and a status narrow it to some packed shipments, saved as a view; the
 * view reapplied from a bare list, "select all matching" through the server, "Add to batch", and
 * the batch holds exactly those shipments.
 */
const batchFromView: Journey = {
  name: "a saved view on the shipments list: select all matching, add to batch",
  async run(stack, track) {
    const M = 4;
    const who = `Viewbatch${String(Date.now() % 100_000)}`;
    await packedOrders(stack, M, { who, heavy: false });
    const sup = track("supervisor", await signIn(stack, "supervisor"));
    const page = sup.page;
    await page.goto(`${stack.appUrl}/shipments?status=packed`);
    await page.getByRole("search", { name: "Search shipments" }).getByRole("searchbox").fill(who);
    await page.getByRole("search", { name: "Search shipments" }).getByRole("searchbox").press("Enter");
    await page.waitForURL((u) => u.searchParams.get("q") === who && u.searchParams.get("status") === "packed");
    await page.getByRole("button", { name: "Save view…" }).click();
    await page.getByLabel("Name of the new view").fill(`Packed for ${who}`);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText(`Saved the view “Packed for ${who}”.`).waitFor();

    await page.goto(`${stack.appUrl}/shipments`);
    await page.getByRole("table", { name: "Shipments" }).waitFor();
    await page.getByLabel("View", { exact: true }).selectOption({ label: `Packed for ${who}` });
    await page.waitForURL((u) => u.searchParams.get("q") === who && u.searchParams.get("status") === "packed");
    const table = page.getByRole("table", { name: new RegExp(`Shipments matching “${who}”`) });
    await until(`the view's ${M} shipments`, async () =>
      (await table.getByRole("checkbox", { name: /^Select shipment / }).count()) === M ? true : undefined,
    );
    await page.getByRole("checkbox", { name: `Select all ${M} shown` }).check();
    await page.getByRole("button", { name: /Select all matching shipments/ }).click();
    await page.getByText(`All ${M} matching shipments are selected.`).waitFor({ timeout: STATE_TIMEOUT_MS });
    await page.getByRole("group", { name: "Bulk actions" }).getByRole("button", { name: "Add to batch" }).click();
    await page.getByText(`Add to batch: ${M} shipments added.`).waitFor({ timeout: STATE_TIMEOUT_MS });
    await page.getByRole("link", { name: "Open" }).first().click();
    await page.getByRole("heading", { name: /Batch B-\d+/ }).waitFor();
    await page.getByTestId("batch-counts").getByText(`— ${M} in all`).waitFor({ timeout: STATE_TIMEOUT_MS });
  },
};

export const BATCH_JOURNEYS: Journey[] = [batchOf25, batchFromView];
