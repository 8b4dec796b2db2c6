import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Doc, Id } from "../../../../convex/_generated/dataModel";
import { mockMutations, refusal, renderForm, press, retype } from "../../../test/forms";
import { RefundPanel } from "./RefundPanel";
import { MissingDialog } from "./MissingDialog";

vi.mock("convex/react", () => ({ useMutation: vi.fn(), useQuery: vi.fn(), usePaginatedQuery: vi.fn() }));

const user = () => userEvent.setup({ delay: null });
const rma = {
  _id: "rma1" as Id<"rmas">,
  number: "RMA-1001",
  status: "received",
  currency: "EUR",
  refundStatus: "due",
  refundPolicy: { includeShipping: false, shippingMinor: 495, restockingFeeBps: 1000 },
} as unknown as Doc<"rmas">;
const preview = { merchandiseMinor: 2000, feeMinor: 200, shippingMinor: 0, amountMinor: 1800 };

let mutations: ReturnType<typeof mockMutations>;
beforeEach(() => {
  mutations = mockMutations({ "returns:refund": 1800 });
});

describe("RefundPanel", () => {
  it("saves the policy in minor units and basis points", async () => {
    const u = user();
    renderForm(<RefundPanel rma={rma} preview={preview} />);
    await u.click(screen.getByText("Refund policy"));
    await u.click(screen.getByLabelText("Refund shipping"));
    await retype(u, "Shipping paid (EUR)", "5.95");
    await retype(u, /Restocking fee/, "12.5");
    await u.click(screen.getByRole("button", { name: "Save policy" }));
    expect(mutations["returns:setPolicy"]).toHaveBeenCalledWith({
      rmaId: "rma1",
      refundPolicy: { includeShipping: true, shippingMinor: 595, restockingFeeBps: 1250 },
    });
    expect(await screen.findByText("Refund policy saved.")).toBeInTheDocument();
  });

  it("refuses an amount that is not money, beside the field, without calling the server", async () => {
    const u = user();
    renderForm(<RefundPanel rma={rma} preview={preview} />);
    await u.click(screen.getByText("Refund policy"));
    await retype(u, "Shipping paid (EUR)", "5.955");
    await retype(u, /Restocking fee/, "-3");
    await press("Save policy");
    expect(mutations["returns:setPolicy"]).not.toHaveBeenCalled();
    expect(screen.getByLabelText("Shipping paid (EUR)")).toHaveAccessibleDescription("Enter an amount like 5.95.");
    expect(screen.getByLabelText(/Restocking fee/)).toHaveAccessibleDescription(
      expect.stringContaining("Enter a percentage like 10 or 12.5."),
    );
    expect(screen.getByLabelText("Shipping paid (EUR)")).toHaveFocus();
  });

  it("refuses a restocking fee above the 50 % the server allows, as the New RMA form does", async () => {
    const u = user();
    renderForm(<RefundPanel rma={rma} preview={preview} />);
    await u.click(screen.getByText("Refund policy"));
    await retype(u, /Restocking fee/, "60");
    await press("Save policy");
    expect(mutations["returns:setPolicy"]).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/Restocking fee/)).toHaveAccessibleDescription(
      expect.stringContaining("Between 0 and 50 %."),
    );
  });

  it("records the refund with its method and trimmed reference, and shows a refusal's sentence", async () => {
    const u = user();
    renderForm(<RefundPanel rma={rma} preview={preview} />);
    await u.selectOptions(screen.getByLabelText("Refunded by"), "store_credit");
    await u.type(screen.getByLabelText("Reference (optional)"), "  SC-77 ");
    await u.click(screen.getByRole("button", { name: /Record refund of/ }));
    expect(mutations["returns:refund"]).toHaveBeenCalledWith({
      rmaId: "rma1",
      method: "store_credit",
      reference: "SC-77",
    });

    mutations["returns:refund"].mockRejectedValueOnce(refusal("INVALID_TRANSITION", ""));
    await u.clear(screen.getByLabelText("Reference (optional)"));
    await press(/Record refund of/);
    expect(mutations["returns:refund"]).toHaveBeenLastCalledWith({
      rmaId: "rma1",
      method: "store_credit",
      reference: undefined,
    });
    expect(screen.getByRole("alert")).toHaveTextContent("That action is not possible in the order's current status.");
  });
});

describe("MissingDialog", () => {
  const line = { _id: "rl1" as Id<"rmaLines">, sku: "MUG", left: 3 };

  it("declares the units with one scan id across a retry", async () => {
    const u = user();
    const onDone = vi.fn();
    mutations["returns:missing"] = vi
      .fn()
      .mockRejectedValueOnce(refusal("CONFLICT", ""))
      .mockResolvedValueOnce({ message: "2 × MUG recorded missing." });
    renderForm(<MissingDialog rmaId={"rma1" as Id<"rmas">} line={line} onClose={vi.fn()} onDone={onDone} />);
    await retype(u, /Units missing/, "2");
    await press("Record missing");
    expect(screen.getByRole("alert")).toHaveTextContent("Someone else changed this at the same time.");
    await press("Record missing");
    const calls = mutations["returns:missing"].mock.calls.map((c) => c[0] as { scanId: string });
    expect(calls).toHaveLength(2);
    expect(calls[0]).toEqual(expect.objectContaining({ rmaId: "rma1", rmaLineId: "rl1", quantity: 2 }));
    expect(calls[1].scanId).toBe(calls[0].scanId);
    expect(onDone).toHaveBeenCalledWith("2 × MUG recorded missing.");
  });

  it("refuses more units than are left", async () => {
    const u = user();
    renderForm(<MissingDialog rmaId={"rma1" as Id<"rmas">} line={line} onClose={vi.fn()} onDone={vi.fn()} />);
    await retype(u, /Units missing/, "4");
    await press("Record missing");
    expect(mutations["returns:missing"]).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/Units missing/)).toHaveAccessibleDescription("1 to 3.");
  });
});
