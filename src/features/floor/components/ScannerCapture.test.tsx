/** Never lose a scan: wedge bursts are taken wherever the focus is, and never press a button. */
import { describe, expect, it, vi } from "vitest";
import { useState } from "react";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Scanner } from "./Scanner";

vi.mock("./CameraScanner", () => ({ CameraScanner: () => null }));

let t = 0;
const clock = () => t;

function Page({
  onScan,
  disabled,
  onAction,
  onFormSubmit,
}: {
  onScan: (code: string) => Promise<{ tone: "ok"; message: string }>;
  disabled?: boolean;
  onAction?: () => void;
  onFormSubmit?: () => void;
}) {
  const [count, setCount] = useState("");
  return (
    <div>
      <h1>PL-1001</h1>
      <Scanner
        onScan={onScan}
        prompt="Scan SKU-1."
        disabled={disabled}
        pausedReason="claim PL-1001 first."
        clock={clock}
      />
      <button type="button" onClick={onAction}>
        Release list
      </button>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onFormSubmit?.();
        }}
      >
        <label>
          Units short
          <input value={count} onChange={(e) => setCount(e.target.value)} />
        </label>
      </form>
    </div>
  );
}

/** Types `text` one key at a time, `gap` ms apart on the capture clock, then Enter. */
async function typeAt(user: ReturnType<typeof userEvent.setup>, text: string, gap: number) {
  for (const ch of text) {
    t += gap;
    await user.keyboard(ch === "-" ? "-" : ch);
  }
  t += gap;
  await user.keyboard("{Enter}");
}

const banner = () => screen.getByRole("status");
const wedge = () => screen.getByLabelText("Scan or type a code");

describe("wedge capture", () => {
  it("after a tap on the heading the next burst is taken and the input has the focus again", async () => {
    const user = userEvent.setup();
    const onScan = vi.fn().mockResolvedValue({ tone: "ok", message: "SKU-1 1/2." });
    render(<Page onScan={onScan} />);
    await user.click(screen.getByRole("heading"));
    (document.activeElement as HTMLElement | null)?.blur();
    expect(document.activeElement).toBe(document.body);
    await typeAt(user, "012345678905", 5);
    await waitFor(() => expect(onScan).toHaveBeenCalledExactlyOnceWith("012345678905", "wedge"));
    await waitFor(() => expect(wedge()).toHaveFocus());
    expect(wedge()).toHaveValue("");
  });

  it("a scan's Enter never presses the focused button, even typed slowly", async () => {
    const user = userEvent.setup();
    const onScan = vi.fn().mockResolvedValue({ tone: "ok", message: "ok" });
    const onAction = vi.fn();
    render(<Page onScan={onScan} onAction={onAction} />);
    const button = screen.getByRole("button", { name: "Release list" });
    // Keyboard focus (Tab, so it stays there): the capture must work wherever focus is.
    await user.tab();
    await user.tab();
    expect(button).toHaveFocus();
    await typeAt(user, "A-01-1", 150);
    await waitFor(() => expect(onScan).toHaveBeenCalledWith("A-01-1", "wedge"));
    expect(onAction).not.toHaveBeenCalled();
  });

  it("Enter with nothing typed still presses the focused button (keyboard users)", async () => {
    const user = userEvent.setup();
    const onAction = vi.fn();
    render(<Page onScan={vi.fn()} onAction={onAction} />);
    await user.tab();
    await user.tab();
    expect(screen.getByRole("button", { name: "Release list" })).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(onAction).toHaveBeenCalledTimes(1);
  });

  it("in a real field, a burst is a scan (taken back out of the field, form not sent); a person's typing stays", async () => {
    const user = userEvent.setup();
    const onScan = vi.fn().mockResolvedValue({ tone: "ok", message: "ok" });
    const onFormSubmit = vi.fn();
    render(<Page onScan={onScan} onFormSubmit={onFormSubmit} />);
    const field = screen.getByLabelText("Units short");
    await user.click(field);
    t += 1000;
    await user.keyboard("2");
    t += 1000;
    await typeAt(user, "BSK-OCEA", 4);
    await waitFor(() => expect(onScan).toHaveBeenCalledExactlyOnceWith("BSK-OCEA", "wedge"));
    expect(onFormSubmit).not.toHaveBeenCalled();
    expect(field).toHaveValue("2");
    field.focus();
    await typeAt(user, "13", 180);
    expect(onScan).toHaveBeenCalledTimes(1);
    expect(onFormSubmit).toHaveBeenCalledTimes(1);
    expect(field).toHaveValue("213");
  });

  it("a scan while scanning is paused is refused in red, saying why", async () => {
    const user = userEvent.setup();
    const onScan = vi.fn();
    render(<Page onScan={onScan} disabled />);
    (document.activeElement as HTMLElement | null)?.blur();
    await typeAt(user, "SKU-1", 5);
    await waitFor(() => expect(banner()).toHaveAttribute("data-scan-state", "refused"));
    expect(banner()).toHaveTextContent("Scan SKU-1 not taken: claim PL-1001 first.");
    expect(onScan).not.toHaveBeenCalled();
  });
});
