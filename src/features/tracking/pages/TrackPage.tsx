/**
 * /track — the customer's tracking page (no sign-in). Order number + the email or postal code of
 * the order show each shipment's status and tracking, and let the customer ask for a return. It
 * talks to the deployment's HTTP actions (POST /track, /track/return), which reveal nothing
 * without both and limit how often anyone may try.
 */
import { useState, type FormEvent } from "react";
import { Button, FormError, SelectField, TextAreaField, TextField } from "../../../components/ui";
import { formatDate, formatDateTime } from "../../../lib/format";
import { SITE_URL } from "../lib/siteUrl";
import "../../exceptions/exceptions.css";

export type TrackedOrder = {
  orderNumber: string;
  status: string;
  placedAt: number;
  shipments: { number: string; status: string; shippedAt: number | null; items: { sku: string; quantity: number }[]; packages: { carrier: string; service: string; trackingNumber: string }[] }[];
  lines: { lineId: string; name: string; sku: string; quantity: number; shipped: number; returnable: number }[];
};

const REASONS: [string, string][] = [
  ["size_or_fit", "Size or fit"],
  ["defective", "Defective"],
  ["damaged_in_transit", "Damaged in transit"],
  ["wrong_item", "Wrong item"],
  ["not_as_described", "Not as described"],
  ["no_longer_needed", "No longer needed"],
  ["other", "Other"],
];

type Proof = { orderNumber: string; email?: string; postalCode?: string };

async function post<T>(path: string, body: unknown): Promise<{ ok: true; data: T } | { ok: false; message: string }> {
  if (!SITE_URL) return { ok: false, message: "Tracking is not configured for this site." };
  try {
    const res = await fetch(`${SITE_URL}${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const data = (await res.json()) as T & { ok: boolean; message?: string };
    return data.ok ? { ok: true, data } : { ok: false, message: data.message ?? "Something went wrong. Please try again." };
  } catch {
    return { ok: false, message: "We could not reach the tracking service. Please try again." };
  }
}

export function TrackPage() {
  const [number, setNumber] = useState("");
  const [secret, setSecret] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ proof: Proof; order: TrackedOrder }>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!number.trim() || !secret.trim()) return setError("Enter the order number and the email or postal code of the order.");
    const proof: Proof = secret.includes("@") ? { orderNumber: number.trim(), email: secret.trim() } : { orderNumber: number.trim(), postalCode: secret.trim() };
    setBusy(true);
    const r = await post<{ order: TrackedOrder }>("/track", proof);
    setBusy(false);
    if (r.ok) {
      setError(undefined);
      setResult({ proof, order: r.data.order });
    } else {
      setResult(undefined);
      setError(r.message);
    }
  };
  return (
    <main id="main" className="track-page">
      <h1>Track your order</h1>
      <form className="card" onSubmit={submit} noValidate aria-label="Find your order">
        <FormError message={error} />
        <TextField label="Order number" required value={number} placeholder="SO-100042" onChange={(e) => setNumber(e.target.value)} />
        <TextField label="Email or postal code of the order" required value={secret} autoComplete="email" onChange={(e) => setSecret(e.target.value)} />
        <Button type="submit" variant="primary" loading={busy}>
          Find my order
        </Button>
      </form>
      {result && <OrderView order={result.order} proof={result.proof} />}
    </main>
  );
}

function OrderView({ order, proof }: { order: TrackedOrder; proof: Proof }) {
  return (
    <section aria-label={`Order ${order.orderNumber}`}>
      <h2>
        Order {order.orderNumber}: {order.status}
      </h2>
      <p className="muted">Placed {formatDate(order.placedAt)}</p>
      {order.shipments.length === 0 && <p>We are preparing your order.</p>}
      {order.shipments.map((s) => (
        <div key={s.number} className="card">
          <h3>
            Shipment {s.number}: {s.status}
          </h3>
          {s.shippedAt && <p className="muted">Shipped {formatDateTime(s.shippedAt)}</p>}
          {s.packages.length > 0 ? (
            <ul>
              {s.packages.map((p) => (
                <li key={p.trackingNumber}>
                  {p.carrier} {p.service}: <span className="track-package">{p.trackingNumber}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Tracking numbers appear here once the parcel is labelled.</p>
          )}
        </div>
      ))}
      {order.lines.some((l) => l.returnable > 0) && <ReturnForm order={order} proof={proof} />}
    </section>
  );
}

function ReturnForm({ order, proof }: { order: TrackedOrder; proof: Proof }) {
  const lines = order.lines.filter((l) => l.returnable > 0);
  const [qty, setQty] = useState<Record<string, number>>({});
  const [reason, setReason] = useState("size_or_fit");
  const [note, setNote] = useState("");
  const [state, setState] = useState<{ busy?: boolean; error?: string; rma?: string }>({});
  if (state.rma) return <p className="notice" role="status">Return {state.rma} requested. We will email you once it is approved.</p>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const chosen = Object.entries(qty).filter(([, n]) => n > 0).map(([lineId, quantity]) => ({ lineId, quantity, reason }));
    if (chosen.length === 0) return setState({ error: "Choose at least one item to return." });
    setState({ busy: true });
    const r = await post<{ rmaNumber: string }>("/track/return", { ...proof, lines: chosen, note: note.trim() || undefined });
    setState(r.ok ? { rma: r.data.rmaNumber } : { error: r.message });
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-label="Start a return">
      <h3>Start a return</h3>
      <FormError message={state.error} />
      {lines.map((l) => (
        <SelectField key={l.lineId} label={`${l.name} (${l.sku})`} value={String(qty[l.lineId] ?? 0)} onChange={(e) => setQty({ ...qty, [l.lineId]: Number(e.target.value) })}>
          {Array.from({ length: l.returnable + 1 }, (_, n) => (
            <option key={n} value={n}>
              {n === 0 ? "Keep" : `Return ${n}`}
            </option>
          ))}
        </SelectField>
      ))}
      <SelectField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)}>
        {REASONS.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      <TextAreaField label="Anything we should know? (optional)" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      <Button type="submit" variant="primary" loading={state.busy}>
        Request return
      </Button>
    </form>
  );
}
