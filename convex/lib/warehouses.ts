/**
 * Fulfilment sources, pure: their kinds (model/warehouses/tables.ts builds its validator from the
 * list and the sources form offers the same, in words) and the checks on a source's settings, which
 * the server refuses with (model/warehouses/warehouses.ts) and the form shows before it sends.
 */
import { addressErrors, type AddressInput } from "./address";
export const WAREHOUSE_KINDS = ["warehouse", "3pl", "dropship", "store"] as const;
export type WarehouseKindName = (typeof WAREHOUSE_KINDS)[number];
export const WAREHOUSE_KIND_LABELS: Record<WarehouseKindName, string> = {
  warehouse: "Warehouse",
  "3pl": "3PL",
  dropship: "Dropship supplier",
  store: "Store",
};

/** Whether the runtime knows `tz` as an IANA time zone ("America/Chicago"). */
export function isTimeZone(tz: string): boolean {
  if (!tz.trim()) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A source's settings as the server takes them (numbers the form could not read are NaN). */
export type WarehouseSettings = {
  code: string;
  name: string;
  kind: WarehouseKindName;
  address: AddressInput;
  latitude: number;
  longitude: number;
  cutoffLocal: string;
  timezone: string;
  priority: number;
  leadTimeDays?: number;
};

/** Field → sentence for a source's settings (the address's keyed "address.*"); empty when they may be saved. */
export function warehouseErrors(w: WarehouseSettings): Record<string, string> {
  const e = addressErrors(w.address, "address");
  if (!/^[A-Z0-9-]{2,12}$/.test(w.code)) e.code = "Code is 2–12 capital letters, digits or dashes.";
  if (!w.name.trim()) e.name = "Name is required.";
  if (!(w.latitude >= -90 && w.latitude <= 90)) e.latitude = "Latitude is between −90 and 90.";
  if (!(w.longitude >= -180 && w.longitude <= 180)) e.longitude = "Longitude is between −180 and 180.";
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(w.cutoffLocal)) e.cutoffLocal = "Cutoff is a 24-hour time like 15:30.";
  if (!isTimeZone(w.timezone)) e.timezone = `"${w.timezone}" is not a time zone (e.g. America/Chicago).`;
  if (!Number.isInteger(w.priority) || w.priority < 0) e.priority = "Priority is a whole number, 0 or more.";
  if (w.leadTimeDays !== undefined && (!Number.isInteger(w.leadTimeDays) || w.leadTimeDays < 0))
    e.leadTimeDays = "Lead time is whole days, 0 or more.";
  if (w.kind === "dropship" && w.leadTimeDays === undefined) e.leadTimeDays = "A dropship supplier needs a lead time.";
  return e;
}
