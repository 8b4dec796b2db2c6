/**
 * "Each list once" (README "Where things live"): a list of values — statuses, kinds, roles, reasons,
 * formats, the fields a board shows — is written in one place and imported everywhere else. This
 * reads every source file of convex/ and src/ (tests, test helpers and generated code aside) and
 * fails when the same list of quoted values is written twice: three or more values anywhere, or two
 * when one copy is the client's (the client's copy of a server list is how a form comes to offer
 * what the server refuses). Index field lists are schema, not values, and are not read.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";

const ROOT = join(import.meta.dirname, "..");

/** Lists that are the same by coincidence, each with why it is not one list. */
const SAME_BY_COINCIDENCE: Record<string, string> = {
  "orders|shipments": "the desk's two lists, and the two figures the boards' loading skeleton names",
  "L|M|S": "box sizes of two seeded product families",
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

describe("each list of values is written once", () => {
  test("no list of values is written twice in convex/ or src/", () => {
    const files = [...sourceFiles("convex"), ...sourceFiles("src")].map((file) => ({
      file,
      text: readFileSync(join(ROOT, file), "utf8"),
    }));
    expect(files.length).toBeGreaterThan(300);
    expect(repeatedLists(listsIn(files))).toEqual([]);
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
