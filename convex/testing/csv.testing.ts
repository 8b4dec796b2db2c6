/** A CSV order row for tests, on its own so pure tests (lib/) can use it without the convex-test setup. */
import { usAddress } from "./address.testing";

/** One row of a CSV order file (the importer's columns): 2 × SKU-X at 19.99, shipped to `usAddress`. */
export const csvRow = (over: Record<string, string> = {}): Record<string, string> => ({
  order_id: "W-1",
  customer_name: "Pat Doe",
  customer_email: "pat@example.com",
  ship_line1: usAddress.line1,
  ship_city: usAddress.city,
  ship_region: usAddress.region,
  ship_postal_code: usAddress.postalCode,
  ship_country: usAddress.country,
  currency: "USD",
  sku: "SKU-X",
  quantity: "2",
  unit_price: "19.99",
  ...over,
});
