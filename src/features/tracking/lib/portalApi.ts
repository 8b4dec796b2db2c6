/**
 * The customer portal's calls to the deployment's HTTP actions (convex/portal.ts): the lookup
 * gives a signed session token; every other call sends it. Answers are the server's own
 * sentences; the types mirror model/portal/view.ts (the HTTP JSON is not in the generated API).
 */
import { SITE_URL } from "./siteUrl";

export type Milestone = { key: string; label: string; at: number | null; done: boolean; detail: string | null };
export type PortalOrder = {
  orderNumber: string;
  status: string;
  placedAt: number;
  customerName: string;
  pickup: null | {
    storeName: string;
    storeAddress: string;
    storeHours: string;
    status: string;
    code: string | null;
    collectBy: number | null;
  };
  shipments: {
    number: string;
    items: { sku: string; name: string; quantity: number }[];
    milestones: Milestone[];
    tracking: { carrier: string; service: string; trackingNumber: string; url: string | null; status: string | null }[];
  }[];
  backordered: { lineId: string; sku: string; name: string; quantity: number; estimate: number }[];
  returns: {
    windowClosesAt: number | null;
    open: boolean;
    lines: { lineId: string; sku: string; name: string; returnable: number }[];
  };
  rmas: { number: string; status: string; labelUrl: string | null; trackingNumber: string | null }[];
  refunds: { amount: string; reason: string; status: string }[];
};
export type Answer<T> = { ok: true; data: T } | { ok: false; message: string; expired?: boolean };

export async function portalPost<T>(path: string, body: unknown): Promise<Answer<T>> {
  if (!SITE_URL) return { ok: false, message: "Tracking is not configured for this site." };
  try {
    const res = await fetch(`${SITE_URL}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const data = (await res.json()) as T & { ok: boolean; message?: string };
    if (data.ok) return { ok: true, data };
    return {
      ok: false,
      message: data.message ?? "Something went wrong. Please try again.",
      expired: res.status === 401,
    };
  } catch {
    return { ok: false, message: "We could not reach the tracking service. Please try again." };
  }
}
