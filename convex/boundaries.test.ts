/**
 * No bare errors (issue 13, point 5): every public function (found by walking every module, as
 * the role matrix does) is called as its own minimum role with boundary values built from its own
 * argument validator — the longest text each field allows, one character more and 100 kB, the
 * largest numbers of each kind and one more, 1e308, NaN, −Infinity, negative fractions, zero and
 * empty text and arrays, arrays naming the same thing twice and arrays past the item limit. Each call must succeed or be refused with a typed ConvexError whose message is a
 * sentence; afterwards every invariant must still hold.
 */
import { describe, expect, test } from "vitest";
import { invariantReport, setupTest, type TestBackend } from "./testing/setup.testing";
import { argsOf, fixtures, invoke, publicFunctions, valueFor, type ValueRules } from "./testing/functions.testing";
import { isAppErrorData } from "./lib/errors";
import { MAX_MONEY_MINOR, MAX_MOVEMENT_QUANTITY, numberKindOf, STRING_LIMITS, stringKindOf } from "./lib/bounds";
import type { Role } from "./model/members/tables";

const MODES = ["over", "longest", "nan", "inf", "fraction", "zero", "duplicates", "huge"] as const;
type Mode = (typeof MODES)[number];

/** Boundary values for `mode`: the field's name picks the text and number kind. */
function boundaries(mode: Mode, ids: Partial<Record<string, string>>): ValueRules {
  const rules: ValueRules = {
    string(field) {
      const limit = STRING_LIMITS[stringKindOf(field)];
      if (mode === "over") return "x".repeat(limit + 1);
      if (mode === "longest") return "x".repeat(limit);
      if (mode === "huge") return "x".repeat(100_001);
      if (mode === "zero") return "";
      return "ok value";
    },
    number(field) {
      const kind = numberKindOf(field);
      const max =
        kind === "quantity" ? MAX_MOVEMENT_QUANTITY : kind === "money" ? MAX_MONEY_MINOR : Number.MAX_SAFE_INTEGER;
      return {
        over: max + 1,
        longest: max,
        nan: Number.NaN,
        inf: Number.NEGATIVE_INFINITY,
        fraction: -0.5,
        zero: 0,
        duplicates: 1,
        huge: 1e308,
      }[mode];
    },
    int64: mode === "fraction" ? -1n : 1n,
    boolean: mode === "zero" ? false : true,
    array(item, field) {
      if (mode === "zero") return [];
      // Past the item limit, with plain items (a 100 kB string × 1,001 items is beyond any transport).
      if (mode === "huge")
        return Array.from({ length: 1_001 }, () => valueFor(item, ids, boundaries("duplicates", ids), field));
      const value = valueFor(item, ids, rules, field);
      return mode === "duplicates" ? [value, value] : [value];
    },
    option: (options) => options.find((o) => o.type !== "null") ?? options[0],
    // Pagination options are the client library's own; they stay sane.
    field: (key, _optional, fill) => (key === "paginationOpts" ? { numItems: 10, cursor: null } : fill()),
  };
  return rules;
}

async function call(
  t: TestBackend,
  role: Role,
  kind: "query" | "mutation" | "action",
  name: string,
  args: Record<string, unknown>,
): Promise<string | null> {
  const caller = t.withIdentity({ tokenIdentifier: `test|${role}`, subject: role, issuer: "test" });
  try {
    await invoke(caller, kind, name, args);
    return null;
  } catch (e) {
    const data = (e as { data?: unknown }).data;
    if (
      isAppErrorData(data) &&
      data.message.trim().length >= 8 &&
      !/Uncaught|TypeError|RangeError|undefined|NaN|Infinity/.test(data.message)
    )
      return null;
    return isAppErrorData(data)
      ? `typed, but the message is not a sentence: "${data.message.slice(0, 160)}"`
      : `untyped: ${(e as Error).message.split("\n")[0].slice(0, 200)}`;
  }
}

describe("no bare errors", () => {
  test(
    "every public function, called with boundary values from its own validator, succeeds or refuses with a typed sentence",
    { timeout: 600_000 },
    async () => {
      const { t, memberIds } = await setupTest();
      const ids = await fixtures(t, memberIds);
      const fns = await publicFunctions();
      expect(fns.length).toBeGreaterThan(100);
      const failures: string[] = [];
      let calls = 0;
      for (const { name, kind, fn } of fns) {
        for (const mode of MODES) {
          const args = valueFor(argsOf(fn), ids, boundaries(mode, ids)) as Record<string, unknown>;
          calls += 1;
          const problem = await call(t, fn.minRole!, kind, name, args);
          if (problem) failures.push(`${name} [${mode}]: ${problem}`);
        }
      }
      expect(calls).toBeGreaterThan(1000);
      expect(failures).toEqual([]);
      expect(await invariantReport(t)).toEqual([]);
    },
  );
});
