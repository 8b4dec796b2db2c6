import { defineTable } from "convex/server";
import { v } from "convex/values";

/** Who made a change (absent: the system, named "system") and when: on audit rows, order events and stock movements. */
export const vActorStamp = {
  actorId: v.optional(v.id("members")),
  actorName: v.string(),
  at: v.number(),
};

export const auditTables = {
  /**
   * Audit trail for everything that is not an order status change: catalog and warehouse edits,
   * inventory adjustments, member changes, rule edits, overrides. Append-only; written by
   * model/audit.record in the same transaction as the change.
   */
  auditLog: defineTable({
    entity: v.string(),
    entityId: v.string(),
    action: v.string(),
    summary: v.string(),
    ...vActorStamp,
  })
    .index("by_entity_and_entityId", ["entity", "entityId"])
    .index("by_at", ["at"]),
};
