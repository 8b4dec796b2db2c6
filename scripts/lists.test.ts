/**
 * "Each list once" and "one rule in one place" (README "Where things live"): a list of values —
 * statuses, kinds, roles, reasons, formats, the fields a board shows — and a pattern a value must
 * match (a SKU, an email address, a time of day) are written in one place and imported everywhere
 * else. This reads every source file of convex/ and src/ (tests, test helpers and generated code
 * aside) and fails when the same list of quoted values is written twice — three or more values
 * anywhere, or two when one copy is the client's (the client's copy of a server list is how a form
 * comes to offer what the server refuses) — or the same pattern of 8 or more characters is written
 * in two files (a form's copy of the server's check drifts from it). Index field lists are schema,
 * not values, and are not read.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";

const ROOT = join(import.meta.dirname, "..");

/** Lists and patterns that are the same by coincidence, each with why it is not one rule. */
const SAME_BY_COINCIDENCE: Record<string, string> = {
  "orders|shipments": "the desk's two lists, and the two figures the boards' loading skeleton names",
  "L|M|S": "box sizes of two seeded product families",
  "[^A-Z0-9]+": "folding address text (lib/address.ts), and a channel code made an environment variable's name",
};

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.(test|testing)\.tsx?$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
    .filter((p) => !p.includes("_generated"));
}

type Place = { file: string; line: number };

/** Every array literal of two or more quoted strings, keyed by its values (sorted, as a set). */
function listsIn(files: { file: string; text: string }[]): Map<string, Place[]> {
  const lists = new Map<string, Place[]>();
  const literal = /\[\s*((?:"[^"\n]+"\s*,\s*)+"[^"\n]+"\s*,?)\s*\]/g;
  for (const { file, text } of files) {
    for (const m of text.matchAll(literal)) {
      const start = text.lastIndexOf("\n", m.index) + 1;
      const lineText = text.slice(start, text.indexOf("\n", m.index + m[0].length));
      if (/index\(/i.test(lineText)) continue;
      const values = [...new Set([...m[1].matchAll(/"([^"]+)"/g)].map((v) => v[1]))].sort();
      if (values.length < 2) continue;
      const key = values.join("|");
      const places = lists.get(key) ?? [];
      places.push({ file, line: text.slice(0, m.index).split("\n").length });
      lists.set(key, places);
    }
  }
  return lists;
}

/** Every regular-expression literal of 8 or more characters outside comments, keyed by its source. */
function patternsIn(files: { file: string; text: string }[]): Map<string, Place[]> {
  const patterns = new Map<string, Place[]>();
  const literal = /(?<=[(=,:!&|?\s])\/((?:\\\/|\[[^\]\n]*\]|[^/\n[])+)\/[dgimsuy]*(?=[.,;)\s])/g;
  for (const { file, text } of files) {
    const code = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " ")).replace(/^\s*\/\/.*$/gm, "");
    for (const m of code.matchAll(literal)) {
      if (m[1].length < 8) continue;
      const places = patterns.get(m[1]) ?? [];
      if (!places.some((p) => p.file === file)) places.push({ file, line: code.slice(0, m.index).split("\n").length });
      patterns.set(m[1], places);
    }
  }
  return patterns;
}

/** The patterns written in more than one file, as "pattern: file:line, …". */
function repeatedPatterns(patterns: Map<string, Place[]>): string[] {
  return [...patterns]
    .filter(([source, places]) => places.length > 1 && !SAME_BY_COINCIDENCE[source])
    .map(([source, places]) => `${source}: ${places.map((p) => `${p.file}:${p.line}`).join(", ")}`);
}

/** The lists written more than once that the rule above refuses, as "values: file:line, …". */
function repeatedLists(lists: Map<string, Place[]>): string[] {
  const out: string[] = [];
  for (const [key, places] of lists) {
    if (places.length < 2 || SAME_BY_COINCIDENCE[key]) continue;
    const onClient = places.some((p) => p.file.startsWith("src/"));
    if (key.split("|").length >= 3 || onClient)
      out.push(`${key}: ${places.map((p) => `${p.file}:${p.line}`).join(", ")}`);
  }
  return out;
}

describe("each list of values and each pattern is written once", () => {
  const files = () =>
    [...sourceFiles("convex"), ...sourceFiles("src")].map((file) => ({
      file,
      text: readFileSync(join(ROOT, file), "utf8"),
    }));

  test("no list of values is written twice in convex/ or src/", () => {
    const all = files();
    expect(all.length).toBeGreaterThan(300);
    expect(repeatedLists(listsIn(all))).toEqual([]);
  });

  test("no pattern is written in two files of convex/ or src/", () => {
    expect(repeatedPatterns(patternsIn(files()))).toEqual([]);
  });

  test("the pattern check sees a form's copy of a server pattern, and not one in a comment", () => {
    const found = repeatedPatterns(
      patternsIn([
        { file: "convex/model/a.ts", text: "const SKU = /^[A-Z0-9][A-Z0-9-]{0,39}$/;" },
        { file: "src/features/a/form.ts", text: "if (!/^[A-Z0-9][A-Z0-9-]{0,39}$/.test(v.sku)) add();" },
        { file: "convex/model/b.ts", text: "/** Matches /^https?:\\/\\/[^\\s]+$/ like the form. */\nconst x = 1;" },
        { file: "src/features/b/form.ts", text: 'z.string().regex(/^https?:\\/\\/[^\\s]+$/, "Enter an address.")' },
      ]),
    );
    expect(found).toEqual(["^[A-Z0-9][A-Z0-9-]{0,39}$: convex/model/a.ts:1, src/features/a/form.ts:1"]);
  });

  test("the check sees a client copy of a server list, and a server list written twice", () => {
    const found = repeatedLists(
      listsIn([
        { file: "convex/model/a/tables.ts", text: 'export const KINDS = ["phone", "wholesale"] as const;' },
        { file: "src/features/a/form.ts", text: 'const KINDS = [\n  "wholesale",\n  "phone",\n];' },
        { file: "convex/model/b/x.ts", text: 'for (const s of ["queued", "sending", "failed"] as const) {}' },
        { file: "convex/model/b/y.ts", text: 'const DUE = ["failed", "queued", "sending"];' },
        { file: "convex/model/c/tables.ts", text: '.index("by_a_and_b", ["a", "b"]),\n.index("by_x", ["a", "b"])' },
        { file: "convex/model/d/one.ts", text: 'const PAIR = ["x", "y"];' },
        { file: "convex/model/d/two.ts", text: 'const PAIR = ["y", "x"];' },
      ]),
    );
    expect(found).toEqual([
      "phone|wholesale: convex/model/a/tables.ts:1, src/features/a/form.ts:1",
      "failed|queued|sending: convex/model/b/x.ts:1, convex/model/b/y.ts:1",
    ]);
  });
});
