/**
 * "No idle cost": queued work is started by the mutation that queues it, at the time it is due,
 * instead of crons polling every minute. Each helper schedules its worker at `at` (now by
 * default); a mutation that queues several items schedules one run per distinct second. The
 * workers claim rows under a lease, so two runs at once never send twice. Crons stay as a slow
 * safety net (crons.ts) and start no Node action unless something is due (see `kick*`).
 *
 * References are built by name (not through `internal`) so model code does not take part in
 * the generated API's type inference.
 */
import { makeFunctionReference } from "convex/server";
import type { MutationCtx } from "../../_generated/server";

type Worker = "notifications" | "outbox" | "pulls" | "tracking";
const WORKERS = {
  notifications: makeFunctionReference<"action", Record<string, never>>("integrations/notify/worker:drain"),
  outbox: makeFunctionReference<"action", Record<string, never>>("integrations/channels/worker:drainOutbox"),
  pulls: makeFunctionReference<"mutation", Record<string, never>>("channelSync:dispatchPulls"),
  tracking: makeFunctionReference<"action", Record<string, never>>("shippingActions:pollTracking"),
} as const;

/** Runs already scheduled by this transaction: worker + second. */
const scheduled = new WeakMap<object, Set<string>>();

export async function wake(ctx: MutationCtx, worker: Worker, at: number = Date.now()) {
  const seen = scheduled.get(ctx.scheduler) ?? new Set<string>();
  scheduled.set(ctx.scheduler, seen);
  const key = `${worker}:${Math.ceil(at / 1000)}`;
  if (seen.has(key)) return;
  seen.add(key);
  const fn = WORKERS[worker];
  if (at <= Date.now()) await ctx.scheduler.runAfter(0, fn, {});
  else await ctx.scheduler.runAt(at, fn, {});
}
