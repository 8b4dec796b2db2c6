/**
 * "/" — each role lands on its own work: floor staff on Pick (their lists), supervisors on the
 * live boards, admins on orders. Sign-in without a return address comes here too.
 */
import { Navigate } from "react-router-dom";
import type { Role } from "../../lib/api-types";
import { useMe } from "../../features/members/hooks/useMe";
import { Loading } from "../ui";

export function homeFor(role: Role): string {
  return role === "floor" ? "/floor/pick" : role === "supervisor" ? "/boards" : "/orders";
}

export function RoleHome() {
  const me = useMe();
  if (!me) return <Loading label="Loading your work…" />;
  return <Navigate to={homeFor(me.role)} replace />;
}
