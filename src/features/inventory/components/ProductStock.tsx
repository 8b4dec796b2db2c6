/** A product's stock in every warehouse and its ledger of movements, newest first. */
import { usePaginatedQuery, useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Id } from "../../../../convex/_generated/dataModel";
import type { MovementKind } from "../../../lib/api-types";
import { formatDateTime, formatSigned } from "../../../lib/format";
import { Button, EmptyState, Loading, LoadMore, Table } from "../../../components/ui";

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

export function ProductStock({ productId, onClose }: { productId: Id<"products">; onClose: () => void }) {
  const product = useQuery(api.products.get, { id: productId });
  const levels = useQuery(api.inventory.levelsForProduct, { productId });
  const ledger = usePaginatedQuery(api.inventory.ledger, { productId }, { initialNumItems: 25 });
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
        {levels === undefined ? (
          <Loading />
        ) : levels.length === 0 ? (
          <EmptyState title="No stock anywhere yet" />
        ) : (
          <Table caption="Stock by warehouse">
            <thead>
              <tr>
                <th scope="col">Warehouse</th>
                <th scope="col" className="num">
                  On hand
                </th>
                <th scope="col" className="num">
                  Reserved
                </th>
                <th scope="col" className="num">
                  Available
                </th>
                <th scope="col" className="num">
                  Damaged
                </th>
                <th scope="col">Bin</th>
              </tr>
            </thead>
            <tbody>
              {levels.map((l) => (
                <tr key={l._id}>
                  <td title={l.warehouseName}>{l.warehouseCode}</td>
                  <td className="num">{l.onHand}</td>
                  <td className="num">{l.reserved}</td>
                  <td className="num strong">{l.available}</td>
                  <td className="num">{l.damaged}</td>
                  <td className="mono">{l.bin ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>
      <div>
        <h3 className="subhead">Ledger</h3>
        {ledger.status === "LoadingFirstPage" ? (
          <Loading />
        ) : ledger.results.length === 0 ? (
          <EmptyState title="No movements yet" />
        ) : (
          <>
            <Table caption="Ledger movements" className="table-cards">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Warehouse</th>
                  <th scope="col">Movement</th>
                  <th scope="col" className="num">
                    On hand
                  </th>
                  <th scope="col" className="num">
                    Damaged
                  </th>
                  <th scope="col">Reason / reference</th>
                  <th scope="col">By</th>
                </tr>
              </thead>
              <tbody>
                {ledger.results.map((m) => (
                  <tr key={m._id}>
                    <td data-label="When">{formatDateTime(m.at)}</td>
                    <td data-label="Warehouse">{m.warehouseCode}</td>
                    <td data-label="Movement">{KIND_LABELS[m.kind]}</td>
                    <td data-label="On hand" className={["num", m.onHandDelta > 0 ? "delta-pos" : m.onHandDelta < 0 ? "delta-neg" : ""].join(" ")}>
                      {formatSigned(m.onHandDelta)}
                    </td>
                    <td data-label="Damaged" className="num">
                      {m.damagedDelta ? formatSigned(m.damagedDelta) : "—"}
                    </td>
                    <td data-label="Reason / reference">{[m.reason, m.reference].filter(Boolean).join(" · ") || "—"}</td>
                    <td data-label="By">{m.actorName}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <LoadMore status={ledger.status} onLoadMore={() => ledger.loadMore(25)} />
          </>
        )}
      </div>
    </section>
  );
}
