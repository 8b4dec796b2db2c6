/**
 * A floor shift in the browser, shared by the shift journey and bench/floor.ts: work made through
 * the public API (products with bins, a multi-unit order, a pick list), then a phone picks and
 * packs it with a keyboard-wedge scanner simulated by key bursts (`wedgeBurst`: every key of the
 * code and Enter sent to Chromium at once over CDP, as trusted key events the browser queues the
 * way it queues a USB scanner's — Playwright's keyboard.type waits for each key, which on a busy
 * machine spaces them like a person's typing) while random taps land between the bursts — the heading, the task card,
 * the result banner, the recent-scans list, "Type code", the short-pick dialog opened and
 * cancelled, the count field. A scan is lost when its burst produces no new result on screen.
 */
import type { CDPSession, Page } from "playwright-core";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import type { MutationCtx } from "../../convex/_generated/server";
import type { Stack } from "../harness";
import { client, gtin, phoneOrder, stockedProduct } from "../support";

export type ShiftProduct = {
  productId: Id<"products">;
  sku: string;
  code: string;
  bin: string;
  quantity: number;
  weightGrams: number;
};
export type ShiftWork = {
  warehouseId: Id<"warehouses">;
  pickListId: Id<"pickLists">;
  pickListNumber: string;
  shipmentId: Id<"shipments">;
  shipmentNumber: string;
  products: ShiftProduct[];
};

/**
 * One order of `quantities[i]` units of fresh products, bins in walk order with lines 0 and 1
 * sharing a bin (consecutive stops), stock only in one warehouse, and a pick list for it.
 */
export async function makeShiftWork(
  stack: Stack,
  tag: string,
  quantities: number[],
  opts: { requireBinScan: boolean; scanEveryUnit?: boolean; weights?: number[] },
): Promise<ShiftWork> {
  const supervisor = client(stack.runtime.url, "supervisor");
  const nonce = String(Date.now() % 100_000).padStart(5, "0");
  const warehouse = (await supervisor.query(api.warehouses.list, {})).find((w) => w.kind === "warehouse");
  if (!warehouse) throw new Error("the demo has no warehouse");
  const products: ShiftProduct[] = [];
  for (const [i, quantity] of quantities.entries()) {
    const sku = `SH-${tag}-${nonce}-${String(i + 1).padStart(2, "0")}`;
    const code = gtin(`7${nonce}${tag.length % 10}${String(i).padStart(4, "0")}`);
    const weightGrams = opts.weights?.[i] ?? 150 + 50 * i;
    const productId = await stockedProduct(stack.runtime.url, {
      sku,
      name: `Shift item ${i + 1} ${tag}`,
      barcode: code,
      weightGrams,
      dims: [120, 80, 40],
      priceMinor: 1200,
      costMinor: 500,
      stock: { warehouseId: warehouse._id, quantity: quantity + 5, reference: `PO-SHIFT-${tag}` },
    });
    if (opts.scanEveryUnit) await supervisor.mutation(api.floor.setScanEveryUnit, { productId, scanEveryUnit: true });
    const bin = `S-${String(Math.max(1, i)).padStart(2, "0")}-1`; // lines 0 and 1 share S-01-1
    products.push({ productId, sku, code, bin, quantity, weightGrams });
  }
  const backend = stack.runtime.engine.backend;
  await backend.within(() =>
    backend.t.run(async (raw) => {
      const ctx = raw as unknown as MutationCtx;
      for (const p of products) {
        const level = await ctx.db
          .query("inventoryLevels")
          .withIndex("by_productId_and_warehouseId", (q) =>
            q.eq("productId", p.productId).eq("warehouseId", warehouse._id),
          )
          .unique();
        if (level) await ctx.db.patch("inventoryLevels", level._id, { bin: p.bin });
      }
    }),
  );
  const { orderId } = await supervisor.mutation(api.orders.createManual, {
    // A small order value: no fraud hold.
    order: phoneOrder(
      { name: "Sam Shift", email: "sam.shift@example.com" },
      products.map((p) => ({ productId: p.productId, quantity: p.quantity, unitPriceMinor: 300 })),
    ),
  });
  const plan = await supervisor.query(api.allocation.orderPlan, { orderId });
  const shipment = plan.shipments.find((s) => s.warehouseId === warehouse._id && s.status === "open");
  if (!shipment || shipment.lines.length !== products.length)
    throw new Error(`the order did not allocate as one ${products.length}-line shipment`);
  const list = await supervisor.mutation(api.floor.buildBatchList, {
    warehouseId: warehouse._id,
    maxShipments: 1,
    requireBinScan: opts.requireBinScan,
    shipmentId: shipment._id,
  });
  return {
    warehouseId: warehouse._id,
    pickListId: list.pickListId,
    pickListNumber: list.number,
    shipmentId: shipment._id,
    shipmentNumber: shipment.number,
    products,
  };
}

export type ShiftStats = {
  scans: number;
  lost: number;
  taps: number;
  refusals: string[];
  keypadConfirms: number;
  fieldBursts: number;
  ms: number;
};

const CDP_SESSIONS = new WeakMap<Page, Promise<CDPSession>>();
const vk = (c: string) => (c === "-" ? 189 : c === "." ? 190 : c === "/" ? 191 : c.toUpperCase().charCodeAt(0));

/** Types `code` and Enter as one burst of trusted key events, as a keyboard-wedge scanner does. */
export async function wedgeBurst(page: Page, code: string) {
  if (!CDP_SESSIONS.has(page)) CDP_SESSIONS.set(page, page.context().newCDPSession(page));
  const cdp = await CDP_SESSIONS.get(page)!;
  const sends: Promise<unknown>[] = [];
  for (const c of code) {
    sends.push(
      cdp.send("Input.dispatchKeyEvent", {
        type: "keyDown",
        key: c,
        text: c,
        unmodifiedText: c,
        windowsVirtualKeyCode: vk(c),
      }),
    );
    sends.push(cdp.send("Input.dispatchKeyEvent", { type: "keyUp", key: c, windowsVirtualKeyCode: vk(c) }));
  }
  sends.push(
    cdp.send("Input.dispatchKeyEvent", {
      type: "keyDown",
      key: "Enter",
      code: "Enter",
      text: "\r",
      unmodifiedText: "\r",
      windowsVirtualKeyCode: 13,
    }),
  );
  sends.push(
    cdp.send("Input.dispatchKeyEvent", { type: "keyUp", key: "Enter", code: "Enter", windowsVirtualKeyCode: 13 }),
  );
  await Promise.all(sends);
}

/** The scanner's result banner and the number of results it has shown. */
async function shownSeq(page: Page): Promise<number> {
  const v = await page.locator("[data-scan-seq]").first().getAttribute("data-scan-seq");
  return Number(v ?? 0);
}

/** Drives one scanner page: bursts with random taps between them, counting lost scans. */
export class WedgeDriver {
  stats: ShiftStats = { scans: 0, lost: 0, taps: 0, refusals: [], keypadConfirms: 0, fieldBursts: 0, ms: 0 };
  constructor(
    private page: Page,
    private random: () => number,
    private tapsBetween = 1,
  ) {}

  /** Types `code` as a wedge scanner does, Enter last; returns the result banner's state and words. */
  async burst(code: string): Promise<{ state: string; text: string }> {
    const before = await shownSeq(this.page);
    await wedgeBurst(this.page, code);
    this.stats.scans += 1;
    const banner = this.page.locator(`[data-scan-seq="${before + 1}"]`);
    try {
      await banner.waitFor({ timeout: 10_000 });
    } catch {
      this.stats.lost += 1;
      return { state: "lost", text: "" };
    }
    const state = (await banner.getAttribute("data-scan-state")) ?? "";
    const text = ((await banner.textContent()) ?? "").trim();
    if (state === "refused") this.stats.refusals.push(text);
    return { state, text };
  }

  /** A random tap somewhere a picker's thumb lands between scans (none opens another page). */
  async tap() {
    const page = this.page;
    const options: (() => Promise<unknown>)[] = [
      () => page.getByRole("heading", { level: 1 }).first().tap(),
      () => page.locator("[data-scan-seq]").first().tap(),
      () => page.touchscreen.tap(8, 420),
    ];
    if (await page.getByTestId("current-task").count()) options.push(() => page.getByTestId("current-task").tap());
    const recent = page.locator("summary", { hasText: "Recent scans" });
    if (await recent.count()) options.push(() => recent.first().tap());
    const typeCode = page.getByRole("button", { name: "Type code" });
    if (await typeCode.count())
      options.push(async () => {
        await typeCode.tap();
        await page.getByRole("button", { name: "Hide keyboard" }).tap();
      });
    const short = page.getByRole("button", { name: "Short pick" });
    if (await short.count())
      options.push(async () => {
        await short.tap();
        const dialog = page.getByRole("dialog");
        await dialog.waitFor();
        await dialog.getByRole("button", { name: "Cancel" }).tap();
        await dialog.waitFor({ state: "detached" });
      });
    const count = page.getByLabel(/^More units of/);
    if (await count.count()) options.push(() => count.tap());
    const pick = options[Math.floor(this.random() * options.length)];
    await pick();
    this.stats.taps += 1;
  }

  async taps() {
    for (let i = 0; i < this.tapsBetween; i++) await this.tap();
  }
}

/**
 * Picks the claimed list on the open scanner page: per stop the bin (any case) when asked, the
 * product (barcode, or the SKU typed in lower case), then the rest of the line by the keypad
 * (`keypad`) or by scanning again; taps between every burst. Reads the list's state from the server.
 */
export async function pickList(
  stack: Stack,
  page: Page,
  { work, driver, ...opts }: { work: ShiftWork; driver: WedgeDriver; keypad: boolean; burstInCountField?: boolean },
) {
  const floor = client(stack.runtime.url, "floor");
  const started = Date.now();
  for (let guard = 0; guard < 500; guard++) {
    const view = await floor.query(api.floor.pickList, { pickListId: work.pickListId });
    const task = [...view.tasks].sort((a, b) => a.seq - b.seq).find((t) => t.picked + t.short < t.quantity);
    if (!task) break;
    const product = work.products.find((p) => p.productId === task.productId)!;
    await driver.taps();
    if (view.list.requireBinScan && !task.binConfirmed) {
      await driver.burst(guard % 2 ? task.bin.toLowerCase() : task.bin);
      continue;
    }
    const countable = task.picked > 0 && !view.products.find((p) => p._id === task.productId)?.scanEveryUnit;
    if (countable && opts.burstInCountField && driver.stats.fieldBursts === 0) {
      // The count field has the focus: a burst there is still a scan (one more unit), and the
      // field keeps what the person had typed.
      const field = page.getByLabel(/^More units of/);
      await field.tap();
      const typed = await field.inputValue();
      const r = await driver.burst(product.code);
      if (r.state !== "ok" || !new RegExp(`${product.sku} ${task.picked + 1}/|${product.sku} done`).test(r.text))
        throw new Error(`a burst in the count field: ${r.state} "${r.text}"`);
      const after = page.getByLabel(/^More units of/);
      if ((await after.count()) && (await after.inputValue()) !== typed && task.picked + 1 < task.quantity) {
        // The pad re-renders for the new count; its value is the new default, never the code.
        if (/\D/.test(await after.inputValue())) throw new Error("the scanned code leaked into the count field");
      }
      driver.stats.fieldBursts += 1;
      continue;
    }
    if (countable && opts.keypad) {
      const before = await shownSeq(page);
      await page.getByRole("button", { name: /^Confirm \d+ more/ }).tap();
      driver.stats.keypadConfirms += 1;
      await page.waitForFunction(
        (n) => Number(document.querySelector("[data-scan-seq]")?.getAttribute("data-scan-seq")) >= n,
        before + 1,
        { timeout: 10_000 },
      );
      continue;
    }
    await driver.burst(guard % 3 === 0 ? product.sku.toLowerCase() : product.code);
  }
  driver.stats.ms += Date.now() - started;
}

/**
 * Packs the picked shipment from the pack queue without touching the screen except the taps:
 * the tote label opens the station, a box label opens a package, every unit is scanned in (the
 * last finishes packing), LABEL buys the label. Returns the declared and contents grams.
 */
export async function packToLabel(
  stack: Stack,
  page: Page,
  { work, driver, box }: { work: ShiftWork; driver: WedgeDriver; box: string },
) {
  await page.getByLabel("Warehouse").selectOption(work.warehouseId);
  await page.getByText("Scan a tote label or packing slip").first().waitFor();
  await wedgeBurst(page, `${work.pickListNumber}-t1`);
  driver.stats.scans += 1;
  await page.waitForURL((u) => u.pathname === `/floor/pack/${work.shipmentId}`, { timeout: 10_000 });
  await page
    .getByText(/Scan a box label/)
    .first()
    .waitFor();
  await driver.taps();
  const opened = await driver.burst(`box-${box.toLowerCase()}`);
  if (!/opened/.test(opened.text))
    throw new Error(`the box label did not open a package: ${opened.state} "${opened.text}"`);
  const units = work.products.flatMap((p) => Array.from({ length: p.quantity }, () => p));
  for (const [i, p] of units.entries()) {
    await driver.taps();
    if (i === units.length - 1) {
      // The last unit finishes packing: the station turns into the packed view.
      await wedgeBurst(page, p.code);
      driver.stats.scans += 1;
      await page.getByTestId("packed").waitFor({ timeout: 10_000 });
    } else {
      const r = await driver.burst(p.code);
      if (r.state !== "ok") throw new Error(`packing ${p.sku}: ${r.state} "${r.text}"`);
    }
  }
  await page.getByText("Scan LABEL to buy the label").first().waitFor();
  const label = await driver.burst("LABEL");
  if (label.state !== "ok") throw new Error(`LABEL: ${label.state} "${label.text}"`);
  await page
    .getByRole("region", { name: "Shipping labels" })
    .getByText("Bought", { exact: true })
    .waitFor({ timeout: 20_000 });
  const floor = client(stack.runtime.url, "floor");
  const shipping = await floor.query(api.shipping.forShipment, { shipmentId: work.shipmentId });
  const contents = work.products.reduce((n, p) => n + p.weightGrams * p.quantity, 0);
  const declared = shipping.packages.reduce((n, p) => n + p.weightGrams, 0);
  const purchased = shipping.labels.filter((l) => l.status === "purchased").length;
  return { declared, contents, purchased, shipmentStatus: shipping.shipment.status };
}
