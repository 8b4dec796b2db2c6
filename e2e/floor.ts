/**
 * The floor journeys on their own: `node --import tsx e2e/floor.ts [filter]`. Starts the offline
 * runtime (small seed unless E2E_SEED says otherwise), Vite and Chromium through the shared
 * harness, runs FLOOR_JOURNEYS (the camera one launches its own Chromium with a fake camera),
 * and prints `N passed, N failed`. `npm run test:e2e` runs them with the other journeys.
 */
import { screenshot, startStack, type Person } from "./harness";
import type { SeedSize } from "../dev/seed";
import { FLOOR_JOURNEYS } from "./floor/journeys";

const filter = process.argv.slice(2).join(" ").toLowerCase();
const journeys = FLOOR_JOURNEYS.filter((j) => !filter || j.name.toLowerCase().includes(filter));
const stack = await startStack((process.env.E2E_SEED as SeedSize | undefined) ?? "small");
console.log(`[e2e:floor] app on ${stack.appUrl}, runtime on ${stack.runtime.url}`);
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
    passed += 1;
    console.log(`  ✓ ${journey.name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed += 1;
    console.log(`  ✗ ${journey.name}\n    ${e instanceof Error ? e.message : String(e)}`);
    for (const [label, p] of people) console.log(`    screenshot: ${await screenshot(p.page, `floor-${i + 1}-${label}`)}`);
  } finally {
    for (const [, p] of people) await p.ctx.close().catch(() => {});
  }
  if (i < journeys.length - 1) await stack.runtime.reset();
}
await stack.stop();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
