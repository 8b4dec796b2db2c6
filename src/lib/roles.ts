/** Role ordering on the client (admin ⊇ supervisor ⊇ floor), matching convex/model/members/tables.ts. */
import type { Role } from "./api-types";

const RANK: Record<Role, number> = { floor: 0, supervisor: 1, admin: 2 };

export function roleAtLeast(role: Role | undefined, min: Role): boolean {
  return role !== undefined && RANK[role] >= RANK[min];
}

export const ROLE_LABELS: Record<Role, string> = { floor: "Floor", supervisor: "Supervisor", admin: "Admin" };
export const ROLE_OPTIONS: readonly Role[] = ["floor", "supervisor", "admin"];
