/**
 * `npm run test:e2e`: starts the offline runtime and Vite on free ports, runs the browser
 * journeys in Debian's Chromium, stops everything, and prints `N passed, N failed`.
 * A failing journey's pages are screenshotted into e2e/artifacts/. Exit code 1 on any failure.
 * Filter journeys by name: `npm run test:e2e -- navigation`.
 */
import { rmSync } from "node:fs";
import { ARTIFACTS, screenshot, startStack, type Person } from "./harness";
import { JOURNEYS } from "./journeys";

const filter = process.argv.slice(2).join(" ").toLowerCase();
const journeys = JOURNEYS.filter((j) => !filter || j.name.toLowerCase().includes(filter));

rmSync(ARTIFACTS, { recursive: true, force: true });
console.log(`[e2e] starting the offline runtime, Vite and Chromium…`);
const stack = await startStack("demo");
console.log(`[e2e] app on ${stack.appUrl}, runtime on ${stack.runtime.url}`);

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
    for (const [label, p] of people) console.log(`    screenshot: ${await screenshot(p.page, `${i + 1}-${label}`)}`);
  } finally {
    for (const [, p] of people) await p.ctx.close().catch(() => {});
  }
  // Each journey starts from fresh demo data.
  if (i < journeys.length - 1) await stack.runtime.reset();
}

await stack.stop();
if (failed > 0) console.log(`[e2e] failure screenshots are in ${ARTIFACTS}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
