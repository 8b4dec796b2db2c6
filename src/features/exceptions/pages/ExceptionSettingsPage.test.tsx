import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { DEFAULT_FRAUD_SETTINGS } from "../../../../convex/lib/validation/types";
import { mockMutations, mockQueries, refusal, renderForm, press, retype } from "../../../test/forms";
import { ExceptionSettingsPage } from "./ExceptionSettingsPage";

vi.mock("convex/react", () => ({ useMutation: vi.fn(), useQuery: vi.fn(), usePaginatedQuery: vi.fn() }));

const user = () => userEvent.setup({ delay: null });
const saved = {
  fraud: DEFAULT_FRAUD_SETTINGS,
  stuck: { awaitingFulfilmentHours: 24, noScanHours: 48, ackWarningHours: 4 },
  addressVerification: "off" as const,
};

let mutations: ReturnType<typeof mockMutations>;
beforeEach(() => {
  mutations = mockMutations();
  mockQueries({ "holds:settings": saved });
});

describe("ExceptionSettingsPage", () => {
  it("saves the changed thresholds, rules and provider", async () => {
    const u = user();
    renderForm(<ExceptionSettingsPage />);
    await retype(u, "Hold for review at score", "70");
    await retype(u, "No carrier scan after (hours)", "72");
    await u.click(screen.getByLabelText("Billing and shipping country differ"));
    await u.selectOptions(screen.getByLabelText("Verify shipping addresses with"), "shippo");
    await u.click(screen.getByRole("button", { name: "Save settings" }));
    expect(mutations["holds:saveSettings"]).toHaveBeenCalledWith({
      settings: {
        fraud: {
          ...DEFAULT_FRAUD_SETTINGS,
          holdAtScore: 70,
          countryMismatch: { ...DEFAULT_FRAUD_SETTINGS.countryMismatch, enabled: false },
        },
        stuck: { ...saved.stuck, noScanHours: 72 },
        addressVerification: "shippo",
      },
    });
    expect(await screen.findByText("Exception settings saved.")).toBeInTheDocument();
  });

  it("refuses a hold level over 100 and an empty stuck threshold beside the field, without saving", async () => {
    const u = user();
    renderForm(<ExceptionSettingsPage />);
    await retype(u, "Hold for review at score", "101");
    await u.clear(screen.getByLabelText("Awaiting fulfilment longer than (hours)"));
    await press("Save settings");
    expect(mutations["holds:saveSettings"]).not.toHaveBeenCalled();
    expect(screen.getByLabelText("Hold for review at score")).toHaveAccessibleDescription(
      expect.stringContaining("Hold level is a whole number from 1 to 100."),
    );
    expect(screen.getByLabelText("Awaiting fulfilment longer than (hours)")).toHaveAccessibleDescription(
      "Between 0 and 720 hours.",
    );
    expect(screen.getByRole("alert")).toHaveTextContent("Please correct the 2 highlighted fields.");
    expect(screen.getByLabelText("Hold for review at score")).toHaveFocus();
  });

  it("shows a refusal from the server as its sentence", async () => {
    mutations["holds:saveSettings"].mockRejectedValueOnce(refusal("FORBIDDEN", ""));
    renderForm(<ExceptionSettingsPage />);
    await press("Save settings");
    expect(screen.getByRole("alert")).toHaveTextContent("You do not have permission to do that.");
  });
});
