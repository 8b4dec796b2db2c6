/** The signed-in member (api.members.me), shared by the shell with every page. */
import { createContext, useContext } from "react";
import type { Role } from "../../../lib/api-types";
import type { Id } from "../../../../convex/_generated/dataModel";
import { roleAtLeast } from "../../../../convex/lib/roles";

export type Me = { _id: Id<"members">; name: string; email: string; role: Role };

export const MeContext = createContext<Me | undefined>(undefined);

export function useMe(): Me | undefined {
  return useContext(MeContext);
}

/** True when the signed-in member has at least `min`. */
export function useCan(min: Role): boolean {
  return roleAtLeast(useMe()?.role, min);
}
