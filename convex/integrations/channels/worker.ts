/**
 * The channel worker: internal actions that do the I/O. `pullChannel` pulls pages from one
 * channel and commits each page (orders first, the page's cursor with its last chunk) through
 * internal mutations; `drainOutbox` sends due acknowledgements and tracking, one claimed row at a
 * time, and records each outcome. Only these actions call adapters.
 */
import { v } from "convex/values";
import { internalAction } from "../../_generated/server";
import { internal } from "../../_generated/api";
import type { Id } from "../../_generated/dataModel";
import { adapterFor, type ChannelInfo } from "./registry";
import type { SandboxProduct } from "./sandbox";
import type { ClaimedEntry } from "../../model/channels/outbox";
import { ChannelError, type AckResult, type ChannelAdapter } from "./types";

/** Pages per run (Amazon's getOrders burst is 20; we stay well inside it), orders per mutation. */
export const MAX_PAGES = 10;
export const CHUNK = 20;

function failure(e: unknown) {
  if (e instanceof ChannelError) return { error: e.message, retryable: e.retryable, retryAfterMs: e.retryAfterMs };
  return { error: e instanceof Error ? e.message : String(e), retryable: true, retryAfterMs: undefined };
}

export const pullChannel = internalAction({
  args: { channelId: v.id("channels") },
  handler: async (ctx, { channelId }) => {
    const info: { channel: ChannelInfo & { cursor?: string }; catalog: SandboxProduct[] } | null = await ctx.runQuery(
      internal.channelSync.pullInfo,
      { channelId },
    );
    if (!info) return null;
    try {
      const adapter = adapterFor(info.channel, { catalog: info.catalog });
      let cursor = info.channel.cursor;
      for (let page = 1; page <= MAX_PAGES; page++) {
        const p = await adapter.pullPage(cursor);
        const chunks = [];
        for (let i = 0; i < p.orders.length; i += CHUNK) chunks.push(p.orders.slice(i, i + CHUNK));
        if (chunks.length === 0) chunks.push([]);
        const last = p.done || page === MAX_PAGES;
        for (const [i, orders] of chunks.entries()) {
          const final = i === chunks.length - 1;
          await ctx.runMutation(internal.channelSync.commitPulled, {
            channelId,
            orders,
            cursor: final ? p.cursor : undefined,
            done: final && last,
            more: !p.done,
          });
        }
        cursor = p.cursor;
        if (p.done) break;
      }
    } catch (e) {
      const f = failure(e);
      await ctx.runMutation(internal.channelSync.pullFailed, {
        channelId,
        error: f.error,
        retryAfterMs: f.retryAfterMs,
      });
    }
    return null;
  },
});

/** Rows claimed per run; a full batch schedules the next run at once. */
export const DRAIN_BATCH = 25;

export const drainOutbox = internalAction({
  args: {},
  handler: async (ctx) => {
    const claimed: { entries: ClaimedEntry[]; channels: ChannelInfo[]; catalog: SandboxProduct[] } =
      await ctx.runMutation(internal.channelSync.claimOutbox, { limit: DRAIN_BATCH });
    const { entries, channels, catalog } = claimed;
    const adapters = new Map<string, ChannelAdapter | ChannelError>();
    const adapterOf = (code: string) => {
      if (!adapters.has(code)) {
        const ch = channels.find((c: ChannelInfo) => c.code === code);
        try {
          adapters.set(
            code,
            ch ? adapterFor(ch, { catalog }) : new ChannelError(`Channel ${code} is no longer connected.`, false),
          );
        } catch (e) {
          adapters.set(code, e instanceof ChannelError ? e : new ChannelError(String(e), false));
        }
      }
      return adapters.get(code)!;
    };
    type Outcome =
      | { ok: true; remoteRef?: string }
      | { ok: false; error: string; retryable: boolean }
      | { awaiting: string; checkInMs: number };
    const verdict = (x: AckResult): Outcome =>
      x.pending
        ? { awaiting: x.pending.ref, checkInMs: x.pending.checkInMs }
        : x.ok
          ? { ok: true }
          : { ok: false, error: x.error ?? "Not acknowledged", retryable: true };
    const complete = (id: string, outcome: Outcome) =>
      ctx.runMutation(internal.channelSync.completeOutbox, { id: id as Id<"outbox">, outcome });
    // Acknowledgements go in one call per channel (Amazon sends them as one feed); those the channel
    // took but confirms later (remoteRef "feed:…") are checked, not sent again.
    const acks = new Map<string, typeof entries>();
    for (const e of entries) {
      if (e.kind !== "ack") continue;
      const key = `${e.remoteRef?.startsWith("feed:") ? "check" : "send"}:${e.channel}`;
      acks.set(key, [...(acks.get(key) ?? []), e]);
    }
    for (const [key, group] of acks) {
      const code = group[0].channel;
      const adapter = adapterOf(code);
      let results: Map<string, Outcome>;
      try {
        if (adapter instanceof ChannelError) throw adapter;
        const r = key.startsWith("check:")
          ? adapter.checkAcknowledgements
            ? await adapter.checkAcknowledgements(
                group.map((e) => ({ externalOrderId: e.externalOrderId, ref: e.remoteRef! })),
              )
            : group.map((e) => ({ externalOrderId: e.externalOrderId, ok: true }))
          : await adapter.acknowledge(group.map((e) => e.externalOrderId));
        results = new Map(r.map((x) => [x.externalOrderId, verdict(x)]));
      } catch (e) {
        const f = failure(e);
        results = new Map(
          group.map((g) => [g.externalOrderId, { ok: false as const, error: f.error, retryable: f.retryable }]),
        );
      }
      for (const e of group)
        await complete(
          e._id,
          results.get(e.externalOrderId) ?? { ok: false, error: "No answer for this order", retryable: true },
        );
    }
    for (const entry of entries) {
      if (entry.kind !== "tracking") continue;
      const adapter = adapterOf(entry.channel);
      let outcome: Outcome;
      try {
        if (adapter instanceof ChannelError) throw adapter;
        const r = await adapter.confirmShipment({
          externalOrderId: entry.externalOrderId,
          packageKey: `${entry.shipmentId}:${entry.packageKey}`,
          carrier: entry.carrier ?? "Other",
          service: entry.service,
          trackingNumber: entry.trackingNumber ?? "",
          items: entry.items ?? [],
          shippedAt: entry.createdAt,
          replaces: entry.replaces,
        });
        outcome = { ok: true, remoteRef: r.remoteRef };
      } catch (e) {
        const f = failure(e);
        outcome = { ok: false, error: f.error, retryable: f.retryable };
      }
      await complete(entry._id, outcome);
    }
    if (entries.length === DRAIN_BATCH)
      await ctx.scheduler.runAfter(0, internal.integrations.channels.worker.drainOutbox, {});
    return null;
  },
});
