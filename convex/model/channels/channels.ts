/**
 * Channel rows and the pull loop's bookkeeping. A cron dispatches due channels (taking a lease so
 * pulls never overlap); the pull action commits each page's orders together with the cursor that
 * follows them, so a cursor never runs ahead of committed orders; a failure leaves the cursor as
 * it was, counts the failure and schedules the retry with backoff.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { internal } from "../../_generated/api";
import type { Actor } from "../../functions";
import { appError, throwIfFieldErrors } from "../../lib/errors";
import { recordAudit, SYSTEM, ActorOrSystem } from "../audit/record";
import { importChannelOrder, type ImportResult } from "./imports";
import type { ChannelKind, ChannelSettings, NormalizedOrder } from "./tables";
import { rowOrThrow } from "../rows";
import { channelByCode } from "./views";
import { HOUR } from "../../lib/clock";
import { channelConnectErrors } from "../../lib/channels/connect";

/** A pull runs at most this long before its lease lapses and the cron may dispatch it again. */
export const PULL_LEASE_MS = 10 * 60_000;
/** "Never" for channels that are not pulled (CSV). */
const NEVER = Number.MAX_SAFE_INTEGER;

const DEFAULTS: Record<ChannelKind, { intervalMinutes: number; ackHours: number }> = {
  amazon: { intervalMinutes: 5, ackHours: 24 },
  shopify: { intervalMinutes: 5, ackHours: 48 },
  sandbox: { intervalMinutes: 2, ackHours: 4 },
  csv: { intervalMinutes: 0, ackHours: 0 },
};

export function pullIntervalMs(ch: Pick<Doc<"channels">, "kind" | "settings">) {
  return (ch.settings.pullIntervalMinutes ?? DEFAULTS[ch.kind].intervalMinutes) * 60_000;
}

/** Retry delay after `failures` consecutive failed pulls: 1 min doubling to an hour. */
export function pullBackoffMs(failures: number) {
  return Math.min(60_000 * 2 ** Math.max(0, failures - 1), HOUR);
}

export type ChannelInput = {
  code: string;
  kind: ChannelKind;
  name: string;
  settings: ChannelSettings;
  ackDeadlineHours?: number;
};

/** Adds a channel. Secrets are not settings: the adapter reads them from the environment. */
export async function connectChannel(ctx: MutationCtx, actor: ActorOrSystem, c: ChannelInput): Promise<Id<"channels">> {
  const code = c.code.trim().toLowerCase();
  throwIfFieldErrors(channelConnectErrors({ ...c, code }));
  const ack = c.ackDeadlineHours;
  if (await channelByCode(ctx, code)) {
    throw appError("DUPLICATE", `A channel with code ${code} already exists.`, { code: "This code is taken." });
  }
  const now = Date.now();
  const id = await ctx.db.insert("channels", {
    code,
    kind: c.kind,
    name: c.name.trim(),
    settings: {
      ...c.settings,
      shopDomain: c.settings.shopDomain?.trim().toLowerCase(),
      marketplaceId: c.settings.marketplaceId?.trim(),
    },
    enabled: true,
    status: "idle",
    consecutiveFailures: 0,
    nextPullAt: c.kind === "csv" ? NEVER : now,
    ackDeadlineHours: ack ?? DEFAULTS[c.kind].ackHours,
    importedCount: 0,
    createdAt: now,
  });
  await recordAudit(ctx, actor, {
    entity: "channel",
    entityId: id,
    action: "connect",
    summary: `Connected ${c.kind} channel ${code}`,
  });
  return id;
}

export async function getChannelOrThrow(ctx: MutationCtx, id: Id<"channels">) {
  return rowOrThrow(ctx, "channels", id, "channel");
}

export async function setEnabled(ctx: MutationCtx, actor: Actor, id: Id<"channels">, enabled: boolean) {
  const ch = await getChannelOrThrow(ctx, id);
  await ctx.db.patch("channels", id, {
    enabled,
    status: enabled ? "idle" : "disabled",
    nextPullAt: enabled && ch.kind !== "csv" ? Date.now() : ch.nextPullAt,
  });
  await recordAudit(ctx, actor, {
    entity: "channel",
    entityId: id,
    action: enabled ? "enable" : "disable",
    summary: `${enabled ? "Enabled" : "Disabled"} channel ${ch.code}`,
  });
}

/** Takes the pull lease and schedules the pull action; false when one is already running. */
export async function startPull(ctx: MutationCtx, ch: Doc<"channels">, now = Date.now()) {
  if (!ch.enabled || ch.kind === "csv" || (ch.pullLeaseUntil ?? 0) > now) return false;
  await ctx.db.patch("channels", ch._id, { status: "pulling", pullLeaseUntil: now + PULL_LEASE_MS, lastPullAt: now });
  await ctx.scheduler.runAfter(0, internal.integrations.channels.worker.pullChannel, { channelId: ch._id });
  return true;
}

/** An admin's "pull now", whatever the schedule or backoff says: refused for a disabled, CSV or running channel. */
export async function pullNow(ctx: MutationCtx, channelId: Id<"channels">) {
  const ch = await getChannelOrThrow(ctx, channelId);
  if (!ch.enabled) throw appError("INVALID_TRANSITION", `${ch.name} is disabled; enable it to pull.`);
  if (ch.kind === "csv")
    throw appError("INVALID_INPUT", "CSV orders come from the import page; there is nothing to pull.");
  if (!(await startPull(ctx, ch))) throw appError("CONFLICT", `A pull of ${ch.name} is already running.`);
}

/** Cron: starts every enabled channel whose next pull is due. */
export async function dispatchDuePulls(ctx: MutationCtx, now = Date.now()) {
  const due = await ctx.db
    .query("channels")
    .withIndex("by_enabled_and_nextPullAt", (q) => q.eq("enabled", true).lte("nextPullAt", now))
    .take(50);
  let started = 0;
  for (const ch of due) if (await startPull(ctx, ch, now)) started += 1;
  return started;
}

/**
 * Commits one chunk of a pulled page. `cursor` is given with the page's last chunk only, so the
 * stored cursor moves past orders only in the transaction that commits the last of them.
 */
export async function commitPulled(
  ctx: MutationCtx,
  channelId: Id<"channels">,
  page: {
    orders: NormalizedOrder[];
    /** Absent: the orders are imported and the channel's cursor and status stay as they are. */
    cursor?: string;
    /** The run ends with this chunk; `more` says the channel has further pages waiting. */
    done: boolean;
    more?: boolean;
  },
) {
  const { orders, cursor } = page;
  const counts: Record<ImportResult, number> = {
    created: 0,
    duplicate: 0,
    waiting: 0,
    failed: 0,
    cancelled: 0,
    cancel_requested: 0,
  };
  for (const o of orders) {
    const ch = (await ctx.db.get("channels", channelId))!;
    counts[await importChannelOrder(ctx, ch, o)] += 1;
  }
  const ch = (await ctx.db.get("channels", channelId))!;
  // New orders owe acknowledgements: send them now rather than at the next cron tick.
  if (ch.kind !== "csv" && counts.created + counts.waiting + counts.failed > 0) {
    await ctx.scheduler.runAfter(0, internal.integrations.channels.worker.drainOutbox, {});
  }
  if (cursor === undefined) return counts;
  const now = Date.now();
  await ctx.db.patch("channels", channelId, {
    cursor,
    ...(page.done
      ? {
          status: "ok" as const,
          lastSuccessAt: now,
          lastError: undefined,
          consecutiveFailures: 0,
          pullLeaseUntil: undefined,
          nextPullAt: page.more ? now : now + pullIntervalMs(ch),
        }
      : {}),
  });
  return counts;
}

/** A failed pull: the cursor stays where it was; the retry waits longer after each failure. */
export async function recordPullFailure(
  ctx: MutationCtx,
  channelId: Id<"channels">,
  error: string,
  retryAfterMs?: number,
) {
  const ch = await ctx.db.get("channels", channelId);
  if (!ch) return;
  const failures = ch.consecutiveFailures + 1;
  await ctx.db.patch("channels", channelId, {
    status: "error",
    lastError: error.slice(0, 500),
    consecutiveFailures: failures,
    pullLeaseUntil: undefined,
    nextPullAt: Date.now() + Math.max(pullBackoffMs(failures), retryAfterMs ?? 0),
  });
}

/** Demo channels: the sandbox (live inflow, enabled) and CSV import. Safe to call twice. */
export async function seedChannels(ctx: MutationCtx) {
  const have = async (code: string) => (await channelByCode(ctx, code)) !== null;
  if (!(await have("sandbox")))
    await connectChannel(ctx, SYSTEM, {
      code: "sandbox",
      kind: "sandbox",
      name: "Sandbox store",
      settings: { pullIntervalMinutes: 1, ordersPerPull: 2 },
    });
  if (!(await have("csv")))
    await connectChannel(ctx, SYSTEM, { code: "csv", kind: "csv", name: "CSV import", settings: {} });
}
