/**
 * /returns/receive — receiving returns on a phone or at a desk with a hardware scanner. First scan
 * the RMA or order number (label or packing slip), then each unit: the page proposes the
 * disposition its line's reason calls for (a defective or damaged unit never defaults to sellable
 * stock; see `defaultDisposition`), the receiver may switch it (tap, or scan RESTOCK / DAMAGED) and
 * confirms by scanning the same unit again. Restocked units go into the warehouse picked (by default
 * the one the order shipped from). Units that never arrived are declared missing per line, without
 * a scan. Units not on the RMA or beyond its authorised quantity are refused in red and recorded by
 * the server.
 */
import { useCallback, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { useConvex, useMutation, useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Doc, Id } from "../../../../convex/_generated/dataModel";
import { defaultDisposition, outstanding, REASON_LABELS, type ReturnReason } from "../../../../convex/lib/returns";
import { RECEIVABLE_RMA_STATUSES } from "../../../../convex/lib/statusSets";
import { Button, Loading, PageHeader, useToast } from "../../../components/ui";
import { Scanner, type ScannerAction } from "../../floor/components/Scanner";
import { WarehousePicker } from "../../floor/components/WarehousePicker";
import type { ScanFeedback } from "../../floor/lib/feedback";
import { newScanId } from "../../floor/lib/pick";
import { RmaStatusBadge } from "../components/RmaStatusBadge";
import { MissingDialog } from "../components/MissingDialog";
import "../../floor/floor.css";
import "../returns.css";
import { countOf } from "../../../lib/format";

/** An RMA or order number, as printed on return labels and packing slips. */
const DOCUMENT = /^(RMA|SO)-?\d+$/i;

type Disposition = "restock" | "damaged";
/** A scanned unit waiting for its confirming scan. */
type Pending = { productId: Id<"products">; sku: string; name: string; reason: ReturnReason; disposition: Disposition };
const DISPOSITION_CODES: Record<string, Disposition> = { RESTOCK: "restock", DAMAGED: "damaged" };
const LABEL: Record<Disposition, string> = { restock: "Restock", damaged: "Damaged" };

export function ReceiveReturnPage() {
  const [params, setParams] = useSearchParams();
  const number = params.get("rma") ?? undefined;
  const [choices, setChoices] = useState<Doc<"rmas">[]>([]);
  const [pending, setPending] = useState<Pending>();
  const pendingRef = useRef<Pending | undefined>(undefined);
  const [picked, setPicked] = useState<string>();
  const [missingLine, setMissingLine] = useState<Doc<"rmaLines">>();
  const actions = useRef<ScannerAction | null>(null);
  const convex = useConvex();
  const receive = useMutation(api.returns.receive);
  const toast = useToast();
  const found = useQuery(api.returns.lookup, number ? { code: number } : "skip");
  const rmaId = found?.kind === "rma" ? found.rmas[0]._id : undefined;
  const data = useQuery(api.returns.get, rmaId ? { rmaId } : "skip");
  const warehouses = useQuery(api.warehouses.list, {})?.filter((w) => w.kind !== "dropship");
  const rma = data?.rma;
  const warehouseId = (picked ?? rma?.returnWarehouseId ?? warehouses?.[0]?._id) as Id<"warehouses"> | undefined;
  const hold = (p: Pending | undefined) => {
    pendingRef.current = p;
    setPending(p);
  };

  const choose = useCallback(
    (next: Doc<"rmas"> | undefined) => {
      setChoices([]);
      setPicked(undefined);
      pendingRef.current = undefined;
      setPending(undefined);
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
      if (result.rmas.length > 0)
        return {
          tone: "refused",
          message: `${result.rmas[0].number} is ${result.rmas[0].status.replace(/_/g, " ")}: nothing to receive.`,
        };
      return { tone: "refused", message: result.message };
    },
    [convex, choose],
  );

  const switchTo = (d: Disposition): ScanFeedback => {
    const p = pendingRef.current;
    if (!p)
      return {
        tone: "refused",
        message: `Scanned ${d.toUpperCase()}: scan a unit first, then choose what happens to it.`,
      };
    hold({ ...p, disposition: d });
    return { tone: "ok", message: `${p.sku} → ${LABEL[d]}. Scan ${p.sku} again to confirm.` };
  };

  // One scanner for every step, so its last result stays on screen when the RMA opens.
  const onScan = useCallback(
    async (code: string): Promise<ScanFeedback> => {
      if (!rma || DOCUMENT.test(code)) return findDocument(code);
      const command = DISPOSITION_CODES[code.trim().toUpperCase()];
      if (command) return switchTo(command);
      const p = pendingRef.current;
      const product = await convex.query(api.floor.lookupCode, { code });
      if (p && product?._id === p.productId) {
        hold(undefined);
        const r = await receive({ rmaId: rma._id, code, disposition: p.disposition, warehouseId, scanId: newScanId() });
        const last = r.rmaStatus === "received";
        return {
          tone: r.result === "refused" ? "refused" : "ok",
          message: r.message,
          done: last && r.result !== "refused",
        };
      }
      if (p)
        return {
          tone: "refused",
          message: `Scanned ${product ? product.sku : code}: confirm ${p.sku} first (scan it again), or tap Cancel.`,
        };
      const line = product ? data?.lines.find((l) => l.productId === product._id && outstanding(l) > 0) : undefined;
      if (!product || !line) {
        // Not on the RMA, beyond its quantity, or unknown: the server refuses and records it.
        const r = await receive({ rmaId: rma._id, code, warehouseId, scanId: newScanId() });
        return { tone: r.result === "refused" ? "refused" : "ok", message: r.message };
      }
      const disposition = defaultDisposition(line.reason, rma.expectedDisposition);
      hold({ productId: product._id, sku: product.sku, name: product.name, reason: line.reason, disposition });
      return {
        tone: "ok",
        message: `${product.sku} (${product.name}), returned as ${REASON_LABELS[line.reason]} → ${LABEL[disposition]}. Scan it again to confirm, or choose below.`,
      };
    },
    // switchTo and hold only touch refs and setters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rma, findDocument, receive, warehouseId, convex, data],
  );

  const loading = number !== undefined && (found === undefined || (rmaId !== undefined && data === undefined));
  const left = data ? data.lines.reduce((s, l) => s + outstanding(l), 0) : 0;
  const receivable = rma ? RECEIVABLE_RMA_STATUSES.includes(rma.status) || rma.status === "received" : true;
  const prompt = !rma
    ? "Scan the RMA or order number on the label."
    : left === 0
      ? "All units are accounted for."
      : pending
        ? `Scan ${pending.sku} again to confirm.`
        : "Scan each unit.";
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
            Order {rma.orderNumber} · {left === 0 ? "every unit accounted for" : `${countOf(left, "unit")} expected`}
          </p>
        </section>
      )}
      {rma && pending && (
        <section className="card" aria-label="Unit waiting for confirmation" data-testid="pending-unit">
          <p className="task-name">
            <span className="mono strong">{pending.sku}</span> {pending.name} · returned as{" "}
            {REASON_LABELS[pending.reason]}
          </p>
          <div className="disposition" role="group" aria-label="Disposition of this unit">
            {(["restock", "damaged"] as const).map((d) => (
              <Button
                key={d}
                size="lg"
                className="floor-big"
                variant={pending.disposition === d ? (d === "damaged" ? "danger" : "primary") : "secondary"}
                aria-pressed={pending.disposition === d}
                onClick={() => actions.current?.(d.toUpperCase(), async () => switchTo(d))}
              >
                {LABEL[d]}
              </Button>
            ))}
          </div>
          <p className="muted">
            Scan {pending.sku} again to confirm {LABEL[pending.disposition].toLowerCase()}.
          </p>
          <Button size="lg" onClick={() => hold(undefined)}>
            Cancel
          </Button>
        </section>
      )}
      {rma && warehouses && warehouses.length > 0 && (
        <WarehousePicker warehouses={warehouses} value={warehouseId} onChange={setPicked} />
      )}
      <Scanner
        onScan={onScan}
        prompt={prompt}
        disabled={!receivable || loading}
        pausedReason={loading ? "still loading the return." : "this return cannot be received."}
        actions={actions}
      />
      {choices.length > 0 && (
        <ul className="rma-choices" aria-label="RMAs to receive">
          {choices.map((r) => (
            <li key={r._id}>
              <Button size="lg" className="floor-big" onClick={() => choose(r)}>
                {r.number} · {countOf(r.unitsAuthorised - r.unitsSettled, "unit")} expected
              </Button>
            </li>
          ))}
        </ul>
      )}
      {data && rma && (
        <LinesList
          lines={data.lines}
          canMarkMissing={RECEIVABLE_RMA_STATUSES.includes(rma.status)}
          onMissing={setMissingLine}
        />
      )}
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

function LinesList({
  lines,
  canMarkMissing,
  onMissing,
}: {
  lines: Doc<"rmaLines">[];
  canMarkMissing: boolean;
  onMissing: (l: Doc<"rmaLines">) => void;
}) {
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
