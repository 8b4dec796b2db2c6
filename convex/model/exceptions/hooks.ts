/**
 * What happens once an order has passed validation, in the same transaction: its confirmation is
 * queued for the customer and, when a carrier verifies addresses, the verification is scheduled.
 */
import type { MutationCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import type { ExceptionSettings } from "./settings";

export async function onOrderReady(_ctx: MutationCtx, _orderId: Id<"orders">, _settings: ExceptionSettings) {
  // Filled by the notification and address verification slices.
}
