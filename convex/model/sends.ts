/**
 * A message sent with retries — the channel outbox (model/channels/outbox.ts) and customer
 * notifications (model/notifications/outbox.ts) — shares one life: claimed by a sender in a mutation
 * (`sending` with a lease longer than an action can live, so a dead sender's rows come back), sent,
 * and on failure tried again with backoff until its attempts are spent.
 */
import { v } from "convex/values";
import { HOUR } from "../lib/clock";

/** The fields of a retried send, beside each table's own status and payload. */
export const retriedSendFields = {
  attempts: v.number(),
  nextAttemptAt: v.number(),
  /** A claimed row is the sender's until then; past it, its sender died. */
  leaseUntil: v.optional(v.number()),
  lastError: v.optional(v.string()),
  sentAt: v.optional(v.number()),
  createdAt: v.number(),
};

/** Longer than an action may run: a `sending` row past its lease belongs to a dead sender. */
export const SEND_LEASE_MS = 11 * 60_000;

/** Backoff for a failed send: 30 s doubling to an hour, attempts counted from 1. */
export function backoffMs(attempts: number) {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), HOUR);
}

/** What claiming a row writes: it is `sending`, and due again only if its sender dies. */
export const claimPatch = (now: number) => ({
  status: "sending" as const,
  leaseUntil: now + SEND_LEASE_MS,
  nextAttemptAt: now + SEND_LEASE_MS,
});
