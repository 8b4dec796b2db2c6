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
import { Badge, Button, FormError, Loading, PageHeader, useToast } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useCan, useMe } from "../../members/hooks/useMe";
import { Scanner } from "../components/Scanner";
import { Progress } from "../components/Progress";
import { ShortPickDialog } from "../components/ShortPickDialog";
import { RecentScans } from "../components/RecentScans";
import { othersHere, useNow, usePresence } from "../hooks/usePresence";
import { toneOf, type ScanFeedback } from "../lib/feedback";
import { currentTask, needsBinScan, newScanId, unitsLeft } from "../lib/pick";
import "../floor.css";

export function PickScannerPage() {
  const { pickListId } = useParams() as { pickListId: Id<"pickLists"> };
  const data = useQuery(api.floor.pickList, { pickListId });
  const me = useMe();
  const open = data !== undefined && (data.list.status === "open" || data.list.status === "in_progress");
  usePresence(`pickList:${pickListId}`, open);
  if (data === undefined) return <Loading label="Loading the pick list…" />;
  const { list, tasks } = data;
  const mine = list.claimedBy !== undefined && list.claimedBy === me?._id;
  return (
    <div className="floor">
      <p className="breadcrumb">
        <Link to="/floor/pick">← Pick lists</Link>
      </p>
      <PageHeader title={<span className="mono">{list.number}</span>} />
      <Progress picked={list.unitsPicked} short={list.unitsShort} total={list.unitsTotal} label="List progress" />
      <OthersHere rows={data.presence} me={me?._id} />
      {!open && <Done list={list} />}
      {open && !mine && <ClaimPanel list={list} />}
      {(mine || (!open && list.unitsPicked + list.unitsShort > 0)) && <Picking list={list} tasks={tasks} active={open && mine} />}
      <RecentScans scans={data.recentScans} />
    </div>
  );
}

function Picking({ list, tasks, active }: { list: Doc<"pickLists">; tasks: Doc<"pickTasks">[]; active: boolean }) {
  const scan = useMutation(api.floor.scan);
  const release = useAppMutation(api.floor.releaseList);
  const navigate = useNavigate();
  const toast = useToast();
  const [shortOpen, setShortOpen] = useState(false);
  // Tasks the server said are complete, so a scan queued right behind the last one goes to the
  // next task even before the live query has re-rendered this page.
  const completed = useRef(new Set<string>());
  const tasksRef = useRef(tasks);
  useEffect(() => {
    tasksRef.current = tasks;
  }, [tasks]);
  const task = currentTask(tasks);

  const onScan = useCallback(
    async (code: string): Promise<ScanFeedback> => {
      const t = currentTask(tasksRef.current.filter((x) => !completed.current.has(x._id)));
      if (!t) return { tone: "refused", message: "Nothing is left to pick on this list." };
      const r = await scan({ pickListId: list._id, taskId: t._id, code, scanId: newScanId() });
      if (r.result === "ok" && r.picked !== undefined && r.picked >= t.quantity - t.short) completed.current.add(t._id);
      return { tone: toneOf(r.result), message: r.listDone ? `${r.message} List ${list.number} is done.` : r.message };
    },
    [scan, list._id, list.number],
  );

  const prompt = !task ? "Done." : needsBinScan(list, task) ? `Scan bin ${task.bin} first.` : `Scan ${task.sku}.`;
  return (
    <>
      {task && <TaskCard list={list} task={task} stop={tasks.indexOf(task) + 1} stops={tasks.length} />}
      <Scanner onScan={onScan} prompt={prompt} disabled={!active || !task} />
      {active && task && (
        <div className="floor-actions">
          <Button size="lg" variant="danger" onClick={() => setShortOpen(true)}>
            Short pick
          </Button>
          <Button
            size="lg"
            loading={release.pending}
            onClick={async () => {
              const r = await release.attempt({ pickListId: list._id });
              if (r.ok) navigate("/floor/pick");
            }}
          >
            Release list
          </Button>
        </div>
      )}
      <FormError message={release.error} />
      {shortOpen && task && (
        <ShortPickDialog
          open
          pickListId={list._id}
          task={{ _id: task._id, sku: task.sku, bin: task.bin, left: unitsLeft(task) }}
          onClose={() => setShortOpen(false)}
          onDone={(message) => {
            setShortOpen(false);
            toast.show(message, "info");
          }}
        />
      )}
    </>
  );
}

function TaskCard({ list, task, stop, stops }: { list: Doc<"pickLists">; task: Doc<"pickTasks">; stop: number; stops: number }) {
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
      <div className="task-name">{task.name}</div>
      <div className="task-meta">
        <span className="task-count" aria-label={`${task.picked} of ${task.quantity} picked`}>
          {task.picked} of {task.quantity}
        </span>
        <span>{left} left</span>
      </div>
    </section>
  );
}

function ClaimPanel({ list }: { list: Doc<"pickLists"> }) {
  const claim = useAppMutation(api.floor.claimList);
  const release = useAppMutation(api.floor.releaseList);
  const isSupervisor = useCan("supervisor");
  return (
    <section className="card">
      <p className="task-name">{list.claimedByName ? `${list.claimedByName} is picking ${list.number}.` : `${list.number} is free.`}</p>
      <FormError message={claim.error ?? release.error} />
      <div className="floor-actions">
        <Button variant="primary" size="lg" loading={claim.pending} onClick={() => void claim.run({ pickListId: list._id })}>
          Claim {list.number}
        </Button>
        {isSupervisor && list.claimedBy && (
          <Button size="lg" loading={release.pending} onClick={() => void release.run({ pickListId: list._id })}>
            Take it back from {list.claimedByName}
          </Button>
        )}
      </div>
    </section>
  );
}

function Done({ list }: { list: Doc<"pickLists"> }) {
  return (
    <section className="card" data-testid="list-done">
      <p className="task-name strong">
        {list.number} is {list.status === "done" ? "done" : "cancelled"}: {list.unitsPicked} picked{list.unitsShort ? `, ${list.unitsShort} short` : ""}.
      </p>
      <div className="floor-actions">
        <Link className="btn btn-primary btn-lg" to="/floor/pack">
          Go to packing
        </Link>
        <Link className="btn btn-secondary btn-lg" to="/floor/pick">
          Next list
        </Link>
      </div>
    </section>
  );
}

function OthersHere({ rows, me }: { rows: Doc<"presence">[]; me: Id<"members"> | undefined }) {
  const now = useNow();
  const others = othersHere(rows, me, now);
  if (others.length === 0) return null;
  return <p className="here">Also here: {others.join(", ")}</p>;
}
