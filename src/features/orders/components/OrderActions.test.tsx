import { beforeEach, describe, expect, it, vi } from "vitest";
import { act, render, screen } from "@testing-library/react";
import { ConvexError } from "convex/values";
import userEvent from "@testing-library/user-event";
import { useMutation } from "convex/react";
import type { Doc, Id } from "../../../../convex/_generated/dataModel";
import type { OrderStatus } from "../../../../convex/lib/orderStatus";
import { MeContext, type Me } from "../../members/hooks/useMe";
import { ToastProvider } from "../../../components/ui";
import { orderLine } from "../../../test/fixtures";
import { OrderActions, availableActions } from "./OrderActions";

vi.mock("convex/react", () => ({ useMutation: vi.fn(), useQuery: vi.fn(), usePaginatedQuery: vi.fn() }));

const order = (status: OrderStatus) => ({ _id: "o1" as Id<"orders">, number: "SO-100001", status }) as Doc<"orders">;
const line = (q: Partial<Doc<"orderLines">> = {}) =>
  orderLine({ sku: "WID-1", name: "Widget", quantity: 5, allocated: 3, ...q });

const NONE = { hold: false, release: false, cancel: false, cancelLines: false };

describe("availableActions follows the transition table", () => {
  it.each([
    {
      what: "a ready order can be held and cancelled, not released",
      statuses: ["ready"] as const,
      expected: { ...NONE, hold: true, cancel: true, cancelLines: true },
    },
    {
      what: "an order on hold can be released and cancelled, not held again",
      statuses: ["on_hold"] as const,
      expected: { hold: false, release: true, cancel: true },
      partial: true,
    },
    {
      what: "a picking order cannot be held or cancelled whole, but unpicked lines can",
      statuses: ["picking"] as const,
      expected: { ...NONE, cancelLines: true },
    },
    {
      what: "nothing is possible on a shipped or cancelled order",
      statuses: ["shipped", "cancelled", "closed"] as const,
      expected: NONE,
    },
  ])("$what", ({ statuses, expected, partial }) => {
    for (const s of statuses) {
      const actions = availableActions(order(s), [line()]);
      if (partial) expect(actions).toMatchObject(expected);
      else expect(actions).toEqual(expected);
    }
  });
});

describe("OrderActions", () => {
  const mutate = vi.fn();
  beforeEach(() => {
    mutate.mockReset();
    vi.mocked(useMutation).mockReturnValue(mutate as never);
  });

  /** The actions of an order in `status` for a member of `role`. */
  const tree = (status: OrderStatus, role: Me["role"] = "supervisor") => (
    <MeContext.Provider value={{ _id: "m1" as Id<"members">, name: "X", email: "x@y.z", role }}>
      <ToastProvider>
        <OrderActions order={order(status)} lines={[line()]} />
      </ToastProvider>
    </MeContext.Provider>
  );
  const renderAs = (role: Me["role"], status: OrderStatus = "allocated") => render(tree(status, role));

  it("shows no actions to floor staff", () => {
    renderAs("floor");
    expect(screen.queryByRole("button", { name: "Hold" })).toBeNull();
  });

  it("bounds each line's cancellation by what can still be cancelled", async () => {
    const user = userEvent.setup({ delay: null });
    renderAs("supervisor");
    await user.click(screen.getByRole("button", { name: "Cancel lines" }));
    // 2 backordered + (3 allocated − 1 picked) = 4
    const input = screen.getByLabelText("Units of WID-1 to cancel");
    expect(input).toHaveAttribute("max", "4");
    await user.type(input, "5");
    await user.type(screen.getByLabelText(/Reason/), "Customer changed mind");
    await user.click(screen.getByRole("button", { name: "Cancel selected units" }));
    expect(input).toHaveAccessibleDescription("At most 4 can still be cancelled.");
    expect(mutate).not.toHaveBeenCalled();
    await user.clear(input);
    await user.type(input, "4");
    mutate.mockResolvedValue(null);
    await user.click(screen.getByRole("button", { name: "Cancel selected units" }));
    expect(mutate).toHaveBeenCalledWith({
      orderId: "o1",
      lines: [{ lineId: "l1", quantity: 4 }],
      reason: "Customer changed mind",
    });
  });

  it("asks for a reason before holding", async () => {
    const user = userEvent.setup({ delay: null });
    renderAs("supervisor", "ready");
    await user.click(screen.getByRole("button", { name: "Hold" }));
    await user.click(screen.getByRole("button", { name: "Hold order" }));
    expect(mutate).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/Reason/)).toHaveAccessibleDescription("Say why, in at least 3 characters.");
  });

  it("after Hold the focus moves to Release (Hold is disabled by the new status), and back after Release", async () => {
    const user = userEvent.setup({ delay: null });
    const view = render(tree("ready"));
    await user.click(screen.getByRole("button", { name: "Hold" }));
    await user.type(screen.getByLabelText(/Reason/), "  Customer called  ");
    mutate.mockResolvedValue(null);
    await user.click(screen.getByRole("button", { name: "Hold order" }));
    expect(mutate).toHaveBeenCalledWith({ orderId: "o1", reason: "Customer called" });
    // The live query brings the new status.
    view.rerender(tree("on_hold"));
    await act(() => new Promise((r) => setTimeout(r, 5)));
    expect(screen.getByRole("button", { name: "Release" })).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Release" }));
    await user.click(screen.getByRole("button", { name: "Release hold" }));
    view.rerender(tree("ready"));
    await act(() => new Promise((r) => setTimeout(r, 5)));
    expect(screen.getByRole("button", { name: "Hold" })).toHaveFocus();
  });

  it("a refused hold shows the server's reason error under the field and keeps the dialog open", async () => {
    const user = userEvent.setup({ delay: null });
    render(tree("ready"));
    mutate.mockRejectedValue(
      new ConvexError({
        code: "INVALID_INPUT",
        message: "Please correct the highlighted fields.",
        fields: { reason: "Say why, in at least 3 characters." },
      }),
    );
    await user.click(screen.getByRole("button", { name: "Hold" }));
    await user.type(screen.getByLabelText(/Reason/), "abc");
    await user.click(screen.getByRole("button", { name: "Hold order" }));
    await act(() => new Promise((r) => setTimeout(r, 5)));
    expect(screen.getByRole("dialog", { name: "Hold SO-100001" })).toBeInTheDocument();
    expect(screen.getByLabelText(/Reason/)).toHaveAccessibleDescription("Say why, in at least 3 characters.");
  });
});
