/**
 * Claims on floor work that one person does at a time: a pick list (picking) and a shipment
 * (packing). The claimer keeps the work until it is done or they let go; anyone else is refused by
 * the claimer's name, and only the claimer or a supervisor can release it.
 */
import type { Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { appError } from "../../lib/errors";

/** What a claimable row carries: its number and who holds it. */
type ClaimedWork = { number: string; claimedBy?: Id<"members">; claimedByName?: string };

/** The claim fields of the actor's claim, and of no claim. */
export const claimBy = (actor: Actor) => ({ claimedBy: actor.id, claimedByName: actor.name });
export const NO_CLAIM = { claimedBy: undefined, claimedByName: undefined };

/** Whether the actor holds the work already; refuses when someone else does ("Ana is already picking PL-0012."). */
export function heldByActor(work: ClaimedWork, actor: Actor, doing: "picking" | "packing"): boolean {
  if (work.claimedBy && work.claimedBy !== actor.id)
    throw appError("CONFLICT", `${work.claimedByName} is already ${doing} ${work.number}.`);
  return work.claimedBy === actor.id;
}

/** Whether there is a claim to release; refuses anyone but the claimer or a supervisor. */
export function releasable(work: ClaimedWork, actor: Actor, asSupervisor: boolean): boolean {
  if (!work.claimedBy) return false;
  if (work.claimedBy !== actor.id && !asSupervisor)
    throw appError("FORBIDDEN", `Only ${work.claimedByName} or a supervisor can release ${work.number}.`);
  return true;
}
