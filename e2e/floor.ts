/**
 * The floor journeys on their own: `node --import tsx e2e/floor.ts [filter]` (small seed unless
 * E2E_SEED says otherwise). `npm run test:e2e` runs them with the other journeys.
 */
import { FLOOR_JOURNEYS } from "./floor/journeys";
import { domainSeed, runJourneys } from "./runner";

await runJourneys(FLOOR_JOURNEYS, { label: "floor", seed: domainSeed(), filter: process.argv.slice(2).join(" ") });
