/** Floor board: pick lists per warehouse (open, in progress, done today) and who is on which list. */
import { EmptyState } from "../../../components/ui";
import { DataTable, type Column } from "../../../components/ui/DataTable";
import { formatDuration } from "../lib/boards";
import { StackedBars } from "./Charts";

export type Floor = {
  warehouses: {
    warehouseId: string;
    warehouseCode: string;
    open: number;
    inProgress: number;
    doneToday: number;
    unitsLeft: number;
  }[];
  active: {
    pickListId: string;
    number: string;
    warehouseCode: string;
    claimedByName?: string;
    claimedAt?: number;
    unitsPicked: number;
    unitsShort: number;
    unitsTotal: number;
  }[];
};

export function FloorBoard({ floor, now }: { floor: Floor; now: number }) {
  if (floor.warehouses.length === 0 && floor.active.length === 0)
    return <EmptyState title="No pick lists today">Released waves and batches show here.</EmptyState>;
  const data = floor.warehouses.map((w) => ({
    warehouse: w.warehouseCode,
    Open: w.open,
    "In progress": w.inProgress,
    "Done today": w.doneToday,
  }));
  return (
    <div className="grid-2 board-pair">
      <StackedBars
        data={data}
        xKey="warehouse"
        xLabel="Warehouse"
        series={["Open", "In progress", "Done today"]}
        height={200}
        caption={`Pick lists per warehouse: ${floor.warehouses.map((w) => `${w.warehouseCode} ${w.open} open, ${w.inProgress} in progress, ${w.doneToday} done today`).join("; ")}.`}
      />
      <DataTable
        caption="Pick lists in progress and who is on them"
        columns={activeColumns(now)}
        rows={floor.active}
        rowKey={(l) => l.pickListId}
        empty={{ title: "Nobody is picking right now" }}
      />
    </div>
  );
}

const activeColumns = (now: number): Column<Floor["active"][number]>[] => [
  {
    key: "list",
    header: "List",
    priority: "primary",
    cell: (l) => (
      <>
        {l.number} <span className="muted">{l.warehouseCode}</span>
      </>
    ),
  },
  { key: "picker", header: "Picker", cell: (l) => l.claimedByName ?? "—" },
  {
    key: "picked",
    header: "Picked",
    align: "num",
    cell: (l) => `${l.unitsPicked}/${l.unitsTotal}${l.unitsShort > 0 ? ` (${l.unitsShort} short)` : ""}`,
  },
  { key: "for", header: "For", cell: (l) => (l.claimedAt ? formatDuration(Math.max(0, now - l.claimedAt)) : "—") },
];
