/** Reading an order CSV in the browser with papaparse, into the canonical rows the server checks. */
import Papa from "papaparse";
import { canonicalHeader, CSV_FIELDS, toCsvRow, type CsvRow } from "../../../../convex/lib/channels/csv";

export type ParsedCsv = { rows: CsvRow[]; problems: string[]; unknownHeaders: string[] };

export function parseCsvText(text: string): ParsedCsv {
  const r = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim(),
  });
  const headers = r.meta.fields ?? [];
  const rows = r.data.map((rec) => toCsvRow(rec));
  const problems = r.errors
    .slice(0, 5)
    .map((e) => (e.row !== undefined ? `Row ${e.row + 2}: ${e.message}` : e.message));
  const unknownHeaders = headers.filter((h) => canonicalHeader(h) === null);
  return { rows, problems, unknownHeaders };
}

/** The file's text (FileReader: works in every browser and in jsdom). */
export function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ""));
    reader.onerror = () => reject(reader.error ?? new Error("The file could not be read."));
    reader.readAsText(file);
  });
}

/** A template with every column and one example order of two lines. */
export function templateCsv() {
  const example = {
    order_id: "WEB-1001",
    placed_at: "2025-03-01",
    customer_name: "Pat Doe",
    customer_email: "pat@example.com",
    customer_phone: "",
    ship_name: "",
    ship_company: "",
    ship_line1: "500 Market St",
    ship_line2: "",
    ship_city: "San Francisco",
    ship_region: "CA",
    ship_postal_code: "94105",
    ship_country: "US",
    currency: "USD",
    sku: "SKU-1",
    quantity: "2",
    unit_price: "19.99",
    ship_by: "",
    priority: "normal",
    notes: "",
    pickup_store: "",
    shipping_charged: "4.99",
  };
  return Papa.unparse({
    fields: [...CSV_FIELDS],
    data: [
      CSV_FIELDS.map((f) => example[f]),
      CSV_FIELDS.map((f) =>
        f === "sku" ? "SKU-2" : f === "quantity" ? "1" : f === "unit_price" ? "5.00" : example[f],
      ),
    ],
  });
}
