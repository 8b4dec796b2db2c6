/**
 * Says "I am here" for a place (`pickList:<id>`, `shipment:<id>`) every PRESENCE_HEARTBEAT_MS while the page is
 * open and leaves when it closes (the one presence hook, src/lib/usePresence); `othersHere` lists
 * the others, dropping rows whose heartbeats stopped (the server's cron removes them later; queries
 * cannot read the clock).
 */
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { usePresence } from "../../../lib/usePresence";
import { isPresent, PRESENCE_HEARTBEAT_MS } from "../../../../convex/lib/presence";

export type PresenceRow = { memberId: Id<"members">; name: string; lastSeen: number };

export function useFloorPresence(place: string | undefined, enabled = true) {
  usePresence({
    heartbeat: api.floor.presenceHeartbeat,
    heartbeatArgs: { place: place ?? "" },
    leave: api.floor.presenceLeave,
    leaveArgs: { place: place ?? "" },
    everyMs: PRESENCE_HEARTBEAT_MS,
    enabled: enabled && !!place,
  });
}

/** Names of the other people on a place, freshest first. */
export function othersHere(rows: PresenceRow[] | undefined, me: Id<"members"> | undefined, now = Date.now()): string[] {
  return (rows ?? [])
    .filter((p) => p.memberId !== me && isPresent(p, now))
    .sort((a, b) => b.lastSeen - a.lastSeen)
    .map((p) => p.name);
}
