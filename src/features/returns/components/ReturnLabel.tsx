/** The RMA's prepaid return label: buy one (supervisors), watch the purchase, open the PDF. */
import type { Doc } from "../../../../convex/_generated/dataModel";
import { api } from "../../../../convex/_generated/api";
import { formatMoney } from "../../../../convex/lib/money";
import { Button, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useCan } from "../../members/hooks/useMe";
import { isIn, RETURN_LABEL_RMA_STATUSES } from "../../../../convex/lib/statusSets";

export function ReturnLabel({ rma, labelFile }: { rma: Doc<"rmas">; labelFile: string | null }) {
  const supervisor = useCan("supervisor");
  const request = useAppMutation(api.returns.requestLabel);
  const toast = useToast();
  const label = rma.returnLabel;
  const canBuy =
    supervisor &&
    isIn(RETURN_LABEL_RMA_STATUSES, rma.status) &&
    label?.status !== "bought" &&
    label?.status !== "requested";
  const buy = async () => {
    const r = await request.attempt({ rmaId: rma._id });
    if (!r.ok) toast.show(r.message, "error");
  };
  return (
    <span className="return-label" aria-live="polite">
      {label?.status === "bought" && (
        <>
          {label.carrier} {label.service} · <span className="mono">{label.trackingNumber}</span>
          {label.costMinor !== undefined && label.currency && <> · {formatMoney(label.costMinor, label.currency)}</>}
          {(labelFile ?? label.labelUrl) && (
            <>
              {" · "}
              <a href={labelFile ?? label.labelUrl} target="_blank" rel="noreferrer">
                Label PDF
              </a>
            </>
          )}
        </>
      )}
      {label?.status === "requested" && <span className="muted">Buying a label…</span>}
      {label?.status === "failed" && <span className="field-error">Label failed: {label.message}</span>}
      {!label && !canBuy && <span className="muted">None</span>}
      {canBuy && (
        <>
          {" "}
          <Button size="sm" loading={request.pending} onClick={() => void buy()}>
            {label?.status === "failed" ? "Try again" : "Buy return label"}
          </Button>
        </>
      )}
    </span>
  );
}
