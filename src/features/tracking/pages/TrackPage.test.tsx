import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

const order = {
  orderNumber: "SO-100042",
  status: "Shipped",
  placedAt: Date.UTC(2026, 0, 5),
  shipments: [{ number: "SO-100042-1", status: "Shipped", shippedAt: Date.UTC(2026, 0, 6), items: [{ sku: "MUG", quantity: 2 }], packages: [{ carrier: "UPS", service: "Ground", trackingNumber: "1Z999" }] }],
  lines: [{ lineId: "l1", name: "Mug", sku: "MUG", quantity: 2, shipped: 2, returnable: 2 }],
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

const reply = (status: number, body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } }));

describe("tracking page", () => {
  it("asks for both the order number and the email or postal code before calling the server", async () => {
    await renderPage();
    await userEvent.type(screen.getByLabelText(/Order number/), "SO-100042");
    await userEvent.click(screen.getByRole("button", { name: "Find my order" }));
    expect(screen.getByText(/Enter the order number and the email or postal code/)).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("sends the email as proof and shows each shipment's tracking; a return request names the RMA", async () => {
    fetchMock.mockReturnValueOnce(reply(200, { ok: true, order })).mockReturnValueOnce(reply(200, { ok: true, rmaNumber: "RMA-10001" }));
    await renderPage();
    await userEvent.type(screen.getByLabelText(/Order number/), "SO-100042");
    await userEvent.type(screen.getByLabelText(/Email or postal code/), "ada@example.com");
    await userEvent.click(screen.getByRole("button", { name: "Find my order" }));
    expect(await screen.findByText("1Z999")).toBeInTheDocument();
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe("http://127.0.0.1:3211/track");
    expect(JSON.parse(init.body as string)).toEqual({ orderNumber: "SO-100042", email: "ada@example.com" });
    await userEvent.selectOptions(screen.getByLabelText("Mug (MUG)"), "1");
    await userEvent.click(screen.getByRole("button", { name: "Request return" }));
    expect(await screen.findByText(/Return RMA-10001 requested/)).toBeInTheDocument();
    expect(JSON.parse((fetchMock.mock.calls[1] as [string, RequestInit])[1].body as string)).toMatchObject({ orderNumber: "SO-100042", email: "ada@example.com", lines: [{ lineId: "l1", quantity: 1, reason: "size_or_fit" }] });
  });

  it("a postal code is sent as such; a miss shows the server's one sentence and nothing else", async () => {
    fetchMock.mockReturnValueOnce(reply(404, { ok: false, error: "not_found", message: "We could not find an order with those details." }));
    await renderPage();
    await userEvent.type(screen.getByLabelText(/Order number/), "SO-1");
    await userEvent.type(screen.getByLabelText(/Email or postal code/), "M5H 2N2");
    await userEvent.click(screen.getByRole("button", { name: "Find my order" }));
    expect(await screen.findByText("We could not find an order with those details.")).toBeInTheDocument();
    expect(JSON.parse((fetchMock.mock.calls[0] as [string, RequestInit])[1].body as string)).toEqual({ orderNumber: "SO-1", postalCode: "M5H 2N2" });
    expect(screen.queryByText(/Shipment/)).not.toBeInTheDocument();
  });
});
