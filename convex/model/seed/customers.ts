/**
 * The demo's customers (desk orders in `convex/seed.ts`, click & collect in `model/seed/pickups.ts`):
 * real-looking addresses with valid postal codes in the countries the platform ships to, so
 * allocation finds their postcode rows and labels validate. The order of the list is part of the
 * demo (the seed picks from it with a seeded generator).
 */
import type { AddressInput } from "../../lib/address";

/** [name, email, line 1, city, region ("" where the country's labels carry none), postal code, country] */
type CustomerRow = [string, string, string, string, string, string, string];

const ROWS: CustomerRow[] = [
  ["Maya Chen", "maya.chen@example.com", "88 Howard St", "San Francisco", "CA", "94105", "US"],
  ["Luis Ortega", "luis.ortega@example.com", "2100 Bryant St", "Denver", "CO", "80211", "US"],
  ["Priya Nair", "priya.nair@example.com", "45 W 21st St", "New York", "NY", "10010", "US"],
  ["Tom Becker", "tom.becker@example.com", "710 N Lake Shore Dr", "Chicago", "IL", "60611", "US"],
  ["Grace Kim", "grace.kim@example.com", "1201 3rd Ave", "Seattle", "WA", "98101", "US"],
  ["Noah Williams", "noah.w@example.com", "500 Congress Ave", "Austin", "TX", "78701", "US"],
  ["Ava Johnson", "ava.johnson@example.com", "20 Boylston St", "Boston", "MA", "02116", "US"],
  ["Ethan Brown", "ethan.brown@example.com", "301 Peachtree St NE", "Atlanta", "GA", "30308", "US"],
  ["Chloé Martin", "chloe.martin@example.com", "15 Rue de Rivoli", "Paris", "", "75004", "FR"],
  ["Oliver Smith", "oliver.smith@example.co.uk", "10 Deansgate", "Manchester", "", "M3 2BW", "GB"],
  ["Amelia Jones", "amelia.jones@example.co.uk", "22 Queen St", "Edinburgh", "", "EH2 1JX", "GB"],
  ["Liam Tremblay", "liam.tremblay@example.ca", "1000 Rue Sherbrooke O", "Montréal", "QC", "H3A 3G4", "CA"],
  ["Sophie Wagner", "sophie.wagner@example.de", "Friedrichstraße 68", "Berlin", "", "10117", "DE"],
  ["Daan de Vries", "daan.devries@example.nl", "Keizersgracht 123", "Amsterdam", "", "1015 CJ", "NL"],
  ["Harper Lee", "harper.lee@example.com", "1 Capitol Mall", "Sacramento", "CA", "95814", "US"],
  ["Jackson Davis", "jackson.davis@example.com", "600 Brickell Ave", "Miami", "FL", "33131", "US"],
];

export type DemoCustomer = { name: string; email: string; shipTo: AddressInput };

export const DEMO_CUSTOMERS: readonly DemoCustomer[] = ROWS.map(
  ([name, email, line1, city, region, postalCode, country]) => ({
    name,
    email,
    shipTo: { name, line1, city, ...(region ? { region } : {}), postalCode, country },
  }),
);

/** The demo customers with these names, in this order (a name that is not a demo customer throws). */
export function demoCustomers(...names: string[]): DemoCustomer[] {
  return names.map((n) => {
    const c = DEMO_CUSTOMERS.find((x) => x.name === n);
    if (!c) throw new Error(`seed: no demo customer named ${n}`);
    return c;
  });
}
