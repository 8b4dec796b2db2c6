import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockMutations, mockQueries, refusal, renderForm, press } from "../../../test/forms";
import { AllocationSettingsPage } from "./AllocationSettingsPage";

vi.mock("convex/react", () => ({ useMutation: vi.fn(), useQuery: vi.fn(), usePaginatedQuery: vi.fn() }));

const user = () => userEvent.setup({ delay: null });
let mutations: ReturnType<typeof mockMutations>;
beforeEach(() => {
  mutations = mockMutations();
  mockQueries({
    "allocation:strategies": {
      available: [
        { name: "nearest", label: "Nearest warehouse", description: "Ships from the closest." },
        { name: "fewest_splits", label: "Fewest splits", description: "One parcel when it can." },
      ],
      defaultStrategy: "nearest",
      channelStrategies: {},
    },
  });
});

describe("AllocationSettingsPage's channel strategy form", () => {
  it("gives a channel its strategy, trimmed, and empties the code", async () => {
    const u = user();
    renderForm(<AllocationSettingsPage />);
    await u.type(screen.getByLabelText(/Channel code/), " amazon-us ");
    await u.selectOptions(screen.getByLabelText(/^Strategy/), "fewest_splits");
    await u.click(screen.getByRole("button", { name: "Set" }));
    expect(mutations["allocation:setChannelStrategy"]).toHaveBeenCalledWith({
      channel: "amazon-us",
      strategy: "fewest_splits",
    });
    expect(await screen.findByText("amazon-us now uses Fewest splits.")).toBeInTheDocument();
    expect(screen.getByLabelText(/Channel code/)).toHaveValue("");
  });

  it("asks for the code and the strategy beside each before calling the server", async () => {
    renderForm(<AllocationSettingsPage />);
    await press("Set");
    expect(mutations["allocation:setChannelStrategy"]).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/Channel code/)).toHaveAccessibleDescription("Enter the channel's code.");
    expect(screen.getByLabelText(/^Strategy/)).toHaveAccessibleDescription("Choose a strategy.");
    expect(screen.getByLabelText(/Channel code/)).toHaveFocus();
  });

  it("shows the server's refusal under the strategy", async () => {
    const u = user();
    mutations["allocation:setChannelStrategy"].mockRejectedValueOnce(
      refusal("INVALID_INPUT", "Unknown strategy.", { strategy: "Unknown strategy." }),
    );
    renderForm(<AllocationSettingsPage />);
    await u.type(screen.getByLabelText(/Channel code/), "manual");
    await u.selectOptions(screen.getByLabelText(/^Strategy/), "nearest");
    await press("Set");
    expect(screen.getByLabelText(/^Strategy/)).toHaveAccessibleDescription("Unknown strategy.");
  });
});
