/** Backlog by stage: open orders per status stacked by channel; open shipments per warehouse by stage. */
import { EmptyState } from "../../../components/ui";
import { ordersByStage, shipmentsByWarehouse, type BacklogOrderRow, type BacklogShipmentRow } from "../lib/boards";
import { StackedBars } from "./Charts";

export function BacklogBoard({
  byChannel,
  byWarehouse,
}: {
  byChannel: BacklogOrderRow[];
  byWarehouse: BacklogShipmentRow[];
}) {
  if (byChannel.length === 0 && byWarehouse.length === 0) {
    return <EmptyState title="Nothing in the backlog">Every order has shipped or been cancelled.</EmptyState>;
  }
  const orders = ordersByStage(byChannel);
  const shipments = shipmentsByWarehouse(byWarehouse);
  const busiest = [...orders.data].sort((a, b) => total(b, orders.series) - total(a, orders.series))[0];
  return (
    <div className="grid-2 board-pair">
      <div>
        <p className="board-figure" data-testid="backlog-open-orders">
          <strong>{orders.total}</strong> open orders
        </p>
        <StackedBars
          data={orders.data}
          xKey="stage"
          xLabel="Stage"
          series={orders.series}
          caption={`Open orders by stage and channel; most are ${busiest ? String(busiest.stage).toLowerCase() : "—"} (${busiest ? total(busiest, orders.series) : 0}).`}
        />
      </div>
      <div>
        <p className="board-figure" data-testid="backlog-open-shipments">
          <strong>{shipments.total}</strong> open shipments
        </p>
        {shipments.data.length === 0 ? (
          <EmptyState title="No shipments on the floor" />
        ) : (
          <StackedBars
            data={shipments.data}
            xKey="warehouse"
            xLabel="Warehouse"
            series={shipments.series}
            caption={`Open shipments per warehouse by floor stage: ${shipments.data.map((d) => `${d.warehouse} ${total(d, shipments.series)}`).join(", ")}.`}
          />
        )}
      </div>
    </div>
  );
}

const total = (point: Record<string, string | number>, series: string[]) =>
  series.reduce((s, k) => s + (Number(point[k]) || 0), 0);
