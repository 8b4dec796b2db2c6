/** The shipments list's own bulk actions: hold, release, re-allocate (convex/bulk.ts, 100 ids per call). */
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import type { BulkAction } from "../../../components/ui/bulk";

type Op = "hold" | "release" | "reallocate";

const shipmentAction = (op: Op, label: string, doneLabel: string, prompt?: BulkAction["prompt"]): BulkAction => ({
  key: op,
  label,
  doneLabel,
  pageSize: 100,
  prompt,
  run: (ids, client, state) =>
    client.mutation(api.bulk.shipments, {
      op,
      ids: ids as Id<"shipments">[],
      reason: typeof state.reason === "string" ? state.reason : undefined,
    }),
});

export const SHIPMENT_BULK_ACTIONS: readonly BulkAction[] = [
  shipmentAction("hold", "Hold", "held", { key: "reason", label: "Why are they held?", minLength: 3 }),
  shipmentAction("release", "Release", "released"),
  shipmentAction("reallocate", "Re-allocate", "re-allocated"),
];
