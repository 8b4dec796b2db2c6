/**
 * Rule fields ⇄ form text. Lists are typed comma-separated; money is typed in major units and
 * weights in grams. Parsing returns the value for the server, or field errors named like the
 * server's (`conditions.weightGrams`…), so both kinds of error land on the same inputs.
 */
import type { Id } from "../../../../convex/_generated/dataModel";
import { parseMajor, type Currency } from "../../../../convex/lib/money";
import type { RuleActionDoc, RuleConditionsDoc, RuleConstraintsDoc } from "../../../lib/api-types";
import { minorToMajorText } from "../../../lib/format";

export type ConditionsForm = {
  channels: string;
  warehouseIds: Id<"warehouses">[];
  countries: string;
  states: string;
  postalPrefixes: string;
  weightMin: string;
  weightMax: string;
  valueMin: string;
  valueMax: string;
};
export type ActionForm = {
  kind: RuleActionDoc["kind"];
  days: string;
  carrier: string;
  service: string;
  withinPct: string;
  maxDays: string;
};
export type ConstraintsForm = { excludeCarriers: string; maxCost: string; currency: string };
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

const list = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
const join = (xs: string[] | undefined) => (xs ?? []).join(", ");
const num = (n: number | undefined) => (n === undefined ? "" : String(n));
const money = (n: number | undefined) => (n === undefined ? "" : minorToMajorText(n));

export function conditionsToForm(c: RuleConditionsDoc): ConditionsForm {
  return {
    channels: join(c.channels),
    warehouseIds: c.warehouseIds ?? [],
    countries: join(c.countries),
    states: join(c.states),
    postalPrefixes: join(c.postalPrefixes),
    weightMin: num(c.weightGrams?.min),
    weightMax: num(c.weightGrams?.max),
    valueMin: money(c.orderValueMinor?.min),
    valueMax: money(c.orderValueMinor?.max),
  };
}

function bound(text: string, parse: (s: string) => number | undefined): number | undefined | null {
  if (!text.trim()) return undefined;
  const n = parse(text.trim());
  return n === undefined || n < 0 ? null : n;
}
const grams = (s: string) => (/^\d+$/.test(s) ? Number(s) : undefined);

export function formToConditions(f: ConditionsForm, currency: Currency = "USD"): Parsed<RuleConditionsDoc> {
  const errors: Record<string, string> = {};
  const wMin = bound(f.weightMin, grams);
  const wMax = bound(f.weightMax, grams);
  const vMin = bound(f.valueMin, (s) => parseMajor(s, currency));
  const vMax = bound(f.valueMax, (s) => parseMajor(s, currency));
  if (wMin === null || wMax === null) errors["conditions.weightGrams"] = "Weights are whole grams.";
  else if (wMin !== undefined && wMax !== undefined && wMax <= wMin)
    errors["conditions.weightGrams"] = "The upper bound must be above the lower bound.";
  if (vMin === null || vMax === null) errors["conditions.orderValueMinor"] = "Enter amounts like 49.99.";
  else if (vMin !== undefined && vMax !== undefined && vMax <= vMin)
    errors["conditions.orderValueMinor"] = "The upper bound must be above the lower bound.";
  const countries = list(f.countries).map((x) => x.toUpperCase());
  if (countries.some((x) => !/^[A-Z]{2}$/.test(x)))
    errors["conditions.countries"] = "Countries are two-letter codes, like US or CA.";
  if (Object.keys(errors).length) return { ok: false, errors };
  const range = (min: number | undefined | null, max: number | undefined | null) =>
    min == null && max == null ? undefined : { min: min ?? undefined, max: max ?? undefined };
  return {
    ok: true,
    value: {
      channels: list(f.channels).length ? list(f.channels) : undefined,
      warehouseIds: f.warehouseIds.length ? f.warehouseIds : undefined,
      countries: countries.length ? countries : undefined,
      states: list(f.states).length ? list(f.states).map((x) => x.toUpperCase()) : undefined,
      postalPrefixes: list(f.postalPrefixes).length ? list(f.postalPrefixes) : undefined,
      weightGrams: range(wMin, wMax),
      orderValueMinor: range(vMin, vMax),
    },
  };
}

export function actionToForm(a: RuleActionDoc): ActionForm {
  return {
    kind: a.kind,
    days: a.kind === "cheapest_within_days" ? String(a.days) : "3",
    carrier: a.kind === "named" ? a.carrier : "",
    service: a.kind === "named" ? (a.service ?? "") : "",
    withinPct: a.kind === "lowest_emissions" ? String(a.withinPct) : "15",
    maxDays: a.kind === "lowest_emissions" ? String(a.maxDays) : "5",
  };
}

export function formToAction(f: ActionForm): Parsed<RuleActionDoc> {
  if (f.kind === "cheapest" || f.kind === "fastest") return { ok: true, value: { kind: f.kind } };
  if (f.kind === "cheapest_within_days") {
    const days = Number(f.days);
    return Number.isInteger(days) && days >= 1 && days <= 60
      ? { ok: true, value: { kind: f.kind, days } }
      : { ok: false, errors: { "action.days": "Days must be a whole number from 1 to 60." } };
  }
  if (f.kind === "lowest_emissions") {
    const errors: Record<string, string> = {};
    const withinPct = /^\d+$/.test(f.withinPct.trim()) ? Number(f.withinPct.trim()) : NaN;
    const maxDays = /^\d+$/.test(f.maxDays.trim()) ? Number(f.maxDays.trim()) : NaN;
    if (!(withinPct >= 0 && withinPct <= 1000))
      errors["action.withinPct"] = "The price margin is a whole percentage from 0 to 1000.";
    if (!(maxDays >= 1 && maxDays <= 60)) errors["action.maxDays"] = "Days must be a whole number from 1 to 60.";
    return Object.keys(errors).length
      ? { ok: false, errors }
      : { ok: true, value: { kind: "lowest_emissions", withinPct, maxDays } };
  }
  if (!f.carrier.trim()) return { ok: false, errors: { "action.carrier": "Name the carrier." } };
  return { ok: true, value: { kind: "named", carrier: f.carrier.trim(), service: f.service.trim() || undefined } };
}

export function constraintsToForm(k: RuleConstraintsDoc): ConstraintsForm {
  return { excludeCarriers: join(k.excludeCarriers), maxCost: money(k.maxCostMinor), currency: k.currency ?? "USD" };
}

export function formToConstraints(f: ConstraintsForm): Parsed<RuleConstraintsDoc> {
  const max = bound(f.maxCost, (s) => parseMajor(s, (f.currency || "USD") as Currency));
  if (max === null) return { ok: false, errors: { "constraints.maxCostMinor": "Enter an amount like 25.00." } };
  return {
    ok: true,
    value: {
      excludeCarriers: list(f.excludeCarriers).length ? list(f.excludeCarriers) : undefined,
      maxCostMinor: max,
      currency: max === undefined ? undefined : f.currency || "USD",
    },
  };
}

export const ACTION_LABELS: Record<RuleActionDoc["kind"], string> = {
  cheapest: "Cheapest",
  fastest: "Fastest",
  cheapest_within_days: "Cheapest within N days",
  named: "A named carrier / service",
  lowest_emissions: "Lowest emissions within +X % and N days",
};

/** Each editable part of a rule by the name the server's mutation takes it under: to form text and back. */
export const RULE_PARTS = {
  conditions: { toForm: conditionsToForm, parse: (f: ConditionsForm) => formToConditions(f) },
  action: { toForm: actionToForm, parse: formToAction },
  constraints: { toForm: constraintsToForm, parse: formToConstraints },
};
