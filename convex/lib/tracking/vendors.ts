/**
 * Tracking webhooks, pure: signature checks in each vendor's documented scheme (Web Crypto, so
 * they run in the Convex runtime of HTTP actions) and the vendors' bodies as milestone events.
 *
 * - EasyPost: `X-Hmac-Signature: hmac-sha256-hex=<hex>`, the HMAC-SHA256 of the raw body keyed
 *   with the webhook secret normalised to NFKD (EasyPost's `validateWebhook` in every SDK).
 *   Body: an Event (`id` evt_…, `description` "tracker.updated", `result` the Tracker with
 *   `tracking_code`, `status`, `public_url`, `tracking_details[]`).
 * - Shippo: `Shippo-Auth-Signature: t=<unix seconds>,v1=<hex>`, the HMAC-SHA256 of "<t>.<raw
 *   body>" (Shippo's webhook security, HMAC option), refused outside ±5 minutes of our clock;
 *   Shippo's "self-generated token" option (`?token=`) is accepted as well when configured.
 *   Body: `{ event: "track_updated", data: Track }` with `tracking_status` and `tracking_history[]`,
 *   each status carrying its own `object_id`.
 */
import type { MilestoneKind } from "./kinds";
import { hmacSha256, safeEqual, toHex } from "../hmac";

export { safeEqual };

export type VendorEvent = {
  eventId: string;
  trackingNumber: string;
  kind: MilestoneKind;
  at: number;
  location?: string;
  description: string;
  trackingUrl?: string;
};

/** HMAC-SHA256 of `message` under `key`, as lowercase hex (how EasyPost and Shippo sign). */
export async function hmacSha256Hex(key: string, message: string): Promise<string> {
  return toHex(await hmacSha256(key, message));
}

export async function easyPostSignature(rawBody: string, secret: string) {
  return `hmac-sha256-hex=${await hmacSha256Hex(secret.normalize("NFKD"), rawBody)}`;
}

export async function verifyEasyPost(
  rawBody: string,
  header: string | null,
  secret: string | undefined,
): Promise<boolean> {
  if (!header || !secret) return false;
  return safeEqual(header.trim().toLowerCase(), (await easyPostSignature(rawBody, secret)).toLowerCase());
}

export const SHIPPO_TOLERANCE_S = 300;

export async function shippoSignature(rawBody: string, secret: string, unixSeconds: number) {
  return `t=${unixSeconds},v1=${await hmacSha256Hex(secret, `${unixSeconds}.${rawBody}`)}`;
}

/** Shippo's HMAC header, within the tolerance of `nowMs`. */
export async function verifyShippo(
  rawBody: string,
  header: string | null,
  secret: string | undefined,
  nowMs: number,
): Promise<boolean> {
  if (!header || !secret || header.length > 256) return false;
  let t = "";
  let v1 = "";
  for (const part of header.split(",")) {
    const [k, ...rest] = part.trim().split("=");
    if (k === "t") t = rest.join("=");
    else if (k === "v1") v1 = rest.join("=").toLowerCase();
  }
  if (!/^\d{1,12}$/.test(t) || !v1) return false;
  if (Math.abs(nowMs / 1000 - Number(t)) > SHIPPO_TOLERANCE_S) return false;
  return safeEqual(v1, await hmacSha256Hex(secret, `${t}.${rawBody}`));
}

const str = (x: unknown) => (typeof x === "string" && x.trim() ? x.trim() : undefined);
const time = (x: unknown) => {
  const s = str(x);
  const t = s ? Date.parse(s) : NaN;
  return Number.isFinite(t) ? t : undefined;
};
const place = (l: unknown) => {
  if (!l || typeof l !== "object") return undefined;
  const o = l as Record<string, unknown>;
  const parts = [str(o.city), str(o.state), str(o.country)].filter(Boolean);
  return parts.length ? parts.join(", ").slice(0, 200) : undefined;
};

/** A vendor's statuses by the milestone each stands for, looked up by status. */
function statusMilestones(byKind: Partial<Record<MilestoneKind, string[]>>): ReadonlyMap<string, MilestoneKind> {
  return new Map(
    Object.entries(byKind).flatMap(([kind, statuses]) => statuses.map((s) => [s, kind as MilestoneKind] as const)),
  );
}

const EASYPOST_MILESTONES = statusMilestones({
  in_transit: ["in_transit"],
  out_for_delivery: ["out_for_delivery"],
  delivered: ["delivered", "available_for_pickup"],
  exception: ["return_to_sender", "failure", "error", "cancelled"],
});

/** EasyPost tracker statuses as milestones; pre-transit and unknown are not milestones. */
export function easyPostKind(status: string | undefined): MilestoneKind | undefined {
  return EASYPOST_MILESTONES.get((status ?? "").toLowerCase());
}

/** Milestones of an EasyPost Event body (tracker.created / tracker.updated); [] for other events. */
export function easyPostEvents(body: unknown): VendorEvent[] {
  const e = body as { id?: unknown; description?: unknown; result?: Record<string, unknown> } | null;
  if (
    !e ||
    typeof e !== "object" ||
    !String(e.description ?? "").startsWith("tracker.") ||
    !e.result ||
    typeof e.result !== "object"
  )
    return [];
  const tracker = e.result;
  const trackingNumber = str(tracker.tracking_code);
  if (!trackingNumber) return [];
  const trackingUrl = str(tracker.public_url);
  const details = Array.isArray(tracker.tracking_details)
    ? (tracker.tracking_details as Record<string, unknown>[])
    : [];
  const out: VendorEvent[] = [];
  for (const d of details.slice(0, 200)) {
    const kind = easyPostKind(str(d.status));
    const at = time(d.datetime);
    if (!kind || at === undefined) continue;
    // EasyPost's TrackingDetail has no id: the tracker, the status and the time name it.
    out.push({
      eventId: `${str(tracker.id) ?? trackingNumber}:${str(d.status)}:${at}`,
      trackingNumber,
      kind,
      at,
      location: place(d.tracking_location),
      description: (str(d.message) ?? str(d.status) ?? "").slice(0, 500),
      trackingUrl,
    });
  }
  return withFirstScan(out);
}

const SHIPPO_MILESTONES = statusMilestones({
  in_transit: ["TRANSIT"],
  delivered: ["DELIVERED"],
  exception: ["RETURNED", "FAILURE"],
});

/** Shippo track statuses (and the out-for-delivery substatus) as milestones. */
export function shippoKind(status: string | undefined, substatus: string | undefined): MilestoneKind | undefined {
  if ((substatus ?? "").toLowerCase() === "out_for_delivery") return "out_for_delivery";
  return SHIPPO_MILESTONES.get((status ?? "").toUpperCase());
}

/** Milestones of a Shippo `track_updated` body: its history and its current status. */
export function shippoEvents(body: unknown): VendorEvent[] {
  const b = body as { event?: unknown; data?: Record<string, unknown> } | null;
  if (!b || typeof b !== "object" || str(b.event) !== "track_updated" || !b.data || typeof b.data !== "object")
    return [];
  const trackingNumber = str(b.data.tracking_number);
  if (!trackingNumber) return [];
  const statuses = [
    ...(Array.isArray(b.data.tracking_history) ? (b.data.tracking_history as Record<string, unknown>[]) : []),
    b.data.tracking_status as Record<string, unknown>,
  ].filter((s) => s && typeof s === "object");
  const seen = new Set<string>();
  const out: VendorEvent[] = [];
  for (const s of statuses.slice(0, 200)) {
    const sub =
      s.substatus && typeof s.substatus === "object" ? str((s.substatus as Record<string, unknown>).code) : undefined;
    const kind = shippoKind(str(s.status), sub);
    const at = time(s.status_date);
    const id = str(s.object_id) ?? `${trackingNumber}:${str(s.status)}:${at}`;
    if (!kind || at === undefined || seen.has(id)) continue;
    seen.add(id);
    out.push({
      eventId: id,
      trackingNumber,
      kind,
      at,
      location: place(s.location),
      description: (str(s.status_details) ?? str(s.status) ?? "").slice(0, 500),
    });
  }
  return withFirstScan(out);
}

/** The earliest carrier event of a package is also its first scan (a milestone of its own). */
export function withFirstScan(events: VendorEvent[]): VendorEvent[] {
  const first = [...events].sort((a, b) => a.at - b.at)[0];
  if (!first) return events;
  return [
    {
      ...first,
      eventId: `${first.eventId}:first_scan`,
      kind: "first_scan",
      description: `First carrier scan: ${first.description}`,
    },
    ...events,
  ];
}
