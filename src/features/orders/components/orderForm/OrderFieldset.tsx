/** The order's kind (a replacement names its original, whose customer and address can be copied) and currency. */
import { CURRENCIES } from "../../../../../convex/lib/money";
import { SelectField, TextField, Options } from "../../../../components/ui";
import type { OrderFormValues } from "../../lib/orderForm";
import { MANUAL_ORDER_KINDS, ORDER_KIND_LABELS } from "../../../../../convex/lib/orderStatus";
import type { FoundOrder, OrderFormState } from "./types";

export function OrderFieldset({
  form,
  original,
  onCopy,
}: {
  form: OrderFormState;
  original: FoundOrder | null | undefined;
  onCopy: (o: FoundOrder) => void;
}) {
  const { values, change } = form;
  return (
    <fieldset className="card">
      <legend>Order</legend>
      <div className="grid-3">
        <SelectField
          label="Kind"
          value={values.kind}
          onChange={(e) =>
            change("originalOrderId", (v) => ({ ...v, kind: e.target.value as OrderFormValues["kind"] }))
          }
        >
          <Options values={MANUAL_ORDER_KINDS} labels={ORDER_KIND_LABELS} />
        </SelectField>
        {values.kind === "replacement" && (
          <TextField
            label="Original order number"
            required
            placeholder="SO-100042"
            value={values.originalNumber}
            onChange={(e) => change("originalOrderId", (v) => ({ ...v, originalNumber: e.target.value }))}
            {...form.bind("originalOrderId")}
            hint={
              original ? (
                <>
                  Found {original.number} for {original.customer.name}.{" "}
                  <button type="button" className="link-button" onClick={() => onCopy(original)}>
                    Copy customer and address
                  </button>
                </>
              ) : undefined
            }
          />
        )}
        <SelectField
          label="Currency"
          value={values.currency}
          onChange={(e) =>
            change("currency", (v) => ({ ...v, currency: e.target.value as OrderFormValues["currency"] }))
          }
        >
          <Options values={CURRENCIES} />
        </SelectField>
      </div>
    </fieldset>
  );
}
