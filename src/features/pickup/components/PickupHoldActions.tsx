/**
 * Resolutions of a "Pickup short" exception (the pickup store cannot fill the order): transfer
 * the missing units from a warehouse into the store (a ledger transfer) and allocate again,
 * switch the order to delivery, or cancel it (a captured payment is refunded). All audited.
 */
import { useState } from "react";
import { useQuery } from "convex/react";
import { z } from "zod";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { Button, Dialog, FormActions, FormError, SelectField, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { fieldProps } from "../../../lib/formFields";
import { useForm } from "../../../lib/useForm";
import { ReasonDialog } from "../../orders/components/ReasonDialog";
import { reasonDialogState } from "../../../components/forms/reasonDialogState";

/** The pickup-short exception being resolved: its hold and the order's number. */
type ShortPickup = { holdId: Id<"orderHolds">; orderNumber: string };

export function PickupHoldActions({ holdId, orderNumber }: ShortPickup) {
  const [open, setOpen] = useState<"transfer" | "cancel" | null>(null);
  const toDelivery = useAppMutation(api.pickups.switchShortPickupToDelivery);
  const cancel = useAppMutation(api.pickups.cancelShortPickup);
  const toast = useToast();
  return (
    <div className="hold-actions">
      <Button size="sm" variant="primary" onClick={() => setOpen("transfer")}>
        Transfer from warehouse
      </Button>
      <Button
        size="sm"
        loading={toDelivery.pending}
        onClick={async () => {
          const r = await toDelivery.attempt({ holdId });
          toast.show(r.ok ? `${orderNumber} will be delivered instead.` : r.message, r.ok ? "success" : "error");
        }}
      >
        Switch to delivery
      </Button>
      <Button size="sm" variant="danger" onClick={() => setOpen("cancel")}>
        Cancel order
      </Button>
      {open === "transfer" && (
        <TransferDialog holdId={holdId} orderNumber={orderNumber} onClose={() => setOpen(null)} />
      )}
      <ReasonDialog
        open={open === "cancel"}
        title={`Cancel ${orderNumber}`}
        confirmLabel="Cancel order"
        danger
        {...reasonDialogState(cancel, "reason")}
        onClose={() => setOpen(null)}
        onConfirm={async (reason) => {
          const r = await cancel.attempt({ holdId, reason });
          if (!r.ok) return;
          setOpen(null);
          toast.show(`${orderNumber} is cancelled.`);
        }}
      />
    </div>
  );
}

const transferSchema = z.object({
  fromWarehouseId: z.custom<Id<"warehouses">>(
    (id) => typeof id === "string" && id !== "",
    "Choose a warehouse to take the units from.",
  ),
});

function TransferDialog({ holdId, orderNumber, onClose }: ShortPickup & { onClose: () => void }) {
  const warehouses = useQuery(api.warehouses.list, {});
  const transfer = useAppMutation(api.pickups.transferForShortPickup);
  const toast = useToast();
  const sources = (warehouses ?? []).filter((w) => w.kind === "warehouse" || w.kind === "3pl");
  const f = useForm({ fromWarehouseId: "" }, transferSchema, transfer);
  const submit = async (input: z.output<typeof transferSchema>) => {
    const r = await transfer.attempt({ holdId, ...input });
    if (!r.ok) return;
    onClose();
    toast.show(
      r.value.length
        ? `Moved ${r.value.map((m) => `${m.quantity} × ${m.sku}`).join(", ")}; ${orderNumber} allocated at the store.`
        : `${orderNumber} allocated at the store.`,
    );
  };
  return (
    <Dialog open title={`Transfer stock for ${orderNumber}`} onClose={onClose}>
      <form {...f.formProps((input) => void submit(input))}>
        <p className="muted">
          Moves what the store lacks from the warehouse you choose into the store (ledger transfer), then allocates the
          order there.
        </p>
        <FormError message={f.formError} />
        <SelectField
          label="From"
          {...fieldProps(f, "fromWarehouseId")}
          hint={warehouses === undefined ? "Loading…" : undefined}
        >
          <option value="">Choose a warehouse</option>
          {sources.map((w) => (
            <option key={w._id} value={w._id}>
              {w.name} ({w.code})
            </option>
          ))}
        </SelectField>
        <FormActions
          onCancel={onClose}
          cancelLabel="Back"
          submitLabel="Transfer and allocate"
          pending={transfer.pending}
        />
      </form>
    </Dialog>
  );
}
