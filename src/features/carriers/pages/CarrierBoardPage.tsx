/**
 * /boards/carriers — the Carriers board: per carrier × service × lane, on-time against the
 * promised days of the chosen quote, median and p90 transit days, damage, cost per shipment and per
 * kg, savings against the dearest quote and CO₂e per shipment, with weekly trends. Live: a
 * tracking event or a label moves it without a reload.
 */
import { useState } from "react";
import { useQuery } from "convex/react";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { api } from "../../../../convex/_generated/api";
import { formatMoney } from "../../../../convex/lib/money";
import { formatCo2e } from "../../../../convex/lib/shipping/emissions";
import { EmptyState, ErrorBoundary, Loading, PageHeader } from "../../../components/ui";
import { DataTable, type Column } from "../../../components/ui/DataTable";
import { Segmented } from "../../../components/ui/Segmented";
import { formatDateTime } from "../../../lib/format";
import { useNowBucket } from "../../boards/hooks/useNowBucket";
import { ChartFigure, seriesTable, Tile } from "../../boards/components/Charts";
import "../../boards/boards.css";
import { days, laneLabel, overall, percent, trendSeries, type CarrierBoard } from "../lib/carriers";

const WEEK_CHOICES = [4, 8, 12] as const;

export function CarrierBoardPage() {
  const now = useNowBucket();
  const [weeks, setWeeks] = useState<number>(4);
  return (
    <div>
      <PageHeader title="Carriers">
        <p className="muted">
          Per carrier, service and lane, from the tracking events as they arrive. Shipments count in the week their
          label was bought. As of {formatDateTime(now)}.
        </p>
      </PageHeader>
      <Segmented
        label="Weeks shown"
        options={WEEK_CHOICES}
        value={weeks}
        onChange={setWeeks}
        text={(w) => `${w} weeks`}
      />
      <ErrorBoundary>
        <BoardView now={now} weeks={weeks} />
      </ErrorBoundary>
    </div>
  );
}

function BoardView({ now, weeks }: { now: number; weeks: number }) {
  const board = useQuery(api.carrierBoard.board, { nowBucket: now, weeks });
  if (board === undefined) return <Loading label="Reading the carrier figures…" />;
  if (board.rows.length === 0)
    return (
      <EmptyState title="No labels bought in this period">
        Shipments appear here when their label is bought; tracking events move their figures.
      </EmptyState>
    );
  return <CarrierBoardView board={board} />;
}

export function CarrierBoardView({ board }: { board: CarrierBoard }) {
  const all = overall(board.rows);
  const series = trendSeries(board.trend);
  /** The figures of a weekly chart: a row per week, a column per line or bar. */
  const weekly = (lines: { key: string; label: string }[]) =>
    seriesTable({ rows: series, xKey: "week", xLabel: "Week", series: lines });
  return (
    <>
      <div className="kpi-row" data-testid="carrier-kpis">
        <Tile label="Shipments" value={String(all.shipments)} hint={`${all.delivered} delivered`} />
        <Tile label="On time" value={percent(all.onTimeRate)} hint="delivered within the quote's promised days" />
        <Tile
          label="CO₂e per shipment"
          value={formatCo2e(all.co2ePerShipmentGrams === undefined ? undefined : Math.round(all.co2ePerShipmentGrams))}
        />
      </div>
      <section className="card board" aria-labelledby="carrier-trend">
        <h2 id="carrier-trend">Trend per week</h2>
        <ChartFigure
          caption={`Shipments per week (bars), on-time rate in percent and median transit days (lines), over ${board.weeks.length} weeks.`}
          table={weekly([
            { key: "shipments", label: "Shipments" },
            { key: "onTime", label: "On time %" },
            { key: "median", label: "Median days" },
          ])}
        >
          <ComposedChart data={series} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="week" tick={{ fontSize: 12 }} />
            <YAxis yAxisId="n" width={40} allowDecimals={false} tick={{ fontSize: 12 }} />
            <YAxis yAxisId="pct" orientation="right" width={40} domain={[0, 100]} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend />
            <Bar yAxisId="n" dataKey="shipments" name="Shipments" fill="#3182ce" isAnimationActive={false} />
            <Line
              yAxisId="pct"
              type="monotone"
              dataKey="onTime"
              name="On time %"
              stroke="#2f855a"
              strokeWidth={2}
              isAnimationActive={false}
              connectNulls
            />
            <Line
              yAxisId="n"
              type="monotone"
              dataKey="median"
              name="Median days"
              stroke="#b7791f"
              strokeWidth={2}
              isAnimationActive={false}
              connectNulls
            />
          </ComposedChart>
        </ChartFigure>
        <ChartFigure
          caption="CO₂e per shipment in kilograms per week, and p90 transit days."
          height={200}
          table={weekly([
            { key: "co2eKg", label: "kg CO₂e / shipment" },
            { key: "p90", label: "p90 days" },
          ])}
        >
          <ComposedChart data={series} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="week" tick={{ fontSize: 12 }} />
            <YAxis width={40} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend />
            <Line
              type="monotone"
              dataKey="co2eKg"
              name="kg CO₂e / shipment"
              stroke="#718096"
              strokeWidth={2}
              isAnimationActive={false}
              connectNulls
            />
            <Line
              type="monotone"
              dataKey="p90"
              name="p90 days"
              stroke="#c53030"
              strokeWidth={2}
              isAnimationActive={false}
              connectNulls
            />
          </ComposedChart>
        </ChartFigure>
      </section>
      <section className="card board" aria-labelledby="carrier-lanes">
        <h2 id="carrier-lanes">By carrier, service and lane</h2>
        <DataTable
          caption="Carrier figures per service and lane"
          columns={laneColumns}
          rows={board.rows}
          rowKey={(r) => `${r.carrier}|${r.service}|${r.lane}|${r.currency}`}
          rowData={() => ({ "data-testid": "carrier-row" })}
          empty={{ title: "No labels bought in this period" }}
        />
        <p className="muted">
          On time: delivered within the promised days of the quote that was bought, among delivered shipments with a
          promise. Damaged: share of shipments with a unit returned as “damaged in transit”. Saved: against the dearest
          quote of the same rate shop.
        </p>
      </section>
    </>
  );
}

const money = (minor: number | undefined, currency: string) =>
  minor === undefined ? "—" : formatMoney(minor, currency);

const laneColumns: Column<CarrierBoard["rows"][number]>[] = [
  { key: "carrier", header: "Carrier", priority: "primary", cell: (r) => r.carrier },
  { key: "service", header: "Service", priority: "primary", cell: (r) => r.service },
  { key: "lane", header: "Lane", cell: (r) => laneLabel(r.lane) },
  { key: "shipments", header: "Shipments", align: "num", testId: "carrier-shipments", cell: (r) => r.shipments },
  { key: "ontime", header: "On time", align: "num", testId: "carrier-ontime", cell: (r) => percent(r.onTimeRate) },
  { key: "median", header: "Median", align: "num", testId: "carrier-median", cell: (r) => days(r.medianDays) },
  { key: "p90", header: "p90", align: "num", cell: (r) => days(r.p90Days) },
  { key: "damaged", header: "Damaged", align: "num", cell: (r) => percent(r.damageRate) },
  {
    key: "perShipment",
    header: "Cost / shipment",
    align: "num",
    cell: (r) => money(r.costPerShipmentMinor, r.currency),
  },
  { key: "perKg", header: "Cost / kg", align: "num", cell: (r) => money(r.costPerKgMinor, r.currency) },
  { key: "saved", header: "Saved", align: "num", cell: (r) => formatMoney(r.savingsMinor, r.currency) },
  { key: "co2e", header: "CO₂e / shipment", align: "num", cell: (r) => formatCo2e(r.co2ePerShipmentGrams) },
];
