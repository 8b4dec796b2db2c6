/**
 * Refunds for cancelled units are recorded by the cancel verbs themselves since issue 20
 * (model/orders/refunds.ts, called from model/orders/lifecycle.ts `cancelOrder` / `cancelLines`),
 * so the portal, the pickups and the desk share one path and none records a refund twice.
 */
export { paymentCaptured } from "../orders/refunds";
