import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import { renderPage, stubConvex, type ConvexStub } from "../../../test/convexStub";
import { FinanceExportsPage } from "./FinanceExportsPage";
import { periodOf } from "../components/FinanceExportForm";

vi.mock("convex/react", () => import("../../../test/convexReact"));

const DAY = 86_400_000;
const from = Date.UTC(2026, 0, 1);
const done = {
  _id: "f1",
  requestedAt: from + 40 * DAY,
  requestedByName: "Fay",
  from,
  to: from + 31 * DAY,
  status: "done",
  ordersDone: 12,
  totals: [
    { currency: "USD", revenueMinor: 123_45, postageNetMinor: 10_00, cogsMinor: 50_00 },
    { currency: "EUR", revenueMinor: 5_00, postageNetMinor: 0, cogsMinor: 1_00 },
  ],
  csvUrl: "https://files.local/o.csv",
  daysCsvUrl: "https://files.local/d.csv",
  jsonUrl: "https://files.local/f.json",
};

let server: ConvexStub;
beforeEach(() => {
  server = stubConvex();
});

describe("finance exports", () => {
  it("loading, empty, then each export's totals per currency and its files", () => {
    server.pages["finance:list"] = "loading";
    const a = renderPage(<FinanceExportsPage />);
    expect(screen.getByText("Loading exports…")).toBeInTheDocument();
    a.unmount();
    server.pages["finance:list"] = [];
    const b = renderPage(<FinanceExportsPage />);
    expect(screen.getByText("No exports yet")).toBeInTheDocument();
    b.unmount();
    server.pages["finance:list"] = [
      done,
      { ...done, _id: "f2", status: "running", totals: undefined, csvUrl: undefined },
    ];
    renderPage(<FinanceExportsPage />);
    const [first, second] = screen.getAllByTestId("finance-export");
    expect(within(first).getByTestId("finance-revenue")).toHaveTextContent("$123.45 · €5.00");
    expect(first).toHaveTextContent("2026-01-01 – 2026-01-31");
    expect(within(first).getByRole("link", { name: "Orders CSV" })).toHaveAttribute("href", done.csvUrl);
    expect(second).toHaveTextContent("running · 12 orders so far");
    expect(within(second).getByTestId("finance-cogs")).toHaveTextContent("—");
  });

  it("a period is [first day, the day after the last) in UTC, or nothing when a day is not a date", () => {
    expect(periodOf("2026-01-01", "2026-01-31")).toEqual({ from, to: from + 31 * DAY });
    expect(periodOf("2026-01-01", "")).toBeUndefined();
  });
});
