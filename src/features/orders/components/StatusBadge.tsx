import { STATUS_LABELS, type OrderStatus } from "../../../../convex/lib/orderStatus";
import { Badge, type Tone } from "../../../components/ui";

const TONES: Record<OrderStatus, Tone> = {
  pending: "neutral",
  on_hold: "warning",
  ready: "info",
  allocated: "info",
  partially_allocated: "warning",
  backordered: "danger",
  picking: "info",
  packed: "info",
  partially_shipped: "warning",
  shipped: "success",
  delivered: "success",
  closed: "muted",
  cancelled: "muted",
};

export function StatusBadge({ status }: { status: OrderStatus }) {
  return <Badge tone={TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}
