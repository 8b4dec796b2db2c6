/** The orders list's own bulk actions: hold, release, allocate, re-allocate (convex/bulk.ts). */
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { bulkOps } from "../../../components/ui/bulkOps";
import { ORDER_BULK_OPS } from "../../../../convex/lib/bulk";

export const ORDER_BULK_ACTIONS = bulkOps(ORDER_BULK_OPS, (client, a) =>
  client.mutation(api.bulk.orders, { ...a, ids: a.ids as Id<"orders">[] }),
);
