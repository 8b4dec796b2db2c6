import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Doc, Id } from "../../../../convex/_generated/dataModel";
import { mockMutations, refusal, renderForm, settle, press } from "../../../test/forms";
import { AddPackageForm } from "./AddPackageForm";
import { BuildBatchForm, ReleaseWaveForm } from "./SupervisorActions";
import { WeighForm } from "./WeighForm";

vi.mock("convex/react", () => ({ useMutation: vi.fn(), useQuery: vi.fn(), usePaginatedQuery: vi.fn() }));

const user = () => userEvent.setup({ delay: null });
const shipmentId = "s1" as Id<"shipments">;
const warehouseId = "w1" as Id<"warehouses">;
const box = { _id: "b1", code: "S", name: "Small", lengthMm: 200, widthMm: 150, heightMm: 100 } as Doc<"boxTypes">;

let mutations: ReturnType<typeof mockMutations>;
beforeEach(() => {
  mutations = mockMutations({
    "floor:openPackage": "pkg1",
    "floor:weighPackage": null,
    "floor:buildBatchList": { pickListId: "pl1", number: "PL-7" },
    "floor:releaseWaveLists": { number: "W-3", lists: ["PL-8", "PL-9"] },
  });
});

describe("AddPackageForm", () => {
  it("opens a package in a listed box with its weight, then clears the weight", async () => {
    const u = user();
    const onAdded = vi.fn();
    renderForm(<AddPackageForm shipmentId={shipmentId} boxTypes={[box]} onAdded={onAdded} />);
    await u.type(screen.getByLabelText("Weight (g)"), "650");
    await press("Add package");
    expect(mutations["floor:openPackage"]).toHaveBeenCalledWith({ shipmentId, boxTypeId: "b1", weightGrams: 650 });
    expect(onAdded).toHaveBeenCalledWith("pkg1");
    expect(screen.getByLabelText("Weight (g)")).toHaveValue(null);
  });

  it("asks for every dimension of another size, and sends them in mm", async () => {
    const u = user();
    renderForm(<AddPackageForm shipmentId={shipmentId} boxTypes={[box]} onAdded={vi.fn()} />);
    await u.selectOptions(screen.getByLabelText("Box"), "custom");
    await u.type(screen.getByLabelText(/Length/), "300");
    await press("Add package");
    expect(mutations["floor:openPackage"]).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/Width/)).toHaveAccessibleDescription("Whole mm from 1 to 3,000.");
    expect(screen.getByLabelText(/Width/)).toHaveFocus();
    await u.type(screen.getByLabelText(/Width/), "200");
    await u.type(screen.getByLabelText(/Height/), "100");
    await u.click(screen.getByRole("button", { name: "Add package" }));
    expect(mutations["floor:openPackage"]).toHaveBeenCalledWith({
      shipmentId,
      lengthMm: 300,
      widthMm: 200,
      heightMm: 100,
      weightGrams: undefined,
    });
  });

  it("shows the server's refusal of the weight under it", async () => {
    const u = user();
    mutations["floor:openPackage"].mockRejectedValueOnce(
      refusal("INVALID_INPUT", "Please correct the highlighted fields.", {
        weightGrams: "Heavier than the box allows.",
      }),
    );
    renderForm(<AddPackageForm shipmentId={shipmentId} boxTypes={[box]} onAdded={vi.fn()} />);
    await u.type(screen.getByLabelText("Weight (g)"), "99999");
    await press("Add package");
    expect(screen.getByLabelText("Weight (g)")).toHaveAccessibleDescription(
      expect.stringContaining("Heavier than the box allows."),
    );
    await settle();
    expect(screen.getByLabelText("Weight (g)")).toHaveFocus();
  });
});

describe("WeighForm", () => {
  const packageId = "pkg1" as Id<"packages">;
  const label = "Scale reading for package 1 (g)";

  it("refuses what the server would (not whole, zero, past the limit) in its words, and sends nothing", async () => {
    const u = user();
    renderForm(<WeighForm packageId={packageId} label={label} />);
    for (const text of ["1.5", "0", "1000001"]) {
      await u.clear(screen.getByLabelText(label));
      await u.type(screen.getByLabelText(label), text);
      await press("Save weight");
      expect(screen.getByLabelText(label)).toHaveAccessibleDescription("Whole grams from 1 to 1,000,000.");
    }
    expect(mutations["floor:weighPackage"]).not.toHaveBeenCalled();
  });

  it("saves a reading, clears the field and says so to its host", async () => {
    const u = user();
    const onWeighed = vi.fn();
    renderForm(<WeighForm packageId={packageId} label={label} onWeighed={onWeighed} />);
    await u.type(screen.getByLabelText(label), "1250");
    await press("Save weight");
    expect(mutations["floor:weighPackage"]).toHaveBeenCalledWith({ packageId, weightGrams: 1250 });
    expect(onWeighed).toHaveBeenCalledWith(1250);
    expect(screen.getByLabelText(label)).toHaveValue(null);
  });

  it("shows the server's refusal in words and keeps the reading", async () => {
    const u = user();
    mutations["floor:weighPackage"].mockRejectedValueOnce(
      refusal("CONFLICT", "Package 1 already has a label; void it before weighing again."),
    );
    renderForm(<WeighForm packageId={packageId} label={label} />);
    await u.type(screen.getByLabelText(label), "800");
    await press("Save weight");
    expect(screen.getByRole("alert")).toHaveTextContent("Package 1 already has a label");
    expect(screen.getByLabelText(label)).toHaveValue(800);
  });
});

describe("BuildBatchForm", () => {
  it("builds a batch of the number given, with or without bin scans", async () => {
    const u = user();
    renderForm(<BuildBatchForm warehouseId={warehouseId} />);
    await u.clear(screen.getByLabelText("Shipments in the batch"));
    await u.type(screen.getByLabelText("Shipments in the batch"), "12");
    await u.click(screen.getByLabelText(/Require a bin scan/));
    await u.click(screen.getByRole("button", { name: "Build batch list" }));
    expect(mutations["floor:buildBatchList"]).toHaveBeenCalledWith({
      warehouseId,
      maxShipments: 12,
      requireBinScan: false,
    });
    expect(await screen.findByText("PL-7 built.")).toBeInTheDocument();
  });

  it("refuses 51 shipments, and shows a server refusal's sentence", async () => {
    const u = user();
    renderForm(<BuildBatchForm warehouseId={warehouseId} />);
    await u.clear(screen.getByLabelText("Shipments in the batch"));
    await u.type(screen.getByLabelText("Shipments in the batch"), "51");
    await u.click(screen.getByRole("button", { name: "Build batch list" }));
    expect(mutations["floor:buildBatchList"]).not.toHaveBeenCalled();
    expect(screen.getByLabelText("Shipments in the batch")).toHaveAccessibleDescription("A whole number from 1 to 50.");

    mutations["floor:buildBatchList"].mockRejectedValueOnce(refusal("NOT_FOUND", "No allocated shipments to batch."));
    await u.clear(screen.getByLabelText("Shipments in the batch"));
    await u.type(screen.getByLabelText("Shipments in the batch"), "50");
    await press("Build batch list");
    expect(screen.getByRole("alert")).toHaveTextContent("No allocated shipments to batch.");
  });
});

describe("ReleaseWaveForm", () => {
  it("releases a wave in batches before a cut-off", async () => {
    const u = user();
    renderForm(<ReleaseWaveForm warehouseId={warehouseId} />);
    await u.type(screen.getByLabelText(/Wave name/), "  UPS 16:00 ");
    await u.type(screen.getByLabelText(/Ship before/), "2026-12-05T16:00");
    await u.click(screen.getByLabelText("Batches of shipments"));
    await u.clear(screen.getByLabelText("Shipments per list"));
    await u.type(screen.getByLabelText("Shipments per list"), "8");
    await u.click(screen.getByRole("button", { name: "Release wave" }));
    expect(mutations["floor:releaseWaveLists"]).toHaveBeenCalledWith({
      warehouseId,
      label: "UPS 16:00",
      shipBefore: new Date("2026-12-05T16:00").getTime(),
      byZone: false,
      batchSize: 8,
      requireBinScan: true,
    });
    expect(await screen.findByText("Wave W-3 released: PL-8, PL-9.")).toBeInTheDocument();
    expect(screen.getByLabelText(/Wave name/)).toHaveValue("");
  });

  it("needs a name of two characters before it releases anything", async () => {
    const u = user();
    renderForm(<ReleaseWaveForm warehouseId={warehouseId} />);
    await u.type(screen.getByLabelText(/Wave name/), "U");
    await press("Release wave");
    expect(mutations["floor:releaseWaveLists"]).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/Wave name/)).toHaveAccessibleDescription("At least 2 characters.");
    expect(screen.getByLabelText(/Wave name/)).toHaveFocus();
  });
});
