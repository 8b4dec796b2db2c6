/**
 * /allocation/what-if — runs a strategy over the current backlog on the server without writing
 * anything and compares with today's plans. It is a live query: as orders arrive or stock moves,
 * the comparison updates by itself.
 */
import { useState } from "react";
import "../allocation.css";
import { Link } from "react-router-dom";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { FunctionReturnType } from "convex/server";
import { EmptyState, Loading, PageHeader, SelectField } from "../../../components/ui";
import { DataTable, type Column } from "../../../components/ui/DataTable";
import { StrategyOptions } from "../components/StrategyOptions";

type Figures = { shipments: number; splitOrders: number; distanceKm: number; backordered: number; dropshipped: number };

const ROWS: { key: keyof Figures; label: string; better: "lower" }[] = [
  { key: "shipments", label: "Shipments", better: "lower" },
  { key: "splitOrders", label: "Split orders", better: "lower" },
  { key: "distanceKm", label: "Distance (km)", better: "lower" },
  { key: "backordered", label: "Backordered units", better: "lower" },
  { key: "dropshipped", label: "Dropshipped units", better: "lower" },
];

function Compare({ current, simulated }: { current: Figures; simulated: Figures }) {
  return (
    <div className="compare-grid" role="list" aria-label="Today against the simulation">
      {ROWS.map(({ key, label }) => {
        const a = current[key];
        const b = simulated[key];
        const max = Math.max(a, b, 1);
        const delta = b - a;
        return (
          <div key={key} className="compare-row" role="listitem">
            <span className="compare-label">{label}</span>
            <div className="compare-bars" aria-hidden>
              <span className="bar bar-current" style={{ width: `${(a / max) * 100}%` }} />
              <span className="bar bar-simulated" style={{ width: `${(b / max) * 100}%` }} />
            </div>
            <span className="compare-values">
              {Math.round(a).toLocaleString()} → <strong>{Math.round(b).toLocaleString()}</strong>{" "}
              <span className={delta < 0 ? "delta-good" : delta > 0 ? "delta-bad" : "muted"}>
                ({delta > 0 ? "+" : ""}
                {Math.round(delta).toLocaleString()})
              </span>
            </span>
          </div>
        );
      })}
    </div>
  );
}

type Changed = NonNullable<FunctionReturnType<typeof api.allocation.whatIf>>["changed"][number];
const before = (o: Changed, key: "shipments" | "distanceKm" | "backordered") =>
  `${Math.round(o.current[key])} → ${Math.round(o.simulated[key])}`;
const changedColumns: Column<Changed>[] = [
  {
    key: "order",
    header: "Order",
    priority: "primary",
    cell: (o) => <Link to={`/orders/${o.orderId}`}>{o.number}</Link>,
  },
  { key: "shipments", header: "Shipments", align: "num", cell: (o) => before(o, "shipments") },
  { key: "km", header: "Km", align: "num", cell: (o) => before(o, "distanceKm") },
  { key: "backordered", header: "Backordered", align: "num", cell: (o) => before(o, "backordered") },
  { key: "why", header: "Why", className: () => "small", cell: (o) => o.reasons[0] },
];

export function WhatIfPage() {
  const strategies = useQuery(api.allocation.strategies, {});
  const [strategy, setStrategy] = useState<string>();
  const chosen = strategy ?? strategies?.available.find((s) => s.name !== strategies.defaultStrategy)?.name;
  const result = useQuery(api.allocation.whatIf, chosen ? { strategy: chosen, limit: 300 } : "skip");
  return (
    <>
      <PageHeader title="What if…">
        <p className="muted">
          Re-plans the open backlog with another strategy, on the server, writing nothing. Compare before you switch.
        </p>
      </PageHeader>
      {strategies === undefined ? (
        <Loading label="Loading strategies…" />
      ) : (
        <SelectField
          label="Strategy to try"
          value={chosen}
          onChange={(e) => setStrategy(e.target.value)}
          hint={strategies.available.find((s) => s.name === chosen)?.description}
        >
          <StrategyOptions strategies={strategies.available} current={strategies.defaultStrategy} />
        </SelectField>
      )}
      {chosen && result === undefined && <Loading label="Simulating the backlog…" />}
      {result && result.ordersCompared === 0 && (
        <EmptyState title="The backlog is empty">There is nothing open to re-plan.</EmptyState>
      )}
      {result && result.ordersCompared > 0 && (
        <>
          <p>
            {result.ordersCompared} open orders compared
            {result.truncated ? " (the oldest part of a larger backlog)" : ""}.{" "}
            <span className="legend">
              <span className="swatch bar-current" /> today <span className="swatch bar-simulated" /> with{" "}
              {result.strategy.replace(/_/g, " ")}
            </span>
          </p>
          <Compare current={result.current} simulated={result.simulated} />
          <h2>Orders whose plan would change</h2>
          <DataTable
            caption="Orders whose plan would change"
            columns={changedColumns}
            rows={result.changed}
            rowKey={(o) => o.orderId}
            empty={{ title: "No order would change" }}
          />
        </>
      )}
    </>
  );
}
