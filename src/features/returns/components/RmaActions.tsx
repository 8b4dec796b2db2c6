/**
 * Lifecycle actions on an RMA. What is offered follows the RMA state machine
 * (convex/lib/returns.ts RMA_TRANSITIONS) and the member's role; the server checks both again.
 */
import { useState } from "react";
import { Link } from "react-router-dom";
import type { Doc } from "../../../../convex/_generated/dataModel";
import { api } from "../../../../convex/_generated/api";
import { canTransitionRma } from "../../../../convex/lib/returns";
import { RECEIVABLE_RMA_STATUSES } from "../../../../convex/lib/statusSets";
import { Button, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useCan } from "../../members/hooks/useMe";
import { verb, VerbDialogs } from "../../orders/components/VerbDialogs";

type Open = "reject" | "cancel" | "transit" | "close" | null;

export function RmaActions({ rma }: { rma: Doc<"rmas"> }) {
  const supervisor = useCan("supervisor");
  const toast = useToast();
  const [open, setOpen] = useState<Open>(null);
  const approve = useAppMutation(api.returns.approve);
  const reject = useAppMutation(api.returns.reject);
  const cancel = useAppMutation(api.returns.cancel);
  const inTransit = useAppMutation(api.returns.inTransit);
  const close = useAppMutation(api.returns.close);
  const can = (to: Parameters<typeof canTransitionRma>[1]) => supervisor && canTransitionRma(rma.status, to);
  const verbs = [
    verb(reject, {
      key: "reject",
      title: `Reject ${rma.number}`,
      confirmLabel: "Reject request",
      danger: true,
      field: "reason",
      args: (reason) => ({ rmaId: rma._id, reason }),
      done: `${rma.number} rejected.`,
    }),
    verb(cancel, {
      key: "cancel",
      title: `Cancel ${rma.number}`,
      confirmLabel: "Cancel RMA",
      danger: true,
      field: "reason",
      args: (reason) => ({ rmaId: rma._id, reason }),
      done: `${rma.number} cancelled.`,
    }),
    verb(inTransit, {
      key: "transit",
      title: `${rma.number} is on its way`,
      label: "Carrier tracking number (optional)",
      optional: true,
      confirmLabel: "Mark in transit",
      field: "trackingNumber",
      args: (trackingNumber) => ({ rmaId: rma._id, trackingNumber: trackingNumber || undefined }),
      done: `${rma.number} is in transit.`,
    }),
    verb(close, {
      key: "close",
      title: `Close ${rma.number}`,
      label: "Note (optional)",
      optional: true,
      confirmLabel: "Close RMA",
      args: (note) => ({ rmaId: rma._id, note: note || undefined }),
      done: `${rma.number} closed.`,
    }),
  ];
  const receivable = RECEIVABLE_RMA_STATUSES.includes(rma.status);
  return (
    <div className="order-actions" role="group" aria-label="Return actions">
      {receivable && (
        <Link to={`/returns/receive?rma=${encodeURIComponent(rma.number)}`} className="btn btn-primary btn-md">
          Receive
        </Link>
      )}
      {can("approved") && (
        <Button
          variant="primary"
          loading={approve.pending}
          onClick={async () => {
            const r = await approve.attempt({ rmaId: rma._id });
            toast.show(r.ok ? `${rma.number} approved.` : r.message, r.ok ? "success" : "error");
          }}
        >
          Approve
        </Button>
      )}
      {can("rejected") && <Button onClick={() => setOpen("reject")}>Reject</Button>}
      {can("in_transit") && <Button onClick={() => setOpen("transit")}>Mark in transit</Button>}
      {can("closed") && <Button onClick={() => setOpen("close")}>Close</Button>}
      {can("cancelled") && (
        <Button variant="danger" onClick={() => setOpen("cancel")}>
          Cancel RMA
        </Button>
      )}
      <VerbDialogs verbs={verbs} open={open} onClose={() => setOpen(null)} />
    </div>
  );
}
