/**
 * Order line arithmetic (DESIGN invariant 3), pure.
 *   ordered = unallocated + allocated + backordered + dropshipped + cancelled
 *   picked ≤ allocated + dropshipped, shipped ≤ allocated + dropshipped, returned ≤ shipped
 * `unallocated` holds what no allocation has decided yet (a new order), so the sum is exact at
 * every moment, not only after allocation.
 */
import { appError } from "./errors";

/** A line's counters: the order line's fields in the table (model/orders/tables.ts) and here. */
export const LINE_QUANTITY_FIELDS = [
  "quantity",
  "unallocated",
  "allocated",
  "backordered",
  "dropshipped",
  "cancelled",
  "picked",
  "shipped",
  "returned",
] as const;
export type LineQuantities = Record<(typeof LINE_QUANTITY_FIELDS)[number], number>;

/** A new line of `quantity` units: every unit waits for allocation, nothing else has happened yet. */
export function newLineQuantities(quantity: number): LineQuantities {
  return {
    quantity,
    unallocated: quantity,
    allocated: 0,
    backordered: 0,
    dropshipped: 0,
    cancelled: 0,
    picked: 0,
    shipped: 0,
    returned: 0,
  };
}

export function lineProblems(l: LineQuantities): string[] {
  const p: string[] = [];
  const parts = [l.unallocated, l.allocated, l.backordered, l.dropshipped, l.cancelled];
  if (parts.some((n) => !Number.isInteger(n) || n < 0)) p.push("negative or fractional quantity");
  const sum = parts.reduce((a, b) => a + b, 0);
  if (sum !== l.quantity)
    p.push(`ordered ${l.quantity} ≠ unallocated+allocated+backordered+dropshipped+cancelled ${sum}`);
  if (l.picked > l.allocated + l.dropshipped) p.push(`picked ${l.picked} > allocated+dropshipped`);
  if (l.shipped > l.allocated + l.dropshipped) p.push(`shipped ${l.shipped} > allocated+dropshipped`);
  if (l.returned > l.shipped) p.push(`returned ${l.returned} > shipped ${l.shipped}`);
  return p;
}

export type CancelSplit = {
  fromUnallocated: number;
  fromBackordered: number;
  /** Allocated but not yet picked: its reservation is released. */
  fromAllocated: number;
};

/**
 * How a cancellation of `qty` units is taken from a line: waiting quantities first, then allocated
 * units not yet picked. Returns undefined when fewer than `qty` units can still be cancelled.
 */
export function splitCancellation(l: LineQuantities, qty: number): CancelSplit | undefined {
  const allocatedUnpicked = Math.max(0, l.allocated - l.picked);
  if (qty > cancellableQuantity(l)) return undefined;
  let left = qty;
  const fromUnallocated = Math.min(left, l.unallocated);
  left -= fromUnallocated;
  const fromBackordered = Math.min(left, l.backordered);
  left -= fromBackordered;
  const fromAllocated = Math.min(left, allocatedUnpicked);
  return { fromUnallocated, fromBackordered, fromAllocated };
}

/** splitCancellation, refused (INVALID_INPUT; `field` marked "At most n.") when fewer than `qty` can still be cancelled. */
export function cancellationOrThrow(line: LineQuantities & { sku: string }, qty: number, field?: string): CancelSplit {
  const split = splitCancellation(line, qty);
  if (!split) {
    const max = cancellableQuantity(line);
    throw appError(
      "INVALID_INPUT",
      `Only ${max} of ${line.sku} can still be cancelled.`,
      field ? { [field]: `At most ${max}.` } : undefined,
    );
  }
  return split;
}

export function cancellableQuantity(l: LineQuantities): number {
  return l.unallocated + l.backordered + Math.max(0, l.allocated - l.picked);
}

/**
 * The allocation status an order's lines imply: undefined while some units are undecided,
 * "cancelled" when nothing is left open.
 */
export function statusFromLines(
  lines: readonly LineQuantities[],
): "allocated" | "partially_allocated" | "backordered" | "cancelled" | undefined {
  const open = lines.filter((l) => l.quantity > l.cancelled);
  if (open.length === 0) return "cancelled";
  if (open.some((l) => l.unallocated > 0)) return undefined;
  const allocated = open.reduce((s, l) => s + l.allocated + l.dropshipped, 0);
  const waiting = open.reduce((s, l) => s + l.backordered, 0);
  if (waiting === 0) return "allocated";
  return allocated > 0 ? "partially_allocated" : "backordered";
}
