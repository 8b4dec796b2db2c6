/**
 * The shipping-rule engine: pure functions over plain data. `selectQuote` walks the ordered rule set
 * and lets the first enabled rule whose conditions hold choose among the quotes (first match wins:
 * when that rule finds no eligible quote the result says so rather than falling through, so the
 * rule set alone explains every choice). `shadowedRules` flags rules that can never match.
 */
import type {
  Quote,
  Range,
  Rule,
  RuleAction,
  RuleConditions,
  RuleConstraints,
  Selection,
  ShadowFlag,
  ShipmentFacts,
} from "./types";
import type { RuleActionDoc, RuleConditionsDoc, RuleConstraintsDoc } from "../../model/shipping/tables";
import { isCurrency } from "../money";
import { isCountryCode } from "../address";

const up = (s: string) => s.trim().toUpperCase();
const normPostal = (s: string) => s.replace(/[\s-]/g, "").toUpperCase();
const has = (list: string[] | undefined): list is string[] => list !== undefined && list.length > 0;
const inRange = (r: Range | undefined, n: number) =>
  !r || ((r.min === undefined || n >= r.min) && (r.max === undefined || n < r.max));

/** True when every condition that is set holds for these facts. */
export function conditionsMatch(c: RuleConditions, f: ShipmentFacts): boolean {
  if (has(c.channels) && !c.channels.some((x) => up(x) === up(f.channel))) return false;
  if (has(c.warehouseIds) && !c.warehouseIds.includes(f.warehouseId)) return false;
  if (has(c.countries) && !c.countries.some((x) => up(x) === up(f.country))) return false;
  if (has(c.states) && (f.state === undefined || !c.states.some((x) => up(x) === up(f.state!)))) return false;
  if (has(c.postalPrefixes) && !c.postalPrefixes.some((p) => normPostal(f.postalCode).startsWith(normPostal(p))))
    return false;
  if (!inRange(c.weightGrams, f.weightGrams)) return false;
  if (!inRange(c.orderValueMinor, f.orderValueMinor)) return false;
  return true;
}

/** The first enabled rule that matches (the default rule matches everything). */
export function firstMatch(rules: readonly Rule[], f: ShipmentFacts): Rule | undefined {
  return rules.find((r) => r.enabled && (r.isDefault || conditionsMatch(r.conditions, f)));
}

/** Quotes that pass a rule's constraints. */
export function eligibleQuotes(quotes: readonly Quote[], k: RuleConstraints | undefined): Quote[] {
  const excluded = new Set((k?.excludeCarriers ?? []).map(up));
  return quotes.filter((q) => {
    if (excluded.has(up(q.carrier))) return false;
    if (k?.maxCostMinor !== undefined) {
      if (k.currency !== undefined && up(k.currency) !== up(q.currency)) return false;
      if (q.amountMinor > k.maxCostMinor) return false;
    }
    return true;
  });
}

const days = (q: Quote) => q.deliveryDays ?? Number.POSITIVE_INFINITY;
/** Total order used for ties, so the result never depends on the order quotes arrived in. */
const tieBreak = (a: Quote, b: Quote) =>
  a.provider.localeCompare(b.provider) ||
  a.carrier.localeCompare(b.carrier) ||
  a.service.localeCompare(b.service) ||
  a.id.localeCompare(b.id);
const byCost = (a: Quote, b: Quote) => a.amountMinor - b.amountMinor || days(a) - days(b) || tieBreak(a, b);
const bySpeed = (a: Quote, b: Quote) => days(a) - days(b) || a.amountMinor - b.amountMinor || tieBreak(a, b);
const co2 = (q: Quote) => q.co2eGrams ?? Number.POSITIVE_INFINITY;
const byEmissions = (a: Quote, b: Quote) =>
  co2(a) - co2(b) || a.amountMinor - b.amountMinor || days(a) - days(b) || tieBreak(a, b);

/**
 * The pool of "lowest emissions within +X % of the cheapest and at most N days": quotes within N
 * days, in the currency of the cheapest of those, costing at most cheapest × (100 + X) / 100 (exact
 * integer arithmetic), with an emissions estimate. Also says why the others were left out.
 */
export function emissionsPool(action: { withinPct: number; maxDays: number }, quotes: readonly Quote[]) {
  const inTime = quotes.filter((q) => q.deliveryDays !== undefined && q.deliveryDays <= action.maxDays);
  const cheapest = [...inTime].sort(byCost)[0];
  if (!cheapest) return { pool: [] as Quote[], cheapest: undefined, tooSlow: quotes.length, tooDear: 0 };
  const sameCurrency = inTime.filter((q) => q.currency === cheapest.currency);
  const affordable = sameCurrency.filter((q) => q.amountMinor * 100 <= cheapest.amountMinor * (100 + action.withinPct));
  return {
    pool: affordable.filter((q) => q.co2eGrams !== undefined),
    cheapest,
    tooSlow: quotes.length - inTime.length,
    tooDear: sameCurrency.length - affordable.length,
  };
}

/** Applies one action to already-eligible quotes; undefined when nothing fits. */
export function chooseByAction(action: RuleAction, quotes: readonly Quote[]): Quote | undefined {
  let pool = [...quotes];
  let order = byCost;
  if (action.kind === "fastest") order = bySpeed;
  if (action.kind === "lowest_emissions") {
    pool = emissionsPool(action, pool).pool;
    order = byEmissions;
  }
  if (action.kind === "cheapest_within_days")
    pool = pool.filter((q) => q.deliveryDays !== undefined && q.deliveryDays <= action.days);
  if (action.kind === "named") {
    pool = pool.filter(
      (q) =>
        up(q.carrier) === up(action.carrier) && (action.service === undefined || up(q.service) === up(action.service)),
    );
  }
  return pool.sort(order)[0];
}

/** Runs the rule set over the quotes of one shipment: the chosen quote and why. */
export function selectQuote(rules: readonly Rule[], quotes: readonly Quote[], f: ShipmentFacts): Selection {
  const rule = firstMatch(rules, f);
  if (!rule) {
    const q = chooseByAction({ kind: "cheapest" }, quotes);
    return q
      ? { quoteId: q.id, reason: `No rule matched; the built-in default chose the cheapest: ${label(q)}` }
      : { reason: "No rule matched and no provider returned a quote." };
  }
  const base = { ruleId: rule.id, ruleName: rule.name };
  if (quotes.length === 0) return { ...base, reason: `Rule "${rule.name}" matched, but no provider returned a quote.` };
  const eligible = eligibleQuotes(quotes, rule.constraints);
  if (eligible.length === 0) {
    return {
      ...base,
      reason: `Rule "${rule.name}" matched, but its constraints (${describeConstraints(rule.constraints)}) leave no quote.`,
    };
  }
  const q = chooseByAction(rule.action, eligible);
  if (!q)
    return { ...base, reason: `Rule "${rule.name}" matched, but no quote fits "${describeAction(rule.action)}".` };
  const why = rule.action.kind === "lowest_emissions" ? emissionsReason(rule.action, eligible, q) : "";
  return {
    ...base,
    quoteId: q.id,
    reason: `Rule "${rule.name}" (${describeAction(rule.action)}) chose ${label(q)}${why}`,
  };
}

const label = (q: Quote) =>
  `${q.carrier} ${q.service} via ${q.provider}: ${(q.amountMinor / 100).toFixed(2)} ${q.currency}${q.deliveryDays !== undefined ? `, ${q.deliveryDays} d` : ""}${q.co2eGrams !== undefined ? `, ${kg(q.co2eGrams)}` : ""}`;
const kg = (g: number) => (g >= 1000 ? `${(g / 1000).toFixed(2)} kg CO₂e` : `${g} g CO₂e`);

/** Why the emissions action chose `q`: against the cheapest in time, and what the bounds left out. */
function emissionsReason(action: { withinPct: number; maxDays: number }, quotes: readonly Quote[], q: Quote): string {
  const { cheapest, tooSlow, tooDear } = emissionsPool(action, quotes);
  const parts: string[] = [];
  if (cheapest && cheapest.id !== q.id) {
    const extra = q.amountMinor - cheapest.amountMinor;
    const saved =
      cheapest.co2eGrams !== undefined && q.co2eGrams !== undefined ? cheapest.co2eGrams - q.co2eGrams : undefined;
    parts.push(
      `${saved !== undefined ? `${kg(saved)} less` : "cleaner"} than the cheapest (${cheapest.carrier} ${cheapest.service}) for ${money(extra)} ${q.currency} more`,
    );
  } else parts.push("it is also the cheapest within the days limit");
  if (tooDear) parts.push(`${tooDear} quote(s) over the +${action.withinPct} % price bound`);
  if (tooSlow) parts.push(`${tooSlow} slower than ${action.maxDays} days or without a promise`);
  return ` — ${parts.join("; ")}`;
}

// ---- shadowing -------------------------------------------------------------------------------

const setCovers = (outer: string[] | undefined, inner: string[] | undefined, norm = up) =>
  !has(outer) || (has(inner) && inner.every((x) => outer.some((o) => norm(o) === norm(x))));
const rangeCovers = (outer: Range | undefined, inner: Range | undefined) =>
  !outer ||
  ((outer.min === undefined || (inner?.min !== undefined && inner.min >= outer.min)) &&
    (outer.max === undefined || (inner?.max !== undefined && inner.max <= outer.max)));
const prefixesCover = (outer: string[] | undefined, inner: string[] | undefined) =>
  !has(outer) || (has(inner) && inner.every((p) => outer.some((o) => normPostal(p).startsWith(normPostal(o)))));
const emptyRange = (r: Range | undefined) =>
  r !== undefined && r.min !== undefined && r.max !== undefined && r.min >= r.max;

/** True when every shipment that satisfies `inner` also satisfies `outer`. */
export function conditionsCover(outer: RuleConditions, inner: RuleConditions): boolean {
  return (
    setCovers(outer.channels, inner.channels) &&
    setCovers(outer.warehouseIds, inner.warehouseIds, (s) => s) &&
    setCovers(outer.countries, inner.countries) &&
    setCovers(outer.states, inner.states) &&
    prefixesCover(outer.postalPrefixes, inner.postalPrefixes) &&
    rangeCovers(outer.weightGrams, inner.weightGrams) &&
    rangeCovers(outer.orderValueMinor, inner.orderValueMinor)
  );
}

/**
 * Rules that can never be the first match: an enabled earlier rule whose conditions cover theirs
 * (pairwise; a rule covered only by the union of several earlier rules is not flagged), or an empty
 * weight/value range. Sound: a flagged rule is never chosen, whatever the shipment.
 */
export function shadowedRules(rules: readonly Rule[]): ShadowFlag[] {
  const flags: ShadowFlag[] = [];
  rules.forEach((rule, i) => {
    if (!rule.enabled) return;
    if (!rule.isDefault && (emptyRange(rule.conditions.weightGrams) || emptyRange(rule.conditions.orderValueMinor))) {
      flags.push({ ruleId: rule.id, reason: "Its weight or order-value range is empty (minimum not below maximum)." });
      return;
    }
    const by = rules
      .slice(0, i)
      .find((e) => e.enabled && (e.isDefault || conditionsCover(e.conditions, rule.isDefault ? {} : rule.conditions)));
    if (by)
      flags.push({
        ruleId: rule.id,
        shadowedBy: by.id,
        shadowedByName: by.name,
        reason: `"${by.name}" comes first and matches every shipment this rule would.`,
      });
  });
  return flags;
}

// ---- sentences -------------------------------------------------------------------------------

const money = (minor: number) => (minor / 100).toFixed(2);
const rangeText = (r: Range | undefined, fmt: (n: number) => string) =>
  !r || (r.min === undefined && r.max === undefined)
    ? undefined
    : r.max === undefined
      ? `≥ ${fmt(r.min!)}`
      : r.min === undefined
        ? `< ${fmt(r.max)}`
        : `${fmt(r.min)} to under ${fmt(r.max)}`;

export function describeAction(a: RuleAction): string {
  switch (a.kind) {
    case "cheapest":
      return "cheapest";
    case "fastest":
      return "fastest";
    case "cheapest_within_days":
      return `cheapest within ${a.days} days`;
    case "named":
      return `always ${a.carrier}${a.service ? ` ${a.service}` : ""}`;
    case "lowest_emissions":
      return `lowest emissions within +${a.withinPct} % of the cheapest, at most ${a.maxDays} days`;
  }
}

export function describeConstraints(k: RuleConstraints | undefined): string {
  const parts: string[] = [];
  if (has(k?.excludeCarriers)) parts.push(`not ${k!.excludeCarriers!.join(", ")}`);
  if (k?.maxCostMinor !== undefined)
    parts.push(`at most ${money(k.maxCostMinor)}${k.currency ? ` ${k.currency}` : ""}`);
  return parts.join("; ") || "none";
}

export function describeConditions(c: RuleConditions): string {
  const parts: string[] = [];
  if (has(c.channels)) parts.push(`channel ${c.channels.join("/")}`);
  if (has(c.warehouseIds)) parts.push(`${c.warehouseIds.length} warehouse(s)`);
  if (has(c.countries)) parts.push(`to ${c.countries.join("/")}`);
  if (has(c.states)) parts.push(`state ${c.states.join("/")}`);
  if (has(c.postalPrefixes)) parts.push(`postal ${c.postalPrefixes.map((p) => `${p}…`).join("/")}`);
  const w = rangeText(c.weightGrams, (n) => `${n} g`);
  if (w) parts.push(`weight ${w}`);
  const v = rangeText(c.orderValueMinor, money);
  if (v) parts.push(`order value ${v}`);
  return parts.join(", ") || "every shipment";
}

/** A change to some of a rule's fields, as the editors send it. */
export type RulePatch = {
  name?: string;
  enabled?: boolean;
  conditions?: RuleConditionsDoc;
  action?: RuleActionDoc;
  constraints?: RuleConstraintsDoc;
};

/** Trimmed, de-duplicated, non-empty entries; undefined ("any") when none are left. */
const cleanList = (xs: string[] | undefined, norm: (s: string) => string = (s) => s) => {
  const out = [...new Set((xs ?? []).map((x) => norm(x.trim())).filter(Boolean))];
  return out.length ? out : undefined;
};
const upList = (xs: string[] | undefined) => cleanList(xs, (s) => s.toUpperCase());

/**
 * A rule patch normalised (trimmed, de-duplicated, upper-cased codes) with field → sentence for
 * every bad value. The server refuses with these (model/shipping/rules.ts cleanPatch) and the rule
 * editors show them before they send.
 */
export function cleanRulePatch(p: RulePatch): { out: RulePatch; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const out: RulePatch = { ...p };
  if (p.name !== undefined) {
    out.name = p.name.trim();
    if (!out.name) errors.name = "Give the rule a name.";
    else if (out.name.length > 80) errors.name = "Keep the name under 80 characters.";
  }
  if (p.conditions) {
    const c = p.conditions;
    out.conditions = {
      channels: cleanList(c.channels),
      warehouseIds: c.warehouseIds?.length ? [...new Set(c.warehouseIds)] : undefined,
      countries: upList(c.countries),
      states: upList(c.states),
      postalPrefixes: upList(c.postalPrefixes?.map((x) => x.replace(/[\s-]/g, ""))),
      weightGrams:
        c.weightGrams && (c.weightGrams.min !== undefined || c.weightGrams.max !== undefined)
          ? c.weightGrams
          : undefined,
      orderValueMinor:
        c.orderValueMinor && (c.orderValueMinor.min !== undefined || c.orderValueMinor.max !== undefined)
          ? c.orderValueMinor
          : undefined,
    };
    if (out.conditions.countries?.some((x) => !isCountryCode(x)))
      errors["conditions.countries"] = "Countries are two-letter codes, like US or CA.";
    for (const key of ["weightGrams", "orderValueMinor"] as const) {
      const r = out.conditions[key];
      if (!r) continue;
      if ([r.min, r.max].some((n) => n !== undefined && (!Number.isSafeInteger(n) || n < 0)))
        errors[`conditions.${key}`] = "Use whole, non-negative numbers.";
      else if (r.min !== undefined && r.max !== undefined && r.max <= r.min)
        errors[`conditions.${key}`] = "The upper bound must be above the lower bound.";
    }
  }
  if (p.action) {
    const a = p.action;
    if (a.kind === "cheapest_within_days" && (!Number.isInteger(a.days) || a.days < 1 || a.days > 60))
      errors["action.days"] = "Days must be a whole number from 1 to 60.";
    if (a.kind === "lowest_emissions") {
      if (!Number.isInteger(a.withinPct) || a.withinPct < 0 || a.withinPct > 1000)
        errors["action.withinPct"] = "The price margin is a whole percentage from 0 to 1000.";
      if (!Number.isInteger(a.maxDays) || a.maxDays < 1 || a.maxDays > 60)
        errors["action.maxDays"] = "Days must be a whole number from 1 to 60.";
    }
    if (a.kind === "named") {
      out.action = { kind: "named", carrier: a.carrier.trim(), service: a.service?.trim() || undefined };
      if (!out.action.carrier) errors["action.carrier"] = "Name the carrier.";
    }
  }
  if (p.constraints) {
    const k = p.constraints;
    out.constraints = {
      excludeCarriers: cleanList(k.excludeCarriers),
      maxCostMinor: k.maxCostMinor,
      currency: k.currency?.trim().toUpperCase() || undefined,
    };
    if (k.maxCostMinor !== undefined && (!Number.isSafeInteger(k.maxCostMinor) || k.maxCostMinor < 0))
      errors["constraints.maxCostMinor"] = "The cost limit must be a non-negative amount.";
    if (out.constraints.currency !== undefined && !isCurrency(out.constraints.currency))
      errors["constraints.currency"] = "Unknown currency.";
  }
  return { out, errors };
}
