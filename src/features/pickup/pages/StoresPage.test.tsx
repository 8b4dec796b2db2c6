import { describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import { mockFormServer, refusal, renderForm, press, typeOver, user } from "../../../test/forms";
import { StoresPage } from "./StoresPage";

vi.mock("convex/react", () => import("../../../test/convexReact"));

const store = {
  _id: "w9",
  code: "SOHO",
  name: "Soho store",
  active: true,
  shipFromStore: false,
  dailyCapacity: null,
  pickupHours: null,
  usedToday: { units: 3, orders: 1 },
};
const mutations = mockFormServer({
  "pickups:stores": [store],
  "pickups:settings": { reminderDays: 3, holdDays: 7 },
  "portalSettings:get": { returnWindowDays: 30, autoApprove: { enabled: false, reasons: [], maxValueMinor: 0 } },
  "members:list": [],
});
const storeForm = () => screen.getByRole("form", { name: "Store SOHO" });
const pickupForm = () => screen.getByRole("form", { name: "Uncollected pickups" });
/** Renders the page; the person at the keyboard and the form named by `which`, to look inside. */
function openPage(which: () => HTMLElement) {
  const u = user();
  renderForm(<StoresPage />);
  return { u, form: within(which()) };
}

describe("StoresPage's store form", () => {
  it("switches ship-from-store on with a daily capacity and hours", async () => {
    const { u, form } = openPage(storeForm);
    await u.click(form.getByLabelText("Ship from this store"));
    await u.selectOptions(form.getByLabelText("Daily capacity"), "orders");
    await typeOver(form.getByLabelText("Limit"), "40", u);
    await u.type(form.getByLabelText("Pickup hours"), " Mon–Fri 10–18 ");
    await u.click(form.getByRole("button", { name: "Save" }));
    expect(mutations["pickups:setStore"]).toHaveBeenCalledWith({
      storeId: "w9",
      shipFromStore: true,
      dailyCapacity: { unit: "orders", limit: 40 },
      pickupHours: "Mon–Fri 10–18",
    });
    expect(await screen.findByText("SOHO saved.")).toBeInTheDocument();
  });

  it("refuses a capacity that is not a whole number, beside it", async () => {
    const { u, form } = openPage(storeForm);
    await u.selectOptions(form.getByLabelText("Daily capacity"), "units");
    await typeOver(form.getByLabelText("Limit"), "2.5", u);
    await u.click(form.getByLabelText("Pickup hours"));
    await u.paste("9–5 ".repeat(51));
    await press("Save", form);
    expect(mutations["pickups:setStore"]).not.toHaveBeenCalled();
    expect(form.getByLabelText("Limit")).toHaveAccessibleDescription("Capacity is a whole number from 0 to 1,000,000.");
    expect(form.getByLabelText("Pickup hours")).toHaveAccessibleDescription("At most 200 characters.");
    expect(form.getByLabelText("Limit")).toHaveFocus();
  });

  it("shows the server's refusal in the store's card", async () => {
    mutations["pickups:setStore"].mockRejectedValueOnce(refusal("NOT_FOUND", "That store no longer exists."));
    await press("Save", openPage(storeForm).form);
    expect(within(storeForm()).getByRole("alert")).toHaveTextContent("That store no longer exists.");
  });
});

describe("StoresPage's uncollected pickups form", () => {
  it("saves the reminder and hold days", async () => {
    const { u, form } = openPage(pickupForm);
    await typeOver(form.getByLabelText("Back to stock after (days)"), "10", u);
    await u.click(form.getByRole("button", { name: "Save" }));
    expect(mutations["pickups:saveSettings"]).toHaveBeenCalledWith({ settings: { reminderDays: 3, holdDays: 10 } });
  });

  it("needs the reminder before the hold ends", async () => {
    const { u, form } = openPage(pickupForm);
    await typeOver(form.getByLabelText("Remind after (days)"), "7", u);
    await press("Save", form);
    expect(mutations["pickups:saveSettings"]).not.toHaveBeenCalled();
    expect(form.getByLabelText("Remind after (days)")).toHaveAccessibleDescription(
      "Remind after 1 or more whole days, before the hold ends.",
    );
  });

  it("shows a server refusal under the field it names", async () => {
    mutations["pickups:saveSettings"].mockRejectedValueOnce(
      refusal("INVALID_INPUT", "Please correct the highlighted fields.", { holdDays: "Hold for 1 to 60 whole days." }),
    );
    await press("Save", openPage(pickupForm).form);
    expect(within(pickupForm()).getByLabelText("Back to stock after (days)")).toHaveAccessibleDescription(
      "Hold for 1 to 60 whole days.",
    );
  });
});
