/**
 * /store/pickups — the store's click & collect counter, phone first. At the top the handover
 * scanner: the customer shows the code (QR or text on the order page or the message), staff scan
 * it (camera or a wedge scanner) or type it, check the name shown, and hand over — the order ships
 * in the ledger. Below, the store's pickups by state: to pick (tap to pick), ready (a supervisor
 * may send an uncollected one back to stock), collected. Staff bound to a store see only theirs.
 */
import { useState } from "react";
import { Link } from "react-router-dom";
import { useListParams } from "../../../lib/useListParams";
import { useConvex, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { api } from "../../../../convex/_generated/api";
import { usePagedRows } from "../../../lib/paging";
import type { Id } from "../../../../convex/_generated/dataModel";
import {
  Badge,
  Button,
  EmptyState,
  FormError,
  LoadMore,
  Loading,
  PageHeader,
  SelectField,
  useToast,
} from "../../../components/ui";
import { formatDateTime } from "../../../lib/format";
import { errorMessage } from "../../../lib/errors";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useCan } from "../../members/hooks/useMe";
import { Scanner, refocusScanner } from "../../floor/components/Scanner";
import { StoreOptions } from "../components/StoreOptions";
import "../../floor/floor.css";
import "../../tracking/tracking.css";

type Found = Extract<FunctionReturnType<typeof api.pickups.lookupCode>, { ok: true }> & { code: string };
type Tab = "preparing" | "ready" | "collected" | "expired";
const TABS: { key: Tab; label: string }[] = [
  { key: "preparing", label: "To pick" },
  { key: "ready", label: "Ready" },
  { key: "collected", label: "Collected" },
  { key: "expired", label: "Back to stock" },
];
const TAB_KEYS = TABS.map((t) => t.key);

export function StorePickupsPage() {
  const stores = useQuery(api.pickups.stores, {});
  const list = useListParams(["store", "tab"]);
  if (stores === undefined) return <Loading label="Loading stores…" />;
  if (stores.length === 0)
    return (
      <EmptyState title="No store yet">Add a warehouse of kind “store” to take click & collect orders.</EmptyState>
    );
  const storeId = (stores.find((s) => s._id === list.get("store"))?._id ?? stores[0]._id) as Id<"warehouses">;
  const tab = list.pick("tab", TAB_KEYS) ?? "preparing";
  const set = (k: string, v: string) => list.set({ [k]: v });
  return (
    <div className="floor-page">
      <PageHeader title="Pickups">
        {stores.length > 1 && (
          <SelectField label="Store" value={storeId} onChange={(e) => set("store", e.target.value)}>
            <StoreOptions stores={stores} />
          </SelectField>
        )}
      </PageHeader>
      <Handover key={storeId} storeId={storeId} />
      <div className="tabs" role="tablist" aria-label="Pickups by state">
        {TABS.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            className="tab"
            aria-selected={t.key === tab}
            onClick={() => set("tab", t.key)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <PickupList key={`${storeId}:${tab}`} storeId={storeId} status={tab} />
    </div>
  );
}

function Handover({ storeId }: { storeId: Id<"warehouses"> }) {
  const convex = useConvex();
  const toast = useToast();
  const [found, setFound] = useState<Found | null>(null);
  const handover = useAppMutation(api.pickups.handover);
  const onScan = async (code: string) => {
    try {
      const r = await convex.query(api.pickups.lookupCode, { storeId, code });
      if (!r.ok) {
        setFound(null);
        return { tone: "refused" as const, message: r.message };
      }
      setFound({ ...r, code });
      return { tone: "ok" as const, message: `${r.orderNumber}: check the name — ${r.customerName}.` };
    } catch (e) {
      return { tone: "refused" as const, message: errorMessage(e) };
    }
  };
  return (
    <section className="card" aria-label="Hand over">
      <h2>Hand over</h2>
      <Scanner onScan={onScan} prompt="Scan or type the customer's pickup code" />
      {found && (
        <div className="handover" role="region" aria-label={`Pickup ${found.orderNumber}`}>
          <p className="task-name">
            Order {found.orderNumber} for <strong data-testid="handover-name">{found.customerName}</strong>
          </p>
          <ul>
            {found.items.map((i) => (
              <li key={i.sku}>
                {i.quantity} × {i.name} <span className="muted">({i.sku})</span>
              </li>
            ))}
          </ul>
          <FormError message={handover.error} />
          <div className="floor-actions">
            <Button
              size="lg"
              variant="primary"
              loading={handover.pending}
              onClick={async () => {
                const r = await handover.run({ pickupId: found.pickupId, code: found.code, nameChecked: true });
                if (r) {
                  toast.show(`${r.orderNumber} handed over.`, "success");
                  setFound(null);
                }
                refocusScanner();
              }}
            >
              Name checked — hand over
            </Button>
            <Button
              size="lg"
              onClick={() => {
                setFound(null);
                refocusScanner();
              }}
            >
              Not this person
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}

function PickupList({ storeId, status }: { storeId: Id<"warehouses">; status: Tab }) {
  const { rows, pagination } = usePagedRows(api.pickups.list, { storeId, status }, 20);
  const supervisor = useCan("supervisor");
  const expire = useAppMutation(api.pickups.expireNow);
  const toast = useToast();
  if (!rows) return <Loading label="Loading pickups…" />;
  if (rows.length === 0)
    return (
      <EmptyState
        title={
          status === "preparing"
            ? "Nothing to pick"
            : status === "ready"
              ? "Nothing waiting at the counter"
              : "None yet"
        }
      />
    );
  return (
    <>
      <ul className="pickup-list">
        {rows.map((p) => (
          <li key={p._id} className="card pickup-row">
            <div>
              {status === "preparing" ? (
                <Link to={`/store/pickups/${p._id}`}>{p.orderNumber}</Link>
              ) : (
                <strong>{p.orderNumber}</strong>
              )}{" "}
              · {p.customerName}{" "}
              {p.orderStatus === "on_hold" && <Badge tone="warning">Store short — see Exceptions</Badge>}
              {p.orderStatus === "cancelled" && <Badge tone="danger">Cancelled</Badge>}
            </div>
            {p.readyAt !== null && (
              <div className="muted">
                Ready {formatDateTime(p.readyAt)}
                {p.expiresAt !== null && status === "ready" ? ` · back to stock ${formatDateTime(p.expiresAt)}` : ""}
                {p.remindedAt !== null ? " · reminded" : ""}
              </div>
            )}
            {status === "ready" && supervisor && (
              <Button
                size="sm"
                variant="danger"
                loading={expire.pending}
                onClick={async () => {
                  if (!window.confirm(`Send ${p.orderNumber} back to stock and cancel it?`)) return;
                  const r = await expire.attempt({ pickupId: p._id });
                  toast.show(
                    r.ok ? `${p.orderNumber}: back to stock, order cancelled.` : r.message,
                    r.ok ? "success" : "error",
                  );
                }}
              >
                Expire now
              </Button>
            )}
          </li>
        ))}
      </ul>
      <LoadMore {...pagination} />
    </>
  );
}
