import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Id } from "../../../../convex/_generated/dataModel";
import { mockMutations, mockQueries, refusal, renderForm, press } from "../../../test/forms";
import { PickupHoldActions } from "./PickupHoldActions";

vi.mock("convex/react", () => ({ useMutation: vi.fn(), useQuery: vi.fn(), usePaginatedQuery: vi.fn() }));

const user = () => userEvent.setup({ delay: null });
let mutations: ReturnType<typeof mockMutations>;
beforeEach(() => {
  mutations = mockMutations({ "pickups:transferForShortPickup": [{ sku: "MUG", quantity: 2 }] });
  mockQueries({
    "warehouses:list": [
      { _id: "w1", kind: "warehouse", name: "Newark", code: "EWR" },
      { _id: "w9", kind: "store", name: "Soho store", code: "SOHO" },
    ],
  });
});

describe("PickupHoldActions' transfer dialog", () => {
  const open = async (u: ReturnType<typeof user>) => {
    renderForm(<PickupHoldActions holdId={"h1" as Id<"orderHolds">} orderNumber="SO-100042" />);
    await u.click(screen.getByRole("button", { name: "Transfer from warehouse" }));
  };

  it("transfers from the chosen warehouse (stores are not offered) and says what moved", async () => {
    const u = user();
    await open(u);
    expect(screen.queryByRole("option", { name: /SOHO/ })).not.toBeInTheDocument();
    await u.selectOptions(screen.getByLabelText("From"), "w1");
    await u.click(screen.getByRole("button", { name: "Transfer and allocate" }));
    expect(mutations["pickups:transferForShortPickup"]).toHaveBeenCalledWith({ holdId: "h1", fromWarehouseId: "w1" });
    expect(await screen.findByText("Moved 2 × MUG; SO-100042 allocated at the store.")).toBeInTheDocument();
  });

  it("asks for a warehouse instead of calling the server without one", async () => {
    const u = user();
    await open(u);
    await press("Transfer and allocate");
    expect(mutations["pickups:transferForShortPickup"]).not.toHaveBeenCalled();
    expect(screen.getByLabelText("From")).toHaveAccessibleDescription("Choose a warehouse to take the units from.");
    expect(screen.getByLabelText("From")).toHaveFocus();
  });

  it("keeps the dialog open with the server's sentence when it refuses", async () => {
    const u = user();
    mutations["pickups:transferForShortPickup"].mockRejectedValueOnce(
      refusal("INSUFFICIENT_STOCK", "Newark has only 1 × MUG."),
    );
    await open(u);
    await u.selectOptions(screen.getByLabelText("From"), "w1");
    await press("Transfer and allocate");
    expect(screen.getByRole("dialog")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("Newark has only 1 × MUG.");
  });
});
