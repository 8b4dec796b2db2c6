/**
 * "Now" for the boards: the clock rounded down to 5 minutes (queries may not read the clock; every
 * client in the same bucket shares one cached result). Checked every minute; the value, and so the
 * subscriptions, change only when the bucket does.
 */
import { useEffect, useState } from "react";
import { roundNow } from "../../../../convex/lib/clock";

export function useNowBucket(tickMs = 60_000): number {
  const [bucket, setBucket] = useState(() => roundNow(Date.now()));
  useEffect(() => {
    const id = setInterval(() => setBucket(roundNow(Date.now())), tickMs);
    return () => clearInterval(id);
  }, [tickMs]);
  return bucket;
}
