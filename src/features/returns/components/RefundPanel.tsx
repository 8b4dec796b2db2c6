/**
 * The refund of an RMA as it stands: merchandise back, restocking fee, shipping, total (computed by
 * the server from the lines, lib/returns.computeRefund), the policy a supervisor may change until
 * the refund is recorded, and recording it. Paying it out is outside this platform.
 */
import { useState, type FormEvent } from "react";
import type { Doc } from "../../../../convex/_generated/dataModel";
import { api } from "../../../../convex/_generated/api";
import { canTransitionRma } from "../../../../convex/lib/returns";
import { formatMoney, parseMajor, type Currency } from "../../../../convex/lib/money";
import { minorToMajorText } from "../../../lib/format";
import { Button, FormError, SelectField, TextField, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useCan } from "../../members/hooks/useMe";

type Breakdown = { merchandiseMinor: number; feeMinor: number; shippingMinor: number; amountMinor: number };
type Method = "original_payment" | "store_credit" | "manual";

const METHODS: Record<Method, string> = {
  original_payment: "Original payment",
  store_credit: "Store credit",
  manual: "Manual (cheque, transfer)",
};

export function RefundPanel({ rma, preview }: { rma: Doc<"rmas">; preview: Breakdown }) {
  const supervisor = useCan("supervisor");
  const shown = rma.refund ?? preview;
  const money = (n: number) => formatMoney(n, rma.currency);
  return (
    <div className="card" aria-labelledby="refund-title">
      <h2 id="refund-title">Refund</h2>
      <dl className="facts">
        <dt>Merchandise back</dt>
        <dd>{money(shown.merchandiseMinor)}</dd>
        <dt>Restocking fee</dt>
        <dd>{shown.feeMinor ? `− ${money(shown.feeMinor)}` : "—"}</dd>
        <dt>Shipping</dt>
        <dd>
          {shown.shippingMinor
            ? money(shown.shippingMinor)
            : rma.refundPolicy.includeShipping
              ? "when a unit comes back"
              : "not refunded"}
        </dd>
        <dt>Total</dt>
        <dd className="strong" data-testid="refund-total">
          {money(shown.amountMinor)}
        </dd>
        <dt>Status</dt>
        <dd>
          {rma.refundStatus === "recorded" && rma.refund
            ? `Recorded by ${rma.refund.byName} · ${METHODS[rma.refund.method]}${rma.refund.reference ? ` · ${rma.refund.reference}` : ""}`
            : rma.refundStatus === "due"
              ? "Due"
              : "Not due yet (nothing received)"}
        </dd>
      </dl>
      {supervisor && rma.refundStatus !== "recorded" && !["closed", "rejected", "cancelled"].includes(rma.status) && (
        <PolicyForm rma={rma} />
      )}
      {supervisor && rma.refundStatus !== "recorded" && canTransitionRma(rma.status, "refunded") && (
        <RecordRefund rma={rma} amount={money(preview.amountMinor)} />
      )}
    </div>
  );
}

function PolicyForm({ rma }: { rma: Doc<"rmas"> }) {
  const p = rma.refundPolicy;
  const [includeShipping, setInclude] = useState(p.includeShipping);
  const [shipping, setShipping] = useState(minorToMajorText(p.shippingMinor));
  const [fee, setFee] = useState(minorToMajorText(p.restockingFeeBps));
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useAppMutation(api.returns.setPolicy);
  const toast = useToast();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const shippingMinor = parseMajor(shipping, rma.currency as Currency);
    const restockingFeeBps = parseMajor(fee, "USD");
    const errs: Record<string, string> = {};
    if (shippingMinor === undefined || shippingMinor < 0) errs.shipping = "Enter an amount like 5.95.";
    if (restockingFeeBps === undefined || restockingFeeBps < 0) errs.fee = "Enter a percentage like 10 or 12.5.";
    setLocal(errs);
    if (Object.keys(errs).length) return;
    if (
      (
        await save.attempt({
          rmaId: rma._id,
          refundPolicy: { includeShipping, shippingMinor: shippingMinor!, restockingFeeBps: restockingFeeBps! },
        })
      ).ok
    )
      toast.show("Refund policy saved.");
  };
  return (
    <details className="refund-policy">
      <summary>Refund policy</summary>
      <form onSubmit={submit} noValidate>
        <FormError message={save.error && Object.keys(save.fields).length === 0 ? save.error : undefined} />
        <label className="checkbox">
          <input type="checkbox" checked={includeShipping} onChange={(e) => setInclude(e.target.checked)} /> Refund
          shipping
        </label>
        <TextField
          label={`Shipping paid (${rma.currency})`}
          inputMode="decimal"
          value={shipping}
          onChange={(e) => setShipping(e.target.value)}
          error={local.shipping ?? save.fields["refundPolicy.shippingMinor"]}
        />
        <TextField
          label="Restocking fee (%)"
          inputMode="decimal"
          value={fee}
          onChange={(e) => setFee(e.target.value)}
          hint="On restocked units only; damaged returns pay no fee."
          error={local.fee ?? save.fields["refundPolicy.restockingFeeBps"]}
        />
        <Button type="submit" loading={save.pending}>
          Save policy
        </Button>
      </form>
    </details>
  );
}

function RecordRefund({ rma, amount }: { rma: Doc<"rmas">; amount: string }) {
  const [method, setMethod] = useState<Method>("original_payment");
  const [reference, setReference] = useState("");
  const refund = useAppMutation(api.returns.refund);
  const toast = useToast();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if ((await refund.attempt({ rmaId: rma._id, method, reference: reference.trim() || undefined })).ok)
      toast.show(`Refund of ${amount} recorded on ${rma.number}.`);
  };
  return (
    <form onSubmit={submit} className="record-refund" noValidate>
      <FormError message={refund.error && !refund.fields.reference ? refund.error : undefined} />
      <SelectField label="Refunded by" value={method} onChange={(e) => setMethod(e.target.value as Method)}>
        {(Object.keys(METHODS) as Method[]).map((m) => (
          <option key={m} value={m}>
            {METHODS[m]}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Reference (optional)"
        value={reference}
        onChange={(e) => setReference(e.target.value)}
        error={refund.fields.reference}
      />
      <Button type="submit" variant="primary" loading={refund.pending}>
        Record refund of {amount}
      </Button>
    </form>
  );
}
