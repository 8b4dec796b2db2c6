import { describe, expect, test } from "vitest";
import {
  actionToForm,
  conditionsToForm,
  constraintsToForm,
  formToAction,
  formToConditions,
  formToConstraints,
} from "./ruleForm";
import type { Id } from "../../../../convex/_generated/dataModel";

describe("rule form ⇄ rule fields", () => {
  test("conditions round-trip, lists trimmed, money in minor units", () => {
    const c = {
      channels: ["amazon", "shopify"],
      warehouseIds: ["w1" as Id<"warehouses">],
      countries: ["US"],
      states: ["CA", "OR"],
      postalPrefixes: ["941"],
      weightGrams: { min: 1000, max: 5000 },
      orderValueMinor: { min: 5000 },
    };
    const form = conditionsToForm(c);
    expect(form).toMatchObject({ channels: "amazon, shopify", valueMin: "50.00", valueMax: "", weightMin: "1000" });
    expect(formToConditions(form)).toEqual({ ok: true, value: c });
    expect(formToConditions({ ...conditionsToForm({}), countries: " us , ca" })).toEqual({
      ok: true,
      value: { countries: ["US", "CA"] },
    });
  });

  test("bad ranges and country codes are named by the server's field paths", () => {
    const r = formToConditions({
      ...conditionsToForm({}),
      weightMin: "500",
      weightMax: "200",
      valueMin: "abc",
      countries: "USA",
    });
    expect(r).toEqual({
      ok: false,
      errors: {
        "conditions.weightGrams": "The upper bound must be above the lower bound.",
        "conditions.orderValueMinor": "Enter amounts like 49.99.",
        "conditions.countries": "Countries are two-letter codes, like US or CA.",
      },
    });
  });

  test("actions and constraints", () => {
    expect(formToAction({ ...actionToForm({ kind: "cheapest" }), kind: "cheapest_within_days", days: "2" })).toEqual({
      ok: true,
      value: { kind: "cheapest_within_days", days: 2 },
    });
    expect(
      formToAction({ kind: "cheapest_within_days", days: "0", carrier: "", service: "", withinPct: "", maxDays: "" }),
    ).toMatchObject({ ok: false, errors: { "action.days": expect.any(String) } });
    expect(
      formToAction({ kind: "named", days: "", carrier: " UPS ", service: "", withinPct: "", maxDays: "" }),
    ).toEqual({ ok: true, value: { kind: "named", carrier: "UPS", service: undefined } });
    // Lowest emissions: whole percentage 0–1000 and 1–60 days, named on their own fields.
    expect(
      formToAction({ ...actionToForm({ kind: "cheapest" }), kind: "lowest_emissions", withinPct: "12", maxDays: "5" }),
    ).toEqual({ ok: true, value: { kind: "lowest_emissions", withinPct: 12, maxDays: 5 } });
    expect(actionToForm({ kind: "lowest_emissions", withinPct: 7, maxDays: 4 })).toMatchObject({
      withinPct: "7",
      maxDays: "4",
    });
    expect(
      formToAction({ ...actionToForm({ kind: "cheapest" }), kind: "lowest_emissions", withinPct: "1.5", maxDays: "0" }),
    ).toEqual({
      ok: false,
      errors: {
        "action.withinPct": "The price margin is a whole percentage from 0 to 1000.",
        "action.maxDays": "Days must be a whole number from 1 to 60.",
      },
    });
    expect(formToConstraints({ ...constraintsToForm({}), excludeCarriers: "USPS, DHL", maxCost: "25" })).toEqual({
      ok: true,
      value: { excludeCarriers: ["USPS", "DHL"], maxCostMinor: 2500, currency: "USD" },
    });
    expect(formToConstraints(constraintsToForm({}))).toEqual({
      ok: true,
      value: { excludeCarriers: undefined, maxCostMinor: undefined, currency: undefined },
    });
  });
});
