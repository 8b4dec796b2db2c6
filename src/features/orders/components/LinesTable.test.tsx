import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { orderLine } from "../../../test/fixtures";
import { LinesTable } from "./LinesTable";

const line = orderLine;
const headers = () => screen.getAllByRole("columnheader").map((h) => h.textContent);

describe("LinesTable (fits a 1366 px screen)", () => {
  it("shows the main quantities, names the hidden ones that are not zero, and shows every one on the toggle", async () => {
    render(<LinesTable lines={[line()]} currency="USD" />);
    expect(headers()).toEqual(["SKU", "Product", "Ordered", "Allocated", "Picked", "Shipped", "Line total"]);
    expect(screen.getByText("Also on these lines: backordered.")).toBeInTheDocument();
    const toggle = screen.getByRole("button", { name: "Show every quantity" });
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute("aria-pressed", "true");
    expect(headers()).toEqual([
      "SKU",
      "Product",
      "Unit price",
      "Ordered",
      "Unallocated",
      "Allocated",
      "Backordered",
      "Dropshipped",
      "Cancelled",
      "Picked",
      "Shipped",
      "Returned",
      "Line total",
    ]);
    expect(screen.queryByText(/Also on these lines/)).toBeNull();
  });
});
