/**
 * "Add to batch" over a selection larger than a batch holds: the client fills the batch to the
 * room the server reports after each call, then starts a new batch. The client here answers as
 * `batches.create` / `batches.add` do (their own behaviour is tested in convex/batches.test.ts).
 */
import { describe, expect, it } from "vitest";
import type { ConvexReactClient } from "convex/react";
import { getFunctionName } from "convex/server";
import { runBulk } from "../../components/ui/bulk";
import { shipmentBulkActions } from "./bulkActions";

const CAPACITY = 250;

function fakeServer() {
  const batches: string[][] = [];
  const calls: { fn: string; n: number }[] = [];
  const answer = (batch: number, ids: string[]) => {
    const refused: { id: string; reason: string }[] = [];
    for (const id of ids) {
      if (id.endsWith("-held")) refused.push({ id, reason: `${id} is on hold; release it first.` });
      else if (batches[batch].length >= CAPACITY) refused.push({ id, reason: "full" });
      else batches[batch].push(id);
    }
    return { batchId: `b${batch}`, added: 0, refused, room: CAPACITY - batches[batch].length };
  };
  const client = {
    mutation: async (ref: unknown, args: { batchId?: string; shipmentIds: string[] }) => {
      const fn = getFunctionName(ref as never);
      calls.push({ fn, n: args.shipmentIds.length });
      if (fn === "batches:create") {
        batches.push([]);
        return answer(batches.length - 1, args.shipmentIds);
      }
      return answer(Number(args.batchId!.slice(1)), args.shipmentIds);
    },
  } as unknown as ConvexReactClient;
  return { client, batches, calls };
}

describe("Add to batch", () => {
  it("fills a batch to its room, then makes the next; every id lands once; refusals are counted, not lost", async () => {
    const { client, batches, calls } = fakeServer();
    const ids = Array.from({ length: 620 }, (_, i) => (i === 5 ? `s${i}-held` : `s${i}`));
    const action = shipmentBulkActions.find((a) => a.key === "add-to-batch")!;
    const s = await runBulk({ action, ids, client });
    expect(batches.map((b) => b.length)).toEqual([250, 250, 119]);
    expect(new Set(batches.flat()).size).toBe(619);
    expect(s).toMatchObject({ total: 620, processed: 620, done: 619 });
    expect(s.refused).toEqual([{ id: "s5-held", reason: "s5-held is on hold; release it first." }]);
    expect(s.open).toEqual(["/batches/b0", "/batches/b1", "/batches/b2"]);
    // No call sends more than a page, and none to a full batch.
    expect(Math.max(...calls.map((c) => c.n))).toBeLessThanOrEqual(100);
    expect(calls.filter((c) => c.fn === "batches:create")).toHaveLength(3);
  });
});
