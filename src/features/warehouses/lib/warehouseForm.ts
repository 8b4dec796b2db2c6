/**
 * Warehouse form values → the server's WarehouseInput, checked by the server's own rule
 * (`warehouseErrors`, convex/lib/warehouses.ts), so the form refuses what the server would.
 */
import { z } from "zod";
import { trimmedAddress, vAddressDraft } from "../../../lib/address";
import type { Doc } from "../../../../convex/_generated/dataModel";
import { LABEL_FORMATS } from "../../../../convex/lib/shipping/types";
import { WAREHOUSE_KINDS, warehouseErrors } from "../../../../convex/lib/warehouses";
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

const num = (s: string) => (s.trim() === "" ? NaN : Number(s.trim()));
const opt = (s: string) => s.trim() || undefined;

function addressOf(v: WarehouseFormValues) {
  return trimmedAddress(v.address, { phone: opt(v.address.phone) });
}

const schema = vValues.transform((v, ctx): WarehouseInput => {
  const input: WarehouseInput = {
    code: v.code.trim().toUpperCase(),
    name: v.name.trim(),
    kind: v.kind,
    address: addressOf(v),
    latitude: num(v.latitude),
    longitude: num(v.longitude),
    cutoffLocal: v.cutoffLocal.trim(),
    timezone: v.timezone.trim(),
    priority: parseWhole(v.priority) ?? Number.NaN,
    leadTimeDays: v.leadTimeDays.trim() ? (parseWhole(v.leadTimeDays) ?? Number.NaN) : undefined,
    labelFormat: v.labelFormat,
  };
  for (const [path, message] of Object.entries(warehouseErrors(input)))
    ctx.addIssue({ code: "custom", path: path.split("."), message });
  return input;
});

export const validateWarehouseForm = (values: WarehouseFormValues): Validation<WarehouseInput> =>
  zodValidation(schema, values);
