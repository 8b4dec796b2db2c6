import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockMutations, mockQueries, refusal, renderForm, press, retype } from "../../../test/forms";
import { DocumentSettingsPanel } from "./DocumentSettingsPanel";

vi.mock("convex/react", () => ({ useMutation: vi.fn(), useQuery: vi.fn(), usePaginatedQuery: vi.fn() }));

const user = () => userEvent.setup({ delay: null });
const current = {
  companyName: "Our shop",
  address: { line1: "1 Dock St", city: "Newark", postalCode: "07105", country: "US" },
  paperSize: "Letter",
  logoUrl: null,
  saved: false,
};
let mutations: ReturnType<typeof mockMutations>;
beforeEach(() => {
  mutations = mockMutations();
  mockQueries({ "documentSettings:get": current });
});

describe("DocumentSettingsPanel", () => {
  it("shows a loading state until the settings arrive, then saves them with empty optional text left out", async () => {
    mockQueries({});
    const { rerender } = renderForm(<DocumentSettingsPanel />);
    expect(screen.getByText("Loading document settings…")).toBeInTheDocument();
    mockQueries({ "documentSettings:get": current });
    rerender(<DocumentSettingsPanel />);
    const u = user();
    await retype(u, /Company name/, "  Harbour Goods ");
    await u.type(screen.getByLabelText("Region"), "NJ");
    await u.selectOptions(screen.getByLabelText("Packing slip paper"), "A4");
    await u.click(screen.getByRole("button", { name: "Save document settings" }));
    expect(mutations["documentSettings:save"]).toHaveBeenCalledWith({
      companyName: "Harbour Goods",
      address: {
        line1: "1 Dock St",
        line2: undefined,
        city: "Newark",
        region: "NJ",
        postalCode: "07105",
        country: "US",
      },
      phone: undefined,
      email: undefined,
      paperSize: "A4",
      returnNote: undefined,
      logoStorageId: undefined,
    });
  });

  it("needs a company name and a real email address before saving", async () => {
    const u = user();
    renderForm(<DocumentSettingsPanel />);
    await u.clear(screen.getByLabelText(/Company name/));
    await u.type(screen.getByLabelText("E-mail"), "ops@");
    await press("Save document settings");
    expect(mutations["documentSettings:save"]).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/Company name/)).toHaveAccessibleDescription(
      "The company name is printed on every document; enter it.",
    );
    expect(screen.getByLabelText("E-mail")).toHaveAccessibleDescription("Enter an email address like ops@example.com.");
    expect(screen.getByLabelText(/Company name/)).toHaveFocus();
  });

  it("shows the server's refusal as its sentence", async () => {
    mutations["documentSettings:save"].mockRejectedValueOnce(refusal("FORBIDDEN", ""));
    renderForm(<DocumentSettingsPanel />);
    await press("Save document settings");
    expect(screen.getByRole("alert")).toHaveTextContent("You do not have permission to do that.");
  });
});
