import { describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderPage, stubConvexEach } from "../../../test/convexStub";
import { refusal } from "../../../test/forms";
import { PackStationPage } from "./PackStationPage";

vi.mock("convex/react", () => import("../../../test/convexReact"));
vi.mock("../components/CameraScanner", () => ({ CameraScanner: () => null }));

const line = (sku: string, picked: number, packed: number) => ({
  orderLineId: `ol-${sku}`,
  productId: `p-${sku}`,
  sku,
  levelId: `l-${sku}`,
  quantity: picked,
  picked,
  packed,
});
const pkg = (index: number, items: { sku: string; quantity: number }[] = []) => ({
  _id: `pk${index}`,
  _creationTime: 0,
  shipmentId: "s1",
  index,
  weightGrams: 5000,
  lengthMm: 300,
  widthMm: 200,
  heightMm: 100,
  items: items.map((i) => ({ productId: `p-${i.sku}`, ...i })),
});
function station(packages: ReturnType<typeof pkg>[], over: Record<string, unknown> = {}) {
  return {
    shipment: {
      _id: "s1",
      _creationTime: 0,
      orderId: "o1",
      number: "SO-100001-1",
      warehouseId: "w1",
      source: "stock",
      status: "picked",
      lines: [line("P0", 2, 1), line("P1", 1, 0)],
      claimedBy: "me",
      claimedByName: "Ada",
      createdAt: 0,
      ...over,
    },
    packages,
    boxTypes: [
      {
        _id: "b1",
        _creationTime: 0,
        code: "M",
        name: "Medium",
        lengthMm: 300,
        widthMm: 200,
        heightMm: 150,
        tareGrams: 120,
        active: true,
      },
    ],
    recentScans: [],
    presence: [],
    products: [
      {
        _id: "p-P0",
        sku: "P0",
        name: "Two-person tent",
        barcodes: ["012345678905"],
        weightGrams: 1900,
        scanEveryUnit: false,
        imageUrl: "https://img.example/tent.png",
      },
      {
        _id: "p-P1",
        sku: "P1",
        name: "Ocean basket",
        barcodes: ["4006381333931"],
        weightGrams: 300,
        scanEveryUnit: false,
      },
    ],
    weights: packages.map((p) => ({
      packageId: p._id,
      contentsGrams: p.items.reduce((n, i) => n + (i.sku === "P0" ? 1900 : 300) * i.quantity, 0),
    })),
  };
}

const server = stubConvexEach();
const openStation = () =>
  renderPage(<PackStationPage />, { url: "/floor/pack/s1", path: "/floor/pack/:shipmentId", role: "floor" });

describe("PackStationPage", () => {
  it("refuses a scan in red until a package is open, and opens one from a box type", async () => {
    const user = userEvent.setup();
    server.queries["floor:packStation"] = station([]);
    server.mutations["floor:openPackage"].mockResolvedValue("pk1");
    openStation();
    await user.type(screen.getByLabelText("Scan or type a code"), "012345678905{Enter}");
    await waitFor(() => expect(screen.getByRole("status")).toHaveAttribute("data-scan-state", "refused"));
    expect(screen.getByRole("status")).toHaveTextContent(
      "Scanned 012345678905: add a package first — scan a box label (M).",
    );
    expect(server.mutations["floor:scanIntoPackage"]).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText("Weight (g)"), "900");
    await user.click(screen.getByRole("button", { name: "Add package" }));
    expect(server.mutations["floor:openPackage"]).toHaveBeenCalledWith({
      shipmentId: "s1",
      boxTypeId: "b1",
      weightGrams: 900,
    });
  });

  it("scans into the latest package and shows what is left", async () => {
    const user = userEvent.setup();
    server.queries["floor:packStation"] = station([pkg(1, [{ sku: "P0", quantity: 1 }]), pkg(2)]);
    server.mutations["floor:scanIntoPackage"].mockResolvedValue({
      result: "ok",
      message: "P0 packed into package 2; 1 to go.",
    });
    openStation();
    expect(screen.getByText("1 of 2")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Finish packing (2 left)" })).toBeInTheDocument();
    await user.type(screen.getByLabelText("Scan or type a code"), "012345678905{Enter}");
    await waitFor(() => expect(screen.getByRole("status")).toHaveAttribute("data-scan-state", "ok"));
    expect(server.mutations["floor:scanIntoPackage"].mock.calls[0][0]).toMatchObject({
      packageId: "pk2",
      code: "012345678905",
    });
  });

  it("shows the server's sentence when finishing is refused", async () => {
    const user = userEvent.setup();
    server.queries["floor:packStation"] = station([pkg(1, [{ sku: "P0", quantity: 1 }])]);
    server.mutations["floor:finishPacking"].mockRejectedValue(
      refusal("CONFLICT", "Not every unit is packed: 1 × P0, 1 × P1 left."),
    );
    openStation();
    await user.click(screen.getByRole("button", { name: /Finish packing/ }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Not every unit is packed: 1 × P0, 1 × P1 left.");
  });

  it("shows product names and images beside the SKUs", () => {
    server.queries["floor:packStation"] = station([]);
    openStation();
    const lines = screen.getByRole("list", { name: "Items to pack" });
    expect(lines).toHaveTextContent("Two-person tent");
    expect(lines).toHaveTextContent("Ocean basket");
    expect(lines.querySelector("img")).toHaveAttribute("src", "https://img.example/tent.png");
  });

  it("a box label scan opens a package; the last unit finishes packing by itself", async () => {
    const user = userEvent.setup();
    server.queries["floor:packStation"] = station([]);
    server.mutations["floor:openPackage"].mockResolvedValue("pk1");
    server.mutations["floor:scanIntoPackage"].mockResolvedValue({
      result: "ok",
      message: "P1 packed. Every unit is in a package.",
      remaining: 0,
    });
    server.mutations["floor:finishPacking"].mockResolvedValue(null);
    openStation();
    await user.type(screen.getByLabelText("Scan or type a code"), "box-m{Enter}");
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Package 1 opened: Medium (M)."));
    expect(server.mutations["floor:openPackage"]).toHaveBeenCalledWith({ shipmentId: "s1", boxTypeId: "b1" });
    await user.type(screen.getByLabelText("Scan or type a code"), "4006381333931{Enter}");
    await waitFor(() =>
      expect(screen.getByRole("status")).toHaveTextContent("SO-100001-1 is packed: scan LABEL to buy its label."),
    );
    expect(server.mutations["floor:scanIntoPackage"].mock.calls[0][0]).toMatchObject({
      packageId: "pk1",
      code: "4006381333931",
    });
    expect(server.mutations["floor:finishPacking"]).toHaveBeenCalledWith({ shipmentId: "s1" });
  });

  it("shows the estimate and flags a reading below the contents' catalog weight", () => {
    server.queries["floor:packStation"] = station([
      {
        ...pkg(1, [{ sku: "P0", quantity: 1 }]),
        weightGrams: 420,
        weightSource: "scale",
        tareGrams: 220,
      } as ReturnType<typeof pkg>,
      {
        ...pkg(2, [{ sku: "P1", quantity: 1 }]),
        weightGrams: 520,
        weightSource: "estimate",
        tareGrams: 220,
      } as ReturnType<typeof pkg>,
    ]);
    openStation();
    expect(screen.getByTestId("package-1")).toHaveTextContent(
      "Below the contents' catalog weight (1,900 g): the label will be refused.",
    );
    expect(screen.getByTestId("package-2")).toHaveTextContent("520 gestimate: box 220 g + contents 300 g");
    expect(screen.getByTestId("package-2")).not.toHaveTextContent("Below");
  });

  it("once packed, scanning LABEL buys the label", async () => {
    const user = userEvent.setup();
    server.queries["floor:packStation"] = station(
      [
        pkg(1, [
          { sku: "P0", quantity: 2 },
          { sku: "P1", quantity: 1 },
        ]),
      ],
      { status: "packed", claimedBy: undefined },
    );
    server.mutations["shipping:shopRates"].mockResolvedValue("r1");
    openStation();
    await user.type(screen.getByLabelText("Scan or type a code"), "LABEL{Enter}");
    await waitFor(() =>
      expect(server.mutations["shipping:shopRates"]).toHaveBeenCalledWith({ shipmentId: "s1", autoBuy: true }),
    );
  });

  it("says when the shipment is packed and ready to ship", () => {
    server.queries["floor:packStation"] = station(
      [
        pkg(1, [
          { sku: "P0", quantity: 2 },
          { sku: "P1", quantity: 1 },
        ]),
      ],
      { status: "packed", claimedBy: undefined },
    );
    openStation();
    expect(screen.getByTestId("packed")).toHaveTextContent("SO-100001-1 is packed in 1 package and ready to ship.");
  });
});
