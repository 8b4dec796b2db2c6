/**
 * Shopify Admin GraphQL over fetch: orders changed since a time with cursor pagination (sorted by
 * UPDATED_AT), fulfillment with tracking per package through fulfillment orders, tracking
 * corrections with fulfillmentTrackingInfoUpdate, and acknowledgement as an order tag (Shopify has
 * no acknowledgement call). Throttling: GraphQL answers THROTTLED with the bucket's state in
 * extensions.cost; we wait for the points the query needs at the stated restore rate.
 */
import { decimalToMinor, isCurrency, type NormalizedOrder } from "../../lib/channels/order";
import { requestJson } from "./http";
import { ChannelError, realSleep, type AckResult, type AdapterDeps, type ChannelAdapter, type PullPage, type ShipmentConfirmation } from "./types";
import { ORDERS_QUERY, ORDER_FULFILLMENT_QUERY, FULFILLMENT_CREATE, TRACKING_UPDATE, TAGS_ADD, type GqlOrder } from "./shopifyQueries";
import { shopifyPayment } from "./shopifyWebhook";
export { normalizeShopifyRestOrder, verifyShopifyHmac } from "./shopifyWebhook";

export type ShopifyConfig = { graphqlUrl: string; accessToken: string; firstWindowDays?: number; pageSize?: number };
type Cursor = { after: string; page?: string; seen?: string };
type Throttle = { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
type GqlResponse<T> = {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: { cost?: { requestedQueryCost: number; throttleStatus: Throttle } };
};

export const ACK_TAG = "oms-acknowledged";

/** Milliseconds until the bucket holds what the query asked for. */
export function shopifyThrottleWait(cost: { requestedQueryCost: number; throttleStatus: Throttle } | undefined) {
  if (!cost) return 1000;
  const missing = cost.requestedQueryCost - cost.throttleStatus.currentlyAvailable;
  return Math.max(1000, Math.ceil((missing / Math.max(1, cost.throttleStatus.restoreRate)) * 1000));
}

/** A GraphQL order node in the internal model; externalId is the numeric id the webhooks use too. */
export function normalizeShopifyOrder(o: GqlOrder): NormalizedOrder {
  const a = o.shippingAddress ?? {};
  if (!isCurrency(o.currencyCode)) throw new ChannelError(`Order ${o.name} is in ${o.currencyCode}, which we do not sell in.`, false);
  const name = a.name ?? [o.customer?.firstName, o.customer?.lastName].filter(Boolean).join(" ");
  return {
    externalId: o.legacyResourceId,
    placedAt: Date.parse(o.createdAt),
    updatedAt: Date.parse(o.updatedAt),
    cancelled: Boolean(o.cancelledAt),
    customer: { name: name || "Shopify customer", email: o.email ?? o.customer?.email ?? `${o.legacyResourceId}@shopify.invalid`, phone: o.phone ?? undefined },
    shipTo: {
      name: name,
      company: a.company ?? undefined,
      line1: a.address1 ?? "",
      line2: a.address2 ?? undefined,
      city: a.city ?? "",
      region: a.provinceCode ?? undefined,
      postalCode: a.zip ?? "",
      country: a.countryCodeV2 ?? "",
      phone: a.phone ?? undefined,
    },
    currency: o.currencyCode,
    lines: o.lineItems.nodes.map((l) => ({
      externalLineId: l.id,
      listingSku: l.sku || l.id,
      title: l.title,
      quantity: l.quantity,
      unitPriceMinor: decimalToMinor(l.originalUnitPriceSet.shopMoney.amount) ?? 0,
    })),
    paymentStatus: shopifyPayment(o.displayFinancialStatus),
    notes: o.note ?? undefined,
  };
}


export function shopifyAdapter(cfg: ShopifyConfig, deps: AdapterDeps = {}): ChannelAdapter {
  const now = () => deps.now?.() ?? Date.now();
  const sleep = deps.sleep ?? realSleep;

  async function gql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const r = await requestJson<GqlResponse<T>>(cfg.graphqlUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "x-shopify-access-token": cfg.accessToken },
        body: JSON.stringify({ query, variables }),
      }, deps);
      const throttled = r.errors?.some((e) => e.extensions?.code === "THROTTLED");
      if (throttled) {
        const wait = shopifyThrottleWait(r.extensions?.cost);
        if (attempt >= 5) throw new ChannelError("Throttled by Shopify (THROTTLED)", true, 429, wait);
        await sleep(wait);
        continue;
      }
      if (r.errors?.length) throw new ChannelError(`Shopify refused the query: ${r.errors.map((e) => e.message).join("; ")}`, false);
      if (!r.data) throw new ChannelError("Shopify answered without data", true);
      return r.data;
    }
  }

  function userErrors(errs: { field?: string[] | null; message: string }[] | undefined) {
    if (errs?.length) throw new ChannelError(`Shopify refused: ${errs.map((e) => e.message).join("; ")}`, false);
  }

  return {
    async pullPage(raw): Promise<PullPage> {
      const cur: Cursor = raw ? (JSON.parse(raw) as Cursor) : { after: new Date(now() - (cfg.firstWindowDays ?? 3) * 86_400_000).toISOString() };
      const data = await gql<{ orders: { edges: { cursor: string; node: GqlOrder }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(ORDERS_QUERY, {
        first: cfg.pageSize ?? 50,
        after: cur.page ?? null,
        query: `updated_at:>='${cur.after}'`,
      });
      let seen = cur.seen;
      const orders = data.orders.edges.map(({ node }) => {
        if (!seen || node.updatedAt > seen) seen = node.updatedAt;
        return normalizeShopifyOrder(node);
      });
      const { hasNextPage, endCursor } = data.orders.pageInfo;
      if (hasNextPage && endCursor) return { orders, cursor: JSON.stringify({ after: cur.after, page: endCursor, seen }), done: false };
      return { orders, cursor: JSON.stringify({ after: seen ?? cur.after }), done: true };
    },

    async acknowledge(ids): Promise<AckResult[]> {
      const out: AckResult[] = [];
      for (const id of ids) {
        const r = await gql<{ tagsAdd: { userErrors: { message: string }[] } }>(TAGS_ADD, { id: `gid://shopify/Order/${id}`, tags: [ACK_TAG] });
        out.push(r.tagsAdd.userErrors.length ? { externalOrderId: id, ok: false, error: r.tagsAdd.userErrors.map((e) => e.message).join("; ") } : { externalOrderId: id, ok: true });
      }
      return out;
    },

    async confirmShipment(c: ShipmentConfirmation) {
      const trackingInfo = { company: c.carrier, number: c.trackingNumber };
      if (c.replaces?.remoteRef) {
        const r = await gql<{ fulfillmentTrackingInfoUpdate: { fulfillment: { id: string } | null; userErrors: { message: string }[] } }>(TRACKING_UPDATE, { fulfillmentId: c.replaces.remoteRef, trackingInfoInput: trackingInfo });
        userErrors(r.fulfillmentTrackingInfoUpdate.userErrors);
        return { remoteRef: c.replaces.remoteRef };
      }
      const { order } = await gql<{ order: { fulfillments: { id: string; trackingInfo: { number: string | null }[] }[]; fulfillmentOrders: { nodes: { id: string; status: string; lineItems: { nodes: { id: string; remainingQuantity: number; lineItem: { id: string } }[] } }[] } } | null }>(
        ORDER_FULFILLMENT_QUERY,
        { id: `gid://shopify/Order/${c.externalOrderId}` },
      );
      if (!order) throw new ChannelError(`Shopify has no order ${c.externalOrderId}`, false, 404);
      // A retry after a lost answer must not fulfil twice: the tracking number already there wins.
      const already = order.fulfillments.find((f) => f.trackingInfo.some((t) => t.number === c.trackingNumber));
      if (already) return { remoteRef: already.id };
      const open = order.fulfillmentOrders.nodes.filter((fo) => fo.status === "OPEN" || fo.status === "IN_PROGRESS");
      const wanted = new Map(c.items.map((i) => [i.externalLineId, i.quantity]));
      const byFo = open
        .map((fo) => ({
          fulfillmentOrderId: fo.id,
          fulfillmentOrderLineItems: c.items.length === 0 ? undefined : fo.lineItems.nodes.flatMap((li) => {
            const want = wanted.get(li.lineItem.id) ?? 0;
            const quantity = Math.min(want, li.remainingQuantity);
            if (quantity <= 0) return [];
            wanted.set(li.lineItem.id, want - quantity);
            return [{ id: li.id, quantity }];
          }),
        }))
        .filter((x) => x.fulfillmentOrderLineItems === undefined || x.fulfillmentOrderLineItems.length > 0);
      if (byFo.length === 0) throw new ChannelError(`Nothing left to fulfil on Shopify order ${c.externalOrderId}`, false);
      const r = await gql<{ fulfillmentCreate: { fulfillment: { id: string } | null; userErrors: { message: string }[] } }>(FULFILLMENT_CREATE, {
        fulfillment: { lineItemsByFulfillmentOrder: byFo, trackingInfo, notifyCustomer: true },
      });
      userErrors(r.fulfillmentCreate.userErrors);
      return { remoteRef: r.fulfillmentCreate.fulfillment?.id };
    },
  };
}
