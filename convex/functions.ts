/**
 * Role-checked builders. Every public function in this project is made with one of these, never
 * with the raw `query` / `mutation` / `action` from _generated/server (the role matrix test in
 * functions.test.ts walks every module and fails on a public function without a role).
 *
 * The builder loads the caller's member row and refuses:
 *  - no identity, or an identity that is no member → UNAUTHENTICATED / FORBIDDEN
 *  - a member whose role is below the builder's → FORBIDDEN
 * and puts `ctx.member` and `ctx.actor` (id + name for audit rows) on the handler's ctx.
 */
import { customAction, customCtx, customMutation, customQuery } from "convex-helpers/server/customFunctions";
import { makeFunctionReference, type RegisteredMutation, type RegisteredQuery, type UserIdentity } from "convex/server";
import { startMigrationsSerially } from "convex-helpers/server/migrations";
import { v, type GenericValidator, type Infer, type ObjectType, type PropertyValidators } from "convex/values";
import {
  action,
  internalQuery,
  internalMutation as rawInternalMutation,
  mutation,
  query,
  type MutationCtx,
  type QueryCtx,
} from "./_generated/server";
import { internal } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import { appError } from "./lib/errors";
import { requireArgBounds } from "./lib/bounds";
import { vRole, type Role } from "./model/members/tables";
import { roleAtLeast } from "./lib/roles";
import { memberByEmail } from "./model/members/members";
import { withTriggers, type BoardCtx } from "./model/boards/triggers";
import { rowBy } from "./model/rows";
import { markMigrationsDone, migrationsStatus, vMigrationsStatus } from "./model/migrations";

export type Actor = { id: Id<"members">; name: string };

/** Finds the member for an identity: by token, else by email for a first sign-in. */
export async function memberForIdentity(ctx: QueryCtx, identity: UserIdentity): Promise<Doc<"members"> | null> {
  const byToken = await rowBy(ctx, "members", "by_tokenIdentifier", identity.tokenIdentifier);
  if (byToken) return byToken;
  if (!identity.email) return null;
  const byEmail = await memberByEmail(ctx, identity.email);
  // An email match is accepted only for a member not yet linked to another sign-in.
  return byEmail && byEmail.tokenIdentifier === undefined ? byEmail : null;
}

/** Throws unless the caller is an active member of at least `min` role. */
export async function requireMember(ctx: QueryCtx, min: Role): Promise<Doc<"members">> {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw appError("UNAUTHENTICATED", "Please sign in to continue.");
  const member = await memberForIdentity(ctx, identity);
  if (!member || !member.active) {
    throw appError("FORBIDDEN", "Your account has no access to this workspace. Ask an admin to add you.");
  }
  if (!roleAtLeast(member.role, min)) {
    throw appError("FORBIDDEN", `This needs the ${min} role; you are signed in as ${member.role}.`);
  }
  return member;
}

const actorOf = (m: Doc<"members">): Actor => ({ id: m._id, name: m.name });

/**
 * Attaches the minimum role to a registered function so tests can check every one, and bounds
 * every argument (lib/bounds.ts: numbers finite and within their kind's bound, text within its
 * kind's length, arrays within their item limit) after the role check and before the handler runs.
 */
function withRole<B>(builder: B, minRole: Role): B {
  return ((definition: { handler: (ctx: unknown, args: unknown) => unknown }) => {
    const bounded = {
      ...definition,
      handler: (ctx: unknown, args: unknown) => {
        requireArgBounds(args);
        return definition.handler(ctx, args);
      },
    };
    return Object.assign((builder as (d: unknown) => object)(bounded), { minRole });
  }) as unknown as B;
}

function queryFor(min: Role) {
  return withRole(
    customQuery(
      query,
      customCtx(async (ctx) => {
        const member = await requireMember(ctx, min);
        return { member, actor: actorOf(member) };
      }),
    ),
    min,
  );
}

/**
 * Mutations write through the board triggers (model/boards/triggers.ts): ctx.db is wrapped so every
 * write to a counted table updates the board figures, and the buffered figures are applied when the
 * handler succeeds — in the same transaction, whatever path did the writing.
 */
function mutationFor(min: Role) {
  return withRole(
    customMutation(mutation, {
      args: {},
      input: async (raw) => {
        const ctx = withTriggers(raw);
        const member = await requireMember(ctx, min);
        if (member.tokenIdentifier === undefined) {
          // First sign-in of a member added by email: link the identity for good.
          const identity = await ctx.auth.getUserIdentity();
          await ctx.db.patch("members", member._id, { tokenIdentifier: identity!.tokenIdentifier });
        }
        return {
          ctx: { db: ctx.db, boards: ctx.boards, member, actor: actorOf(member) },
          args: {},
          onSuccess: () => ctx.boards.flush(ctx),
        };
      },
    }),
    min,
  );
}

/**
 * Internal mutations (scheduled work, webhooks, seeds) with the same board triggers as the public
 * builders. Import this, never the raw `internalMutation` from ./_generated/server.
 */
export const internalMutation = customMutation(rawInternalMutation, {
  args: {},
  input: async (raw) => {
    const ctx = withTriggers(raw);
    return { ctx: { db: ctx.db, boards: ctx.boards }, args: {}, onSuccess: () => ctx.boards.flush(ctx) };
  },
});

function actionFor(min: Role) {
  return withRole(
    customAction(
      action,
      customCtx(async (ctx) => {
        const member: Doc<"members"> = await ctx.runQuery(internal.functions.memberForAction, { min });
        return { member, actor: actorOf(member) };
      }),
    ),
    min,
  );
}

/** Used by action builders: actions have no db, so they ask this internal query. */
export const memberForAction = internalQuery({
  args: { min: vRole },
  handler: async (ctx, { min }) => requireMember(ctx, min),
});

export const floorQuery = queryFor("floor");
export const floorMutation = mutationFor("floor");
export const floorAction = actionFor("floor");
export const supervisorQuery = queryFor("supervisor");
export const supervisorMutation = mutationFor("supervisor");
export const supervisorAction = actionFor("supervisor");
export const adminQuery = queryFor("admin");
export const adminMutation = mutationFor("admin");
export const adminAction = actionFor("admin");

/** What a public mutation's handler gets: the board-triggered db, the caller's member row and actor. */
export type MemberMutationCtx = BoardCtx & { member: Doc<"members">; actor: Actor };

/**
 * A command: a public mutation that changes something and answers nothing (`returns: v.null()`).
 * Most of the API is thin commands over a model function, so they are one call each:
 *
 *   export const setActive = adminCommand({ memberId: v.id("members"), active: v.boolean() },
 *     (ctx, { memberId, active }) => setMemberActive(ctx, ctx.actor, memberId, active));
 *
 * Same role check, argument bounds and board triggers as the mutation builders (it is one).
 */
function commandFor(min: Role) {
  const builder = mutationFor(min) as unknown as (definition: object) => object;
  return <A extends PropertyValidators>(
    args: A,
    run: (ctx: MemberMutationCtx, args: ObjectType<A>) => Promise<unknown>,
  ): RegisteredMutation<"public", ObjectType<A>, Promise<null>> =>
    builder({
      args,
      returns: v.null(),
      handler: async (ctx: MemberMutationCtx, a: ObjectType<A>) => {
        await run(ctx, a);
        return null;
      },
    }) as RegisteredMutation<"public", ObjectType<A>, Promise<null>>;
}

export const floorCommand = commandFor("floor");
export const supervisorCommand = commandFor("supervisor");
export const adminCommand = commandFor("admin");

/**
 * The two endpoints of a singleton settings row (model/settings/singleton.ts): a query for members
 * of `readers` and up, and an admin command that takes `{ settings }` and saves them (audited by
 * `save`, which refuses bad values with field errors).
 *
 *   export const { get, save } = settingsEndpoints({
 *     readers: "supervisor", settings: vPortalSettings, read: readPortalSettings, save: savePortalSettings });
 */
export function settingsEndpoints<V extends GenericValidator>(o: {
  readers: Role;
  settings: V;
  read: (ctx: QueryCtx) => Promise<Infer<V>>;
  save: (ctx: MutationCtx, actor: Actor, settings: Infer<V>) => Promise<unknown>;
}) {
  const readQuery = { floor: floorQuery, supervisor: supervisorQuery, admin: adminQuery }[o.readers];
  const get = (readQuery as unknown as (definition: object) => object)({
    args: {},
    returns: o.settings,
    handler: (ctx: QueryCtx) => o.read(ctx),
  }) as RegisteredQuery<"public", Record<string, never>, Promise<Infer<V>>>;
  const save = adminCommand({ settings: o.settings }, (ctx, a) =>
    o.save(ctx, ctx.actor, (a as unknown as { settings: Infer<V> }).settings),
  );
  return { get, save };
}

/**
 * The three entry points of a series of data migrations (convex-helpers `makeMigration`, named
 * "module:export", run in order): `start` (or resume; a finished one is skipped, one running left
 * alone), `markDone` (records them done without running them, for data a fresh seed wrote right)
 * and `status` (processed so far, done or not). The offline runtime calls `markDone` after a seed
 * and `start` on every resume (dev/seed.ts `BACKFILLS`).
 *
 *   export const { start, markDone, status } = migrationSeries(["layersRepair:levels"]);
 */
export function migrationSeries(names: readonly string[]) {
  // By name: `internal.<module>.*` would make the calling module's types circular.
  const refs = names.map((name) => makeFunctionReference<"mutation">(name)) as unknown as Parameters<
    typeof startMigrationsSerially
  >[1];
  const command = (run: (ctx: MutationCtx) => Promise<unknown>) =>
    internalMutation({
      args: {},
      returns: v.null(),
      handler: async (ctx) => {
        await run(ctx);
        return null;
      },
    });
  const start = command((ctx) => startMigrationsSerially(ctx, refs));
  const markDone = command((ctx) => markMigrationsDone(ctx, names));
  const status = internalQuery({ args: {}, returns: vMigrationsStatus, handler: (ctx) => migrationsStatus(ctx, refs) });
  return { start, markDone, status };
}
