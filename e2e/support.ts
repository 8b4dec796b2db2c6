/**
 * What the journeys share besides the harness: assertions, API clients signed in with the demo
 * tokens, scanning like a keyboard-wedge scanner, and data made through the public API as the demo
 * admin and supervisor would.
 */
import { ConvexHttpClient } from "convex/browser";
import type { Page } from "playwright-core";
import { api } from "../convex/_generated/api";
import type { Doc, Id } from "../convex/_generated/dataModel";
import type { MutationCtx } from "../convex/_generated/server";
import { gtinCheckDigit } from "../convex/lib/barcode";
import { demoToken, identityForRole } from "../src/auth/demo";
import type { Role, Stack } from "./harness";

export function check(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

/**
 * fetch that tries again when the connection broke before an answer (a kept-alive socket the
 * runtime closed between journeys: "fetch failed" / other side closed). Such a request never
 * reached a function, so sending it again is safe.
 */
const retryingFetch: typeof fetch = async (input, init) => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(input, init);
    } catch (e) {
      const code = (e as { cause?: { code?: string } }).cause?.code ?? "";
      if (attempt >= 3 || !(e instanceof TypeError) || !/UND_ERR_SOCKET|ECONNRESET|ECONNREFUSED|EPIPE/.test(code))
        throw e;
      await new Promise((r) => setTimeout(r, 250 * attempt));
    }
  }
};

/** The public API as a demo member of `role` (HTTP, as a script or another device would call it). */
export function client(url: string, role: Role) {
  const c = new ConvexHttpClient(url, { fetch: retryingFetch });
  c.setAuth(demoToken(identityForRole(role)!));
  return c;
}

/** UPC-A from 11 digits, EAN-13 from 12: the check digit appended. */
export function gtin(body: string): string {
  return body + gtinCheckDigit(body);
}

/** A number unique enough within a run for SKUs and barcodes (five digits). */
export const nonce = () => String(Date.now() % 100_000).padStart(5, "0");

/** Types a code into the scanner's wedge input and presses Enter, as a hardware scanner does. */
export async function wedge(page: Page, code: string) {
  const input = page.getByTestId("wedge-input");
  await input.waitFor();
  await input.focus();
  await page.keyboard.type(code);
  await page.keyboard.press("Enter");
}

/** Waits for the `seq`-th scan result and checks its colour and words. */
export async function expectScan(
  page: Page,
  seq: number,
  { state, text, timeout = 10_000 }: { state: "ok" | "refused"; text: RegExp; timeout?: number },
) {
  const banner = page.locator(`[data-scan-seq="${seq}"]`);
  await banner.waitFor({ timeout });
  const [got, words] = [await banner.getAttribute("data-scan-state"), (await banner.textContent()) ?? ""];
  check(got === state && text.test(words), `scan ${seq}: expected ${state} ${text}, saw ${got}: "${words}"`);
}

/** The demo's San Francisco street address, for orders whose address is not what a journey checks. */
export const SF_ADDRESS = {
  line1: "500 Market St",
  city: "San Francisco",
  region: "CA",
  postalCode: "94105",
  country: "US",
};

type OrderLine = { productId: Id<"products">; quantity: number; unitPriceMinor: number };

/** A phone order for `name` shipping to the demo's San Francisco address, in USD. */
export function phoneOrder(customer: { name: string; email: string }, lines: OrderLine[]) {
  return {
    kind: "phone" as const,
    customer,
    shipTo: { name: customer.name, ...SF_ADDRESS },
    currency: "USD" as const,
    lines,
  };
}

/** A product with one barcode, and its first stock. */
export async function stockedProduct(
  url: string,
  p: {
    sku: string;
    name: string;
    barcode: string;
    weightGrams: number;
    dims: [number, number, number];
    priceMinor: number;
    costMinor: number;
    /** Received at `costMinor` a unit; none when left out. */
    stock?: { warehouseId: Id<"warehouses">; quantity: number; reference: string };
  },
): Promise<Id<"products">> {
  const admin = client(url, "admin");
  const [lengthMm, widthMm, heightMm] = p.dims;
  const productId = await admin.mutation(api.products.create, {
    product: {
      sku: p.sku,
      name: p.name,
      barcodes: [p.barcode],
      weightGrams: p.weightGrams,
      lengthMm,
      widthMm,
      heightMm,
      priceMinor: p.priceMinor,
      costMinor: p.costMinor,
      currency: "USD",
    },
  });
  if (p.stock)
    await admin.mutation(api.inventory.receive, {
      productId,
      warehouseId: p.stock.warehouseId,
      quantity: p.stock.quantity,
      unitCostMinor: p.costMinor,
      reference: p.stock.reference,
    });
  return productId;
}

/**
 * Marks every shipment of the orders picked and packed in full, straight in the runtime's database
 * (one transaction): for journeys about what comes after the floor (labels, returns), not the
 * floor itself. `then` runs for each shipment in the same transaction (packages, a shipment), with
 * the index of its order in `orderIds`.
 */
export async function markPacked(
  stack: Stack,
  orderIds: Id<"orders">[],
  then?: (ctx: MutationCtx, shipment: Doc<"shipments">, order: number) => Promise<unknown>,
) {
  const backend = stack.runtime.engine.backend;
  await backend.within(() =>
    backend.t.run(async (raw) => {
      // The runtime's backend is typed without the app's schema; this is the app's mutation ctx.
      const ctx = raw as unknown as MutationCtx;
      for (const [i, orderId] of orderIds.entries()) {
        for (const s of await ctx.db
          .query("shipments")
          .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
          .take(10)) {
          await ctx.db.patch("shipments", s._id, {
            status: "packed",
            lines: s.lines.map((l) => ({ ...l, picked: l.quantity, packed: l.quantity })),
          });
          await then?.(ctx, s, i);
        }
      }
    }),
  );
}
