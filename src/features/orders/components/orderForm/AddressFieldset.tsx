/** Where it goes: recipient, street, city, region (required in the US and Canada), postal code, country. */
import { AddressFields } from "../../../../components/forms/AddressFields";
import type { OrderFormState } from "./types";

export function AddressFieldset({ form }: { form: OrderFormState }) {
  const { values } = form;
  const country = values.shipTo.country;
  return (
    <fieldset className="card">
      <legend>Ship to</legend>
      <AddressFields
        value={values.shipTo}
        onChange={(key, value) =>
          form.change(`shipTo.${key}`, (v) => ({ ...v, shipTo: { ...v.shipTo, [key]: value } }))
        }
        field={(key) => form.bind(`shipTo.${key}`)}
        labels={{ region: country === "CA" ? "Province" : "State / region" }}
        required={{
          name: true,
          line1: true,
          city: true,
          postalCode: true,
          region: country === "US" || country === "CA",
        }}
        autoComplete="shipping"
      />
    </fieldset>
  );
}
