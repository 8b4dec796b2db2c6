import { describe, expect, it } from "vitest";
import { navFor } from "./Shell";

const labels = (role: Parameters<typeof navFor>[0]) => navFor(role).map((i) => i.label);

describe("navigation by role", () => {
  it("floor sees orders and inventory, nothing supervisors or admins own", () => {
    const floor = labels("floor");
    expect(floor).toEqual(expect.arrayContaining(["Orders", "Inventory"]));
    for (const hidden of ["New order", "Products", "Warehouses", "Members"]) expect(floor).not.toContain(hidden);
  });

  it("supervisor adds new order, products and warehouses, not members", () => {
    const sup = labels("supervisor");
    expect(sup).toEqual(expect.arrayContaining(["Orders", "Inventory", "New order", "Products", "Warehouses"]));
    expect(sup).not.toContain("Members");
  });

  it("admin sees everything, members included", () => {
    expect(labels("admin")).toEqual(
      expect.arrayContaining(["Orders", "New order", "Inventory", "Products", "Warehouses", "Members"]),
    );
  });

  it("nobody signed in sees nothing", () => {
    expect(labels(undefined)).toEqual([]);
  });
});
