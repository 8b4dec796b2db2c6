/** The orders list's own bulk actions: hold, release, allocate, re-allocate (convex/bulk.ts, 100 ids per call). */
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import type { BulkAction } from "../../../components/ui/bulk";

const PAGE = 100;
type Op = "hold" | "release" | "allocate" | "reallocate";

const orderAction = (op: Op, label: string, doneLabel: string, prompt?: BulkAction["prompt"]): BulkAction => ({
  key: op,
  label,
  doneLabel,
  pageSize: PAGE,
  prompt,
  run: (ids, client, state) =>
    client.mutation(api.bulk.orders, {
      op,
      ids: ids as Id<"orders">[],
      reason: typeof state.reason === "string" ? state.reason : undefined,
    }),
});

export const ORDER_BULK_ACTIONS: readonly BulkAction[] = [
  orderAction("hold", "Hold", "held", { key: "reason", label: "Why are they held?", minLength: 3 }),
  orderAction("release", "Release", "released"),
  orderAction("allocate", "Allocate", "allocated"),
  orderAction("reallocate", "Re-allocate", "re-allocated"),
];
