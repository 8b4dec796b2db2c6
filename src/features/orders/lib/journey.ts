/**
 * The order's journey, top to bottom: created → allocated → picked → packed → shipped →
 * delivered / returned. Pure: each step's state from the order's status and its lines' arithmetic,
 * so the order page can show where the order is before the sections that tell the detail.
 */
import type { OrderStatus } from "../../../../convex/lib/orderStatus";

export type StepState = "done" | "partial" | "current" | "todo" | "stopped";
export type JourneyStep = {
  key: "created" | "allocated" | "picked" | "packed" | "shipped" | "closed";
  label: string;
  state: StepState;
  note?: string;
  anchor: string;
};

type Lines = readonly {
  quantity: number;
  allocated: number;
  dropshipped: number;
  backordered: number;
  cancelled: number;
  picked: number;
  shipped: number;
  returned: number;
}[];

const AFTER_PACK: readonly OrderStatus[] = ["packed", "partially_shipped", "shipped", "delivered", "closed"];
const sum = (lines: Lines, f: (l: Lines[number]) => number) => lines.reduce((n, l) => n + f(l), 0);

export function orderJourney(status: OrderStatus, lines: Lines): JourneyStep[] {
  const wanted = sum(lines, (l) => l.quantity - l.cancelled);
  const placed = sum(lines, (l) => l.allocated + l.dropshipped);
  const picked = sum(lines, (l) => l.picked);
  const shipped = sum(lines, (l) => l.shipped);
  const returned = sum(lines, (l) => l.returned);
  const backordered = sum(lines, (l) => l.backordered);
  const cancelled = status === "cancelled";
  const of = (n: number) => `${n} of ${wanted}`;

  const allocated: StepState =
    wanted > 0 && placed >= wanted
      ? "done"
      : placed > 0
        ? "partial"
        : status === "on_hold" || status === "pending" || status === "ready"
          ? "current"
          : "todo";
  const pickedState: StepState =
    wanted > 0 && picked >= wanted ? "done" : picked > 0 ? "partial" : allocated === "done" ? "current" : "todo";
  const packed: StepState = AFTER_PACK.includes(status) ? "done" : pickedState === "done" ? "current" : "todo";
  const shippedState: StepState =
    wanted > 0 && shipped >= wanted ? "done" : shipped > 0 ? "partial" : packed === "done" ? "current" : "todo";
  const closedState: StepState =
    status === "delivered" || status === "closed"
      ? "done"
      : returned > 0
        ? "partial"
        : shippedState === "done"
          ? "current"
          : "todo";

  const steps: JourneyStep[] = [
    { key: "created", label: "Created", state: "done", anchor: "history-title" },
    {
      key: "allocated",
      label: "Allocated",
      state: allocated,
      note:
        status === "on_hold"
          ? "on hold"
          : backordered > 0
            ? `${backordered} backordered`
            : allocated === "partial"
              ? of(placed)
              : undefined,
      anchor: "allocation-title",
    },
    {
      key: "picked",
      label: "Picked",
      state: pickedState,
      note: pickedState === "partial" ? of(picked) : undefined,
      anchor: "shipping-title",
    },
    { key: "packed", label: "Packed", state: packed, anchor: "shipping-title" },
    {
      key: "shipped",
      label: "Shipped",
      state: shippedState,
      note: shippedState === "partial" ? of(shipped) : undefined,
      anchor: "shipping-title",
    },
    {
      key: "closed",
      label: returned > 0 ? "Delivered / returned" : "Delivered",
      state: closedState,
      note: returned > 0 ? `${returned} returned` : undefined,
      anchor: returned > 0 ? "order-returns-title" : "history-title",
    },
  ];
  if (!cancelled) return steps;
  // A cancelled order stops where it was: what had not happened is marked stopped.
  return steps.map((s) =>
    s.state === "done" || s.state === "partial"
      ? s
      : { ...s, state: "stopped" as const, note: s.key === "allocated" ? "cancelled" : undefined },
  );
}
