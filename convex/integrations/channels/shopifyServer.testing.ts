/**
 * A local stand-in for Shopify's Admin GraphQL endpoint on 127.0.0.1, answering in the documented
 * shapes: orders connection with edges/cursor/pageInfo (sorted by updatedAt, filtered by the
 * `updated_at:>=` search), fulfillment orders, fulfillmentCreate, fulfillmentTrackingInfoUpdate,
 * tagsAdd, and THROTTLED errors with extensions.cost.throttleStatus.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { GqlOrder } from "./shopifyQueries";

export type ShopifyFake = {
  url: string;
  orders: GqlOrder[];
  log: { op: string; variables: Record<string, unknown>; token?: string }[];
  /** Answer the next n requests THROTTLED with this bucket state. */
  throttle: { times: number; currentlyAvailable: number; requestedQueryCost: number; restoreRate: number };
  fulfillments: { id: string; orderId: string; tracking: string[] }[];
  close: () => Promise<void>;
};

export async function startShopifyFake(): Promise<ShopifyFake> {
  const fake = { orders: [], log: [], throttle: { times: 0, currentlyAvailable: 0, requestedQueryCost: 0, restoreRate: 50 }, fulfillments: [] } as unknown as ShopifyFake;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const token = req.headers["x-shopify-access-token"] as string | undefined;
    if (token !== "shpat_test") return send(401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
    const { query, variables } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { query: string; variables: Record<string, unknown> };
    const op = /(?:query|mutation) (\w+)/.exec(query)?.[1] ?? "anonymous";
    fake.log.push({ op, variables, token });
    const cost = (requested: number, available: number) => ({ cost: { requestedQueryCost: requested, actualQueryCost: requested, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: available, restoreRate: fake.throttle.restoreRate } } });
    if (fake.throttle.times > 0) {
      fake.throttle.times -= 1;
      return send(200, { errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }], extensions: cost(fake.throttle.requestedQueryCost, fake.throttle.currentlyAvailable) });
    }
    switch (op) {
      case "Orders": {
        const since = /updated_at:>='([^']+)'/.exec(String(variables.query))?.[1] ?? "";
        const all = fake.orders.filter((o) => o.updatedAt >= since).sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
        const start = variables.after ? Number(Buffer.from(String(variables.after), "base64").toString()) + 1 : 0;
        const first = Number(variables.first);
        if (first > 250) return send(200, { errors: [{ message: "The page size exceeds the maximum of 250", extensions: { code: "BAD_REQUEST" } }] });
        const page = all.slice(start, start + first);
        const edges = page.map((node, i) => ({ cursor: Buffer.from(String(start + i)).toString("base64"), node }));
        return send(200, { data: { orders: { edges, pageInfo: { hasNextPage: start + first < all.length, endCursor: edges.at(-1)?.cursor ?? null } } }, extensions: cost(52, 1948) });
      }
      case "OrderFulfillment": {
        const id = String(variables.id).split("/").pop();
        const o = fake.orders.find((x) => x.legacyResourceId === id);
        if (!o) return send(200, { data: { order: null } });
        return send(200, {
          data: {
            order: {
              fulfillments: fake.fulfillments.filter((f) => f.orderId === id).map((f) => ({ id: f.id, trackingInfo: f.tracking.map((number) => ({ number })) })),
              fulfillmentOrders: { nodes: [{ id: `gid://shopify/FulfillmentOrder/${id}`, status: "OPEN", lineItems: { nodes: o.lineItems.nodes.map((li, i) => ({ id: `gid://shopify/FulfillmentOrderLineItem/${id}${i}`, remainingQuantity: li.quantity, lineItem: { id: li.id } })) } }] },
            },
          },
        });
      }
      case "FulfillmentCreate": {
        const f = variables.fulfillment as { lineItemsByFulfillmentOrder: { fulfillmentOrderId: string }[]; trackingInfo: { number: string } };
        const orderId = f.lineItemsByFulfillmentOrder[0].fulfillmentOrderId.split("/").pop()!;
        const id = `gid://shopify/Fulfillment/${fake.fulfillments.length + 1}`;
        fake.fulfillments.push({ id, orderId, tracking: [f.trackingInfo.number] });
        return send(200, { data: { fulfillmentCreate: { fulfillment: { id, status: "SUCCESS" }, userErrors: [] } } });
      }
      case "TrackingUpdate": {
        const f = fake.fulfillments.find((x) => x.id === variables.fulfillmentId);
        if (!f) return send(200, { data: { fulfillmentTrackingInfoUpdate: { fulfillment: null, userErrors: [{ field: ["fulfillmentId"], message: "Fulfillment does not exist." }] } } });
        f.tracking = [(variables.trackingInfoInput as { number: string }).number];
        return send(200, { data: { fulfillmentTrackingInfoUpdate: { fulfillment: { id: f.id }, userErrors: [] } } });
      }
      case "TagsAdd":
        return send(200, { data: { tagsAdd: { node: { id: variables.id }, userErrors: [] } } });
    }
    send(200, { errors: [{ message: `Field '${op}' doesn't exist on type 'QueryRoot'`, extensions: { code: "undefinedField" } }] });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin/api/2025-01/graphql.json`;
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}

/** An order node as the Orders query returns it. */
export function gqlOrder(id: string, updatedAt: string, sku = "WIDGET-1", over: Partial<GqlOrder> = {}): GqlOrder {
  return {
    id: `gid://shopify/Order/${id}`,
    legacyResourceId: id,
    name: `#${id.slice(-4)}`,
    createdAt: "2025-01-10T15:00:00Z",
    updatedAt,
    cancelledAt: null,
    email: "jon@example.com",
    phone: null,
    note: null,
    currencyCode: "CAD",
    displayFinancialStatus: "PAID",
    customer: { firstName: "Jon", lastName: "Snow", email: "jon@example.com" },
    shippingAddress: { name: "Jon Snow", company: null, address1: "150 Elgin St", address2: "Suite 800", city: "Ottawa", provinceCode: "ON", zip: "K2P 1L4", countryCodeV2: "CA", phone: null },
    lineItems: { nodes: [{ id: `gid://shopify/LineItem/${id}1`, sku, title: "Widget", quantity: 3, originalUnitPriceSet: { shopMoney: { amount: "12.5", currencyCode: "CAD" } } }] },
    ...over,
  };
}
