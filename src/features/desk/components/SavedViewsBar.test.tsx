import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ListParams } from "../../../lib/useListParams";
import { mockMutations, mockQueries, refusal, renderForm, press } from "../../../test/forms";
import { SavedViewsBar } from "./SavedViewsBar";

vi.mock("convex/react", () => ({ useMutation: vi.fn(), useQuery: vi.fn(), usePaginatedQuery: vi.fn() }));

const user = () => userEvent.setup({ delay: null });
const params = (over: Partial<ListParams> = {}): ListParams => ({
  filters: { status: "on_hold" },
  get: () => undefined,
  pick: () => undefined,
  set: vi.fn(),
  apply: vi.fn(),
  columns: ["number", "status"],
  setColumns: vi.fn(),
  initialNumItems: 25,
  notePageLoaded: vi.fn(),
  isBare: false,
  ...over,
});
const held = {
  _id: "v1",
  name: "Held",
  isDefault: false,
  filters: { status: "on_hold" },
  columns: ["number", "status"],
};

let mutations: ReturnType<typeof mockMutations>;
beforeEach(() => {
  mutations = mockMutations({ "savedViews:create": "v2" });
  mockQueries({ "savedViews:list": [] });
});

describe("SavedViewsBar's name form", () => {
  it("saves what the list shows under the trimmed name, as the default when asked", async () => {
    const u = user();
    renderForm(<SavedViewsBar list="orders" params={params()} visibleColumns={["number", "status"]} />);
    await u.click(screen.getByRole("button", { name: "Save view…" }));
    expect(screen.getByLabelText("Name of the new view")).toHaveFocus();
    await u.type(screen.getByLabelText("Name of the new view"), "  Held orders ");
    await u.click(screen.getByLabelText("Open by default"));
    await u.click(screen.getByRole("button", { name: "Save" }));
    expect(mutations["savedViews:create"]).toHaveBeenCalledWith({
      list: "orders",
      name: "Held orders",
      filters: { status: "on_hold" },
      columns: ["number", "status"],
      isDefault: true,
    });
    expect(await screen.findByText("Saved the view “Held orders”.")).toBeInTheDocument();
    expect(screen.queryByLabelText("Name of the new view")).not.toBeInTheDocument();
  });

  it("needs a name before it saves", async () => {
    const u = user();
    renderForm(<SavedViewsBar list="orders" params={params()} visibleColumns={[]} />);
    await u.click(screen.getByRole("button", { name: "Save view…" }));
    await u.type(screen.getByLabelText("Name of the new view"), "   ");
    await press("Save");
    expect(mutations["savedViews:create"]).not.toHaveBeenCalled();
    expect(screen.getByLabelText("Name of the new view")).toHaveAccessibleDescription("Give the view a name.");
  });

  it("renames the current view and shows the server's refusal under the name", async () => {
    const u = user();
    mockQueries({ "savedViews:list": [held] });
    mutations["savedViews:rename"].mockRejectedValueOnce(
      refusal("DUPLICATE", "You already have a view with that name.", { name: "Choose another name." }),
    );
    renderForm(<SavedViewsBar list="orders" params={params()} visibleColumns={["number", "status"]} />);
    await u.click(screen.getByRole("button", { name: "Rename" }));
    expect(screen.getByLabelText("New name")).toHaveValue("Held");
    expect(screen.queryByLabelText("Open by default")).not.toBeInTheDocument();
    await u.type(screen.getByLabelText("New name"), " 2");
    await press("Rename");
    expect(mutations["savedViews:rename"]).toHaveBeenCalledWith({ viewId: "v1", name: "Held 2" });
    expect(screen.getByLabelText("New name")).toHaveAccessibleDescription("Choose another name.");
    expect(screen.getByRole("alert")).toHaveTextContent("You already have a view with that name.");
  });
});
