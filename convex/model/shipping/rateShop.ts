/**
 * Rate shopping as data: the request mutation records the intent (and schedules the action); the
 * action asks the providers; `saveRateShop` stores every quote of the request, runs the rule set
 * and records the choice with its reason, all in one transaction. Hit counts follow the rule that
 * chose each shipment's current quote.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import { internal } from "../../_generated/api";
import type { Actor } from "../../functions";
import { appError } from "../../lib/errors";
import { selectQuote } from "../../lib/shipping/rules";
import { assertLabelsBuyable } from "../../lib/shipping/labels";
import { packagesNeedingLabels, requesterOf, shipmentOrThrow, shippingContext } from "./context";
import { listRules, moveHit, toEngineRule } from "./rules";
import { requestPurchase } from "./labels";
import { assertDeclaredWeights } from "../floor/weight";
import type { IncomingQuote, ProviderOutcome } from "./tables";
import { quoteEmissions } from "../carriers/emissions";

/**
 * Records a rate shop for the packages still without a label (all packages when every one has a
 * label, as a preview; an estimate before packing) and schedules it. `autoBuy` buys the chosen
 * quote as soon as it is chosen: only for a packed (or shipped, relabelling) shipment.
 */
export async function requestRateShop(
  ctx: MutationCtx,
  actor: Actor,
  shipmentId: Id<"shipments">,
  opts: { autoBuy: boolean },
) {
  const requestId = await recordRateShop(ctx, actor, shipmentId, opts);
  await ctx.scheduler.runAfter(0, internal.shippingActions.rateShop, { requestId });
  return requestId;
}

/** The rate-shop request row (every check first) without scheduling the action: batches ask the providers themselves, under their rate limits. */
export async function recordRateShop(
  ctx: MutationCtx,
  actor: Actor,
  shipmentId: Id<"shipments">,
  opts: { autoBuy: boolean },
) {
  const s = await shipmentOrThrow(ctx, shipmentId);
  if (s.status === "cancelled") throw appError("INVALID_TRANSITION", `Shipment ${s.number} is cancelled.`);
  if (s.source === "dropship")
    throw appError("INVALID_TRANSITION", `Shipment ${s.number} ships from the supplier; there is no postage to buy.`);
  const { packages, needing } = await packagesNeedingLabels(ctx, shipmentId);
  if (opts.autoBuy) assertLabelsBuyable(s);
  if (opts.autoBuy && needing.length === 0)
    throw appError("INVALID_INPUT", `Every package of ${s.number} already has a label.`);
  if (opts.autoBuy) await assertDeclaredWeights(ctx, needing);
  const requestId = await ctx.db.insert("rateShopRequests", {
    shipmentId,
    packageIds: (needing.length ? needing : packages).map((p) => p._id),
    status: "pending",
    autoBuy: opts.autoBuy,
    requestedBy: actor.id,
    requestedByName: actor.name,
    requestedAt: Date.now(),
    outcomes: [],
  });
  return requestId;
}

/** What the action sends to the providers; null when the request is no longer pending. */
export async function rateShopInput(ctx: QueryCtx, requestId: Id<"rateShopRequests">) {
  const request = await ctx.db.get("rateShopRequests", requestId);
  if (!request || request.status !== "pending") return null;
  const c = await shippingContext(ctx, request.shipmentId, request.packageIds);
  const parcels = c.parcels.length
    ? c.parcels.map((p) => ({ ...p, packageId: p.packageId as string }))
    : [{ packageId: "estimate", ...c.estimate! }];
  return {
    reference: c.shipment.number,
    from: c.from,
    to: c.to,
    parcels,
    labelFormat: c.warehouse.labelFormat ?? "PDF",
  };
}

/** Stores every quote and every provider outcome, applies the rules, records the choice. */
export async function saveRateShop(
  ctx: MutationCtx,
  requestId: Id<"rateShopRequests">,
  outcomes: ProviderOutcome[],
  quotes: IncomingQuote[],
) {
  const request = await ctx.db.get("rateShopRequests", requestId);
  if (!request || request.status !== "pending") return null; // a duplicate save adds nothing
  const now = Date.now();
  const ids: Id<"shippingQuotes">[] = [];
  const c = await shippingContext(ctx, request.shipmentId, request.packageIds);
  // Issue 20: every quote carries its estimated CO₂e (lib/shipping/emissions.ts).
  const kept = await quoteEmissions(ctx, c, quotes.slice(0, 200));
  for (const q of kept) {
    ids.push(
      await ctx.db.insert("shippingQuotes", {
        shipmentId: request.shipmentId,
        requestId,
        ...q,
        quotedAt: now,
        selected: false,
      }),
    );
  }
  const rules = (await listRules(ctx)).map(toEngineRule);
  const sel = selectQuote(
    rules,
    kept.map((q, i) => ({ ...q, id: ids[i] })),
    c.facts,
  );
  const quoteId = sel.quoteId as Id<"shippingQuotes"> | undefined;
  const ruleId = sel.ruleId as Id<"shippingRules"> | undefined;
  if (quoteId) await ctx.db.patch("shippingQuotes", quoteId, { selected: true });
  const failed = outcomes.filter((o) => o.status !== "ok");
  await ctx.db.patch("rateShopRequests", requestId, {
    status: "done",
    finishedAt: now,
    outcomes,
    selectedQuoteId: quoteId,
    ruleId,
    ruleName: sel.ruleName,
    reason: sel.reason + (failed.length ? ` (${failed.map((o) => `${o.provider} ${o.status}`).join(", ")})` : ""),
  });
  const postage = await ctx.db
    .query("shipmentPostage")
    .withIndex("by_shipmentId", (q) => q.eq("shipmentId", request.shipmentId))
    .unique();
  await moveHit(ctx, postage?.selectedQuoteId ? postage.ruleId : undefined, quoteId ? ruleId : undefined);
  const patch = { lastRequestId: requestId, selectedQuoteId: quoteId, ruleId: quoteId ? ruleId : undefined };
  if (postage) await ctx.db.patch("shipmentPostage", postage._id, patch);
  else
    await ctx.db.insert("shipmentPostage", {
      shipmentId: request.shipmentId,
      ...patch,
      costMinor: 0,
      currency: c.order.currency,
      labels: 0,
    });
  if (request.autoBuy && quoteId) {
    // requestPurchase validates before it writes, so a refusal leaves the saved quotes intact.
    try {
      await requestPurchase(ctx, requesterOf(request), request.shipmentId, quoteId);
    } catch (e) {
      const message = (e as { data?: { message?: string } }).data?.message ?? String(e);
      await ctx.db.patch("rateShopRequests", requestId, { error: `Not bought: ${message}` });
    }
  }
  return { quoteId, reason: sel.reason };
}

/** The action could not run at all (not a provider failure: those are outcomes). */
export async function failRateShop(ctx: MutationCtx, requestId: Id<"rateShopRequests">, error: string) {
  const request = await ctx.db.get("rateShopRequests", requestId);
  if (!request || request.status !== "pending") return;
  await ctx.db.patch("rateShopRequests", requestId, { status: "failed", finishedAt: Date.now(), error });
}
