import { RMA_STATUS_LABELS, type RmaStatus } from "../../../../convex/lib/returns";
import { Badge, type Tone } from "../../../components/ui";

const TONES: Record<RmaStatus, Tone> = {
  requested: "warning",
  approved: "info",
  in_transit: "info",
  partially_received: "warning",
  received: "success",
  refunded: "success",
  closed: "muted",
  rejected: "muted",
  cancelled: "muted",
};

export function RmaStatusBadge({ status }: { status: RmaStatus }) {
  return <Badge tone={TONES[status]}>{RMA_STATUS_LABELS[status]}</Badge>;
}
