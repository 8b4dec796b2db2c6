/**
 * The new-order form, on the one form hook (`useForm`) with the zod schema of `lib/orderForm.ts`,
 * in fieldsets: the order (kind, original, currency), the customer, the address, the lines, the
 * delivery options. Client errors show once a field is left or after a submit attempt; the
 * server's refusal (`ConvexError` fields such as "shipTo.postalCode", "lines.0.quantity") shows
 * under the field it names until that field is edited, its sentence as the form's summary, and the
 * keyboard goes to the first field that needs attention. Nothing is submitted while any client
 * error stands.
 */
import { useState } from "react";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import { Button, FormError } from "../../../components/ui";
import { useDebounced } from "../../../lib/useDebounced";
import { streetDraftOf } from "../../../lib/address";
import { useForm, type ServerState } from "../../../lib/useForm";
import { emptyOrderForm, validateOrderForm, type OrderFormValues } from "../lib/orderForm";
import { AddressFieldset } from "./orderForm/AddressFieldset";
import { CustomerFieldset } from "./orderForm/CustomerFieldset";
import { DeliveryFieldset } from "./orderForm/DeliveryFieldset";
import { LinesFieldset } from "./orderForm/LinesFieldset";
import { OrderFieldset } from "./orderForm/OrderFieldset";
import type { FoundOrder, OrderFormInput } from "./orderForm/types";
import type { Id } from "../../../../convex/_generated/dataModel";
import { PickupFields } from "./PickupFields";

export type OrderFormProps = {
  /** The create mutation's state (`useAppMutation`): pending, the refusal's sentence and fields. */
  server: ServerState & { pending: boolean };
  onSubmit: (input: OrderFormInput) => void;
};

/** A replacement's original order, looked up by its number once typing pauses; undefined while unknown. */
function useOriginalOrder(values: OrderFormValues) {
  const number = useDebounced(values.originalNumber.trim(), 300);
  const lookup = values.kind === "replacement" && number !== "";
  const found = useQuery(api.orders.findByNumber, lookup ? { number } : "skip");
  return lookup && number === values.originalNumber.trim() ? found : undefined;
}

export function OrderForm({ server, onSubmit }: OrderFormProps) {
  const state = useState<OrderFormValues>(emptyOrderForm);
  const original = useOriginalOrder(state[0]);
  const form = useForm(emptyOrderForm, (v: OrderFormValues) => validateOrderForm(v, original), server, { state });
  // Click & collect: empty = deliver; otherwise the store the order is allocated from (issue 20).
  const [pickupStoreId, setPickupStoreId] = useState<Id<"warehouses"> | "">("");

  const copyFromOriginal = (o: FoundOrder) => {
    const a = o.shipTo;
    form.setValues((v) => ({
      ...v,
      customer: { name: o.customer.name, email: o.customer.email, phone: o.customer.phone ?? "" },
      shipTo: {
        name: a.name,
        company: a.company ?? "",
        ...streetDraftOf(a),
      },
      currency: o.currency,
    }));
    form.clearPrefix("customer");
    form.clearPrefix("shipTo");
  };

  return (
    <form
      className="order-form"
      aria-describedby="order-form-status"
      {...form.formProps((input: OrderFormInput) => onSubmit(pickupStoreId ? { ...input, pickupStoreId } : input))}
    >
      <div id="order-form-status">
        <FormError message={form.formError} />
      </div>
      <OrderFieldset form={form} original={original} onCopy={copyFromOriginal} />
      <CustomerFieldset form={form} />
      <PickupFields value={pickupStoreId} onChange={setPickupStoreId} />
      <AddressFieldset form={form} />
      <LinesFieldset form={form} />
      <DeliveryFieldset form={form} />
      <div className="form-actions sticky-actions">
        <Button type="submit" variant="primary" size="lg" loading={server.pending}>
          Create order
        </Button>
      </div>
    </form>
  );
}
