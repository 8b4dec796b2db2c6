/**
 * Receive (floor and up), adjust, transfer and write off damage (supervisor and up). Each is one
 * ledger movement on the server; refusals (e.g. not enough on hand) land under the field named.
 */
import { useState } from "react";
import { api } from "../../../../convex/_generated/api";
import type { Doc } from "../../../../convex/_generated/dataModel";
import { Button, Field, FormError, SelectField, TextAreaField, TextField, useToast } from "../../../components/ui";
import { useAppMutation, type Attempt } from "../../../lib/useAppMutation";
import { useForm } from "../../../lib/useForm";
import { useCan } from "../../members/hooks/useMe";
import { ProductPicker, productLabel } from "../../products/components/ProductPicker";
import {
  OP_LABELS,
  stockValues,
  validateStock,
  type AdjustArgs,
  type ReceiveArgs,
  type StockArgs,
  type StockOp,
  type StockValues,
  type TransferArgs,
  type WriteOffArgs,
} from "../lib/stockForms";

type Props = {
  warehouses: Doc<"warehouses">[];
  warehouseId?: string;
  product?: { _id: string; label: string };
};

export function StockOperations(props: Props) {
  const isSupervisor = useCan("supervisor");
  const ops: StockOp[] = isSupervisor ? ["receive", "adjust", "transfer", "writeOff"] : ["receive"];
  const [op, setOp] = useState<StockOp>("receive");
  return (
    <section className="card" aria-labelledby="stock-ops-title">
      <h2 id="stock-ops-title">Stock operation</h2>
      <div className="tabs" role="tablist" aria-label="Stock operation">
        {ops.map((o) => (
          <button
            key={o}
            type="button"
            role="tab"
            id={`tab-${o}`}
            aria-selected={op === o}
            aria-controls={`panel-${o}`}
            className="tab"
            onClick={() => setOp(o)}
          >
            {OP_LABELS[o]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${op}`} aria-labelledby={`tab-${op}`}>
        <StockForm key={`${op}-${props.product?._id ?? ""}-${props.warehouseId ?? ""}`} op={op} {...props} />
      </div>
    </section>
  );
}

function StockForm({ op, warehouses, warehouseId, product }: Props & { op: StockOp }) {
  const toast = useToast();
  const receive = useAppMutation(api.inventory.receive);
  const adjust = useAppMutation(api.inventory.adjust);
  const transfer = useAppMutation(api.inventory.transfer);
  const writeOff = useAppMutation(api.inventory.writeOff);
  const m = { receive, adjust, transfer, writeOff }[op];
  const initial = () => stockValues(product?._id ?? "", product?.label ?? "", warehouseId ?? "");
  const f = useForm<StockValues, StockArgs>(initial, (v) => validateStock(op, v), m);

  const set = (key: keyof StockValues, value: string) => {
    f.change(key === "unitCost" ? "unitCostMinor" : key, (v) => ({ ...v, [key]: value }));
    if (key === "delta") m.clearField("quantity");
  };
  const field = (
    key: "warehouseId" | "toWarehouseId" | "quantity" | "delta" | "unitCost" | "reference" | "reason",
    path: string = key,
  ) => ({
    value: f.values[key],
    onChange: (e: { target: { value: string } }) => set(key, e.target.value),
    onBlur: () => f.touch(path),
    error: f.error(path),
  });

  const submit = async (args: StockArgs) => {
    let r: Attempt<unknown>;
    if (op === "receive") r = await receive.attempt(args as ReceiveArgs);
    else if (op === "adjust") r = await adjust.attempt(args as AdjustArgs);
    else if (op === "transfer") r = await transfer.attempt(args as TransferArgs);
    else r = await writeOff.attempt(args as WriteOffArgs);
    if (r.ok) {
      toast.show(`${OP_LABELS[op]}: done for ${f.values.productLabel}.`);
      f.reset({ ...f.values, quantity: "", delta: "", unitCost: "", reference: "", reason: "" });
    }
  };

  const warehouseOptions = warehouses.map((w) => (
    <option key={w._id} value={w._id}>
      {w.code} — {w.name}
    </option>
  ));

  return (
    <form onSubmit={f.handleSubmit((args) => void submit(args))} noValidate className="stock-form">
      <FormError message={m.error} />
      <Field label="Product" required error={f.error("productId")}>
        {(control) => (
          <ProductPicker
            control={control}
            selectedLabel={f.values.productLabel}
            onSelect={(p) =>
              f.change("productId", (v) => ({ ...v, productId: p?._id ?? "", productLabel: p ? productLabel(p) : "" }))
            }
          />
        )}
      </Field>
      <div className="grid-2">
        <SelectField label={op === "transfer" ? "From warehouse" : "Warehouse"} required {...field("warehouseId")}>
          <option value="">Choose…</option>
          {warehouseOptions}
        </SelectField>
        {op === "transfer" && (
          <SelectField label="To warehouse" required {...field("toWarehouseId")}>
            <option value="">Choose…</option>
            {warehouseOptions}
          </SelectField>
        )}
        {op === "adjust" ? (
          <TextField
            label="Change in units"
            required
            inputMode="numeric"
            hint="Negative to remove, e.g. -2."
            {...field("delta")}
            // The ledger names its stock refusals "quantity"; here that is the change in units.
            error={f.error("delta") ?? m.fields.delta}
          />
        ) : (
          <TextField label="Quantity" required inputMode="numeric" {...field("quantity")} />
        )}
        {op === "receive" && (
          <TextField
            label="Unit cost"
            inputMode="decimal"
            hint="Leave empty for the product's standard cost."
            {...field("unitCost", "unitCostMinor")}
          />
        )}
        {(op === "receive" || op === "transfer") && (
          <TextField label="Reference" hint="PO number, transfer note…" {...field("reference")} />
        )}
      </div>
      {(op === "adjust" || op === "writeOff") && (
        <TextAreaField label="Reason" limit="reason" required rows={2} {...field("reason")} />
      )}
      <div className="form-actions">
        <Button type="submit" variant="primary" size="lg" loading={m.pending}>
          {OP_LABELS[op]}
        </Button>
      </div>
    </form>
  );
}
