/** Carrier spend: postage per day or week stacked by carrier · service, savings as a line, totals. */
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney } from "../../../../convex/lib/money";
import { EmptyState } from "../../../components/ui";
import { Segmented } from "../../../components/ui/Segmented";
import { colorOf, currenciesOf, spendSeries, type SpendDay } from "../lib/boards";
import { ChartFigure, seriesTable, Tile } from "./Charts";

export function SpendBoard({
  days,
  by,
  onBy,
}: {
  days: SpendDay[];
  by: "day" | "week";
  onBy: (by: "day" | "week") => void;
}) {
  const currencies = currenciesOf(days);
  if (currencies.length === 0)
    return (
      <EmptyState title="No postage bought in this period">
        Labels bought from the order page or the pack station show here.
      </EmptyState>
    );
  return (
    <>
      <Segmented
        label="Group spend by"
        options={["day", "week"] as const}
        value={by}
        onChange={onBy}
        text={(b) => `Per ${b}`}
      />
      {currencies.map((currency) => (
        <SpendInCurrency key={currency} days={days} currency={currency} by={by} />
      ))}
    </>
  );
}

function SpendInCurrency({ days, currency, by }: { days: SpendDay[]; currency: string; by: "day" | "week" }) {
  const { data, series, totals } = spendSeries(days, currency, by);
  const money = (minor: number) => formatMoney(minor, currency);
  return (
    <div>
      <div className="kpi-row">
        <Tile label={`Postage (${currency})`} value={money(totals.amountMinor)} hint={`${totals.labels} labels`} />
        <Tile
          label="Saved against the dearest quote"
          value={money(totals.savingsMinor)}
          tone={totals.savingsMinor > 0 ? "good" : undefined}
        />
      </div>
      <ChartFigure
        table={seriesTable({
          rows: data,
          xKey: "period",
          xLabel: by === "day" ? "Day" : "Week",
          series: [...series, { key: "savings", label: "Saved" }],
          format: (major) => money(Math.round(major * 100)),
        })}
        caption={`Postage per ${by} in ${currency} by carrier and service, ${money(totals.amountMinor)} in all; the line is what the rules saved against the most expensive quote of each rate shop.`}
      >
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="period" tick={{ fontSize: 12 }} />
          <YAxis width={56} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(v) => money(Math.round(Number(v) * 100))} />
          <Legend />
          {series.map((s) => (
            <Bar key={s} dataKey={s} stackId="spend" fill={colorOf(s, series)} isAnimationActive={false} />
          ))}
          <Line
            type="monotone"
            dataKey="savings"
            name="Saved"
            stroke="#2f855a"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ChartFigure>
    </div>
  );
}
