import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Me } from "../../members/hooks/useMe";
import { LEFT_THE_PAGE, renderPage, stubConvexEach } from "../../../test/convexStub";
import { refusal } from "../../../test/forms";
import { PickListsPage } from "./PickListsPage";
import { FLOOR_WAREHOUSE_KEY } from "../hooks/useFloorWarehouse";

vi.mock("convex/react", () => import("../../../test/convexReact"));

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

const server = stubConvexEach();
const claim = () => server.mutations["floor:claimList"];
const askedFor = () => server.allArgsOf("floor:pickLists");
function setup(role: Me["role"]) {
  server.queries["warehouses:list"] = warehouses;
  server.queryBy["floor:pickLists"] = ({ status }: { status: string }) => {
    if (status === "open") return [list(1, { claimedBy: "m9", claimedByName: "Sam Supervisor" }), list(2)];
    if (status === "in_progress")
      return [list(3, { status: "in_progress", unitsPicked: 4, unitsShort: 1, claimedBy: "me", claimedByName: "Ada" })];
    return [];
  };
  return renderPage(<PickListsPage />, { url: "/floor/pick", path: "/floor/pick", role });
}

beforeEach(() => {
  localStorage.setItem(FLOOR_WAREHOUSE_KEY, "w2");
});

describe("PickListsPage", () => {
  it("uses the remembered warehouse and shows lists with progress and who holds them", () => {
    setup("floor");
    expect(screen.getByLabelText("Warehouse")).toHaveValue("w2");
    expect(screen.queryByRole("option", { name: /ACME/ })).not.toBeInTheDocument();
    expect(askedFor()).toContainEqual({ warehouseId: "w2", status: "open" });
    const mine = screen.getByTestId("pick-list-PL-1003");
    expect(within(mine).getByRole("progressbar")).toHaveAttribute("aria-valuenow", "5");
    expect(within(mine).getByText(/You have it/)).toBeInTheDocument();
    expect(within(mine).getByRole("button", { name: "Continue PL-1003" })).toBeInTheDocument();
    expect(within(screen.getByTestId("pick-list-PL-1001")).getByText(/Sam Supervisor has it/)).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Release a wave" })).not.toBeInTheDocument();
  });

  it("a claim someone else won shows who is picking", async () => {
    const user = userEvent.setup();
    setup("floor");
    claim().mockRejectedValue(refusal("CONFLICT", "Sam Supervisor is already picking PL-1001."));
    await user.click(screen.getByRole("button", { name: "Claim PL-1001" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Sam Supervisor is already picking PL-1001.");
  });

  it("a won claim opens the scanner", async () => {
    const user = userEvent.setup();
    const page = setup("floor");
    claim().mockResolvedValue(null);
    await user.click(screen.getByRole("button", { name: "Claim PL-1002" }));
    expect(claim()).toHaveBeenCalledWith({ pickListId: "pl2" });
    expect(await screen.findByText(LEFT_THE_PAGE)).toBeInTheDocument();
    expect(page.url()).toBe("/floor/pick/pl2");
  });

  it("supervisors see all open work and can build batches and release waves", async () => {
    const user = userEvent.setup();
    setup("supervisor");
    expect(screen.getByRole("progressbar", { name: "All open lists" })).toHaveAttribute("aria-valuemax", "30");
    expect(screen.getByRole("heading", { name: "Build a batch list" })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Warehouse"), "w1");
    expect(localStorage.getItem(FLOOR_WAREHOUSE_KEY)).toBe("w1");
    expect(askedFor()).toContainEqual({ warehouseId: "w1", status: "open" });
  });
});
