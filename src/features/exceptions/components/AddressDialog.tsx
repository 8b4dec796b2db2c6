/**
 * Edit an order's shipping address from its address exception, then retry validation. On the one
 * form hook; the server's address errors ("shipTo.postalCode") show under their fields.
 */
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import type { QueueRow } from "../../../lib/api-types";
import { FormActions, Dialog, FormError, useToast } from "../../../components/ui";
import { AddressFields } from "../../../components/forms/AddressFields";
import { trimmedAddress, type AddressDraft } from "../../../lib/address";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useForm, type Validation } from "../../../lib/useForm";

type Addr = NonNullable<QueueRow["shipTo"]>;
const LABELS = { name: "Recipient", line2: "Apartment, suite", region: "State / province" };
/** The server checks the address (and says which part is wrong); the form only trims it. */
const asInput = (a: AddressDraft): Validation<Addr> => ({ errors: {}, input: trimmedAddress(a, {}) });

export function AddressDialog({ row, onClose }: { row: QueueRow; onClose: () => void }) {
  const save = useAppMutation(api.holds.correctAddressAndRetry);
  const server = {
    ...save,
    fields: Object.fromEntries(Object.entries(save.fields).map(([k, v]) => [k.replace(/^shipTo\./, ""), v])),
    clearField: (k: string) => save.clearField(`shipTo.${k}`),
  };
  const form = useForm<AddressDraft, Addr>(
    () => row.suggestion ?? row.shipTo ?? { name: "", line1: "", city: "", postalCode: "", country: "US" },
    asInput,
    server,
  );
  const toast = useToast();
  const submit = async (address: Addr) => {
    const r = await save.attempt({
      holdId: row._id as Id<"orderHolds">,
      address: { ...(row.shipTo ?? {}), ...address },
    });
    if (!r.ok) return;
    onClose();
    toast.show(
      r.value.released ? `${row.orderNumber}: address saved, order released.` : `${row.orderNumber}: address saved.`,
    );
  };
  return (
    <Dialog open wide title={`Shipping address of ${row.orderNumber}`} onClose={onClose}>
      <form {...form.formProps((address) => void submit(address))}>
        {row.suggestion && <p className="muted">Starting from the carrier's suggestion; change what is wrong.</p>}
        <FormError message={Object.keys(save.fields).length ? undefined : save.error} />
        <AddressFields
          value={form.values}
          onChange={(key, value) => form.change(key, (v) => ({ ...v, [key]: value }))}
          field={(key) => ({ error: form.error(key) })}
          labels={LABELS}
        />
        <FormActions onCancel={onClose} cancelLabel="Back" submitLabel="Save & retry" pending={save.pending} />
      </form>
    </Dialog>
  );
}
