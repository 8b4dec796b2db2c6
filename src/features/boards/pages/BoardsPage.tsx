/**
 * /boards — the supervisor's live boards. Every section is its own live query (useQuery /
 * usePaginatedQuery): another user's change shows without a reload, and a section that fails shows
 * its error without taking the others down. "Now" is the clock rounded to 5 minutes (useNowBucket).
 */
import { useState, type ReactNode } from "react";
import { usePaginatedQuery, useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import { ErrorBoundary, Loading, PageHeader } from "../../../components/ui";
import { formatDateTime } from "../../../lib/format";
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

/** Page sizes; bench/dashboards.measure.ts measures the boards at these. */
export const PAGE_SIZES = { atRisk: 15, demand: 10, returns: 10 };

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section className="card board" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ErrorBoundary>{children}</ErrorBoundary>
    </section>
  );
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
  const { results, status, loadMore } = usePaginatedQuery(
    api.boards.atRisk,
    { nowBucket: now, windowMinutes },
    { initialNumItems: PAGE_SIZES.atRisk },
  );
  if (status === "LoadingFirstPage") return <Loading label="Finding orders at risk…" />;
  return (
    <AtRiskList
      rows={results}
      now={now}
      windowMinutes={windowMinutes}
      onWindow={setWindow}
      status={status}
      onLoadMore={() => loadMore(PAGE_SIZES.atRisk)}
    />
  );
}

function DemandView({ now }: { now: number }) {
  const { results, status, loadMore } = usePaginatedQuery(
    api.boards.unallocatedDemand,
    {},
    { initialNumItems: PAGE_SIZES.demand },
  );
  if (status === "LoadingFirstPage") return <Loading label="Loading demand…" />;
  return <DemandTable rows={results} now={now} status={status} onLoadMore={() => loadMore(PAGE_SIZES.demand)} />;
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
  const { results, status, loadMore } = usePaginatedQuery(
    api.boards.returnsBySku,
    {},
    { initialNumItems: PAGE_SIZES.returns },
  );
  if (status === "LoadingFirstPage") return <Loading label="Loading returns…" />;
  return <ReturnsTable rows={results} status={status} onLoadMore={() => loadMore(PAGE_SIZES.returns)} />;
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

export function BoardsPage() {
  const now = useNowBucket();
  return (
    <>
      <PageHeader title="Boards">
        <p className="muted">
          Live: every figure moves as orders, picks and labels change. Times as of {formatDateTime(now)}.
        </p>
      </PageHeader>
      <div className="boards">
        <Section title="Backlog by stage" id="board-backlog">
          <BacklogView />
        </Section>
        <div className="grid-2 board-pair">
          <Section title="At risk of a late ship" id="board-at-risk">
            <AtRiskView now={now} />
          </Section>
          <Section title="Unallocated demand" id="board-demand">
            <DemandView now={now} />
          </Section>
        </div>
        <Section title="Metrics" id="board-metrics">
          <MetricsView now={now} />
        </Section>
        <Section title="Carrier spend" id="board-spend">
          <SpendView now={now} />
        </Section>
        <div className="grid-2 board-pair">
          <Section title="Floor" id="board-floor">
            <FloorView now={now} />
          </Section>
          <Section title="Returns by SKU and reason" id="board-returns">
            <ReturnsView />
          </Section>
        </div>
      </div>
    </>
  );
}
