import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useQuery } from "convex/react";
import { nameOf } from "../../../test/convexMock";
import { mockMutations, refusal, renderForm, press, retype } from "../../../test/forms";
import { FromFilterForm } from "./BatchesPage";

vi.mock("convex/react", () => ({ useMutation: vi.fn(), useQuery: vi.fn(), usePaginatedQuery: vi.fn() }));

const user = () => userEvent.setup({ delay: null });
let mutations: ReturnType<typeof mockMutations>;
let previewArgs: unknown[];
beforeEach(() => {
  mutations = mockMutations({ "batches:createFromFilter": { batchId: "b1", added: 12, refused: [] } });
  previewArgs = [];
  vi.mocked(useQuery).mockImplementation(((ref: unknown, args: unknown) => {
    if (nameOf(ref) === "warehouses:list") return [{ _id: "w1", name: "Newark" }];
    if (nameOf(ref) === "batches:previewFilter") {
      previewArgs.push(args);
      return args === "skip" ? undefined : { count: 12 };
    }
    return undefined;
  }) as never);
});

describe("FromFilterForm (Batches)", () => {
  it("counts what it would make while valid, then makes the batch with the trimmed service", async () => {
    const u = user();
    renderForm(<FromFilterForm />);
    expect(screen.getByText("Choose a warehouse to see how many are waiting.")).toBeInTheDocument();
    await u.selectOptions(screen.getByLabelText(/Ready shipments from/), "w1");
    await u.type(screen.getByLabelText(/Chosen carrier service/), " UPS Ground ");
    expect(screen.getByText("12 packed shipments are waiting for a label")).toBeInTheDocument();
    expect(previewArgs.at(-1)).toEqual({ warehouseId: "w1", service: "UPS Ground", limit: 25 });
    await u.click(screen.getByRole("button", { name: "Make batch" }));
    expect(mutations["batches:createFromFilter"]).toHaveBeenCalledWith({
      warehouseId: "w1",
      service: "UPS Ground",
      limit: 25,
    });
  });

  it("asks for a warehouse and a limit within 1–100 beside each, and counts nothing meanwhile", async () => {
    const u = user();
    renderForm(<FromFilterForm />);
    await retype(u, /Up to/, "101");
    await press("Make batch");
    expect(mutations["batches:createFromFilter"]).not.toHaveBeenCalled();
    expect(previewArgs.every((a) => a === "skip")).toBe(true);
    expect(screen.getByLabelText(/Ready shipments from/)).toHaveAccessibleDescription("Choose a warehouse.");
    expect(screen.getByLabelText(/Up to/)).toHaveAccessibleDescription("A whole number from 1 to 100");
    expect(screen.getByLabelText(/Ready shipments from/)).toHaveFocus();
  });

  it("shows the server's refusal as its sentence", async () => {
    const u = user();
    mutations["batches:createFromFilter"].mockRejectedValueOnce(refusal("CONFLICT", ""));
    renderForm(<FromFilterForm />);
    await u.selectOptions(screen.getByLabelText(/Ready shipments from/), "w1");
    await press("Make batch");
    expect(screen.getByRole("alert")).toHaveTextContent("Someone else changed this at the same time.");
  });
});
