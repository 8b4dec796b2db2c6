"use node";
/**
 * The return-label purchase: the only returns code that talks to carrier providers. Reads its
 * input with one internal query, asks every configured provider (the table rates offline) under
 * a time limit, buys the cheapest rate, keeps a PDF made here in storage, and saves with one
 * internal mutation. A failure is saved on the RMA, not retried.
 */
import { v } from "convex/values";
import { internalAction } from "./_generated/server";
import { internal } from "./_generated/api";
import { configuredProviders, providerOrThrow, providerTimeoutMs } from "./integrations/carriers/registry";
import { describeFailure, shopRates } from "./integrations/carriers/rateShop";

export const buy = internalAction({
  args: { rmaId: v.id("rmas") },
  handler: async (ctx, { rmaId }) => {
    const req = await ctx.runQuery(internal.returns.labelRequest, { rmaId });
    if (!req) return null;
    try {
      const outcomes = await shopRates(
        configuredProviders(),
        { reference: req.number, from: req.from, to: req.to, parcels: [req.parcel] },
        { timeoutMs: providerTimeoutMs() },
      );
      const rates = outcomes.flatMap((o) => o.rates.map((r) => ({ ...r, provider: o.provider })));
      const best = rates
        .filter((r) => r.currency === "USD" || rates.every((x) => x.currency !== "USD"))
        .sort((a, b) => a.amountMinor - b.amountMinor)[0];
      if (!best) {
        const why = outcomes.map((o) => `${o.provider}: ${o.error ?? o.status}`).join("; ");
        await ctx.runMutation(internal.returns.saveLabel, {
          rmaId,
          outcome: { status: "failed", message: `No carrier quoted this return (${why}).` },
        });
        return null;
      }
      const provider = providerOrThrow(best.provider);
      const [label] = await provider.buyLabels({
        reference: req.number,
        from: req.from,
        to: req.to,
        ref: best.ref,
        carrier: best.carrier,
        service: best.service,
        amountMinor: best.amountMinor,
        currency: best.currency,
        purchaseKey: `return-${req.number}`,
        parcels: [{ ...req.parcel, idempotencyKey: `return-${req.number}-1` }],
        attempt: 1,
      });
      const storageId = label.labelPdf
        ? await ctx.storage.store(new Blob([label.labelPdf as BlobPart], { type: "application/pdf" }))
        : undefined;
      await ctx.runMutation(internal.returns.saveLabel, {
        rmaId,
        outcome: {
          status: "bought",
          provider: best.provider,
          carrier: best.carrier,
          service: best.service,
          trackingNumber: label.trackingNumber,
          costMinor: label.costMinor,
          currency: label.currency,
          storageId,
          labelUrl: label.labelUrl,
        },
      });
    } catch (e) {
      await ctx.runMutation(internal.returns.saveLabel, {
        rmaId,
        outcome: { status: "failed", message: describeFailure(e) },
      });
    }
    return null;
  },
});
