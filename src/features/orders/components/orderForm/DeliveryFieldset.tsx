/** Shipping options: the ship-by date, priority, the shipping charged to the customer and notes for the floor. */
import { PRIORITY_LABELS } from "../../../../../convex/lib/orderStatus";
import { SelectField, TextAreaField, TextField } from "../../../../components/ui";
import type { OrderFormValues } from "../../lib/orderForm";
import type { OrderFormState } from "./types";

export function DeliveryFieldset({ form }: { form: OrderFormState }) {
  const { values, change } = form;
  return (
    <fieldset className="card">
      <legend>Delivery</legend>
      <div className="grid-3">
        <TextField
          label="Ship by"
          type="date"
          value={values.shipBy}
          onChange={(e) => change("shipBy", (v) => ({ ...v, shipBy: e.target.value }))}
          {...form.bind("shipBy")}
        />
        <SelectField
          label="Priority"
          value={values.priority}
          onChange={(e) =>
            change("priority", (v) => ({ ...v, priority: e.target.value as OrderFormValues["priority"] }))
          }
          error={form.error("priority")}
        >
          {PRIORITY_LABELS.map((label, p) => (
            <option key={label} value={String(p)}>
              {label}
            </option>
          ))}
        </SelectField>
        <TextField
          label={`Shipping charged (${values.currency})`}
          inputMode="decimal"
          placeholder="0.00"
          hint="What the customer pays for delivery; empty is none."
          value={values.shippingCharged}
          onChange={(e) => change("shippingChargedMinor", (v) => ({ ...v, shippingCharged: e.target.value }))}
          {...form.bind("shippingChargedMinor")}
        />
      </div>
      <TextAreaField
        label="Notes"
        rows={3}
        value={values.notes}
        onChange={(e) => change("notes", (v) => ({ ...v, notes: e.target.value }))}
        {...form.bind("notes")}
      />
    </fieldset>
  );
}
