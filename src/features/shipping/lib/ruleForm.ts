/**
 * Rule fields ⇄ form text. Lists are typed comma-separated; money is typed in major units and
 * weights in grams. Parsing returns the value for the server, or field errors named like the
 * server's (`conditions.weightGrams`…), so both kinds of error land on the same inputs. What a value
 * may be (ranges, codes, bounds in order) is the server's own rule, `cleanRulePatch`; this file only
 * turns text into values.
 */
import type { Id } from "../../../../convex/_generated/dataModel";
import { parseMajor, type Currency } from "../../../../convex/lib/money";
import { cleanRulePatch, type RulePatch } from "../../../../convex/lib/shipping/rules";
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

/**
 * The part as parsed, unless the server's rule (cleanRulePatch) or the parsing (`unread`: text that
 * is no value, which wins on its field) has something to say about it — all of it at once.
 */
function checked<K extends "conditions" | "action" | "constraints">(
  part: K,
  value: NonNullable<RulePatch[K]>,
  unread: Record<string, string> = {},
): Parsed<NonNullable<RulePatch[K]>> {
  const errors = { ...cleanRulePatch({ [part]: value }).errors, ...unread };
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}

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
  if (vMin === null || vMax === null) errors["conditions.orderValueMinor"] = "Enter amounts like 49.99.";
  const countries = list(f.countries).map((x) => x.toUpperCase());
  const range = (min: number | undefined | null, max: number | undefined | null) =>
    min == null && max == null ? undefined : { min: min ?? undefined, max: max ?? undefined };
  return checked(
    "conditions",
    {
      channels: list(f.channels).length ? list(f.channels) : undefined,
      warehouseIds: f.warehouseIds.length ? f.warehouseIds : undefined,
      countries: countries.length ? countries : undefined,
      states: list(f.states).length ? list(f.states).map((x) => x.toUpperCase()) : undefined,
      postalPrefixes: list(f.postalPrefixes).length ? list(f.postalPrefixes) : undefined,
      weightGrams: range(wMin, wMax),
      orderValueMinor: range(vMin, vMax),
    },
    errors,
  );
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
  const whole = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN);
  return checked(
    "action",
    f.kind === "cheapest" || f.kind === "fastest"
      ? { kind: f.kind }
      : f.kind === "cheapest_within_days"
        ? { kind: f.kind, days: whole(f.days) }
        : f.kind === "lowest_emissions"
          ? { kind: f.kind, withinPct: whole(f.withinPct), maxDays: whole(f.maxDays) }
          : { kind: "named", carrier: f.carrier.trim(), service: f.service.trim() || undefined },
  );
}

export function constraintsToForm(k: RuleConstraintsDoc): ConstraintsForm {
  return { excludeCarriers: join(k.excludeCarriers), maxCost: money(k.maxCostMinor), currency: k.currency ?? "USD" };
}

export function formToConstraints(f: ConstraintsForm): Parsed<RuleConstraintsDoc> {
  const max = bound(f.maxCost, (s) => parseMajor(s, (f.currency || "USD") as Currency));
  if (max === null) return { ok: false, errors: { "constraints.maxCostMinor": "Enter an amount like 25.00." } };
  return checked("constraints", {
    excludeCarriers: list(f.excludeCarriers).length ? list(f.excludeCarriers) : undefined,
    maxCostMinor: max,
    currency: max === undefined ? undefined : f.currency || "USD",
  });
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
