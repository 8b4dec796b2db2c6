/**
 * The shipping journeys on their own: `node --import tsx e2e/shipping.ts`. Starts the offline
 * runtime (small seed unless E2E_SEED says otherwise), Vite and Chromium through the shared
 * harness, runs SHIPPING_JOURNEYS and prints `N passed, N failed`. `npm run test:e2e` runs them
 * with the other journeys.
 */
import { screenshot, startStack, type Person } from "./harness";
import type { SeedSize } from "../dev/seed";
import { SHIPPING_JOURNEYS } from "./shipping/journeys";

const stack = await startStack((process.env.E2E_SEED as SeedSize | undefined) ?? "small");
console.log(`[e2e:shipping] app on ${stack.appUrl}, runtime on ${stack.runtime.url}`);
let passed = 0;
let failed = 0;
for (const [i, journey] of SHIPPING_JOURNEYS.entries()) {
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
    for (const [label, p] of people) console.log(`    screenshot: ${await screenshot(p.page, `shipping-${i + 1}-${label}`)}`);
  } finally {
    for (const [, p] of people) await p.ctx.close().catch(() => {});
  }
  if (i < SHIPPING_JOURNEYS.length - 1) await stack.runtime.reset();
}
await stack.stop();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
