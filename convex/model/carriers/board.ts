/**
 * The Carriers board: per carrier × service × lane (warehouse → destination region), from the
 * "carriers" board counters kept by the carrierShipments trigger (in the same transaction as the
 * label or tracking change). A shipment counts in the week of its label purchase. The board reads
 * 8 documents per week shown (PARTS × shards; a group lives in one part), however many shipments exist.
 */
import type { QueryCtx } from "../../_generated/server";
import type { Doc } from "../../_generated/dataModel";
import { boardWeeks, shardOf } from "../../lib/boards";
import { roundNow } from "../../lib/clock";
import { addEntry, emptySums, figuresOf, groupOf, mergeSums, shareOf, type GroupSums } from "../../lib/carriers";
import { readCounter, type BoardBuffer } from "../boards/buffer";

/**
 * A week's figures are split over PARTS buckets by group (carrier × service × lane × currency), each
 * in BOARD_SHARDS.carriers shard documents, so no document holds more than a few hundred keys
 * (Convex objects hold at most 1,024 entries; a group takes 11 keys plus one per transit day seen):
 * about 60 groups per part, 240 groups a week. The board reads PARTS × shards documents per week
 * (8: 33 documents at 4 weeks, 97 at 12 with the member row).
 */
export const PARTS = 4;
export const bucketOf = (week: string, group: string) => `${week}#${shardOf(group, PARTS)}`;

/** A carrierShipments row's share of its week × part bucket (nothing while voided). */
export function countCarrierShipment(b: BoardBuffer, r: Doc<"carrierShipments">, sign: 1 | -1) {
  const values = shareOf(r);
  if (Object.keys(values).length)
    b.count({ board: "carriers", bucket: bucketOf(r.week, groupOf(r)), seed: r._id }, values, sign);
}

/** Sums per group of one week's counters. */
export function sumsByGroup(counters: Record<string, number>): Map<string, GroupSums> {
  const groups = new Map<string, GroupSums>();
  for (const [key, n] of Object.entries(counters)) {
    const bar = key.indexOf("|");
    const metric = key.slice(0, bar);
    const group = key.slice(bar + 1);
    let s = groups.get(group);
    if (!s) groups.set(group, (s = emptySums()));
    addEntry(s, metric, n);
  }
  return groups;
}

export async function carrierBoard(ctx: QueryCtx, a: { nowBucket: number; weeks: number }) {
  const now = roundNow(a.nowBucket);
  const weeks = boardWeeks(now, a.weeks);
  const totals = new Map<string, GroupSums>();
  const trend = [];
  for (const week of weeks) {
    const counters: Record<string, number> = {};
    for (let part = 0; part < PARTS; part++)
      Object.assign(counters, await readCounter(ctx, "carriers", `${week}#${part}`));
    const groups = sumsByGroup(counters);
    const all = emptySums();
    for (const [g, s] of groups) {
      let t = totals.get(g);
      if (!t) totals.set(g, (t = emptySums()));
      mergeSums(t, s);
      mergeSums(all, s);
    }
    const f = figuresOf(all);
    trend.push({
      week,
      shipments: f.shipments,
      onTimeRate: f.onTimeRate,
      medianDays: f.medianDays,
      p90Days: f.p90Days,
      co2ePerShipmentGrams: f.co2ePerShipmentGrams,
      costPerShipmentMinor: f.costPerShipmentMinor,
    });
  }
  const rows = [...totals.entries()]
    .map(([g, s]) => {
      const [carrier, service, lane, currency] = g.split("|");
      return { carrier, service, lane, currency, ...figuresOf(s) };
    })
    .filter((r) => r.shipments > 0)
    .sort(
      (x, y) =>
        y.shipments - x.shipments ||
        x.carrier.localeCompare(y.carrier) ||
        x.service.localeCompare(y.service) ||
        x.lane.localeCompare(y.lane),
    );
  return { weeks, rows, trend };
}
