/**
 * The one client clock: the time now, re-read every `everyMs`, optionally rounded (`round`), so a
 * component re-renders only when the rounded value changes. Presence lists use it to drop people
 * whose heartbeats stopped; the boards use it rounded to their 5-minute bucket (queries may not read
 * the clock, and every client in one bucket shares one cached result).
 */
import { useEffect, useState } from "react";

export function useNow({ everyMs = 15_000, round }: { everyMs?: number; round?: (ms: number) => number } = {}): number {
  const [now, setNow] = useState(() => (round ? round(Date.now()) : Date.now()));
  useEffect(() => {
    const t = setInterval(() => setNow(round ? round(Date.now()) : Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs, round]);
  return now;
}
