/** Members and roles. Everyone can read who they are; admins manage the team. */
import { v } from "convex/values";
import { adminCommand, adminMutation, adminQuery, floorQuery, internalMutation } from "./functions";
import { vMemberView, vRole } from "./model/members/tables";
import { addMember, changeRole, setMemberActive } from "./model/members/members";
import { SYSTEM } from "./model/audit/record";

/** The signed-in member: drives navigation by role. */
export const me = floorQuery({
  args: {},
  returns: v.object({ _id: v.id("members"), name: v.string(), email: v.string(), role: vRole }),
  handler: async (ctx) => ({
    _id: ctx.member._id,
    name: ctx.member.name,
    email: ctx.member.email,
    role: ctx.member.role,
  }),
});

/** The team is small (tens to hundreds); one bounded read. */
export const list = adminQuery({
  args: {},
  returns: v.array(vMemberView),
  handler: async (ctx) => {
    const members = await ctx.db.query("members").take(500);
    // Sign-in identifiers stay on the server.
    return members.map(({ tokenIdentifier, ...m }) => ({ ...m, linked: tokenIdentifier !== undefined }));
  },
});

export const add = adminMutation({
  args: { name: v.string(), email: v.string(), role: vRole },
  returns: v.id("members"),
  handler: async (ctx, args) => addMember(ctx, ctx.actor, args),
});

export const setRole = adminCommand({ memberId: v.id("members"), role: vRole }, (ctx, { memberId, role }) =>
  changeRole(ctx, ctx.actor, memberId, role),
);

export const setActive = adminCommand({ memberId: v.id("members"), active: v.boolean() }, (ctx, { memberId, active }) =>
  setMemberActive(ctx, ctx.actor, memberId, active),
);

/**
 * First admin of a new deployment: `npx convex run members:bootstrapAdmin '{"name":…,"email":…}'`.
 * Internal, so only someone with deploy rights can run it.
 */
export const bootstrapAdmin = internalMutation({
  args: { name: v.string(), email: v.string() },
  handler: async (ctx, args) => addMember(ctx, SYSTEM, { ...args, role: "admin" }),
});
