/** A label's status in words and colour, the same on the order's shipping card and at the pack station. */
import type { FunctionReturnType } from "convex/server";
import type { api } from "../../../../convex/_generated/api";
import { Badge, type Tone } from "../../../components/ui";

export type LabelStatus = FunctionReturnType<typeof api.shipping.forOrder>[number]["labels"][number]["status"];

const WORDS: Record<LabelStatus, { label: string; tone: Tone }> = {
  purchasing: { label: "Buying", tone: "info" },
  purchased: { label: "Bought", tone: "success" },
  voiding: { label: "Voiding", tone: "warning" },
  voided: { label: "Voided", tone: "muted" },
  failed: { label: "Failed", tone: "danger" },
};

export function LabelStatusBadge({ status }: { status: LabelStatus }) {
  return <Badge tone={WORDS[status].tone}>{WORDS[status].label}</Badge>;
}
