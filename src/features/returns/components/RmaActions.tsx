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
import { ReasonDialog } from "../../orders/components/ReasonDialog";

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
  const done = () => {
    for (const m of [reject, cancel, inTransit, close]) m.reset();
    setOpen(null);
  };
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
      <ReasonDialog
        key={`reject-${open === "reject"}`}
        open={open === "reject"}
        title={`Reject ${rma.number}`}
        confirmLabel="Reject request"
        danger
        pending={reject.pending}
        error={reject.error}
        serverFieldError={reject.fields.reason}
        onClose={done}
        onConfirm={async (reason) => {
          if ((await reject.attempt({ rmaId: rma._id, reason })).ok) {
            toast.show(`${rma.number} rejected.`);
            done();
          }
        }}
      />
      <ReasonDialog
        key={`cancel-${open === "cancel"}`}
        open={open === "cancel"}
        title={`Cancel ${rma.number}`}
        confirmLabel="Cancel RMA"
        danger
        pending={cancel.pending}
        error={cancel.error}
        serverFieldError={cancel.fields.reason}
        onClose={done}
        onConfirm={async (reason) => {
          if ((await cancel.attempt({ rmaId: rma._id, reason })).ok) {
            toast.show(`${rma.number} cancelled.`);
            done();
          }
        }}
      />
      <ReasonDialog
        key={`transit-${open === "transit"}`}
        open={open === "transit"}
        title={`${rma.number} is on its way`}
        label="Carrier tracking number (optional)"
        optional
        confirmLabel="Mark in transit"
        pending={inTransit.pending}
        error={inTransit.error}
        serverFieldError={inTransit.fields.trackingNumber}
        onClose={done}
        onConfirm={async (trackingNumber) => {
          if ((await inTransit.attempt({ rmaId: rma._id, trackingNumber: trackingNumber || undefined })).ok) {
            toast.show(`${rma.number} is in transit.`);
            done();
          }
        }}
      />
      <ReasonDialog
        key={`close-${open === "close"}`}
        open={open === "close"}
        title={`Close ${rma.number}`}
        label="Note (optional)"
        optional
        confirmLabel="Close RMA"
        pending={close.pending}
        error={close.error}
        onClose={done}
        onConfirm={async (note) => {
          if ((await close.attempt({ rmaId: rma._id, note: note || undefined })).ok) {
            toast.show(`${rma.number} closed.`);
            done();
          }
        }}
      />
    </div>
  );
}
