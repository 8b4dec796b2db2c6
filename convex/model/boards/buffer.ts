/**
 * The per-transaction buffer of board changes. Triggers add signed deltas here as the mutation
 * writes; `flush` applies their net sum once, at the end of the same mutation (the builders in
 * convex/functions.ts call it on success; `runWithTriggers` does in tests and scripts). Netting
 * matters: an order created pending → ready → allocated moves one backlog count, not three, and a
 * line whose units are undecided only inside its creating transaction never touches the demand row,
 * so concurrent orders for the same product do not conflict on it.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { addNet, shardOf } from "../../lib/boards";
import { syncOpenOrder } from "./deadlines";
import { applyDemand, applyProductShipments } from "./demand";

/** Shards per board: hot boards (every order moves them) get more, so writers rarely collide. */
export const BOARD_SHARDS = { backlog: 4, placed: 4, floor: 2, metrics: 2, spend: 2, carriers: 2 } as const;
export type Board = keyof typeof BOARD_SHARDS;

/** Where a source document counts: a board's bucket, in the shard its id (`seed`) hashes to. */
export type CounterPlace = { board: Board; bucket: string; seed: string };
type CounterDelta = { board: Board; bucket: string; shard: number; values: Map<string, number> };
export type DemandDelta = {
  sku: string;
  name: string;
  unallocated: number;
  backordered: number;
  queueChanged: boolean;
};
export type ShippedDelta = { sku: string; shipped: number; returned: number; reasons: Record<string, number> };

export class BoardBuffer {
  counters = new Map<string, CounterDelta>();
  demand = new Map<Id<"products">, DemandDelta>();
  shipped = new Map<Id<"products">, ShippedDelta>();
  /** Orders whose open-order row may need a change: the latest doc seen, or undefined to read it. */
  orders = new Map<Id<"orders">, Doc<"orders"> | null | undefined>();

  /** Adds `sign` × values to a board bucket, in the shard of the source document `seed`. */
  count({ board, bucket, seed }: CounterPlace, values: Record<string, number>, sign: 1 | -1) {
    const shard = shardOf(seed, BOARD_SHARDS[board]);
    const id = `${board}\u0000${bucket}\u0000${shard}`;
    let entry = this.counters.get(id);
    if (!entry) this.counters.set(id, (entry = { board, bucket, shard, values: new Map() }));
    for (const [k, n] of Object.entries(values)) entry.values.set(k, (entry.values.get(k) ?? 0) + sign * n);
  }

  demandOf(productId: Id<"products">, sku: string, name: string): DemandDelta {
    let d = this.demand.get(productId);
    if (!d) this.demand.set(productId, (d = { sku, name, unallocated: 0, backordered: 0, queueChanged: false }));
    else if (!d.sku) Object.assign(d, { sku, name });
    return d;
  }

  shippedOf(productId: Id<"products">, sku: string): ShippedDelta {
    let d = this.shipped.get(productId);
    if (!d) this.shipped.set(productId, (d = { sku, shipped: 0, returned: 0, reasons: {} }));
    return d;
  }

  touchOrder(orderId: Id<"orders">, doc?: Doc<"orders"> | null) {
    if (doc !== undefined || !this.orders.has(orderId)) this.orders.set(orderId, doc);
  }

  /** Applies the net changes and empties the buffer (a second flush is a no-op). */
  async flush(ctx: MutationCtx) {
    const counters = [...this.counters.values()];
    const demand = [...this.demand.entries()];
    const shipped = [...this.shipped.entries()];
    const orders = [...this.orders.entries()];
    this.counters.clear();
    this.demand.clear();
    this.shipped.clear();
    this.orders.clear();
    for (const c of counters) await applyCounter(ctx, c);
    for (const [productId, d] of demand) await applyDemand(ctx, productId, d);
    for (const [productId, d] of shipped) await applyProductShipments(ctx, productId, d);
    for (const [orderId, doc] of orders)
      await syncOpenOrder(ctx, orderId, doc === undefined ? await ctx.db.get("orders", orderId) : doc);
  }
}

/** Adds a net delta to one counter document (created on first use); zero entries are dropped. */
async function applyCounter(ctx: MutationCtx, c: CounterDelta) {
  const changed = [...c.values].filter(([, n]) => n !== 0);
  if (changed.length === 0) return;
  const doc = await ctx.db
    .query("boardCounters")
    .withIndex("by_board_and_bucket_and_shard", (q) =>
      q.eq("board", c.board).eq("bucket", c.bucket).eq("shard", c.shard),
    )
    .unique();
  const values = addNet(doc?.values ?? {}, changed);
  if (doc) await ctx.db.patch("boardCounters", doc._id, { values });
  else await ctx.db.insert("boardCounters", { board: c.board, bucket: c.bucket, shard: c.shard, values });
}

/** Sums the shards of one board bucket: reads at most BOARD_SHARDS[board] documents. */
export async function readCounter(ctx: { db: QueryCtx["db"] }, board: Board, bucket: string) {
  const docs = await ctx.db
    .query("boardCounters")
    .withIndex("by_board_and_bucket_and_shard", (q) => q.eq("board", board).eq("bucket", bucket))
    .take(BOARD_SHARDS[board]);
  const sum: Record<string, number> = {};
  for (const d of docs) for (const [k, n] of Object.entries(d.values)) sum[k] = (sum[k] ?? 0) + n;
  return sum;
}
