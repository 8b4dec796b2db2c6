/**
 * Supervisor work on the pick lists page: build a batch list from the oldest allocated
 * shipments, or release a wave (by cutoff / carrier pickup), split by bin zone or in batches.
 */
import { useState, type FormEvent } from "react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { Button, FormError, TextField, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";

function wholeNumber(text: string, min: number, max: number): number | undefined {
  const n = Number(text);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

export function BuildBatchForm({ warehouseId }: { warehouseId: Id<"warehouses"> }) {
  const build = useAppMutation(api.floor.buildBatchList);
  const toast = useToast();
  const [max, setMax] = useState("5");
  const [bin, setBin] = useState(true);
  const maxShipments = wholeNumber(max, 1, 50);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (maxShipments === undefined) return;
    const r = await build.attempt({ warehouseId, maxShipments, requireBinScan: bin });
    if (r.ok) toast.show(`${r.value.number} built.`);
  };
  return (
    <form className="card" onSubmit={(e) => void onSubmit(e)} aria-labelledby="batch-title">
      <h2 id="batch-title">Build a batch list</h2>
      <FormError message={build.error} />
      <TextField
        label="Shipments in the batch"
        type="number"
        inputMode="numeric"
        min={1}
        max={50}
        value={max}
        onChange={(e) => setMax(e.target.value)}
        error={maxShipments === undefined ? "A whole number from 1 to 50." : undefined}
      />
      <label className="checkbox">
        <input type="checkbox" checked={bin} onChange={(e) => setBin(e.target.checked)} /> Require a bin scan at each
        stop
      </label>
      <Button type="submit" variant="primary" size="lg" loading={build.pending} disabled={maxShipments === undefined}>
        Build batch list
      </Button>
    </form>
  );
}

export function ReleaseWaveForm({ warehouseId }: { warehouseId: Id<"warehouses"> }) {
  const release = useAppMutation(api.floor.releaseWaveLists);
  const toast = useToast();
  const [label, setLabel] = useState("");
  const [cutoff, setCutoff] = useState("");
  const [split, setSplit] = useState<"zone" | "batch">("zone");
  const [size, setSize] = useState("10");
  const [bin, setBin] = useState(true);
  const batchSize = wholeNumber(size, 1, 50);
  const shipBefore = cutoff ? new Date(cutoff).getTime() : undefined;
  const labelError =
    label.trim().length > 0 && label.trim().length < 2 ? "At least 2 characters." : release.fields.label;
  const valid =
    label.trim().length >= 2 &&
    (split === "zone" || batchSize !== undefined) &&
    (shipBefore === undefined || Number.isFinite(shipBefore));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    const r = await release.attempt({
      warehouseId,
      label: label.trim(),
      shipBefore,
      byZone: split === "zone",
      batchSize: batchSize ?? 10,
      requireBinScan: bin,
    });
    if (r.ok) {
      toast.show(`Wave ${r.value.number} released: ${r.value.lists.join(", ")}.`);
      setLabel("");
    }
  };
  return (
    <form className="card" onSubmit={(e) => void onSubmit(e)} aria-labelledby="wave-title">
      <h2 id="wave-title">Release a wave</h2>
      <FormError message={release.error} />
      <TextField
        label="Wave name"
        limit="name"
        placeholder="UPS 16:00 pickup"
        value={label}
        onChange={(e) => setLabel(e.target.value)}
        error={labelError}
        required
      />
      <TextField
        label="Ship before (optional)"
        type="datetime-local"
        value={cutoff}
        onChange={(e) => setCutoff(e.target.value)}
        hint="Only orders due by then; empty releases every allocated shipment."
      />
      <fieldset className="plain-fieldset">
        <legend>Split into lists</legend>
        <label className="checkbox">
          <input type="radio" name="wave-split" checked={split === "zone"} onChange={() => setSplit("zone")} /> One list
          per bin zone
        </label>
        <label className="checkbox">
          <input type="radio" name="wave-split" checked={split === "batch"} onChange={() => setSplit("batch")} />{" "}
          Batches of shipments
        </label>
        {split === "batch" && (
          <TextField
            label="Shipments per list"
            type="number"
            inputMode="numeric"
            min={1}
            max={50}
            value={size}
            onChange={(e) => setSize(e.target.value)}
            error={batchSize === undefined ? "A whole number from 1 to 50." : undefined}
          />
        )}
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={bin} onChange={(e) => setBin(e.target.checked)} /> Require a bin scan at each
        stop
      </label>
      <Button type="submit" variant="primary" size="lg" loading={release.pending} disabled={!valid}>
        Release wave
      </Button>
    </form>
  );
}
