/**
 * /floor/pack/:shipmentId — the pack station, scan-driven from tote to label: scan a box label to
 * open a package (or choose one), scan every unit into it (packing finishes itself with the last
 * unit), scan LABEL to buy the label at the declared weight and PRINT to print it, then scan the
 * next tote or order (or press "Next shipment"). Lines show product names and images. A
 * package's weight is the box's tare plus its contents' catalog grams until a scale reading
 * replaces it; a reading below the contents is flagged and its label refused unless a supervisor
 * overrides it with a reason.
 */
import { useCallback, useRef, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { useMutation, useQuery } from "convex/react";
import { z } from "zod";
import { api } from "../../../../convex/_generated/api";
import type { Doc, Id } from "../../../../convex/_generated/dataModel";
import { Button, FormError, Loading, TextField } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { fieldProps } from "../../../lib/formFields";
import { useForm } from "../../../lib/useForm";
import { errorMessage } from "../../../lib/errors";
import { useCan, useMe } from "../../members/hooks/useMe";
import { Scanner, type ScannerAction } from "../components/Scanner";
import { ClaimPanel } from "../components/ClaimPanel";
import { FloorActions, RunButton } from "../components/FloorActions";
import { OthersHere } from "../components/OthersHere";
import { WorkHeader } from "../components/WorkHeader";
import { AddPackageForm } from "../components/AddPackageForm";
import { WeighForm } from "../components/WeighForm";
import { RecentScans } from "../components/RecentScans";
import { NextShipment } from "../components/NextShipment";
import { useFloorPresence } from "../hooks/usePresence";
import { presencePlace } from "../../../../convex/lib/presence";
import { toneOf, type ScanFeedback } from "../lib/feedback";
import { newScanId } from "../lib/pick";
import { grams, packCommand } from "../lib/pack";
import { canReadScale, readScale } from "../lib/scale";
import "../floor.css";
import { PackStationLabels } from "../../shipping/components/PackStationLabels";
import { isIn, LABEL_SHIPMENT_STATUSES } from "../../../../convex/lib/statusSets";
import { overrideReasonProblem } from "../../../../convex/lib/floor";
import { countOf } from "../../../lib/format";

type StationData = NonNullable<ReturnType<typeof useStation>>;
type ProductFacts = StationData["products"][number];
const useStation = (shipmentId: Id<"shipments">) => useQuery(api.floor.packStation, { shipmentId });

export function PackStationPage() {
  const { shipmentId } = useParams() as { shipmentId: Id<"shipments"> };
  const data = useStation(shipmentId);
  const me = useMe();
  const packing = data?.shipment.status === "picked";
  useFloorPresence(presencePlace.shipment(shipmentId), packing);
  if (data === undefined) return <Loading label="Loading the shipment…" />;
  const { shipment } = data;
  const products = data.products ?? [];
  const mine = shipment.claimedBy !== undefined && shipment.claimedBy === me?._id;
  const packed = isIn(LABEL_SHIPMENT_STATUSES, shipment.status);
  return (
    <div className="floor">
      <WorkHeader back={{ to: "/floor/pack", label: "Pack queue" }} number={shipment.number} />
      <OthersHere rows={data.presence} me={me?._id} />
      {packed ? (
        <>
          <section className="scan-banner scan-ok" data-testid="packed">
            <span className="scan-icon" aria-hidden>
              ✓
            </span>
            <span className="scan-message">
              {shipment.number} is packed in {countOf(data.packages.length, "package")} and ready to ship.
            </span>
          </section>
          <PackedScanner shipment={shipment} />
          <PackStationLabels shipmentId={shipment._id} />
          <Packages packages={data.packages} weights={data.weights ?? []} shipmentStatus={shipment.status} />
          <NextShipment warehouseId={shipment.warehouseId} current={shipment._id} />
        </>
      ) : !packing ? (
        <p className="notice notice-warning">This shipment is {shipment.status}; only picked shipments are packed.</p>
      ) : mine ? (
        <Station shipment={shipment} packages={data.packages} boxTypes={data.boxTypes} weights={data.weights ?? []} />
      ) : (
        <Claim shipment={shipment} />
      )}
      <Lines shipment={shipment} products={products} />
      <RecentScans scans={data.recentScans} />
    </div>
  );
}

function Lines({ shipment, products }: { shipment: Doc<"shipments">; products: ProductFacts[] }) {
  const lines = shipment.lines.filter((l) => l.levelId && l.picked > 0);
  return (
    <ul className="work-list" aria-label="Items to pack">
      {lines.map((l) => {
        const packed = l.packed ?? 0;
        const p = products.find((x) => x._id === l.productId);
        return (
          <li key={l.orderLineId} className={packed >= l.picked ? "work-item pack-line done" : "work-item pack-line"}>
            {p?.imageUrl ? <img src={p.imageUrl} alt="" loading="lazy" /> : <span className="pack-thumb" aria-hidden />}
            <span className="pack-what">
              <span className="task-sku">{l.sku}</span>
              <br />
              <span className="task-name">{p?.name ?? ""}</span>
              {p && p.barcodes.length > 0 && (
                <>
                  <br />
                  <span className="muted mono">{p.barcodes[0]}</span>
                </>
              )}
            </span>
            <span className="task-count" aria-label={`${packed} of ${l.picked} packed`}>
              {packed} of {l.picked}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function Station({
  shipment,
  packages,
  boxTypes,
  weights,
}: {
  shipment: Doc<"shipments">;
  packages: Doc<"packages">[];
  boxTypes: Doc<"boxTypes">[];
  weights: StationData["weights"];
}) {
  const scanInto = useMutation(api.floor.scanIntoPackage);
  const openPackage = useMutation(api.floor.openPackage);
  const finishPacking = useMutation(api.floor.finishPacking);
  const finish = useAppMutation(api.floor.finishPacking);
  const release = useAppMutation(api.floor.releasePacking);
  const navigate = useNavigate();
  const actions = useRef<ScannerAction | null>(null);
  const [chosen, setChosen] = useState<Id<"packages">>();
  const sorted = [...packages].sort((a, b) => a.index - b.index);
  const current = sorted.find((p) => p._id === chosen) ?? sorted.at(-1);
  const currentId = current?._id;
  const opened = useRef<Id<"packages">>(undefined);

  const onScan = useCallback(
    async (code: string): Promise<ScanFeedback> => {
      const command = packCommand(code, boxTypes);
      if (command.kind === "box") {
        const id = await openPackage({ shipmentId: shipment._id, boxTypeId: command.box._id });
        opened.current = id;
        setChosen(id);
        return {
          tone: "ok",
          message: `Package ${sorted.length + 1} opened: ${command.box.name} (${command.box.code}). Scan items into it.`,
        };
      }
      if (command.kind !== "item")
        return { tone: "refused", message: `Scanned ${code}: finish packing ${shipment.number} first.` };
      const packageId = opened.current ?? currentId;
      if (!packageId) {
        const codes = boxTypes.map((b) => b.code).join(", ");
        return {
          tone: "refused",
          message: `Scanned ${code}: add a package first${codes ? ` — scan a box label (${codes})` : ""}.`,
        };
      }
      const r = await scanInto({ packageId, code, scanId: newScanId() });
      if (r.result === "ok" && r.remaining === 0) {
        await finishPacking({ shipmentId: shipment._id });
        return {
          tone: "ok",
          message: `${r.message} ${shipment.number} is packed: scan LABEL to buy its label.`,
          done: true,
        };
      }
      return { tone: toneOf(r.result), message: r.message };
    },
    [boxTypes, openPackage, shipment._id, shipment.number, sorted.length, currentId, scanInto, finishPacking],
  );
  const left = shipment.lines.reduce((n, l) => n + (l.levelId ? l.picked - (l.packed ?? 0) : 0), 0);
  const boxHint = boxTypes.length ? ` Box labels: ${boxTypes.map((b) => b.code).join(", ")}.` : "";
  return (
    <>
      <Scanner
        onScan={onScan}
        actions={actions}
        prompt={
          current
            ? `Scan items into package ${current.index}.`
            : `Scan a box label or add a package, then scan items into it.${boxHint}`
        }
      />
      <Packages
        packages={sorted}
        weights={weights}
        current={currentId}
        onChoose={(id) => {
          opened.current = undefined;
          setChosen(id);
        }}
        shipmentStatus={shipment.status}
      />
      {sorted.length === 0 ? (
        <AddPackageForm shipmentId={shipment._id} boxTypes={boxTypes} onAdded={setChosen} />
      ) : (
        <details className="card more-packages">
          <summary>Add another package</summary>
          <AddPackageForm key={sorted.length} shipmentId={shipment._id} boxTypes={boxTypes} onAdded={setChosen} />
        </details>
      )}
      <FloorActions error={finish.error ?? release.error}>
        <RunButton variant="primary" mutation={finish} args={{ shipmentId: shipment._id }}>
          Finish packing{left > 0 ? ` (${left} left)` : ""}
        </RunButton>
        <RunButton mutation={release} args={{ shipmentId: shipment._id }} onDone={() => navigate("/floor/pack")}>
          Release
        </RunButton>
      </FloorActions>
    </>
  );
}

/** After packing: LABEL buys, PRINT prints, a tote/order/shipment code opens the next shipment. */
function PackedScanner({ shipment }: { shipment: Doc<"shipments"> }) {
  const shop = useMutation(api.shipping.shopRates);
  const reprint = useMutation(api.shipping.reprintLabel);
  const packByCode = useMutation(api.floor.packByCode);
  const labels = useQuery(api.shipping.forShipment, { shipmentId: shipment._id });
  const navigate = useNavigate();
  const onScan = useCallback(
    async (code: string): Promise<ScanFeedback> => {
      const command = packCommand(code, []);
      if (command.kind === "label") {
        await shop({ shipmentId: shipment._id, autoBuy: true });
        return { tone: "ok", message: `Buying the label for ${shipment.number}… scan PRINT when it shows.` };
      }
      if (command.kind === "print") {
        const label = labels?.labels.find((l) => l.status === "purchased");
        if (!label)
          return { tone: "refused", message: `Scanned PRINT: ${shipment.number} has no label yet — scan LABEL first.` };
        const url = await reprint({ labelId: label._id });
        window.open(url, "_blank", "noopener");
        return {
          tone: "ok",
          message: `Printing ${label.carrier} ${label.trackingNumber ?? ""}. Scan the next tote or order.`,
          done: true,
        };
      }
      const next = await packByCode({ warehouseId: shipment.warehouseId, code });
      navigate(`/floor/pack/${next.shipmentId}`);
      return { tone: "ok", message: `${next.number}: claimed. Scan a box label.` };
    },
    [shop, reprint, packByCode, labels, shipment, navigate],
  );
  return (
    <Scanner
      onScan={onScan}
      camera={false}
      prompt={`Scan LABEL to buy the label, PRINT to print it, or the next tote or order.`}
    />
  );
}

function Packages({
  packages,
  weights,
  current,
  onChoose,
  shipmentStatus,
}: {
  packages: Doc<"packages">[];
  weights: StationData["weights"];
  current?: Id<"packages">;
  onChoose?: (id: Id<"packages">) => void;
  shipmentStatus: Doc<"shipments">["status"];
}) {
  if (packages.length === 0) return null;
  const editable = shipmentStatus === "picked" || shipmentStatus === "packed";
  return (
    <section className="packages" aria-label="Packages">
      {[...packages]
        .sort((a, b) => a.index - b.index)
        .map((p) => (
          <PackageRow
            key={p._id}
            pkg={p}
            contents={weights.find((w) => w.packageId === p._id)?.contentsGrams ?? 0}
            current={p._id === current}
            onChoose={onChoose}
            editable={editable}
          />
        ))}
    </section>
  );
}

function PackageRow({
  pkg,
  contents,
  current,
  onChoose,
  editable,
}: {
  pkg: Doc<"packages">;
  contents: number;
  current: boolean;
  onChoose?: (id: Id<"packages">) => void;
  editable: boolean;
}) {
  const estimate = useAppMutation(api.floor.resetToEstimate);
  const [scaleError, setScaleError] = useState<string>();
  const weighed = pkg.weightSource !== "estimate";
  const under = pkg.weightGrams < contents;
  const overridden = under && pkg.weightOverride?.grams === pkg.weightGrams;
  const what = pkg.items.length === 0 ? "Empty" : pkg.items.map((i) => `${i.quantity} × ${i.sku}`).join(", ");
  return (
    <div className="work-item" data-testid={`package-${pkg.index}`}>
      <button
        type="button"
        className="package"
        aria-pressed={current}
        onClick={() => onChoose?.(pkg._id)}
        disabled={!onChoose}
      >
        <strong>Package {pkg.index}</strong> {current && "· scanning into this one"}
        <br />
        <span className="muted">
          {pkg.lengthMm}×{pkg.widthMm}×{pkg.heightMm} mm
        </span>
        <br />
        {what}
      </button>
      <p className="weight-line" aria-label={`Declared weight of package ${pkg.index}`}>
        <strong>{grams(pkg.weightGrams)}</strong>
        <span className="muted">
          {weighed ? "weighed" : `estimate: box ${grams(pkg.tareGrams ?? 0)} + contents ${grams(contents)}`}
        </span>
      </p>
      {under && !overridden && (
        <p className="weight-warning" role="alert">
          Below the contents' catalog weight ({grams(contents)}): the label will be refused. Weigh again, use the
          estimate, or ask a supervisor.
        </p>
      )}
      {overridden && (
        <p className="muted">
          Overridden by {pkg.weightOverride!.byName}: {pkg.weightOverride!.reason}
        </p>
      )}
      {editable && (
        <>
          <WeighForm
            packageId={pkg._id}
            label={`Scale reading for package ${pkg.index} (g)`}
            size="lg"
            className="weigh-row"
            extra={(weigh) => (
              <>
                {canReadScale() && (
                  <Button
                    size="lg"
                    onClick={async () => {
                      setScaleError(undefined);
                      try {
                        await weigh.run({ packageId: pkg._id, weightGrams: await readScale() });
                      } catch (e) {
                        setScaleError(errorMessage(e));
                      }
                    }}
                  >
                    Read scale
                  </Button>
                )}
                {weighed && (
                  <Button
                    size="lg"
                    loading={estimate.pending}
                    onClick={() => void estimate.run({ packageId: pkg._id })}
                  >
                    Use estimate
                  </Button>
                )}
                <FormError message={scaleError ?? estimate.error} />
              </>
            )}
          />
          {under && !overridden && <WeightOverride pkg={pkg} />}
        </>
      )}
    </div>
  );
}

/** The server's own rule (lib/floor.ts overrideReasonProblem): an override says why in at least 5 characters. */
export const overrideSchema = z.object({
  reason: z
    .string()
    .trim()
    .superRefine((reason, ctx) => {
      const problem = overrideReasonProblem(reason);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
});

/** Supervisors only: accept a declared weight below the contents' weight, with a reason (audited). */
export function WeightOverride({ pkg }: { pkg: Doc<"packages"> }) {
  const can = useCan("supervisor");
  const override = useAppMutation(api.floor.overrideWeight);
  const f = useForm({ reason: "" }, overrideSchema, override);
  if (!can) return null;
  return (
    <details className="card">
      <summary>Supervisor: accept {grams(pkg.weightGrams)}</summary>
      <form {...f.formProps(({ reason }) => void override.run({ packageId: pkg._id, reason }))}>
        <FormError message={f.formError} />
        <TextField label="Why is the lower weight right?" required {...fieldProps(f, "reason")} />
        <Button type="submit" variant="danger" size="lg" loading={override.pending}>
          Override (audited)
        </Button>
      </form>
    </details>
  );
}

function Claim({ shipment }: { shipment: Doc<"shipments"> }) {
  const claim = useAppMutation(api.floor.claimForPacking);
  const work = {
    number: shipment.number,
    holder: shipment.claimedByName,
    doing: "packing",
    action: "Pack",
    free: `${shipment.number} is waiting for a packer.`,
  };
  return <ClaimPanel work={work} claim={claim} args={{ shipmentId: shipment._id }} />;
}
