/**
 * "Now" for the boards: the clock rounded down to 5 minutes (queries may not read the clock; every
 * client in the same bucket shares one cached result). Checked every minute; the value, and so the
 * subscriptions, change only when the bucket does.
 */
import { roundNow } from "../../../../convex/lib/clock";
import { useNow } from "../../../lib/useNow";

export function useNowBucket(tickMs = 60_000): number {
  return useNow({ everyMs: tickMs, round: roundNow });
}
