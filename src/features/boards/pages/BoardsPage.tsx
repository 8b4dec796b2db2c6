/**
 * /boards — the supervisor's live boards. Every section is its own live query (useQuery /
 * usePaginatedQuery): another user's change shows without a reload, and a section that fails shows
 * its error without taking the others down. "Now" is the clock rounded to 5 minutes (useNowBucket).
 */
import { pageOf } from "../../../lib/paging";
import { useState, type ReactNode } from "react";
import { usePaginatedQuery, useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import { ErrorBoundary, Loading, PageHeader } from "../../../components/ui";
import { type PageStatus } from "../../../components/ui/DataTable";
import { formatDateTime } from "../../../lib/format";
import { Section } from "../../../components/ui/Section";
import "../boards.css";
import { useNowBucket } from "../hooks/useNowBucket";
import { BacklogBoard } from "../components/BacklogBoard";
import { AtRiskList } from "../components/AtRiskList";
import { DemandTable } from "../components/DemandTable";
import { SpendBoard } from "../components/SpendBoard";
import { MetricsBoard } from "../components/MetricsBoard";
import { ReturnsTable } from "../components/ReturnsTable";
import { FloorBoard } from "../components/FloorBoard";
import { BoardSkeleton, ChartSkeleton, Tile } from "../components/Charts";
import type { BoardPage } from "../lib/boards";

/** Page sizes; bench/dashboards.measure.ts measures the boards at these. */
export const PAGE_SIZES = { atRisk: 15, demand: 10, returns: 10 };

/** A board's paginated query as a BoardPage once its first page is in. */
function boardPage<T>(
  query: { results: T[]; status: PageStatus; loadMore: (numItems: number) => void },
  pageSize: number,
): BoardPage<T> | undefined {
  const { rows, pagination } = pageOf(query, pageSize);
  return rows === undefined ? undefined : { rows, pagination };
}

function BacklogView() {
  const backlog = useQuery(api.boards.backlog, {});
  if (backlog === undefined)
    return (
      <BoardSkeleton label="Counting the backlog…">
        <div className="grid-2 board-pair">
          {["orders", "shipments"].map((what) => (
            <div key={what}>
              <p className="board-figure">
                <strong>—</strong> open {what}
              </p>
              <ChartSkeleton />
            </div>
          ))}
        </div>
      </BoardSkeleton>
    );
  return <BacklogBoard byChannel={backlog.byChannel} byWarehouse={backlog.byWarehouse} />;
}

function AtRiskView({ now }: { now: number }) {
  const [windowMinutes, setWindow] = useState(240);
  const page = boardPage(
    usePaginatedQuery(api.boards.atRisk, { nowBucket: now, windowMinutes }, { initialNumItems: PAGE_SIZES.atRisk }),
    PAGE_SIZES.atRisk,
  );
  if (page === undefined) return <Loading label="Finding orders at risk…" />;
  return <AtRiskList page={page} now={now} windowMinutes={windowMinutes} onWindow={setWindow} />;
}

function DemandView({ now }: { now: number }) {
  const page = boardPage(
    usePaginatedQuery(api.boards.unallocatedDemand, {}, { initialNumItems: PAGE_SIZES.demand }),
    PAGE_SIZES.demand,
  );
  return page ? <DemandTable page={page} now={now} /> : <Loading label="Loading demand…" />;
}

function SpendView({ now }: { now: number }) {
  const [by, setBy] = useState<"day" | "week">("day");
  const spend = useQuery(api.boards.carrierSpend, { nowBucket: now, weeks: 4 });
  if (spend === undefined)
    return (
      <BoardSkeleton label="Adding up postage…">
        <div className="segmented-space" />
        <div className="kpi-row">
          <Tile label="Postage" value="—" hint="labels" />
          <Tile label="Saved against the dearest quote" value="—" />
        </div>
        <ChartSkeleton />
      </BoardSkeleton>
    );
  return <SpendBoard days={spend.days} by={by} onBy={setBy} />;
}

function MetricsView({ now }: { now: number }) {
  const [days, setDays] = useState(7);
  const metrics = useQuery(api.boards.metrics, { nowBucket: now, days });
  return (
    <>
      <label className="inline-field">
        Over{" "}
        <select value={days} onChange={(e) => setDays(Number(e.target.value))} aria-label="Metrics period">
          <option value={1}>today</option>
          <option value={7}>7 days</option>
          <option value={30}>30 days</option>
        </select>
      </label>
      {metrics === undefined ? (
        <BoardSkeleton label="Computing metrics…">
          <div className="kpi-row">
            {[
              "Orders shipped",
              "Cycle time (placed → shipped)",
              "Fill rate",
              "Perfect orders",
              "Split shipments",
              "Orders placed, 24 h",
            ].map((l) => (
              <Tile key={l} label={l} value="—" hint="…" />
            ))}
          </div>
          <div className="grid-2 board-pair">
            <ChartSkeleton height={200} />
            <ChartSkeleton height={200} />
          </div>
        </BoardSkeleton>
      ) : (
        <MetricsBoard metrics={metrics} days={days} />
      )}
    </>
  );
}

function ReturnsView() {
  const page = boardPage(
    usePaginatedQuery(api.boards.returnsBySku, {}, { initialNumItems: PAGE_SIZES.returns }),
    PAGE_SIZES.returns,
  );
  return page ? <ReturnsTable page={page} /> : <Loading label="Loading returns…" />;
}

function FloorView({ now }: { now: number }) {
  const floor = useQuery(api.boards.floor, { nowBucket: now });
  if (floor === undefined)
    return (
      <BoardSkeleton label="Loading the floor…">
        <div className="grid-2 board-pair">
          <ChartSkeleton height={200} />
        </div>
      </BoardSkeleton>
    );
  return <FloorBoard floor={floor} now={now} />;
}

/** The boards in page order: a row of one board or a pair side by side. */
const LAYOUT: { id: string; title: string; View: (p: { now: number }) => ReactNode }[][] = [
  [{ id: "board-backlog", title: "Backlog by stage", View: BacklogView }],
  [
    { id: "board-at-risk", title: "At risk of a late ship", View: AtRiskView },
    { id: "board-demand", title: "Unallocated demand", View: DemandView },
  ],
  [{ id: "board-metrics", title: "Metrics", View: MetricsView }],
  [{ id: "board-spend", title: "Carrier spend", View: SpendView }],
  [
    { id: "board-floor", title: "Floor", View: FloorView },
    { id: "board-returns", title: "Returns by SKU and reason", View: ReturnsView },
  ],
];

export function BoardsPage() {
  const now = useNowBucket();
  const board = ({ id, title, View }: (typeof LAYOUT)[number][number]) => (
    <Section key={id} id={id} title={title} className="card board">
      <ErrorBoundary>
        <View now={now} />
      </ErrorBoundary>
    </Section>
  );
  return (
    <>
      <PageHeader title="Boards">
        <p className="muted">
          Live: every figure moves as orders, picks and labels change. Times as of {formatDateTime(now)}.
        </p>
      </PageHeader>
      <div className="boards">
        {LAYOUT.map((row) =>
          row.length === 1 ? (
            board(row[0]!)
          ) : (
            <div key={row[0]!.id} className="grid-2 board-pair">
              {row.map(board)}
            </div>
          ),
        )}
      </div>
    </>
  );
}
