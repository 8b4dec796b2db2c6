import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useMutation, usePaginatedQuery, useQuery } from "convex/react";
import type { Me } from "../../members/hooks/useMe";
import { nameOf } from "../../../test/convexMock";
import { renderPage } from "../../../test/convexStub";
import { ProductsPage } from "./ProductsPage";

vi.mock("convex/react", () => import("../../../test/convexReact"));

const product = (sku: string, name: string, active = true) => ({
  _id: sku,
  _creationTime: 0,
  sku,
  name,
  barcodes: ["012345678905"],
  weightGrams: 300,
  lengthMm: 10,
  widthMm: 10,
  heightMm: 10,
  priceMinor: 1999,
  costMinor: 800,
  currency: "USD",
  active,
  nameLower: name.toLowerCase(),
});

const renderAs = (role: Me["role"], url = "/products") => renderPage(<ProductsPage />, { url, role });

beforeEach(() => {
  vi.mocked(usePaginatedQuery)
    .mockReset()
    .mockReturnValue({
      results: [product("TNT-2P", "Trail tent")],
      status: "Exhausted",
      loadMore: vi.fn(),
      isLoading: false,
    } as never);
  vi.mocked(useQuery)
    .mockReset()
    .mockImplementation(((ref: unknown, args: unknown) =>
      nameOf(ref) === "search:products" && args !== "skip"
        ? [product("BSK-OCEA", "Ocean basket", false)]
        : undefined) as never);
  vi.mocked(useMutation).mockReturnValue(vi.fn() as never);
});

describe("ProductsPage (view) → ProductList", () => {
  it("lists the catalog; admins get edit and deactivate per row", () => {
    renderAs("admin");
    expect(screen.getByRole("table", { name: "Products" })).toHaveTextContent("TNT-2P");
    expect(screen.getByRole("button", { name: "Edit TNT-2P" })).toBeInTheDocument();
    expect(vi.mocked(usePaginatedQuery).mock.calls.at(-1)![1]).toEqual({ includeInactive: false });
  });

  it("searches by words in the URL through the search index, not the paginated list", async () => {
    renderAs("supervisor");
    expect(screen.queryByRole("button", { name: /Edit/ })).toBeNull();
    await userEvent.type(screen.getByLabelText("Search"), "basket{Enter}");
    expect(screen.getByRole("table", { name: "Products matching “basket”" })).toHaveTextContent("Ocean basket");
    expect(vi.mocked(usePaginatedQuery).mock.calls.at(-1)![1]).toBe("skip");
    expect(
      vi
        .mocked(useQuery)
        .mock.calls.filter((c) => nameOf(c[0]) === "search:products")
        .at(-1)![1],
    ).toEqual({ text: "basket", includeInactive: false });
  });

  it("says so when nothing matches", () => {
    vi.mocked(useQuery).mockImplementation(((ref: unknown, args: unknown) =>
      nameOf(ref) === "search:products" && args !== "skip" ? [] : undefined) as never);
    renderAs("supervisor", "/products?q=zzz&inactive=1");
    expect(screen.getByText("No product matches “zzz”")).toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: "Show deactivated products" })).toBeChecked();
  });
});
