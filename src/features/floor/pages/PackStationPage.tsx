/**
 * /floor/pack/:shipmentId — the pack station: claim the shipment, open packages (box type or
 * entered size, weight), scan every unit into the current package, and finish. The server refuses
 * to finish while any unit is outside a package; its sentence is shown as it is.
 */
import { useCallback, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { useMutation, useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Doc, Id } from "../../../../convex/_generated/dataModel";
import { Button, FormError, Loading, PageHeader, TextField } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useMe } from "../../members/hooks/useMe";
import { Scanner } from "../components/Scanner";
import { AddPackageForm } from "../components/AddPackageForm";
import { RecentScans } from "../components/RecentScans";
import { othersHere, useNow, usePresence } from "../hooks/usePresence";
import { toneOf, type ScanFeedback } from "../lib/feedback";
import { newScanId } from "../lib/pick";
import "../floor.css";
import { PackStationLabels } from "../../shipping/components/PackStationLabels";

export function PackStationPage() {
  const { shipmentId } = useParams() as { shipmentId: Id<"shipments"> };
  const data = useQuery(api.floor.packStation, { shipmentId });
  const me = useMe();
  const now = useNow();
  const packing = data?.shipment.status === "picked";
  usePresence(`shipment:${shipmentId}`, packing);
  if (data === undefined) return <Loading label="Loading the shipment…" />;
  const { shipment } = data;
  const mine = shipment.claimedBy !== undefined && shipment.claimedBy === me?._id;
  const others = othersHere(data.presence, me?._id, now);
  return (
    <div className="floor">
      <p className="breadcrumb">
        <Link to="/floor/pack">← Pack queue</Link>
      </p>
      <PageHeader title={<span className="mono">{shipment.number}</span>} />
      {others.length > 0 && <p className="here">Also here: {others.join(", ")}</p>}
      <Lines shipment={shipment} />
      {shipment.status === "packed" || shipment.status === "shipped" ? (
        <>
          <section className="scan-banner scan-ok" data-testid="packed">
            <span className="scan-icon" aria-hidden>
              ✓
            </span>
            <span className="scan-message">
              {shipment.number} is packed in {data.packages.length} package{data.packages.length === 1 ? "" : "s"} and ready to ship.
            </span>
          </section>
          <PackStationLabels shipmentId={shipment._id} />
        </>
      ) : !packing ? (
        <p className="notice notice-warning">This shipment is {shipment.status}; only picked shipments are packed.</p>
      ) : mine ? (
        <Station shipment={shipment} packages={data.packages} boxTypes={data.boxTypes} />
      ) : (
        <ClaimPanel shipment={shipment} />
      )}
      <RecentScans scans={data.recentScans} />
    </div>
  );
}

function Lines({ shipment }: { shipment: Doc<"shipments"> }) {
  const lines = shipment.lines.filter((l) => l.levelId && l.picked > 0);
  return (
    <ul className="work-list" aria-label="Items to pack">
      {lines.map((l) => {
        const packed = l.packed ?? 0;
        return (
          <li key={l.orderLineId} className="work-item">
            <div className="work-head">
              <span className="task-sku">{l.sku}</span>
              <span className="task-count">
                {packed} of {l.picked}
              </span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function Station({ shipment, packages, boxTypes }: { shipment: Doc<"shipments">; packages: Doc<"packages">[]; boxTypes: Doc<"boxTypes">[] }) {
  const scanInto = useMutation(api.floor.scanIntoPackage);
  const finish = useAppMutation(api.floor.finishPacking);
  const release = useAppMutation(api.floor.releasePacking);
  const navigate = useNavigate();
  const [chosen, setChosen] = useState<Id<"packages">>();
  const sorted = [...packages].sort((a, b) => a.index - b.index);
  const current = sorted.find((p) => p._id === chosen) ?? sorted.at(-1);
  const currentId = current?._id;

  const onScan = useCallback(
    async (code: string): Promise<ScanFeedback> => {
      if (!currentId) return { tone: "refused", message: "Add a package first." };
      const r = await scanInto({ packageId: currentId, code, scanId: newScanId() });
      return { tone: toneOf(r.result), message: r.message };
    },
    [scanInto, currentId],
  );
  const left = shipment.lines.reduce((n, l) => n + (l.levelId ? l.picked - (l.packed ?? 0) : 0), 0);
  return (
    <>
      <Scanner onScan={onScan} prompt={current ? `Scan items into package ${current.index}.` : "Add a package, then scan items into it."} />
      {sorted.length > 0 && (
        <section className="packages" aria-label="Packages">
          {sorted.map((p) => (
            <PackageRow key={p._id} pkg={p} current={p._id === currentId} onChoose={() => setChosen(p._id)} />
          ))}
        </section>
      )}
      {sorted.length === 0 ? (
        <AddPackageForm shipmentId={shipment._id} boxTypes={boxTypes} onAdded={setChosen} />
      ) : (
        <details className="card more-packages">
          <summary>Add another package</summary>
          <AddPackageForm key={sorted.length} shipmentId={shipment._id} boxTypes={boxTypes} onAdded={setChosen} />
        </details>
      )}
      <FormError message={finish.error ?? release.error} />
      <div className="floor-actions">
        <Button variant="primary" size="lg" loading={finish.pending} onClick={() => void finish.run({ shipmentId: shipment._id })}>
          Finish packing{left > 0 ? ` (${left} left)` : ""}
        </Button>
        <Button
          size="lg"
          loading={release.pending}
          onClick={async () => {
            const r = await release.attempt({ shipmentId: shipment._id });
            if (r.ok) navigate("/floor/pack");
          }}
        >
          Release
        </Button>
      </div>
    </>
  );
}

function PackageRow({ pkg, current, onChoose }: { pkg: Doc<"packages">; current: boolean; onChoose: () => void }) {
  const weigh = useAppMutation(api.floor.weighPackage);
  const [grams, setGrams] = useState(pkg.weightGrams > 0 ? String(pkg.weightGrams) : "");
  const n = Number(grams);
  const valid = Number.isInteger(n) && n > 0;
  return (
    <div className="work-item">
      <button type="button" className="package" aria-pressed={current} onClick={onChoose}>
        <strong>Package {pkg.index}</strong> {current && "· scanning into this one"}
        <br />
        <span className="muted">
          {pkg.lengthMm}×{pkg.widthMm}×{pkg.heightMm} mm · {pkg.weightGrams > 0 ? `${pkg.weightGrams} g` : "not weighed"}
        </span>
        <br />
        {pkg.items.length === 0 ? <span className="muted">Empty</span> : pkg.items.map((i) => `${i.quantity} × ${i.sku}`).join(", ")}
      </button>
      <form
        className="weigh-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) void weigh.run({ packageId: pkg._id, weightGrams: n });
        }}
      >
        <TextField label={`Weight of package ${pkg.index} (g)`} type="number" inputMode="numeric" min={1} value={grams} onChange={(e) => setGrams(e.target.value)} error={weigh.error} />
        <Button type="submit" size="lg" loading={weigh.pending} disabled={!valid}>
          Save weight
        </Button>
      </form>
    </div>
  );
}

function ClaimPanel({ shipment }: { shipment: Doc<"shipments"> }) {
  const claim = useAppMutation(api.floor.claimForPacking);
  return (
    <section className="card">
      <p className="task-name">{shipment.claimedByName ? `${shipment.claimedByName} is packing ${shipment.number}.` : `${shipment.number} is waiting for a packer.`}</p>
      <FormError message={claim.error} />
      <div className="floor-actions">
        <Button variant="primary" size="lg" loading={claim.pending} onClick={() => void claim.run({ shipmentId: shipment._id })}>
          Pack {shipment.number}
        </Button>
      </div>
    </section>
  );
}
