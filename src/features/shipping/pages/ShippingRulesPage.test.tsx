import { describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderPage, stubConvexEach } from "../../../test/convexStub";
import { refusal, settle } from "../../../test/forms";
import { ShippingRulesPage } from "./ShippingRulesPage";

vi.mock("convex/react", () => import("../../../test/convexReact"));

const rule = (over: Record<string, unknown> = {}) => ({
  _id: "r1",
  _creationTime: 0,
  name: "Heavy to ground",
  position: 1,
  enabled: true,
  isDefault: false,
  conditions: { weightGrams: { min: 5000 } },
  action: { kind: "cheapest" },
  constraints: {},
  version: 3,
  updatedAt: 0,
  updatedByName: "Ada Admin",
  hits: 0,
  shadow: null,
  ...over,
});
const defaultRule = rule({ _id: "r9", name: "Default: cheapest", isDefault: true, position: 2000, conditions: {} });

const server = stubConvexEach();
/** Opens the page on `rules`; the person at the keyboard. */
function openRules(rules: unknown[] = [rule(), defaultRule]) {
  server.queries["shippingRules:list"] = {
    rules,
    editors: [],
    warehouses: [{ _id: "w1", code: "EWR", name: "Newark" }],
  };
  renderPage(<ShippingRulesPage />);
  return userEvent.setup({ delay: null });
}

describe("ShippingRulesPage", () => {
  it("writes nothing on render when the set has no default rule; an admin stores it on purpose", async () => {
    const user = openRules([]);
    await settle();
    expect(server.mutations["shippingRules:ensureDefault"]).not.toHaveBeenCalled();
    expect(screen.getByText(/takes the cheapest quote/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Set up the default rule" }));
    expect(server.mutations["shippingRules:ensureDefault"]).toHaveBeenCalledWith({});
  });

  it("Add rule: a missing name is refused on the form, a server refusal shows under the name, and the focus returns to Add rule", async () => {
    const user = openRules();
    const addButton = screen.getByRole("button", { name: "Add rule" });
    await user.click(addButton);
    const dialog = screen.getByRole("dialog", { name: "Add a shipping rule" });
    const name = within(dialog).getByLabelText(/Name/);
    expect(name).toHaveFocus();
    await user.click(within(dialog).getByRole("button", { name: "Add rule" }));
    expect(name).toHaveAccessibleDescription("Give the rule a name.");
    expect(server.mutations["shippingRules:add"]).not.toHaveBeenCalled();
    server.mutations["shippingRules:add"].mockRejectedValue(
      refusal("INVALID_INPUT", "Please correct the highlighted fields.", {
        name: "Keep the name under 80 characters.",
      }),
    );
    await user.type(name, "Too long really");
    await user.keyboard("{Enter}");
    await settle();
    expect(name).toHaveAccessibleDescription("Keep the name under 80 characters.");
    await user.keyboard("{Escape}");
    await settle();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(addButton).toHaveFocus();
  });

  it("Add rule: a good name is sent trimmed", async () => {
    const user = openRules();
    await user.click(screen.getByRole("button", { name: "Add rule" }));
    server.mutations["shippingRules:add"].mockResolvedValue("r2");
    await user.type(screen.getByLabelText(/Name/), "  Oversize  {Enter}");
    expect(server.mutations["shippingRules:add"]).toHaveBeenCalledWith({
      name: "Oversize",
      conditions: {},
      action: { kind: "cheapest" },
      constraints: {},
    });
  });

  it("inline editors: the first field takes the focus, Escape cancels, Save and Cancel give the focus back to the row's Edit button", async () => {
    const user = openRules();
    const edit = screen.getByRole("button", { name: "Edit constraints of Heavy to ground" });
    await user.click(edit);
    const form = screen.getByRole("form", { name: "Constraints of Heavy to ground" });
    expect(within(form).getByLabelText("Never use carriers")).toHaveFocus();
    await user.type(within(form).getByLabelText("Never use carriers"), "ups");
    await user.keyboard("{Escape}");
    await settle();
    expect(screen.queryByRole("form", { name: "Constraints of Heavy to ground" })).toBeNull();
    expect(server.mutations["shippingRules:setConstraints"]).not.toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "Edit constraints of Heavy to ground" })).toHaveFocus();

    await user.click(screen.getByRole("button", { name: "Edit constraints of Heavy to ground" }));
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    await settle();
    expect(screen.getByRole("button", { name: "Edit constraints of Heavy to ground" })).toHaveFocus();

    await user.click(screen.getByRole("button", { name: "Rename Heavy to ground" }));
    const renameForm = screen.getByRole("form", { name: "Name of Heavy to ground" });
    await user.clear(within(renameForm).getByLabelText("Rule name"));
    await user.type(within(renameForm).getByLabelText("Rule name"), "Heavy freight");
    await user.click(within(renameForm).getByRole("button", { name: "Save name" }));
    await settle();
    expect(server.mutations["shippingRules:rename"]).toHaveBeenCalledWith({
      ruleId: "r1",
      expectedVersion: 3,
      name: "Heavy freight",
    });
    expect(screen.getByRole("button", { name: "Rename Heavy to ground" })).toHaveFocus();
  });

  it("rename: a name past the server's 80 characters is refused on the form in its words, and nothing is sent", async () => {
    const user = openRules();
    await user.click(screen.getByRole("button", { name: "Rename Heavy to ground" }));
    const renameForm = screen.getByRole("form", { name: "Name of Heavy to ground" });
    await user.clear(within(renameForm).getByLabelText("Rule name"));
    await user.type(within(renameForm).getByLabelText("Rule name"), "x".repeat(81));
    await user.click(within(renameForm).getByRole("button", { name: "Save name" }));
    await settle();
    expect(within(renameForm).getByLabelText("Rule name")).toHaveAccessibleDescription(
      expect.stringContaining("Keep the name under 80 characters."),
    );
    expect(server.mutations["shippingRules:rename"]).not.toHaveBeenCalled();
  });
});
