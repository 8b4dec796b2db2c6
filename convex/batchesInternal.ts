/**
 * The internal steps of batch buying (model/batches/run.ts): the runItem action claims a run,
 * saves quotes, saves labels or a failure with one of these each. Never called from the client.
 */
import { v } from "convex/values";
import { internalMutation } from "./functions";
import {
  claimItem,
  itemBought,
  itemBuyFailed,
  itemCrashed,
  itemQuoted,
  reserveCalls,
  runLost as runLostOf,
  voidPage as voidPageOf,
} from "./model/batches/run";
import { vIncomingQuote, vProviderOutcome, vSavedLabel } from "./model/shipping/tables";

export const claim = internalMutation({
  args: { itemId: v.id("batchItems"), lease: v.number() },
  handler: (ctx, { itemId, lease }) => claimItem(ctx, itemId, lease),
});

export const quoted = internalMutation({
  args: {
    itemId: v.id("batchItems"),
    lease: v.number(),
    requestId: v.id("rateShopRequests"),
    outcomes: v.array(vProviderOutcome),
    quotes: v.array(vIncomingQuote),
  },
  handler: (ctx, args) => itemQuoted(ctx, args),
});

export const bought = internalMutation({
  args: { itemId: v.id("batchItems"), purchaseKey: v.string(), labels: v.array(vSavedLabel) },
  handler: (ctx, args) => itemBought(ctx, args),
});

export const buyFailed = internalMutation({
  args: {
    itemId: v.id("batchItems"),
    lease: v.number(),
    purchaseKey: v.string(),
    error: v.string(),
    final: v.boolean(),
  },
  handler: (ctx, args) => itemBuyFailed(ctx, args),
});

export const crashed = internalMutation({
  args: { itemId: v.id("batchItems"), lease: v.number(), error: v.string() },
  handler: (ctx, args) => itemCrashed(ctx, args),
});

export const voidPage = internalMutation({
  args: { batchId: v.id("batches"), actorId: v.id("members"), actorName: v.string() },
  handler: (ctx, { batchId, actorId, actorName }) => voidPageOf(ctx, { id: actorId, name: actorName }, batchId),
});

/** Call slots for the providers about to be called (model/batches/run.ts reserveCalls); returns when the first may start. */
export const reserve = internalMutation({
  args: { providers: v.array(v.string()), calls: v.number() },
  returns: v.object({ startAt: v.number(), lateAfterMs: v.number() }),
  handler: (ctx, { providers, calls }) => reserveCalls(ctx, providers, calls),
});

/** The watchdog of one scheduled run (model/batches/run.ts runLost). */
export const runLost = internalMutation({
  args: { itemId: v.id("batchItems"), lease: v.number() },
  handler: (ctx, { itemId, lease }) => runLostOf(ctx, itemId, lease),
});
