/** What the channel contracts (amazon, shopify) share. */
import { ChannelError, type ShipmentConfirmation } from "../channels/types";
import { check } from "./replay.testing";

/** The error a channel adapter call failed with; the case fails when it succeeded or threw anything but a ChannelError. */
export async function channelFailure(p: Promise<unknown>) {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  check(e instanceof ChannelError, `expected a ChannelError, got ${String(e)}`);
  return e;
}

/** A package to confirm, with what a case does not look at filled in: package "k", the whole order, shipped at 0. */
export const confirmation = (
  c: Pick<ShipmentConfirmation, "externalOrderId" | "carrier" | "trackingNumber"> & Partial<ShipmentConfirmation>,
): ShipmentConfirmation => ({ packageKey: "k", items: [], shippedAt: 0, ...c });
