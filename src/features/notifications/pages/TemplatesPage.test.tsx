import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { DEFAULT_TEMPLATES } from "../../../../convex/lib/notifications/templates";
import { mockMutations, mockQueries, refusal, renderForm, press } from "../../../test/forms";
import { TemplatesPage } from "./TemplatesPage";

vi.mock("convex/react", () => ({ useMutation: vi.fn(), useQuery: vi.fn(), usePaginatedQuery: vi.fn() }));

const user = () => userEvent.setup({ delay: null });
const confirmed = {
  event: "order_confirmed",
  channel: "email",
  ...DEFAULT_TEMPLATES.order_confirmed.email,
  enabled: true,
  version: 4,
  updatedBy: "Ada Admin",
};
let mutations: ReturnType<typeof mockMutations>;
beforeEach(() => {
  mutations = mockMutations({ "notifications:saveTemplate": 5 });
  mockQueries({
    "notifications:templates": { templates: [confirmed], trackingPageUrl: "https://shop.example.com/track" },
  });
});
// The editor's text holds braces, which user-event reads as key names: set it as a paste would.
const setText = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe("TemplatesPage's editor", () => {
  it("saves the edited subject and switch on the version it started from", async () => {
    renderForm(<TemplatesPage />);
    setText("Subject", "Thanks! Order {{orderNumber}} is in");
    await user().click(screen.getByLabelText("Send this message"));
    await user().click(screen.getByRole("button", { name: "Save template" }));
    expect(mutations["notifications:saveTemplate"]).toHaveBeenCalledWith({
      event: "order_confirmed",
      channel: "email",
      subject: "Thanks! Order {{orderNumber}} is in",
      body: confirmed.body,
      enabled: false,
      baseVersion: 4,
    });
    expect(await screen.findByText("Saved as version 5.")).toBeInTheDocument();
  });

  it("shows an unknown placeholder as it is typed and does not save it", async () => {
    renderForm(<TemplatesPage />);
    setText("Subject", "Order {{orderNumbr}}");
    expect(screen.getByLabelText("Subject")).toHaveAccessibleDescription(expect.stringContaining("orderNumbr"));
    await press("Save template");
    expect(mutations["notifications:saveTemplate"]).not.toHaveBeenCalled();
    expect(screen.getByLabelText("Subject")).toHaveFocus();
  });

  it("shows a refusal from the server as its sentence", async () => {
    mutations["notifications:saveTemplate"].mockRejectedValueOnce(
      refusal("CONFLICT", "Someone saved this template first; reload to see it."),
    );
    renderForm(<TemplatesPage />);
    await press("Save template");
    expect(screen.getByRole("alert")).toHaveTextContent("Someone saved this template first; reload to see it.");
  });
});

describe("TemplatesPage's tracking link", () => {
  it("saves the trimmed address", async () => {
    renderForm(<TemplatesPage />);
    setText(/Public address/, "  https://shop.example.com/where ");
    await user().click(screen.getByRole("button", { name: "Save link" }));
    expect(mutations["notifications:setTrackingPageUrl"]).toHaveBeenCalledWith({
      url: "https://shop.example.com/where",
    });
  });

  it("asks for a full address beside the field", async () => {
    renderForm(<TemplatesPage />);
    setText(/Public address/, "shop.example.com/track");
    await press("Save link");
    expect(mutations["notifications:setTrackingPageUrl"]).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/Public address/)).toHaveAccessibleDescription(
      expect.stringContaining("Enter the full address, e.g. https://shop.example.com/track."),
    );
  });
});
