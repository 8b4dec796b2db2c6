/**
 * Targets of the board figures measured by bench/dashboards.measure.ts (vitest project "bench").
 * No bench… function here: the figures come from the measure file; bench/run.ts reads these targets.
 */
export const targets = {
  dashboard_docs_read_40k: { max: 100 },
  dashboard_read_growth: { max: 1.5 },
  /** One page of 50 orders plus the caller's member row. */
  order_list_page_docs_read: { max: 51 },
};
