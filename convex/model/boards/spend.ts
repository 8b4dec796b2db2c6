/**
 * Carrier spend on the boards: postage per day × carrier × service × currency and the savings
 * against the most expensive quote of the same rate shop. The shipping model keeps postage per day
 * in `carrierSpend` (net of voids, on the day of the void); a trigger on it copies each row's change
 * into week buckets of the "spend" counters, so the board reads a few documents for several weeks.
 * Savings come from the label rows: a purchase saved (highest quote − chosen quote) of its rate
 * shop, counted on the purchase's first label while that label stands (a void takes it back).
 */
import type { QueryCtx } from "../../_generated/server";
import type { Doc } from "../../_generated/dataModel";
import { boardWeeks, counterKey } from "../../lib/boards";
import { dayKey, roundNow, weekOf } from "../../lib/clock";
import { readCounter, type BoardBuffer } from "./buffer";
import { STANDING_LABEL_STATUSES } from "../../lib/statusSets";
import { labelsOfPurchase, quotesOfRequest } from "../shipping/context";

type Sign = 1 | -1;

/** A carrierSpend row's share: amount and label count under its day, carrier, service, currency. */
export function countSpendRow(b: BoardBuffer, r: Doc<"carrierSpend">, sign: Sign) {
  b.count(
    { board: "spend", bucket: weekOf(r.day), seed: r._id },
    {
      [counterKey("amt", r.day, r.carrier, r.service, r.currency)]: r.amountMinor,
      [counterKey("lbl", r.day, r.carrier, r.service, r.currency)]: r.labels - r.voids,
    },
    sign,
  );
}

/** Savings of the label's purchase, when it is the purchase's first label and still stands. */
export async function countLabelSavings(ctx: QueryCtx, b: BoardBuffer, l: Doc<"shippingLabels">, sign: Sign) {
  if (!STANDING_LABEL_STATUSES.includes(l.status) || l.purchasedAt === undefined) return;
  const siblings = await labelsOfPurchase(ctx, l.purchaseKey);
  if (siblings.some((s) => s._id < l._id)) return;
  const chosen = await ctx.db.get("shippingQuotes", l.quoteId);
  if (!chosen) return;
  const quotes = await quotesOfRequest(ctx, chosen.requestId);
  const highest = Math.max(...quotes.filter((q) => q.currency === chosen.currency).map((q) => q.amountMinor));
  const day = dayKey(l.purchasedAt);
  b.count(
    { board: "spend", bucket: weekOf(day), seed: l._id },
    { [counterKey("sav", day, chosen.carrier, chosen.service, chosen.currency)]: highest - chosen.amountMinor },
    sign,
  );
}

/** True when a label change can move its savings share (status in or out of standing, or purchase time). */
export const savingsMayMove = (a: Doc<"shippingLabels"> | null, b: Doc<"shippingLabels"> | null) =>
  !a ||
  !b ||
  STANDING_LABEL_STATUSES.includes(a.status) !== STANDING_LABEL_STATUSES.includes(b.status) ||
  a.purchasedAt !== b.purchasedAt;

/**
 * Postage, labels and savings per day × carrier × service × currency over the `weeks` weeks ending
 * this week (UTC, weeks start on Monday), oldest first. Reads BOARD_SHARDS.spend documents per week.
 */
export async function spendBoard(ctx: QueryCtx, a: { nowBucket: number; weeks: number }) {
  const now = roundNow(a.nowBucket);
  const weeks = boardWeeks(now, a.weeks);
  const first = weeks[0];
  const rows = new Map<
    string,
    {
      day: string;
      carrier: string;
      service: string;
      currency: string;
      amountMinor: number;
      labels: number;
      savingsMinor: number;
    }
  >();
  for (const week of weeks) {
    for (const [key, n] of Object.entries(await readCounter(ctx, "spend", week))) {
      const [what, day, carrier, service, currency] = key.split("|");
      if (day < first || day > dayKey(now)) continue;
      const id = [day, carrier, service, currency].join("|");
      const row = rows.get(id) ?? { day, carrier, service, currency, amountMinor: 0, labels: 0, savingsMinor: 0 };
      if (what === "amt") row.amountMinor += n;
      else if (what === "lbl") row.labels += n;
      else if (what === "sav") row.savingsMinor += n;
      rows.set(id, row);
    }
  }
  const days = [...rows.values()].sort(
    (x, y) => x.day.localeCompare(y.day) || x.carrier.localeCompare(y.carrier) || x.service.localeCompare(y.service),
  );
  return { weeks, from: first, to: dayKey(now), days };
}
