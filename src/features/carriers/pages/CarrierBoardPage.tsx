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
import { EmptyState, ErrorBoundary, Loading, PageHeader, Table } from "../../../components/ui";
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
      <div className="segmented" role="group" aria-label="Weeks shown">
        {WEEK_CHOICES.map((w) => (
          <button
            key={w}
            type="button"
            className={w === weeks ? "active" : undefined}
            aria-pressed={w === weeks}
            onClick={() => setWeeks(w)}
          >
            {w} weeks
          </button>
        ))}
      </div>
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
          table={seriesTable(series, "week", "Week", [
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
          table={seriesTable(series, "week", "Week", [
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
        <Table caption="Carrier figures per service and lane">
          <thead>
            <tr>
              <th>Carrier</th>
              <th>Service</th>
              <th>Lane</th>
              <th className="num">Shipments</th>
              <th className="num">On time</th>
              <th className="num">Median</th>
              <th className="num">p90</th>
              <th className="num">Damaged</th>
              <th className="num">Cost / shipment</th>
              <th className="num">Cost / kg</th>
              <th className="num">Saved</th>
              <th className="num">CO₂e / shipment</th>
            </tr>
          </thead>
          <tbody>
            {board.rows.map((r) => (
              <tr key={`${r.carrier}|${r.service}|${r.lane}|${r.currency}`} data-testid="carrier-row">
                <td>{r.carrier}</td>
                <td>{r.service}</td>
                <td>{laneLabel(r.lane)}</td>
                <td className="num" data-testid="carrier-shipments">
                  {r.shipments}
                </td>
                <td className="num" data-testid="carrier-ontime">
                  {percent(r.onTimeRate)}
                </td>
                <td className="num" data-testid="carrier-median">
                  {days(r.medianDays)}
                </td>
                <td className="num">{days(r.p90Days)}</td>
                <td className="num">{percent(r.damageRate)}</td>
                <td className="num">
                  {r.costPerShipmentMinor === undefined ? "—" : formatMoney(r.costPerShipmentMinor, r.currency)}
                </td>
                <td className="num">
                  {r.costPerKgMinor === undefined ? "—" : formatMoney(r.costPerKgMinor, r.currency)}
                </td>
                <td className="num">{formatMoney(r.savingsMinor, r.currency)}</td>
                <td className="num">{formatCo2e(r.co2ePerShipmentGrams)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
        <p className="muted">
          On time: delivered within the promised days of the quote that was bought, among delivered shipments with a
          promise. Damaged: share of shipments with a unit returned as “damaged in transit”. Saved: against the dearest
          quote of the same rate shop.
        </p>
      </section>
    </>
  );
}
