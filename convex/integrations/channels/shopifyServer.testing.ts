/**
 * A local stand-in for Shopify's Admin GraphQL endpoint on 127.0.0.1, answering in the documented
 * shapes: orders connection with edges/cursor/pageInfo (sorted by updatedAt, filtered by the
 * `updated_at:>=` search; line items paged), fulfillment orders, fulfillmentCreate,
 * fulfillmentTrackingInfoUpdate, tagsAdd, bulk operations (run, status, JSONL download), and the
 * cost model: each query's requestedQueryCost by the published rules (object 1, connection
 * 2 + first × node), refused with MAX_COST_EXCEEDED above 1,000, charged to a leaky bucket
 * reported in extensions.cost.throttleStatus, THROTTLED when the bucket cannot pay.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SHOPIFY_API_VERSION } from "../../lib/channels/env";
import type { GqlLineItem, GqlOrder, GqlTransaction } from "./shopifyQueries";

export type ShopifyFake = {
  url: string;
  orders: GqlOrder[];
  log: { op: string; variables: Record<string, unknown>; token?: string }[];
  /** Answer the next n requests THROTTLED with this bucket state. */
  throttle: { times: number; currentlyAvailable: number; requestedQueryCost: number; restoreRate: number };
  fulfillments: { id: string; orderId: string; tracking: string[] }[];
  /** The leaky bucket (points), restored at throttle.restoreRate per second of `clock` time. */
  bucket: { maximumAvailable: number; currentlyAvailable: number };
  /** The bucket's sense of time (tests put their virtual clock here). */
  clock: { now: () => number };
  costs: number[];
  /** Points Shopify charges beyond the published rules (a schema change our estimate does not know). */
  surcharge: number;
  bulk: { id: string; status: string; query: string; polls: number } | undefined;
  /** Each order's payment transactions by legacy id (OrderTransaction: kind, status, gateway, fees), issue 20. */
  transactions: Record<string, GqlTransaction[]>;
  close: () => Promise<void>;
};

/** Requested cost of the documents the adapter sends, by Shopify's rules. */
function requestedCost(op: string, v: Record<string, unknown>, surcharge = 0) {
  const conn = (first: number, node: number) => 2 + first * node;
  switch (op) {
    case "Orders":
      // Order 1 + customer 1 + shippingAddress 1 + totalShippingPriceSet 1 + shopMoney 1 +
      // fulfillmentOrders(first: 5) of 4 each + line items.
      return conn(Number(v.first), 5 + conn(5, 4) + conn(Number(v.lines ?? 100), 3)) + surcharge;
    case "OrderFees":
      return 1 + 20 * 3;
    case "OrderLines":
      return 1 + conn(100, 3);
    case "OrderFulfillment":
      return 1 + conn(10, 2) + conn(4, 1 + conn(100, 2));
    default:
      return 10;
  }
}

export async function startShopifyFake(): Promise<ShopifyFake> {
  const fake = {
    orders: [],
    log: [],
    throttle: { times: 0, currentlyAvailable: 0, requestedQueryCost: 0, restoreRate: 50 },
    fulfillments: [],
    surcharge: 0,
    bucket: { maximumAvailable: 2000, currentlyAvailable: 2000 },
    costs: [],
    bulk: undefined,
    transactions: {},
    clock: { now: () => Date.now() },
  } as unknown as ShopifyFake;
  let last = fake.clock.now();
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.url?.startsWith("/bulk/")) {
      // The JSONL a completed bulk operation points at: orders, then each line item with __parentId.
      res.writeHead(200, { "content-type": "application/jsonl" });
      const since = /updated_at:>='([^']+)'/.exec(fake.bulk?.query ?? "")?.[1] ?? "";
      const rows = fake.orders
        .filter((o) => o.updatedAt >= since)
        .flatMap((o) => [
          JSON.stringify({ ...o, lineItems: undefined, fulfillmentOrders: undefined }),
          ...(o.fulfillmentOrders?.nodes ?? []).map((fo) => JSON.stringify({ ...fo, __parentId: o.id })),
          ...o.lineItems.nodes.map((l) => JSON.stringify({ ...l, __parentId: o.id })),
        ]);
      return res.end(rows.join("\n"));
    }
    const token = req.headers["x-shopify-access-token"] as string | undefined;
    if (token !== "shpat_test")
      return send(401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
    const { query, variables } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
      query: string;
      variables: Record<string, unknown>;
    };
    const op = /(?:query|mutation) (\w+)/.exec(query)?.[1] ?? "anonymous";
    fake.log.push({ op, variables, token });
    const t = fake.clock.now();
    fake.bucket.currentlyAvailable = Math.min(
      fake.bucket.maximumAvailable,
      fake.bucket.currentlyAvailable + (Math.max(0, t - last) / 1000) * fake.throttle.restoreRate,
    );
    last = t;
    const cost = (requested: number, available: number) => ({
      cost: {
        requestedQueryCost: requested,
        actualQueryCost: requested,
        throttleStatus: {
          maximumAvailable: fake.bucket.maximumAvailable,
          currentlyAvailable: available,
          restoreRate: fake.throttle.restoreRate,
        },
      },
    });
    if (fake.throttle.times > 0) {
      fake.throttle.times -= 1;
      return send(200, {
        errors: [
          {
            message: "Throttled",
            extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
          },
        ],
        extensions: cost(fake.throttle.requestedQueryCost, fake.throttle.currentlyAvailable),
      });
    }
    const requested = requestedCost(op, variables, fake.surcharge);
    fake.costs.push(requested);
    if (requested > 1000) {
      return send(200, {
        errors: [
          {
            message: `Query cost is ${requested}, which exceeds the single query max cost limit (1000).`,
            extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: 1000 },
          },
        ],
        extensions: cost(requested, fake.bucket.currentlyAvailable),
      });
    }
    if (requested > fake.bucket.currentlyAvailable) {
      return send(200, {
        errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }],
        extensions: cost(requested, fake.bucket.currentlyAvailable),
      });
    }
    fake.bucket.currentlyAvailable -= requested;
    const charged = () => cost(requested, fake.bucket.currentlyAvailable);
    switch (op) {
      case "Orders": {
        const since = /updated_at:>='([^']+)'/.exec(String(variables.query))?.[1] ?? "";
        const all = fake.orders
          .filter((o) => o.updatedAt >= since)
          .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
        const start = variables.after ? Number(Buffer.from(String(variables.after), "base64").toString()) + 1 : 0;
        const first = Number(variables.first);
        if (first > 250)
          return send(200, {
            errors: [{ message: "The page size exceeds the maximum of 250", extensions: { code: "BAD_REQUEST" } }],
          });
        const page = all.slice(start, start + first);
        const lines = Number(variables.lines ?? 100);
        const edges = page.map((node, i) => ({
          cursor: Buffer.from(String(start + i)).toString("base64"),
          node: {
            ...node,
            fulfillmentOrders: { nodes: (node.fulfillmentOrders?.nodes ?? []).slice(0, 5) },
            lineItems: {
              nodes: node.lineItems.nodes.slice(0, lines),
              pageInfo: {
                hasNextPage: node.lineItems.nodes.length > lines,
                endCursor:
                  node.lineItems.nodes.length > lines ? Buffer.from(String(lines - 1)).toString("base64") : null,
              },
            },
          },
        }));
        return send(200, {
          data: {
            orders: {
              edges,
              pageInfo: { hasNextPage: start + first < all.length, endCursor: edges.at(-1)?.cursor ?? null },
            },
          },
          extensions: charged(),
        });
      }
      case "OrderLines": {
        const o = fake.orders.find((x) => x.id === variables.id);
        if (!o) return send(200, { data: { order: null }, extensions: charged() });
        const from = variables.after ? Number(Buffer.from(String(variables.after), "base64").toString()) + 1 : 0;
        const nodes = o.lineItems.nodes.slice(from, from + 100);
        const more = from + 100 < o.lineItems.nodes.length;
        return send(200, {
          data: {
            order: {
              lineItems: {
                nodes,
                pageInfo: {
                  hasNextPage: more,
                  endCursor: more ? Buffer.from(String(from + 99)).toString("base64") : null,
                },
              },
            },
          },
          extensions: charged(),
        });
      }
      case "BulkOrders": {
        fake.bulk = {
          id: "gid://shopify/BulkOperation/1",
          status: "RUNNING",
          query: String(variables.query),
          polls: 0,
        };
        return send(200, {
          data: { bulkOperationRunQuery: { bulkOperation: { id: fake.bulk.id, status: "CREATED" }, userErrors: [] } },
          extensions: charged(),
        });
      }
      case "BulkStatus": {
        if (!fake.bulk || fake.bulk.id !== variables.id)
          return send(200, { data: { node: null }, extensions: charged() });
        fake.bulk.polls += 1;
        if (fake.bulk.polls > 1) fake.bulk.status = "COMPLETED";
        const host = req.headers.host;
        return send(200, {
          data: {
            node: {
              id: fake.bulk.id,
              status: fake.bulk.status,
              errorCode: null,
              objectCount: String(fake.orders.length),
              url: fake.bulk.status === "COMPLETED" ? `http://${host}/bulk/1.jsonl` : null,
              partialDataUrl: null,
            },
          },
          extensions: charged(),
        });
      }
      case "OrderFulfillment": {
        const id = String(variables.id).split("/").pop();
        const o = fake.orders.find((x) => x.legacyResourceId === id);
        if (!o) return send(200, { data: { order: null } });
        return send(200, {
          data: {
            order: {
              fulfillments: fake.fulfillments
                .filter((f) => f.orderId === id)
                .map((f) => ({ id: f.id, trackingInfo: f.tracking.map((number) => ({ number })) })),
              fulfillmentOrders: {
                nodes: [
                  {
                    id: `gid://shopify/FulfillmentOrder/${id}`,
                    status: "OPEN",
                    lineItems: {
                      nodes: o.lineItems.nodes.map((li, i) => ({
                        id: `gid://shopify/FulfillmentOrderLineItem/${id}${i}`,
                        remainingQuantity: li.quantity,
                        lineItem: { id: li.id },
                      })),
                    },
                  },
                ],
              },
            },
          },
        });
      }
      case "FulfillmentCreate": {
        const f = variables.fulfillment as {
          lineItemsByFulfillmentOrder: { fulfillmentOrderId: string }[];
          trackingInfo: { number: string };
        };
        const orderId = f.lineItemsByFulfillmentOrder[0].fulfillmentOrderId.split("/").pop()!;
        const id = `gid://shopify/Fulfillment/${fake.fulfillments.length + 1}`;
        fake.fulfillments.push({ id, orderId, tracking: [f.trackingInfo.number] });
        return send(200, { data: { fulfillmentCreate: { fulfillment: { id, status: "SUCCESS" }, userErrors: [] } } });
      }
      case "TrackingUpdate": {
        const f = fake.fulfillments.find((x) => x.id === variables.fulfillmentId);
        if (!f)
          return send(200, {
            data: {
              fulfillmentTrackingInfoUpdate: {
                fulfillment: null,
                userErrors: [{ field: ["fulfillmentId"], message: "Fulfillment does not exist." }],
              },
            },
          });
        f.tracking = [(variables.trackingInfoInput as { number: string }).number];
        return send(200, { data: { fulfillmentTrackingInfoUpdate: { fulfillment: { id: f.id }, userErrors: [] } } });
      }
      case "TagsAdd":
        return send(200, { data: { tagsAdd: { node: { id: variables.id }, userErrors: [] } } });
      case "OrderFees": {
        // OrderTransaction with TransactionFee (issue 20): fees only on Shopify Payments transactions.
        const o = fake.orders.find((x) => x.id === variables.id);
        if (!o) return send(200, { data: { order: null }, extensions: charged() });
        return send(200, {
          data: { order: { currencyCode: o.currencyCode, transactions: fake.transactions[o.legacyResourceId] ?? [] } },
          extensions: charged(),
        });
      }
    }
    send(200, {
      errors: [{ message: `Field '${op}' doesn't exist on type 'QueryRoot'`, extensions: { code: "undefinedField" } }],
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
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
    shippingAddress: {
      name: "Jon Snow",
      company: null,
      address1: "150 Elgin St",
      address2: "Suite 800",
      city: "Ottawa",
      provinceCode: "ON",
      zip: "K2P 1L4",
      countryCodeV2: "CA",
      phone: null,
    },
    // Shipped from the shop's warehouse location unless a test makes it a pickup (pickupAt).
    fulfillmentOrders: {
      nodes: [
        {
          id: `gid://shopify/FulfillmentOrder/${id}1`,
          status: "OPEN",
          deliveryMethod: { methodType: "SHIPPING" },
          assignedLocation: { name: "Main warehouse", location: { legacyResourceId: "24826418" } },
        },
      ],
    },
    lineItems: {
      nodes: [
        {
          id: `gid://shopify/LineItem/${id}1`,
          sku,
          title: "Widget",
          quantity: 3,
          originalUnitPriceSet: { shopMoney: { amount: "12.5", currencyCode: "CAD" } },
        },
      ],
    },
    ...over,
  };
}

/** A GraphQL line item (id `gid://shopify/LineItem/<n>`) at `amount` CAD a unit. */
export function gqlLine(
  n: string,
  l: { sku: string; title?: string; quantity: number; currentQuantity?: number; amount: string },
): GqlLineItem {
  return {
    id: `gid://shopify/LineItem/${n}`,
    sku: l.sku,
    title: l.title ?? l.sku,
    quantity: l.quantity,
    ...(l.currentQuantity === undefined ? {} : { currentQuantity: l.currentQuantity }),
    originalUnitPriceSet: { shopMoney: { amount: l.amount, currencyCode: "CAD" } },
  };
}

/**
 * The same order bought for local pickup at a Shopify location: its fulfillment order's delivery
 * method is PICK_UP, assigned to that location, and Shopify sends no shipping address.
 */
export function pickupAt(order: GqlOrder, location: { id: string; name: string }): GqlOrder {
  return {
    ...order,
    shippingAddress: null,
    fulfillmentOrders: {
      nodes: [
        {
          id: `gid://shopify/FulfillmentOrder/${order.legacyResourceId}1`,
          status: "OPEN",
          deliveryMethod: { methodType: "PICK_UP" },
          assignedLocation: { name: location.name, location: { legacyResourceId: location.id } },
        },
      ],
    },
  };
}
