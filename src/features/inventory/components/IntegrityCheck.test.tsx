import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useAction } from "convex/react";
import { IntegrityCheck } from "./IntegrityCheck";

vi.mock("convex/react", () => ({ useAction: vi.fn() }));

describe("stock integrity check", () => {
  it("lists each broken invariant with where and by how much", async () => {
    const run = vi.fn().mockResolvedValue({
      ok: false,
      truncated: false,
      checked: 12,
      at: 0,
      violations: [
        { invariant: "level.reserved", where: "level abc", by: 1, message: "Σ unshipped lines − reserved = 1" },
      ],
    });
    vi.mocked(useAction).mockReturnValue(run as never);
    render(<IntegrityCheck />);
    await userEvent.click(screen.getByRole("button", { name: "Check stock integrity" }));
    expect(await screen.findByText("level.reserved")).toBeInTheDocument();
    expect(screen.getByText("level abc")).toBeInTheDocument();
    expect(screen.getByRole("table", { name: /1 broken invariant/ })).toBeInTheDocument();
  });

  it("says so when everything holds, and shows a refusal as a sentence", async () => {
    const run = vi.fn().mockResolvedValueOnce({ ok: true, truncated: false, checked: 1234, at: 0, violations: [] });
    vi.mocked(useAction).mockReturnValue(run as never);
    render(<IntegrityCheck />);
    await userEvent.click(screen.getByRole("button", { name: "Check stock integrity" }));
    expect(await screen.findByRole("status")).toHaveTextContent("All invariants hold over 1,234 rows");
  });
});
