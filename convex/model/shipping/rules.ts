/**
 * Editing the shipping rule set, one field of one rule at a time. Every edit names the version of
 * the rule the editor saw; if someone saved the rule since, the edit is refused with the newer
 * value in the message (nothing written). Every accepted edit bumps the version and is audited.
 * The default rule is created on first use, stays last, and cannot be deleted or moved.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { appError, throwIfFieldErrors } from "../../lib/errors";
import { MAX_RULES } from "../../lib/bounds";
import {
  cleanRulePatch,
  describeAction,
  describeConditions,
  describeConstraints,
  type RulePatch,
} from "../../lib/shipping/rules";
export type { RulePatch };
import type { Rule } from "../../lib/shipping/types";
import { recordAudit, type ActorOrSystem } from "../audit/record";
import type { RuleActionDoc, RuleConditionsDoc, RuleConstraintsDoc } from "./tables";
import { rowBy } from "../rows";

export type RuleField = "name" | "enabled" | "conditions" | "action" | "constraints";

/** The rule set in evaluation order. */
export async function listRules(ctx: QueryCtx): Promise<Doc<"shippingRules">[]> {
  return ctx.db.query("shippingRules").withIndex("by_position").take(MAX_RULES);
}

/** The engine's view of a rule document. */
export function toEngineRule(r: Doc<"shippingRules">): Rule {
  return {
    id: r._id,
    name: r.name,
    enabled: r.enabled,
    isDefault: r.isDefault,
    conditions: r.conditions,
    action: r.action,
    constraints: r.constraints,
  };
}

/** A sentence for a field's value, used in audit rows and stale-edit messages. */
export function describeField(field: RuleField, r: Pick<Doc<"shippingRules">, RuleField>): string {
  switch (field) {
    case "name":
      return `"${r.name}"`;
    case "enabled":
      return r.enabled ? "on" : "off";
    case "conditions":
      return describeConditions(r.conditions);
    case "action":
      return describeAction(r.action);
    case "constraints":
      return describeConstraints(r.constraints);
  }
}

/** A rule's new version and who made it, written with every change (an edit names the version it saw). */
const versionBy = (version: number, actor: ActorOrSystem) => ({
  version,
  updatedAt: Date.now(),
  updatedBy: actor?.id,
  updatedByName: actor?.name ?? "system",
});

/** Makes sure the rule set ends with a default rule (cheapest), returning its id. */
export async function ensureDefaultRule(ctx: MutationCtx, actor: ActorOrSystem): Promise<Doc<"shippingRules">> {
  const last = await ctx.db.query("shippingRules").withIndex("by_position").order("desc").first();
  if (last?.isDefault) return last;
  const id = await ctx.db.insert("shippingRules", {
    name: "Default: cheapest",
    position: (last?.position ?? 0) + 1000,
    enabled: true,
    isDefault: true,
    conditions: {},
    action: { kind: "cheapest" },
    constraints: {},
    ...versionBy(1, actor),
  });
  return (await ctx.db.get("shippingRules", id))!;
}

/** Normalises and validates a patch (lib/shipping/rules.ts cleanRulePatch); throws INVALID_INPUT naming each bad field. */
export function cleanPatch(p: RulePatch): RulePatch {
  const { out, errors } = cleanRulePatch(p);
  throwIfFieldErrors(errors);
  return out;
}

async function ruleOrThrow(ctx: MutationCtx, ruleId: Id<"shippingRules">) {
  const rule = await ctx.db.get("shippingRules", ruleId);
  if (!rule) throw appError("NOT_FOUND", "That rule was deleted by someone else.");
  return rule;
}

/** Refuses an edit made against an old version, showing what the rule says now. */
function refuseIfStale(rule: Doc<"shippingRules">, expectedVersion: number, field: RuleField | "position") {
  if (rule.version === expectedVersion) return;
  const now =
    field === "position" ? `it is now rule version ${rule.version}` : `${field} is now ${describeField(field, rule)}`;
  throw appError(
    "CONFLICT",
    `${rule.updatedByName} changed "${rule.name}" since you opened it: ${now}. Your change was not saved.`,
    field === "position" ? undefined : { [field]: describeField(field, rule) },
  );
}

/** The rule an edit is for and the version the editor saw (an edit of a changed rule is refused). */
type RuleVersion = { ruleId: Id<"shippingRules">; expectedVersion: number };

/** Applies one field to one rule if `expectedVersion` is current; audited. */
export async function editRule(
  ctx: MutationCtx,
  actor: Actor,
  { ruleId, expectedVersion, field, patch }: RuleVersion & { field: RuleField; patch: RulePatch },
) {
  const rule = await ruleOrThrow(ctx, ruleId);
  refuseIfStale(rule, expectedVersion, field);
  if (rule.isDefault && (field === "conditions" || (field === "enabled" && patch.enabled === false))) {
    throw appError("INVALID_INPUT", "The default rule matches every shipment and stays on; edit its action instead.", {
      [field]: "Not for the default rule.",
    });
  }
  const clean = cleanPatch({ [field]: patch[field] });
  const before = describeField(field, rule);
  const next = { ...rule, ...clean };
  await ctx.db.patch("shippingRules", ruleId, {
    ...clean,
    ...versionBy(rule.version + 1, actor),
  });
  await recordAudit(ctx, actor, {
    entity: "shippingRule",
    entityId: ruleId,
    action: `set_${field}`,
    summary: `"${next.name}" ${field}: ${before} → ${describeField(field, next)}`,
  });
  return { version: rule.version + 1 };
}

/** Adds a rule just before the default rule. */
export async function addRule(
  ctx: MutationCtx,
  actor: Actor,
  input: { name: string; conditions: RuleConditionsDoc; action: RuleActionDoc; constraints: RuleConstraintsDoc },
) {
  const clean = cleanPatch(input) as Required<Pick<RulePatch, "name" | "conditions" | "action" | "constraints">>;
  const count = (await listRules(ctx)).length;
  if (count >= MAX_RULES) throw appError("INVALID_INPUT", `A rule set holds at most ${MAX_RULES} rules.`);
  const def = await ensureDefaultRule(ctx, actor);
  const before = await ctx.db
    .query("shippingRules")
    .withIndex("by_position", (q) => q.lt("position", def.position))
    .order("desc")
    .first();
  const position = before ? (before.position + def.position) / 2 : def.position - 1000;
  const id = await ctx.db.insert("shippingRules", {
    ...clean,
    position,
    enabled: true,
    isDefault: false,
    ...versionBy(1, actor),
  });
  await recordAudit(ctx, actor, {
    entity: "shippingRule",
    entityId: id,
    action: "add",
    summary: `Added "${clean.name}": ${describeConditions(clean.conditions)} → ${describeAction(clean.action)}`,
  });
  return id;
}

/** Swaps a rule with its neighbour above or below (never past the default rule). */
export async function moveRule(
  ctx: MutationCtx,
  actor: Actor,
  { ruleId, expectedVersion, direction }: RuleVersion & { direction: "up" | "down" },
) {
  const rule = await ruleOrThrow(ctx, ruleId);
  refuseIfStale(rule, expectedVersion, "position");
  if (rule.isDefault) throw appError("INVALID_INPUT", "The default rule always comes last.");
  const q = ctx.db.query("shippingRules");
  const neighbour =
    direction === "up"
      ? await q
          .withIndex("by_position", (x) => x.lt("position", rule.position))
          .order("desc")
          .first()
      : await q.withIndex("by_position", (x) => x.gt("position", rule.position)).first();
  if (!neighbour || neighbour.isDefault) return { version: rule.version };
  await ctx.db.patch("shippingRules", neighbour._id, { position: rule.position });
  await ctx.db.patch("shippingRules", ruleId, {
    position: neighbour.position,
    ...versionBy(rule.version + 1, actor),
  });
  await recordAudit(ctx, actor, {
    entity: "shippingRule",
    entityId: ruleId,
    action: "move",
    summary: `Moved "${rule.name}" ${direction}, ${direction === "up" ? "above" : "below"} "${neighbour.name}"`,
  });
  return { version: rule.version + 1 };
}

/** A rule's hit count and last hit, or null before its first hit. */
export async function ruleStatsOf(ctx: { db: QueryCtx["db"] }, ruleId: Id<"shippingRules">) {
  return rowBy(ctx, "shippingRuleStats", "by_ruleId", ruleId);
}

export async function deleteRule(ctx: MutationCtx, actor: Actor, ruleId: Id<"shippingRules">, expectedVersion: number) {
  const rule = await ruleOrThrow(ctx, ruleId);
  refuseIfStale(rule, expectedVersion, "position");
  if (rule.isDefault) throw appError("INVALID_INPUT", "The default rule cannot be deleted.");
  await ctx.db.delete("shippingRules", ruleId);
  const stats = await ruleStatsOf(ctx, ruleId);
  if (stats) await ctx.db.delete("shippingRuleStats", stats._id);
  await recordAudit(ctx, actor, {
    entity: "shippingRule",
    entityId: ruleId,
    action: "delete",
    summary: `Deleted "${rule.name}" (${describeConditions(rule.conditions)} → ${describeAction(rule.action)})`,
  });
}

/** Moves a shipment's hit from the rule that chose before (if any) to the rule that chose now. */
export async function moveHit(
  ctx: MutationCtx,
  from: Id<"shippingRules"> | undefined,
  to: Id<"shippingRules"> | undefined,
) {
  if (from === to) return;
  for (const [ruleId, delta] of [
    [from, -1],
    [to, 1],
  ] as const) {
    if (!ruleId) continue;
    const row = await ruleStatsOf(ctx, ruleId);
    if (row)
      await ctx.db.patch("shippingRuleStats", row._id, {
        hits: Math.max(0, row.hits + delta),
        lastHitAt: delta > 0 ? Date.now() : row.lastHitAt,
      });
    else if (delta > 0 && (await ctx.db.get("shippingRules", ruleId)))
      await ctx.db.insert("shippingRuleStats", { ruleId, hits: 1, lastHitAt: Date.now() });
  }
}
