/**
 * /track — the customer's order portal (no sign-in). Order number + the email or postal code of
 * the order open a short-lived signed session (POST /portal/session, rate limited, revealing
 * nothing without both). Then: a timeline per shipment with carrier links and what is in each
 * parcel, backordered items with their new estimate (wait, or cancel them — refunded), returns
 * within the window (an RMA request; a label when the policy pays), and for a pickup the store,
 * its hours and — once ready — the pickup code as a QR code to show at the counter.
 */
import { useState } from "react";
import { z } from "zod";
import { Button, FormError, Options, SelectField, TextAreaField, TextField } from "../../../components/ui";
import { REASON_LABELS, RETURN_REASONS } from "../../../../convex/lib/returns";
import { formatDate, formatDateTime } from "../../../lib/format";
import { portalPost, type PortalOrder } from "../lib/portalApi";
import { usePortalCall } from "../lib/usePortalCall";
import { fieldProps } from "../../../lib/formFields";
import { useForm } from "../../../lib/useForm";
import { PickupCode } from "../components/PickupCode";
import "../../exceptions/exceptions.css";
import "../tracking.css";

type Session = { token: string; order: PortalOrder };

export const lookupSchema = z
  .object({
    number: z.string().trim().min(1, "Enter the order number."),
    secret: z.string().trim().min(1, "Enter the email or postal code of the order."),
  })
  .transform(({ number, secret }) =>
    secret.includes("@") ? { orderNumber: number, email: secret } : { orderNumber: number, postalCode: secret },
  );

export function TrackPage() {
  const call = usePortalCall();
  const f = useForm({ number: "", secret: "" }, lookupSchema, call);
  const [session, setSession] = useState<Session>();
  const submit = async (proof: z.output<typeof lookupSchema>) => {
    const r = await call.post<{ token: string; order: PortalOrder }>("/portal/session", proof);
    if (r.ok) setSession({ token: r.data.token, order: r.data.order });
    else setSession(undefined);
  };
  /** Reads the order again after an action; an ended session goes back to the lookup. */
  const refresh = async () => {
    if (!session) return;
    const r = await portalPost<{ order: PortalOrder }>("/portal/view", { token: session.token });
    if (r.ok) setSession({ ...session, order: r.data.order });
    else if (r.expired) {
      setSession(undefined);
      call.setError(r.message);
    }
  };
  return (
    <main id="main" className="track-page">
      <h1>Your order</h1>
      {!session && (
        <form className="card" {...f.formProps((proof) => void submit(proof))} aria-label="Find your order">
          <FormError message={f.formError} />
          <TextField label="Order number" required placeholder="SO-100042" {...fieldProps(f, "number")} />
          <TextField
            label="Email or postal code of the order"
            required
            autoComplete="email"
            {...fieldProps(f, "secret")}
          />
          <Button type="submit" variant="primary" loading={call.pending}>
            Find my order
          </Button>
        </form>
      )}
      {session && <OrderView session={session} onChanged={refresh} onLeave={() => setSession(undefined)} />}
    </main>
  );
}

function OrderView({
  session,
  onChanged: reload,
  onLeave,
}: {
  session: Session;
  onChanged: () => Promise<void>;
  onLeave: () => void;
}) {
  const { order, token } = session;
  // What the last action did, kept here: the block that did it may be gone after the reload.
  const [flash, setFlash] = useState<string>();
  const onChanged = async (message: string) => {
    setFlash(message);
    await reload();
  };
  return (
    <section aria-label={`Order ${order.orderNumber}`}>
      <h2>
        Order {order.orderNumber}: {order.status}
      </h2>
      <p className="muted">
        Placed {formatDate(order.placedAt)} ·{" "}
        <button type="button" className="link-button" onClick={onLeave}>
          Look up another order
        </button>
      </p>
      {flash && (
        <p className="notice" role="status">
          {flash}
        </p>
      )}
      {order.pickup && <PickupBlock pickup={order.pickup} />}
      {order.shipments.length === 0 && !order.pickup && <p>We are preparing your order.</p>}
      {order.shipments.map((s) => (
        <div key={s.number} className="card" aria-label={`Shipment ${s.number}`}>
          <h3>{order.shipments.length > 1 ? `Parcel ${s.number}` : `Shipment ${s.number}`}</h3>
          <ul className="portal-items" aria-label="In this parcel">
            {s.items.map((i) => (
              <li key={i.sku}>
                {i.quantity} × {i.name}
              </li>
            ))}
          </ul>
          <ol className="timeline" aria-label="Timeline">
            {s.milestones.map((m) => (
              <li key={m.key} className={m.done ? "done" : "pending"} aria-current={m.done ? undefined : "step"}>
                <span className="sr-only">{m.done ? "Done: " : "Not yet: "}</span>
                {m.label}
                {m.at !== null && m.done && <span className="muted"> · {formatDateTime(m.at)}</span>}
                {m.detail && <div className="muted">{m.detail}</div>}
              </li>
            ))}
          </ol>
          {s.tracking.map((p) => (
            <p key={p.trackingNumber}>
              {p.carrier} {p.service}:{" "}
              {p.url ? (
                <a href={p.url} target="_blank" rel="noreferrer" className="track-package">
                  {p.trackingNumber}
                </a>
              ) : (
                <span className="track-package">{p.trackingNumber}</span>
              )}
            </p>
          ))}
        </div>
      ))}
      {order.backordered.length > 0 && <Backordered order={order} token={token} onChanged={onChanged} />}
      {order.refunds.map((r, i) => (
        <p key={i} className="notice">
          Refund of {r.amount} {r.status === "due" ? "on its way" : "issued"} ({r.reason}).
        </p>
      ))}
      {order.rmas.length > 0 && (
        <div className="card">
          <h3>Your returns</h3>
          <ul>
            {order.rmas.map((r) => (
              <li key={r.number}>
                {r.number}: {r.status}
                {r.labelUrl && (
                  <>
                    {" · "}
                    <a href={r.labelUrl} target="_blank" rel="noreferrer">
                      Print the return label
                    </a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {order.returns.open && order.returns.lines.some((l) => l.returnable > 0) && (
        <ReturnForm order={order} token={token} onChanged={onChanged} />
      )}
      {!order.returns.open && order.returns.windowClosesAt !== null && (
        <p className="muted">The return window closed on {formatDate(order.returns.windowClosesAt)}.</p>
      )}
    </section>
  );
}

function PickupBlock({ pickup }: { pickup: NonNullable<PortalOrder["pickup"]> }) {
  return (
    <div className="card pickup-block" aria-label="Pickup">
      <h3>Pickup at {pickup.storeName}</h3>
      <p>
        {pickup.storeAddress}
        <br />
        {pickup.storeHours}
      </p>
      {pickup.code ? (
        <>
          <PickupCode code={pickup.code} />
          {pickup.collectBy !== null && (
            <p>Please collect by {formatDate(pickup.collectBy)}. Show this code and say your name at the counter.</p>
          )}
        </>
      ) : (
        <p className="muted">
          {pickup.status === "preparing"
            ? "We will send you a pickup code when your order is ready."
            : pickup.status === "collected"
              ? "Collected. Thank you!"
              : `This pickup is ${pickup.status}.`}
        </p>
      )}
    </div>
  );
}

type Changed = (message: string) => Promise<void>;

function Backordered({ order, token, onChanged }: { order: PortalOrder; token: string; onChanged: Changed }) {
  const [qty, setQty] = useState<Record<string, number>>({});
  const [state, setState] = useState<{ busy?: boolean; error?: string }>({});
  const act = async (path: string, body: object, done: string) => {
    setState({ busy: true });
    const r = await portalPost<{ refundedMinor?: number }>(path, { token, ...body });
    setState(r.ok ? {} : { error: r.message });
    if (r.ok) await onChanged(done);
  };
  return (
    <div className="card" aria-label="Waiting for stock">
      <h3>Waiting for stock</h3>
      <FormError message={state.error} />
      {order.backordered.map((b) => (
        <div key={b.lineId} className="backordered-line">
          <p>
            {b.quantity} × {b.name}: now expected by <strong>{formatDate(b.estimate)}</strong>
          </p>
          <SelectField
            label={`Cancel how many of ${b.name}?`}
            value={String(qty[b.lineId] ?? 0)}
            onChange={(e) => setQty({ ...qty, [b.lineId]: Number(e.target.value) })}
          >
            {Array.from({ length: b.quantity + 1 }, (_, n) => (
              <option key={n} value={n}>
                {n === 0 ? "Keep waiting" : `Cancel ${n}`}
              </option>
            ))}
          </SelectField>
        </div>
      ))}
      <div className="form-actions">
        <Button
          loading={state.busy}
          onClick={() => void act("/portal/wait", {}, "Thank you — we will send them as soon as they arrive.")}
        >
          I'll wait
        </Button>
        <Button
          variant="danger"
          loading={state.busy}
          onClick={() => {
            const lines = Object.entries(qty)
              .filter(([, n]) => n > 0)
              .map(([lineId, quantity]) => ({ lineId, quantity }));
            if (lines.length === 0) return setState({ error: "Choose how many to cancel." });
            void act("/portal/cancel", { lines }, "Cancelled. Any amount you paid for them will be refunded.");
          }}
        >
          Cancel the chosen items
        </Button>
      </div>
    </div>
  );
}

const returnSchema = z
  .object({ qty: z.record(z.string(), z.number()), reason: z.string(), note: z.string() })
  .transform((v, ctx) => {
    const lines = Object.entries(v.qty)
      .filter(([, n]) => n > 0)
      .map(([lineId, quantity]) => ({ lineId, quantity, reason: v.reason }));
    if (lines.length === 0) ctx.addIssue({ code: "custom", path: [], message: "Choose at least one item to return." });
    return { lines, note: v.note.trim() || undefined };
  });

function ReturnForm({ order, token, onChanged }: { order: PortalOrder; token: string; onChanged: Changed }) {
  const lines = order.returns.lines.filter((l) => l.returnable > 0);
  const call = usePortalCall();
  const f = useForm({ qty: {} as Record<string, number>, reason: "size_or_fit", note: "" }, returnSchema, call);
  const submit = async (input: z.output<typeof returnSchema>) => {
    const r = await call.post<{ rmaNumber: string; approved: boolean; labelRequested: boolean }>("/portal/return", {
      token,
      ...input,
    });
    if (!r.ok) return;
    f.reset({ ...f.values, qty: {} });
    await onChanged(
      r.data.approved
        ? `Return ${r.data.rmaNumber} approved.${r.data.labelRequested ? " Your prepaid label will appear here shortly." : ""}`
        : `Return ${r.data.rmaNumber} requested. We will email you once it is approved.`,
    );
  };
  return (
    <form className="card" {...f.formProps((input) => void submit(input))} aria-label="Start a return">
      <h3>Start a return</h3>
      {order.returns.windowClosesAt !== null && (
        <p className="muted">Returns are open until {formatDate(order.returns.windowClosesAt)}.</p>
      )}
      <FormError message={f.formError} />
      {lines.map((l) => (
        <SelectField
          key={l.lineId}
          label={`${l.name} (${l.sku})`}
          value={String(f.values.qty[l.lineId] ?? 0)}
          onChange={(e) => f.change("form", (v) => ({ ...v, qty: { ...v.qty, [l.lineId]: Number(e.target.value) } }))}
        >
          {Array.from({ length: l.returnable + 1 }, (_, n) => (
            <option key={n} value={n}>
              {n === 0 ? "Keep" : `Return ${n}`}
            </option>
          ))}
        </SelectField>
      ))}
      <SelectField label="Reason" {...fieldProps(f, "reason")}>
        <Options values={RETURN_REASONS} labels={REASON_LABELS} />
      </SelectField>
      <TextAreaField label="Anything we should know? (optional)" rows={2} {...fieldProps(f, "note")} />
      <Button type="submit" variant="primary" loading={call.pending}>
        Request return
      </Button>
    </form>
  );
}
