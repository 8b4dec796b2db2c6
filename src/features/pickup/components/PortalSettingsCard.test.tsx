import { describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import { mockFormServer, refusal, renderForm, press, typeOver, user } from "../../../test/forms";
import { PortalSettingsCard } from "./PortalSettingsCard";

vi.mock("convex/react", () => import("../../../test/convexReact"));

const mutations = mockFormServer({
  "portalSettings:get": {
    returnWindowDays: 30,
    autoApprove: { enabled: true, reasons: ["damaged_in_transit", "defective"], maxValueMinor: 20_000 },
  },
});

describe("PortalSettingsCard", () => {
  it("saves the window, the reasons approved at once and the limit in minor units", async () => {
    const u = user();
    renderForm(<PortalSettingsCard />);
    await typeOver(screen.getByLabelText(/Return window/), "45", u);
    await u.click(screen.getByLabelText("Defective"));
    await u.click(screen.getByLabelText("Wrong item sent"));
    await typeOver(screen.getByLabelText(/returned value is at most/), "150.5", u);
    await u.click(screen.getByRole("button", { name: "Save" }));
    expect(mutations["portalSettings:save"]).toHaveBeenCalledWith({
      settings: {
        returnWindowDays: 45,
        autoApprove: { enabled: true, reasons: ["damaged_in_transit", "wrong_item"], maxValueMinor: 15_050 },
      },
    });
    expect(await screen.findByText("Portal return settings saved.")).toBeInTheDocument();
  });

  it("refuses a window over a year and an amount with three decimals beside each", async () => {
    const u = user();
    renderForm(<PortalSettingsCard />);
    await typeOver(screen.getByLabelText(/Return window/), "366", u);
    await typeOver(screen.getByLabelText(/returned value is at most/), "1.005", u);
    await press("Save");
    expect(mutations["portalSettings:save"]).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/Return window/)).toHaveAccessibleDescription(
      "The return window is 0 to 365 whole days.",
    );
    expect(screen.getByLabelText(/returned value is at most/)).toHaveAccessibleDescription(
      "Enter an amount like 200.00.",
    );
    expect(screen.getByLabelText(/Return window/)).toHaveFocus();
  });

  it("shows the server's refusal as its sentence", async () => {
    mutations["portalSettings:save"].mockRejectedValueOnce(refusal("FORBIDDEN", ""));
    renderForm(<PortalSettingsCard />);
    await press("Save");
    expect(screen.getByRole("alert")).toHaveTextContent("You do not have permission to do that.");
  });
});
