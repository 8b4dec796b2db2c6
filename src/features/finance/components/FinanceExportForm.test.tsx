import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockMutations, refusal, renderForm, press } from "../../../test/forms";
import { FinanceExportForm, periodOf } from "./FinanceExportForm";

vi.mock("convex/react", () => ({ useMutation: vi.fn(), useQuery: vi.fn(), usePaginatedQuery: vi.fn() }));

const user = () => userEvent.setup({ delay: null });
const DAY = 86_400_000;
const setDay = (label: RegExp, day: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value: day } });
let mutations: ReturnType<typeof mockMutations>;
beforeEach(() => {
  mutations = mockMutations({ "finance:start": "fe1" });
});

describe("FinanceExportForm", () => {
  it("starts an export of whole UTC days, the last one included", async () => {
    renderForm(<FinanceExportForm />);
    setDay(/From/, "2026-11-01");
    setDay(/To/, "2026-11-30");
    await user().click(screen.getByRole("button", { name: "Export" }));
    expect(mutations["finance:start"]).toHaveBeenCalledWith({
      from: Date.UTC(2026, 10, 1),
      to: Date.UTC(2026, 10, 30) + DAY,
    });
    expect(await screen.findByText(/Export started/)).toBeInTheDocument();
  });

  it("refuses an empty day and a period that ends before it starts, beside the field", async () => {
    renderForm(<FinanceExportForm />);
    setDay(/From/, "");
    await press("Export");
    expect(screen.getByLabelText(/From/)).toHaveAccessibleDescription("Enter the first day as a date.");
    expect(screen.getByLabelText(/From/)).toHaveFocus();
    setDay(/From/, "2026-11-10");
    setDay(/To/, "2026-11-09");
    await user().click(screen.getByRole("button", { name: "Export" }));
    expect(screen.getByLabelText(/To/)).toHaveAccessibleDescription("The last day cannot come before the first.");
    expect(mutations["finance:start"]).not.toHaveBeenCalled();
  });

  it("shows the server's limit under the last day", async () => {
    mutations["finance:start"].mockRejectedValueOnce(
      refusal("INVALID_INPUT", "One export covers at most a year; run one per year.", {
        to: "At most a year after the start.",
      }),
    );
    renderForm(<FinanceExportForm />);
    setDay(/From/, "2024-01-01");
    setDay(/To/, "2026-01-01");
    await press("Export");
    expect(screen.getByLabelText(/To/)).toHaveAccessibleDescription("At most a year after the start.");
    expect(screen.getByRole("alert")).toHaveTextContent("One export covers at most a year; run one per year.");
  });
});

describe("periodOf", () => {
  it("is [first day, day after the last) in UTC, or nothing for a non-date", () => {
    expect(periodOf("2026-02-28", "2026-03-01")).toEqual({ from: Date.UTC(2026, 1, 28), to: Date.UTC(2026, 2, 2) });
    expect(periodOf("2026-02-30x", "2026-03-01")).toBeUndefined();
  });
});
