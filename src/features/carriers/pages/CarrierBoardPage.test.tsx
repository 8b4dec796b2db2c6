import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { useQuery } from "convex/react";
import { CarrierBoardPage } from "./CarrierBoardPage";
import { nameOf } from "../../../test/convexMock";
import { overall, trendSeries, type CarrierBoard } from "../lib/carriers";

vi.mock("convex/react", () => ({ useQuery: vi.fn() }));
vi.mock("recharts", async (orig) => ({
  ...(await orig<typeof import("recharts")>()),
  ResponsiveContainer: () => null,
}));

const board: CarrierBoard = {
  weeks: ["2026-11-16", "2026-11-23"],
  rows: [
    {
      carrier: "UPS",
      service: "Ground",
      lane: "EWR>US-CA",
      currency: "USD",
      shipments: 10,
      delivered: 8,
      onTimeRate: 0.75,
      medianDays: 4,
      p90Days: 6,
      damageRate: 0.1,
      exceptions: 1,
      costPerShipmentMinor: 1250,
      costPerKgMinor: 610,
      savingsMinor: 4200,
      co2ePerShipmentGrams: 820,
    },
    {
      carrier: "USPS",
      service: "Priority Mail",
      lane: "RNO>US-NY",
      currency: "USD",
      shipments: 2,
      delivered: 0,
      onTimeRate: undefined,
      medianDays: undefined,
      p90Days: undefined,
      damageRate: 0,
      exceptions: 0,
      costPerShipmentMinor: 900,
      costPerKgMinor: 1800,
      savingsMinor: 0,
      co2ePerShipmentGrams: 1500,
    },
  ],
  trend: [
    {
      week: "2026-11-16",
      shipments: 5,
      onTimeRate: 0.8,
      medianDays: 4,
      p90Days: 5,
      co2ePerShipmentGrams: 900,
      costPerShipmentMinor: 1200,
    },
    {
      week: "2026-11-23",
      shipments: 7,
      onTimeRate: undefined,
      medianDays: undefined,
      p90Days: undefined,
      co2ePerShipmentGrams: undefined,
      costPerShipmentMinor: undefined,
    },
  ],
};

function mockBoard(value: unknown) {
  vi.mocked(useQuery).mockImplementation(((ref: unknown, args: { weeks: number }) =>
    nameOf(ref) === "carrierBoard:board"
      ? typeof value === "function"
        ? value(args)
        : value
      : undefined) as typeof useQuery);
}

describe("Carriers board page", () => {
  it("shows every lane's figures, the totals and asks again for a longer window", async () => {
    const asked: number[] = [];
    mockBoard((args: { weeks: number }) => (asked.push(args.weeks), board));
    render(
      <MemoryRouter>
        <CarrierBoardPage />
      </MemoryRouter>,
    );
    const rows = screen.getAllByTestId("carrier-row");
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText("EWR → US-CA")).toBeTruthy();
    expect(within(rows[0]).getByTestId("carrier-ontime").textContent).toBe("75 %");
    expect(within(rows[0]).getByTestId("carrier-median").textContent).toBe("4 d");
    expect(within(rows[0]).getByText("$12.50")).toBeTruthy();
    expect(within(rows[1]).getByTestId("carrier-ontime").textContent).toBe("—");
    expect(within(rows[1]).getByText("1.5 kg CO₂e")).toBeTruthy();
    expect(within(screen.getByRole("group", { name: "Shipments" })).getByText("12")).toBeTruthy();
    expect(within(screen.getByRole("group", { name: "On time" })).getByText("75 %")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "12 weeks" }));
    expect(asked).toContain(12);
  });

  it("loading and empty states", () => {
    mockBoard(undefined);
    const { unmount } = render(
      <MemoryRouter>
        <CarrierBoardPage />
      </MemoryRouter>,
    );
    expect(screen.getByText(/Reading the carrier figures/)).toBeTruthy();
    unmount();
    mockBoard({ ...board, rows: [] });
    render(
      <MemoryRouter>
        <CarrierBoardPage />
      </MemoryRouter>,
    );
    expect(screen.getByText("No labels bought in this period")).toBeTruthy();
  });

  it("totals weight on-time by deliveries and CO₂e by shipments; trend gaps stay gaps", () => {
    const all = overall(board.rows);
    expect(all).toEqual({
      shipments: 12,
      delivered: 8,
      onTimeRate: 0.75,
      co2ePerShipmentGrams: (820 * 10 + 1500 * 2) / 12,
    });
    expect(trendSeries(board.trend)[1]).toEqual({
      week: "11-23",
      shipments: 7,
      onTime: null,
      median: null,
      p90: null,
      co2eKg: null,
    });
  });
});
