/** Metrics: KPI tiles over the chosen days, orders placed per hour, and the daily rates as lines. */
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { formatDuration, formatPercent } from "../lib/boards";
import { ChartFigure, seriesTable, Tile } from "./Charts";

type Kpis = {
  ordersShipped: number;
  avgCycleMs: number | null;
  fillRate: number | null;
  perfectOrderRate: number | null;
  splitShipmentRatio: number | null;
};
export type Metrics = { totals: Kpis; series: ({ day: string } & Kpis)[]; perHour: { hour: number; orders: number }[] };

const hourLabel = (ms: number) => new Date(ms).toLocaleTimeString("en-US", { hour: "numeric" });

export function MetricsBoard({ metrics, days }: { metrics: Metrics; days: number }) {
  const t = metrics.totals;
  const placed = metrics.perHour.reduce((s, h) => s + h.orders, 0);
  const peak = metrics.perHour.reduce(
    (a, h) => (h.orders > a.orders ? h : a),
    metrics.perHour[0] ?? { hour: 0, orders: 0 },
  );
  const rates = metrics.series.map((d) => ({
    day: d.day.slice(5),
    "Fill rate": d.fillRate === null ? null : Math.round(d.fillRate * 1000) / 10,
    "Perfect orders": d.perfectOrderRate === null ? null : Math.round(d.perfectOrderRate * 1000) / 10,
    "Split shipments": d.splitShipmentRatio === null ? null : Math.round(d.splitShipmentRatio * 1000) / 10,
  }));
  const perHour = metrics.perHour.map((h) => ({ hour: hourLabel(h.hour), Orders: h.orders }));
  return (
    <>
      <div className="kpi-row" aria-label={`Metrics over the last ${days} days`}>
        <Tile label="Orders shipped" value={String(t.ordersShipped)} hint={`last ${days} days`} />
        <Tile label="Cycle time (placed → shipped)" value={formatDuration(t.avgCycleMs)} hint="average" />
        <Tile
          label="Fill rate"
          value={formatPercent(t.fillRate)}
          hint="units shipped ÷ ordered"
          tone={t.fillRate !== null && t.fillRate < 0.95 ? "bad" : undefined}
        />
        <Tile
          label="Perfect orders"
          value={formatPercent(t.perfectOrderRate)}
          hint="complete, on time, no short pick, no return"
        />
        <Tile
          label="Split shipments"
          value={formatPercent(t.splitShipmentRatio)}
          hint="orders in more than one shipment"
        />
        <Tile
          label="Orders placed, 24 h"
          value={String(placed)}
          hint={peak.orders > 0 ? `peak ${peak.orders} at ${hourLabel(peak.hour)}` : undefined}
        />
      </div>
      <div className="grid-2 board-pair">
        <ChartFigure
          caption={`Orders placed per hour over the last 24 hours: ${placed} in all.`}
          height={200}
          table={seriesTable({ rows: perHour, xKey: "hour", xLabel: "Hour", series: ["Orders"] })}
        >
          <BarChart data={perHour} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="hour" tick={{ fontSize: 11 }} interval={3} />
            <YAxis allowDecimals={false} width={32} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Bar dataKey="Orders" fill="#1f4e79" isAnimationActive={false} />
          </BarChart>
        </ChartFigure>
        <ChartFigure
          caption="Fill rate, perfect order rate and split shipment ratio per day, in percent (days with no shipment are blank)."
          height={200}
          table={seriesTable({
            rows: rates,
            xKey: "day",
            xLabel: "Day",
            series: ["Fill rate", "Perfect orders", "Split shipments"],
            format: (p) => `${p}%`,
          })}
        >
          <LineChart data={rates} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tick={{ fontSize: 12 }} />
            <YAxis domain={[0, 100]} width={36} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(v) => `${v}%`} />
            <Legend />
            <Line dataKey="Fill rate" stroke="#1f4e79" connectNulls isAnimationActive={false} />
            <Line dataKey="Perfect orders" stroke="#2f855a" connectNulls isAnimationActive={false} />
            <Line dataKey="Split shipments" stroke="#d97706" connectNulls isAnimationActive={false} />
          </LineChart>
        </ChartFigure>
      </div>
    </>
  );
}
