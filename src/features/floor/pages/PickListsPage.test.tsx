import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { ConvexError } from "convex/values";
import { useMutation, useQuery } from "convex/react";
import { PickListsPage } from "./PickListsPage";
import { MeContext, type Me } from "../../members/hooks/useMe";
import { ToastProvider } from "../../../components/ui";
import { nameOf } from "../../../test/convexMock";
import { FLOOR_WAREHOUSE_KEY } from "../hooks/useFloorWarehouse";

vi.mock("convex/react", () => ({ useQuery: vi.fn(), useMutation: vi.fn(), useAction: vi.fn(() => vi.fn()) }));

const warehouses = [
  { _id: "w1", code: "EWR", name: "Newark", kind: "warehouse" },
  { _id: "w2", code: "ORD", name: "Chicago", kind: "warehouse" },
  { _id: "w9", code: "ACME", name: "Acme dropship", kind: "dropship" },
];
const list = (n: number, over: Record<string, unknown> = {}) => ({
  _id: `pl${n}`,
  _creationTime: 0,
  warehouseId: "w2",
  number: `PL-${1000 + n}`,
  kind: "batch",
  status: "open",
  requireBinScan: true,
  shipmentIds: ["s1", "s2"],
  unitsTotal: 10,
  unitsPicked: 0,
  unitsShort: 0,
  createdAt: 0,
  ...over,
});

let claim: ReturnType<typeof vi.fn>;
const seen: unknown[] = [];
function setup(me: Me) {
  claim = vi.fn();
  vi.mocked(useMutation).mockImplementation(((ref: unknown) =>
    nameOf(ref) === "floor:claimList" ? claim : vi.fn()) as never);
  vi.mocked(useQuery).mockImplementation(((ref: unknown, args: { status?: string; warehouseId?: string }) => {
    if (nameOf(ref) === "warehouses:list") return warehouses;
    if (nameOf(ref) !== "floor:pickLists") return undefined;
    seen.push(args);
    if (args.status === "open") return [list(1, { claimedBy: "m9", claimedByName: "Sam Supervisor" }), list(2)];
    if (args.status === "in_progress")
      return [
        list(3, { status: "in_progress", unitsPicked: 4, unitsShort: 1, claimedBy: "m3", claimedByName: "Fran Floor" }),
      ];
    return [];
  }) as never);
  return render(
    <MeContext.Provider value={me}>
      <ToastProvider>
        <MemoryRouter initialEntries={["/floor/pick"]}>
          <Routes>
            <Route path="/floor/pick" element={<PickListsPage />} />
            <Route path="/floor/pick/:id" element={<p>Scanner page</p>} />
          </Routes>
        </MemoryRouter>
      </ToastProvider>
    </MeContext.Provider>,
  );
}
const fran = { _id: "m3", name: "Fran Floor", email: "floor@demo.local", role: "floor" } as Me;
const sam = { _id: "m9", name: "Sam Supervisor", email: "supervisor@demo.local", role: "supervisor" } as Me;

beforeEach(() => {
  seen.length = 0;
  localStorage.setItem(FLOOR_WAREHOUSE_KEY, "w2");
});
afterEach(() => vi.clearAllMocks());

describe("PickListsPage", () => {
  it("uses the remembered warehouse and shows lists with progress and who holds them", () => {
    setup(fran);
    expect(screen.getByLabelText("Warehouse")).toHaveValue("w2");
    expect(screen.queryByRole("option", { name: /ACME/ })).not.toBeInTheDocument();
    expect(seen).toContainEqual({ warehouseId: "w2", status: "open" });
    const mine = screen.getByTestId("pick-list-PL-1003");
    expect(within(mine).getByRole("progressbar")).toHaveAttribute("aria-valuenow", "5");
    expect(within(mine).getByText(/You have it/)).toBeInTheDocument();
    expect(within(mine).getByRole("button", { name: "Continue PL-1003" })).toBeInTheDocument();
    expect(within(screen.getByTestId("pick-list-PL-1001")).getByText(/Sam Supervisor has it/)).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Release a wave" })).not.toBeInTheDocument();
  });

  it("a claim someone else won shows who is picking", async () => {
    const user = userEvent.setup();
    setup(fran);
    claim.mockRejectedValue(
      new ConvexError({ code: "CONFLICT", message: "Sam Supervisor is already picking PL-1001." }),
    );
    await user.click(screen.getByRole("button", { name: "Claim PL-1001" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Sam Supervisor is already picking PL-1001.");
  });

  it("a won claim opens the scanner", async () => {
    const user = userEvent.setup();
    setup(fran);
    claim.mockResolvedValue(null);
    await user.click(screen.getByRole("button", { name: "Claim PL-1002" }));
    expect(claim).toHaveBeenCalledWith({ pickListId: "pl2" });
    expect(await screen.findByText("Scanner page")).toBeInTheDocument();
  });

  it("supervisors see all open work and can build batches and release waves", async () => {
    const user = userEvent.setup();
    setup(sam);
    expect(screen.getByRole("progressbar", { name: "All open lists" })).toHaveAttribute("aria-valuemax", "30");
    expect(screen.getByRole("heading", { name: "Build a batch list" })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Warehouse"), "w1");
    expect(localStorage.getItem(FLOOR_WAREHOUSE_KEY)).toBe("w1");
    expect(seen).toContainEqual({ warehouseId: "w1", status: "open" });
  });
});
