/**
 * Says "I am here" for a place (`pickList:<id>`, `shipment:<id>`) every 15 s while the page is
 * open and leaves when it closes; returns the others here, dropping rows whose heartbeats stopped
 * (the server's cron removes them later; queries cannot read the clock).
 */
import { useEffect, useState } from "react";
import { useMutation } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";

export const HEARTBEAT_MS = 15_000;
const STALE_MS = 45_000;

type PresenceRow = { memberId: Id<"members">; name: string; lastSeen: number };

export function usePresence(place: string | undefined, enabled = true) {
  const heartbeat = useMutation(api.floor.presenceHeartbeat);
  const leave = useMutation(api.floor.presenceLeave);
  useEffect(() => {
    if (!place || !enabled) return;
    const beat = () => void heartbeat({ place }).catch(() => {});
    beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    return () => {
      clearInterval(timer);
      void leave({ place }).catch(() => {});
    };
  }, [place, enabled, heartbeat, leave]);
}

/** Names of the other people on a place, freshest first. */
export function othersHere(rows: PresenceRow[] | undefined, me: Id<"members"> | undefined, now = Date.now()): string[] {
  return (rows ?? [])
    .filter((p) => p.memberId !== me && now - p.lastSeen < STALE_MS)
    .sort((a, b) => b.lastSeen - a.lastSeen)
    .map((p) => p.name);
}

/** A clock that ticks every `ms`, for "still here" filtering without polling the server. */
export function useNow(ms = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
