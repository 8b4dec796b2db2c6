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
import { Button, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useCan } from "../../members/hooks/useMe";
import { ReasonDialog } from "./ReasonDialog";
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
  const toast = useToast();
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
  const close = () => {
    hold.reset();
    release.reset();
    cancel.reset();
    setOpen(null);
  };

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

      <ReasonDialog
        key={`hold-${open === "hold"}`}
        open={open === "hold"}
        title={`Hold ${order.number}`}
        confirmLabel="Hold order"
        pending={hold.pending}
        error={hold.error}
        serverFieldError={hold.fields.reason}
        onClose={close}
        onConfirm={async (reason) => {
          if ((await hold.attempt({ orderId: order._id, reason })).ok) {
            toast.show(`${order.number} is on hold.`);
            setFocusNext("release");
            close();
          }
        }}
      />
      <ReasonDialog
        key={`release-${open === "release"}`}
        open={open === "release"}
        title={`Release ${order.number}`}
        label="Note (optional)"
        optional
        confirmLabel="Release hold"
        pending={release.pending}
        error={release.error}
        onClose={close}
        onConfirm={async (note) => {
          if ((await release.attempt({ orderId: order._id, note: note || undefined })).ok) {
            toast.show(`${order.number} is released.`);
            setFocusNext("hold");
            close();
          }
        }}
      />
      <ReasonDialog
        key={`cancel-${open === "cancel"}`}
        open={open === "cancel"}
        title={`Cancel ${order.number}`}
        confirmLabel="Cancel order"
        danger
        pending={cancel.pending}
        error={cancel.error}
        serverFieldError={cancel.fields.reason}
        onClose={close}
        onConfirm={async (reason) => {
          if ((await cancel.attempt({ orderId: order._id, reason })).ok) {
            toast.show(`${order.number} is cancelled.`);
            close();
          }
        }}
      />
      {open === "lines" && <CancelLinesDialog open orderId={order._id} lines={lines} onClose={close} />}
    </div>
  );
}
