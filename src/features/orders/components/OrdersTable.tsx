import { useMemo, useState } from "react";
import { DataTable } from "../../../components/ui/DataTable";
import { orderColumns, type OrderRow } from "./orderColumns";
import "../orders-phone.css";

/** A fixed list of orders (no paging) in the orders list's columns. */
export function OrdersTable({ orders, caption = "Orders" }: { orders: OrderRow[]; caption?: string }) {
  const [now] = useState(() => Date.now());
  const columns = useMemo(() => orderColumns(now), [now]);
  return (
    <DataTable
      caption={caption}
      className="orders-cards"
      columns={columns}
      rows={orders}
      rowKey={(o) => o._id}
      empty={{ title: "No orders" }}
    />
  );
}
