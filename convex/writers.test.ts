/**
 * One writer per rule (CONVENTIONS 13, issue 13 point 6), proved over the source: stock figures
 * of a level and the ledger's movements are written only by model/inventory/ledger.ts; shipments'
 * lines and statuses only by model/allocation/shipmentLines.ts; the order pipeline's modules import each other
 * without a cycle (model/orders/pipeline.ts owns the sequences that used to make one).
 */
import { describe, expect, test } from "vitest";

const sources = import.meta.glob(["./**/*.ts", "!./_generated/**", "!./**/*.test.ts", "!./**/*.testing.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

/** Every db write call on `table` in a file, with the text of its arguments (up to the closing brace). */
function writes(text: string, table: string, verbs = ["patch", "insert", "replace"]) {
  const out: string[] = [];
  const re = new RegExp(`\\.(${verbs.join("|")})\\(\\s*"${table}"`, "g");
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(text.slice(m.index, m.index + 400).split(/\)\s*;/)[0]);
  return out;
}

function offenders(table: string, owner: string, touches: (call: string) => boolean) {
  const found: string[] = [];
  for (const [path, text] of Object.entries(sources)) {
    if (path === owner) continue;
    for (const call of writes(text, table)) if (touches(call)) found.push(`${path}: ${call.slice(0, 120)}`);
  }
  return found;
}

describe("one writer per rule", () => {
  test("the walk sees the files (a rename would make the proofs vacuous)", () => {
    expect(Object.keys(sources)).toEqual(
      expect.arrayContaining([
        "./model/inventory/ledger.ts",
        "./model/allocation/shipmentLines.ts",
        "./model/orders/pipeline.ts",
        "./model/floor/picking.ts",
      ]),
    );
    expect(writes(sources["./model/inventory/ledger.ts"], "inventoryLevels").length).toBeGreaterThanOrEqual(3);
    expect(writes(sources["./model/allocation/shipmentLines.ts"], "shipments").length).toBeGreaterThanOrEqual(4);
  });

  test("a level's onHand, reserved and damaged change only in the ledger", () => {
    expect(
      offenders(
        "inventoryLevels",
        "./model/inventory/ledger.ts",
        (call) =>
          /\b(onHand|reserved|damaged)\b/.test(call) || call.startsWith(".insert") || call.startsWith(".replace"),
      ),
    ).toEqual([]);
    expect(offenders("inventoryMovements", "./model/inventory/ledger.ts", () => true)).toEqual([]);
  });

  test("a shipment's lines are written only by shipmentLines", () => {
    expect(
      offenders(
        "shipments",
        "./model/allocation/shipmentLines.ts",
        (call) => /\blines\b/.test(call) || call.startsWith(".insert") || call.startsWith(".replace"),
      ),
    ).toEqual([]);
  });

  test("a shipment's status changes only through setShipmentStatus, against the transition table", () => {
    expect(offenders("shipments", "./model/allocation/shipmentLines.ts", (call) => /\bstatus\b/.test(call))).toEqual(
      [],
    );
    const owner = writes(sources["./model/allocation/shipmentLines.ts"], "shipments", ["patch"]);
    // Inside the owner, the one patch that names a status is setShipmentStatus's own.
    expect(owner.filter((call) => /\bstatus\b/.test(call))).toHaveLength(1);
  });

  test("a write that changes what an order or product is searched by also writes its search text (lib/search.ts)", () => {
    const stale = (table: string, searched: RegExp) => {
      const found: string[] = [];
      for (const [path, text] of Object.entries(sources)) {
        // The whole call, to its closing "});" (an insert names many fields).
        const re = new RegExp(`\\.(patch|insert|replace)\\(\\s*"${table}"`, "g");
        for (let m = re.exec(text); m; m = re.exec(text)) {
          const call = text.slice(m.index).split(/\}\s*\)\s*;/)[0];
          if ((call.startsWith(".insert") || searched.test(call)) && !/\bsearchText\b/.test(call))
            found.push(`${path}: ${call.slice(0, 120)}`);
        }
      }
      return found;
    };
    expect(writes(sources["./model/orders/create.ts"], "orders").length).toBe(1);
    expect(stale("orders", /\b(customer|number)\b/)).toEqual([]);
    expect(stale("products", /\b(name|sku|barcodes)\b|\.\.\./)).toEqual([]);
  });

  test("the pipeline's modules import each other without a cycle", () => {
    const graph = new Map<string, string[]>();
    for (const [path, text] of Object.entries(sources)) {
      if (!path.startsWith("./model/")) continue;
      const deps: string[] = [];
      for (const m of text.matchAll(/^import (?!type)[^;]*?from "(\.[^"]+)";/gm)) {
        const parts = path.split("/").slice(0, -1);
        for (const seg of m[1].split("/")) {
          if (seg === "..") parts.pop();
          else if (seg !== ".") parts.push(seg);
        }
        const target = `${parts.join("/")}.ts`;
        if (target.startsWith("./model/") && sources[target] !== undefined) deps.push(target);
      }
      graph.set(path, deps);
    }
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (node: string, stack: string[]) => {
      if (state.get(node) === "done") return;
      if (state.get(node) === "open") {
        cycles.push([...stack.slice(stack.indexOf(node)), node].join(" → "));
        return;
      }
      state.set(node, "open");
      for (const next of graph.get(node) ?? []) visit(next, [...stack, node]);
      state.set(node, "done");
    };
    for (const node of graph.keys()) visit(node, []);
    const pipeline = [
      "orders/lifecycle",
      "orders/pipeline",
      "orders/settle",
      "allocation/",
      "holds/holds",
      "inventory/",
    ];
    expect(cycles.filter((c) => pipeline.some((p) => c.includes(p)))).toEqual([]);
  });
});
