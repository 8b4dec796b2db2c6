import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

const order = {
  orderNumber: "SO-100042",
  status: "Partially shipped",
  placedAt: Date.UTC(2026, 0, 5),
  customerName: "Ada",
  pickup: null,
  shipments: [
    {
      number: "SO-100042-1",
      items: [{ sku: "MUG", name: "Mug", quantity: 2 }],
      milestones: [
        { key: "placed", label: "Order placed", at: Date.UTC(2026, 0, 5), done: true, detail: null },
        { key: "shipped", label: "Shipped", at: Date.UTC(2026, 0, 6), done: true, detail: null },
        { key: "delivered", label: "Delivered", at: null, done: false, detail: null },
      ],
      tracking: [
        {
          carrier: "UPS",
          service: "Ground",
          trackingNumber: "1Z999",
          url: "https://www.ups.com/track?tracknum=1Z999",
          status: null,
        },
      ],
    },
  ],
  backordered: [{ lineId: "l2", sku: "TEA", name: "Tea", quantity: 2, estimate: Date.UTC(2026, 0, 20) }],
  returns: {
    windowClosesAt: Date.UTC(2026, 1, 5),
    open: true,
    lines: [{ lineId: "l1", sku: "MUG", name: "Mug", returnable: 2 }],
  },
  rmas: [],
  refunds: [],
};

async function renderPage() {
  vi.stubEnv("VITE_CONVEX_SITE_URL", "http://127.0.0.1:3211");
  vi.resetModules();
  const { TrackPage } = await import("./TrackPage");
  render(<TrackPage />);
}

let fetchMock: ReturnType<typeof vi.fn>;
beforeEach(() => {
  fetchMock = vi.fn();
  vi.stubGlobal("fetch", fetchMock);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

const reply = (status: number, body: unknown) =>
  Promise.resolve(new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } }));
const sent = (i: number) => {
  const [url, init] = fetchMock.mock.calls[i] as [string, RequestInit];
  return { url, body: JSON.parse(init.body as string) as Record<string, unknown> };
};

async function lookUp() {
  await userEvent.type(screen.getByLabelText(/Order number/), "SO-100042");
  await userEvent.type(screen.getByLabelText(/Email or postal code/), "ada@example.com");
  await userEvent.click(screen.getByRole("button", { name: "Find my order" }));
}

describe("customer portal page", () => {
  it("asks for both the order number and the email or postal code before calling the server", async () => {
    await renderPage();
    await userEvent.type(screen.getByLabelText(/Order number/), "SO-100042");
    await userEvent.click(screen.getByRole("button", { name: "Find my order" }));
    expect(screen.getByLabelText(/Email or postal code/)).toHaveAccessibleDescription(
      "Enter the email or postal code of the order.",
    );
    expect(screen.getByRole("alert")).toHaveTextContent("Please correct the highlighted field.");
    await act(() => new Promise((r) => setTimeout(r, 20)));
    expect(screen.getByLabelText(/Email or postal code/)).toHaveFocus();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("opens a session with the email as proof, shows the timeline with a carrier link, and sends the token with a return", async () => {
    fetchMock
      .mockReturnValueOnce(reply(200, { ok: true, token: "tok.sig", order }))
      .mockReturnValueOnce(reply(200, { ok: true, rmaNumber: "RMA-10001", approved: false, labelRequested: false }))
      .mockReturnValueOnce(reply(200, { ok: true, order }));
    await renderPage();
    await lookUp();
    expect(await screen.findByRole("link", { name: "1Z999" })).toHaveAttribute(
      "href",
      "https://www.ups.com/track?tracknum=1Z999",
    );
    expect(sent(0)).toEqual({
      url: "http://127.0.0.1:3211/portal/session",
      body: { orderNumber: "SO-100042", email: "ada@example.com" },
    });
    const timeline = screen.getByRole("list", { name: "Timeline" });
    expect(within(timeline).getByText("Delivered").closest("li")).toHaveClass("pending");
    await userEvent.selectOptions(screen.getByLabelText("Mug (MUG)"), "1");
    await userEvent.click(screen.getByRole("button", { name: "Request return" }));
    expect(await screen.findByText(/Return RMA-10001 requested/)).toBeInTheDocument();
    expect(sent(1)).toEqual({
      url: "http://127.0.0.1:3211/portal/return",
      body: { token: "tok.sig", lines: [{ lineId: "l1", quantity: 1, reason: "size_or_fit" }] },
    });
  });

  it("a return with nothing chosen says so and sends nothing; the server's refusal shows as its sentence", async () => {
    fetchMock
      .mockReturnValueOnce(reply(200, { ok: true, token: "tok.sig", order }))
      .mockReturnValueOnce(reply(409, { ok: false, message: "The return window has closed." }));
    await renderPage();
    await lookUp();
    await userEvent.click(await screen.findByRole("button", { name: "Request return" }));
    const form = screen.getByRole("form", { name: "Start a return" });
    expect(within(form).getByRole("alert")).toHaveTextContent("Choose at least one item to return.");
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await userEvent.selectOptions(screen.getByLabelText("Mug (MUG)"), "2");
    await userEvent.type(screen.getByLabelText(/Anything we should know/), "  Too small ");
    await userEvent.click(screen.getByRole("button", { name: "Request return" }));
    expect(await within(form).findByText("The return window has closed.")).toBeInTheDocument();
    expect(sent(1).body).toEqual({
      token: "tok.sig",
      lines: [{ lineId: "l1", quantity: 2, reason: "size_or_fit" }],
      note: "Too small",
    });
  });

  it("cancelling backordered items sends the chosen quantities with the token", async () => {
    fetchMock
      .mockReturnValueOnce(reply(200, { ok: true, token: "tok.sig", order }))
      .mockReturnValueOnce(reply(200, { ok: true, refundedMinor: 500 }))
      .mockReturnValueOnce(reply(200, { ok: true, order: { ...order, backordered: [] } }));
    await renderPage();
    await lookUp();
    await userEvent.selectOptions(await screen.findByLabelText("Cancel how many of Tea?"), "2");
    await userEvent.click(screen.getByRole("button", { name: "Cancel the chosen items" }));
    expect(await screen.findByText(/Cancelled\. Any amount you paid/)).toBeInTheDocument();
    expect(sent(1)).toEqual({
      url: "http://127.0.0.1:3211/portal/cancel",
      body: { token: "tok.sig", lines: [{ lineId: "l2", quantity: 2 }] },
    });
    expect(sent(2).url).toBe("http://127.0.0.1:3211/portal/view");
  });

  it("an ended session goes back to the lookup with the server's sentence", async () => {
    fetchMock
      .mockReturnValueOnce(reply(200, { ok: true, token: "tok.sig", order }))
      .mockReturnValueOnce(reply(200, { ok: true }))
      .mockReturnValueOnce(reply(401, { ok: false, message: "Your session has ended. Look your order up again." }));
    await renderPage();
    await lookUp();
    await userEvent.click(await screen.findByRole("button", { name: "I'll wait" }));
    expect(await screen.findByText("Your session has ended. Look your order up again.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Find my order" })).toBeInTheDocument();
  });

  it("a postal code is sent as such; a miss shows the server's one sentence and nothing else", async () => {
    fetchMock.mockReturnValueOnce(
      reply(404, { ok: false, error: "not_found", message: "We could not find an order with those details." }),
    );
    await renderPage();
    await userEvent.type(screen.getByLabelText(/Order number/), "SO-1");
    await userEvent.type(screen.getByLabelText(/Email or postal code/), "M5H 2N2");
    await userEvent.click(screen.getByRole("button", { name: "Find my order" }));
    expect(await screen.findByText("We could not find an order with those details.")).toBeInTheDocument();
    expect(sent(0).body).toEqual({ orderNumber: "SO-1", postalCode: "M5H 2N2" });
    expect(screen.queryByText(/Shipment/)).not.toBeInTheDocument();
  });
});
