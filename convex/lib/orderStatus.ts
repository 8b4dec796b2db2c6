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
