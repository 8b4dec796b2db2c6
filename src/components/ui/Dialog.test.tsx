import { describe, expect, it } from "vitest";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { Dialog } from "./Dialog";

const settle = () => act(() => new Promise((r) => setTimeout(r, 5)));

function Opener({ removeOpenerOnClose = false }: { removeOpenerOnClose?: boolean }) {
  const [open, setOpen] = useState(false);
  const [gone, setGone] = useState(false);
  return (
    <main id="main">
      <h1>Page</h1>
      {!gone && (
        <button type="button" onClick={() => setOpen(true)}>
          Open
        </button>
      )}
      {open && (
        <Dialog
          open
          title="Add"
          onClose={() => {
            setOpen(false);
            if (removeOpenerOnClose) setGone(true);
          }}
        >
          {/* autoFocus takes the focus during the commit, before any effect of the dialog runs */}
          <input aria-label="Name" autoFocus />
        </Dialog>
      )}
    </main>
  );
}

describe("Dialog focus", () => {
  it("records the opener before a field's autoFocus and gives the focus back to it on close (Escape)", async () => {
    const user = userEvent.setup({ delay: null });
    render(<Opener />);
    await user.click(screen.getByRole("button", { name: "Open" }));
    expect(screen.getByLabelText("Name")).toHaveFocus();
    await user.keyboard("{Escape}");
    await settle();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByRole("button", { name: "Open" })).toHaveFocus();
  });

  it("falls back to the page heading when the opener is gone", async () => {
    const user = userEvent.setup({ delay: null });
    render(<Opener removeOpenerOnClose />);
    await user.click(screen.getByRole("button", { name: "Open" }));
    await user.click(screen.getByRole("button", { name: "Close" }));
    await settle();
    expect(screen.getByRole("heading", { name: "Page" })).toHaveFocus();
  });

  it("keeps Tab inside the dialog", async () => {
    const user = userEvent.setup({ delay: null });
    render(<Opener />);
    await user.click(screen.getByRole("button", { name: "Open" }));
    await user.tab();
    expect(screen.getByRole("dialog")).toContainElement(document.activeElement as HTMLElement);
    await user.tab();
    expect(screen.getByRole("dialog")).toContainElement(document.activeElement as HTMLElement);
  });
});
