import type { Tone } from "../../../components/ui";
import type { BatchItemStatus, BatchStatus } from "../../../lib/api-types";

/** Item status in words and colour. */
export const ITEM_STATUS: Record<BatchItemStatus, { label: string; tone: Tone }> = {
  ready: { label: "Waiting for Buy", tone: "muted" },
  queued: { label: "Queued", tone: "neutral" },
  quoting: { label: "Getting rates", tone: "info" },
  buying: { label: "Buying label", tone: "info" },
  retrying: { label: "Retrying", tone: "warning" },
  bought: { label: "Bought", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
  voided: { label: "Voided", tone: "muted" },
  removed: { label: "Left the batch", tone: "muted" },
};

export const BATCH_STATUS: Record<BatchStatus, { label: string; tone: Tone }> = {
  open: { label: "Not bought yet", tone: "neutral" },
  running: { label: "Buying", tone: "info" },
  done: { label: "Done", tone: "success" },
  voiding: { label: "Voiding", tone: "warning" },
  voided: { label: "Voided", tone: "muted" },
};
