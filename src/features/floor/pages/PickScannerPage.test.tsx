import { describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderPage, stubConvexEach } from "../../../test/convexStub";
import { PickScannerPage } from "./PickScannerPage";

vi.mock("convex/react", () => import("../../../test/convexReact"));
vi.mock("../components/CameraScanner", () => ({ CameraScanner: () => null }));

const task = (seq: number, over: Record<string, unknown>) => ({
  _id: `t${seq}`,
  _creationTime: 0,
  pickListId: "pl1",
  seq,
  shipmentId: "s1",
  orderLineId: `ol${seq}`,
  productId: `p${seq}`,
  sku: `SKU-${seq}`,
  name: `Item ${seq}`,
  bin: `A-0${seq}-1`,
  zone: "A",
  tote: 1,
  quantity: 1,
  picked: 0,
  short: 0,
  binConfirmed: false,
  ...over,
});
function view(over: { list?: Record<string, unknown>; tasks?: ReturnType<typeof task>[] } = {}) {
  return {
    list: {
      _id: "pl1",
      _creationTime: 0,
      warehouseId: "w1",
      number: "PL-1001",
      kind: "single",
      status: "open",
      requireBinScan: false,
      shipmentIds: ["s1"],
      unitsTotal: 3,
      unitsPicked: 1,
      unitsShort: 0,
      claimedBy: "me",
      claimedByName: "Ada",
      createdAt: 0,
      ...over.list,
    },
    tasks: over.tasks ?? [task(0, { quantity: 1, picked: 1 }), task(1, { quantity: 2 })],
    presence: [
      {
        _id: "pr1",
        _creationTime: 0,
        place: "pickList:pl1",
        memberId: "m9",
        name: "Sam Supervisor",
        lastSeen: Date.now(),
      },
    ],
    recentScans: [],
    products: [
      { _id: "p0", sku: "SKU-0", name: "Item 0", barcodes: ["4006381333931"], weightGrams: 100, scanEveryUnit: false },
      {
        _id: "p1",
        sku: "SKU-1",
        name: "Item 1",
        barcodes: ["012345678905", "CODE128-1"],
        weightGrams: 200,
        scanEveryUnit: false,
      },
    ],
  };
}

const server = stubConvexEach();
const mutation = (name: string) => server.mutations[name];
/** Opens the pick list; `list` is what the live query answers (the default view unless given). */
function openList(list = view()) {
  server.queries["floor:pickList"] = list;
  return renderPage(<PickScannerPage />, { url: "/floor/pick/pl1", path: "/floor/pick/:pickListId", role: "floor" });
}

describe("PickScannerPage", () => {
  it("shows the next task in walk order with how many are left, and who else is here", () => {
    openList();
    const card = screen.getByTestId("current-task");
    expect(card).toHaveTextContent("Stop 2 of 2");
    expect(card).toHaveTextContent("A-01-1");
    expect(card).toHaveTextContent("SKU-1");
    expect(card).toHaveTextContent("0 of 2");
    expect(card).toHaveTextContent("2 left");
    expect(screen.getByText("Also here: Sam Supervisor")).toBeInTheDocument();
    expect(mutation("floor:presenceHeartbeat")).toHaveBeenCalledWith({ place: "pickList:pl1" });
  });

  it("shows the barcode digits beside the SKU, so a damaged label can be keyed in", () => {
    openList();
    const digits = screen.getByLabelText("Barcodes of SKU-1");
    expect(digits).toHaveTextContent("012345678905");
    expect(digits).toHaveTextContent("CODE128-1");
  });

  it("after one scan of a multi-unit line, the keypad confirms the rest in the scanner's queue", async () => {
    const user = userEvent.setup();
    const confirmCount = mutation("floor:confirmCount").mockResolvedValue({
      result: "ok",
      message: "SKU-1 done (3/3).",
      picked: 3,
      quantity: 3,
      listDone: true,
    });
    openList(view({ tasks: [task(0, { quantity: 1, picked: 1 }), task(1, { quantity: 3, picked: 1 })] }));
    const pad = screen.getByTestId("count-pad");
    expect(pad).toHaveTextContent("1 of 3 SKU-1 scanned");
    expect(screen.getByLabelText("More units of SKU-1")).toHaveValue(2);
    await user.click(screen.getByRole("button", { name: "One fewer" }));
    expect(screen.getByRole("button", { name: /Confirm 1 more \(2 of 3\)/ })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "One more" }));
    await user.click(screen.getByRole("button", { name: /Confirm 2 more \(3 of 3\)/ }));
    expect(confirmCount).toHaveBeenCalledWith(
      expect.objectContaining({ pickListId: "pl1", taskId: "t1", quantity: 2 }),
    );
    await waitFor(() =>
      expect(screen.getByRole("status")).toHaveTextContent("SKU-1 done (3/3). List PL-1001 is done."),
    );
  });

  it("a scan-every-unit product never offers the keypad", () => {
    const list = view({ tasks: [task(0, { quantity: 1, picked: 1 }), task(1, { quantity: 3, picked: 1 })] });
    list.products[1].scanEveryUnit = true;
    openList(list);
    expect(screen.queryByTestId("count-pad")).not.toBeInTheDocument();
    expect(screen.getByText("Scan every unit")).toBeInTheDocument();
  });

  it("asks for the bin first when the list requires it", () => {
    openList(view({ list: { requireBinScan: true } }));
    expect(screen.getByText("Scan bin A-01-1 first")).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Scan bin A-01-1 first.");
  });

  it("sends a wedge scan for the current task with a fresh scan id; a refused scan shows red", async () => {
    const user = userEvent.setup();
    mutation("floor:scan").mockResolvedValue({
      result: "wrong_product",
      message: "Wrong item: that is SKU-0; this line needs SKU-1.",
      picked: 0,
      quantity: 2,
    });
    openList();
    await user.type(screen.getByLabelText("Scan or type a code"), "012345678905{Enter}");
    await waitFor(() => expect(screen.getByRole("status")).toHaveAttribute("data-scan-state", "refused"));
    expect(screen.getByRole("status")).toHaveTextContent("Wrong item: that is SKU-0; this line needs SKU-1.");
    const args = mutation("floor:scan").mock.calls[0][0];
    expect(args).toMatchObject({ pickListId: "pl1", taskId: "t1", code: "012345678905" });
    expect(args.scanId).toMatch(/^[0-9a-f-]{36}$/);
    await user.type(screen.getByLabelText("Scan or type a code"), "012345678905{Enter}");
    await waitFor(() => expect(mutation("floor:scan")).toHaveBeenCalledTimes(2));
    expect(mutation("floor:scan").mock.calls[1][0].scanId).not.toBe(args.scanId);
  });

  it("shows green for an accepted scan", async () => {
    const user = userEvent.setup();
    mutation("floor:scan").mockResolvedValue({ result: "ok", message: "SKU-1 1/2.", picked: 1, quantity: 2 });
    openList();
    await user.type(screen.getByLabelText("Scan or type a code"), "4006381333931{Enter}");
    await waitFor(() => expect(screen.getByRole("status")).toHaveAttribute("data-scan-state", "ok"));
    expect(screen.getByRole("status")).toHaveTextContent("SKU-1 1/2.");
  });

  it("records a short pick with a quantity and a reason", async () => {
    const user = userEvent.setup();
    const reportShort = mutation("floor:reportShort").mockResolvedValue({ listDone: false });
    openList();
    await user.click(screen.getByRole("button", { name: "Short pick" }));
    const dialog = screen.getByRole("dialog", { name: "Short pick: SKU-1" });
    expect(dialog).toHaveTextContent("A-01-1");
    const qty = screen.getByLabelText(/Units short/);
    expect(qty).toHaveValue(2);
    await user.clear(qty);
    await user.type(qty, "3");
    expect(screen.getByRole("button", { name: "Record short" })).toBeDisabled();
    await user.clear(qty);
    await user.type(qty, "1");
    await user.selectOptions(screen.getByLabelText("Reason"), "Damaged");
    await user.click(screen.getByRole("button", { name: "Record short" }));
    expect(reportShort).toHaveBeenCalledWith({ pickListId: "pl1", taskId: "t1", quantity: 1, reason: "Damaged" });
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("offers the claim, naming who holds the list, when it is not yours", () => {
    openList(view({ list: { claimedBy: "m9", claimedByName: "Sam Supervisor" } }));
    expect(screen.getByText("Sam Supervisor is picking PL-1001.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Claim PL-1001" })).toBeInTheDocument();
    expect(screen.getByLabelText("Scan or type a code")).toBeDisabled();
  });

  it("a scan before the claim is refused saying why, and sends nothing", async () => {
    const user = userEvent.setup();
    openList(view({ list: { claimedBy: "m9", claimedByName: "Sam Supervisor" } }));
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard("012345678905{Enter}");
    await waitFor(() => expect(screen.getByRole("status")).toHaveAttribute("data-scan-state", "refused"));
    expect(screen.getByRole("status")).toHaveTextContent(
      "Scan 012345678905 not taken: Sam Supervisor is picking PL-1001.",
    );
    expect(mutation("floor:scan")).not.toHaveBeenCalled();
  });

  it("shows the done state when every unit is picked", () => {
    openList(
      view({
        list: { status: "done", unitsPicked: 3, claimedBy: undefined, claimedByName: undefined },
        tasks: [task(0, { picked: 1 }), task(1, { quantity: 2, picked: 2 })],
      }),
    );
    expect(screen.getByTestId("list-done")).toHaveTextContent("PL-1001 is done: 3 picked.");
    expect(screen.getByLabelText("Scan or type a code")).toBeDisabled();
  });
});
