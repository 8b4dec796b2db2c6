/** Where it goes: recipient, street, city, region (required in the US and Canada), postal code, country. */
import { COUNTRIES } from "../../../../../convex/lib/address";
import { SelectField, TextField } from "../../../../components/ui";
import type { OrderFormValues } from "../../lib/orderForm";
import type { OrderFormState } from "./types";

type ShipToKey = keyof OrderFormValues["shipTo"];

export function AddressFieldset({ form }: { form: OrderFormState }) {
  const { values } = form;
  const set = (key: ShipToKey, value: string) => form.change(`shipTo.${key}`, (v) => ({ ...v, shipTo: { ...v.shipTo, [key]: value } }));
  const address = (key: ShipToKey, label: string, extra: { required?: boolean; autoComplete?: string } = {}) => (
    <TextField
      label={label}
      limit={key === "name" || key === "company" ? "name" : "address"}
      required={extra.required}
      autoComplete={extra.autoComplete}
      value={values.shipTo[key]}
      onChange={(e) => set(key, e.target.value)}
      {...form.bind(`shipTo.${key}`)}
    />
  );
  return (
    <fieldset className="card">
      <legend>Ship to</legend>
      <div className="grid-2">
        {address("name", "Recipient name", { required: true, autoComplete: "shipping name" })}
        {address("company", "Company", { autoComplete: "shipping organization" })}
        {address("line1", "Street address", { required: true, autoComplete: "shipping address-line1" })}
        {address("line2", "Address line 2", { autoComplete: "shipping address-line2" })}
      </div>
      <div className="grid-4">
        {address("city", "City", { required: true, autoComplete: "shipping address-level2" })}
        {address("region", values.shipTo.country === "CA" ? "Province" : "State / region", {
          required: values.shipTo.country === "US" || values.shipTo.country === "CA",
          autoComplete: "shipping address-level1",
        })}
        {address("postalCode", "Postal code", { required: true, autoComplete: "shipping postal-code" })}
        <SelectField label="Country" required value={values.shipTo.country} onChange={(e) => set("country", e.target.value)} {...form.bind("shipTo.country")}>
          {Object.entries(COUNTRIES).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </SelectField>
      </div>
    </fieldset>
  );
}
