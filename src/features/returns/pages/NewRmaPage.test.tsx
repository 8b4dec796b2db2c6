import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockMutations, mockQueries, refusal, renderForm, press, retype } from "../../../test/forms";
import { NewRmaPage } from "./NewRmaPage";

vi.mock("convex/react", () => ({ useMutation: vi.fn(), useQuery: vi.fn(), usePaginatedQuery: vi.fn() }));

const user = () => userEvent.setup({ delay: null });
const line = (id: string, sku: string, returnable: number) => ({
  orderLineId: id,
  sku,
  name: sku.toLowerCase(),
  unitPriceMinor: 1200,
  shipped: 3,
  returned: 3 - returnable,
  pending: 0,
  returnable,
});
const route = { path: "/orders/:id/return", url: "/orders/o1/return" };
let mutations: ReturnType<typeof mockMutations>;
beforeEach(() => {
  mutations = mockMutations({ "returns:issue": { rmaId: "rma1", number: "RMA-1001" } });
  mockQueries({
    "orders:get": { order: { _id: "o1", number: "SO-100042", currency: "USD", customer: { name: "Ada" } }, lines: [] },
    "returns:returnable": [line("l1", "MUG", 3), line("l2", "TEA", 1)],
  });
});

describe("NewRmaPage", () => {
  it("issues an RMA for the lines with a quantity, refunding shipping for a merchant's fault", async () => {
    const u = user();
    renderForm(<NewRmaPage />, { route });
    await u.type(screen.getByLabelText("Units of TEA to return"), "1");
    await u.selectOptions(screen.getByLabelText("Reason for TEA"), "defective");
    await retype(u, "Shipping paid (USD)", "5.95");
    await u.click(screen.getByRole("button", { name: "Issue RMA" }));
    expect(mutations["returns:issue"]).toHaveBeenCalledWith({
      rma: {
        orderId: "o1",
        lines: [{ orderLineId: "l2", quantity: 1, reason: "defective" }],
        expectedDisposition: "restock",
        refundPolicy: { includeShipping: true, shippingMinor: 595, restockingFeeBps: 0 },
        note: undefined,
      },
    });
    expect(await screen.findByText("Left the form")).toBeInTheDocument();
  });

  it("says to choose a line when none has a quantity, and marks a line over its returnable units", async () => {
    const u = user();
    renderForm(<NewRmaPage />, { route });
    await u.click(screen.getByRole("button", { name: "Issue RMA" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Enter a quantity on at least one line.");
    await u.type(screen.getByLabelText("Units of MUG to return"), "4");
    await press("Issue RMA");
    expect(mutations["returns:issue"]).not.toHaveBeenCalled();
    expect(screen.getByLabelText("Units of MUG to return")).toHaveAccessibleDescription("At most 3.");
    expect(screen.getByLabelText("Reason for MUG")).toHaveAccessibleDescription("Choose a reason.");
    expect(screen.getByLabelText("Units of MUG to return")).toHaveFocus();
  });

  it("shows the server's refusal of a submitted line under that line", async () => {
    const u = user();
    mutations["returns:issue"].mockRejectedValueOnce(
      refusal("INVALID_INPUT", "Please correct the highlighted fields.", {
        "lines.1.quantity": "Only 0 left: another RMA took the last one.",
      }),
    );
    renderForm(<NewRmaPage />, { route });
    await u.type(screen.getByLabelText("Units of MUG to return"), "1");
    await u.selectOptions(screen.getByLabelText("Reason for MUG"), "size_or_fit");
    await u.type(screen.getByLabelText("Units of TEA to return"), "1");
    await u.selectOptions(screen.getByLabelText("Reason for TEA"), "size_or_fit");
    await press("Issue RMA");
    expect(screen.getByLabelText("Units of TEA to return")).toHaveAccessibleDescription(
      "Only 0 left: another RMA took the last one.",
    );
    expect(screen.getByLabelText("Units of MUG to return")).not.toHaveAttribute("aria-invalid");
    await u.clear(screen.getByLabelText("Units of TEA to return"));
    expect(screen.getByLabelText("Units of TEA to return")).not.toHaveAttribute("aria-invalid");
  });
});
