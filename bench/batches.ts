/**
 * Batch figures through the offline runtime (the real Convex functions, the real scheduler, the
 * real Convex HTTP client), 100 single-package packed shipments made through the real order path
 * (createManual allocates; packed as the pack station leaves them):
 *  - batch_100_labels_ms: from "Buy" until all 100 are bought, offline table-rate carrier
 *    (target ≤ 10,000).
 *  - batch_100_labels_easypost_ms: the same against the EasyPost-shaped server on 127.0.0.1
 *    enforcing EasyPost's documented 5 requests/second (429 beyond it), through EasyPost's SDK;
 *    `batch_100_labels_easypost_429s` counts the 429s the server sent (the batch paces its calls).
 *  - batch_merged_pdf_ms / batch_merged_pdf_kb: documents.batchPdf for the offline batch, 100 labels
 *    + 100 packing slips in one PDF (`batch_merged_pdf_pages` = 200).
 * Runnable alone: `node --import tsx bench/batches.ts`.
 */
import { pathToFileURL } from "node:url";
import { ConvexHttpClient } from "convex/browser";
import { api } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import type { MutationCtx } from "../convex/_generated/server";
import { startRuntime } from "../dev/runtime";
import { demoToken, identityForRole } from "../src/auth/demo";
import { easyPostFake } from "../convex/integrations/carriers/fakeEasyPost.testing";
import { createProduct } from "../convex/model/catalog/products";
import { receiveStock } from "../convex/model/inventory/operations";
import { runWithTriggers } from "../convex/model/boards/triggers";
import { contentsGrams } from "../convex/model/floor/weight";
import { gtinCheckDigit } from "../convex/lib/barcode";

const N = 100;

export const targets = {
  batch_100_labels_ms: { max: 10_000 },
};

type Runtime = Awaited<ReturnType<typeof startRuntime>>;

/** 100 one-unit orders of a product stocked for them, allocated, then packed into one box each. */
async function packedShipments(runtime: Runtime, client: ConvexHttpClient): Promise<Id<"shipments">[]> {
  const backend = runtime.engine.backend;
  const productId = await backend.within(() =>
    backend.t.run((raw) =>
      runWithTriggers(raw as unknown as MutationCtx, async (ctx) => {
        const warehouse = (await ctx.db.query("warehouses").take(50)).find((w) => w.kind === "warehouse" && w.active)!;
        const body = String(100000000000 + Math.floor(Math.random() * 1e9)).slice(1, 12);
        const id = await createProduct(ctx, undefined, {
          sku: `BENCH-${body.slice(-6)}`,
          name: "Bench mug",
          barcodes: [body + gtinCheckDigit(body)],
          weightGrams: 400,
          lengthMm: 120,
          widthMm: 100,
          heightMm: 100,
          priceMinor: 1500,
          costMinor: 500,
          currency: "USD",
        });
        await receiveStock(ctx, undefined, {
          productId: id,
          warehouseId: warehouse._id,
          quantity: N * 2,
          unitCostMinor: 500,
        });
        return id;
      }),
    ),
  );
  const orderIds: Id<"orders">[] = [];
  for (let i = 0; i < N; i++) {
    const { orderId } = await client.mutation(api.orders.createManual, {
      order: {
        kind: "phone",
        customer: { name: `Bench ${i}`, email: `bench${i}@example.com` },
        currency: "USD",
        shipTo: {
          name: `Bench ${i}`,
          line1: `${100 + i} Market St`,
          city: "San Francisco",
          region: "CA",
          postalCode: "94105",
          country: "US",
        },
        lines: [{ productId, quantity: 1, unitPriceMinor: 1500 }],
      },
    });
    orderIds.push(orderId);
  }
  return backend.within(() =>
    backend.t.run(async (raw) => {
      const ctx = raw as unknown as MutationCtx;
      const ids: Id<"shipments">[] = [];
      for (const orderId of orderIds) {
        const s = (await ctx.db
          .query("shipments")
          .withIndex("by_orderId", (q) => q.eq("orderId", orderId))
          .first())!;
        await ctx.db.patch("shipments", s._id, {
          status: "packed",
          lines: s.lines.map((l) => ({ ...l, picked: l.quantity, packed: l.quantity })),
        });
        const items = s.lines.map((l) => ({ productId: l.productId, sku: l.sku, quantity: l.quantity }));
        await ctx.db.insert("packages", {
          shipmentId: s._id,
          index: 1,
          weightGrams: (await contentsGrams(ctx, items)) + 150,
          lengthMm: 200,
          widthMm: 150,
          heightMm: 120,
          items,
        });
        ids.push(s._id);
      }
      return ids;
    }),
  );
}

/** Makes the batch (in pages of 100), presses Buy and waits until nothing is in flight; returns ms from Buy. */
async function buyBatch(client: ConvexHttpClient, shipmentIds: Id<"shipments">[]) {
  const { batchId, added, refused } = await client.mutation(api.batches.create, { shipmentIds });
  if (added !== N) throw new Error(`batch took ${added} of ${N}: ${JSON.stringify(refused.slice(0, 3))}`);
  const t0 = performance.now();
  await client.mutation(api.batches.buy, { batchId });
  for (;;) {
    const b = (await client.query(api.batches.get, { batchId }))!;
    if (b.counts.queued + b.counts.working === 0) {
      if (b.counts.bought !== N) throw new Error(`batch finished with ${JSON.stringify(b.counts)}`);
      return { batchId, ms: performance.now() - t0 };
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function withRuntime<T>(
  env: Record<string, string>,
  work: (runtime: Runtime, client: ConvexHttpClient) => Promise<T>,
): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, env, { OFFLINE_QUIET: "1" });
  const runtime = await startRuntime({ port: 0, httpActionsPort: null, seed: "small", crons: false });
  try {
    const client = new ConvexHttpClient(runtime.url);
    client.setAuth(demoToken(identityForRole("supervisor")!));
    return await work(runtime, client);
  } finally {
    await runtime.stop();
    process.env = saved;
  }
}

export async function benchBatches(): Promise<Record<string, number>> {
  const offline = await withRuntime({}, async (runtime, client) => {
    const ids = await packedShipments(runtime, client);
    const { batchId, ms } = await buyBatch(client, ids);
    const t0 = performance.now();
    const pdf = await client.action(api.documents.batchPdf, { batchId });
    const pdfMs = performance.now() - t0;
    if (pdf.pages !== 2 * N) throw new Error(`merged PDF has ${pdf.pages} pages`);
    return { ms, pdfMs, kb: pdf.bytes / 1024, pages: pdf.pages };
  });

  const ep = easyPostFake("EZTK_bench");
  await ep.vendor.start();
  ep.vendor.rateLimit = {
    perSecond: 5,
    body: { error: { code: "RATE_LIMITED", message: "You have exceeded the rate limit.", errors: [] } },
  };
  let easypost: { ms: number; limited: number };
  try {
    easypost = await withRuntime(
      { EASYPOST_API_KEY: "EZTK_bench", EASYPOST_BASE_URL: ep.baseUrl(), SHIPPING_RETRY_BASE_MS: "1000" },
      async (runtime, client) => {
        const ids = await packedShipments(runtime, client);
        const before = ep.vendor.limited;
        const { ms } = await buyBatch(client, ids);
        return { ms, limited: ep.vendor.limited - before };
      },
    );
  } finally {
    await ep.vendor.stop();
  }
  return {
    batch_100_labels_ms: Math.round(offline.ms),
    batch_100_labels_easypost_ms: Math.round(easypost.ms),
    batch_100_labels_easypost_429s: easypost.limited,
    batch_merged_pdf_ms: Math.round(offline.pdfMs),
    batch_merged_pdf_kb: Math.round(offline.kb),
    batch_merged_pdf_pages: offline.pages,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(await benchBatches());
}
