/**
 * Saved views of the desk lists (orders, shipments): a member's named filters and visible columns.
 * The only writer of `savedViews`; every function acts on the caller's own rows (a view id of
 * another member is NOT_FOUND, never someone else's data).
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Doc, Id } from "../../_generated/dataModel";
import { appError } from "../../lib/errors";
import type { SavedViewList } from "./tables";
import { MAX_SAVED_VIEWS } from "../../lib/bounds";

const MAX_NAME = 60;
const MAX_FILTERS = 20;
const MAX_COLUMNS = 40;

export type ViewState = { filters: Record<string, string>; columns: string[] };

export async function viewsOf(ctx: QueryCtx, memberId: Id<"members">, list: SavedViewList) {
  return ctx.db
    .query("savedViews")
    .withIndex("by_memberId_and_list_and_name", (q) => q.eq("memberId", memberId).eq("list", list))
    .take(MAX_SAVED_VIEWS);
}

function cleanName(name: string): string {
  const n = name.trim().replace(/\s+/g, " ");
  if (n.length < 1) throw appError("INVALID_INPUT", "Give the view a name.", { name: "Required." });
  if (n.length > MAX_NAME)
    throw appError("INVALID_INPUT", `A view name has at most ${MAX_NAME} characters.`, {
      name: `At most ${MAX_NAME} characters.`,
    });
  return n;
}

function cleanState(s: ViewState): ViewState {
  const entries = Object.entries(s.filters).filter(([, v]) => v !== "");
  if (entries.length > MAX_FILTERS) throw appError("INVALID_INPUT", `A view keeps at most ${MAX_FILTERS} filters.`);
  for (const [k, v] of entries) {
    if (k.length > 32 || v.length > 200)
      throw appError("INVALID_INPUT", `The filter “${k.slice(0, 32)}” is too long to keep in a view.`);
  }
  const columns = [...new Set(s.columns)];
  if (columns.length > MAX_COLUMNS || columns.some((c) => c.length > 64))
    throw appError("INVALID_INPUT", "Too many or too long column names for a view.");
  return { filters: Object.fromEntries(entries), columns };
}

/** Refuses (DUPLICATE) a name another of the member's views of `list` already has (`except`: the view being renamed). */
async function assertNameFree(
  ctx: QueryCtx,
  memberId: Id<"members">,
  { list, name, except }: { list: SavedViewList; name: string; except?: Id<"savedViews"> },
) {
  const rows = await ctx.db
    .query("savedViews")
    .withIndex("by_memberId_and_list_and_name", (q) => q.eq("memberId", memberId).eq("list", list).eq("name", name))
    .take(2);
  if (rows.some((r) => r._id !== except))
    throw appError("DUPLICATE", `You already have a view named “${name}”.`, { name: "Already used." });
}

async function ownView(ctx: QueryCtx, memberId: Id<"members">, viewId: Id<"savedViews">): Promise<Doc<"savedViews">> {
  const view = await ctx.db.get("savedViews", viewId);
  if (!view || view.memberId !== memberId) throw appError("NOT_FOUND", "That saved view no longer exists.");
  return view;
}

async function clearDefault(ctx: MutationCtx, memberId: Id<"members">, list: SavedViewList, except?: Id<"savedViews">) {
  for (const v of await viewsOf(ctx, memberId, list)) {
    if (v.isDefault && v._id !== except) await ctx.db.patch("savedViews", v._id, { isDefault: false });
  }
}

export async function createView(
  ctx: MutationCtx,
  memberId: Id<"members">,
  d: { list: SavedViewList; name: string; state: ViewState; isDefault: boolean },
): Promise<Id<"savedViews">> {
  const name = cleanName(d.name);
  const state = cleanState(d.state);
  if ((await viewsOf(ctx, memberId, d.list)).length >= MAX_SAVED_VIEWS) {
    throw appError("INVALID_INPUT", `You already keep ${MAX_SAVED_VIEWS} views of this list; delete one first.`);
  }
  await assertNameFree(ctx, memberId, { list: d.list, name });
  if (d.isDefault) await clearDefault(ctx, memberId, d.list);
  return ctx.db.insert("savedViews", {
    memberId,
    list: d.list,
    name,
    ...state,
    isDefault: d.isDefault,
    updatedAt: Date.now(),
  });
}

export async function renameView(ctx: MutationCtx, memberId: Id<"members">, viewId: Id<"savedViews">, newName: string) {
  const view = await ownView(ctx, memberId, viewId);
  const name = cleanName(newName);
  await assertNameFree(ctx, memberId, { list: view.list, name, except: viewId });
  await ctx.db.patch("savedViews", viewId, { name, updatedAt: Date.now() });
}

/** Replaces the view's filters and columns with the list's current state. */
export async function updateView(
  ctx: MutationCtx,
  memberId: Id<"members">,
  viewId: Id<"savedViews">,
  state: ViewState,
) {
  await ownView(ctx, memberId, viewId);
  await ctx.db.patch("savedViews", viewId, { ...cleanState(state), updatedAt: Date.now() });
}

export async function removeView(ctx: MutationCtx, memberId: Id<"members">, viewId: Id<"savedViews">) {
  await ownView(ctx, memberId, viewId);
  await ctx.db.delete("savedViews", viewId);
}

/** Makes the view the list's default (opened when the list has no filters in its link), or none. */
export async function setDefaultView(
  ctx: MutationCtx,
  memberId: Id<"members">,
  list: SavedViewList,
  viewId: Id<"savedViews"> | null,
) {
  if (viewId) {
    const view = await ownView(ctx, memberId, viewId);
    if (view.list !== list) throw appError("INVALID_INPUT", "That view belongs to another list.");
    await ctx.db.patch("savedViews", viewId, { isDefault: true });
  }
  await clearDefault(ctx, memberId, list, viewId ?? undefined);
}
