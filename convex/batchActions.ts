"use node";
/**
 * The batch worker: one scheduled run of one batch item (model/batches/run.ts). It claims its
 * lease (a duplicated run stops there), asks the providers for rates, saves them through the
 * normal rate-shop save, then makes the purchase attempt the claim or the save began, and saves
 * the labels or the classified failure. Scheduling, pacing and retries live in the mutations.
 */
import { v } from "convex/values";
import { internalAction, type ActionCtx } from "./_generated/server";
import { internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { configuredProviders, providerTimeoutMs } from "./integrations/carriers/registry";
import { describeFailure, quoteLog, shopRates } from "./integrations/carriers/rateShop";
import { buyAndStore } from "./integrations/carriers/buy";
import { CarrierError, FINAL_KINDS } from "./integrations/carriers/types";
import type { ItemStep } from "./model/batches/run";

type BuyStep = Extract<ItemStep, { kind: "buy" }>;

/**
 * Waits for the call slot the step holds (reserved by the mutation that began the step; the
 * providers' documented rates: model/batches/limits.ts). A slot missed by more than half a slot
 * (the runtime was busy) is given up for a new one, so calls never bunch up; after a few misses
 * the call goes anyway (a 429 is retried).
 */
async function paced(
  ctx: ActionCtx,
  providers: string[],
  calls: number,
  first: { startAt: number; lateAfterMs: number },
) {
  let slot = first;
  for (let i = 0; i < 5; i++) {
    const wait = slot.startAt - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (Date.now() - slot.startAt <= slot.lateAfterMs) return;
    slot = await ctx.runMutation(internal.batchesInternal.reserve, { providers, calls });
  }
}

async function buy(ctx: ActionCtx, itemId: Id<"batchItems">, lease: number, step: BuyStep) {
  const { job, purchaseKey } = step;
  try {
    await paced(ctx, [job.provider], step.calls, step.slot);
    const labels = await buyAndStore(ctx.storage, job);
    await ctx.runMutation(internal.batchesInternal.bought, { itemId, purchaseKey, labels });
  } catch (e) {
    const final = e instanceof CarrierError && FINAL_KINDS.has(e.kind);
    await ctx.runMutation(internal.batchesInternal.buyFailed, {
      itemId,
      lease,
      purchaseKey,
      error: describeFailure(e),
      final,
    });
  }
}

export const runItem = internalAction({
  args: { itemId: v.id("batchItems"), lease: v.number() },
  returns: v.null(),
  handler: async (ctx, { itemId, lease }): Promise<null> => {
    try {
      let step: ItemStep | null = await ctx.runMutation(internal.batchesInternal.claim, { itemId, lease });
      if (step?.kind === "quote") {
        const providers = configuredProviders();
        await paced(ctx, step.providers, 1, step.slot);
        const outcomes = await shopRates(providers, step.input, { timeoutMs: providerTimeoutMs() });
        step = await ctx.runMutation(internal.batchesInternal.quoted, {
          itemId,
          lease,
          requestId: step.requestId,
          ...quoteLog(outcomes),
        });
      }
      if (step?.kind === "buy") await buy(ctx, itemId, lease, step);
    } catch (e) {
      console.warn(`batch item ${itemId} run ${lease} broke: ${describeFailure(e)}`);
      await ctx.runMutation(internal.batchesInternal.crashed, { itemId, lease, error: describeFailure(e) });
    }
    return null;
  },
});
