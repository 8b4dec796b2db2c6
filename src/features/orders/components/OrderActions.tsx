/**
 * Lifecycle actions on the order page. What is offered follows the transition table
 * (convex/lib/orderStatus.ts) and the member's role; the server checks both again.
 * Focus: after Hold the focus moves to Release (and after Release to Hold), since the button that
 * was pressed is disabled by the new status; otherwise the dialog gives it back to its opener.
 */
import { useEffect, useRef, useState } from "react";
import type { Doc } from "../../../../convex/_generated/dataModel";
import { api } from "../../../../convex/_generated/api";
import { TRANSITIONS } from "../../../../convex/lib/orderStatus";
import { CANCELLABLE_STATUSES, isHoldable } from "../../../../convex/lib/statusSets";
import { cancellableQuantity } from "../../../../convex/lib/lines";
import { Button } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useCan } from "../../members/hooks/useMe";
import { verb, VerbDialogs } from "./VerbDialogs";
import { CancelLinesDialog } from "./CancelLinesDialog";

const LINES_LOCKED = ["cancelled", "closed", "shipped", "delivered"];

export function availableActions(order: Doc<"orders">, lines: Doc<"orderLines">[]) {
  const next = TRANSITIONS[order.status];
  return {
    hold: isHoldable(order.status) && next.includes("on_hold"),
    release: order.status === "on_hold",
    cancel: CANCELLABLE_STATUSES.includes(order.status) && next.includes("cancelled"),
    cancelLines: !LINES_LOCKED.includes(order.status) && lines.some((l) => cancellableQuantity(l) > 0),
  };
}

type Open = "hold" | "release" | "cancel" | "lines" | null;

export function OrderActions({ order, lines }: { order: Doc<"orders">; lines: Doc<"orderLines">[] }) {
  const canChange = useCan("supervisor");
  const [open, setOpen] = useState<Open>(null);
  const hold = useAppMutation(api.orders.hold);
  const release = useAppMutation(api.orders.release);
  const cancel = useAppMutation(api.orders.cancel);
  const holdButton = useRef<HTMLButtonElement>(null);
  const releaseButton = useRef<HTMLButtonElement>(null);
  const [focusNext, setFocusNext] = useState<"hold" | "release">();
  const can = availableActions(order, lines);
  const nextEnabled = focusNext === "hold" ? can.hold : focusNext === "release" ? can.release : false;
  useEffect(() => {
    if (!focusNext || !nextEnabled) return;
    (focusNext === "hold" ? holdButton : releaseButton).current?.focus();
    setFocusNext(undefined);
  }, [focusNext, nextEnabled]);
  if (!canChange) return null;
  const close = () => setOpen(null);
  const verbs = [
    verb(hold, {
      key: "hold",
      title: `Hold ${order.number}`,
      confirmLabel: "Hold order",
      field: "reason",
      args: (reason) => ({ orderId: order._id, reason }),
      done: `${order.number} is on hold.`,
      after: () => setFocusNext("release"),
    }),
    verb(release, {
      key: "release",
      title: `Release ${order.number}`,
      label: "Note (optional)",
      optional: true,
      confirmLabel: "Release hold",
      args: (note) => ({ orderId: order._id, note: note || undefined }),
      done: `${order.number} is released.`,
      after: () => setFocusNext("hold"),
    }),
    verb(cancel, {
      key: "cancel",
      title: `Cancel ${order.number}`,
      confirmLabel: "Cancel order",
      danger: true,
      field: "reason",
      args: (reason) => ({ orderId: order._id, reason }),
      done: `${order.number} is cancelled.`,
    }),
  ];

  return (
    <div className="order-actions" role="group" aria-label="Order actions">
      <Button ref={holdButton} onClick={() => setOpen("hold")} disabled={!can.hold}>
        Hold
      </Button>
      <Button ref={releaseButton} onClick={() => setOpen("release")} disabled={!can.release}>
        Release
      </Button>
      <Button onClick={() => setOpen("lines")} disabled={!can.cancelLines}>
        Cancel lines
      </Button>
      <Button variant="danger" onClick={() => setOpen("cancel")} disabled={!can.cancel}>
        Cancel order
      </Button>

      <VerbDialogs verbs={verbs} open={open} onClose={close} />
      {open === "lines" && <CancelLinesDialog open orderId={order._id} lines={lines} onClose={close} />}
    </div>
  );
}
