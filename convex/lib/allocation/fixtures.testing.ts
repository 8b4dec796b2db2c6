/**
 * Test helpers for allocation strategies: builders for sources and orders, fast-check
 * arbitraries that make collisions likely (few products, few codes, shared priorities), and the
 * invariant check every strategy's plan must pass. Test-only (the second dot keeps Convex from
 * bundling it).
 */
import fc from "fast-check";
import { stockOf, usableUnits } from "./sources";
import type { AllocationOrder, AllocationPlan, CandidateSource, CostLayer, SourceKind, SourceStock } from "./types";

/** Cities used as fixed points in example tests (lat, lng). */
export const PLACES = {
  newYork: { lat: 40.7128, lng: -74.006 },
  newark: { lat: 40.7357, lng: -74.1724 },
  philadelphia: { lat: 39.9526, lng: -75.1652 },
  chicago: { lat: 41.8781, lng: -87.6298 },
  losAngeles: { lat: 34.0522, lng: -118.2437 },
} as const;

/** A stock source at a place with `{ productId: available }` (or full SourceStock) entries. */
export function source(
  code: string,
  at: { lat: number; lng: number },
  stock: Record<string, number | SourceStock>,
  opts: { kind?: SourceKind; priority?: number; leadTimeDays?: number; sourceId?: string } = {},
): CandidateSource {
  const entries: Record<string, SourceStock> = {};
  for (const [p, v] of Object.entries(stock)) entries[p] = typeof v === "number" ? { available: v } : v;
  return {
    sourceId: opts.sourceId ?? `id-${code}`,
    kind: opts.kind ?? "warehouse",
    code,
    lat: at.lat,
    lng: at.lng,
    priority: opts.priority ?? 1,
    leadTimeDays: opts.leadTimeDays,
    stock: entries,
  };
}

/** The example warehouses' codes and where each stands. */
export const SITES = {
  NWK: PLACES.newark,
  PHL: PLACES.philadelphia,
  CHI: PLACES.chicago,
  LAX: PLACES.losAngeles,
} as const;

/** Warehouses at the example sites, in the order given, each with `{ productId: available }` (or SourceStock) entries. */
export function stockAt(
  stock: Partial<Record<keyof typeof SITES, Record<string, number | SourceStock>>>,
): CandidateSource[] {
  return Object.entries(stock).map(([code, s]) => source(code, SITES[code as keyof typeof SITES], s ?? {}));
}

/** An order to New York (coordinates given) with lines `[sku, quantity]`; productId = sku. */
export function orderTo(
  lines: [string, number][] | Record<string, number>,
  at: { lat: number; lng: number } = PLACES.newYork,
): AllocationOrder {
  // A record for distinct SKUs ({ A: 2, B: 1 }, as a source's stock); pairs when a SKU is on two lines.
  const pairs = Array.isArray(lines) ? lines : Object.entries(lines);
  return {
    lines: pairs.map(([sku, quantity], i) => ({ lineId: `L${i + 1}`, productId: sku, quantity, sku })),
    destination: { country: "US", postalCode: "10001", lat: at.lat, lng: at.lng },
  };
}

/** One unit of A (line "L1", no SKU) to a destination with no coordinates: only a country and a postal code. */
export const unplacedOrder = (country: string, postalCode: string) => ({
  lines: [{ lineId: "L1", productId: "A", quantity: 1 }],
  destination: { country, postalCode },
});

/** A source's stock of a product that came in these cost layers: every unit of them is available. */
export const layered = (...costLayers: CostLayer[]): SourceStock => ({
  available: costLayers.reduce((n, l) => n + l.quantity, 0),
  costLayers,
});

/** A day as milliseconds, for cost layers. */
export const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** A cost layer. */
export const layer = (receivedAt: number, quantity: number, unitCostMinor = 1000): CostLayer => ({
  receivedAt,
  quantity,
  unitCostMinor,
});

const PRODUCTS = ["P0", "P1", "P2", "P3"];
const KINDS: SourceKind[] = ["warehouse", "3pl", "store", "dropship"];

const arbLayer = fc.record({
  receivedAt: fc.integer({ min: 0, max: 50 }),
  quantity: fc.integer({ min: 0, max: 6 }),
  unitCostMinor: fc.integer({ min: 0, max: 5000 }),
});

const arbStock = fc.record(
  {
    available: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constantFrom(Infinity, -3, 2.5, NaN)),
    costLayers: fc.array(arbLayer, { maxLength: 3 }),
  },
  { requiredKeys: ["available"] },
);

/** 0–7 sources with unique ids, colliding codes, priorities and places; stock as Map or record. */
export const arbSources: fc.Arbitrary<CandidateSource[]> = fc
  .array(
    fc.record({
      kind: fc.constantFrom(...KINDS),
      code: fc.constantFrom("A", "B", "C", "D"),
      lat: fc.integer({ min: -60, max: 70 }),
      lng: fc.integer({ min: -180, max: 180 }),
      priority: fc.integer({ min: 0, max: 2 }),
      leadTimeDays: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
      stock: fc.dictionary(fc.constantFrom(...PRODUCTS), arbStock, { maxKeys: 4 }),
      asMap: fc.boolean(),
    }),
    { maxLength: 7 },
  )
  .map((rows) =>
    rows.map(({ asMap, stock, ...s }, i) => ({
      ...s,
      sourceId: `s${i}`,
      stock: asMap ? new Map(Object.entries(stock)) : stock,
    })),
  );

/** 0–5 lines over few products (so lines share stock), with a destination of any precision. */
export const arbOrder: fc.Arbitrary<AllocationOrder> = fc.record({
  lines: fc
    .array(fc.record({ productId: fc.constantFrom(...PRODUCTS), quantity: fc.integer({ min: 0, max: 15 }) }), {
      maxLength: 5,
    })
    .map((ls) => ls.map((l, i) => ({ ...l, lineId: `L${i}`, sku: `SKU-${l.productId}` }))),
  destination: fc.oneof(
    fc.record({
      country: fc.constantFrom("US", "CA", "GB", "DE", "XX"),
      postalCode: fc.constantFrom("90210", "10001", "K1A 0B1", "SW1A 1AA", ""),
    }),
    fc.record({
      country: fc.constant("US"),
      postalCode: fc.constant("x"),
      lat: fc.integer({ min: -60, max: 70 }),
      lng: fc.integer({ min: -180, max: 180 }),
    }),
  ),
});

/**
 * Everything a plan must satisfy whatever the strategy; returns the problems found (empty = ok).
 * No oversell per source × product summed across lines; lines add up; dropship only from
 * suppliers carrying the product, and only after own stock of that product is used up;
 * backorder only after carriers are used up; summary consistent with the draws.
 */
export function planProblems(
  order: AllocationOrder,
  sources: readonly CandidateSource[],
  plan: AllocationPlan,
): string[] {
  const p: string[] = [];
  const byId = new Map(sources.map((s) => [s.sourceId, s]));
  const drawn = new Map<string, number>();
  const used = new Set<string>();
  let allocated = 0;
  let dropshipped = 0;
  let backordered = 0;
  if (plan.lines.length !== order.lines.length) p.push("line count differs");
  plan.lines.forEach((lp, l) => {
    const line = order.lines[l];
    let a = 0;
    let d = 0;
    for (const draw of lp.draws) {
      const s = byId.get(draw.sourceId);
      if (!s) p.push(`unknown source ${draw.sourceId}`);
      else if ((s.kind === "dropship") !== (draw.source === "dropship"))
        p.push(`draw kind ${draw.source} from ${s.kind}`);
      else if (draw.source === "dropship" && stockOf(s, line.productId) === undefined)
        p.push(`dropship from ${s.code}, which does not carry ${line.productId}`);
      if (!Number.isInteger(draw.quantity) || draw.quantity <= 0) p.push(`bad draw quantity ${draw.quantity}`);
      if (!draw.reason) p.push("draw without reason");
      const key = `${draw.sourceId}|${line.productId}`;
      drawn.set(key, (drawn.get(key) ?? 0) + draw.quantity);
      used.add(draw.sourceId);
      if (draw.source === "stock") a += draw.quantity;
      else d += draw.quantity;
    }
    if (lp.lineId !== line.lineId || lp.quantity !== line.quantity) p.push(`line ${l} identity differs`);
    if (lp.allocated !== a || lp.dropshipped !== d) p.push(`line ${line.lineId}: totals differ from draws`);
    if (a + d + lp.backordered !== line.quantity)
      p.push(`line ${line.lineId}: ${a}+${d}+${lp.backordered} ≠ ${line.quantity}`);
    if (lp.backordered > 0 !== (lp.backorderReason !== undefined))
      p.push(`line ${line.lineId}: backorder reason mismatch`);
    allocated += a;
    dropshipped += d;
    backordered += lp.backordered;
  });
  for (const [key, n] of drawn) {
    const [sourceId, productId] = key.split("|");
    const have = usableUnits(stockOf(byId.get(sourceId)!, productId));
    if (n > have) p.push(`oversell: ${n} of ${productId} from ${sourceId}, which has ${have}`);
  }
  for (const productId of new Set(order.lines.map((l) => l.productId))) {
    const lines = plan.lines.filter((lp) => lp.productId === productId);
    const fallback = lines.some((lp) => lp.dropshipped > 0 || lp.backordered > 0);
    const waits = lines.some((lp) => lp.backordered > 0);
    for (const s of sources) {
      const have = usableUnits(stockOf(s, productId));
      const took = drawn.get(`${s.sourceId}|${productId}`) ?? 0;
      if (s.kind !== "dropship" && fallback && took < have)
        p.push(`${productId}: fell back while ${s.code} had ${have - took} left`);
      if (s.kind === "dropship" && waits && stockOf(s, productId) && took < have)
        p.push(`${productId}: backordered while supplier ${s.code} had ${have - took}`);
    }
  }
  const sm = plan.summary;
  if (sm.shipments !== used.size || new Set(sm.sourceIds).size !== used.size)
    p.push("shipment count differs from distinct sources");
  if (sm.split !== sm.shipments > 1) p.push("split flag wrong");
  if (sm.allocated !== allocated || sm.dropshipped !== dropshipped || sm.backordered !== backordered)
    p.push("summary totals differ");
  if (plan.reasons.length === 0) p.push("no reasons");
  return p;
}
