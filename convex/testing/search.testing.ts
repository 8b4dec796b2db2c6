/**
 * What the search tests (search.test.ts, searchBackfill.test.ts) search in: a tent and an ocean
 * basket, 50 of each, and two desk orders, Marguerite Okonkwo's (the tent) and Pat Doe's (the basket).
 */
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { customerOrder, setupStocked, upc } from "./setup.testing";

/** `tentBarcode` is the tent's UPC number; `margueriteEmail` her email as typed on the order. */
export async function searchWorld({ tentBarcode, margueriteEmail }: { tentBarcode: number; margueriteEmail: string }) {
  const s = await setupStocked(
    [50, 50],
    [
      { sku: "TNT-2P", name: "Trail tent two person", barcodes: [upc(tentBarcode)] },
      { sku: "BSK-OCEA", name: "Ocean basket" },
    ],
  );
  /** One unit of `productId` at 10.00 ordered by `name`. */
  const orderOf = (name: string, email: string, productId: Id<"products">) =>
    s.supervisor.mutation(api.orders.createManual, { order: customerOrder({ name, email }, [productId]) });
  const a = await orderOf("Marguerite Okonkwo", margueriteEmail, s.productIds[0]);
  const b = await orderOf("Pat Doe", "pat@example.com", s.productIds[1]);
  // The order notices' sends run now, not after the test file has ended (its module loader gone).
  await s.t.finishAllScheduledFunctions(() => {});
  return { ...s, orderOf, a, b };
}
