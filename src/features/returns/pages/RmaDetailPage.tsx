/** /returns/:rmaId — the RMA: status and actions, lines with their receipt counts, the refund, per-unit dispositions and history. */
import { Link, useParams } from "react-router-dom";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Doc, Id } from "../../../../convex/_generated/dataModel";
import { outstanding, REASON_LABELS } from "../../../../convex/lib/returns";
import { formatDateTime } from "../../../lib/format";
import { Badge, Loading, PageHeader } from "../../../components/ui";
import { DataTable, type Column } from "../../../components/ui/DataTable";
import { lineColumns } from "../components/lineColumns";
import { RmaStatusBadge } from "../components/RmaStatusBadge";
import { RmaActions } from "../components/RmaActions";
import { RefundPanel } from "../components/RefundPanel";
import { ReturnLabel } from "../components/ReturnLabel";
import { Section } from "../../../components/ui/Section";

const EXPECTED = { restock: "Restock", damaged: "Damaged (not sellable)", inspect: "Inspect on arrival" } as const;

export function RmaDetailPage() {
  const { rmaId } = useParams();
  const data = useQuery(api.returns.get, { rmaId: rmaId as Id<"rmas"> });
  if (data === undefined) return <Loading label="Loading return…" />;
  const { rma, lines, units, history, refund, returnWarehouseCode, labelFile } = data;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/returns">← Returns</Link>
      </p>
      <PageHeader
        title={
          <>
            <span className="mono">{rma.number}</span> <RmaStatusBadge status={rma.status} />
          </>
        }
        actions={<RmaActions rma={rma} />}
      >
        <p className="muted">
          Order <Link to={`/orders/${rma.orderId}`}>{rma.orderNumber}</Link> ·{" "}
          {rma.origin === "customer" ? "customer request" : "issued by an operator"} · opened{" "}
          {formatDateTime(rma.createdAt)} by {rma.createdByName}
        </p>
      </PageHeader>
      {rma.statusReason && (
        <div className="notice" role="note">
          {rma.statusReason}
        </div>
      )}
      <section className="detail-grid" aria-label="Return summary">
        <div className="card">
          <h2>Details</h2>
          <dl className="facts">
            <dt>Expected</dt>
            <dd>{EXPECTED[rma.expectedDisposition]}</dd>
            <dt>Restock to</dt>
            <dd>{returnWarehouseCode ?? "chosen on receipt"}</dd>
            <dt>Units</dt>
            <dd>
              {rma.unitsSettled} of {rma.unitsAuthorised} accounted for
            </dd>
            {rma.trackingNumber && (
              <>
                <dt>Tracking</dt>
                <dd className="mono">{rma.trackingNumber}</dd>
              </>
            )}
            <dt>Return label</dt>
            <dd>
              <ReturnLabel rma={rma} labelFile={labelFile} />
            </dd>
          </dl>
          {rma.note && <p className="notes">{rma.note}</p>}
        </div>
        <RefundPanel rma={rma} preview={refund} />
      </section>
      <Section id="rma-lines-title" title="Lines">
        <RmaLinesTable lines={lines} currency={rma.currency} />
      </Section>
      <Section id="rma-units-title" title="Received units">
        <DataTable
          caption="Received units, newest first"
          columns={unitColumns}
          rows={units}
          rowKey={(u) => u._id}
          empty={{ title: "Nothing scanned yet" }}
        />
      </Section>
      <Section id="rma-history-title" title="History">
        <ol className="timeline">
          {history.map((h) => (
            <li key={h._id} className="timeline-item">
              <div className="timeline-head">
                <strong>{h.summary}</strong>
                <time dateTime={new Date(h.at).toISOString()} className="muted">
                  {formatDateTime(h.at)}
                </time>
              </div>
              <p className="muted">{h.actorName}</p>
            </li>
          ))}
        </ol>
      </Section>
    </>
  );
}

export function RmaLinesTable({ lines, currency }: { lines: Doc<"rmaLines">[]; currency: string }) {
  const c = lineColumns<Doc<"rmaLines">>(currency);
  return (
    <DataTable
      caption="Return lines"
      columns={[
        c.sku,
        c.product,
        { key: "reason", header: "Reason", cell: (l) => REASON_LABELS[l.reason] },
        c.unitPrice,
        c.count("authorised", "Authorised", (l) => l.quantity),
        c.count("restocked", "Restocked", (l) => l.restocked),
        c.count("damaged", "Damaged", (l) => l.damaged),
        c.count("missing", "Missing", (l) => l.missing),
        c.count("expected", "Expected", outstanding),
      ]}
      rows={lines}
      rowKey={(l) => l._id}
      empty={{ title: "No lines" }}
    />
  );
}

const DISPOSITION = {
  restock: ["Restocked", "success"],
  damaged: ["Damaged", "warning"],
  missing: ["Missing", "muted"],
} as const;

const unitColumns: Column<Doc<"rmaUnits">>[] = [
  { key: "when", header: "When", cell: (u) => formatDateTime(u.at) },
  {
    key: "result",
    header: "Result",
    cell: (u) =>
      u.result === "refused" ? (
        <Badge tone="danger">Refused</Badge>
      ) : (
        u.disposition && <Badge tone={DISPOSITION[u.disposition][1]}>{DISPOSITION[u.disposition][0]}</Badge>
      ),
  },
  { key: "sku", header: "SKU", priority: "primary", className: () => "mono", cell: (u) => u.sku ?? u.code },
  { key: "units", header: "Units", align: "num", cell: (u) => u.quantity },
  { key: "what", header: "What happened", cell: (u) => u.message },
  { key: "by", header: "By", cell: (u) => u.memberName },
];
