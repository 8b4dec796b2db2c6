/**
 * Demo data: three members (one per role, linked to the offline demo sign-in), three warehouses
 * in different regions and a dropship supplier, a catalog with valid UPC-A / EAN-13 barcodes and
 * bins, stock received through the ledger, and a few hundred orders created, allocated, held and
 * cancelled through the same model functions the app uses, so the data keeps every invariant.
 *
 * `seed:demo` is an internal action that calls internal mutations in batches (each well inside a
 * deployment's transaction limits). It does nothing when the demo members already exist, so
 * `npx convex run seed:demo` is safe to repeat. The offline runtime (dev/) calls it on start.
 * Deterministic content (own PRNG, fixed lists); times are relative to when it runs, so the demo
 * reads as a working day whenever it is started: orders placed over the last day, ship-by dates
 * from a few hours ago (a handful late) to three days out, most due today or tomorrow.
 * `scale` multiplies the orders (the runtime's scale measurements use 10× and 100×).
 * `appUrl` (the offline runtime passes the app's address) makes customer messages link to its /track.
 */
import { isWebAddress } from "./lib/address";
import { makeFunctionReference } from "convex/server";
import { v } from "convex/values";
import { literals } from "convex-helpers/validators";
import { internalAction, type MutationCtx } from "./_generated/server";
import { internalMutation } from "./functions";
import type { Id } from "./_generated/dataModel";
import type { Actor } from "./functions";
import { gtinCheckDigit } from "./lib/barcode";
import { prng } from "./lib/prng";
import { addMember } from "./model/members/members";
import { saveWarehouse } from "./model/warehouses/warehouses";
import { createProduct } from "./model/catalog/products";
import { receiveStock } from "./model/inventory/operations";
import { createOrder, type OrderDraft } from "./model/orders/create";
import { demoShippingCharge } from "./model/seed/shippingCharges";
import { cancelOrder } from "./model/orders/lifecycle";
import { placeManualHold } from "./model/orders/pipeline";
import type { WarehouseInput } from "./model/warehouses/tables";
import type { ProductInput } from "./model/catalog/tables";
import { seedFloor } from "./model/seed/floor";
import { seedShipping } from "./model/seed/shipping";
import { connectChannel, seedChannels } from "./model/channels/channels";
import { seedReturns } from "./model/seed/returns";
import { seedExceptions } from "./model/seed/holds";
import { seedPickups } from "./model/seed/pickups";
import { DEMO_CUSTOMERS } from "./model/seed/customers";
import { SYSTEM } from "./model/audit/record";
import { channelByCode } from "./model/channels/views";
import { settingsRow, writeSettingsRow } from "./model/settings/singleton";
import { rowBy, rowsBy } from "./model/rows";

const vSize = literals("demo", "small");
type Size = "demo" | "small";
const SIZES: Record<Size, { products: number; orders: number }> = {
  demo: { products: 66, orders: 240 },
  small: { products: 12, orders: 16 },
};
const ORDER_BATCH = 20;
const HOUR = 60 * 60 * 1000;
/** The demo's orders were placed over this window before the seed ran. */
const HISTORY_MS = 26 * HOUR;
/** Promised handling times (hours from placing to ship-by) and how often each is sold. */
const SLA_HOURS: [number, number][] = [
  [12, 0.05],
  [24, 0.4],
  [48, 0.35],
  [72, 0.2],
];

export const DEMO_MEMBERS = [
  { name: "Ada Admin", email: "admin@demo.local", role: "admin", tokenIdentifier: "offline-demo|admin" },
  {
    name: "Sam Supervisor",
    email: "supervisor@demo.local",
    role: "supervisor",
    tokenIdentifier: "offline-demo|supervisor",
  },
  { name: "Fran Floor", email: "floor@demo.local", role: "floor", tokenIdentifier: "offline-demo|floor" },
] as const;

const WAREHOUSES: WarehouseInput[] = [
  {
    code: "EWR",
    name: "Newark DC (US East)",
    kind: "warehouse",
    address: {
      name: "Receiving",
      company: "Order Platform Demo",
      line1: "400 Doremus Ave",
      city: "Newark",
      region: "NJ",
      postalCode: "07105",
      country: "US",
    },
    latitude: 40.7205,
    longitude: -74.1346,
    cutoffLocal: "15:00",
    timezone: "America/New_York",
    priority: 0,
  },
  {
    code: "RNO",
    name: "Reno DC (US West)",
    kind: "warehouse",
    address: {
      name: "Receiving",
      company: "Order Platform Demo",
      line1: "2500 E Greg St",
      city: "Sparks",
      region: "NV",
      postalCode: "89431",
      country: "US",
    },
    latitude: 39.5296,
    longitude: -119.7345,
    cutoffLocal: "14:00",
    timezone: "America/Los_Angeles",
    priority: 1,
  },
  {
    code: "CVT",
    name: "Coventry DC (UK)",
    kind: "warehouse",
    address: {
      name: "Goods In",
      company: "Order Platform Demo Ltd",
      line1: "Unit 4, Siskin Parkway East",
      city: "Coventry",
      postalCode: "CV3 4PE",
      country: "GB",
    },
    latitude: 52.3813,
    longitude: -1.4679,
    cutoffLocal: "16:00",
    timezone: "Europe/London",
    priority: 2,
  },
  {
    code: "DS-ACME",
    name: "Acme Outdoor (dropship)",
    kind: "dropship",
    address: {
      name: "Fulfilment",
      company: "Acme Outdoor Supply",
      line1: "1200 W Fulton Market",
      city: "Chicago",
      region: "IL",
      postalCode: "60607",
      country: "US",
    },
    latitude: 41.8867,
    longitude: -87.6591,
    cutoffLocal: "12:00",
    timezone: "America/Chicago",
    priority: 5,
    leadTimeDays: 4,
  },
];

/** Base items; each becomes one product per variant. [sku stem, name, grams, L, W, H mm, price cents, variants] */
const ITEMS: [string, string, number, number, number, number, number, string[]][] = [
  ["TRS", "Trail Running Sock", 80, 200, 100, 20, 1400, ["S", "M", "L"]],
  ["MWB", "Merino Wool Beanie", 110, 220, 200, 30, 2800, ["Charcoal", "Forest", "Rust"]],
  ["INS", "Insulated Bottle 750 ml", 390, 280, 80, 80, 3200, ["Steel", "Sage", "Navy"]],
  ["CMP", "Camp Mug 350 ml", 210, 120, 100, 100, 1800, ["Enamel White", "Enamel Blue"]],
  ["HLP", "Headlamp 400 lm", 95, 90, 60, 50, 3900, ["Black", "Orange"]],
  ["PKT", "Packable Rain Jacket", 320, 300, 250, 60, 8900, ["S", "M", "L", "XL"]],
  ["DBG", "Dry Bag 20 L", 180, 300, 200, 40, 2400, ["Yellow", "Blue"]],
  ["TRP", "Trekking Poles (pair)", 520, 700, 90, 90, 7400, ["Carbon", "Aluminium"]],
  ["SLP", "Sleeping Pad", 640, 420, 150, 150, 11900, ["Regular", "Long"]],
  ["HMK", "Travel Hammock", 470, 250, 150, 120, 5900, ["Olive", "Sky"]],
  ["CHR", "Folding Camp Chair", 1850, 900, 180, 150, 6900, ["Black", "Green"]],
  ["STV", "Backpacking Stove", 260, 150, 110, 90, 4900, ["Standard"]],
  ["FLT", "Water Filter", 140, 200, 70, 60, 3600, ["Squeeze", "Straw"]],
  ["GLV", "Softshell Gloves", 90, 250, 120, 30, 2900, ["S", "M", "L"]],
  ["BPK", "Daypack 22 L", 780, 480, 300, 180, 8400, ["Graphite", "Teal"]],
  ["LNT", "Camp Lantern", 300, 180, 100, 100, 3400, ["Warm", "Daylight"]],
  ["SPK", "Spork Titanium", 20, 170, 40, 15, 1200, ["Natural"]],
  ["FAK", "First Aid Kit", 350, 200, 150, 70, 2700, ["Trail", "Family"]],
  ["MAP", "Map Case", 70, 300, 240, 10, 1600, ["Clear"]],
  ["CPS", "Compass Baseplate", 45, 120, 60, 15, 2200, ["Classic"]],
  ["BSK", "Buff Neck Gaiter", 40, 200, 120, 20, 1900, ["Alpine", "Desert", "Ocean"]],
  ["TNT", "2-Person Tent", 1900, 500, 180, 180, 24900, ["Sand", "Green"]],
  ["CRD", "Paracord 30 m", 200, 150, 150, 40, 1500, ["Red", "Black"]],
  ["SNK", "Trail Snack Box (12)", 900, 300, 200, 120, 2600, ["Nut Mix", "Fruit"]],
  ["CRB", "Locking Carabiner", 60, 100, 60, 15, 1100, ["Orange", "Grey"]],
  ["TWL", "Quick-Dry Towel", 250, 300, 150, 50, 2300, ["M", "L"]],
  ["SUN", "Mineral Sunscreen 50 ml", 70, 120, 40, 30, 1300, ["SPF 30", "SPF 50"]],
  ["KNF", "Folding Knife", 110, 130, 40, 20, 3900, ["Plain", "Serrated"]],
  ["PLW", "Inflatable Pillow", 110, 150, 100, 50, 2900, ["Grey", "Blue"]],
  ["GTR", "Trail Gaiters", 300, 350, 200, 60, 4400, ["S/M", "L/XL"]],
  ["BRC", "Bear Canister", 1150, 300, 220, 220, 8900, ["Standard"]],
  ["SOL", "Solar Charger 10 W", 380, 280, 180, 25, 5900, ["Black", "Yellow"]],
];

function demoProducts(count: number): ProductInput[] {
  const out: ProductInput[] = [];
  let n = 0;
  for (const [stem, name, grams, l, w, h, price, variants] of ITEMS) {
    for (const variant of variants) {
      n += 1;
      const upcBody = `81234${String(n).padStart(6, "0")}`;
      const barcodes = [upcBody + gtinCheckDigit(upcBody)];
      if (n % 3 === 0) {
        const eanBody = `50601${String(n).padStart(7, "0")}`;
        barcodes.push(eanBody + gtinCheckDigit(eanBody));
      }
      const words = variant.split(/\s+/);
      const code = (words.length > 1 ? words.map((x) => x[0]).join("") : variant.slice(0, 4)).toUpperCase();
      out.push({
        sku: `${stem}-${code}`,
        name: `${name} — ${variant}`,
        barcodes,
        weightGrams: grams,
        lengthMm: l,
        widthMm: w,
        heightMm: h,
        priceMinor: price,
        costMinor: Math.round(price * 0.42),
        currency: "USD",
      });
      if (out.length === count) return out;
    }
  }
  return out;
}

async function actorFor(ctx: MutationCtx, tokenIdentifier: string): Promise<Actor> {
  const m = await rowBy(ctx, "members", "by_tokenIdentifier", tokenIdentifier);
  if (!m) throw new Error(`seed: member ${tokenIdentifier} missing`);
  return { id: m._id, name: m.name };
}

/** Members, warehouses, catalog, bins and stock. Returns false when the demo already exists. */
export const base = internalMutation({
  args: { size: vSize },
  returns: v.boolean(),
  handler: async (ctx, { size }) => {
    const seeded = await rowBy(ctx, "members", "by_tokenIdentifier", DEMO_MEMBERS[0].tokenIdentifier, "first");
    if (seeded) return false;
    for (const m of DEMO_MEMBERS) await addMember(ctx, SYSTEM, { ...m });
    const warehouseIds: Id<"warehouses">[] = [];
    for (const w of WAREHOUSES) warehouseIds.push(await saveWarehouse(ctx, SYSTEM, w));
    const stocked = warehouseIds.slice(0, 3);
    const supplier = warehouseIds[3];
    const rand = prng(7);
    for (const [i, p] of demoProducts(SIZES[size].products).entries()) {
      const productId = await createProduct(ctx, SYSTEM, p);
      for (const [w, warehouseId] of stocked.entries()) {
        // About a third of the levels start empty and the rest are thin, so orders also split,
        // wait for stock (backorders) or go to the dropship supplier.
        const quantity = rand.next() < 0.33 ? 0 : rand.int(1, w === 2 ? 6 : 9);
        if (quantity === 0) continue;
        const { levelId } = await receiveStock(ctx, SYSTEM, {
          productId,
          warehouseId,
          quantity,
          unitCostMinor: p.costMinor,
          reference: `PO-${WAREHOUSES[w].code}-${1000 + i}`,
        });
        const bin = `${"ABCD"[i % 4]}-${String(1 + (i % 12)).padStart(2, "0")}-${1 + (i % 4)}`;
        await ctx.db.patch("inventoryLevels", levelId, { bin });
      }
      if (i % 4 === 1) {
        await ctx.db.insert("supplierProducts", {
          supplierId: supplier,
          productId,
          supplierSku: `ACME-${p.sku}`,
          costMinor: Math.round(p.priceMinor * 0.55),
        });
      }
    }
    return true;
  },
});

const HOLD_REASONS = [
  "Address needs confirming with the customer",
  "Payment review",
  "Customer asked to wait for a second item",
  "Fraud check: billing and shipping differ",
];
const CANCEL_REASONS = ["Customer changed their mind", "Duplicate order", "Payment failed", "Ordered the wrong size"];

/** Orders `from` … `from + count − 1` of the demo: created, allocated, some held or cancelled. */
export const orders = internalMutation({
  args: {
    size: vSize,
    from: v.number(),
    count: v.number(),
    total: v.optional(v.number()),
    startedAt: v.optional(v.number()),
  },
  returns: v.number(),
  handler: async (ctx, { size, from, count, total: totalArg, startedAt }) => {
    const products = await rowsBy(ctx, "products", "by_active_and_nameLower", true, { limit: 200 });
    if (products.length === 0) return 0;
    const supervisor = await actorFor(ctx, "offline-demo|supervisor");
    const total = totalArg ?? SIZES[size].orders;
    // One clock for the whole seed (batches run at slightly different times).
    const now = startedAt ?? Date.now();
    let made = 0;
    for (let n = from; n < Math.min(from + count, total); n++) {
      const rand = prng(1000 + n);
      const { name, email, shipTo } = rand.pick(DEMO_CUSTOMERS);
      const channelRoll = rand.next();
      const channel = channelRoll < 0.45 ? "shopify" : channelRoll < 0.7 ? "amazon" : "manual";
      const lineCount = rand.next() < 0.6 ? 1 : rand.int(2, 4);
      const chosen = new Set<Id<"products">>();
      const lines: OrderDraft["lines"] = [];
      while (lines.length < lineCount) {
        const p = rand.pick(products);
        if (chosen.has(p._id)) continue;
        chosen.add(p._id);
        lines.push({
          productId: p._id,
          quantity: rand.next() < 0.75 ? 1 : rand.int(2, 4),
          unitPriceMinor: p.priceMinor,
        });
      }
      // Older orders first, so the newest order number is the newest order; spread over the last day.
      const placedAt = now - Math.round(((total - n) / total) * HISTORY_MS);
      const slaRoll = rand.next();
      let acc = 0;
      const slaHours = SLA_HOURS.find(([, share]) => (acc += share) > slaRoll)?.[0] ?? 48;
      const draft: OrderDraft = {
        kind: channel === "manual" ? (rand.next() < 0.8 ? "phone" : "wholesale") : "channel",
        channel,
        externalId:
          channel === "shopify"
            ? `SH-${20500 + n}`
            : channel === "amazon"
              ? `114-${String(3000000 + n * 7919).padStart(7, "0")}-${String(1000 + n).slice(-4)}`
              : undefined,
        customer: { name, email },
        shipTo,
        currency: "USD",
        lines,
        shipBy: placedAt + slaHours * HOUR,
        priority: rand.next() < 0.85 ? 0 : rand.next() < 0.7 ? 1 : 2,
        notes: rand.next() < 0.1 ? "Gift: please leave out the invoice." : undefined,
        placedAt,
      };
      draft.shippingChargedMinor = demoShippingCharge({ n, channel, kind: draft.kind, lines });
      const { orderId } = await createOrder(ctx, channel === "manual" ? supervisor : undefined, draft);
      const roll = rand.next();
      if (roll < 0.08) await cancelOrder(ctx, supervisor, orderId, rand.pick(CANCEL_REASONS));
      else if (roll < 0.18) await placeManualHold(ctx, supervisor, { orderId, reason: rand.pick(HOLD_REASONS) });
      made += 1;
    }
    return made;
  },
});

/**
 * The other domains' demo rows, after the catalog, stock and orders exist: box types, shipping
 * rules, channels (the sandbox's live inflow on the full demo), returns and exception examples.
 */
export const extras = internalMutation({
  args: { size: vSize, appUrl: v.optional(v.string()) },
  returns: v.null(),
  handler: async (ctx, { size, appUrl }) => {
    await seedFloor(ctx);
    await seedShipping(ctx);
    if (size === "demo") {
      await seedChannels(ctx);
      await seedDemoStores(ctx);
      await seedReturns(ctx);
      await seedExceptions(ctx);
      await seedPickups(ctx, await actorFor(ctx, "offline-demo|floor"), await actorFor(ctx, "offline-demo|supervisor"));
    }
    if (appUrl) await keepTrackingLinkOnApp(ctx, appUrl);
    return null;
  },
});

/**
 * The stores the demo's orders came from (Shopify and Amazon), so the Channels page lists every
 * source. They hold no credentials in the demo, so they are connected but paused (no pulls);
 * the sandbox channel is the live one.
 */
async function seedDemoStores(ctx: MutationCtx) {
  const stores = [
    {
      code: "shopify",
      kind: "shopify" as const,
      name: "Shopify — trailhead-outfitters",
      settings: { shopDomain: "trailhead-outfitters.myshopify.com" },
    },
    { code: "amazon", kind: "amazon" as const, name: "Amazon US", settings: { marketplaceId: "ATVPDKIKX0DER" } },
  ];
  for (const s of stores) {
    if (await channelByCode(ctx, s.code)) continue;
    const id = await connectChannel(ctx, SYSTEM, s);
    await ctx.db.patch("channels", id, { enabled: false, status: "disabled" });
  }
}

/** Loopback addresses are the demo's own (set from APP_URL); an address someone typed is theirs. */
const isDemoAddress = (url: string) => /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url);

/**
 * Points the tracking link in customer messages at the app's real address (`npm start` passes
 * it), unless an admin has set an address of their own.
 */
async function keepTrackingLinkOnApp(ctx: MutationCtx, appUrl: string) {
  const app = appUrl.trim().replace(/\/$/, "");
  if (!isWebAddress(app)) throw new Error(`seed: appUrl must be an http(s) address, got ${JSON.stringify(appUrl)}`);
  const url = `${app}/track`;
  const row = await settingsRow(ctx, "notificationSettings");
  if (!row || (row.trackingPageUrl !== url && isDemoAddress(row.trackingPageUrl)))
    await writeSettingsRow(ctx, "notificationSettings", { trackingPageUrl: url, updatedAt: Date.now() });
}

/** Run by the offline runtime at every start: the app may be on another port than last time. */
export const syncAppUrl = internalMutation({
  args: { appUrl: v.string() },
  returns: v.null(),
  handler: async (ctx, { appUrl }) => {
    await keepTrackingLinkOnApp(ctx, appUrl);
    return null;
  },
});

const baseRef = makeFunctionReference<"mutation", { size: Size }, boolean>("seed:base");
const extrasRef = makeFunctionReference<"mutation", { size: Size; appUrl?: string }, null>("seed:extras");
const ordersRef = makeFunctionReference<
  "mutation",
  { size: Size; from: number; count: number; total?: number; startedAt?: number },
  number
>("seed:orders");
type PostcodeImportArgs = {
  restart?: boolean;
  background?: boolean;
  maxBatches?: number;
  only?: { country: string; postalCode: string }[];
};
const postcodesImportRef = makeFunctionReference<"action", PostcodeImportArgs, unknown>("postcodesImport:run");

/** Seeds the demo (or a small one for tests) in batches; a no-op when it already exists. */
export const demo = internalAction({
  args: { size: v.optional(vSize), scale: v.optional(v.number()), appUrl: v.optional(v.string()) },
  returns: v.object({ seeded: v.boolean(), orders: v.number() }),
  handler: async (ctx, args) => {
    const size = args.size ?? "demo";
    const scale = args.scale ?? 1;
    if (!Number.isInteger(scale) || scale < 1 || scale > 1000)
      throw new Error("seed:demo scale must be a whole number from 1 to 1000");
    if (!(await ctx.runMutation(baseRef, { size }))) return { seeded: false, orders: 0 };
    // Postcode coordinates for the demo's own addresses, before any order is allocated (allocation
    // reads distances from the table). A deployment runs the full import (README, "Postcodes").
    const only = [...DEMO_CUSTOMERS.map((c) => c.shipTo), ...WAREHOUSES.map((w) => w.address)].map(
      ({ country, postalCode }) => ({ country, postalCode }),
    );
    await ctx.runAction(postcodesImportRef, { only, restart: true, background: false, maxBatches: 100 });
    let orders = 0;
    const total = SIZES[size].orders * scale;
    const startedAt = Date.now();
    for (let from = 0; from < total; from += ORDER_BATCH) {
      orders += await ctx.runMutation(ordersRef, { size, from, count: ORDER_BATCH, total, startedAt });
    }
    await ctx.runMutation(extrasRef, { size, appUrl: args.appUrl });
    return { seeded: true, orders };
  },
});
