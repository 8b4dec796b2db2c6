/**
 * /orders/:id/return — issue an RMA against a shipped order: per line how many units (never more
 * than shipped − returned − on open RMAs) and why, the expected disposition and the refund policy.
 * Operator RMAs are approved at once.
 */
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import type { Currency } from "../../../../convex/lib/money";
import {
  EXPECTED_DISPOSITIONS,
  REASON_LABELS,
  RETURN_REASONS,
  type ExpectedDisposition,
  type ReturnReason,
} from "../../../../convex/lib/returns";
import {
  Button,
  EmptyState,
  FormError,
  Loading,
  PageHeader,
  SelectField,
  TextAreaField,
  TextField,
  useToast,
  Options,
} from "../../../components/ui";
import { DataTable } from "../../../components/ui/DataTable";
import { useAppMutation } from "../../../lib/useAppMutation";
import { fieldProps } from "../../../lib/formFields";
import { useForm, type Validation } from "../../../lib/useForm";
import { lineColumns } from "../components/lineColumns";
import { useCan } from "../../members/hooks/useMe";
import {
  emptyRmaForm,
  formPath,
  formPaths,
  shippingRefunded,
  toRmaInput,
  type RmaDraft,
  type RmaFormState,
} from "../lib/rmaForm";

const EXPECTED_LABELS: Record<ExpectedDisposition, string> = {
  restock: "Restock",
  damaged: "Damaged (not sellable)",
  inspect: "Inspect on arrival",
};

export function NewRmaPage() {
  const { id } = useParams();
  const orderId = id as Id<"orders">;
  const canIssue = useCan("supervisor");
  const order = useQuery(api.orders.get, { id: orderId });
  const lines = useQuery(api.returns.returnable, canIssue ? { orderId } : "skip");
  if (!canIssue) return <EmptyState title="Only supervisors issue RMAs" />;
  if (order === undefined || lines === undefined) return <Loading label="Loading the order…" />;
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/orders/${orderId}`}>← {order.order.number}</Link>
      </p>
      <PageHeader title={`New RMA for ${order.order.number}`}>
        <p className="muted">{order.order.customer.name} · issued RMAs are approved at once</p>
      </PageHeader>
      {lines.every((l) => l.shipped === 0) ? (
        <EmptyState title="Nothing has shipped on this order yet">
          <p>Returns are issued against shipped units.</p>
        </EmptyState>
      ) : (
        <RmaForm orderId={orderId} currency={order.order.currency as Currency} lines={lines} />
      )}
    </>
  );
}

function RmaForm({
  orderId,
  currency,
  lines,
}: {
  orderId: Id<"orders">;
  currency: Currency;
  lines: NonNullable<ReturnType<typeof useQuery<typeof api.returns.returnable>>>;
}) {
  // The lines of the last submit: the server names them by position ("lines.1.quantity").
  const [sent, setSent] = useState<{ orderLineId: Id<"orderLines"> }[]>([]);
  const issue = useAppMutation(api.returns.issue);
  const server = {
    error: issue.error,
    fields: formPaths(issue.fields, sent),
    clearField: (path: string) => {
      for (const key of Object.keys(issue.fields)) if (formPath(key, sent) === path) issue.clearField(key);
    },
  };
  const f = useForm(
    emptyRmaForm,
    (state: RmaFormState): Validation<{ draft: RmaDraft; chosen: { orderLineId: Id<"orderLines"> }[] }> => {
      const { draft, errors, chosen } = toRmaInput(state, lines, currency);
      return { errors: formPaths(errors, chosen), input: draft && { draft, chosen } };
    },
    server,
  );
  const state = f.values;
  const navigate = useNavigate();
  const toast = useToast();
  /** Changes one part of the form; `path` is the field whose errors the change answers. */
  const set = (path: string, patch: Partial<RmaFormState>) => f.change(path, (s) => ({ ...s, ...patch }));
  const c = lineColumns<(typeof lines)[number]>(currency);

  const submit = async ({ draft, chosen }: { draft: RmaDraft; chosen: { orderLineId: Id<"orderLines"> }[] }) => {
    setSent(chosen);
    const r = await issue.attempt({ rma: { orderId, ...draft } });
    if (r.ok) {
      toast.show(`${r.value.number} issued.`);
      navigate(`/returns/${r.value.rmaId}`);
    }
  };

  return (
    <form {...f.formProps((input) => void submit(input))} aria-label="New RMA">
      <FormError message={f.formError} />
      <DataTable
        caption="Lines to return"
        columns={[
          c.sku,
          c.product,
          c.unitPrice,
          c.count("shipped", "Shipped", (l) => l.shipped),
          {
            key: "returned",
            header: "Returned",
            align: "num",
            cell: (l) => (
              <>
                {l.returned}
                {l.pending > 0 && <span className="muted"> (+{l.pending} on open RMAs)</span>}
              </>
            ),
          },
          c.count("returnable", "Returnable", (l) => l.returnable),
          {
            key: "return",
            header: "Return",
            cell: (l) => (
              <TextField
                label={<span className="visually-hidden">Units of {l.sku} to return</span>}
                inputMode="numeric"
                disabled={l.returnable === 0}
                value={state.quantities[l.orderLineId] ?? ""}
                placeholder="0"
                onChange={(e) =>
                  set(`quantities.${l.orderLineId}`, {
                    quantities: { ...state.quantities, [l.orderLineId]: e.target.value },
                  })
                }
                {...f.bind(`quantities.${l.orderLineId}`)}
              />
            ),
          },
          {
            key: "reason",
            header: "Reason",
            cell: (l) => (
              <SelectField
                label={<span className="visually-hidden">Reason for {l.sku}</span>}
                disabled={l.returnable === 0}
                value={state.reasons[l.orderLineId] ?? ""}
                onChange={(e) =>
                  set(`reasons.${l.orderLineId}`, {
                    reasons: { ...state.reasons, [l.orderLineId]: e.target.value as ReturnReason },
                  })
                }
                {...f.bind(`reasons.${l.orderLineId}`)}
              >
                <option value="">Choose…</option>
                <Options values={RETURN_REASONS} labels={REASON_LABELS} />
              </SelectField>
            ),
          },
        ]}
        rows={lines}
        rowKey={(l) => l.orderLineId}
        empty={{ title: "No lines to return" }}
      />
      <div className="form-grid">
        <SelectField
          label="Expected disposition"
          value={state.expectedDisposition}
          onChange={(e) => set("expectedDisposition", { expectedDisposition: e.target.value as ExpectedDisposition })}
        >
          <Options values={EXPECTED_DISPOSITIONS} labels={EXPECTED_LABELS} />
        </SelectField>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={shippingRefunded(state)}
            onChange={(e) => set("refundPolicy.includeShipping", { includeShipping: e.target.checked })}
          />{" "}
          Refund shipping
        </label>
        <TextField
          label={`Shipping paid (${currency})`}
          inputMode="decimal"
          {...fieldProps(f, "shipping", "refundPolicy.shippingMinor")}
        />
        <TextField
          label="Restocking fee (%)"
          inputMode="decimal"
          {...fieldProps(f, "feePercent", "refundPolicy.restockingFeeBps")}
          hint="On restocked units only."
        />
      </div>
      <TextAreaField label="Note (optional)" rows={2} {...fieldProps(f, "note")} />
      <p className="muted">A prepaid return label can be bought on the RMA's page once it is issued.</p>
      <div className="form-actions">
        <Link to={`/orders/${orderId}`} className="btn btn-secondary btn-md">
          Back
        </Link>
        <Button type="submit" variant="primary" loading={issue.pending}>
          Issue RMA
        </Button>
      </div>
    </form>
  );
}
