import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Doc } from "../../../../convex/_generated/dataModel";
import type { Me } from "../../members/hooks/useMe";
import { mockMutations, press, refusal, renderForm } from "../../../test/forms";
import { WeightOverride } from "./PackStationPage";

vi.mock("convex/react", () => ({ useMutation: vi.fn(), useQuery: vi.fn(), usePaginatedQuery: vi.fn() }));

const pkg = { _id: "pk1", weightGrams: 400 } as Doc<"packages">;
let mutations: ReturnType<typeof mockMutations>;
beforeEach(() => {
  mutations = mockMutations();
});
const open = async () => {
  renderForm(<WeightOverride pkg={pkg} />);
  await userEvent.setup({ delay: null }).click(screen.getByText(/Supervisor: accept/));
};

describe("WeightOverride (pack station)", () => {
  it("is not offered to floor staff", () => {
    renderForm(<WeightOverride pkg={pkg} />, { me: { _id: "m3", name: "Fran", email: "f@x", role: "floor" } as Me });
    expect(screen.queryByText(/Supervisor: accept/)).not.toBeInTheDocument();
  });

  it("overrides with the trimmed reason", async () => {
    await open();
    await userEvent.type(screen.getByLabelText(/Why is the lower weight right/), "  Scale drifts low ");
    await press("Override (audited)");
    expect(mutations["floor:overrideWeight"]).toHaveBeenCalledWith({ packageId: "pk1", reason: "Scale drifts low" });
  });

  it("needs five characters of reason before it calls the server", async () => {
    await open();
    await userEvent.type(screen.getByLabelText(/Why is the lower weight right/), "ok  ");
    await press("Override (audited)");
    expect(mutations["floor:overrideWeight"]).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/Why is the lower weight right/)).toHaveAccessibleDescription(
      "Say why the lower weight is right (at least 5 characters).",
    );
    expect(screen.getByLabelText(/Why is the lower weight right/)).toHaveFocus();
  });

  it("shows the server's refusal as its sentence", async () => {
    mutations["floor:overrideWeight"].mockRejectedValueOnce(refusal("NOT_FOUND", "That package is gone."));
    await open();
    await userEvent.type(screen.getByLabelText(/Why is the lower weight right/), "Scale drifts low");
    await press("Override (audited)");
    expect(screen.getByRole("alert")).toHaveTextContent("That package is gone.");
  });
});
