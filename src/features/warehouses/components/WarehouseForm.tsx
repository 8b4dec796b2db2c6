/** Create or edit a fulfilment source: own warehouse, 3PL, dropship supplier or store. */
import type { Doc } from "../../../../convex/_generated/dataModel";
import type { WarehouseInput } from "../../../lib/api-types";
import { FormActions, FormError, SelectField, TextField, Options } from "../../../components/ui";
import { LABEL_FORMAT_LABELS, LABEL_FORMATS } from "../../../../convex/lib/shipping/types";
import { useForm, type FormHostProps } from "../../../lib/useForm";
import { fieldProps, hostServer } from "../../../lib/formFields";
import { AddressFields } from "../../../components/forms/AddressFields";
import { WAREHOUSE_KIND_LABELS, WAREHOUSE_KINDS } from "../../../../convex/lib/warehouses";
import {
  validateWarehouseForm,
  warehouseFormValues,
  type AddressKey,
  type WarehouseFormValues,
} from "../lib/warehouseForm";

const TIME_ZONES: string[] = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
  } catch {
    return [];
  }
})();

type TopKey = Exclude<keyof WarehouseFormValues, "address" | "kind" | "labelFormat">;

export function WarehouseForm({
  warehouse,
  ...host
}: { warehouse?: Doc<"warehouses"> } & FormHostProps<WarehouseInput>) {
  const { pending, serverError, onSubmit, onCancel } = host;
  const f = useForm(() => warehouseFormValues(warehouse), validateWarehouseForm, hostServer(host));
  const top = (key: TopKey) => fieldProps(f, key);
  const addr = (key: AddressKey) => ({
    value: f.values.address[key],
    onChange: (e: { target: { value: string } }) =>
      f.change(`address.${key}`, (v) => ({ ...v, address: { ...v.address, [key]: e.target.value } })),
    onBlur: () => f.touch(`address.${key}`),
    error: f.error(`address.${key}`),
  });

  return (
    <form onSubmit={f.handleSubmit(onSubmit)} noValidate>
      <FormError message={serverError} />
      <div className="grid-3">
        <TextField label="Code" limit="code" required autoComplete="off" hint="e.g. CHI-1" {...top("code")} />
        <TextField label="Name" limit="name" required {...top("name")} />
        <SelectField
          label="Kind"
          value={f.values.kind}
          onChange={(e) => f.change("kind", (v) => ({ ...v, kind: e.target.value as WarehouseFormValues["kind"] }))}
        >
          <Options values={WAREHOUSE_KINDS} labels={WAREHOUSE_KIND_LABELS} />
        </SelectField>
      </div>
      <fieldset className="plain-fieldset">
        <legend>Address</legend>
        <AddressFields
          value={f.values.address}
          onChange={(key, value) =>
            f.change(`address.${key}`, (v) => ({ ...v, address: { ...v.address, [key]: value } }))
          }
          field={(key) => f.bind(`address.${key}`)}
          labels={{ name: "Contact name" }}
        />
        <TextField label="Phone" type="tel" {...addr("phone")} />
      </fieldset>
      <div className="grid-4">
        <TextField label="Latitude" required inputMode="decimal" {...top("latitude")} />
        <TextField label="Longitude" required inputMode="decimal" {...top("longitude")} />
        <TextField label="Daily cutoff (HH:MM)" required placeholder="15:30" {...top("cutoffLocal")} />
        <TextField label="Time zone" required list="time-zones" {...top("timezone")} />
        <datalist id="time-zones">
          {TIME_ZONES.map((tz) => (
            <option key={tz} value={tz} />
          ))}
        </datalist>
      </div>
      <div className="grid-2">
        <TextField
          label="Priority"
          required
          inputMode="numeric"
          hint="Lower goes first when strategies tie."
          {...top("priority")}
        />
        <TextField
          label="Lead time (days)"
          required={f.values.kind === "dropship"}
          inputMode="numeric"
          hint="For dropship suppliers: days from order to ship."
          {...top("leadTimeDays")}
        />
      </div>
      <SelectField
        label="Label printer"
        hint="Labels bought for this site's shipments come in this format."
        value={f.values.labelFormat}
        onChange={(e) =>
          f.change("labelFormat", (v) => ({ ...v, labelFormat: e.target.value as WarehouseFormValues["labelFormat"] }))
        }
      >
        <Options values={LABEL_FORMATS} labels={LABEL_FORMAT_LABELS} />
      </SelectField>
      <FormActions onCancel={onCancel} submitLabel={warehouse ? "Save" : "Create"} pending={pending} />
    </form>
  );
}
