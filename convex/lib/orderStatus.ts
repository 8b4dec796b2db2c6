/**
 * The order state machine: the one table every status change is checked against
 * (model/orders/transition.ts). Pure data so the client can show which actions are possible.
 */
export const ORDER_STATUSES = [
  "pending",
  "on_hold",
  "ready",
  "allocated",
  "partially_allocated",
  "backordered",
  "picking",
  "packed",
  "partially_shipped",
  "shipped",
  "delivered",
  "closed",
  "cancelled",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Kinds an operator keys in by hand (the new-order form offers these); channel orders arrive by import. */
export const MANUAL_ORDER_KINDS = ["phone", "wholesale", "replacement"] as const;
export const ORDER_KINDS = [...MANUAL_ORDER_KINDS, "channel"] as const;
export const ORDER_KIND_LABELS: Record<(typeof ORDER_KINDS)[number], string> = {
  phone: "Phone",
  wholesale: "Wholesale",
  replacement: "Replacement",
  channel: "Channel",
};
/** An order's priority (0 normal, 1 high, 2 urgent) in words. */
export const PRIORITY_LABELS = ["Normal", "High", "Urgent"] as const;
const MAX_PRIORITY = PRIORITY_LABELS.length - 1;
/** Rank in the backorder queue: urgent (priority 2, rank 0) first, then high, then normal. */
export const backorderRank = (priority: number) => MAX_PRIORITY - Math.max(0, Math.min(MAX_PRIORITY, priority));
/** A backorder row's rank in words (its order's priority). */
export const rankLabel = (rank: number) => PRIORITY_LABELS[MAX_PRIORITY - rank] ?? String(rank);

export const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ["ready", "on_hold", "cancelled"],
  // A released hold goes back where it was held from (kept on the order as heldFrom).
  on_hold: ["pending", "ready", "allocated", "partially_allocated", "backordered", "cancelled"],
  ready: ["allocated", "partially_allocated", "backordered", "on_hold", "cancelled"],
  allocated: [
    "picking",
    "ready",
    "partially_allocated",
    "backordered",
    "on_hold",
    "cancelled",
    "partially_shipped",
    "shipped",
  ],
  partially_allocated: ["allocated", "picking", "ready", "backordered", "on_hold", "cancelled", "partially_shipped"],
  backordered: ["allocated", "partially_allocated", "ready", "on_hold", "cancelled", "partially_shipped", "shipped"],
  picking: ["packed", "allocated", "partially_allocated", "backordered", "partially_shipped"],
  packed: ["shipped", "partially_shipped", "picking"],
  partially_shipped: ["picking", "packed", "shipped", "delivered"],
  shipped: ["delivered", "closed"],
  delivered: ["closed"],
  closed: [],
  cancelled: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export const STATUS_LABELS: Record<OrderStatus, string> = {
  pending: "Pending",
  on_hold: "On hold",
  ready: "Ready",
  allocated: "Allocated",
  partially_allocated: "Partially allocated",
  backordered: "Backordered",
  picking: "Picking",
  packed: "Packed",
  partially_shipped: "Partially shipped",
  shipped: "Shipped",
  delivered: "Delivered",
  closed: "Closed",
  cancelled: "Cancelled",
};
