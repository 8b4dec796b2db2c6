import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useMutation, useQuery } from "convex/react";
import { ToastProvider } from "../../../components/ui";
import { nameOf } from "../../../test/convexMock";
import { ChannelPickupLocations } from "./ChannelPickupLocations";

vi.mock("convex/react", () => ({ useQuery: vi.fn(), useMutation: vi.fn() }));

const stores = [
  { _id: "s1", code: "SF-STORE", name: "Market St", active: true },
  { _id: "s2", code: "OLD", name: "Closed store", active: false },
];

function setup(data: unknown, isAdmin = true) {
  const map = vi.fn(async () => ({ released: 2, more: false }));
  vi.mocked(useMutation).mockImplementation((() => map) as never);
  vi.mocked(useQuery).mockImplementation(((ref: unknown) =>
    nameOf(ref) === "channelLocations:list" ? data : nameOf(ref) === "pickups:stores" ? stores : undefined) as never);
  render(
    <ToastProvider>
      <ChannelPickupLocations channel="shop-main" name="Main shop" isAdmin={isAdmin} />
    </ToastProvider>,
  );
  return map;
}

afterEach(() => vi.clearAllMocks());

describe("ChannelPickupLocations", () => {
  it("shows loading, then the orders waiting per unmapped location; Map it fills the form and saving maps it", async () => {
    const map = setup({ mapped: [], waiting: [{ locationId: "55501", locationName: "Rideau", orders: 2 }] });
    const region = screen.getByRole("region", { name: "Pickup locations — Main shop" });
    expect(within(region).getByText(/Rideau \(/)).toHaveTextContent("Rideau (55501): 2 orders");
    expect(within(region).getByText("No location mapped")).toBeInTheDocument();
    await userEvent.click(within(region).getByRole("button", { name: /Map it\s*55501/ }));
    expect(within(region).getByLabelText(/Location id/)).toHaveValue("55501");
    expect(within(region).getByLabelText(/Location name/)).toHaveValue("Rideau");
    // Only active stores are offered.
    expect(within(region).queryByRole("option", { name: /OLD/ })).not.toBeInTheDocument();
    await userEvent.click(within(region).getByRole("button", { name: "Save mapping" }));
    expect(map).not.toHaveBeenCalled();
    expect(within(region).getByText("Choose a store.")).toBeInTheDocument();
    await userEvent.selectOptions(within(region).getByLabelText(/Store/), "s1");
    await userEvent.click(within(region).getByRole("button", { name: "Save mapping" }));
    expect(map).toHaveBeenCalledWith({
      channel: "shop-main",
      locationId: "55501",
      locationName: "Rideau",
      storeId: "s1",
    });
    expect(await screen.findByText("Location 55501 mapped; 2 waiting orders are now pickups.")).toBeInTheDocument();
  });

  it("refuses a location id that is not one before asking the server", async () => {
    const map = setup({ mapped: [], waiting: [] });
    await userEvent.type(screen.getByLabelText(/Location id/), "a b");
    await userEvent.selectOptions(screen.getByLabelText(/Store/), "s1");
    await userEvent.click(screen.getByRole("button", { name: "Save mapping" }));
    expect(map).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/Location id/)).toHaveAttribute("aria-invalid", "true");
  });

  it("lists mappings; supervisors see them without the form or unmap buttons", () => {
    setup(
      {
        mapped: [
          {
            locationId: "55501",
            locationName: "Rideau",
            storeId: "s1",
            storeCode: "SF-STORE",
            updatedBy: "Ada Admin",
            updatedAt: 0,
          },
        ],
        waiting: [],
      },
      false,
    );
    const table = screen.getByRole("table", { name: "Pickup locations of Main shop" });
    expect(within(table).getByRole("cell", { name: "SF-STORE" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Unmap/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Save mapping" })).not.toBeInTheDocument();
  });

  it("shows a loading state while the locations load", () => {
    setup(undefined);
    expect(screen.getByText("Loading pickup locations…")).toBeInTheDocument();
  });
});
