/** Batch test helpers (not a Convex module: two dots). */
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { setupTest } from "./setup.testing";

type Backend = Awaited<ReturnType<typeof setupTest>>;

/** Waits (real time: pacing and backoffs are real delays) until the batch has nothing queued or in flight. */
export async function waitForBatch(b: Backend, batchId: Id<"batches">, ms = 20_000) {
  const until = Date.now() + ms;
  for (;;) {
    const batch = (await b.supervisor.query(api.batches.get, { batchId }))!;
    if (batch.counts.queued + batch.counts.working === 0 && batch.status !== "voiding") return batch;
    if (Date.now() > until) throw new Error(`batch still busy: ${JSON.stringify(batch.counts)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const itemsOf = async (b: Backend, batchId: Id<"batches">) =>
  (await b.supervisor.query(api.batches.items, { batchId, paginationOpts: { numItems: 100, cursor: null } })).page;
