/** /returns/:rmaId — the RMA: status and actions, lines with their receipt counts, the refund, per-unit dispositions and history. */
import { Link, useParams } from "react-router-dom";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Doc, Id } from "../../../../convex/_generated/dataModel";
import { formatMoney } from "../../../../convex/lib/money";
import { outstanding, REASON_LABELS } from "../../../../convex/lib/returns";
import { formatDateTime } from "../../../lib/format";
import { Badge, EmptyState, Loading, PageHeader, Table } from "../../../components/ui";
import { RmaStatusBadge } from "../components/RmaStatusBadge";
import { RmaActions } from "../components/RmaActions";
import { RefundPanel } from "../components/RefundPanel";
import { ReturnLabel } from "../components/ReturnLabel";

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
      <section aria-labelledby="rma-lines-title">
        <h2 id="rma-lines-title">Lines</h2>
        <RmaLinesTable lines={lines} currency={rma.currency} />
      </section>
      <section aria-labelledby="rma-units-title">
        <h2 id="rma-units-title">Received units</h2>
        {units.length === 0 ? <EmptyState title="Nothing scanned yet" /> : <UnitsTable units={units} />}
      </section>
      <section aria-labelledby="rma-history-title">
        <h2 id="rma-history-title">History</h2>
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
      </section>
    </>
  );
}

export function RmaLinesTable({ lines, currency }: { lines: Doc<"rmaLines">[]; currency: string }) {
  return (
    <Table caption="Return lines" className="table-cards">
      <thead>
        <tr>
          <th scope="col">SKU</th>
          <th scope="col">Product</th>
          <th scope="col">Reason</th>
          <th scope="col" className="num">
            Unit price
          </th>
          <th scope="col" className="num">
            Authorised
          </th>
          <th scope="col" className="num">
            Restocked
          </th>
          <th scope="col" className="num">
            Damaged
          </th>
          <th scope="col" className="num">
            Missing
          </th>
          <th scope="col" className="num">
            Expected
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l._id}>
            <td data-label="SKU" className="mono">
              {l.sku}
            </td>
            <td data-label="Product">{l.name}</td>
            <td data-label="Reason">{REASON_LABELS[l.reason]}</td>
            <td data-label="Unit price" className="num">
              {formatMoney(l.unitPriceMinor, currency)}
            </td>
            <td data-label="Authorised" className="num">
              {l.quantity}
            </td>
            <td data-label="Restocked" className="num">
              {l.restocked}
            </td>
            <td data-label="Damaged" className="num">
              {l.damaged}
            </td>
            <td data-label="Missing" className="num">
              {l.missing}
            </td>
            <td data-label="Expected" className="num">
              {outstanding(l)}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

const DISPOSITION = {
  restock: ["Restocked", "success"],
  damaged: ["Damaged", "warning"],
  missing: ["Missing", "muted"],
} as const;

function UnitsTable({ units }: { units: Doc<"rmaUnits">[] }) {
  return (
    <Table caption="Received units, newest first" className="table-cards">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Result</th>
          <th scope="col">SKU</th>
          <th scope="col" className="num">
            Units
          </th>
          <th scope="col">What happened</th>
          <th scope="col">By</th>
        </tr>
      </thead>
      <tbody>
        {units.map((u) => (
          <tr key={u._id}>
            <td data-label="When">{formatDateTime(u.at)}</td>
            <td data-label="Result">
              {u.result === "refused" ? (
                <Badge tone="danger">Refused</Badge>
              ) : (
                u.disposition && <Badge tone={DISPOSITION[u.disposition][1]}>{DISPOSITION[u.disposition][0]}</Badge>
              )}
            </td>
            <td data-label="SKU" className="mono">
              {u.sku ?? u.code}
            </td>
            <td data-label="Units" className="num">
              {u.quantity}
            </td>
            <td data-label="What happened">{u.message}</td>
            <td data-label="By">{u.memberName}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
