import type { MutationCtx } from "../../_generated/server";
import type { Actor } from "../../functions";

/**
 * Who does a write: a member, or SYSTEM for work nobody did by hand (crons, webhooks, channel
 * imports, customer-portal requests, seeds). Audit rows and order events name the system "system".
 */
export type ActorOrSystem = Actor | undefined;
export const SYSTEM: ActorOrSystem = undefined;

/** Appends one audit row in the caller's transaction. */
export async function recordAudit(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  entry: { entity: string; entityId: string; action: string; summary: string },
) {
  await ctx.db.insert("auditLog", {
    ...entry,
    actorId: actor?.id,
    actorName: actor?.name ?? "system",
    at: Date.now(),
  });
}

/** Audits a switch of `active` on a catalog, warehouse or member row: "Reactivated X" / "Deactivated X". */
export async function recordActivation(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  { entity, entityId, active, name }: { entity: string; entityId: string; active: boolean; name: string },
) {
  await recordAudit(ctx, actor, {
    entity,
    entityId,
    action: active ? "activate" : "deactivate",
    summary: `${active ? "Reactivated" : "Deactivated"} ${name}`,
  });
}
