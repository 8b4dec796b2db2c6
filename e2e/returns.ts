/**
 * The returns journeys on their own: `node --import tsx e2e/returns.ts [filter]` (small seed unless
 * E2E_SEED says otherwise). `npm run test:e2e` runs them with the other journeys.
 */
import { RETURN_JOURNEYS } from "./returns/journeys";
import { domainSeed, runJourneys } from "./runner";

await runJourneys(RETURN_JOURNEYS, { label: "returns", seed: domainSeed(), filter: process.argv.slice(2).join(" ") });
