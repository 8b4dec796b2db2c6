/** The shipments list's own bulk actions: hold, release, re-allocate (convex/bulk.ts). */
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { bulkOps } from "../../../components/ui/bulkOps";

export const SHIPMENT_BULK_ACTIONS = bulkOps(["hold", "release", "reallocate"], (client, a) =>
  client.mutation(api.bulk.shipments, { ...a, ids: a.ids as Id<"shipments">[] }),
);
