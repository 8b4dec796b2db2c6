"use node";
/**
 * The notification sender (cron, every minute): claims due messages in a mutation, sends each
 * through the configured provider, and records each outcome with one mutation. No provider for a
 * channel → the message is marked offline and shown in the app's outbox instead.
 */
import { v } from "convex/values";
import { internalAction } from "../../_generated/server";
import { internal } from "../../_generated/api";
import { providersFromEnv } from "./registry";
import { NotifyError } from "./types";

const BATCH = 20;
const ROUNDS = 5;

export const drain = internalAction({
  args: {},
  returns: v.object({ sent: v.number(), failed: v.number(), offline: v.number() }),
  handler: async (ctx) => {
    const providers = providersFromEnv(process.env);
    const tally = { sent: 0, failed: 0, offline: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const rows = await ctx.runMutation(internal.notifications.claimDue, { limit: BATCH });
      if (rows.length === 0) break;
      for (const row of rows) {
        const provider = providers[row.channel];
        if (!provider) {
          await ctx.runMutation(internal.notifications.recordResult, { id: row._id, result: { kind: "offline" } });
          tally.offline++;
          continue;
        }
        try {
          const { providerId } = await provider.send({
            to: row.to,
            subject: row.subject,
            body: row.body,
            text: row.text,
          });
          await ctx.runMutation(internal.notifications.recordResult, {
            id: row._id,
            result: { kind: "sent", provider: provider.name, providerId },
          });
          tally.sent++;
        } catch (e) {
          const retryable = e instanceof NotifyError ? e.retryable : true;
          await ctx.runMutation(internal.notifications.recordResult, {
            id: row._id,
            result: { kind: "failed", provider: provider.name, error: (e as Error).message, retryable },
          });
          tally.failed++;
        }
      }
    }
    return tally;
  },
});
