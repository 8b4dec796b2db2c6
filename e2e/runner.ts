/**
 * Runs a list of journeys on one stack (offline runtime + Vite + Chromium): each from fresh seeded
 * data, console errors fail a journey, so does a serious or critical axe-core violation on any
 * person's page where the journey leaves it (e2e/axe.ts), a failing journey's pages are screenshotted into
 * e2e/artifacts/. Prints `N passed, N failed` and exits 1 on any failure. Used by `e2e/run.ts`
 * (every journey) and the per-domain entry points (`node --import tsx e2e/floor.ts` …).
 */
import { ARTIFACTS, screenshot, startStack, type Person } from "./harness";
import { expectAccessible } from "./axe";
import type { SeedSize } from "../dev/seed";
import type { Journey } from "./journeys";

export async function runJourneys(
  all: readonly Journey[],
  opts: { label: string; seed: SeedSize; filter?: string },
): Promise<never> {
  const filter = (opts.filter ?? "").toLowerCase();
  const journeys = all.filter((j) => !filter || j.name.toLowerCase().includes(filter));
  console.log(`[${opts.label}] starting the offline runtime, Vite and Chromium…`);
  const stack = await startStack(opts.seed);
  console.log(`[${opts.label}] app on ${stack.appUrl}, runtime on ${stack.runtime.url}`);
  let passed = 0;
  let failed = 0;
  for (const [i, journey] of journeys.entries()) {
    const people: [string, Person][] = [];
    const started = Date.now();
    try {
      await journey.run(stack, (label, p) => {
        people.push([label, p]);
        return p;
      });
      const errors = people.flatMap(([label, p]) => p.errors.map((e) => `${label}: ${e}`));
      if (errors.length > 0) throw new Error(`console errors:\n    ${errors.join("\n    ")}`);
      for (const [label, p] of people) {
        if (!p.page.isClosed())
          await expectAccessible(p.page, `${label}'s last page (${new URL(p.page.url()).pathname})`);
      }
      passed += 1;
      console.log(`  ✓ ${journey.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed += 1;
      console.log(`  ✗ ${journey.name}\n    ${e instanceof Error ? e.message : String(e)}`);
      for (const [label, p] of people)
        console.log(`    screenshot: ${await screenshot(p.page, `${opts.label}-${i + 1}-${label}`)}`);
    } finally {
      for (const [, p] of people) await p.ctx.close().catch(() => {});
    }
    // Each journey starts from fresh data.
    if (i < journeys.length - 1) await stack.runtime.reset();
  }
  await stack.stop();
  if (failed > 0) console.log(`[${opts.label}] failure screenshots are in ${ARTIFACTS}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

/** The seed for a per-domain entry point: small unless E2E_SEED says otherwise. */
export const domainSeed = (): SeedSize => (process.env.E2E_SEED as SeedSize | undefined) ?? "small";
