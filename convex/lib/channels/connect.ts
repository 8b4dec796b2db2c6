/**
 * The checks on a channel an admin connects, pure and keyed by the server's paths: the server
 * refuses with them (model/channels/channels.ts connectChannel) and the connect form shows them
 * before it sends.
 */
import { settingHoursProblem } from "../clock";
import type { ChannelKindName } from "./env";

export type ChannelConnectInput = {
  /** Trimmed and lower-cased. */
  code: string;
  kind: ChannelKindName;
  name: string;
  settings: { marketplaceId?: string; shopDomain?: string; pullIntervalMinutes?: number };
  ackDeadlineHours?: number;
};

/** Path → sentence for everything wrong with the channel; empty when it can be connected. */
export function channelConnectErrors(c: ChannelConnectInput): Record<string, string> {
  const e: Record<string, string> = {};
  if (!/^[a-z0-9][a-z0-9-]{1,30}$/.test(c.code))
    e.code = "Use 2–31 lowercase letters, digits or dashes, e.g. amazon-us.";
  if (c.code === "manual") e.code = `"manual" is reserved for keyed-in orders.`;
  if (!c.name.trim()) e.name = "Name is required.";
  if (c.kind === "amazon" && !c.settings.marketplaceId?.trim())
    e["settings.marketplaceId"] = "Amazon needs the marketplace id, e.g. ATVPDKIKX0DER.";
  if (c.kind === "shopify" && !/^[a-z0-9-]+\.myshopify\.com$/i.test(c.settings.shopDomain?.trim() ?? ""))
    e["settings.shopDomain"] = "Enter the shop's myshopify.com domain.";
  const interval = c.settings.pullIntervalMinutes;
  if (interval !== undefined && (!Number.isInteger(interval) || interval < 1 || interval > 1440))
    e["settings.pullIntervalMinutes"] = "Pull every 1 to 1,440 minutes.";
  const ack = c.ackDeadlineHours;
  const ackProblem = ack === undefined ? undefined : settingHoursProblem(ack, "zero");
  if (ackProblem) e.ackDeadlineHours = ackProblem;
  return e;
}
