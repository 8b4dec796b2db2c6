/**
 * The menu, grouped by job. Each item names the lowest role that can use its page; a member sees
 * only the items of their role and above, and a group with nothing left is not shown. Floor staff
 * work on phones: the groups holding their scanner pages (Fulfilment, Returns) lead their menu.
 */
import type { FunctionReturnType } from "convex/server";
import type { api } from "../../../convex/_generated/api";
import { roleAtLeast } from "../../../convex/lib/roles";

export type Role = NonNullable<FunctionReturnType<typeof api.members.me>>["role"];

export const NAV_GROUPS = ["Orders", "Fulfilment", "Shipping", "Inventory", "Returns", "Channels", "Settings"] as const;
export type NavGroupName = (typeof NAV_GROUPS)[number];

export type NavItem = {
  to: string;
  label: string;
  min: Role;
  group: NavGroupName;
  end?: boolean;
  floorFirst?: boolean;
};
export type NavGroup = { name: NavGroupName; items: NavItem[] };

export const NAV_ITEMS: readonly NavItem[] = [
  { to: "/boards", label: "Boards", min: "supervisor", group: "Orders" },
  { to: "/orders", label: "Orders", min: "floor", group: "Orders", end: true },
  { to: "/orders/new", label: "New order", min: "supervisor", group: "Orders" },
  { to: "/exceptions", label: "Exceptions", min: "supervisor", group: "Orders", end: true },
  { to: "/notifications/outbox", label: "Messages", min: "supervisor", group: "Orders" },
  { to: "/floor/pick", label: "Pick", min: "floor", group: "Fulfilment", floorFirst: true },
  { to: "/floor/pack", label: "Pack", min: "floor", group: "Fulfilment", floorFirst: true },
  { to: "/floor/print", label: "Print station", min: "floor", group: "Fulfilment", floorFirst: true },
  { to: "/store/pickups", label: "Pickups", min: "floor", group: "Fulfilment", floorFirst: true },
  { to: "/backorders", label: "Backorders", min: "floor", group: "Fulfilment" },
  { to: "/allocation/what-if", label: "What if…", min: "supervisor", group: "Fulfilment" },
  { to: "/shipments", label: "Shipments", min: "floor", group: "Shipping" },
  { to: "/batches", label: "Batches", min: "supervisor", group: "Shipping" },
  { to: "/boards/carriers", label: "Carriers", min: "supervisor", group: "Shipping" },
  { to: "/shipping/rules", label: "Shipping rules", min: "supervisor", group: "Shipping" },
  { to: "/inventory", label: "Inventory", min: "floor", group: "Inventory" },
  { to: "/products", label: "Products", min: "supervisor", group: "Inventory" },
  { to: "/warehouses", label: "Warehouses", min: "supervisor", group: "Inventory" },
  { to: "/stores", label: "Stores", min: "admin", group: "Inventory" },
  { to: "/returns", label: "Returns", min: "floor", group: "Returns", end: true },
  { to: "/returns/receive", label: "Receive returns", min: "floor", group: "Returns", floorFirst: true },
  { to: "/channels", label: "Channels", min: "supervisor", group: "Channels", end: true },
  { to: "/channels/mappings", label: "SKU mappings", min: "supervisor", group: "Channels" },
  { to: "/channels/import", label: "Import CSV", min: "supervisor", group: "Channels" },
  { to: "/finance/exports", label: "Finance exports", min: "supervisor", group: "Settings" },
  { to: "/allocation/settings", label: "Allocation", min: "admin", group: "Settings" },
  { to: "/exceptions/settings", label: "Exception rules", min: "admin", group: "Settings" },
  { to: "/notifications/templates", label: "Message templates", min: "supervisor", group: "Settings" },
  { to: "/members", label: "Members", min: "admin", group: "Settings" },
];

/** The groups a role sees, in menu order, each with the items it can use. */
export function navGroupsFor(role: Role | undefined): NavGroup[] {
  const groups = NAV_GROUPS.map((name) => ({
    name,
    items: NAV_ITEMS.filter((i) => i.group === name && roleAtLeast(role, i.min)),
  })).filter((g) => g.items.length > 0);
  if (role !== "floor") return groups;
  const first = (g: NavGroup) => g.items.some((i) => i.floorFirst);
  return [...groups.filter(first), ...groups.filter((g) => !first(g))];
}

/** Every item a role sees, in menu order. */
export function navFor(role: Role | undefined): NavItem[] {
  return navGroupsFor(role).flatMap((g) => g.items);
}
