/** Labels and tones for channel and outbox states, shared by the channel pages. */
import type { Tone } from "../../../components/ui";
import { DAY, HOUR } from "../../../../convex/lib/clock";
import type { ChannelKindName } from "../../../../convex/lib/channels/env";
import type { ChannelStatus } from "../../../lib/api-types";

export const CHANNEL_KIND_LABELS: Record<ChannelKindName, string> = {
  amazon: "Amazon SP-API",
  shopify: "Shopify",
  csv: "CSV import",
  sandbox: "Sandbox",
};

export function channelTone(status: ChannelStatus, enabled: boolean): Tone {
  if (!enabled) return "muted";
  return status === "ok" ? "success" : status === "error" ? "danger" : status === "pulling" ? "info" : "neutral";
}

export const CHANNEL_STATUS_LABELS: Record<ChannelStatus, string> = {
  idle: "Waiting",
  pulling: "Pulling…",
  ok: "OK",
  error: "Failing",
  disabled: "Disabled",
};

/** "5 min ago" for something that happened (a server clock a little ahead reads "just now"). */
export function timeAgo(ms: number | undefined, now = Date.now()): string {
  if (ms === undefined) return "never";
  return ms > now - 1000 ? "just now" : relativeTime(ms, now);
}

/** "in 3 min" / "5 min ago", for pull times that move while the page is open. */
export function relativeTime(ms: number | undefined, now = Date.now()): string {
  if (ms === undefined) return "never";
  if (ms >= Number.MAX_SAFE_INTEGER) return "—";
  const d = ms - now;
  const abs = Math.abs(d);
  const text =
    abs < 60_000
      ? `${Math.max(1, Math.round(abs / 1000))} s`
      : abs < HOUR
        ? `${Math.round(abs / 60_000)} min`
        : abs < DAY
          ? `${Math.round(abs / HOUR)} h`
          : `${Math.round(abs / DAY)} d`;
  return d >= 0 ? `in ${text}` : `${text} ago`;
}
