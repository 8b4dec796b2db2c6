/**
 * The address fields every form uses the same way (the new-order form's "Ship to", a warehouse's
 * address, the exception queue's address correction): recipient, company, two street lines, city,
 * region, postal code and country, each a labelled field with its error. The form owns the values
 * and errors (`useForm`); labels, required marks and autocomplete differ per form and are given.
 */
import { COUNTRIES } from "../../../convex/lib/address";
import { SelectField, TextField } from "../ui";

import type { AddressDraft, AddressKey } from "../../lib/address";

const DEFAULT_LABELS: Record<AddressKey, string> = {
  name: "Recipient name",
  company: "Company",
  line1: "Street address",
  line2: "Address line 2",
  city: "City",
  region: "State / region",
  postalCode: "Postal code",
  country: "Country",
};

export function AddressFields({
  value,
  onChange,
  field,
  labels = {},
  required = { name: true, line1: true, city: true, postalCode: true },
  autoComplete,
}: {
  value: AddressDraft;
  onChange: (key: AddressKey, value: string) => void;
  /** The error and blur handler of one part (`useForm`'s `bind`). */
  field: (key: AddressKey) => { error?: string; onBlur?: () => void };
  labels?: Partial<Record<AddressKey, string>>;
  required?: Partial<Record<AddressKey, boolean>>;
  /** "shipping" adds the shipping autocomplete tokens. */
  autoComplete?: "shipping";
}) {
  const AUTO: Partial<Record<AddressKey, string>> = {
    name: "name",
    company: "organization",
    line1: "address-line1",
    line2: "address-line2",
    city: "address-level2",
    region: "address-level1",
    postalCode: "postal-code",
  };
  const text = (key: AddressKey) => (
    <TextField
      label={labels[key] ?? DEFAULT_LABELS[key]}
      limit={key === "name" || key === "company" ? "name" : "address"}
      required={required[key]}
      autoComplete={autoComplete && AUTO[key] ? `${autoComplete} ${AUTO[key]}` : undefined}
      value={value[key] ?? ""}
      onChange={(e) => onChange(key, e.target.value)}
      {...field(key)}
    />
  );
  return (
    <>
      <div className="grid-2">
        {text("name")}
        {text("company")}
        {text("line1")}
        {text("line2")}
      </div>
      <div className="grid-4">
        {text("city")}
        {text("region")}
        {text("postalCode")}
        <SelectField
          label={labels.country ?? DEFAULT_LABELS.country}
          required
          value={value.country}
          onChange={(e) => onChange("country", e.target.value)}
          {...field("country")}
        >
          {!COUNTRIES[value.country] && <option value={value.country}>{value.country || "—"}</option>}
          {Object.entries(COUNTRIES).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </SelectField>
      </div>
    </>
  );
}
