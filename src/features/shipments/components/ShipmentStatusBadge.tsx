/** A shipment's status in words and colour, the same on the shipments list, the order's allocation and its shipping. */
import { SHIPMENT_STATUS_LABELS, SHIPMENT_STATUSES } from "../../../../convex/lib/statusSets";
import { Badge, type Tone } from "../../../components/ui";

type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

const TONES: Record<ShipmentStatus, Tone> = {
  open: "info",
  picking: "warning",
  picked: "warning",
  packed: "info",
  shipped: "success",
  cancelled: "muted",
};

export function ShipmentStatusBadge({ status }: { status: ShipmentStatus }) {
  return <Badge tone={TONES[status]}>{SHIPMENT_STATUS_LABELS[status]}</Badge>;
}
