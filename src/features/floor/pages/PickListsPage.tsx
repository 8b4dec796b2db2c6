/**
 * /floor/pick — the pick lists of the chosen warehouse, live: open, in progress, done, each with
 * its progress and who holds it. Floor staff claim a list (a second claimant is told who has it);
 * supervisors also see the progress of all open work and build batches or release waves.
 */
import { useNavigate } from "react-router-dom";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Doc, Id } from "../../../../convex/_generated/dataModel";
import { EmptyState, Loading, PageHeader } from "../../../components/ui";
import { useAppMutation } from "../../../lib/useAppMutation";
import { useCan, useMe } from "../../members/hooks/useMe";
import { useFloorWarehouse } from "../hooks/useFloorWarehouse";
import { useRowClaim } from "../hooks/useRowClaim";
import { PickListItem } from "../components/PickListItem";
import { Progress } from "../components/Progress";
import { WarehousePicker } from "../components/WarehousePicker";
import { BuildBatchForm, ReleaseWaveForm } from "../components/SupervisorActions";
import "../floor.css";
import { countOf } from "../../../lib/format";

export function PickListsPage() {
  const { warehouses, warehouseId, choose } = useFloorWarehouse();
  const isSupervisor = useCan("supervisor");
  if (warehouses === undefined) return <Loading label="Loading warehouses…" />;
  if (warehouses.length === 0 || !warehouseId) {
    return (
      <div className="floor">
        <PageHeader title="Pick" />
        <EmptyState title="No warehouses">An admin can add one under Warehouses.</EmptyState>
      </div>
    );
  }
  return (
    <div className="floor">
      <PageHeader title="Pick" />
      <WarehousePicker warehouses={warehouses} value={warehouseId} onChange={choose} />
      <Lists warehouseId={warehouseId} supervisor={isSupervisor} />
      {isSupervisor && (
        <div className="stack floor-section-gap">
          <BuildBatchForm warehouseId={warehouseId} />
          <ReleaseWaveForm warehouseId={warehouseId} />
        </div>
      )}
    </div>
  );
}

function Lists({ warehouseId, supervisor }: { warehouseId: Id<"warehouses">; supervisor: boolean }) {
  const me = useMe();
  const navigate = useNavigate();
  const open = useQuery(api.floor.pickLists, { warehouseId, status: "open" });
  const active = useQuery(api.floor.pickLists, { warehouseId, status: "in_progress" });
  const done = useQuery(api.floor.pickLists, { warehouseId, status: "done" });
  const claim = useAppMutation(api.floor.claimList);
  const rows = useRowClaim(
    (pickListId: Id<"pickLists">) => claim.attempt({ pickListId }),
    (id) => `/floor/pick/${id}`,
  );
  const section = (title: string, lists: Doc<"pickLists">[] | undefined, empty: string, limit = 100) => (
    <section aria-labelledby={`lists-${title}`}>
      <h2 id={`lists-${title}`}>
        {title} {lists && <span className="muted">({lists.length})</span>}
      </h2>
      {lists === undefined ? (
        <Loading label={`Loading ${title.toLowerCase()} lists…`} />
      ) : lists.length === 0 ? (
        <EmptyState title={empty} />
      ) : (
        <ul className="work-list">
          {lists.slice(0, limit).map((l) => (
            <PickListItem
              key={l._id}
              list={l}
              me={me?._id}
              claiming={rows.claiming === l._id}
              refusal={rows.refusalOf(l._id)}
              onClaim={() => void rows.claim(l._id)}
              onOpen={() => navigate(`/floor/pick/${l._id}`)}
            />
          ))}
        </ul>
      )}
    </section>
  );

  // Claimed lists come first: the picker's own work is what they look for.
  const mineFirst = (ls: Doc<"pickLists">[] | undefined) =>
    ls && [...ls].sort((a, b) => Number(b.claimedBy === me?._id) - Number(a.claimedBy === me?._id));
  return (
    <>
      {supervisor && open && active && <OpenWorkSummary lists={[...active, ...open]} />}
      {section("In progress", mineFirst(active), "Nothing is being picked")}
      {section(
        "Open",
        mineFirst(open),
        supervisor
          ? "No open lists. Build a batch or release a wave below."
          : "No open lists. Ask a supervisor to release a wave.",
      )}
      {section("Done", done, "No finished lists yet", 10)}
    </>
  );
}

/** Supervisors: every open list's progress at once, live. */
function OpenWorkSummary({ lists }: { lists: Doc<"pickLists">[] }) {
  const sum = (f: (l: Doc<"pickLists">) => number) => lists.reduce((n, l) => n + f(l), 0);
  const people = new Set(lists.map((l) => l.claimedByName).filter(Boolean));
  return (
    <section className="card" aria-labelledby="open-work">
      <h2 id="open-work">Open work</h2>
      <p>
        {countOf(lists.length, "list")} open, {countOf(people.size, "picker")} on them
      </p>
      <Progress
        picked={sum((l) => l.unitsPicked)}
        short={sum((l) => l.unitsShort)}
        total={sum((l) => l.unitsTotal)}
        label="All open lists"
      />
    </section>
  );
}
