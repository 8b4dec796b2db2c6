/**
 * Shopify's documented example bodies (shopify-api-js REST tests, Admin API 2024-04) replayed
 * through shopifyAdapter's GraphQL calls. No Shopify repository publishes recorded GraphQL order
 * responses, so each REST body is answered in its GraphQL shape by the field mapping below
 * (`current_quantity` → `currentQuantity`, `fulfillable_quantity` → `remainingQuantity`, ids →
 * gids …), nulls and missing fields kept as they are. The webhook path (normalizeShopifyRestOrder)
 * reads the same bodies directly and must agree.
 */
import { normalizeShopifyRestOrder, shopifyAdapter } from "../channels/shopify";
import { SHOPIFY_API_VERSION } from "../../lib/channels/env";
import { decimalToMinor } from "../../lib/channels/order";
import type { RestOrder } from "../channels/shopifyWebhook";
import type { GqlOrder } from "../channels/shopifyQueries";
import { ChannelError } from "../channels/types";
import { channelFailure } from "./channels.contract.testing";
import { check, equal, exchangesOf, type Contract, type Exchange, type Replay } from "./replay.testing";

const V = "shopify";
type Rest = Record<string, unknown>;
const gid = (type: string, id: unknown) => `gid://shopify/${type}/${String(id)}`;

/** A REST order in its GraphQL Order shape. */
export function gqlFromRest(o: Rest & RestOrder & { admin_graphql_api_id?: string }): GqlOrder {
  const a = (o.shipping_address ?? null) as Rest | null;
  const c = (o.customer ?? null) as Rest | null;
  return {
    id: o.admin_graphql_api_id ?? gid("Order", o.id),
    legacyResourceId: String(o.id),
    name: String(o.name ?? ""),
    createdAt: o.created_at,
    updatedAt: o.updated_at ?? o.created_at,
    cancelledAt: o.cancelled_at ?? null,
    email: o.email ?? null,
    phone: o.phone ?? null,
    note: o.note ?? null,
    currencyCode: o.currency,
    displayFinancialStatus: o.financial_status ? String(o.financial_status).toUpperCase() : null,
    customer: c
      ? {
          firstName: (c.first_name as string) ?? null,
          lastName: (c.last_name as string) ?? null,
          email: (c.email as string) ?? null,
        }
      : null,
    shippingAddress: a
      ? {
          name: a.name as string,
          company: a.company as string | null,
          address1: a.address1 as string,
          address2: a.address2 as string | null,
          city: a.city as string,
          provinceCode: a.province_code as string | null,
          zip: a.zip as string,
          countryCodeV2: a.country_code as string,
          phone: a.phone as string | null,
        }
      : null,
    // Issue 20: REST total_shipping_price_set.shop_money → GraphQL totalShippingPriceSet.shopMoney.
    totalShippingPriceSet: o.total_shipping_price_set?.shop_money?.amount
      ? {
          shopMoney: {
            amount: o.total_shipping_price_set.shop_money.amount,
            currencyCode: o.total_shipping_price_set.shop_money.currency_code ?? o.currency,
          },
        }
      : null,
    lineItems: {
      nodes: o.line_items.map((l) => ({
        id: l.admin_graphql_api_id ?? gid("LineItem", l.id),
        sku: l.sku ?? null,
        title: l.title,
        quantity: l.quantity,
        currentQuantity: l.current_quantity ?? null,
        originalUnitPriceSet: { shopMoney: { amount: l.price, currencyCode: o.currency } },
      })),
      pageInfo: { hasNextPage: false, endCursor: null },
    },
  };
}

const ordersIn = (body: unknown) => {
  const b = body as { orders?: Rest[]; order?: Rest };
  return (b.orders ?? (b.order ? [b.order] : [])) as (Rest & RestOrder)[];
};
/** Complete order bodies (not a `fields=`-filtered one, a count or an empty body). */
const complete = (o: Rest) =>
  typeof o.created_at === "string" && typeof o.currency === "string" && Array.isArray(o.line_items);

const foIn = (body: unknown) =>
  Object.entries(body as Record<string, unknown>)
    .filter(([k, v]) => (k.endsWith("fulfillment_order") || k === "fulfillment_orders" ? v !== null : false))
    .flatMap(([, v]) => (Array.isArray(v) ? v : [v])) as {
    id: number;
    status: string;
    line_items?: { id: number; line_item_id: number; fulfillable_quantity: number }[];
  }[];
const gqlFo = (fo: ReturnType<typeof foIn>[number]) => ({
  id: gid("FulfillmentOrder", fo.id),
  status: fo.status.toUpperCase(),
  lineItems: {
    nodes: (fo.line_items ?? []).map((li) => ({
      id: gid("FulfillmentOrderLineItem", li.id),
      remainingQuantity: li.fulfillable_quantity,
      lineItem: { id: gid("LineItem", li.line_item_id) },
    })),
  },
});
type RestFulfillment = { id: number; status: string; tracking_numbers?: string[] };
const gqlFulfillment = (f: RestFulfillment) => ({
  id: gid("Fulfillment", f.id),
  status: f.status.toUpperCase(),
  trackingInfo: (f.tracking_numbers ?? []).map((number) => ({ number })),
});

const adapter = (r: Replay) =>
  shopifyAdapter(
    { graphqlUrl: `${r.vendor.url}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`, accessToken: "shpat_replay" },
    { sleep: async () => {} },
  );
const GQL = `POST /admin/api/${SHOPIFY_API_VERSION}/graphql.json`;
const opOf = (r: Replay, i: number) =>
  /(?:query|mutation) (\w+)/.exec(String((r.requests[i]?.body as { query?: string })?.query))?.[1];

const orderBodies = () => exchangesOf(V, "orders.json").filter((e) => ordersIn(e.response).some(complete));
const foBodies = () => exchangesOf(V, "fulfillment_orders.json").filter((e) => foIn(e.response).length > 0);
const createdBodies = () =>
  exchangesOf(V, "fulfillments.json").filter((e) => (e.response as { fulfillment?: unknown }).fulfillment);
const listBodies = () =>
  exchangesOf(V, "fulfillments.json").filter((e) =>
    Array.isArray((e.response as { fulfillments?: unknown }).fulfillments),
  );

export const shopifyContract: Contract = {
  vendor: V,
  get cases() {
    const created = createdBodies();
    let k = 0;
    return [
      ...orderBodies().map((e: Exchange) => ({
        name: `orders.json body ${e.index}: current quantities (removed and refunded units are not shipped), currency as sent; the webhook path agrees`,
        run: async (r: Replay) => {
          const rest = ordersIn(e.response).filter(complete);
          r.serve(e, GQL, {
            rewrite: () => ({
              data: {
                orders: {
                  edges: rest.map((o, i) => ({ cursor: `c${i}`, node: gqlFromRest(o) })),
                  pageInfo: { hasNextPage: false, endCursor: `c${rest.length - 1}` },
                },
              },
            }),
          });
          const page = await adapter(r).pullPage(JSON.stringify({ after: "2000-01-01T00:00:00Z" }));
          const want = rest.map((o) =>
            o.line_items
              .filter((l) => (l.current_quantity ?? l.quantity) > 0)
              .map((l) => [l.sku || l.admin_graphql_api_id || gid("LineItem", l.id), l.current_quantity ?? l.quantity]),
          );
          equal(
            page.orders.map((o) => o.lines.map((l) => [l.listingSku, l.quantity])),
            want,
            "lines",
          );
          equal(
            page.orders.map((o) => [o.externalId, o.currency, o.cancelled]),
            rest.map((o) => [String(o.id), o.currency, Boolean(o.cancelled_at)]),
            "orders",
          );
          equal(
            rest.map((o) => normalizeShopifyRestOrder(o)?.lines.map((l) => [l.listingSku, l.quantity])),
            want,
            "webhook path",
          );
          // Shipping charged (issue 20): the recorded "Free Shipping" totals are 0.00 — nothing charged, on both paths.
          const shipping = rest.map(
            (o) => decimalToMinor(o.total_shipping_price_set?.shop_money?.amount ?? "0") || undefined,
          );
          equal(
            page.orders.map((o) => o.shippingChargedMinor),
            shipping,
            "shipping charged",
          );
          equal(
            rest.map((o) => normalizeShopifyRestOrder(o)?.shippingChargedMinor),
            shipping,
            "shipping charged, webhook path",
          );
        },
      })),
      ...foBodies().map((e: Exchange) => {
        const fos = foIn(e.response);
        const open = fos.some(
          (fo) =>
            (fo.status === "open" || fo.status === "in_progress") &&
            (fo.line_items ?? []).some((li) => li.fulfillable_quantity > 0),
        );
        const reply = open ? created[k++ % created.length] : undefined;
        return {
          name: open
            ? `fulfillment_orders.json body ${e.index}: an open fulfillment order is fulfilled with the package's line items (answered by fulfillments.json body ${reply!.index})`
            : `fulfillment_orders.json body ${e.index}: a ${fos.map((f) => f.status).join("/")} fulfillment order cannot be fulfilled now, and the message says why`,
          run: async (r: Replay) => {
            const lineItem = fos.flatMap((fo) => fo.line_items ?? [])[0];
            r.serve(e, GQL, {
              rewrite: () => ({ data: { order: { fulfillments: [], fulfillmentOrders: { nodes: fos.map(gqlFo) } } } }),
            });
            const c = {
              externalOrderId: "450789469",
              packageKey: "s:p",
              carrier: "UPS",
              trackingNumber: "1Z001985YW99744790",
              items: [{ externalLineId: gid("LineItem", lineItem?.line_item_id ?? 0), quantity: 1 }],
              shippedAt: 0,
            };
            if (!open) {
              const err = await channelFailure(adapter(r).confirmShipment(c));
              check(!err.retryable && /cannot be fulfilled now|Nothing left/.test(err.message), err.message);
              return;
            }
            const f = (reply!.response as { fulfillment: RestFulfillment }).fulfillment;
            r.serve(reply!, GQL, {
              rewrite: () => ({
                data: {
                  fulfillmentCreate: {
                    fulfillment: { id: gid("Fulfillment", f.id), status: f.status.toUpperCase() },
                    userErrors: [],
                  },
                },
              }),
            });
            const bad = ["failure", "cancelled", "error"].includes(f.status);
            const out = await adapter(r)
              .confirmShipment(c)
              .then(
                (x) => x,
                (x: unknown) => x,
              );
            if (bad)
              check(
                out instanceof ChannelError && out.retryable,
                `a ${f.status} fulfillment is retried: ${String(out)}`,
              );
            else equal(out, { remoteRef: gid("Fulfillment", f.id) }, "fulfillment id");
            equal(opOf(r, 1), "FulfillmentCreate", "mutation");
            const sent = (
              r.requests[1].body as {
                variables: {
                  fulfillment: {
                    lineItemsByFulfillmentOrder: {
                      fulfillmentOrderId: string;
                      fulfillmentOrderLineItems: { id: string; quantity: number }[];
                    }[];
                  };
                };
              }
            ).variables.fulfillment;
            const openFo = fos.find((fo) => fo.status === "open" || fo.status === "in_progress")!;
            equal(
              sent.lineItemsByFulfillmentOrder,
              [
                {
                  fulfillmentOrderId: gid("FulfillmentOrder", openFo.id),
                  fulfillmentOrderLineItems: [
                    { id: gid("FulfillmentOrderLineItem", openFo.line_items![0].id), quantity: 1 },
                  ],
                },
              ],
              "line items by fulfillment order",
            );
          },
        };
      }),
      ...listBodies().map((e: Exchange) => ({
        name: `fulfillments.json body ${e.index}: a retry finds its tracking already on a live fulfillment and sends nothing (a failed or cancelled one does not count)`,
        run: async (r: Replay) => {
          const fs = (e.response as { fulfillments: RestFulfillment[] }).fulfillments;
          const f = fs[0];
          r.serve(e, GQL, {
            rewrite: () => ({
              data: { order: { fulfillments: fs.map(gqlFulfillment), fulfillmentOrders: { nodes: [] } } },
            }),
          });
          const c = {
            externalOrderId: "450789469",
            packageKey: "s:p",
            carrier: "UPS",
            trackingNumber: f.tracking_numbers?.[0] ?? "none",
            items: [],
            shippedAt: 0,
          };
          const live = !["failure", "cancelled", "error"].includes(f.status);
          const out = await adapter(r)
            .confirmShipment(c)
            .then(
              (x) => x,
              (x: unknown) => x,
            );
          if (live) equal(out, { remoteRef: gid("Fulfillment", f.id) }, "existing fulfillment");
          else check(out instanceof ChannelError, `a ${f.status} fulfillment does not count: ${String(out)}`);
          equal(r.requests.length, 1, "no mutation");
        },
      })),
    ];
  },
  get excluded() {
    const out: Record<string, string> = {};
    for (const e of exchangesOf(V, "orders.json"))
      if (!ordersIn(e.response).some(complete))
        out[e.id] =
          "Not a complete order: a count, an empty body, or a `fields=`-filtered response the GraphQL query never asks for.";
    for (const e of exchangesOf(V, "fulfillment_orders.json"))
      if (foIn(e.response).length === 0)
        out[e.id] = "An empty body (a REST call with no fulfillment order in its answer).";
    for (const e of exchangesOf(V, "fulfillments.json"))
      if (
        !(e.response as { fulfillment?: unknown }).fulfillment &&
        !Array.isArray((e.response as { fulfillments?: unknown }).fulfillments)
      )
        out[e.id] = "A count: the adapter never counts fulfillments.";
    return out;
  },
};
