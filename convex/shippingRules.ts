/**
 * The shipping rule set, edited by admins together: one granular mutation per field, each against
 * the version of the rule the editor saw (a stale edit is refused with the newer value), every
 * change audited; heartbeats say who is editing which rule. Everyone may read the rules, their hit
 * counts and the shadowed-rule flags.
 */
import { v, type Validator } from "convex/values";
import { literals } from "convex-helpers/validators";
import { adminCommand, adminMutation, floorQuery } from "./functions";
import { shadowedRules } from "./lib/shipping/rules";
import {
  addRule,
  deleteRule,
  editRule,
  ensureDefaultRule,
  listRules,
  moveRule,
  ruleStatsOf,
  toEngineRule,
  type RuleField,
  type RulePatch,
} from "./model/shipping/rules";
import { heartbeat as presenceHeartbeat, leave as presenceLeave, presentAt } from "./model/floor/presence";
import { presencePlace } from "./lib/presence";
import { vRuleAction, vRuleConditions, vRuleConstraints } from "./model/shipping/tables";
import schema from "./schema";
import { warehousesByPriority } from "./model/warehouses/sources";

const vVersioned = { ruleId: v.id("shippingRules"), expectedVersion: v.number() };
const vEdited = v.object({ version: v.number() });

/** Rules in order with hit counts, shadow flags and who is editing. */
export const list = floorQuery({
  args: {},
  returns: v.object({
    rules: v.array(
      v.object({
        ...schema.doc("shippingRules").fields,
        hits: v.number(),
        lastHitAt: v.optional(v.number()),
        shadow: v.union(
          v.null(),
          v.object({
            ruleId: v.string(),
            shadowedBy: v.optional(v.string()),
            shadowedByName: v.optional(v.string()),
            reason: v.string(),
          }),
        ),
      }),
    ),
    editors: v.array(
      v.object({
        _id: v.id("presence"),
        memberId: v.id("members"),
        name: v.string(),
        lastSeen: v.number(),
        ruleId: v.optional(v.id("shippingRules")),
        field: v.optional(v.string()),
      }),
    ),
    warehouses: v.array(v.object({ _id: v.id("warehouses"), code: v.string(), name: v.string() })),
  }),
  handler: async (ctx) => {
    const rules = await listRules(ctx);
    const flags = new Map(shadowedRules(rules.map(toEngineRule)).map((f) => [f.ruleId, f]));
    const withStats = await Promise.all(
      rules.map(async (r) => {
        const stats = await ruleStatsOf(ctx, r._id);
        return { ...r, hits: stats?.hits ?? 0, lastHitAt: stats?.lastHitAt, shadow: flags.get(r._id) ?? null };
      }),
    );
    const warehouses = await warehousesByPriority(ctx, true);
    return {
      rules: withStats,
      editors: (await presentAt(ctx, presencePlace.shippingRules, 50)).map((p) => ({
        _id: p._id,
        memberId: p.memberId,
        name: p.name,
        lastSeen: p.lastSeen,
        ...p.editing,
      })),
      warehouses: warehouses.map((w) => ({ _id: w._id, code: w.code, name: w.name })),
    };
  },
});

/** Stores the default rule if the set has none (an admin asks for it on the empty rules page; adding a rule does it too). Until then rate shopping uses the built-in default, the cheapest quote. */
export const ensureDefault = adminMutation({
  args: {},
  returns: v.id("shippingRules"),
  handler: async (ctx) => (await ensureDefaultRule(ctx, ctx.actor))._id,
});

export const add = adminMutation({
  args: { name: v.string(), conditions: vRuleConditions, action: vRuleAction, constraints: vRuleConstraints },
  returns: v.id("shippingRules"),
  handler: (ctx, args) => addRule(ctx, ctx.actor, args),
});

/**
 * One field's editor: the field's own argument (`name`, `enabled`, …) next to the version the editor
 * saw; the stale check, the default rule's limits and the audit are editRule's.
 */
function fieldEditor<F extends RuleField, V extends Validator<RulePatch[F] & {}, "required", string>>(
  field: F,
  value: V,
) {
  const fieldArg = { [field]: value } as Record<F, V>;
  return adminMutation({
    args: { ...vVersioned, ...fieldArg },
    returns: vEdited,
    handler: (ctx, args) =>
      editRule(ctx, ctx.actor, {
        ruleId: args.ruleId,
        expectedVersion: args.expectedVersion,
        field,
        patch: { [field]: (args as Record<F, RulePatch[F]>)[field] },
      }),
  });
}

export const rename = fieldEditor("name", v.string());
export const setEnabled = fieldEditor("enabled", v.boolean());
export const setConditions = fieldEditor("conditions", vRuleConditions);
export const setAction = fieldEditor("action", vRuleAction);
export const setConstraints = fieldEditor("constraints", vRuleConstraints);

export const move = adminMutation({
  args: { ...vVersioned, direction: literals("up", "down") },
  returns: vEdited,
  handler: (ctx, { ruleId, expectedVersion, direction }) =>
    moveRule(ctx, ctx.actor, { ruleId, expectedVersion, direction }),
});

export const remove = adminCommand(vVersioned, (ctx, { ruleId, expectedVersion }) =>
  deleteRule(ctx, ctx.actor, ruleId, expectedVersion),
);

/** "I am on the rules page (editing this rule's field)": sent every few seconds by the page. */
export const heartbeat = adminCommand(
  { ruleId: v.optional(v.id("shippingRules")), field: v.optional(v.string()) },
  (ctx, at) => presenceHeartbeat(ctx, ctx.actor, presencePlace.shippingRules, at),
);

export const leave = adminCommand({}, (ctx) => presenceLeave(ctx, ctx.actor, presencePlace.shippingRules));
