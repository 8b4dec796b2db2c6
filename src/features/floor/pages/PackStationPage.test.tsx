import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { ConvexError } from "convex/values";
import { useMutation, useQuery } from "convex/react";
import { PackStationPage } from "./PackStationPage";
import { MeContext, type Me } from "../../members/hooks/useMe";
import { ToastProvider } from "../../../components/ui";
import { nameOf } from "../../../test/convexMock";

vi.mock("convex/react", () => ({ useQuery: vi.fn(), useMutation: vi.fn() }));
vi.mock("../components/CameraScanner", () => ({ CameraScanner: () => null }));

const fran = { _id: "m3", name: "Fran Floor", email: "floor@demo.local", role: "floor" } as Me;
const line = (sku: string, picked: number, packed: number) => ({ orderLineId: `ol-${sku}`, productId: `p-${sku}`, sku, levelId: `l-${sku}`, quantity: picked, picked, packed });
const pkg = (index: number, items: { sku: string; quantity: number }[] = []) => ({
  _id: `pk${index}`, _creationTime: 0, shipmentId: "s1", index, weightGrams: 0, lengthMm: 300, widthMm: 200, heightMm: 100, items: items.map((i) => ({ productId: `p-${i.sku}`, ...i })),
});
function station(packages: ReturnType<typeof pkg>[], over: Record<string, unknown> = {}) {
  return {
    shipment: { _id: "s1", _creationTime: 0, orderId: "o1", number: "SO-100001-1", warehouseId: "w1", source: "stock", status: "picked", lines: [line("P0", 2, 1), line("P1", 1, 0)], claimedBy: "m3", claimedByName: "Fran Floor", createdAt: 0, ...over },
    packages,
    boxTypes: [{ _id: "b1", _creationTime: 0, code: "M", name: "Medium", lengthMm: 300, widthMm: 200, heightMm: 150, tareGrams: 120, active: true }],
    recentScans: [],
    presence: [],
  };
}

let current: ReturnType<typeof station>;
const calls: Record<string, ReturnType<typeof vi.fn>> = {};
beforeEach(() => {
  for (const k of ["floor:scanIntoPackage", "floor:finishPacking", "floor:openPackage"]) calls[k] = vi.fn();
  vi.mocked(useMutation).mockImplementation(((ref: unknown) => calls[nameOf(ref)] ?? vi.fn().mockResolvedValue(null)) as never);
  vi.mocked(useQuery).mockImplementation(((ref: unknown) => (nameOf(ref) === "floor:packStation" ? current : undefined)) as never);
});
afterEach(() => vi.clearAllMocks());

function renderPage() {
  return render(
    <MeContext.Provider value={fran}>
      <ToastProvider>
        <MemoryRouter initialEntries={["/floor/pack/s1"]}>
          <Routes>
            <Route path="/floor/pack/:shipmentId" element={<PackStationPage />} />
          </Routes>
        </MemoryRouter>
      </ToastProvider>
    </MeContext.Provider>,
  );
}

describe("PackStationPage", () => {
  it("refuses a scan in red until a package is open, and opens one from a box type", async () => {
    const user = userEvent.setup();
    current = station([]);
    calls["floor:openPackage"].mockResolvedValue("pk1");
    renderPage();
    await user.type(screen.getByLabelText("Scan or type a code"), "012345678905{Enter}");
    await waitFor(() => expect(screen.getByRole("status")).toHaveAttribute("data-scan-state", "refused"));
    expect(screen.getByRole("status")).toHaveTextContent("Add a package first.");
    expect(calls["floor:scanIntoPackage"]).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText("Weight (g)"), "900");
    await user.click(screen.getByRole("button", { name: "Add package" }));
    expect(calls["floor:openPackage"]).toHaveBeenCalledWith({ shipmentId: "s1", boxTypeId: "b1", weightGrams: 900 });
  });

  it("scans into the latest package and shows what is left", async () => {
    const user = userEvent.setup();
    current = station([pkg(1, [{ sku: "P0", quantity: 1 }]), pkg(2)]);
    calls["floor:scanIntoPackage"].mockResolvedValue({ result: "ok", message: "P0 packed into package 2; 1 to go." });
    renderPage();
    expect(screen.getByText("1 of 2")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Finish packing (2 left)" })).toBeInTheDocument();
    await user.type(screen.getByLabelText("Scan or type a code"), "012345678905{Enter}");
    await waitFor(() => expect(screen.getByRole("status")).toHaveAttribute("data-scan-state", "ok"));
    expect(calls["floor:scanIntoPackage"].mock.calls[0][0]).toMatchObject({ packageId: "pk2", code: "012345678905" });
  });

  it("shows the server's sentence when finishing is refused", async () => {
    const user = userEvent.setup();
    current = station([pkg(1, [{ sku: "P0", quantity: 1 }])]);
    calls["floor:finishPacking"].mockRejectedValue(new ConvexError({ code: "CONFLICT", message: "Not every unit is packed: 1 × P0, 1 × P1 left." }));
    renderPage();
    await user.click(screen.getByRole("button", { name: /Finish packing/ }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Not every unit is packed: 1 × P0, 1 × P1 left.");
  });

  it("says when the shipment is packed and ready to ship", () => {
    current = station([pkg(1, [{ sku: "P0", quantity: 2 }, { sku: "P1", quantity: 1 }])], { status: "packed", claimedBy: undefined });
    renderPage();
    expect(screen.getByTestId("packed")).toHaveTextContent("SO-100001-1 is packed in 1 package and ready to ship.");
  });
});
