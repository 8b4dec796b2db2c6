/**
 * Targets of the issue 20 figures measured by bench/carriers.measure.ts (vitest project "bench").
 * No bench… function here: the figures come from the measure file; bench/run.ts reads these targets.
 */
export const targets = {
  /** The Carriers board at 4 weeks (the page's default): the member row plus 4 parts × 2 shards per week. */
  carrier_board_docs_read_1k: { max: 100 },
  carrier_board_docs_read_40k: { max: 100 },
};
