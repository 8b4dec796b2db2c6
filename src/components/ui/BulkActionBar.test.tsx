import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useEffect } from "react";
import type { ConvexReactClient } from "convex/react";
import { BulkActionBar } from "./BulkActionBar";
import { runBulk, summaryText, type BulkAction } from "./bulk";
import { useSelection } from "./selection";

vi.mock("convex/react", () => ({ useConvex: () => ({}) }));

const client = {} as ConvexReactClient;
const ids = (n: number) => Array.from({ length: n }, (_, i) => `id${i}`);

/** An action that refuses every id ending in 7 and records its pages. */
function fakeAction(over: Partial<BulkAction> = {}) {
  const pages: string[][] = [];
  const action: BulkAction = {
    key: "hold",
    label: "Hold",
    doneLabel: "held",
    pageSize: 10,
    run: async (page, _client, state) => {
      pages.push(page);
      if (state.reason !== undefined && String(state.reason).length < 3) throw new Error("bad");
      const refused = page
        .filter((id) => id.endsWith("7"))
        .map((id) => ({ id, reason: `Order ${id} is shipped and can no longer be held.` }));
      return { done: page.length - refused.length, refused };
    },
    ...over,
  };
  return { action, pages };
}

describe("runBulk", () => {
  it("works through the ids in pages and adds up the answers", async () => {
    const { action, pages } = fakeAction();
    const progress: number[] = [];
    const s = await runBulk({
      action,
      ids: [...ids(25), "id3"],
      client,
      onProgress: (p) => progress.push(p.processed),
    });
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(progress).toEqual([10, 20, 25]);
    expect(s).toMatchObject({ total: 25, processed: 25, done: 23, cancelled: false });
    expect(s.refused.map((r) => r.id)).toEqual(["id7", "id17"]);
    expect(summaryText(s, "order", "held")).toBe("23 orders held. 2 refused.");
  });

  it("stops between pages when cancelled, and on a page refused whole", async () => {
    const { action, pages } = fakeAction();
    let asked = 0;
    const s = await runBulk({ action, ids: ids(30), client, isCancelled: () => ++asked > 1 });
    expect(pages).toHaveLength(1);
    expect(summaryText(s, "order", "held")).toBe("9 orders held. 1 refused. Cancelled: 20 orders not attempted.");
    let calls = 0;
    const failing: BulkAction = {
      ...action,
      run: async (page) => (++calls === 2 ? Promise.reject(new Error("offline")) : { done: page.length, refused: [] }),
    };
    const f = await runBulk({ action: failing, ids: ids(30), client });
    expect(f).toMatchObject({ processed: 10, done: 10 });
    expect(summaryText(f, "order", "held")).toBe(
      "10 orders held. Stopped: Something went wrong. Please try again. 20 orders not attempted.",
    );
  });
});

function Bar({ initial, actions }: { initial: string[]; actions: BulkAction[] }) {
  const selection = useSelection();
  const { setMany } = selection;
  useEffect(() => setMany(initial, true), [setMany, initial]);
  return (
    <>
      <BulkActionBar selection={selection} actions={actions} noun="order" nameOf={(id) => `SO-${id}`} />
      <span data-testid="left">{selection.selected.size}</span>
    </>
  );
}

describe("BulkActionBar", () => {
  it("asks for a reason, shows progress, then a summary naming each refusal; refused ones stay selected", async () => {
    const { action, pages } = fakeAction({ prompt: { key: "reason", label: "Why are they held?", minLength: 3 } });
    render(<Bar initial={ids(25)} actions={[action]} />);
    expect(screen.getByText("25 selected")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Hold" }));
    await userEvent.type(screen.getByLabelText("Why are they held?"), "x");
    await userEvent.click(screen.getByRole("button", { name: "Hold 25" }));
    expect(screen.getByText("At least 3 characters.")).toBeInTheDocument();
    expect(pages).toHaveLength(0);
    await userEvent.type(screen.getByLabelText("Why are they held?"), "yz");
    await userEvent.click(screen.getByRole("button", { name: "Hold 25" }));
    const summary = await screen.findByRole("status");
    expect(summary).toHaveTextContent("Hold: 23 orders held. 2 refused.");
    expect(summary).toHaveTextContent("SO-id7: Order id7 is shipped and can no longer be held.");
    expect(screen.getByTestId("left")).toHaveTextContent("2");
  });

  it("shows a progress bar while pages run and stops after the current page", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { action, pages } = fakeAction({
      run: async (page) => {
        pages.push(page);
        await gate;
        return { done: page.length, refused: [] };
      },
    });
    render(<Bar initial={ids(30)} actions={[action]} />);
    await userEvent.click(screen.getByRole("button", { name: "Hold" }));
    await userEvent.click(screen.getByRole("button", { name: "Hold: 30" }));
    const bar = await screen.findByRole("progressbar");
    expect(bar).toHaveAttribute("max", "30");
    await userEvent.click(screen.getByRole("button", { name: "Stop after this page" }));
    expect(screen.getByRole("button", { name: "Stopping after this page…" })).toBeDisabled();
    release();
    expect(await screen.findByRole("status")).toHaveTextContent("10 orders held. Cancelled: 20 orders not attempted.");
    expect(pages).toHaveLength(1);
    expect(screen.getByTestId("left")).toHaveTextContent("20");
  });

  it("a selection larger than one page shows its count first; Cancel runs nothing, one page runs at once", async () => {
    const { action, pages } = fakeAction();
    const { unmount } = render(<Bar initial={ids(1234)} actions={[action]} />);
    await userEvent.click(screen.getByRole("button", { name: "Hold" }));
    const confirm = screen.getByRole("group", { name: "Confirm: Hold" });
    expect(confirm).toHaveTextContent("Hold: 1,234 orders, sent 124 pages of up to 10.");
    expect(screen.getByRole("button", { name: "Hold: 1,234" })).toHaveFocus();
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("group", { name: "Confirm: Hold" })).toBeNull();
    expect(pages).toHaveLength(0);
    unmount();
    render(<Bar initial={ids(10)} actions={[action]} />);
    await userEvent.click(screen.getByRole("button", { name: "Hold" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Hold: 9 orders held. 1 refused.");
    expect(pages).toHaveLength(1);
  });

  it("names a link the pages return once, however many pages return it", async () => {
    const action: BulkAction = {
      key: "batch",
      label: "Add to batch",
      pageSize: 10,
      run: async (page) => ({
        done: page.length,
        refused: [],
        open: page[0] === "id20" ? "/batches/b2" : "/batches/b1",
      }),
    };
    const s = await runBulk({ action, ids: ids(30), client });
    expect(s.open).toEqual(["/batches/b1", "/batches/b2"]);
  });

  it("is hidden with nothing selected", () => {
    const { action } = fakeAction();
    render(<Bar initial={[]} actions={[action]} />);
    expect(screen.queryByRole("group", { name: "Bulk actions" })).toBeNull();
  });
});
