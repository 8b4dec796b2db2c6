/**
 * One batch, live: counts and a progress bar, each shipment's state (queued, getting rates,
 * buying, retrying with the reason, bought with tracking and cost, failed with the reason in
 * words). Buy, retry the failed ones (fix them first: a failed row offers its packages' weights
 * and a link to the order for the address), void the labels, and print the merged PDF.
 */
import { usePagedRows } from "../../../lib/paging";
import "../batches.css";
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { useAction, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import { formatMoney } from "../../../../convex/lib/money";
import { Badge, Button, Dialog, ErrorState, FormError, Loading, PageHeader, useToast } from "../../../components/ui";
import { DataTable, type Column } from "../../../components/ui/DataTable";
import { useAppMutation } from "../../../lib/useAppMutation";
import { errorMessage } from "../../../lib/errors";
import { BATCH_STATUS, ITEM_STATUS } from "../components/statusTone";
import { printPdf } from "../lib/print";
import { WeighForm } from "../../floor/components/WeighForm";

type Item = FunctionReturnType<typeof api.batches.items>["page"][number];

/** A failed shipment's packages with their declared weights, each weighable again. */
function FixWeight({ item }: { item: Item }) {
  const view = useQuery(api.shipping.forShipment, { shipmentId: item.shipmentId });
  const toast = useToast();
  if (view === undefined) return <Loading label="Loading packages…" />;
  return (
    <div className="batch-fix">
      {view.packages.map((p) => (
        <WeighForm
          key={p._id}
          packageId={p._id}
          className="batch-fix-row"
          size="sm"
          label={`Package ${p.index} weight, g (now ${p.weightGrams})`}
          onWeighed={() => toast.show(`Package ${p.index} of ${item.shipmentNumber} weighed again`)}
        />
      ))}
      <Link to={`/orders/${item.orderId}`}>Fix the address on order {item.orderNumber}</Link>
    </div>
  );
}

/** Why a shipment is not bought, and for a failed one "Fix" (its packages' weights). */
function ItemReason({ item }: { item: Item }) {
  const [fixing, setFixing] = useState(false);
  return (
    <>
      {item.reason ?? ""}
      {item.status === "failed" && (
        <>
          {" "}
          <Button size="sm" variant="ghost" aria-expanded={fixing} onClick={() => setFixing(!fixing)}>
            {fixing ? "Close" : "Fix"}
          </Button>
          {fixing && <FixWeight item={item} />}
        </>
      )}
    </>
  );
}

const itemColumns: Column<Item>[] = [
  {
    key: "shipment",
    header: "Shipment",
    priority: "primary",
    cell: (item) => <Link to={`/orders/${item.orderId}`}>{item.shipmentNumber}</Link>,
  },
  {
    key: "status",
    header: "Status",
    cell: (item) => <Badge tone={ITEM_STATUS[item.status].tone}>{ITEM_STATUS[item.status].label}</Badge>,
  },
  { key: "service", header: "Service", cell: (item) => (item.carrier ? `${item.carrier} ${item.service}` : "—") },
  { key: "tracking", header: "Tracking", cell: (item) => item.trackingNumber ?? "—" },
  {
    key: "postage",
    header: "Postage",
    cell: (item) => (item.costMinor !== undefined && item.currency ? formatMoney(item.costMinor, item.currency) : "—"),
  },
  { key: "why", header: "Why", className: () => "batch-reason", cell: (item) => <ItemReason item={item} /> },
];

export function BatchDetailPage() {
  const { batchId } = useParams<{ batchId: string }>();
  const id = batchId as Id<"batches">;
  const batch = useQuery(api.batches.get, { batchId: id });
  const items = usePagedRows(api.batches.items, { batchId: id }, 100);
  const buy = useAppMutation(api.batches.buy);
  const retry = useAppMutation(api.batches.retry);
  const voidLabels = useAppMutation(api.batches.voidBatchLabels);
  const printBatch = useAction(api.documents.batchPdf);
  const [printing, setPrinting] = useState(false);
  const [printError, setPrintError] = useState<string>();
  const [confirmVoid, setConfirmVoid] = useState(false);
  const toast = useToast();

  if (batch === undefined) return <Loading label="Loading batch…" />;
  if (batch === null)
    return (
      <ErrorState title="This batch does not exist">
        It may have been removed. <Link to="/batches">All batches</Link>
      </ErrorState>
    );
  const c = batch.counts;
  const finished = c.bought + c.failed + c.voided;
  const st = BATCH_STATUS[batch.status];
  const print = async () => {
    setPrinting(true);
    setPrintError(undefined);
    try {
      const doc = await printBatch({ batchId: id });
      printPdf(doc.url);
      toast.show(`Printing ${doc.pages} pages`);
    } catch (e) {
      setPrintError(errorMessage(e));
    } finally {
      setPrinting(false);
    }
  };
  const live = batch.status !== "voided";
  return (
    <div className="batches-page">
      <PageHeader
        title={
          <>
            Batch {batch.number} <Badge tone={st.tone}>{st.label}</Badge>
          </>
        }
        actions={
          live && (
            <>
              {c.ready > 0 && (
                <Button
                  variant="primary"
                  loading={buy.pending}
                  onClick={() =>
                    void buy.run({ batchId: id }).then((n) => n !== undefined && toast.show(`Buying ${n} labels`))
                  }
                >
                  Buy {c.ready} {c.ready === 1 ? "label" : "labels"}
                </Button>
              )}
              {c.failed > 0 && (
                <Button
                  loading={retry.pending}
                  onClick={() =>
                    void retry.run({ batchId: id }).then((n) => n !== undefined && toast.show(`${n} queued again`))
                  }
                >
                  Retry {c.failed} failed
                </Button>
              )}
              {c.bought > 0 && (
                <Button loading={printing} onClick={() => void print()}>
                  Print labels and slips
                </Button>
              )}
              {batch.status !== "voiding" && (c.bought > 0 || c.failed > 0 || c.ready > 0) && (
                <Button variant="danger" onClick={() => setConfirmVoid(true)}>
                  Void batch
                </Button>
              )}
            </>
          )
        }
      >
        <p className="muted">
          {batch.source} · made by {batch.createdByName}
        </p>
      </PageHeader>
      <FormError message={buy.error ?? retry.error ?? voidLabels.error ?? printError} />
      <div className="batch-progress" aria-live="polite">
        <progress max={Math.max(1, c.total)} value={finished} aria-label="Shipments finished" />
        <p data-testid="batch-counts">
          {c.bought} bought · {c.failed} failed · {c.queued + c.working} in progress · {c.ready} waiting for Buy
          {c.voided > 0 ? ` · ${c.voided} voided` : ""} — {c.total} in all
        </p>
        {batch.documentUrl && (
          <p>
            <a href={batch.documentUrl} target="_blank" rel="noreferrer" data-testid="batch-pdf">
              Open the last printed PDF ({batch.documentPages} pages)
            </a>
          </p>
        )}
      </div>
      <DataTable
        caption={`Shipments of batch ${batch.number}`}
        className="batch-items"
        columns={itemColumns}
        {...items}
        rowKey={(item) => item._id}
        rowData={(item) => ({ "data-status": item.status, "data-shipment": item.shipmentNumber })}
        loadingLabel="Loading shipments…"
        empty={{ title: "No shipments in this batch", body: "Add some from the orders or shipments list." }}
      />
      <Dialog
        open={confirmVoid}
        title={`Void batch ${batch.number}?`}
        onClose={() => setConfirmVoid(false)}
        footer={
          <>
            <Button onClick={() => setConfirmVoid(false)}>Keep the batch</Button>
            <Button
              variant="danger"
              loading={voidLabels.pending}
              onClick={() =>
                void voidLabels.run({ batchId: id }).then((r) => {
                  setConfirmVoid(false);
                  if (r !== undefined) toast.show(`Voiding batch ${batch.number}`);
                })
              }
            >
              Void the labels
            </Button>
          </>
        }
      >
        <p>
          The {c.bought} bought {c.bought === 1 ? "label is" : "labels are"} voided with the carrier (postage refunded);
          shipments not bought leave the batch. Stock is not touched.
        </p>
      </Dialog>
    </div>
  );
}
