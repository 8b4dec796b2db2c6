/**
 * Targets of the allocation document counts measured by bench/allocDocs.measure.ts (vitest project
 * "bench"): one order of 3 lines over 3 candidate warehouses. convex-test counts a read for every
 * document a patch touches, so the reads include the order, the 3 lines and the reserved levels
 * again when they are written (14 distinct documents are read to plan: order, 3 lines, settings,
 * 9 levels).
 */
export const targets = {
  alloc_docs_read: { max: 15 },
  alloc_docs_written: { max: 11 },
};
