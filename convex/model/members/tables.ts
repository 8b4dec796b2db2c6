import { defineTable } from "convex/server";
import { v, type Infer } from "convex/values";
import { literals, withSystemFields } from "convex-helpers/validators";
import { omit } from "convex-helpers";
import { ROLES } from "../../lib/roles";

export const vRole = literals(...ROLES);
export type Role = Infer<typeof vRole>;

const vMemberFields = {
  name: v.string(),
  email: v.string(),
  role: vRole,
  active: v.boolean(),
  tokenIdentifier: v.optional(v.string()),
  /** Store staff: the store this member works at (pickup pages show and act on that store only). */
  storeId: v.optional(v.id("warehouses")),
};

/** A member as the team page lists them: the sign-in identifier stays on the server, `linked` says whether there is one. */
export const vMemberView = v.object({
  ...withSystemFields("members", omit(vMemberFields, ["tokenIdentifier"])),
  linked: v.boolean(),
});

export const memberTables = {
  /**
   * People who may use the platform and their role. Written by admins (members.ts) and the seed;
   * read by every builder in functions.ts to authorize a call. A member is matched by the
   * identity's tokenIdentifier, or by verified email on first sign-in (then linked).
   */
  members: defineTable(vMemberFields).index("by_tokenIdentifier", ["tokenIdentifier"]).index("by_email", ["email"]),
};
