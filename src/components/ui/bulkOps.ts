/**
 * The status operations the orders and shipments lists share as bulk actions (convex/bulk.ts, 100
 * ids per call): each op's words once, and "Hold" asks why.
 */
import type { ConvexReactClient } from "convex/react";
import type { BulkAction, BulkPageResult } from "./bulk";
import type { BulkOp } from "../../../convex/lib/bulk";
import { MAX_BULK_IDS, MIN_REASON_LENGTH } from "../../../convex/lib/bounds";

const OPS: Record<BulkOp, Pick<BulkAction, "label" | "doneLabel" | "prompt">> = {
  hold: {
    label: "Hold",
    doneLabel: "held",
    prompt: { key: "reason", label: "Why are they held?", minLength: MIN_REASON_LENGTH },
  },
  release: { label: "Release", doneLabel: "released" },
  allocate: { label: "Allocate", doneLabel: "allocated" },
  reallocate: { label: "Re-allocate", doneLabel: "re-allocated" },
};

/** One bulk action per op, in the order given, each a page of ids sent through `call`. */
export function bulkOps<Op extends BulkOp>(
  ops: readonly Op[],
  call: (client: ConvexReactClient, args: { op: Op; ids: string[]; reason?: string }) => Promise<BulkPageResult>,
): BulkAction[] {
  return ops.map((op) => ({
    key: op,
    ...OPS[op],
    pageSize: MAX_BULK_IDS,
    run: (ids, client, state) =>
      call(client, { op, ids, reason: typeof state.reason === "string" ? state.reason : undefined }),
  }));
}
