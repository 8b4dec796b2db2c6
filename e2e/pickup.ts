/**
 * The click & collect and portal journeys on their own: `node --import tsx e2e/pickup.ts [filter]`
 * (small seed unless E2E_SEED says otherwise). `npm run test:e2e` runs them with the others.
 */
import { PICKUP_JOURNEYS } from "./pickup/journeys";
import { domainSeed, runJourneys } from "./runner";

await runJourneys(PICKUP_JOURNEYS, { label: "pickup", seed: domainSeed(), filter: process.argv.slice(2).join(" ") });
