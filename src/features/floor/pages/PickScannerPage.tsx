/**
 * /floor/pick/:pickListId — the picker's page on a phone, one column: the next stop (bin, SKU,
 * name, how many), the scanner (camera + hardware scanner) with a big green/red result, short
 * picks, release, and who else is on the list. Every scan is verified by the server against the
 * current task; a refused scan advances nothing.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { useMutation, useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Doc, Id } from "../../../../convex/_generated/dataModel";
import { Badge, Button, Loading, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useCan, useMe } from "../../members/hooks/useMe";
import { refocusScanner, Scanner, type ScannerAction } from "../components/Scanner";
import { ClaimPanel } from "../components/ClaimPanel";
import { FloorActions, RunButton } from "../components/FloorActions";
import { OthersHere } from "../components/OthersHere";
import { WorkHeader } from "../components/WorkHeader";
import { Progress } from "../components/Progress";
import { ShortPickDialog } from "../components/ShortPickDialog";
import { RecentScans } from "../components/RecentScans";
import { useFloorPresence } from "../hooks/usePresence";
import { presencePlace } from "../../../../convex/lib/presence";
import { toneOf, type ScanFeedback } from "../lib/feedback";
import type { ScanResult } from "../../../lib/api-types";
import { currentTask, needsBinScan, newScanId, unitsLeft } from "../lib/pick";
import "../floor.css";
import { isOpenPickList } from "../../../../convex/lib/statusSets";

export function PickScannerPage() {
  const { pickListId } = useParams() as { pickListId: Id<"pickLists"> };
  const data = useQuery(api.floor.pickList, { pickListId });
  const me = useMe();
  const open = data !== undefined && isOpenPickList(data.list.status);
  useFloorPresence(presencePlace.pickList(pickListId), open);
  if (data === undefined) return <Loading label="Loading the pick list…" />;
  const { list, tasks } = data;
  const mine = list.claimedBy !== undefined && list.claimedBy === me?._id;
  return (
    <div className="floor">
      <WorkHeader back={{ to: "/floor/pick", label: "Pick lists" }} number={list.number} />
      <Progress picked={list.unitsPicked} short={list.unitsShort} total={list.unitsTotal} label="List progress" />
      <OthersHere rows={data.presence} me={me?._id} />
      {!open && <Done list={list} />}
      {open && !mine && <Claim list={list} />}
      {(mine || (!open && list.unitsPicked + list.unitsShort > 0)) && (
        <Picking list={list} tasks={tasks} products={data.products} active={open && mine} />
      )}
      <RecentScans scans={data.recentScans} />
    </div>
  );
}

type ProductFacts = {
  _id: Id<"products">;
  sku: string;
  name: string;
  barcodes: string[];
  weightGrams: number;
  scanEveryUnit: boolean;
};

function Picking({
  list,
  tasks,
  products,
  active,
}: {
  list: Doc<"pickLists">;
  tasks: Doc<"pickTasks">[];
  products: ProductFacts[];
  active: boolean;
}) {
  const scan = useMutation(api.floor.scan);
  const confirmCount = useMutation(api.floor.confirmCount);
  const release = useAppMutation(api.floor.releaseList);
  const navigate = useNavigate();
  const toast = useToast();
  const [shortOpen, setShortOpen] = useState(false);
  const actions = useRef<ScannerAction | null>(null);
  // Tasks the server said are complete, so a scan queued right behind the last one goes to the
  // next task even before the live query has re-rendered this page.
  const completed = useRef(new Set<string>());
  const tasksRef = useRef(tasks);
  useEffect(() => {
    tasksRef.current = tasks;
  }, [tasks]);
  const task = currentTask(tasks);
  const facts = task ? products.find((p) => p._id === task.productId) : undefined;

  const settle = useCallback(
    (
      t: Doc<"pickTasks">,
      r: { result: ScanResult; message: string; picked?: number; listDone?: boolean },
    ): ScanFeedback => {
      if (r.result === "ok" && r.picked !== undefined && r.picked >= t.quantity - t.short) completed.current.add(t._id);
      return {
        tone: toneOf(r.result),
        message: r.listDone ? `${r.message} List ${list.number} is done.` : r.message,
        done: r.listDone,
      };
    },
    [list.number],
  );

  const onScan = useCallback(
    async (code: string): Promise<ScanFeedback> => {
      const t = currentTask(tasksRef.current.filter((x) => !completed.current.has(x._id)));
      if (!t) return { tone: "refused", message: `Scanned ${code}: nothing is left to pick on this list.` };
      return settle(t, await scan({ pickListId: list._id, taskId: t._id, code, scanId: newScanId() }));
    },
    [scan, list._id, settle],
  );

  const onCount = (t: Doc<"pickTasks">, quantity: number) =>
    actions.current?.(`${quantity} × ${t.sku}`, async () =>
      settle(t, await confirmCount({ pickListId: list._id, taskId: t._id, quantity, scanId: newScanId() })),
    );

  const prompt = !task ? "Done." : needsBinScan(list, task) ? `Scan bin ${task.bin} first.` : `Scan ${task.sku}.`;
  const counting =
    active &&
    task &&
    facts &&
    !facts.scanEveryUnit &&
    task.picked > 0 &&
    unitsLeft(task) > 0 &&
    !needsBinScan(list, task);
  return (
    <>
      {task && <TaskCard list={list} task={task} facts={facts} stop={tasks.indexOf(task) + 1} stops={tasks.length} />}
      <Scanner
        onScan={onScan}
        prompt={prompt}
        disabled={!active || !task}
        pausedReason={!task ? `${list.number} has nothing left to pick.` : `claim ${list.number} first.`}
        actions={actions}
      />
      {counting && <CountPad key={`${task._id}:${task.picked}`} task={task} onConfirm={(n) => onCount(task, n)} />}
      {active && task && (
        <FloorActions error={release.error}>
          <Button size="lg" variant="danger" onClick={() => setShortOpen(true)}>
            Short pick
          </Button>
          <RunButton mutation={release} args={{ pickListId: list._id }} onDone={() => navigate("/floor/pick")}>
            Release list
          </RunButton>
        </FloorActions>
      )}
      {shortOpen && task && (
        <ShortPickDialog
          open
          pickListId={list._id}
          task={{ _id: task._id, sku: task.sku, bin: task.bin, left: unitsLeft(task) }}
          onClose={() => {
            setShortOpen(false);
            refocusScanner();
          }}
          onDone={(message) => {
            setShortOpen(false);
            toast.show(message, "info");
            refocusScanner();
          }}
        />
      )}
    </>
  );
}

/**
 * After one verified scan of a multi-unit line: how many more were taken, on a keypad (or scan
 * the same code again for one more). Products set to "scan every unit" never show it.
 */
function CountPad({ task, onConfirm }: { task: Doc<"pickTasks">; onConfirm: (n: number) => void }) {
  const left = unitsLeft(task);
  const [text, setText] = useState(String(left));
  const n = Number(text);
  const valid = Number.isInteger(n) && n >= 1 && n <= left;
  const set = (v: number) => setText(String(Math.min(left, Math.max(1, v))));
  return (
    <form
      className="card count-pad"
      aria-label={`Count the rest of ${task.sku}`}
      data-testid="count-pad"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onConfirm(n);
      }}
    >
      <p className="task-name">
        {task.picked} of {task.quantity} {task.sku} scanned. Took more? Confirm the count, or scan {task.sku} again for
        one more.
      </p>
      <div className="count-row">
        <Button
          size="lg"
          className="floor-big"
          aria-label="One fewer"
          onClick={() => set(n - 1)}
          disabled={!valid || n <= 1}
        >
          −
        </Button>
        <label className="visually-hidden" htmlFor={`count-${task._id}`}>
          More units of {task.sku}
        </label>
        <input
          id={`count-${task._id}`}
          className="count-input"
          type="number"
          inputMode="numeric"
          min={1}
          max={left}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Button
          size="lg"
          className="floor-big"
          aria-label="One more"
          onClick={() => set(n + 1)}
          disabled={!valid || n >= left}
        >
          +
        </Button>
      </div>
      {!valid && <p className="field-error">1 to {left}.</p>}
      <Button type="submit" variant="primary" size="lg" className="floor-big" disabled={!valid}>
        Confirm {valid ? n : ""} more ({task.picked + (valid ? n : 0)} of {task.quantity})
      </Button>
    </form>
  );
}

function TaskCard({
  list,
  task,
  facts,
  stop,
  stops,
}: {
  list: Doc<"pickLists">;
  task: Doc<"pickTasks">;
  facts?: ProductFacts;
  stop: number;
  stops: number;
}) {
  const left = unitsLeft(task);
  return (
    <section className="task" aria-label="Next item to pick" data-testid="current-task">
      <div className="task-meta">
        <span className="muted">
          Stop {stop} of {stops}
        </span>
        {list.shipmentIds.length > 1 && <span className="task-tote">Tote {task.tote}</span>}
      </div>
      <div className="task-bin-label">Bin</div>
      <div className="task-bin">{task.bin || "No bin"}</div>
      {needsBinScan(list, task) ? (
        <p className="bin-first">Scan bin {task.bin} first</p>
      ) : (
        list.requireBinScan && task.bin && <Badge tone="success">Bin confirmed</Badge>
      )}
      <div className="task-sku">{task.sku}</div>
      {facts && facts.barcodes.length > 0 && (
        <div className="task-barcodes" aria-label={`Barcode${facts.barcodes.length > 1 ? "s" : ""} of ${task.sku}`}>
          {facts.barcodes.map((b) => (
            <span key={b} className="mono">
              {b}
            </span>
          ))}
        </div>
      )}
      <div className="task-name">{task.name}</div>
      {facts?.scanEveryUnit && <Badge tone="warning">Scan every unit</Badge>}
      <div className="task-meta">
        <span className="task-count" aria-label={`${task.picked} of ${task.quantity} picked`}>
          {task.picked} of {task.quantity}
        </span>
        <span>{left} left</span>
      </div>
    </section>
  );
}

function Claim({ list }: { list: Doc<"pickLists"> }) {
  const claim = useAppMutation(api.floor.claimList);
  const release = useAppMutation(api.floor.releaseList);
  const isSupervisor = useCan("supervisor");
  const work = {
    number: list.number,
    holder: list.claimedByName,
    doing: "picking",
    action: "Claim",
    free: `${list.number} is free.`,
  };
  return (
    <ClaimPanel work={work} claim={claim} args={{ pickListId: list._id }} error={release.error}>
      {isSupervisor && list.claimedBy && (
        <RunButton mutation={release} args={{ pickListId: list._id }}>
          Take it back from {list.claimedByName}
        </RunButton>
      )}
    </ClaimPanel>
  );
}

function Done({ list }: { list: Doc<"pickLists"> }) {
  // When a list is done, the focus moves to the next step (a scanner Enter or a tap goes on from here).
  const next = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    const t = setTimeout(() => next.current?.focus({ preventScroll: true }), 0);
    return () => clearTimeout(t);
  }, []);
  return (
    <section className="card" data-testid="list-done">
      <p className="task-name strong">
        {list.number} is {list.status === "done" ? "done" : "cancelled"}: {list.unitsPicked} picked
        {list.unitsShort ? `, ${list.unitsShort} short` : ""}.
      </p>
      <div className="floor-actions">
        <Link className="btn btn-primary btn-lg" to="/floor/pack" ref={next}>
          Go to packing
        </Link>
        <Link className="btn btn-secondary btn-lg" to="/floor/pick">
          Next list
        </Link>
      </div>
    </section>
  );
}
