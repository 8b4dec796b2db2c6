/**
 * Allocation settings: the default strategy, a strategy per channel, and the cached list of active
 * sources (kept in step with `warehouses` by syncSources, called by every warehouse write).
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { appError } from "../../lib/errors";
import { DAY } from "../../lib/clock";
import { recordAudit } from "../audit/record";
import { readSettingsRow, writeSettingsRow } from "../settings/singleton";
import { warehousesByPriority } from "../warehouses/sources";

export const DEFAULT_STRATEGY = "proximity";

export type AllocationSettings = Pick<Doc<"allocationSettings">, "defaultStrategy" | "channelStrategies" | "sources">;

const DEFAULT_SETTINGS: AllocationSettings = { defaultStrategy: DEFAULT_STRATEGY, channelStrategies: {}, sources: [] };

export async function readSettings(ctx: { db: QueryCtx["db"] }): Promise<AllocationSettings> {
  return readSettingsRow(ctx, "allocationSettings", DEFAULT_SETTINGS);
}

/**
 * When units that queued at `queuedAt` for stock are expected: after the longest lead time of the
 * sources, at least a week. The backordered e-mail and the tracking page both say this date.
 */
export async function backorderEstimate(ctx: { db: QueryCtx["db"] }, queuedAt: number) {
  const { sources } = await readSettings(ctx);
  return queuedAt + Math.max(7, ...sources.map((s) => s.leadTimeDays ?? 0)) * DAY;
}

async function upsert(ctx: MutationCtx, patch: Partial<AllocationSettings>) {
  await writeSettingsRow(ctx, "allocationSettings", { ...(await readSettings(ctx)), ...patch });
}

/** A warehouse's allocation fields, as the cached source list holds them. */
export function sourceOf(w: Doc<"warehouses">): AllocationSettings["sources"][number] {
  return {
    warehouseId: w._id,
    code: w.code,
    kind: w.kind,
    latitude: w.latitude,
    longitude: w.longitude,
    priority: w.priority,
    leadTimeDays: w.leadTimeDays,
    ...(w.kind === "store"
      ? { shipFromStore: w.shipFromStore ?? false, dailyCapacity: w.dailyCapacity, timezone: w.timezone }
      : {}),
  };
}

/** Rebuilds the cached source list from the active warehouses (few: tens). */
export async function syncSources(ctx: MutationCtx) {
  const active = await warehousesByPriority(ctx, true);
  await upsert(ctx, { sources: active.map(sourceOf) });
}

export function strategyFor(settings: AllocationSettings, channel: string): string {
  return settings.channelStrategies[channel] ?? settings.defaultStrategy;
}

/** Sets the default (channel undefined) or a channel's strategy; null clears a channel's choice. */
export async function setStrategy(
  ctx: MutationCtx,
  actor: Actor,
  { known, channel, strategy }: { known: readonly string[]; channel?: string; strategy: string | null },
) {
  if (strategy !== null && !known.includes(strategy)) {
    throw appError("INVALID_INPUT", `Unknown strategy "${strategy}".`, {
      strategy: `Choose one of ${known.join(", ")}.`,
    });
  }
  const settings = await readSettings(ctx);
  if (channel === undefined) {
    if (strategy === null) throw appError("INVALID_INPUT", "The default strategy cannot be cleared.");
    await upsert(ctx, { defaultStrategy: strategy });
  } else {
    const channelStrategies = { ...settings.channelStrategies };
    if (strategy === null) delete channelStrategies[channel];
    else channelStrategies[channel] = strategy;
    await upsert(ctx, { channelStrategies });
  }
  await recordAudit(ctx, actor, {
    entity: "allocationSettings",
    entityId: channel ?? "default",
    action: "strategy",
    summary: channel ? `Channel ${channel}: ${strategy ?? "uses the default"}` : `Default strategy: ${strategy}`,
  });
}
