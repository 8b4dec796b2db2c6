/**
 * No bare errors (issue 13, point 5): every public function (found by walking every module, as
 * the role matrix does) is called as its own minimum role with boundary values built from its own
 * argument validator — the longest text each field allows, one character more and 100 kB, the
 * largest numbers of each kind and one more, 1e308, NaN, −Infinity, negative fractions, zero and
 * empty text and arrays, arrays naming the same thing twice and arrays past the item limit. Each call must succeed or be refused with a typed ConvexError whose message is a
 * sentence; afterwards every invariant must still hold.
 */
import { describe, expect, test } from "vitest";
import { makeFunctionReference } from "convex/server";
import { invariantReport, setupTest, type TestBackend } from "./testing/setup.testing";
import { fixtures, publicFunctions, type Fields, type ValidatorJson } from "./testing/functions.testing";
import { isAppErrorData } from "./lib/errors";
import { MAX_MONEY_MINOR, MAX_MOVEMENT_QUANTITY, numberKindOf, STRING_LIMITS, stringKindOf } from "./lib/bounds";
import type { Role } from "./model/members/tables";

const MODES = ["over", "longest", "nan", "inf", "fraction", "zero", "duplicates", "huge"] as const;
type Mode = (typeof MODES)[number];

/** A boundary value of the validator's type for `mode`; `field` picks the text and number kind. */
function boundary(v: ValidatorJson, mode: Mode, field: string, ids: Partial<Record<string, string>>): unknown {
  switch (v.type) {
    case "string": {
      const limit = STRING_LIMITS[stringKindOf(field)];
      if (mode === "over") return "x".repeat(limit + 1);
      if (mode === "longest") return "x".repeat(limit);
      if (mode === "huge") return "x".repeat(100_001);
      if (mode === "zero") return "";
      return "ok value";
    }
    case "number":
    case "float64": {
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
    }
    case "int64":
      return mode === "fraction" ? -1n : 1n;
    case "boolean":
      return mode === "zero" ? false : true;
    case "null":
    case "any":
      return null;
    case "bytes":
      return new ArrayBuffer(1);
    case "literal":
      return v.value;
    case "id": {
      const id = ids[v.tableName!];
      if (!id) throw new Error(`boundaries: add a fixture id for table "${v.tableName}"`);
      return id;
    }
    case "array": {
      if (mode === "zero") return [];
      // Past the item limit, with plain items (a 100 kB string × 1,001 items is beyond any transport).
      if (mode === "huge")
        return Array.from({ length: 1_001 }, () => boundary(v.value as ValidatorJson, "duplicates", field, ids));
      const item = boundary(v.value as ValidatorJson, mode, field, ids);
      return mode === "duplicates" ? [item, item] : [item];
    }
    case "union": {
      const options = v.value as ValidatorJson[];
      return boundary(options.find((o) => o.type !== "null") ?? options[0], mode, field, ids);
    }
    case "record":
      return {};
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, f] of Object.entries(v.value as Fields)) {
        // Pagination options are the client library's own; they stay sane.
        if (k === "paginationOpts") out[k] = { numItems: 10, cursor: null };
        else out[k] = boundary(f.fieldType, mode, k, ids);
      }
      return out;
    }
    default:
      throw new Error(`boundaries: no value for validator type ${v.type}`);
  }
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
    if (kind === "query") await caller.query(makeFunctionReference<"query">(name), args);
    else if (kind === "mutation") await caller.mutation(makeFunctionReference<"mutation">(name), args);
    else await caller.action(makeFunctionReference<"action">(name), args);
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
        const fields = (JSON.parse(fn.exportArgs()) as { value: Fields }).value;
        for (const mode of MODES) {
          const args = boundary({ type: "object", value: fields }, mode, "", ids) as Record<string, unknown>;
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
