import { defineTable } from "convex/server";
import { WAREHOUSE_KINDS } from "../../lib/warehouses";
import { v, type Infer } from "convex/values";
import { LABEL_FORMATS } from "../../integrations/carriers/types";
import { literals } from "convex-helpers/validators";
import { vStoreFields } from "../pickup/tables";

/** Where a place is: the street lines of every address (shipping addresses, the company on documents). */
export const vStreetFields = {
  line1: v.string(),
  line2: v.optional(v.string()),
  city: v.string(),
  region: v.optional(v.string()),
  postalCode: v.string(),
  country: v.string(),
};

/** A shipping address: who, where, and a phone for the carrier. */
export const vAddress = v.object({
  name: v.string(),
  company: v.optional(v.string()),
  ...vStreetFields,
  phone: v.optional(v.string()),
});
export type Address = Infer<typeof vAddress>;

export const vWarehouseKind = literals(...WAREHOUSE_KINDS);
export type WarehouseKind = Infer<typeof vWarehouseKind>;

export const vWarehouseFields = {
  code: v.string(),
  name: v.string(),
  kind: vWarehouseKind,
  address: vAddress,
  latitude: v.number(),
  longitude: v.number(),
  /** Local time "HH:MM" after which today's orders ship tomorrow. */
  cutoffLocal: v.string(),
  /** IANA zone of the cutoff, e.g. "America/Chicago". */
  timezone: v.string(),
  /** Lower goes first when strategies tie. */
  priority: v.number(),
  /** Dropship suppliers: days from order to ship. */
  leadTimeDays: v.optional(v.number()),
  /** The label printer at this site's pack stations: thermal printers take ZPL, laser/inkjet PDF. Default PDF. */
  labelFormat: v.optional(literals(...LABEL_FORMATS)),
};
export const vWarehouseInput = v.object(vWarehouseFields);
export type WarehouseInput = Infer<typeof vWarehouseInput>;

export const warehouseTables = {
  /** Fulfilment sources: own warehouses, 3PLs, dropship suppliers, stores. Written by admins. */
  warehouses: defineTable({ ...vWarehouseFields, active: v.boolean(), ...vStoreFields })
    .index("by_code", ["code"])
    .index("by_active_and_priority", ["active", "priority"]),
};
