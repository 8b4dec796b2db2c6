/** Receiving returns: the default disposition follows the line's reason; the receiver confirms by scan. */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderPage, stubConvexEach } from "../../../test/convexStub";
import { ReceiveReturnPage } from "./ReceiveReturnPage";

vi.mock("convex/react", () => import("../../../test/convexReact"));
vi.mock("../../floor/components/CameraScanner", () => ({ CameraScanner: () => null }));

const rma = {
  _id: "r1",
  _creationTime: 0,
  number: "RMA-10001",
  orderNumber: "SO-1",
  status: "approved",
  expectedDisposition: "restock",
  returnWarehouseId: "w1",
  unitsAuthorised: 2,
  unitsSettled: 0,
};
const line = (id: string, productId: string, sku: string, reason: string) => ({
  _id: id,
  _creationTime: 0,
  rmaId: "r1",
  productId,
  sku,
  name: sku,
  reason,
  quantity: 1,
  restocked: 0,
  damaged: 0,
  missing: 0,
});
const products: Record<string, { _id: string; sku: string; name: string }> = {
  "111": { _id: "p1", sku: "TNT-2P", name: "Tent" },
  "222": { _id: "p2", sku: "SOCK-M", name: "Sock" },
};

const server = stubConvexEach();
const receive = () => server.mutations["returns:receive"];
beforeEach(() => {
  receive().mockResolvedValue({ result: "ok", message: "Received.", rmaStatus: "receiving" });
  server.queries["returns:lookup"] = { kind: "rma", rmas: [rma], message: "" };
  server.queries["returns:get"] = {
    rma,
    lines: [line("l1", "p1", "TNT-2P", "defective"), line("l2", "p2", "SOCK-M", "size_or_fit")],
    units: [],
    history: [],
  };
  server.queries["warehouses:list"] = [];
  server.queryBy["floor:lookupCode"] = ({ code }: { code: string }) => products[code] ?? null;
});
const openReceiving = () => renderPage(<ReceiveReturnPage />, { url: "/returns/receive?rma=RMA-10001" });

const scan = async (user: ReturnType<typeof userEvent.setup>, code: string) =>
  user.type(screen.getByLabelText("Scan or type a code"), `${code}{Enter}`);
const banner = () => screen.getByRole("status");

describe("ReceiveReturnPage", () => {
  it("a defective unit defaults to damaged and is received only when scanned again", async () => {
    const user = userEvent.setup();
    openReceiving();
    await scan(user, "111");
    await waitFor(() =>
      expect(banner()).toHaveTextContent("TNT-2P (Tent), returned as Defective → Damaged. Scan it again to confirm"),
    );
    expect(receive()).not.toHaveBeenCalled();
    expect(screen.getByTestId("pending-unit")).toHaveTextContent("returned as Defective");
    await scan(user, "111");
    await waitFor(() => expect(receive()).toHaveBeenCalledTimes(1));
    expect(receive().mock.calls[0][0]).toMatchObject({ rmaId: "r1", code: "111", disposition: "damaged" });
    await waitFor(() => expect(screen.queryByTestId("pending-unit")).not.toBeInTheDocument());
  });

  it("the receiver can switch the disposition by tap or by scanning RESTOCK / DAMAGED", async () => {
    const user = userEvent.setup();
    openReceiving();
    await scan(user, "222");
    await waitFor(() => expect(banner()).toHaveTextContent("returned as Size or fit → Restock"));
    await user.click(screen.getByRole("button", { name: "Damaged" }));
    await waitFor(() => expect(banner()).toHaveTextContent("SOCK-M → Damaged. Scan SOCK-M again to confirm."));
    await scan(user, "restock");
    await waitFor(() => expect(banner()).toHaveTextContent("SOCK-M → Restock."));
    await scan(user, "222");
    await waitFor(() =>
      expect(receive()).toHaveBeenCalledWith(expect.objectContaining({ code: "222", disposition: "restock" })),
    );
  });

  it("another unit while one waits for confirmation is refused, naming both", async () => {
    const user = userEvent.setup();
    openReceiving();
    await scan(user, "111");
    await waitFor(() => expect(screen.getByTestId("pending-unit")).toBeInTheDocument());
    await scan(user, "222");
    await waitFor(() => expect(banner()).toHaveAttribute("data-scan-state", "refused"));
    expect(banner()).toHaveTextContent("Scanned SOCK-M: confirm TNT-2P first (scan it again), or tap Cancel.");
    expect(receive()).not.toHaveBeenCalled();
  });

  it("a code that is not on the RMA goes to the server, which refuses and records it", async () => {
    const user = userEvent.setup();
    receive().mockResolvedValue({
      result: "refused",
      message: "Scanned 999: not a SKU or barcode in the catalog.",
      rmaStatus: "approved",
    });
    openReceiving();
    await scan(user, "999");
    await waitFor(() => expect(banner()).toHaveAttribute("data-scan-state", "refused"));
    expect(receive().mock.calls[0][0]).toMatchObject({ code: "999" });
    expect(receive().mock.calls[0][0].disposition).toBeUndefined();
  });
});
