import type { MutationCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { addressErrors } from "../../lib/address";
import { appError, throwIfFieldErrors } from "../../lib/errors";
import { recordActivation, recordAudit, type ActorOrSystem } from "../audit/record";
import { syncSources } from "../allocation/settings";
import type { WarehouseInput } from "./tables";
import { rowOrThrow } from "../rows";
import { warehouseByCode } from "./sources";
import { MAX_WAREHOUSES } from "../../lib/bounds";

function isTimeZone(tz: string) {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function warehouseErrors(w: WarehouseInput): Record<string, string> {
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

export async function saveWarehouse(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  input: WarehouseInput,
  id?: Id<"warehouses">,
) {
  const w = { ...input, code: input.code.trim().toUpperCase(), name: input.name.trim() };
  throwIfFieldErrors(warehouseErrors(w));
  const same = await warehouseByCode(ctx, w.code);
  if (same && same._id !== id)
    throw appError("DUPLICATE", `Code ${w.code} is already used by ${same.name}.`, { code: "Choose another code." });
  if (id) {
    await rowOrThrow(ctx, "warehouses", id, "warehouse");
    await ctx.db.patch("warehouses", id, w);
    await syncSources(ctx);
    await recordAudit(ctx, actor, {
      entity: "warehouse",
      entityId: id,
      action: "update",
      summary: `Updated ${w.code}`,
    });
    return id;
  }
  if ((await ctx.db.query("warehouses").take(MAX_WAREHOUSES)).length >= MAX_WAREHOUSES)
    throw appError(
      "CONFLICT",
      `A workspace has at most ${MAX_WAREHOUSES} sources; switch one off and reuse it instead.`,
    );
  const newId = await ctx.db.insert("warehouses", { ...w, active: true });
  await syncSources(ctx);
  await recordAudit(ctx, actor, {
    entity: "warehouse",
    entityId: newId,
    action: "create",
    summary: `Created ${w.kind} ${w.code} “${w.name}”`,
  });
  return newId;
}

export async function setWarehouseActive(ctx: MutationCtx, actor: Actor, id: Id<"warehouses">, active: boolean) {
  const w = await rowOrThrow(ctx, "warehouses", id, "warehouse");
  if (w.active === active) return;
  await ctx.db.patch("warehouses", id, { active });
  await syncSources(ctx);
  await recordActivation(ctx, actor, { entity: "warehouse", entityId: id, active, name: w.code });
}
