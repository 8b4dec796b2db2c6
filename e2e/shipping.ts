/**
 * The shipping journeys on their own: `node --import tsx e2e/shipping.ts [filter]` (small seed unless
 * E2E_SEED says otherwise). `npm run test:e2e` runs them with the other journeys.
 */
import { SHIPPING_JOURNEYS } from "./shipping/journeys";
import { domainSeed, runJourneys } from "./runner";

await runJourneys(SHIPPING_JOURNEYS, {
  label: "shipping",
  seed: domainSeed(),
  filter: process.argv.slice(2).join(" "),
});
