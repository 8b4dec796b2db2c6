/**
 * Supervisor work on the pick lists page: build a batch list from the oldest allocated
 * shipments, or release a wave (by cutoff / carrier pickup), split by bin zone or in batches.
 */
import { waveLabelProblem } from "../../../../convex/lib/floor";
import { z } from "zod";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { Button, FormError, TextField, useToast } from "../../../components/ui";
import { CountField } from "../../../components/ui/CountField";
import { useAppMutation } from "../../../lib/useAppMutation";
import { checkboxProps, fieldProps } from "../../../lib/formFields";
import { parseWhole, useForm } from "../../../lib/useForm";

const SHIPMENTS_PROBLEM = "A whole number from 1 to 50.";
/** Shipments on one list, as typed: 1 to 50. */
const shipmentsPerList = z
  .string()
  .transform((t) => parseWhole(t) ?? 0)
  .refine((n) => n >= 1 && n <= 50, SHIPMENTS_PROBLEM);

export const batchSchema = z.object({ maxShipments: shipmentsPerList, requireBinScan: z.boolean() });

export function BuildBatchForm({ warehouseId }: { warehouseId: Id<"warehouses"> }) {
  const build = useAppMutation(api.floor.buildBatchList);
  const toast = useToast();
  const f = useForm({ maxShipments: "5", requireBinScan: true }, batchSchema, build);
  const onSubmit = async (input: z.output<typeof batchSchema>) => {
    const r = await build.attempt({ warehouseId, ...input });
    if (r.ok) toast.show(`${r.value.number} built.`);
  };
  return (
    <form className="card" {...f.formProps((input) => void onSubmit(input))} aria-labelledby="batch-title">
      <h2 id="batch-title">Build a batch list</h2>
      <FormError message={f.formError} />
      <CountField label="Shipments in the batch" max={50} {...fieldProps(f, "maxShipments")} />
      <BinScanCheckbox {...checkboxProps(f, "requireBinScan")} />
      <Button type="submit" variant="primary" size="lg" loading={build.pending}>
        Build batch list
      </Button>
    </form>
  );
}

function BinScanCheckbox(props: ReturnType<typeof checkboxProps<{ requireBinScan: boolean }, "requireBinScan">>) {
  return (
    <label className="checkbox">
      <input {...props} /> Require a bin scan at each stop
    </label>
  );
}

export const waveSchema = z
  .object({
    label: z.string(),
    cutoff: z.string(),
    split: z.enum(["zone", "batch"]),
    batchSize: z.string(),
    requireBinScan: z.boolean(),
  })
  // Every check in the one transform, so each field's problem shows at once.
  .transform((v, ctx) => {
    const label = v.label.trim();
    const labelProblem = waveLabelProblem(label);
    if (labelProblem) ctx.addIssue({ code: "custom", path: ["label"], message: labelProblem });
    const shipBefore = v.cutoff ? new Date(v.cutoff).getTime() : undefined;
    if (shipBefore !== undefined && !Number.isFinite(shipBefore))
      ctx.addIssue({ code: "custom", path: ["shipBefore"], message: "Enter a date and time." });
    const size = parseWhole(v.batchSize);
    const batchSize = size !== undefined && size >= 1 && size <= 50 ? size : undefined;
    if (v.split === "batch" && batchSize === undefined)
      ctx.addIssue({ code: "custom", path: ["batchSize"], message: SHIPMENTS_PROBLEM });
    return {
      label,
      shipBefore,
      byZone: v.split === "zone",
      batchSize: batchSize ?? 10,
      requireBinScan: v.requireBinScan,
    };
  });

export function ReleaseWaveForm({ warehouseId }: { warehouseId: Id<"warehouses"> }) {
  const release = useAppMutation(api.floor.releaseWaveLists);
  const toast = useToast();
  const f = useForm(
    { label: "", cutoff: "", split: "zone" as "zone" | "batch", batchSize: "10", requireBinScan: true },
    waveSchema,
    release,
  );
  const onSubmit = async (input: z.output<typeof waveSchema>) => {
    const r = await release.attempt({ warehouseId, ...input });
    if (r.ok) {
      toast.show(`Wave ${r.value.number} released: ${r.value.lists.join(", ")}.`);
      f.reset({ ...f.values, label: "" });
    }
  };
  const split = f.values.split;
  const splitOption = (value: "zone" | "batch") => ({
    type: "radio" as const,
    name: "wave-split",
    checked: split === value,
    onChange: () => f.change("byZone", (v) => ({ ...v, split: value })),
  });
  return (
    <form className="card" {...f.formProps((input) => void onSubmit(input))} aria-labelledby="wave-title">
      <h2 id="wave-title">Release a wave</h2>
      <FormError message={f.formError} />
      <TextField label="Wave name" limit="name" placeholder="UPS 16:00 pickup" required {...fieldProps(f, "label")} />
      <TextField
        label="Ship before (optional)"
        type="datetime-local"
        hint="Only orders due by then; empty releases every allocated shipment."
        {...fieldProps(f, "cutoff", "shipBefore")}
      />
      <fieldset className="plain-fieldset">
        <legend>Split into lists</legend>
        <label className="checkbox">
          <input {...splitOption("zone")} /> One list per bin zone
        </label>
        <label className="checkbox">
          <input {...splitOption("batch")} /> Batches of shipments
        </label>
        {split === "batch" && <CountField label="Shipments per list" max={50} {...fieldProps(f, "batchSize")} />}
      </fieldset>
      <BinScanCheckbox {...checkboxProps(f, "requireBinScan")} />
      <Button type="submit" variant="primary" size="lg" loading={release.pending}>
        Release wave
      </Button>
    </form>
  );
}
