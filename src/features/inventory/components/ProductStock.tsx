/** A product's stock in every warehouse and its ledger of movements, newest first. */
import { usePagedRows } from "../../../lib/paging";
import { useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import type { MovementKind } from "../../../lib/api-types";
import { formatDateTime, formatSigned } from "../../../lib/format";
import { Button } from "../../../components/ui";
import { DataTable, type Column } from "../../../components/ui/DataTable";

const KIND_LABELS: Record<MovementKind, string> = {
  receipt: "Receipt",
  adjustment: "Adjustment",
  transfer_out: "Transfer out",
  transfer_in: "Transfer in",
  damage: "Damage",
  ship: "Shipped",
  return_restock: "Return (restock)",
  return_damaged: "Return (damaged)",
};

type Level = FunctionReturnType<typeof api.inventory.levelsForProduct>[number];
type Movement = FunctionReturnType<typeof api.inventory.ledger>["page"][number];

const LEVEL_COLUMNS: Column<Level>[] = [
  {
    key: "warehouse",
    header: "Warehouse",
    priority: "primary",
    cell: (l) => <span title={l.warehouseName}>{l.warehouseCode}</span>,
  },
  { key: "onHand", header: "On hand", align: "num", cell: (l) => l.onHand },
  { key: "reserved", header: "Reserved", align: "num", cell: (l) => l.reserved },
  { key: "available", header: "Available", align: "num", className: () => "strong", cell: (l) => l.available },
  { key: "damaged", header: "Damaged", align: "num", cell: (l) => l.damaged },
  { key: "bin", header: "Bin", cell: (l) => <span className="mono">{l.bin ?? "—"}</span> },
];

const MOVEMENT_COLUMNS: Column<Movement>[] = [
  { key: "when", header: "When", priority: "primary", cell: (m) => formatDateTime(m.at) },
  { key: "warehouse", header: "Warehouse", cell: (m) => m.warehouseCode },
  { key: "movement", header: "Movement", cell: (m) => KIND_LABELS[m.kind] },
  {
    key: "onHand",
    header: "On hand",
    align: "num",
    className: (m) => (m.onHandDelta > 0 ? "delta-pos" : m.onHandDelta < 0 ? "delta-neg" : undefined),
    cell: (m) => formatSigned(m.onHandDelta),
  },
  {
    key: "damaged",
    header: "Damaged",
    align: "num",
    cell: (m) => (m.damagedDelta ? formatSigned(m.damagedDelta) : "—"),
  },
  {
    key: "reason",
    header: "Reason / reference",
    cell: (m) => [m.reason, m.reference].filter(Boolean).join(" · ") || "—",
  },
  { key: "by", header: "By", cell: (m) => m.actorName },
];

export function ProductStock({ productId, onClose }: { productId: Id<"products">; onClose: () => void }) {
  const product = useQuery(api.products.get, { id: productId });
  const levels = useQuery(api.inventory.levelsForProduct, { productId });
  const ledger = usePagedRows(api.inventory.ledger, { productId }, 25);
  return (
    <section className="card stack" aria-labelledby="product-stock-title">
      <div className="panel-title">
        <h2 id="product-stock-title">{product ? `${product.sku} — ${product.name}` : "Product"}</h2>
        <Button size="sm" variant="ghost" onClick={onClose}>
          Close
        </Button>
      </div>
      <div>
        <h3 className="subhead">By warehouse</h3>
        <DataTable
          caption="Stock by warehouse"
          columns={LEVEL_COLUMNS}
          rows={levels}
          rowKey={(l) => l._id}
          empty={{ title: "No stock anywhere yet" }}
        />
      </div>
      <div>
        <h3 className="subhead">Ledger</h3>
        <DataTable
          caption="Ledger movements"
          columns={MOVEMENT_COLUMNS}
          {...ledger}
          rowKey={(m) => m._id}
          empty={{ title: "No movements yet" }}
        />
      </div>
    </section>
  );
}
