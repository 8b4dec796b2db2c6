import type { MutationCtx } from "../../_generated/server";
import type { Actor } from "../../functions";

/** Appends one audit row in the caller's transaction. `actor` undefined means the system. */
export async function recordAudit(
  ctx: MutationCtx,
  actor: Actor | undefined,
  entry: { entity: string; entityId: string; action: string; summary: string },
) {
  await ctx.db.insert("auditLog", {
    ...entry,
    actorId: actor?.id,
    actorName: actor?.name ?? "system",
    at: Date.now(),
  });
}
