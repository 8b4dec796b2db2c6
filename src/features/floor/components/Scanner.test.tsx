import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ConvexError } from "convex/values";
import { Scanner } from "./Scanner";

// The camera is html5-qrcode in a browser; here a button stands in for one decode of a code.
vi.mock("./CameraScanner", () => ({
  CameraScanner: ({ onDecode }: { onDecode: (code: string) => void }) => (
    <>
      <button type="button" onClick={() => onDecode("012345678905")}>
        decode A
      </button>
      <button type="button" onClick={() => onDecode("4006381333931")}>
        decode B
      </button>
    </>
  ),
}));

let clock = 0;
let vibrate: ReturnType<typeof vi.fn>;
beforeEach(() => {
  clock = 1_000_000;
  vi.spyOn(Date, "now").mockImplementation(() => clock);
  vibrate = vi.fn();
  Object.defineProperty(navigator, "vibrate", { value: vibrate, configurable: true });
});
afterEach(() => vi.restoreAllMocks());

const banner = () => screen.getByRole("status");

describe("Scanner", () => {
  it("takes a keyboard-wedge scan ending in Enter, clears the input and shows green", async () => {
    const user = userEvent.setup();
    const onScan = vi.fn().mockResolvedValue({ tone: "ok", message: "P0 1/2." });
    render(<Scanner onScan={onScan} prompt="Scan P0." />);
    expect(banner()).toHaveAttribute("data-scan-state", "idle");
    expect(banner()).toHaveTextContent("Scan P0.");
    const input = screen.getByLabelText("Scan or type a code");
    expect(input).toHaveFocus();
    await user.type(input, "012345678905{Enter}");
    expect(onScan).toHaveBeenCalledExactlyOnceWith("012345678905", "wedge");
    await waitFor(() => expect(banner()).toHaveAttribute("data-scan-state", "ok"));
    expect(banner()).toHaveTextContent("P0 1/2.");
    expect(input).toHaveValue("");
    expect(vibrate).toHaveBeenCalledWith(60);
  });

  it("counts the same wedge code twice: each Enter is a physical scan", async () => {
    const user = userEvent.setup();
    const onScan = vi.fn().mockResolvedValue({ tone: "ok", message: "ok" });
    render(<Scanner onScan={onScan} prompt="Scan." />);
    await user.type(screen.getByLabelText("Scan or type a code"), "X1{Enter}X1{Enter}");
    await waitFor(() => expect(onScan).toHaveBeenCalledTimes(2));
  });

  it("counts repeated camera decodes of one code within the window once", async () => {
    const user = userEvent.setup();
    const onScan = vi.fn().mockResolvedValue({ tone: "ok", message: "ok" });
    render(<Scanner onScan={onScan} prompt="Scan." dedupeWindowMs={1500} />);
    const a = screen.getByRole("button", { name: "decode A" });
    await user.click(a); // t = 0: counts
    clock += 100;
    await user.click(a); // the same barcode still in view: a repeat
    clock += 900;
    await user.click(a); // still within the (sliding) window
    expect(onScan).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole("button", { name: "decode B" })); // another code counts at once
    expect(onScan).toHaveBeenCalledTimes(2);
    clock += 1600;
    await user.click(a); // A again after B: a new scan
    expect(onScan).toHaveBeenCalledTimes(3);
    expect(onScan.mock.calls.map((c) => c[1])).toEqual(["camera", "camera", "camera"]);
  });

  it("shows a refused scan in red with the server's sentence and buzzes", async () => {
    const user = userEvent.setup();
    const onScan = vi
      .fn()
      .mockResolvedValue({ tone: "refused", message: "Wrong item: that is P1; this line needs P0." });
    render(<Scanner onScan={onScan} prompt="Scan P0." />);
    await user.click(screen.getByRole("button", { name: "decode B" }));
    await waitFor(() => expect(banner()).toHaveAttribute("data-scan-state", "refused"));
    expect(banner()).toHaveTextContent("Refused: Wrong item: that is P1; this line needs P0.");
    expect(vibrate).toHaveBeenCalledWith([200, 80, 200]);
  });

  it("shows a thrown server error in red as a sentence", async () => {
    const user = userEvent.setup();
    const onScan = vi
      .fn()
      .mockRejectedValue(new ConvexError({ code: "CONFLICT", message: "Claim PL-1001 before scanning." }));
    render(<Scanner onScan={onScan} prompt="Scan." />);
    await user.type(screen.getByLabelText("Scan or type a code"), "X{Enter}");
    await waitFor(() => expect(banner()).toHaveAttribute("data-scan-state", "refused"));
    expect(banner()).toHaveTextContent("Claim PL-1001 before scanning.");
  });

  it("handles scans one at a time, in the order they came", async () => {
    const user = userEvent.setup();
    const order: string[] = [];
    let release: () => void = () => {};
    const onScan = vi.fn((code: string) => {
      order.push(`start ${code}`);
      return new Promise<{ tone: "ok"; message: string }>((done) => {
        release = () => {
          order.push(`end ${code}`);
          done({ tone: "ok", message: code });
        };
      });
    });
    render(<Scanner onScan={onScan} prompt="Scan." />);
    await user.type(screen.getByLabelText("Scan or type a code"), "A{Enter}B{Enter}");
    await waitFor(() => expect(order).toEqual(["start A"]));
    release();
    await waitFor(() => expect(order).toEqual(["start A", "end A", "start B"]));
    release();
    await waitFor(() => expect(banner()).toHaveTextContent("B"));
  });
});
