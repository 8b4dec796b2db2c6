/**
 * The named sets of statuses the rules speak of, each written once: which orders a board counts,
 * which may be allocated, picked, held, cancelled; which shipments are live; which RMAs take units.
 * Pure data (the client shows the same sets); the lists themselves are in lib/orderStatus,
 * lib/returns and the tables of model/allocation and model/shipping.
 */
import { ORDER_STATUSES, type OrderStatus } from "./orderStatus";
import type { RmaStatus } from "./returns";
import type { LabelStatus } from "../model/shipping/tables";
import type { PickListStatus } from "../model/floor/tables";
import type { OutboxStatus } from "../model/channels/tables";

/** `s` is one of `set` (typed, for sets of string literals). */
export const isIn = <T extends string>(set: readonly T[], s: string): s is T => (set as readonly string[]).includes(s);

// Orders

/** An order in one of these has finished shipping (it enters them once and never leaves). */
export const COMPLETED_ORDER_STATUSES: readonly OrderStatus[] = ["shipped", "delivered", "closed"];
/** Statuses in which nothing is left to do. */
export const TERMINAL_STATUSES: readonly OrderStatus[] = ["closed", "cancelled"];
/** Out of the building or given up: nothing more ships (a channel's cancel request comes too late). */
export const FINISHED_ORDER_STATUSES: readonly OrderStatus[] = [...COMPLETED_ORDER_STATUSES, "cancelled"];
/** Orders the backlog counts: everything not yet out of the building or given up, in lifecycle order. */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ORDER_STATUSES.filter(
  (s) => !FINISHED_ORDER_STATUSES.includes(s),
);
/** What allocation decides between; an order in one of these is not on the floor yet (re-allocatable). */
export const ALLOCATION_STATUSES: readonly OrderStatus[] = ["ready", "allocated", "partially_allocated", "backordered"];
/** Orders allocation may still place units of (the floor may already work on other units). */
export const ALLOCATABLE_ORDER_STATUSES: readonly OrderStatus[] = [
  ...ALLOCATION_STATUSES,
  "picking",
  "partially_shipped",
];
/** Orders whose allocated shipments may go on a pick list. */
export const PICKABLE_ORDER_STATUSES: readonly OrderStatus[] = [
  "allocated",
  "partially_allocated",
  "picking",
  "partially_shipped",
];
/** A store pickup order is picked at the store while wholly allocated there, or being picked. */
export const STORE_PICKABLE_ORDER_STATUSES: readonly OrderStatus[] = ["allocated", "picking"];
/** Orders a supervisor may put on hold. */
export const HOLDABLE_ORDER_STATUSES: readonly OrderStatus[] = ["pending", ...ALLOCATION_STATUSES];
/** Statuses in which no unit has been picked yet, so the whole order can still be cancelled. */
export const CANCELLABLE_STATUSES: readonly OrderStatus[] = ["pending", "on_hold", ...ALLOCATION_STATUSES];

// Shipments

/** Every shipment status, in the order a shipment goes (model/allocation/tables.ts builds its validator from it). */
export const SHIPMENT_STATUSES = ["open", "picking", "picked", "packed", "shipped", "cancelled"] as const;
type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];
/** A shipment status in words, the same on every page (lists, filters, the backlog board). */
export const SHIPMENT_STATUS_LABELS: Record<ShipmentStatus, string> = {
  open: "To pick",
  picking: "Picking",
  picked: "Picked",
  packed: "Packed",
  shipped: "Shipped",
  cancelled: "Cancelled",
};

/** Shipments still in the building: their units are reserved and the backlog counts them. */
export const OPEN_SHIPMENT_STATUSES = [
  "open",
  "picking",
  "picked",
  "packed",
] as const satisfies readonly ShipmentStatus[];
/** Shipments allocation may still add units to or take units from. */
export const EDITABLE_SHIPMENT_STATUSES: readonly ShipmentStatus[] = ["open", "picking"];
/** Shipments the floor is working on: their order's allocation status no longer follows the lines. */
export const FLOOR_BUSY_SHIPMENT_STATUSES: readonly ShipmentStatus[] = ["picking", "picked", "packed"];
/** Shipments labels may be bought for: packed, or shipped (a relabel). */
export const LABEL_SHIPMENT_STATUSES: readonly ShipmentStatus[] = ["packed", "shipped"];
/** Shipments with nothing left to pack. */
export const PACKED_OR_DONE_SHIPMENT_STATUSES: readonly ShipmentStatus[] = ["packed", "shipped", "cancelled"];

/**
 * The shipment state machine: every status change goes through setShipmentStatus
 * (model/allocation/shipmentLines.ts), which refuses one this table does not list.
 *   open → packed: demo data only (model/seed/returns); open → shipped: a dropship supplier ships.
 *   picking → packed: a store pickup is picked and packed at the counter (model/pickup).
 *   packed → open: an uncollected pickup's units go back on the shelf (model/pickup/expire).
 */
export const SHIPMENT_TRANSITIONS: Record<ShipmentStatus, readonly ShipmentStatus[]> = {
  open: ["picking", "packed", "shipped", "cancelled"],
  picking: ["picked", "packed", "cancelled"],
  picked: ["packed"],
  packed: ["shipped", "open"],
  shipped: [],
  cancelled: [],
};
export const canTransitionShipment = (from: ShipmentStatus, to: ShipmentStatus) =>
  SHIPMENT_TRANSITIONS[from].includes(to);

// Pick lists

/** Pick lists still to be walked: claimable, and counted on the floor board. */
export const OPEN_PICK_LIST_STATUSES: readonly PickListStatus[] = ["open", "in_progress"];

// Customer messages

/** Every state of a customer message in the outbox (model/notifications/tables.ts builds its validator from it). */
export const NOTIFICATION_STATUSES = ["queued", "sending", "sent", "failed", "offline"] as const;
type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];
/** A message's status in words (the outbox's badges and filter); "Offline": no provider configured, nothing left. */
export const NOTIFICATION_STATUS_LABELS: Record<NotificationStatus, string> = {
  queued: "Queued",
  sending: "Sending",
  sent: "Sent",
  failed: "Failed",
  offline: "Offline",
};

/** Messages an admin may send again (after configuring a provider, or fixing an address). */
export const RESENDABLE_NOTIFICATION_STATUSES: readonly NotificationStatus[] = ["failed", "offline"];
/**
 * Rows of a send queue that are due once their `nextAttemptAt` has come: waiting ones, and ones
 * whose sender died (`sending` past its lease). The queue's claim and the scheduler's kick read these.
 */
export const DUE_NOTIFICATION_STATUSES = ["queued", "sending"] as const satisfies readonly NotificationStatus[];
export const DUE_OUTBOX_STATUSES = ["pending", "sending"] as const satisfies readonly OutboxStatus[];

// Labels

/** Labels whose postage stands (bought, or a void not yet confirmed). */
/** A label in one of these states holds its package: no second purchase while it stands. */
export const LIVE_LABEL_STATUSES: readonly LabelStatus[] = ["purchasing", "purchased", "voiding"];
export const STANDING_LABEL_STATUSES: readonly LabelStatus[] = ["purchased", "voiding"];

// Returns

/** Statuses whose unsettled units still count against a line's returnable quantity. */
export const OPEN_RMA_STATUSES: readonly RmaStatus[] = ["requested", "approved", "in_transit", "partially_received"];
/** Statuses in which units can be received (scanned or marked missing). */
export const RECEIVABLE_RMA_STATUSES: readonly RmaStatus[] = ["approved", "in_transit", "partially_received"];
/** Statuses in which a return label may be bought. */
export const RETURN_LABEL_RMA_STATUSES: readonly RmaStatus[] = ["approved", "in_transit"];

export const isHoldable = (s: OrderStatus) => HOLDABLE_ORDER_STATUSES.includes(s);
export const isOpenOrder = (s: OrderStatus) => OPEN_ORDER_STATUSES.includes(s);
export const isCompletedOrder = (s: OrderStatus) => COMPLETED_ORDER_STATUSES.includes(s);
export const isOpenShipment = (s: string) => isIn(OPEN_SHIPMENT_STATUSES, s);
export const isOpenPickList = (s: PickListStatus) => OPEN_PICK_LIST_STATUSES.includes(s);
