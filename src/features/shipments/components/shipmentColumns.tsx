/** The shipments list's columns (DataTable). */
import type { FunctionReturnType } from "convex/server";
import type { api } from "../../../../convex/_generated/api";
import { formatDate } from "../../../lib/format";
import { Badge } from "../../../components/ui";
import { CellText, type Column } from "../../../components/ui/DataTable";
import { OrderLink } from "../../orders/components/OrderLink";
import { ShipmentStatusBadge } from "./ShipmentStatusBadge";

export type ShipmentRow = FunctionReturnType<typeof api.shipments.list>["page"][number];
export const shipmentColumns: Column<ShipmentRow>[] = [
  {
    key: "number",
    header: "Shipment",
    priority: "primary",
    hideable: false,
    cell: (s) => <span className="strong mono">{s.number}</span>,
  },
  {
    key: "order",
    header: "Order",
    cell: (s) => (
      <OrderLink id={s.orderId} className="strong">
        {s.orderNumber}
      </OrderLink>
    ),
  },
  {
    key: "status",
    header: "Status",
    cell: (s) => (
      <>
        <ShipmentStatusBadge status={s.status} />
        {s.onHold && (
          <>
            {" "}
            <Badge tone="warning">On hold</Badge>
          </>
        )}
      </>
    ),
  },
  {
    key: "customer",
    header: "Customer",
    cell: (s) => <CellText text={s.customerName} />,
  },
  { key: "warehouse", header: "From", cell: (s) => <span className="mono">{s.warehouseCode}</span> },
  { key: "units", header: "Units", align: "num", cell: (s) => s.units },
  { key: "lines", header: "Lines", align: "num", defaultHidden: true, cell: (s) => s.lineCount },
  {
    key: "source",
    header: "Source",
    defaultHidden: true,
    cell: (s) => (s.source === "dropship" ? "Dropship" : "Stock"),
  },
  { key: "shipBy", header: "Ship by", cell: (s) => formatDate(s.shipBy) },
  { key: "created", header: "Created", sortKey: "created", cell: (s) => formatDate(s.createdAt) },
];
