/**
 * Warehouse form values → the server's WarehouseInput, with the sentences of
 * convex/model/warehouses/warehouses.ts and the shared address checks (keyed "address.*").
 */
import { z } from "zod";
import { trimmedAddress, vAddressDraft } from "../../../lib/address";
import type { Doc } from "../../../../convex/_generated/dataModel";
import { addressErrors } from "../../../../convex/lib/address";
import { LABEL_FORMATS } from "../../../../convex/lib/shipping/types";
import { WAREHOUSE_KINDS } from "../../../../convex/lib/warehouses";
import type { WarehouseInput } from "../../../lib/api-types";
import { parseWhole, zodValidation, type Validation } from "../../../lib/useForm";

const vAddress = vAddressDraft.extend({ phone: z.string() });
const vValues = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(WAREHOUSE_KINDS),
  address: vAddress,
  latitude: z.string(),
  longitude: z.string(),
  cutoffLocal: z.string(),
  timezone: z.string(),
  priority: z.string(),
  leadTimeDays: z.string(),
  labelFormat: z.enum(LABEL_FORMATS),
});
export type WarehouseFormValues = z.infer<typeof vValues>;
export type AddressKey = keyof WarehouseFormValues["address"];

export function warehouseFormValues(w?: Doc<"warehouses">): WarehouseFormValues {
  const a = w?.address;
  return {
    code: w?.code ?? "",
    name: w?.name ?? "",
    kind: w?.kind ?? "warehouse",
    address: {
      name: a?.name ?? "",
      company: a?.company ?? "",
      line1: a?.line1 ?? "",
      line2: a?.line2 ?? "",
      city: a?.city ?? "",
      region: a?.region ?? "",
      postalCode: a?.postalCode ?? "",
      country: a?.country ?? "US",
      phone: a?.phone ?? "",
    },
    latitude: w ? String(w.latitude) : "",
    longitude: w ? String(w.longitude) : "",
    cutoffLocal: w?.cutoffLocal ?? "15:00",
    timezone: w?.timezone ?? "America/Chicago",
    priority: w ? String(w.priority) : "0",
    leadTimeDays: w?.leadTimeDays !== undefined ? String(w.leadTimeDays) : "",
    labelFormat: w?.labelFormat ?? "PDF",
  };
}

export function isTimeZone(tz: string): boolean {
  if (!tz.trim()) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const num = (s: string) => (s.trim() === "" ? NaN : Number(s.trim()));
const opt = (s: string) => s.trim() || undefined;

function addressOf(v: WarehouseFormValues) {
  return trimmedAddress(v.address, { phone: opt(v.address.phone) });
}

const schema = vValues
  .superRefine((v, ctx) => {
    const add = (path: string, message: string) => ctx.addIssue({ code: "custom", path: path.split("."), message });
    for (const [path, message] of Object.entries(addressErrors(addressOf(v), "address"))) add(path, message);
    if (!/^[A-Z0-9-]{2,12}$/.test(v.code.trim().toUpperCase()))
      add("code", "Code is 2–12 capital letters, digits or dashes.");
    if (!v.name.trim()) add("name", "Name is required.");
    const lat = num(v.latitude);
    const lng = num(v.longitude);
    if (!(lat >= -90 && lat <= 90)) add("latitude", "Latitude is between −90 and 90.");
    if (!(lng >= -180 && lng <= 180)) add("longitude", "Longitude is between −180 and 180.");
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(v.cutoffLocal.trim()))
      add("cutoffLocal", "Cutoff is a 24-hour time like 15:30.");
    if (!isTimeZone(v.timezone.trim())) add("timezone", `"${v.timezone}" is not a time zone (e.g. America/Chicago).`);
    const priority = parseWhole(v.priority);
    if (priority === undefined || priority < 0) add("priority", "Priority is a whole number, 0 or more.");
    if (v.leadTimeDays.trim()) {
      const lead = parseWhole(v.leadTimeDays);
      if (lead === undefined || lead < 0) add("leadTimeDays", "Lead time is whole days, 0 or more.");
    } else if (v.kind === "dropship") add("leadTimeDays", "A dropship supplier needs a lead time.");
  })
  .transform((v): WarehouseInput => ({
    code: v.code.trim().toUpperCase(),
    name: v.name.trim(),
    kind: v.kind,
    address: addressOf(v),
    latitude: num(v.latitude),
    longitude: num(v.longitude),
    cutoffLocal: v.cutoffLocal.trim(),
    timezone: v.timezone.trim(),
    priority: parseWhole(v.priority)!,
    leadTimeDays: v.leadTimeDays.trim() ? parseWhole(v.leadTimeDays) : undefined,
    labelFormat: v.labelFormat,
  }));

export const validateWarehouseForm = (values: WarehouseFormValues): Validation<WarehouseInput> =>
  zodValidation(schema, values);
