/** The orders list's own bulk actions: hold, release, allocate, re-allocate (convex/bulk.ts). */
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { bulkOps } from "../../../components/ui/bulkOps";

export const ORDER_BULK_ACTIONS = bulkOps(["hold", "release", "allocate", "reallocate"], (client, a) =>
  client.mutation(api.bulk.orders, { ...a, ids: a.ids as Id<"orders">[] }),
);
