/**
 * Contract with convex-test: the internals the offline runtime relies on. If convex-test is
 * upgraded (it is pinned to an exact version for this reason), these say what broke.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { makeFunctionReference } from "convex/server";
import { Backend } from "./backend";
import { internals } from "./convexTest";
import { newRunScope, runScope, tableOfId, type BackendScope } from "./tracker";
import { parseCursor } from "./ranges";
import { FIXTURE_DIR } from "./testkit";

const root = resolve(import.meta.dirname, "..");

function scope(writes: [string, string | null][]): BackendScope {
  return { alive: true, storageBaseUrl: "http://127.0.0.1:1", onWrite: (t, id) => void writes.push([t, id]) };
}

describe("convex-test contract", () => {
  test("convex-test is pinned to the version this runtime was written against", () => {
    const pkg = JSON.parse(readFileSync(resolve(root, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    const installed = JSON.parse(readFileSync(resolve(root, "node_modules/convex-test/package.json"), "utf8")) as {
      version: string;
    };
    expect(pkg.devDependencies["convex-test"]).toBe("0.0.60");
    expect(installed.version).toBe("0.0.60");
  });

  test("syscalls go through globalThis.Convex, which convex-test installs once and we wrap", async () => {
    const writes: [string, string | null][] = [];
    const b = await Backend.create(FIXTURE_DIR, scope(writes));
    const wrapped = (globalThis as { Convex?: object }).Convex;
    // A second backend must not replace the wrapper (convex-test guards its install with a flag).
    await Backend.create(FIXTURE_DIR, scope([]));
    expect((globalThis as { Convex?: object }).Convex).toBe(wrapped);
    const id = (await b.within(() => b.call("mutation", "notes:add", { text: "a", rank: 1 }, null))) as string;
    expect(writes).toEqual([["notes", id]]);
  });

  test("internals the durable runtime restores through (dev/durable.ts)", async () => {
    const b = await Backend.create(FIXTURE_DIR, scope([]));
    for (const f of [
      "getDb",
      "getConvexGlobal",
      "runScheduledFunction",
      "frameworkSetTimeout",
      "validateValidator",
    ] as const) {
      expect(typeof internals[f]).toBe("function");
    }
    let db: Record<string, unknown> | null = null;
    let lockHeld: unknown = null;
    await b.t.run(async () => {
      db = internals.getDb() as unknown as Record<string, unknown>;
      // The lock an action's storage write waits for (tracker.ts): a promise while a transaction runs.
      lockHeld = internals.getConvexGlobal().transactionManager._waitOnCurrentFunction;
      return null;
    });
    expect(lockHeld).toBeInstanceOf(Promise);
    const fake = db as unknown as Record<string, unknown>;
    // The fields restored from disk: documents, blobs, the id counter and the creation-time floor.
    expect(typeof fake._documents).toBe("object");
    expect(typeof fake._storage).toBe("object");
    expect(typeof fake._nextDocId).toBe("number");
    expect(typeof fake._lastCreationTime).toBe("number");
    const id = (await b.call("mutation", "notes:add", { text: "a", rank: 1 }, null)) as string;
    expect(Number.parseInt(id, 10)).toBe((fake._nextDocId as number) - 1);
    expect(() => internals.validateValidator({ type: "number" }, "x")).toThrow();
  });

  test("ids are <digits><table>", async () => {
    const b = await Backend.create(FIXTURE_DIR, scope([]));
    const id = (await b.call("mutation", "notes:add", { text: "a", rank: 1 }, null)) as string;
    expect(id).toMatch(/^[0-9]+notes$/);
    expect(tableOfId(id)).toBe("notes");
  });

  test("reads are visible per run: index ranges with the schema's fields, gets by id", async () => {
    const b = await Backend.create(FIXTURE_DIR, scope([]));
    const id = (await b.call("mutation", "notes:add", { text: "a", rank: 1 }, null)) as string;
    const s1 = newRunScope(null);
    await b.within(() => runScope.run(s1, () => b.call("query", "notes:all", {}, null)));
    expect(s1.reads.ranges).toEqual([
      { table: "notes", fields: ["rank", "_creationTime", "_id"], bounds: [], order: "asc" },
    ]);
    const s2 = newRunScope(null);
    await runScope.run(s2, () => b.call("query", "notes:get", { id }, null));
    expect([...s2.reads.docs]).toEqual([id]);
    expect(s2.reads.tables.size + s2.reads.ranges.length).toBe(0);
  });

  test("cursors are JSON arrays of JSON-encoded keys over index fields + _creationTime + _id", async () => {
    const b = await Backend.create(FIXTURE_DIR, scope([]));
    for (const r of [1, 2, 3]) await b.call("mutation", "notes:add", { text: `r${r}`, rank: r }, null);
    const page = (await b.call("query", "notes:list", { paginationOpts: { numItems: 2, cursor: null } }, null)) as {
      page: { rank: number; _creationTime: number; _id: string }[];
      continueCursor: string;
    };
    const last = page.page[1];
    expect(parseCursor(page.continueCursor)).toEqual([last.rank, last._creationTime, last._id]);
  });

  test("our copy of convex-test exposes DatabaseFake with the methods we replace", async () => {
    const writes: [string, string | null][] = [];
    const b = await Backend.create(FIXTURE_DIR, scope(writes));
    await b.call("mutation", "notes:add", { text: "a", rank: 2 }, null);
    await b.call("mutation", "notes:addOther", {}, null);
    // Table scans see exactly their table's documents, pending writes included.
    const seen = await b.t.run(async (ctx) => {
      await ctx.db.insert("notes", { text: "pending", rank: 1 });
      return (await ctx.db.query("notes").collect()).map((n) => n.text as string);
    });
    expect(seen).toEqual(["a", "pending"]);
    expect(await b.call("query", "notes:countOther", {}, null)).toBe(1);
    // Index ranges with .eq on the first field use our by-value index: committed, patched,
    // deleted and pending documents all count as convex-test would count them.
    const byRank = (rank: number) =>
      b.t.run(async (ctx) =>
        (
          await ctx.db
            .query("notes")
            .withIndex("by_rank", (q) => q.eq("rank", rank))
            .collect()
        ).map((n) => n.text as string),
      );
    expect(await byRank(2)).toEqual(["a"]);
    const id = (await b.call("mutation", "notes:add", { text: "b", rank: 2 }, null)) as string;
    expect(await byRank(2)).toEqual(["a", "b"]);
    await b.t.run(async (ctx) => {
      await ctx.db.patch(id as never, { rank: 3 });
      return null;
    });
    expect([await byRank(2), await byRank(3)]).toEqual([["a"], ["b"]]);
    const inTx = await b.t.run(async (ctx) => {
      await ctx.db.insert("notes", { text: "c", rank: 3 });
      await ctx.db.delete(id as never);
      return (
        await ctx.db
          .query("notes")
          .withIndex("by_rank", (q) => q.eq("rank", 3))
          .collect()
      ).map((n) => n.text as string);
    });
    expect(inTx).toEqual(["c"]);
    expect(await byRank(3)).toEqual(["c"]);
  });

  test("queryPage honours endCursor (stops there, ignoring numItems): our page journal", async () => {
    const b = await Backend.create(FIXTURE_DIR, scope([]));
    for (const r of [1, 2, 3, 4, 5]) await b.call("mutation", "notes:add", { text: `r${r}`, rank: r }, null);
    const s = newRunScope(null);
    type Page = { page: { rank: number }[]; continueCursor: string };
    const first = (await runScope.run(s, () =>
      b.call("query", "notes:list", { paginationOpts: { numItems: 2, cursor: null } }, null),
    )) as Page;
    expect(s.journalOut?.endCursor).toBe(first.continueCursor);
    await b.call("mutation", "notes:add", { text: "r1.5", rank: 1.5 }, null);
    const again = (await runScope.run(newRunScope(s.journalOut), () =>
      b.call("query", "notes:list", { paginationOpts: { numItems: 2, cursor: null } }, null),
    )) as Page;
    expect(again.page.map((n) => n.rank)).toEqual([1, 1.5, 2]);
    expect(again.continueCursor).toBe(first.continueCursor);
  });

  test("scheduled functions run on real timers inside the scheduler's async context", async () => {
    const writes: [string, string | null][] = [];
    const b = await Backend.create(FIXTURE_DIR, scope(writes));
    await b.within(() => b.call("mutation", "notes:addLater", { text: "later", rank: 1, ms: 20 }, null));
    await new Promise((r) => setTimeout(r, 200));
    expect(writes.map(([t]) => t)).toContain("notes");
    expect(writes.map(([t]) => t)).toContain("_scheduled_functions");
  });

  test("registered functions carry isQuery/isMutation/isAction and isPublic flags", async () => {
    const b = await Backend.create(FIXTURE_DIR, scope([]));
    expect(await b.resolve("notes:all")).toEqual({ ok: true, kind: "query", isPublic: true, udfPath: "notes:all" });
    expect(await b.resolve("notes:addInternal")).toEqual({
      ok: true,
      kind: "mutation",
      isPublic: false,
      udfPath: "notes:addInternal",
    });
    expect(await b.resolve("notes:addViaAction")).toMatchObject({ ok: true, kind: "action", isPublic: true });
    expect((await b.resolve("notes:nope")).ok).toBe(false);
  });

  test("a ConvexError thrown in a function arrives with its data as an object", async () => {
    const b = await Backend.create(FIXTURE_DIR, scope([]));
    const e = (await b.call("mutation", "notes:refuse", {}, null).then(
      () => undefined,
      (x: unknown) => x,
    )) as { data: unknown };
    expect(e.data).toMatchObject({ code: "INVALID_INPUT" });
  });

  test("withIdentity passes the identity through unchanged", async () => {
    const b = await Backend.create(FIXTURE_DIR, scope([]));
    const me = await b
      .as({ tokenIdentifier: "offline-demo|floor", subject: "floor", issuer: "offline-demo", name: "Fran Floor" })
      .query(makeFunctionReference<"query">("notes:whoami"), {});
    expect(me).toEqual({ tokenIdentifier: "offline-demo|floor", subject: "floor", name: "Fran Floor", email: null });
  });
});
