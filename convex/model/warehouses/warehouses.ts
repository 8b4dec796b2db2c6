import type { MutationCtx } from "../../_generated/server";
import type { Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { appError, throwIfFieldErrors } from "../../lib/errors";
import { recordActivation, recordAudit, type ActorOrSystem } from "../audit/record";
import { syncSources } from "../allocation/settings";
import type { WarehouseInput } from "./tables";
import { rowOrThrow } from "../rows";
import { warehouseByCode } from "./sources";
import { MAX_WAREHOUSES } from "../../lib/bounds";
import { warehouseErrors } from "../../lib/warehouses";

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
