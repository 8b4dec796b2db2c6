/**
 * Buying a batch as background work. "Buy" queues the batch's ready items; the pump starts
 * queued items (oldest first, across all batches) while fewer than the configured providers'
 * concurrency limit are in flight, and every provider call first takes a slot that keeps the
 * provider's documented rate (limits.ts, `reserveCalls`). Each start schedules `batchActions.runItem` with a new lease; the
 * action claims the lease (a duplicated run of the same lease finds it claimed and stops), asks the
 * providers, saves the quotes through the normal rate-shop save (quote log, shipping rules), and
 * buys through the normal purchase rows (model/shipping/labels.ts: per-package idempotency keys,
 * attempt counting, a retry asks the vendor for a purchase it already made). A step that fails for
 * a reason a retry fixes (429, 5xx, timeout) waits with a backoff; one a person must fix fails the
 * item with the reason in words. One item's failure never touches the others.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { internal } from "../../_generated/api";
import type { Actor } from "../../functions";
import { appError, isAppErrorData } from "../../lib/errors";
import { recordRateShop, rateShopInput, saveRateShop } from "../shipping/rateShop";
import { beginPurchaseAttempt, failPurchase, recordPurchase, savePurchase, requestVoid } from "../shipping/labels";
import type { IncomingQuote, ProviderOutcome, SavedLabel } from "../shipping/tables";
import { moveItem } from "./items";
import { IN_FLIGHT, VOIDED_BATCH_STATUSES } from "./tables";
import {
  batchRetryDelayMs,
  callSpacingMs,
  configuredProviderNames,
  kindInMessage,
  limitOf,
  MAX_STEP_ATTEMPTS,
  PROVIDER_LIMITS,
  RETRYABLE_KINDS,
  type ProviderName,
} from "./limits";
import { rowBy, rowOrThrow, rowsBy } from "../rows";
import { labelsOfPurchase } from "../shipping/context";

const batchActor = (b: Doc<"batches">): Actor => ({ id: b.createdBy, name: b.createdByName });
const messageOf = (e: unknown) =>
  e instanceof Error && isAppErrorData((e as { data?: unknown }).data)
    ? (e as unknown as { data: { message: string } }).data.message
    : e instanceof Error
      ? e.message
      : String(e);

/** The batch, refused (INVALID_TRANSITION) once it is being voided or voided: nothing more is bought. */
async function unvoidedBatchOrThrow(ctx: MutationCtx, batchId: Id<"batches">) {
  const batch = await rowOrThrow(ctx, "batches", batchId, "batch");
  if (VOIDED_BATCH_STATUSES.includes(batch.status))
    throw appError("INVALID_TRANSITION", `Batch ${batch.number} is voided.`);
  return batch;
}

/** "Buy": queues every ready item of the batch and starts what the limits allow. */
export async function startBatch(ctx: MutationCtx, batchId: Id<"batches">) {
  const batch = await unvoidedBatchOrThrow(ctx, batchId);
  const ready = await ctx.db
    .query("batchItems")
    .withIndex("by_batchId_and_status", (q) => q.eq("batchId", batchId).eq("status", "ready"))
    .take(1000);
  if (ready.length === 0) throw appError("INVALID_INPUT", `Batch ${batch.number} has nothing waiting to be bought.`);
  const now = Date.now();
  for (const item of ready)
    await ctx.db.patch("batchItems", item._id, { status: "queued", queuedAt: now, updatedAt: now });
  const counts = {
    ...batch.counts,
    ready: batch.counts.ready - ready.length,
    queued: batch.counts.queued + ready.length,
  };
  await ctx.db.patch("batches", batchId, {
    counts,
    status: "running",
    startedAt: batch.startedAt ?? now,
    finishedAt: undefined,
  });
  await pump(ctx);
  return ready.length;
}

/**
 * Reserves `calls` consecutive call slots of each named provider (all of them: a rate shop asks
 * every configured provider at once) and returns when the first may start; the action waits until
 * then. Unknown names (a provider no longer configured) take no slot.
 */
export async function reserveCalls(ctx: MutationCtx, providers: readonly string[], calls: number) {
  const now = Date.now();
  const known = [...new Set(providers)].filter((p): p is ProviderName => p in PROVIDER_LIMITS);
  const rows = await Promise.all(
    known.map(async (p) => ({
      p,
      row: await rowBy(ctx, "carrierPacing", "by_provider", p),
    })),
  );
  const startAt = Math.max(now, ...rows.map((r) => r.row?.nextAt ?? 0));
  for (const { p, row } of rows) {
    const nextAt = startAt + callSpacingMs(p) * Math.max(1, calls);
    if (row) await ctx.db.patch("carrierPacing", row._id, { nextAt });
    else await ctx.db.insert("carrierPacing", { provider: p, nextAt });
  }
  // A call that starts later than half a slot after its time has lost it (it could crowd the next): it takes a new one.
  const lateAfterMs = Math.floor(Math.min(...known.map(callSpacingMs), 1000) / 2);
  return { startAt, lateAfterMs };
}

/** An action runs at most 10 minutes; a run not heard of a minute after that was lost (a crashed runtime). */
export const RUN_LOST_AFTER_MS = 11 * 60_000;

async function schedule(
  ctx: MutationCtx,
  item: Doc<"batchItems">,
  { to, delayMs, patch }: { to: "quoting" | "retrying"; delayMs: number; patch: Partial<Doc<"batchItems">> },
) {
  const lease = item.lease + 1;
  await moveItem(ctx, item, to, { ...patch, lease, retryAt: to === "retrying" ? Date.now() + delayMs : undefined });
  await ctx.scheduler.runAfter(delayMs, internal.batchActions.runItem, { itemId: item._id, lease });
  // The watchdog: a run that never reports back must not hold its carrier slot for ever.
  await ctx.scheduler.runAfter(delayMs + RUN_LOST_AFTER_MS, internal.batchesInternal.runLost, {
    itemId: item._id,
    lease,
  });
}

/** The watchdog of one run: still in flight on that lease, so the run was lost; counted as a try (a purchase's idempotency makes the retry safe). */
export async function runLost(ctx: MutationCtx, itemId: Id<"batchItems">, lease: number) {
  const item = await ctx.db.get("batchItems", itemId);
  if (!item || item.lease !== lease || !IN_FLIGHT.includes(item.status)) return;
  await retryOrFail(ctx, item, "The run was lost (no answer within the action time limit).", {
    retryable: true,
    attempt: Math.max(1, item.quoteAttempts),
  });
}

/** Starts queued items (oldest first, any batch) while the in-flight count is under the limit. */
export async function pump(ctx: MutationCtx) {
  const { concurrent } = limitOf(configuredProviderNames());
  let inFlight = 0;
  for (const status of IN_FLIGHT) {
    inFlight += (await rowsBy(ctx, "batchItems", "by_status_and_queuedAt", status, { limit: concurrent })).length;
  }
  const free = concurrent - inFlight;
  if (free <= 0) return 0;
  const next = await rowsBy(ctx, "batchItems", "by_status_and_queuedAt", "queued", { limit: free });
  for (const item of next)
    await schedule(ctx, item, { to: "quoting", delayMs: 0, patch: { quoteAttempts: 0, reason: undefined } });
  return next.length;
}

/** A step failed: wait and try again when a retry can fix it and attempts remain; otherwise the item fails with the reason. */
async function retryOrFail(
  ctx: MutationCtx,
  item: Doc<"batchItems">,
  reason: string,
  opts: { retryable: boolean; attempt: number },
) {
  if (opts.retryable && opts.attempt < MAX_STEP_ATTEMPTS) {
    await schedule(ctx, item, {
      to: "retrying",
      delayMs: batchRetryDelayMs(opts.attempt),
      patch: {
        reason: `Try ${opts.attempt} of ${MAX_STEP_ATTEMPTS} failed, trying again: ${reason}`,
      },
    });
    return;
  }
  const prefix = opts.retryable ? `Gave up after ${opts.attempt} tries: ` : "";
  if (item.purchaseKey)
    await failPurchase(ctx, item.purchaseKey, reason, { final: true, retryInMs: 0, schedule: false });
  await moveItem(ctx, item, "failed", { reason: prefix + reason, purchaseKey: undefined, retryAt: undefined });
  await pump(ctx);
}

type BuyJob = NonNullable<Awaited<ReturnType<typeof beginPurchaseAttempt>>>;
type Slot = Awaited<ReturnType<typeof reserveCalls>>;
/** What a run does next, with the call slot it already holds (reserved in the same mutation: one round trip less per call). */
export type ItemStep =
  | {
      kind: "quote";
      requestId: Id<"rateShopRequests">;
      input: NonNullable<Awaited<ReturnType<typeof rateShopInput>>>;
      providers: string[];
      slot: Slot;
    }
  | { kind: "buy"; purchaseKey: string; job: BuyJob; calls: number; slot: Slot };

/** Starts a purchase attempt of the item's purchase; null after moving the item on when there is nothing left to buy. */
async function buyStep(ctx: MutationCtx, item: Doc<"batchItems">, purchaseKey: string): Promise<ItemStep | null> {
  const job = await beginPurchaseAttempt(ctx, purchaseKey);
  if (job) {
    await moveItem(ctx, item, "buying", { purchaseKey });
    // A retried purchase first asks the vendor whether the last try went through: two calls.
    const calls = job.request.attempt > 1 ? 2 : 1;
    return { kind: "buy", purchaseKey, job, calls, slot: await reserveCalls(ctx, [job.provider], calls) };
  }
  const labels = await labelsOfPurchase(ctx, purchaseKey);
  if (labels.length > 0 && labels.every((l) => l.status !== "failed" && l.status !== "purchasing")) {
    await moveItem(ctx, item, "bought", {
      trackingNumber: labels[0].trackingNumber,
      reason: undefined,
      retryAt: undefined,
    });
  } else {
    await moveItem(ctx, item, "failed", {
      reason: labels[0]?.error ?? "The purchase was given up.",
      purchaseKey: undefined,
      retryAt: undefined,
    });
  }
  await pump(ctx);
  return null;
}

/**
 * Claims one scheduled run of an item (its lease, once) and says what to do: quote (a new rate
 * shop, recorded now) or buy (the next attempt of its purchase). Null: a stale or duplicated run.
 */
export async function claimItem(ctx: MutationCtx, itemId: Id<"batchItems">, lease: number): Promise<ItemStep | null> {
  const item = await ctx.db.get("batchItems", itemId);
  if (!item || item.lease !== lease || item.claimed >= lease || !IN_FLIGHT.includes(item.status)) return null;
  await ctx.db.patch("batchItems", itemId, { claimed: lease });
  const claimed = { ...item, claimed: lease };
  if (item.purchaseKey) return buyStep(ctx, claimed, item.purchaseKey);
  const batch = (await ctx.db.get("batches", item.batchId))!;
  try {
    const requestId = await recordRateShop(ctx, batchActor(batch), item.shipmentId, { autoBuy: false });
    const input = (await rateShopInput(ctx, requestId))!;
    await moveItem(ctx, claimed, "quoting", { requestId, quoteAttempts: item.quoteAttempts + 1, retryAt: undefined });
    const providers = configuredProviderNames();
    return { kind: "quote", requestId, input, providers, slot: await reserveCalls(ctx, providers, 1) };
  } catch (e) {
    await retryOrFail(ctx, claimed, messageOf(e), { retryable: false, attempt: 1 });
    return null;
  }
}

/**
 * The quotes of an item's rate shop: saved through the normal save (every quote logged, the rules
 * choose); the choice is recorded as a purchase and its first attempt begins at once.
 */
export async function itemQuoted(
  ctx: MutationCtx,
  args: {
    itemId: Id<"batchItems">;
    lease: number;
    requestId: Id<"rateShopRequests">;
    outcomes: ProviderOutcome[];
    quotes: IncomingQuote[];
  },
): Promise<ItemStep | null> {
  const saved = await saveRateShop(ctx, args.requestId, args.outcomes, args.quotes);
  const item = await ctx.db.get("batchItems", args.itemId);
  if (!item || item.lease !== args.lease || item.status !== "quoting") return null;
  const errors = args.outcomes.filter((o) => o.status !== "ok");
  if (!saved?.quoteId) {
    const retryable = errors.some((o) => o.status === "timeout" || RETRYABLE_KINDS.has(kindInMessage(o.error) ?? ""));
    const why = errors.length
      ? errors.map((o) => o.error ?? `${o.provider} ${o.status}`).join("; ")
      : `No rate fits the shipping rules: ${saved?.reason ?? "no quotes"}`;
    await retryOrFail(ctx, item, why, { retryable, attempt: item.quoteAttempts });
    return null;
  }
  const quote = (await ctx.db.get("shippingQuotes", saved.quoteId))!;
  const batch = (await ctx.db.get("batches", item.batchId))!;
  let purchaseKey: string;
  try {
    purchaseKey = await recordPurchase(ctx, batchActor(batch), item.shipmentId, saved.quoteId);
  } catch (e) {
    await retryOrFail(ctx, item, messageOf(e), { retryable: false, attempt: 1 });
    return null;
  }
  const patched = await moveItem(ctx, item, "quoting", {
    carrier: quote.carrier,
    service: quote.service,
    currency: quote.currency,
    purchaseKey,
  });
  return buyStep(ctx, patched, purchaseKey);
}

/** The provider's labels: saved (idempotent; the last label ships the shipment), the item bought. */
export async function itemBought(
  ctx: MutationCtx,
  args: { itemId: Id<"batchItems">; purchaseKey: string; labels: SavedLabel[] },
) {
  await savePurchase(ctx, args.purchaseKey, args.labels);
  const item = await ctx.db.get("batchItems", args.itemId);
  if (!item || item.purchaseKey !== args.purchaseKey || item.status === "bought") return;
  const costMinor = args.labels.reduce((s, l) => s + l.costMinor, 0);
  await moveItem(ctx, item, "bought", {
    trackingNumber: args.labels[0]?.masterTrackingNumber ?? args.labels[0]?.trackingNumber,
    costMinor,
    currency: args.labels[0]?.currency,
    reason: undefined,
    retryAt: undefined,
  });
  await pump(ctx);
}

/** A purchase attempt failed: the labels keep the error; the item waits for its next try or fails. */
export async function itemBuyFailed(
  ctx: MutationCtx,
  args: { itemId: Id<"batchItems">; lease: number; purchaseKey: string; error: string; final: boolean },
) {
  const item = await ctx.db.get("batchItems", args.itemId);
  const labels = await labelsOfPurchase(ctx, args.purchaseKey);
  const attempt = labels[0]?.attempts ?? 1;
  if (!item || item.lease !== args.lease || item.purchaseKey !== args.purchaseKey) {
    await failPurchase(ctx, args.purchaseKey, args.error, { final: true, retryInMs: 0, schedule: false });
    return;
  }
  await failPurchase(ctx, args.purchaseKey, `Attempt ${attempt}: ${args.error}`, {
    final: false,
    retryInMs: 0,
    schedule: false,
  });
  await retryOrFail(ctx, item, args.error, { retryable: !args.final, attempt });
}

/** The action itself broke (not a carrier answer): counted as a try that a retry may fix. */
export async function itemCrashed(ctx: MutationCtx, args: { itemId: Id<"batchItems">; lease: number; error: string }) {
  const item = await ctx.db.get("batchItems", args.itemId);
  if (!item || item.lease !== args.lease || !IN_FLIGHT.includes(item.status)) return;
  await retryOrFail(ctx, item, args.error, { retryable: true, attempt: item.quoteAttempts || 1 });
}

/** "Retry failed": failed items (fixed meanwhile, e.g. a new address or weight) are queued again, with a fresh rate shop. */
export async function retryFailed(ctx: MutationCtx, batchId: Id<"batches">, itemIds?: Id<"batchItems">[]) {
  const batch = await unvoidedBatchOrThrow(ctx, batchId);
  const failed = itemIds
    ? (await Promise.all([...new Set(itemIds)].map((id) => ctx.db.get("batchItems", id)))).filter(
        (i): i is Doc<"batchItems"> => !!i && i.batchId === batchId && i.status === "failed",
      )
    : await ctx.db
        .query("batchItems")
        .withIndex("by_batchId_and_status", (q) => q.eq("batchId", batchId).eq("status", "failed"))
        .take(1000);
  if (failed.length === 0) throw appError("INVALID_INPUT", `Batch ${batch.number} has no failed shipment to retry.`);
  const now = Date.now();
  for (const item of failed) {
    await moveItem(ctx, item, "queued", {
      queuedAt: now,
      quoteAttempts: 0,
      purchaseKey: undefined,
      requestId: undefined,
      reason: undefined,
      retryAt: undefined,
    });
  }
  if (!batch.startedAt) await ctx.db.patch("batches", batchId, { startedAt: now });
  await pump(ctx);
  return failed.length;
}

/** Items one void page handles. */
export const VOID_PAGE = 50;

/**
 * Void: refused while labels are being bought; otherwise unbought items leave the batch and the
 * bought ones' labels are voided through the normal void path, a page per scheduled mutation.
 */
export async function voidBatch(ctx: MutationCtx, actor: Actor, batchId: Id<"batches">) {
  const batch = await rowOrThrow(ctx, "batches", batchId, "batch");
  if (VOIDED_BATCH_STATUSES.includes(batch.status))
    throw appError("INVALID_TRANSITION", `Batch ${batch.number} is already ${batch.status}.`);
  if (batch.counts.working + batch.counts.queued > 0) {
    const n = batch.counts.working + batch.counts.queued;
    throw appError(
      "INVALID_TRANSITION",
      `${n} ${n === 1 ? "shipment" : "shipments"} of ${batch.number} ${n === 1 ? "is" : "are"} being bought right now; void the batch when they are done.`,
    );
  }
  await ctx.db.patch("batches", batchId, { status: "voiding" });
  await ctx.scheduler.runAfter(0, internal.batchesInternal.voidPage, {
    batchId,
    actorId: actor.id,
    actorName: actor.name,
  });
}

/** One page of a void; schedules the next until nothing is left, then the batch is voided. */
export async function voidPage(ctx: MutationCtx, actor: Actor, batchId: Id<"batches">) {
  let left = VOID_PAGE;
  for (const status of ["ready", "failed", "bought"] as const) {
    const items = await ctx.db
      .query("batchItems")
      .withIndex("by_batchId_and_status", (q) => q.eq("batchId", batchId).eq("status", status))
      .take(left);
    for (const item of items) {
      if (status === "bought") {
        await voidItemLabels(ctx, actor, item);
        await moveItem(ctx, item, "voided");
      } else {
        if (item.purchaseKey)
          await failPurchase(ctx, item.purchaseKey, "Batch voided", { final: true, retryInMs: 0, schedule: false });
        await moveItem(ctx, item, "removed", { reason: "Left the batch when it was voided." });
      }
    }
    left -= items.length;
    if (left === 0) {
      await ctx.scheduler.runAfter(0, internal.batchesInternal.voidPage, {
        batchId,
        actorId: actor.id,
        actorName: actor.name,
      });
      return;
    }
  }
  await ctx.db.patch("batches", batchId, { status: "voided", finishedAt: Date.now() });
}

async function voidItemLabels(ctx: MutationCtx, actor: Actor, item: Doc<"batchItems">) {
  if (!item.purchaseKey) return;
  const labels = await labelsOfPurchase(ctx, item.purchaseKey!);
  for (const l of labels) if (l.status === "purchased") await requestVoid(ctx, actor, l._id);
}
