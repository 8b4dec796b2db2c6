/**
 * The ship-to address of the tests (San Francisco 94105, a postcode allocation and carriers know),
 * on its own so that Node-only code (carrier fixtures, the rate-shop benchmark) can use it without
 * loading the convex-test setup.
 */
export const usAddress = {
  name: "Pat Doe",
  line1: "500 Market St",
  city: "San Francisco",
  region: "CA",
  postalCode: "94105",
  country: "US",
};
