/**
 * /returns/receive — receiving returns on a phone or at a desk with a hardware scanner. First scan
 * the RMA or order number (label or packing slip), then each unit with the disposition chosen
 * above the scanner: restock (into the warehouse picked, by default the one the order shipped
 * from) or damaged. Units that never arrived are declared missing per line, without a scan. Units
 * not on the RMA or beyond its authorised quantity are refused in red and recorded by the server.
 */
import { useCallback, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { useConvex, useMutation, useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Doc, Id } from "../../../../convex/_generated/dataModel";
import { outstanding, RECEIVABLE_RMA_STATUSES, REASON_LABELS } from "../../../../convex/lib/returns";
import { Button, Loading, PageHeader, useToast } from "../../../components/ui";
import { Scanner } from "../../floor/components/Scanner";
import { WarehousePicker } from "../../floor/components/WarehousePicker";
import type { ScanFeedback } from "../../floor/lib/feedback";
import { newScanId } from "../../floor/lib/pick";
import { RmaStatusBadge } from "../components/RmaStatusBadge";
import { MissingDialog } from "../components/MissingDialog";
import "../../floor/floor.css";
import "../returns.css";

/** An RMA or order number, as printed on return labels and packing slips. */
const DOCUMENT = /^(RMA|SO)-?\d+$/i;

export function ReceiveReturnPage() {
  const [params, setParams] = useSearchParams();
  const number = params.get("rma") ?? undefined;
  const [choices, setChoices] = useState<Doc<"rmas">[]>([]);
  const [disposition, setDisposition] = useState<"restock" | "damaged">("restock");
  const [picked, setPicked] = useState<string>();
  const [missingLine, setMissingLine] = useState<Doc<"rmaLines">>();
  const convex = useConvex();
  const receive = useMutation(api.returns.receive);
  const toast = useToast();
  const found = useQuery(api.returns.lookup, number ? { code: number } : "skip");
  const rmaId = found?.kind === "rma" ? found.rmas[0]._id : undefined;
  const data = useQuery(api.returns.get, rmaId ? { rmaId } : "skip");
  const warehouses = useQuery(api.warehouses.list, {})?.filter((w) => w.kind !== "dropship");
  const rma = data?.rma;
  const warehouseId = (picked ?? rma?.returnWarehouseId ?? warehouses?.[0]?._id) as Id<"warehouses"> | undefined;

  const choose = useCallback(
    (next: Doc<"rmas"> | undefined) => {
      setChoices([]);
      setPicked(undefined);
      setDisposition(next?.expectedDisposition === "damaged" ? "damaged" : "restock");
      setParams(next ? { rma: next.number } : {});
    },
    [setParams],
  );

  /** A scanned document number: one receivable RMA opens, several are offered, none is refused. */
  const findDocument = useCallback(
    async (code: string): Promise<ScanFeedback> => {
      const result = await convex.query(api.returns.lookup, { code });
      const open = result.rmas.filter((r) => RECEIVABLE_RMA_STATUSES.includes(r.status));
      if (open.length === 1) {
        choose(open[0]);
        return { tone: "ok", message: `${open[0].number} for ${open[0].orderNumber}: scan each unit.` };
      }
      if (open.length > 1) {
        setChoices(open);
        return { tone: "ok", message: `${result.message} Choose one below.` };
      }
      if (result.rmas.length > 0) return { tone: "refused", message: `${result.rmas[0].number} is ${result.rmas[0].status.replace(/_/g, " ")}: nothing to receive.` };
      return { tone: "refused", message: result.message };
    },
    [convex, choose],
  );

  // One scanner for both steps, so its last result stays on screen when the RMA opens.
  const onScan = useCallback(
    async (code: string): Promise<ScanFeedback> => {
      if (!rma || DOCUMENT.test(code)) return findDocument(code);
      const r = await receive({ rmaId: rma._id, code, disposition, warehouseId, scanId: newScanId() });
      return { tone: r.result === "refused" ? "refused" : "ok", message: r.message };
    },
    [rma, findDocument, receive, disposition, warehouseId],
  );

  const loading = number !== undefined && (found === undefined || (rmaId !== undefined && data === undefined));
  const left = data ? data.lines.reduce((s, l) => s + outstanding(l), 0) : 0;
  const receivable = rma ? RECEIVABLE_RMA_STATUSES.includes(rma.status) || rma.status === "received" : true;
  const prompt = !rma ? "Scan the RMA or order number on the label." : left === 0 ? "All units are accounted for." : `Scan each unit (${disposition}).`;
  return (
    <div className="floor">
      <p className="breadcrumb">
        <Link to="/returns">← Returns</Link>
      </p>
      <PageHeader title="Receive returns" />
      {loading && <Loading label={`Loading ${number}…`} />}
      {found?.kind === "none" || found?.kind === "order" ? (
        <div className="notice notice-warning" role="alert">
          {found.message}
        </div>
      ) : null}
      {rma && (
        <section className="card rma-card" aria-label="Return being received">
          <div className="rma-card-head">
            <Link to={`/returns/${rma._id}`} className="mono strong">
              {rma.number}
            </Link>
            <RmaStatusBadge status={rma.status} />
          </div>
          <p className="muted">
            Order {rma.orderNumber} · {left === 0 ? "every unit accounted for" : `${left} unit(s) expected`}
          </p>
        </section>
      )}
      {rma && (
        <div className="disposition" role="group" aria-label="Disposition of the next unit">
          <Button size="lg" className="floor-big" variant={disposition === "restock" ? "primary" : "secondary"} aria-pressed={disposition === "restock"} onClick={() => setDisposition("restock")}>
            Restock
          </Button>
          <Button size="lg" className="floor-big" variant={disposition === "damaged" ? "danger" : "secondary"} aria-pressed={disposition === "damaged"} onClick={() => setDisposition("damaged")}>
            Damaged
          </Button>
        </div>
      )}
      {rma && warehouses && warehouses.length > 0 && <WarehousePicker warehouses={warehouses} value={warehouseId} onChange={setPicked} />}
      <Scanner onScan={onScan} prompt={prompt} disabled={!receivable || loading} />
      {choices.length > 0 && (
        <ul className="rma-choices" aria-label="RMAs to receive">
          {choices.map((r) => (
            <li key={r._id}>
              <Button size="lg" className="floor-big" onClick={() => choose(r)}>
                {r.number} · {r.unitsAuthorised - r.unitsSettled} unit(s) expected
              </Button>
            </li>
          ))}
        </ul>
      )}
      {data && rma && <LinesList lines={data.lines} canMarkMissing={RECEIVABLE_RMA_STATUSES.includes(rma.status)} onMissing={setMissingLine} />}
      {number && (
        <div className="floor-actions">
          <Button size="lg" onClick={() => choose(undefined)}>
            Next return
          </Button>
        </div>
      )}
      {missingLine && rma && (
        <MissingDialog
          rmaId={rma._id}
          line={{ _id: missingLine._id, sku: missingLine.sku, left: outstanding(missingLine) }}
          onClose={() => setMissingLine(undefined)}
          onDone={(message) => {
            setMissingLine(undefined);
            toast.show(message);
          }}
        />
      )}
    </div>
  );
}

function LinesList({ lines, canMarkMissing, onMissing }: { lines: Doc<"rmaLines">[]; canMarkMissing: boolean; onMissing: (l: Doc<"rmaLines">) => void }) {
  return (
    <ul className="rma-lines" aria-label="Lines on this return">
      {lines.map((l) => {
        const due = outstanding(l);
        return (
          <li key={l._id} className={due === 0 ? "rma-line done" : "rma-line"}>
            <div>
              <span className="mono strong">{l.sku}</span> {l.name}
              <div className="muted">
                {REASON_LABELS[l.reason]} · {l.restocked} restocked · {l.damaged} damaged · {l.missing} missing
              </div>
            </div>
            <div className="rma-line-count" aria-label={`${l.quantity - due} of ${l.quantity} accounted for`}>
              {l.quantity - due}/{l.quantity}
            </div>
            {due > 0 && canMarkMissing && <Button onClick={() => onMissing(l)}>Missing…</Button>}
          </li>
        );
      })}
    </ul>
  );
}
