/**
 * The refund of an RMA as it stands: merchandise back, restocking fee, shipping, total (computed by
 * the server from the lines, lib/returns.computeRefund), the policy a supervisor may change until
 * the refund is recorded, and recording it. Paying it out is outside this platform.
 */
import { z } from "zod";
import type { Doc } from "../../../../convex/_generated/dataModel";
import { api } from "../../../../convex/_generated/api";
import { canTransitionRma, refundPolicyOpen } from "../../../../convex/lib/returns";
import { formatMoney, type Currency } from "../../../../convex/lib/money";
import { parsePolicyAmounts } from "../lib/rmaForm";
import { minorToMajorText } from "../../../lib/format";
import { Button, FormError, SelectField, TextField, useToast, Options } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { checkboxProps, fieldProps } from "../../../lib/formFields";
import { useForm } from "../../../lib/useForm";
import { useCan } from "../../members/hooks/useMe";

type Breakdown = { merchandiseMinor: number; feeMinor: number; shippingMinor: number; amountMinor: number };
type Method = NonNullable<Doc<"rmas">["refund"]>["method"];

const METHODS: Record<Method, string> = {
  original_payment: "Original payment",
  store_credit: "Store credit",
  manual: "Manual (cheque, transfer)",
};
const REFUND_METHODS = Object.keys(METHODS) as [Method, ...Method[]];

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
      {supervisor && refundPolicyOpen(rma) && <PolicyForm rma={rma} />}
      {supervisor && rma.refundStatus !== "recorded" && canTransitionRma(rma.status, "refunded") && (
        <RecordRefund rma={rma} amount={money(preview.amountMinor)} />
      )}
    </div>
  );
}

/** Money as typed: an amount in the RMA's currency, a percentage with up to two decimals (basis points). */
const policySchema = (currency: Currency) =>
  z.object({ includeShipping: z.boolean(), shipping: z.string(), fee: z.string() }).transform((v, ctx) => {
    const { shippingMinor, restockingFeeBps, errors } = parsePolicyAmounts(v.shipping, v.fee, currency);
    for (const [path, message] of Object.entries(errors)) ctx.addIssue({ code: "custom", path: [path], message });
    return { includeShipping: v.includeShipping, shippingMinor, restockingFeeBps };
  });

function PolicyForm({ rma }: { rma: Doc<"rmas"> }) {
  const p = rma.refundPolicy;
  const save = useAppMutation(api.returns.setPolicy);
  const f = useForm(
    () => ({
      includeShipping: p.includeShipping,
      shipping: minorToMajorText(p.shippingMinor),
      fee: minorToMajorText(p.restockingFeeBps),
    }),
    policySchema(rma.currency as Currency),
    save,
  );
  const toast = useToast();
  const submit = async (refundPolicy: Doc<"rmas">["refundPolicy"]) => {
    if ((await save.attempt({ rmaId: rma._id, refundPolicy })).ok) toast.show("Refund policy saved.");
  };
  return (
    <details className="refund-policy">
      <summary>Refund policy</summary>
      <form {...f.formProps((input) => void submit(input))}>
        <FormError message={f.formError} />
        <label className="checkbox">
          <input {...checkboxProps(f, "includeShipping")} /> Refund shipping
        </label>
        <TextField
          label={`Shipping paid (${rma.currency})`}
          inputMode="decimal"
          {...fieldProps(f, "shipping", "refundPolicy.shippingMinor")}
        />
        <TextField
          label="Restocking fee (%)"
          inputMode="decimal"
          hint="On restocked units only; damaged returns pay no fee."
          {...fieldProps(f, "fee", "refundPolicy.restockingFeeBps")}
        />
        <Button type="submit" loading={save.pending}>
          Save policy
        </Button>
      </form>
    </details>
  );
}

const refundSchema = z.object({
  method: z.enum(REFUND_METHODS),
  reference: z
    .string()
    .trim()
    .transform((r) => r || undefined),
});

function RecordRefund({ rma, amount }: { rma: Doc<"rmas">; amount: string }) {
  const refund = useAppMutation(api.returns.refund);
  const f = useForm({ method: "original_payment" as Method, reference: "" }, refundSchema, refund);
  const toast = useToast();
  const submit = async (input: z.output<typeof refundSchema>) => {
    if ((await refund.attempt({ rmaId: rma._id, ...input })).ok)
      toast.show(`Refund of ${amount} recorded on ${rma.number}.`);
  };
  return (
    <form {...f.formProps((input) => void submit(input))} className="record-refund">
      <FormError message={f.formError} />
      <SelectField label="Refunded by" {...fieldProps(f, "method")}>
        <Options values={REFUND_METHODS} labels={METHODS} />
      </SelectField>
      <TextField label="Reference (optional)" {...fieldProps(f, "reference")} />
      <Button type="submit" variant="primary" loading={refund.pending}>
        Record refund of {amount}
      </Button>
    </form>
  );
}
