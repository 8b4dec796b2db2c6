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
import { errorMessage } from "../../../lib/errors";
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
  const convex = useConvex();
  const choose = useCallback((rma: Doc<"rmas"> | undefined) => {
    setChoices([]);
    setParams(rma ? { rma: rma.number } : {}, { replace: false });
  }, [setParams]);

  /** A scanned document number: one receivable RMA opens, several are offered, none is refused. */
  const findDocument = useCallback(
    async (code: string): Promise<ScanFeedback> => {
      const found = await convex.query(api.returns.lookup, { code });
      const open = found.rmas.filter((r) => RECEIVABLE_RMA_STATUSES.includes(r.status));
      if (open.length === 1) {
        choose(open[0]);
        return { tone: "ok", message: `${open[0].number} for ${open[0].orderNumber}: scan each unit.` };
      }
      if (open.length > 1) {
        setChoices(open);
        return { tone: "ok", message: `${found.message} Choose one below.` };
      }
      if (found.rmas.length > 0) return { tone: "refused", message: `${found.rmas[0].number} is ${found.rmas[0].status.replace(/_/g, " ")}: nothing to receive.` };
      return { tone: "refused", message: found.message };
    },
    [convex, choose],
  );

  return (
    <div className="floor">
      <p className="breadcrumb">
        <Link to="/returns">← Returns</Link>
      </p>
      <PageHeader title="Receive returns" />
      {number ? (
        <Receiving number={number} findDocument={findDocument} onDone={() => choose(undefined)} />
      ) : (
        <>
          <Scanner onScan={(code) => findDocument(code)} prompt="Scan the RMA or order number on the label." camera />
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
        </>
      )}
    </div>
  );
}

function Receiving({ number, findDocument, onDone }: { number: string; findDocument: (code: string) => Promise<ScanFeedback>; onDone: () => void }) {
  const found = useQuery(api.returns.lookup, { code: number });
  const rmaId = found?.kind === "rma" ? found.rmas[0]._id : undefined;
  const data = useQuery(api.returns.get, rmaId ? { rmaId } : "skip");
  if (found === undefined || (rmaId && data === undefined)) return <Loading label={`Loading ${number}…`} />;
  if (!rmaId || !data) {
    return (
      <div className="notice notice-warning" role="alert">
        {found.message} <Button onClick={onDone}>Scan another</Button>
      </div>
    );
  }
  return <ReceivingRma rma={data.rma} lines={data.lines} findDocument={findDocument} onDone={onDone} />;
}

function ReceivingRma({ rma, lines, findDocument, onDone }: { rma: Doc<"rmas">; lines: Doc<"rmaLines">[]; findDocument: (code: string) => Promise<ScanFeedback>; onDone: () => void }) {
  const receive = useMutation(api.returns.receive);
  const toast = useToast();
  const warehouses = useQuery(api.warehouses.list, {})?.filter((w) => w.kind !== "dropship");
  const [disposition, setDisposition] = useState<"restock" | "damaged">(rma.expectedDisposition === "damaged" ? "damaged" : "restock");
  const [picked, setPicked] = useState<string>();
  const [missingLine, setMissingLine] = useState<Doc<"rmaLines">>();
  const warehouseId = (picked ?? rma.returnWarehouseId ?? warehouses?.[0]?._id) as Id<"warehouses"> | undefined;
  const receivable = RECEIVABLE_RMA_STATUSES.includes(rma.status) || rma.status === "received";
  const left = lines.reduce((s, l) => s + outstanding(l), 0);

  const onScan = useCallback(
    async (code: string): Promise<ScanFeedback> => {
      if (DOCUMENT.test(code)) return findDocument(code);
      try {
        const r = await receive({ rmaId: rma._id, code, disposition, warehouseId, scanId: newScanId() });
        return { tone: r.result === "refused" ? "refused" : "ok", message: r.message };
      } catch (e) {
        return { tone: "refused", message: errorMessage(e) };
      }
    },
    [receive, rma._id, disposition, warehouseId, findDocument],
  );

  return (
    <>
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
      <div className="disposition" role="group" aria-label="Disposition of the next unit">
        <Button size="lg" className="floor-big" variant={disposition === "restock" ? "primary" : "secondary"} aria-pressed={disposition === "restock"} onClick={() => setDisposition("restock")}>
          Restock
        </Button>
        <Button size="lg" className="floor-big" variant={disposition === "damaged" ? "danger" : "secondary"} aria-pressed={disposition === "damaged"} onClick={() => setDisposition("damaged")}>
          Damaged
        </Button>
      </div>
      {warehouses && warehouses.length > 0 && <WarehousePicker warehouses={warehouses} value={warehouseId} onChange={setPicked} />}
      <Scanner onScan={onScan} prompt={left === 0 ? "All units are accounted for." : `Scan each unit (${disposition === "restock" ? "restock" : "damaged"}).`} disabled={!receivable} />
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
              <div className="rma-line-count" aria-label={`${due} of ${l.quantity} expected`}>
                {l.quantity - due}/{l.quantity}
              </div>
              {due > 0 && RECEIVABLE_RMA_STATUSES.includes(rma.status) && (
                <Button onClick={() => setMissingLine(l)}>Missing…</Button>
              )}
            </li>
          );
        })}
      </ul>
      <div className="floor-actions">
        <Button size="lg" onClick={onDone}>
          Next return
        </Button>
      </div>
      {missingLine && (
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
    </>
  );
}
