/**
 * Roles, pure: the list (lowest first) and its ordering, admin ⊇ supervisor ⊇ floor. The
 * role-checked builders (convex/functions.ts) and the client's menus and guards use the same
 * `roleAtLeast`, so what a page offers is what the server allows.
 */
export const ROLES = ["floor", "supervisor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = { floor: "Floor", supervisor: "Supervisor", admin: "Admin" };

/** Whether `role` may do what `min` may (no role: nothing). */
export function roleAtLeast(role: Role | undefined, min: Role): boolean {
  return role !== undefined && ROLES.indexOf(role) >= ROLES.indexOf(min);
}
