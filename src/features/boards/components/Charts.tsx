/**
 * Chart building blocks over recharts. Each chart sits in a <figure> whose caption says in words
 * what it shows (for screen readers, and for anyone who would rather read than look).
 */
import type { ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { colorOf } from "../lib/boards";

export function ChartFigure({ caption, height = 240, children }: { caption: string; height?: number; children: ReactNode }) {
  return (
    <figure className="board-chart">
      <div style={{ width: "100%", height }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          {children as React.ReactElement}
        </ResponsiveContainer>
      </div>
      <figcaption className="muted">{caption}</figcaption>
    </figure>
  );
}

/** Vertical bars stacked by series, one bar per x value. */
export function StackedBars({ data, xKey, series, caption, height }: { data: Record<string, string | number>[]; xKey: string; series: string[]; caption: string; height?: number }) {
  return (
    <ChartFigure caption={caption} height={height}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey={xKey} tick={{ fontSize: 12 }} interval={0} angle={data.length > 6 ? -30 : 0} textAnchor={data.length > 6 ? "end" : "middle"} height={data.length > 6 ? 60 : 30} />
        <YAxis allowDecimals={false} width={40} tick={{ fontSize: 12 }} />
        <Tooltip />
        <Legend />
        {series.map((s) => (
          <Bar key={s} dataKey={s} stackId="a" fill={colorOf(s, series)} isAnimationActive={false} />
        ))}
      </BarChart>
    </ChartFigure>
  );
}

/** A KPI tile: a big figure, its name and a line of context. */
export function Tile({ label, value, hint, tone }: { label: string; value: string; hint?: string; tone?: "good" | "bad" }) {
  return (
    <div className={["kpi-tile", tone ? `kpi-${tone}` : ""].join(" ")} role="group" aria-label={label}>
      <div className="kpi-value">{value}</div>
      <div className="kpi-label">{label}</div>
      {hint && <div className="kpi-hint muted">{hint}</div>}
    </div>
  );
}
