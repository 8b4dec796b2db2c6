/**
 * Targets of the inventory-truth figures written by `npm run soak` (bench/soak.run.ts: the long
 * adversarial model-based run, convex/invariants.soak.test.ts). No bench… function here: the run
 * takes tens of minutes, so `npm run bench` only prints these targets beside the stored figures.
 */
export const targets = {
  invariant_sequences: { min: 10_000 },
  invariant_violations: { max: 0 },
  unhandled_errors: { max: 0 },
};
