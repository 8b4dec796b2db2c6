/**
 * The runtime through the official clients, over the fixture project (dev/fixtures/convex):
 * live updates between clients, read-your-writes, errors, visibility, reconnects, scheduled
 * functions, gapless pagination, HTTP API, HTTP actions, storage, crons and demo auth.
 */
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { makeFunctionReference } from "convex/server";
import type { Runtime } from "./runtime";
import { client, httpClient, RawSocket, startFixture, waitFor } from "./testkit";
import { decodeTs, encodeTs } from "./protocol";
import { demoToken } from "./auth";

const q = <A extends Record<string, unknown> = Record<string, never>>(name: string) =>
  makeFunctionReference<"query", A>(name);
const m = <A extends Record<string, unknown> = Record<string, never>>(name: string) =>
  makeFunctionReference<"mutation", A>(name);
const all = q("notes:all");
const add = m<{ text: string; rank: number }>("notes:add");
type Page = { page: { text: string; rank: number }[]; continueCursor: string; isDone: boolean };
const list = makeFunctionReference<"query", { paginationOpts: { numItems: number; cursor: string | null } }, Page>(
  "notes:list",
);

let rt: Runtime;
const closers: (() => unknown)[] = [];
beforeEach(async () => {
  rt = await startFixture();
});
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  await rt.stop();
});
function open(role?: Parameters<typeof client>[1]) {
  const c = client(rt, role);
  closers.push(() => c.close());
  return c;
}

/** Subscribes and keeps the latest value. */
function watch<T>(c: ReturnType<typeof client>, ref: ReturnType<typeof q>, args: Record<string, unknown> = {}) {
  const box: { value?: T; error?: Error } = {};
  const unsub = c.onUpdate(
    ref,
    args,
    (v) => (box.value = v as T),
    (e) => (box.error = e),
  );
  closers.push(unsub);
  return box;
}

describe("live queries", () => {
  test("two clients see each other's writes", async () => {
    const a = open("supervisor");
    const b = open("floor");
    const seenByA = watch<string[]>(a, all);
    const seenByB = watch<string[]>(b, all);
    await waitFor(() => seenByA.value && seenByB.value, 5000, "first results");
    await b.mutation(add, { text: "from B", rank: 1 });
    await waitFor(() => (seenByA.value?.includes("from B") ? true : undefined), 5000, "A to see B's write");
    await a.mutation(add, { text: "from A", rank: 2 });
    await waitFor(() => (seenByB.value?.includes("from A") ? true : undefined), 5000, "B to see A's write");
  });

  test("a mutation resolves after its own write is visible (read-your-writes)", async () => {
    const a = open("admin");
    const seen = watch<string[]>(a, all);
    await waitFor(() => seen.value, 5000, "first result");
    for (let i = 0; i < 5; i++) {
      await a.mutation(add, { text: `n${i}`, rank: i });
      expect(seen.value).toContain(`n${i}`);
    }
  });

  test("a write to another table does not re-run a query that did not read it", async () => {
    const a = open();
    const seen = watch<string[]>(a, all);
    await waitFor(() => seen.value, 5000, "first result");
    const runs = rt.engine.cache.all().find((r) => r.udfPath === "notes:all")!;
    const before = runs.version;
    await a.mutation(m("notes:addOther"), {});
    await a.mutation(add, { text: "x", rank: 1 });
    expect(runs.version).toBe(before + 1);
  });

  test("a write re-runs only the queries whose index range (or page) contains the document", async () => {
    const a = open();
    for (const r of [1, 2, 3, 4, 5, 6]) await a.mutation(add, { text: `r${r}`, rank: r });
    const p1 = watch<Page>(a, list, { paginationOpts: { numItems: 3, cursor: null } });
    const first = await waitFor(() => p1.value, 5000, "page 1");
    const p2 = watch<Page>(a, list, { paginationOpts: { numItems: 3, cursor: first.continueCursor } });
    await waitFor(() => p2.value, 5000, "page 2");
    const runs = rt.engine.cache.all().filter((r) => r.udfPath === "notes:list");
    const [page1, page2] = [
      runs.find((r) => r.args.paginationOpts && (r.args.paginationOpts as { cursor: unknown }).cursor === null)!,
      runs.find((r) => (r.args.paginationOpts as { cursor: unknown }).cursor !== null)!,
    ];
    const v1 = page1.version;
    const v2 = page2.version;
    await a.mutation(add, { text: "r5.5", rank: 5.5 });
    expect([page1.version, page2.version]).toEqual([v1, v2 + 1]);
    await a.mutation(add, { text: "r0.5", rank: 0.5 });
    expect([page1.version, page2.version]).toEqual([v1 + 1, v2 + 1]);
  });

  test("clients with the same query, args and identity share one run", async () => {
    const a = open("floor");
    const b = open("floor");
    const sa = watch<string[]>(a, all);
    const sb = watch<string[]>(b, all);
    await waitFor(() => sa.value && sb.value, 5000, "results");
    expect(rt.engine.cache.all().filter((r) => r.udfPath === "notes:all")).toHaveLength(1);
  });
});

describe("errors and visibility", () => {
  test("a ConvexError reaches the client with its data intact (WebSocket and HTTP)", async () => {
    const a = open();
    const err = await a.mutation(m("notes:refuse"), {}).catch((e: unknown) => e as { data?: unknown });
    expect(err.data).toEqual({ code: "INVALID_INPUT", message: "Nope.", fields: { "shipTo.postalCode": "Bad code." } });
    const viaHttp = await httpClient(rt)
      .mutation(m("notes:refuse"), {})
      .catch((e: unknown) => e as { data?: unknown });
    expect(viaHttp.data).toEqual({
      code: "INVALID_INPUT",
      message: "Nope.",
      fields: { "shipTo.postalCode": "Bad code." },
    });
    const failing = watch(a, q("notes:refuseQuery"));
    const e = await waitFor(() => failing.error, 5000, "query error");
    expect((e as unknown as { data: unknown }).data).toEqual({ code: "FORBIDDEN", message: "Not for you." });
  });

  test("other errors are a bare Server Error, without details", async () => {
    const err = await open()
      .mutation(m("notes:crash"), {})
      .catch((e: unknown) => e as Error);
    expect(err.message).toContain("Server Error");
    expect(err.message).not.toContain("secret");
  });

  test("internal functions are refused to clients", async () => {
    const a = open("admin");
    const err = await a
      .mutation(m<{ text: string; rank: number }>("notes:addInternal"), { text: "sneaky", rank: 1 })
      .catch((e: unknown) => e as Error);
    expect(err.message).toContain("Could not find public function");
    const viaHttp = await httpClient(rt, "admin")
      .mutation(m<{ text: string; rank: number }>("notes:addInternal"), { text: "sneaky", rank: 1 })
      .catch((e: unknown) => e as Error);
    expect(viaHttp.message).toContain("Could not find public function");
    expect(await httpClient(rt).query(all, {})).toEqual([]);
  });
});

describe("reconnects", () => {
  test("a re-sent mutation (same session and request id) runs once and gets the same answer", async () => {
    const sessionId = "11111111-2222-4333-8444-555555555555";
    const first = await RawSocket.open(rt);
    first.send({ type: "Connect", sessionId, connectionCount: 0, lastCloseReason: null });
    first.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [] });
    first.send({ type: "Mutation", requestId: 7, udfPath: "notes:add", args: [{ text: "once", rank: 1 }] });
    const r1 = await first.next("MutationResponse");
    const t1 = await first.next("Transition");
    expect(r1.success).toBe(true);
    first.close();

    const second = await RawSocket.open(rt);
    second.send({
      type: "Connect",
      sessionId,
      connectionCount: 1,
      lastCloseReason: "gone",
      maxObservedTimestamp: t1.endVersion.ts,
    });
    second.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [] });
    second.send({ type: "Mutation", requestId: 7, udfPath: "notes:add", args: [{ text: "once", rank: 1 }] });
    const r2 = await second.next("MutationResponse");
    expect(r2).toEqual(r1);
    // Transitioned past the mutation's ts, so the client's promise resolves.
    await waitFor(() => {
      const ts = second.received.filter((x) => x.type === "Transition").map((x) => decodeTs(x.endVersion.ts));
      return r2.success && ts.some((t) => t >= decodeTs(r2.ts)) ? true : undefined;
    });
    second.close();
    expect(await httpClient(rt).query(all, {})).toEqual(["once"]);
  });

  test("the official client resubscribes after the connection drops", async () => {
    const a = open("floor");
    const b = open("floor");
    const seen = watch<string[]>(a, all);
    await waitFor(() => seen.value, 5000, "first result");
    rt.dropConnections();
    await b.mutation(add, { text: "after drop", rank: 1 });
    await waitFor(() => (seen.value?.includes("after drop") ? true : undefined), 10_000, "update after reconnect");
  });

  test("transitions chain versions and ts never goes down", async () => {
    const s = await RawSocket.open(rt);
    s.send({ type: "Connect", sessionId: "a", connectionCount: 0, lastCloseReason: null });
    s.send({
      type: "ModifyQuerySet",
      baseVersion: 0,
      newVersion: 1,
      modifications: [{ type: "Add", queryId: 0, udfPath: "notes.js:all", args: [{}] }],
    });
    await s.next("Transition");
    for (let i = 0; i < 3; i++) {
      s.send({ type: "Mutation", requestId: i, udfPath: "notes:add", args: [{ text: `t${i}`, rank: i }] });
      await s.next("MutationResponse");
    }
    await waitFor(() => (s.received.filter((x) => x.type === "Transition").length >= 3 ? true : undefined));
    const ts = s.received.filter((x) => x.type === "Transition");
    s.close();
    let prev = { querySet: 1, identity: 0, ts: "" };
    for (const t of ts) {
      if (prev.ts) expect(t.startVersion).toEqual(prev);
      if (prev.ts) expect(decodeTs(t.endVersion.ts) >= decodeTs(prev.ts)).toBe(true);
      prev = t.endVersion;
    }
    expect(encodeTs(decodeTs(prev.ts))).toBe(prev.ts);
  });
});

describe("scheduling, pagination, storage, HTTP actions, crons", () => {
  test("a scheduled mutation refreshes subscribers when it runs", async () => {
    const a = open();
    const seen = watch<string[]>(a, all);
    await waitFor(() => seen.value, 5000, "first result");
    await a.mutation(m<{ text: string; rank: number; ms: number }>("notes:addLater"), {
      text: "later",
      rank: 1,
      ms: 150,
    });
    expect(seen.value).not.toContain("later");
    await waitFor(() => (seen.value?.includes("later") ? true : undefined), 5000, "scheduled write");
  });

  test("pagination stays gapless when rows are inserted", async () => {
    const a = open();
    for (const r of [1, 2, 3, 4, 5, 6, 7]) await a.mutation(add, { text: `r${r}`, rank: r });
    const p1 = watch<Page>(a, list, { paginationOpts: { numItems: 3, cursor: null } });
    const first = await waitFor(() => p1.value, 5000, "page 1");
    const p2 = watch<Page>(a, list, { paginationOpts: { numItems: 3, cursor: first.continueCursor } });
    await waitFor(() => p2.value, 5000, "page 2");
    const texts = () => [...p1.value!.page, ...p2.value!.page].map((n) => n.text);
    expect(texts()).toEqual(["r1", "r2", "r3", "r4", "r5", "r6"]);
    await a.mutation(add, { text: "r2.5", rank: 2.5 });
    await a.mutation(add, { text: "r0", rank: 0 });
    await a.mutation(add, { text: "r3.5", rank: 3.5 });
    expect(p1.value!.page.map((n) => n.text)).toEqual(["r0", "r1", "r2", "r2.5", "r3"]);
    expect(texts()).toEqual(["r0", "r1", "r2", "r2.5", "r3", "r3.5", "r4", "r5", "r6"]);
    expect(p1.value!.continueCursor).toBe(first.continueCursor);
  });

  test("file storage: upload URL, upload, file URL, download", async () => {
    const a = open();
    const uploadUrl = (await a.mutation(m("notes:uploadUrl"), {})) as string;
    expect(uploadUrl.startsWith(rt.url)).toBe(true);
    const up = await fetch(uploadUrl, {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: "hello file",
    });
    const { storageId } = (await up.json()) as { storageId: string };
    const url = (await a.query(q<{ id: string }>("notes:fileUrl"), { id: storageId })) as string;
    const down = await fetch(url);
    expect(await down.text()).toBe("hello file");
    expect(down.headers.get("content-type")).toContain("text/plain");
  });

  test("HTTP actions are served on their own port and their writes reach subscribers", async () => {
    const a = open();
    const seen = watch<string[]>(a, all);
    await waitFor(() => seen.value, 5000, "first result");
    const res = await fetch(`${rt.httpActionsUrl}/hook`, {
      method: "POST",
      body: JSON.stringify({ text: "via hook" }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ ok: true, text: "via hook" });
    await waitFor(() => (seen.value?.includes("via hook") ? true : undefined), 5000, "hook write");
    expect((await fetch(`${rt.httpActionsUrl}/nowhere`)).status).toBe(404);
  });

  test("actions run, and their mutations reach subscribers", async () => {
    const a = open();
    const seen = watch<string[]>(a, all);
    await waitFor(() => seen.value, 5000, "first result");
    await a.action(makeFunctionReference<"action", { text: string; rank: number }>("notes:addViaAction"), {
      text: "from action",
      rank: 1,
    });
    await waitFor(() => (seen.value?.includes("from action") ? true : undefined), 5000, "action write");
  });

  test("crons run on timers", async () => {
    await rt.stop();
    rt = await startFixture({ crons: true });
    const a = open();
    const seen = watch<number>(a, q("notes:countOther"));
    await waitFor(() => ((seen.value ?? 0) >= 1 ? true : undefined), 5000, "a cron run");
  });
});

describe("demo auth", () => {
  test("a demo token maps to the offline-demo identity", async () => {
    const a = open("supervisor");
    const me = watch<Record<string, unknown> | null>(a, q("notes:whoami"));
    await waitFor(() => (me.value ? true : undefined), 5000, "identity");
    expect(me.value).toEqual({
      tokenIdentifier: "offline-demo|supervisor",
      subject: "supervisor",
      name: "Sam Supervisor",
      email: "supervisor@demo.local",
    });
    expect(await httpClient(rt, "floor").query(q("notes:whoami"), {})).toMatchObject({
      tokenIdentifier: "offline-demo|floor",
    });
  });

  test("signing out re-runs subscribed queries as nobody", async () => {
    const a = open("admin");
    const me = watch<{ subject: string } | null>(a, q("notes:whoami"));
    await waitFor(() => (me.value ? true : undefined), 5000, "identity");
    a.client.clearAuth();
    await waitFor(() => (me.value === null ? true : undefined), 5000, "signed-out result");
  });

  test("any other token is an AuthError, never a FatalError", async () => {
    const s = await RawSocket.open(rt);
    s.send({ type: "Connect", sessionId: "b", connectionCount: 0, lastCloseReason: null });
    const forged = demoToken("admin").replace(/^[^.]+/, Buffer.from('{"alg":"HS256"}').toString("base64url"));
    s.send({ type: "Authenticate", tokenType: "User", value: forged, baseVersion: 0 });
    const err = await s.next("AuthError");
    expect(err.authUpdateAttempted).toBe(true);
    s.send({ type: "Authenticate", tokenType: "User", value: demoToken("admin"), baseVersion: 0 });
    const t = await s.next("Transition");
    expect(t.endVersion.identity).toBe(1);
    expect(s.received.some((x) => (x.type as string) === "FatalError")).toBe(false);
    s.close();
  });

  test("GET /demo/info says offline; POST /test/reset empties the fixture and refreshes subscribers", async () => {
    expect(await (await fetch(`${rt.url}/demo/info`)).json()).toEqual({ offline: true });
    const a = open();
    const seen = watch<string[]>(a, all);
    await a.mutation(add, { text: "doomed", rank: 1 });
    expect(seen.value).toEqual(["doomed"]);
    expect((await fetch(`${rt.url}/test/reset`, { method: "POST" })).status).toBe(200);
    await waitFor(() => (seen.value?.length === 0 ? true : undefined), 5000, "reset to reach the client");
  });
});
