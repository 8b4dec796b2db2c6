/**
 * /floor/pack — picked shipments of the chosen warehouse waiting for a packer, live, with who is
 * packing each. Scanning a tote label or packing slip (or claiming) opens the pack station; a second
 * packer is told who has it.
 */
import { useCallback } from "react";
import { useNavigate } from "react-router-dom";
import { useMutation, useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { Button, EmptyState, Loading, PageHeader } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useMe } from "../../members/hooks/useMe";
import { useFloorWarehouse } from "../hooks/useFloorWarehouse";
import { useRowClaim } from "../hooks/useRowClaim";
import { WarehousePicker } from "../components/WarehousePicker";
import { Scanner } from "../components/Scanner";
import type { ScanFeedback } from "../lib/feedback";
import "../floor.css";
import { countOf } from "../../../lib/format";

export function PackQueuePage() {
  const { warehouses, warehouseId, choose } = useFloorWarehouse();
  if (warehouses === undefined) return <Loading label="Loading warehouses…" />;
  return (
    <div className="floor">
      <PageHeader title="Pack" />
      {warehouses.length === 0 || !warehouseId ? (
        <EmptyState title="No warehouses">An admin can add one under Warehouses.</EmptyState>
      ) : (
        <>
          <WarehousePicker warehouses={warehouses} value={warehouseId} onChange={choose} />
          <ScanToPack warehouseId={warehouseId} />
          <Queue warehouseId={warehouseId} />
        </>
      )}
    </div>
  );
}

/** Scan the tote label or the packing slip: that shipment is claimed and its station opens. */
function ScanToPack({ warehouseId }: { warehouseId: Id<"warehouses"> }) {
  const packByCode = useMutation(api.floor.packByCode);
  const navigate = useNavigate();
  const onScan = useCallback(
    async (code: string): Promise<ScanFeedback> => {
      const r = await packByCode({ warehouseId, code });
      navigate(`/floor/pack/${r.shipmentId}`);
      return { tone: "ok", message: `${r.number} claimed.` };
    },
    [packByCode, warehouseId, navigate],
  );
  return <Scanner onScan={onScan} prompt="Scan a tote label or packing slip to start packing." />;
}

function Queue({ warehouseId }: { warehouseId: Id<"warehouses"> }) {
  const shipments = useQuery(api.floor.packQueue, { warehouseId });
  const me = useMe();
  const navigate = useNavigate();
  const claim = useAppMutation(api.floor.claimForPacking);
  const rows = useRowClaim(
    (shipmentId: Id<"shipments">) => claim.attempt({ shipmentId }),
    (id) => `/floor/pack/${id}`,
  );

  if (shipments === undefined) return <Loading label="Loading the pack queue…" />;
  if (shipments.length === 0)
    return <EmptyState title="Nothing to pack">Picked shipments appear here as pickers finish them.</EmptyState>;

  return (
    <ul className="work-list">
      {shipments.map((s) => {
        const units = s.lines.reduce((n, l) => n + (l.levelId ? l.picked : 0), 0);
        const mine = s.claimedBy !== undefined && s.claimedBy === me?._id;
        return (
          <li key={s._id} className="work-item" data-testid={`pack-${s.number}`}>
            <div className="work-head">
              <span className="work-number">{s.number}</span>
              <span className="muted">
                {countOf(units, "unit")} · {countOf(s.lines.length, "line")}
              </span>
            </div>
            <p className="here">
              {s.claimedByName ? (mine ? "You are packing it" : `${s.claimedByName} is packing it`) : "Free"}
            </p>
            {rows.refusalOf(s._id) && (
              <p className="form-error" role="alert">
                {rows.refusalOf(s._id)}
              </p>
            )}
            <div className="floor-actions">
              {mine ? (
                <Button variant="primary" size="lg" onClick={() => navigate(`/floor/pack/${s._id}`)}>
                  Continue {s.number}
                </Button>
              ) : (
                <Button
                  variant={s.claimedBy ? "secondary" : "primary"}
                  size="lg"
                  loading={rows.claiming === s._id}
                  onClick={() => void rows.claim(s._id)}
                >
                  Pack {s.number}
                </Button>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
