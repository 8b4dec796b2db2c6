import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { useMutation, useQuery } from "convex/react";
import { CsvImportPage } from "./CsvImportPage";
import { MeContext, type Me } from "../../members/hooks/useMe";
import { ToastProvider } from "../../../components/ui";
import { nameOf } from "../../../test/convexMock";
import { checkCsv, type CsvRow } from "../../../../convex/lib/channels/csv";

vi.mock("convex/react", () => ({ useQuery: vi.fn(), useMutation: vi.fn(), usePaginatedQuery: vi.fn() }));

const supervisor = { _id: "m1", name: "Sam", email: "s@demo.local", role: "supervisor" } as Me;
let importCsv: ReturnType<typeof vi.fn>;

/** The server's preview, as previewCsv answers: the shared row checks, plus "unknown SKU" for NOPE. */
function serverPreview({ rows, excludedRows }: { rows: CsvRow[]; excludedRows: number[] }) {
  const { errors, orders } = checkCsv(rows, new Set(excludedRows.map((n) => n - 2)));
  rows.forEach((r, i) => {
    if (r.sku === "NOPE" && !excludedRows.includes(i + 2))
      errors.set(i, { ...errors.get(i), sku: `No active product with SKU "NOPE".` });
  });
  return {
    rowErrors: [...errors].map(([i, e]) => ({ row: i + 2, errors: e })),
    orders: orders
      .filter((o) => o.rows.every((i) => !errors.has(i)))
      .map((o) => ({
        externalId: o.order.externalId,
        rows: o.rows.map((i) => i + 2),
        lineCount: o.order.lines.length,
        units: 1,
        totalMinor: 100,
        currency: "USD",
        exists: false,
      })),
  };
}

const header =
  "order_id,customer_name,customer_email,ship_line1,ship_city,ship_region,ship_postal_code,ship_country,currency,sku,quantity,unit_price";
const good = "A1,Pat Doe,pat@example.com,500 Market St,San Francisco,CA,94105,US,USD,SKU-1,2,19.99";
const badZip = "A2,Lee Roy,lee@example.com,1 Main St,Toronto,ON,12345,CA,USD,SKU-1,1,5.00";
const unknownSku = "A3,Kim Wu,kim@example.com,9 High St,London,,SW1A 1AA,GB,USD,NOPE,1,5.00";

beforeEach(() => {
  importCsv = vi.fn().mockResolvedValue({ created: 1, skipped: 0 });
  vi.mocked(useMutation).mockImplementation(((ref: unknown) =>
    nameOf(ref) === "channels:importCsv" ? importCsv : vi.fn()) as never);
  vi.mocked(useQuery).mockImplementation(((ref: unknown, args: unknown) => {
    if (args === "skip") return undefined;
    if (nameOf(ref) === "channels:previewCsv") return serverPreview(args as { rows: CsvRow[]; excludedRows: number[] });
    return undefined;
  }) as never);
});

async function upload(text: string) {
  render(
    <MeContext.Provider value={supervisor}>
      <ToastProvider>
        <MemoryRouter>
          <CsvImportPage />
        </MemoryRouter>
      </ToastProvider>
    </MeContext.Provider>,
  );
  await userEvent.upload(screen.getByLabelText("CSV file"), new File([text], "orders.csv", { type: "text/csv" }));
}

describe("CSV import page", () => {
  it("previews per-row errors and imports nothing while a row has one", async () => {
    await upload([header, good, badZip, unknownSku].join("\n"));
    expect(await screen.findByText(/2 rows with errors/)).toBeInTheDocument();
    const rows = screen.getAllByRole("row");
    expect(within(rows[2]).getByText(/not a valid Canada postal code/)).toBeInTheDocument();
    expect(within(rows[3]).getByText(/No active product with SKU "NOPE"/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /^Import/ })).toBeDisabled();
    expect(importCsv).not.toHaveBeenCalled();
  });

  it("excluding the bad rows enables import of the rest", async () => {
    await upload([header, good, badZip, unknownSku].join("\n"));
    await userEvent.click(await screen.findByRole("button", { name: "Exclude rows with errors" }));
    const button = screen.getByRole("button", { name: "Import 1 order" });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    expect(importCsv).toHaveBeenCalledWith({ rows: expect.any(Array), excludedRows: [3, 4] });
    expect(importCsv.mock.calls[0][0].rows[0]).toMatchObject({
      order_id: "A1",
      sku: "SKU-1",
      quantity: "2",
      unit_price: "19.99",
    });
  });
});
