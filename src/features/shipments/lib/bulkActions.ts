/** The shipments list's own bulk actions: hold, release, re-allocate (convex/bulk.ts). */
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { bulkOps } from "../../../components/ui/bulkOps";
import { SHIPMENT_BULK_OPS } from "../../../../convex/lib/bulk";

export const SHIPMENT_BULK_ACTIONS = bulkOps(SHIPMENT_BULK_OPS, (client, a) =>
  client.mutation(api.bulk.shipments, { ...a, ids: a.ids as Id<"shipments">[] }),
);
