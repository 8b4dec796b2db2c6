/**
 * Presence, shared by the server and the client (no server imports): who is where right now.
 * A page sends a heartbeat every PRESENCE_HEARTBEAT_MS while open (and at once when what it says
 * changes); a row not refreshed for PRESENCE_TTL_MS counts as gone. The server's cron deletes such
 * rows; readers drop them earlier against their own clock, since queries cannot read the time.
 */
export const PRESENCE_TTL_MS = 45_000;
export const PRESENCE_HEARTBEAT_MS = 15_000;

/** The places: a pick list, a shipment at a pack station, the shipping-rules page. */
export const presencePlace = {
  pickList: (id: string) => `pickList:${id}`,
  shipment: (id: string) => `shipment:${id}`,
  shippingRules: "shippingRules",
} as const;

/** Whether a row's last heartbeat is recent enough to show the person as here. */
export const isPresent = (row: { lastSeen: number }, now: number) => now - row.lastSeen < PRESENCE_TTL_MS;
