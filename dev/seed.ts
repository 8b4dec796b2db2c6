/**
 * Seeding a fresh backend through the project's own `seed:demo` (convex/seed.ts), the same
 * function `npx convex run seed:demo` runs on a real deployment.
 */
import type { Backend } from "./backend";

/** "demo": the full demo; "small": a few products and orders (fast, for tests); "none": empty. */
export type SeedSize = "demo" | "small" | "none";

/**
 * Backfills of kept data, each a module of convex-helpers migrations with `start` and `markDone`:
 * search texts (convex/searchBackfill.ts) and cost layers that outlived their units
 * (convex/layersRepair.ts).
 */
const BACKFILLS = ["searchBackfill", "layersRepair"] as const;

export async function seedBackend(backend: Backend, size: SeedSize, scale = 1): Promise<void> {
  if (size === "none") return;
  if (!backend.hasModule("seed")) {
    console.warn("[offline] convex/seed.ts is missing: starting empty");
    return;
  }
  const started = Date.now();
  const appUrl = process.env.APP_URL;
  const args: Record<string, string | number> = { size };
  if (appUrl) args.appUrl = appUrl;
  if (scale !== 1) args.scale = scale;
  const result = (await backend.call("action", "seed:demo", args, null)) as { seeded: boolean; orders: number };
  // Seeded now: every document is as its writers write it; the backfills have nothing to do on a later resume.
  for (const module of BACKFILLS)
    if ((await backend.resolve(`${module}:markDone`)).ok)
      await backend.call("mutation", `${module}:markDone`, {}, null);
  if (process.env.OFFLINE_QUIET !== "1") {
    console.log(`[offline] seeded ${size} data (${result.orders} orders) in ${Date.now() - started} ms`);
  }
}

/**
 * After a restart on kept data: the app may have moved (another VITE_PORT), so the demo's
 * tracking link follows APP_URL (`seed:syncAppUrl` leaves an address an admin typed alone).
 */
export async function resumeBackend(backend: Backend): Promise<void> {
  await startBackfills(backend);
  if (!process.env.APP_URL || !backend.hasModule("seed")) return;
  const fn = await backend.resolve("seed:syncAppUrl");
  if (!fn.ok) return;
  await backend.call("mutation", "seed:syncAppUrl", { appUrl: process.env.APP_URL }, null);
}

/**
 * Kept data may predate the search texts or the cost-layer fix: each backfill is started on every
 * resume; it runs in the background in pages, and one that finished before does nothing.
 */
async function startBackfills(backend: Backend): Promise<void> {
  for (const module of BACKFILLS) {
    if (!backend.hasModule(module)) continue;
    if ((await backend.resolve(`${module}:start`)).ok) await backend.call("mutation", `${module}:start`, {}, null);
  }
}
