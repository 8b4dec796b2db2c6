/**
 * `npm run test:e2e`: starts the offline runtime and Vite on free ports, runs every browser
 * journey in Debian's Chromium on the demo data, stops everything, and prints `N passed, N failed`.
 * Filter journeys by name: `npm run test:e2e -- navigation`.
 */
import { rmSync } from "node:fs";
import { ARTIFACTS } from "./harness";
import { JOURNEYS } from "./journeys";
import { runJourneys } from "./runner";

rmSync(ARTIFACTS, { recursive: true, force: true });
await runJourneys(JOURNEYS, { label: "e2e", seed: "demo", filter: process.argv.slice(2).join(" ") });
