/**
 * Demo shipping rules for the offline runtime: a small rule set that shows each kind of action
 * and one shadowed rule, so the rules page has something to show. Idempotent: does nothing when
 * rules exist. Warehouse-specific rules use the first active warehouse.
 */
import type { MutationCtx } from "../../_generated/server";
import { ensureDefaultRule } from "../shipping/rules";
import type { RuleActionDoc, RuleConditionsDoc, RuleConstraintsDoc } from "../shipping/tables";
import { rowBy } from "../rows";
import { SYSTEM } from "../audit/record";

type Seed = { name: string; conditions: RuleConditionsDoc; action: RuleActionDoc; constraints?: RuleConstraintsDoc };

/** Inserts the demo rules once (before the default rule); returns how many were added. */
export async function seedShipping(ctx: MutationCtx): Promise<number> {
  if (await ctx.db.query("shippingRules").first()) return 0;
  const warehouse = await rowBy(ctx, "warehouses", "by_active_and_priority", true, "first");
  const rules: Seed[] = [
    {
      name: "High-value orders arrive in 2 days",
      conditions: { orderValueMinor: { min: 50_000 } },
      action: { kind: "cheapest_within_days", days: 2 },
    },
    {
      name: "Amazon: fastest, never over $40",
      conditions: { channels: ["amazon"] },
      action: { kind: "fastest" },
      constraints: { maxCostMinor: 4000, currency: "USD" },
    },
    {
      name: "Heavy parcels go UPS Ground",
      conditions: { weightGrams: { min: 10_000 } },
      action: { kind: "named", carrier: "UPS", service: "Ground" },
    },
    {
      name: "International: cheapest, no USPS",
      conditions: { countries: ["CA", "MX", "GB", "DE", "FR"] },
      action: { kind: "cheapest" },
      constraints: { excludeCarriers: ["USPS"] },
    },
    ...(warehouse
      ? [
          {
            name: `From ${warehouse.code} to the West coast`,
            conditions: { warehouseIds: [warehouse._id], states: ["CA", "OR", "WA"] },
            action: { kind: "cheapest_within_days" as const, days: 3 },
          },
        ]
      : []),
    // Shadowed on purpose: the Amazon rule above catches every Amazon order first.
    { name: "Amazon Canada", conditions: { channels: ["amazon"], countries: ["CA"] }, action: { kind: "cheapest" } },
  ];
  const def = await ensureDefaultRule(ctx, SYSTEM);
  for (const [i, r] of rules.entries()) {
    await ctx.db.insert("shippingRules", {
      name: r.name,
      position: def.position - 1000 + i * 10,
      enabled: true,
      isDefault: false,
      conditions: r.conditions,
      action: r.action,
      constraints: r.constraints ?? {},
      version: 1,
      updatedAt: Date.now(),
      updatedByName: "system",
    });
  }
  return rules.length;
}
