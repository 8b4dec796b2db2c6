import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { Actor } from "../../functions";
import { appError, throwIfFieldErrors } from "../../lib/errors";
import { isEmail } from "../../lib/address";
import { recordActivation, recordAudit, type ActorOrSystem } from "../audit/record";
import type { Role } from "./tables";
import { rowBy, rowOrThrow } from "../rows";

/** The member with this email (stored lower-case; adding refuses a taken one), or null. */
export async function memberByEmail(ctx: { db: QueryCtx["db"] }, email: string) {
  return rowBy(ctx, "members", "by_email", email.toLowerCase(), "first");
}

export async function addMember(
  ctx: MutationCtx,
  actor: ActorOrSystem,
  a: { name: string; email: string; role: Role; tokenIdentifier?: string },
) {
  const email = a.email.trim().toLowerCase();
  const e: Record<string, string> = {};
  if (!a.name.trim()) e.name = "Name is required.";
  if (!isEmail(email)) e.email = `"${a.email}" is not an email address.`;
  throwIfFieldErrors(e);
  const same = await memberByEmail(ctx, email);
  if (same) throw appError("DUPLICATE", `${email} is already a member.`, { email: "Already a member." });
  const id = await ctx.db.insert("members", {
    name: a.name.trim(),
    email,
    role: a.role,
    active: true,
    tokenIdentifier: a.tokenIdentifier,
  });
  await recordAudit(ctx, actor, {
    entity: "member",
    entityId: id,
    action: "add",
    summary: `Added ${email} as ${a.role}`,
  });
  return id;
}

/** Refuses (CONFLICT) taking `member`, an admin, out of the active admins when no other active admin is left. */
async function assertKeepsAnActiveAdmin(ctx: MutationCtx, member: Doc<"members">) {
  if (member.role !== "admin") return;
  const all = await ctx.db.query("members").take(500);
  if (!all.some((m) => m._id !== member._id && m.active && m.role === "admin"))
    throw appError("CONFLICT", "The workspace needs at least one active admin.");
}

export async function changeRole(ctx: MutationCtx, actor: Actor, memberId: Id<"members">, role: Role) {
  const m = await rowOrThrow(ctx, "members", memberId, "member");
  if (role !== "admin") await assertKeepsAnActiveAdmin(ctx, m);
  await ctx.db.patch("members", memberId, { role });
  await recordAudit(ctx, actor, {
    entity: "member",
    entityId: memberId,
    action: "role",
    summary: `${m.email}: ${m.role} → ${role}`,
  });
}

export async function setMemberActive(ctx: MutationCtx, actor: Actor, memberId: Id<"members">, active: boolean) {
  const m = await rowOrThrow(ctx, "members", memberId, "member");
  if (!active) await assertKeepsAnActiveAdmin(ctx, m);
  await ctx.db.patch("members", memberId, { active });
  await recordActivation(ctx, actor, { entity: "member", entityId: memberId, active, name: m.email });
}
