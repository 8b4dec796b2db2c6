/**
 * The start of most shipping scenarios: a fresh backend (`setupTest`) with one packed shipment
 * (`packedShipment`: 2 × P0 and 1 × P1 to San Francisco, in `weights.length` packages).
 */
import { setupTest, type AfterBackend } from "./setup.testing";
import { packedShipment } from "./shipping.testing";

/** `b` is the backend; the rest is what `packedShipment` made. */
export async function setupPacked(...args: AfterBackend<typeof packedShipment>) {
  const b = await setupTest();
  return { b, ...(await packedShipment(b, ...args)) };
}
