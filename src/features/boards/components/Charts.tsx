/**
 * Chart building blocks over recharts. Each chart sits in a <figure> named by its caption, which
 * says in words what it shows; the drawing itself is hidden from assistive technology and holds
 * nothing focusable (recharts' keyboard layer is off), and the same figures are one click away as
 * a table ("Show the figures") for screen readers and for anyone who would rather read than look.
 */
import { cloneElement, useId, type ReactElement, type ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { DataTable, type Column } from "../../../components/ui/DataTable";
import { colorOf } from "../lib/boards";

export type ChartCell = string | number | null | undefined;
/** The chart's data as a table: the columns in order (the first names each row), and the rows. */
export type ChartTable = {
  columns: { key: string; label: string }[];
  rows: Record<string, ChartCell>[];
  format?: (value: number) => string;
};

export function ChartFigure({
  caption,
  height = 240,
  table,
  children,
}: {
  caption: string;
  height?: number;
  table: ChartTable;
  children: ReactElement<{ accessibilityLayer?: boolean }>;
}) {
  const captionId = `chart-${useId().replace(/:/g, "")}`;
  return (
    <figure className="board-chart" aria-labelledby={captionId}>
      <div style={{ width: "100%", height }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          {cloneElement(children, { accessibilityLayer: false })}
        </ResponsiveContainer>
      </div>
      <figcaption className="muted" id={captionId}>
        {caption}
      </figcaption>
      <details className="chart-table">
        <summary>Show the figures</summary>
        <FiguresTable
          caption={`The figures of the chart by ${table.columns[0]?.label.toLowerCase() ?? "row"}`}
          table={table}
        />
      </details>
    </figure>
  );
}

/**
 * The space a chart takes (drawing, a two-line caption, "Show the figures"), held while its data
 * loads so nothing below moves when it arrives (Boards' CLS).
 */
export function ChartSkeleton({ height = 240 }: { height?: number }) {
  return (
    <div className="board-chart chart-skeleton" aria-hidden="true">
      <div className="skeleton-block" style={{ height }} />
      <div className="chart-caption-space" />
      <div className="chart-table-space" />
    </div>
  );
}

/** A section's loading state that keeps the section's loaded shape (`children`), announced by `label`. */
export function BoardSkeleton({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="board-skeleton" role="status" aria-live="polite">
      <span className="visually-hidden">{label}</span>
      {children}
    </div>
  );
}

function FiguresTable({ caption, table }: { caption: string; table: ChartTable }) {
  const cell = (v: ChartCell) =>
    v === null || v === undefined ? "—" : typeof v === "number" && table.format ? table.format(v) : String(v);
  const columns: Column<{ i: number; row: Record<string, ChartCell> }>[] = table.columns.map((c, n) => ({
    key: c.key,
    header: c.label,
    ...(n === 0 ? { priority: "primary", rowHeader: true } : { align: "num" }),
    cell: ({ row }) => cell(row[c.key]),
  }));
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={table.rows.map((row, i) => ({ i, row }))}
      rowKey={({ i }) => String(i)}
      empty={{ title: "No figures yet" }}
    />
  );
}

/** Table columns for a chart's data: the x key, then each series by name. */
export function seriesTable({
  rows,
  xKey,
  xLabel,
  series,
  format,
}: {
  rows: Record<string, ChartCell>[];
  xKey: string;
  xLabel: string;
  series: (string | { key: string; label: string })[];
  format?: (value: number) => string;
}): ChartTable {
  return {
    columns: [{ key: xKey, label: xLabel }, ...series.map((s) => (typeof s === "string" ? { key: s, label: s } : s))],
    rows,
    format,
  };
}

/** Vertical bars stacked by series, one bar per x value. */
export function StackedBars({
  data,
  xKey,
  xLabel,
  series,
  caption,
  height,
}: {
  data: Record<string, string | number>[];
  xKey: string;
  xLabel: string;
  series: string[];
  caption: string;
  height?: number;
}) {
  return (
    <ChartFigure caption={caption} height={height} table={seriesTable({ rows: data, xKey, xLabel, series })}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey={xKey}
          tick={{ fontSize: 12 }}
          interval={0}
          angle={data.length > 6 ? -30 : 0}
          textAnchor={data.length > 6 ? "end" : "middle"}
          height={data.length > 6 ? 60 : 30}
        />
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
export function Tile({
  label,
  value,
  hint,
  tone,
}: {
  label: string;
  value: string;
  hint?: string;
  tone?: "good" | "bad";
}) {
  return (
    <div className={["kpi-tile", tone ? `kpi-${tone}` : ""].join(" ")} role="group" aria-label={label}>
      <div className="kpi-value">{value}</div>
      <div className="kpi-label">{label}</div>
      {hint && <div className="kpi-hint muted">{hint}</div>}
    </div>
  );
}
