/** "Also here: …": the other people on the same work right now (their heartbeats still fresh). */
import type { Id } from "../../../../convex/_generated/dataModel";
import { useNow } from "../../../lib/useNow";
import { othersHere, type PresenceRow } from "../hooks/usePresence";

export function OthersHere({ rows, me }: { rows: PresenceRow[] | undefined; me: Id<"members"> | undefined }) {
  const now = useNow();
  const others = othersHere(rows, me, now);
  if (others.length === 0) return null;
  return <p className="here">Also here: {others.join(", ")}</p>;
}
