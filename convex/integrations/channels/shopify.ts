/**
 * Shopify Admin GraphQL over fetch: orders changed since a time with cursor pagination (sorted by
 * UPDATED_AT), fulfillment with tracking per package through fulfillment orders, tracking
 * corrections with fulfillmentTrackingInfoUpdate, and acknowledgement as an order tag (Shopify has
 * no acknowledgement call).
 *
 * Cost: every query is sized by Shopify's calculated-cost rules (shopifyQueries.ts) to stay under
 * the 1,000-point single-query limit and under what the bucket holds: each answer's
 * `extensions.cost.throttleStatus` is remembered, the next page is sized to the points available
 * (and waits for the restore rate when even one order would not fit). THROTTLED waits for the points
 * at the stated restore rate; MAX_COST_EXCEEDED halves the page and asks again — neither is final.
 * A first pull over a long window (a backfill of more than BULK_AFTER_DAYS) runs as a bulk operation.
 *
 * Quantities are the line's `currentQuantity` (ordered minus removed and refunded); a line with none
 * left is not imported. Currencies are passed through as sent: the import decides.
 */
import { decimalToMinor, type NormalizedOrder } from "../../lib/channels/order";
import { request, requestJson } from "./http";
import {
  ChannelError,
  realSleep,
  type AckResult,
  type AdapterDeps,
  type ChannelAdapter,
  type FeeReport,
  type PullPage,
  type ShipmentConfirmation,
} from "./types";
import {
  BULK_RUN,
  BULK_STATUS,
  bulkOrdersQuery,
  FULFILLMENT_CREATE,
  LINES_PER_ORDER,
  MAX_QUERY_COST,
  ORDER_FULFILLMENT_QUERY,
  ORDER_LINES_COST,
  ORDER_LINES_QUERY,
  ORDERS_QUERY,
  ordersPageSize,
  ordersQueryCost,
  ORDER_FULFILLMENT_COST,
  ORDER_FEES_COST,
  ORDER_FEES_QUERY,
  TAGS_ADD,
  TRACKING_UPDATE,
  type GqlFulfillmentOrder,
  type GqlLineItem,
  type GqlOrder,
  type GqlTransaction,
} from "./shopifyQueries";
import { normalizeShopifyFacts } from "./shopifyOrder";
import { DAY } from "../../lib/clock";

/** Fulfillment statuses whose tracking never reached the buyer: such a fulfillment does not count as done. */
const DEAD_FULFILLMENT = ["CANCELLED", "FAILURE", "ERROR"];

export { normalizeShopifyRestOrder, verifyShopifyHmac } from "./shopifyWebhook";

export type ShopifyConfig = { graphqlUrl: string; accessToken: string; firstWindowDays?: number; pageSize?: number };
type Cursor = { after: string; page?: string; seen?: string; bulk?: string };
type Throttle = { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
type Cost = { requestedQueryCost: number; actualQueryCost?: number | null; throttleStatus: Throttle };
type GqlResponse<T> = {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; cost?: number; maxCost?: number } }[];
  extensions?: { cost?: Cost };
};

export const ACK_TAG = "oms-acknowledged";
/** A first pull reaching further back than this many days is a backfill: a bulk operation. */
export const BULK_AFTER_DAYS = 14;

/** Milliseconds until the bucket holds what the query asked for. */
export function shopifyThrottleWait(cost: { requestedQueryCost: number; throttleStatus: Throttle } | undefined) {
  if (!cost) return 1000;
  const missing = cost.requestedQueryCost - cost.throttleStatus.currentlyAvailable;
  return Math.max(1000, Math.ceil((missing / Math.max(1, cost.throttleStatus.restoreRate)) * 1000));
}

/** A GraphQL order node in the internal model; externalId is the numeric id the webhooks use too. */
export function normalizeShopifyOrder(o: GqlOrder): NormalizedOrder {
  const a = o.shippingAddress ?? {};
  return {
    ...normalizeShopifyFacts({
      id: o.legacyResourceId,
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
      cancelledAt: o.cancelledAt,
      email: o.email,
      phone: o.phone,
      note: o.note,
      currency: o.currencyCode,
      financialStatus: o.displayFinancialStatus,
      customer: o.customer,
      address: { ...a, countryCode: a.countryCodeV2 },
      lines: o.lineItems.nodes.map((l) => ({
        gid: l.id,
        sku: l.sku,
        title: l.title,
        quantity: currentQuantity(l),
        unitPrice: l.originalUnitPriceSet.shopMoney.amount,
      })),
      shippingAmount: o.totalShippingPriceSet?.shopMoney.amount,
    }),
    ...shopifyPickup(o.fulfillmentOrders?.nodes ?? []),
  };
}

/**
 * Click & collect from the order's fulfillment orders: the buyer collects when a live one has
 * delivery method `PICK_UP`; where is its assigned location. An order that is partly collected and
 * partly shipped (Shopify's split carts), or collected at two locations, is `mixed`: our pickup
 * orders are whole, so a person decides (the import holds it). Cancelled fulfillment orders do not count.
 */
export function shopifyPickup(fos: GqlFulfillmentOrder[]): Pick<NormalizedOrder, "pickupLocation"> {
  const live = fos.filter((fo) => fo.status.toUpperCase() !== "CANCELLED");
  const pickups = live.filter((fo) => fo.deliveryMethod?.methodType?.toUpperCase() === "PICK_UP");
  if (pickups.length === 0) return {};
  const first = pickups[0].assignedLocation;
  const id = first?.location?.legacyResourceId ?? "";
  const delivered = live.some((fo) =>
    ["SHIPPING", "LOCAL", "PICKUP_POINT"].includes(fo.deliveryMethod?.methodType?.toUpperCase() ?? ""),
  );
  const elsewhere = pickups.some((fo) => (fo.assignedLocation?.location?.legacyResourceId ?? "") !== id);
  return {
    pickupLocation: {
      id,
      ...(first?.name ? { name: first.name.slice(0, 200) } : {}),
      ...(delivered || elsewhere ? { mixed: true } : {}),
    },
  };
}

/**
 * Fees from an order's transactions (issue 20). Shopify reports `fees` on Shopify Payments
 * transactions only: when a successful sale or capture went through Shopify Payments the fees are
 * reported (an empty list is a reported zero); a payment through any other gateway is charged by
 * that gateway, which Shopify does not report; no successful payment yet is pending.
 */
export function shopifyFees(transactions: GqlTransaction[]): FeeReport {
  const paid = transactions.filter((t) => (t.kind === "SALE" || t.kind === "CAPTURE") && t.status === "SUCCESS");
  if (paid.length === 0) return { status: "pending", why: "No successful payment on the order yet." };
  if (!paid.some((t) => t.gateway === "shopify_payments"))
    return {
      status: "not_reported",
      why: `Paid through ${paid[0].gateway ?? "another gateway"}, not Shopify Payments.`,
    };
  const byType = new Map<string, number>();
  for (const t of transactions)
    for (const f of t.fees ?? []) {
      const minor = decimalToMinor(f.amount.amount);
      // An amount we cannot read exactly is never counted as 0.
      if (minor === null) return { status: "not_reported", why: `Shopify reported a fee we cannot read (${f.type}).` };
      byType.set(f.type, (byType.get(f.type) ?? 0) + minor);
    }
  return { status: "reported", fees: [...byType].map(([type, amountMinor]) => ({ type, amountMinor })) };
}

/** What is left to ship of a line: removed and refunded units are not. */
export const currentQuantity = (l: Pick<GqlLineItem, "quantity" | "currentQuantity">) =>
  typeof l.currentQuantity === "number" ? l.currentQuantity : l.quantity;

/** A bulk operation's JSONL: order objects, then their line items with `__parentId`. */
export function parseBulkOrders(jsonl: string): GqlOrder[] {
  const orders = new Map<string, GqlOrder>();
  for (const line of jsonl.split("\n")) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as Record<string, unknown> & { id: string; __parentId?: string };
    if (row.__parentId && row.id.startsWith("gid://shopify/FulfillmentOrder/")) {
      // Click & collect: the order's fulfillment orders come as children too.
      const parent = orders.get(row.__parentId);
      if (parent) (parent.fulfillmentOrders ??= { nodes: [] }).nodes.push(row as unknown as GqlFulfillmentOrder);
    } else if (row.__parentId) {
      const parent = orders.get(row.__parentId);
      if (parent) parent.lineItems.nodes.push(row as unknown as GqlLineItem);
    } else if (row.id.startsWith("gid://shopify/Order/")) {
      orders.set(row.id, { ...(row as unknown as GqlOrder), lineItems: { nodes: [] } });
    }
  }
  return [...orders.values()];
}

export function shopifyAdapter(cfg: ShopifyConfig, deps: AdapterDeps = {}): ChannelAdapter {
  const now = () => deps.now?.() ?? Date.now();
  const sleep = deps.sleep ?? realSleep;
  /** The bucket as Shopify last reported it, and when. */
  let bucket: { status: Throttle; at: number } | undefined;
  /** Halved after a MAX_COST_EXCEEDED; never above what the cost rules allow. */
  let pageCap = cfg.pageSize ?? 250;

  /** Points available now by the last report and the restore rate since. */
  function available() {
    if (!bucket) return MAX_QUERY_COST;
    const { status, at } = bucket;
    return Math.min(status.maximumAvailable, status.currentlyAvailable + ((now() - at) / 1000) * status.restoreRate);
  }

  /** Waits until the bucket should hold `cost` points, by the last throttleStatus read. */
  async function budgetFor(cost: number) {
    if (!bucket) return;
    const missing = cost - available();
    if (missing > 0) await sleep(Math.ceil((missing / Math.max(1, bucket.status.restoreRate)) * 1000));
  }

  async function gql<T>(
    query: string,
    variables: Record<string, unknown>,
    opts: { onMaxCost?: () => Record<string, unknown> } = {},
  ): Promise<T> {
    let vars = variables;
    for (let attempt = 1; ; attempt++) {
      const r = await requestJson<GqlResponse<T>>(
        cfg.graphqlUrl,
        {
          method: "POST",
          headers: { "content-type": "application/json", "x-shopify-access-token": cfg.accessToken },
          body: JSON.stringify({ query, variables: vars }),
        },
        deps,
      );
      if (r.extensions?.cost?.throttleStatus) bucket = { status: r.extensions.cost.throttleStatus, at: now() };
      const codes = (r.errors ?? []).map((e) => e.extensions?.code);
      if (codes.includes("THROTTLED")) {
        const wait = shopifyThrottleWait(r.extensions?.cost);
        if (attempt >= 5) throw new ChannelError("Throttled by Shopify (THROTTLED)", true, 429, wait);
        await sleep(wait);
        continue;
      }
      if (codes.includes("MAX_COST_EXCEEDED") && opts.onMaxCost && attempt < 5) {
        vars = { ...vars, ...opts.onMaxCost() };
        continue;
      }
      if (codes.includes("MAX_COST_EXCEEDED"))
        throw new ChannelError(
          `Shopify refused the query as too costly: ${r.errors!.map((e) => e.message).join("; ")}`,
          true,
        );
      if (r.errors?.length)
        throw new ChannelError(`Shopify refused the query: ${r.errors.map((e) => e.message).join("; ")}`, false);
      if (!r.data) throw new ChannelError("Shopify answered without data", true);
      return r.data;
    }
  }

  /** An order read with its first LINES_PER_ORDER lines gets the rest, a page of 100 at a time. */
  async function completeLines(o: GqlOrder) {
    let info = o.lineItems.pageInfo;
    while (info?.hasNextPage && info.endCursor) {
      await budgetFor(ORDER_LINES_COST);
      const r = await gql<{
        order: {
          lineItems: { nodes: GqlLineItem[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
        } | null;
      }>(ORDER_LINES_QUERY, { id: o.id, after: info.endCursor });
      if (!r.order) break;
      o.lineItems.nodes.push(...r.order.lineItems.nodes);
      info = r.order.lineItems.pageInfo;
    }
    return o;
  }

  function userErrors(errs: { field?: string[] | null; message: string }[] | undefined) {
    if (errs?.length) throw new ChannelError(`Shopify refused: ${errs.map((e) => e.message).join("; ")}`, false);
  }

  async function bulkPage(cur: Cursor): Promise<PullPage> {
    if (!cur.bulk) {
      const r = await gql<{
        bulkOperationRunQuery: { bulkOperation: { id: string } | null; userErrors: { message: string }[] };
      }>(BULK_RUN, { query: bulkOrdersQuery(cur.after) });
      if (r.bulkOperationRunQuery.userErrors.length || !r.bulkOperationRunQuery.bulkOperation)
        throw new ChannelError(
          `Shopify refused the backfill: ${r.bulkOperationRunQuery.userErrors.map((e) => e.message).join("; ")}`,
          true,
        );
      // Started: the next scheduled pull reads its state.
      return {
        orders: [],
        cursor: JSON.stringify({ after: cur.after, bulk: r.bulkOperationRunQuery.bulkOperation.id }),
        done: true,
      };
    }
    const { node } = await gql<{ node: { status: string; errorCode?: string | null; url?: string | null } | null }>(
      BULK_STATUS,
      { id: cur.bulk },
    );
    if (!node || ["FAILED", "CANCELED", "EXPIRED"].includes(node.status)) {
      // Start again from the same point.
      return { orders: [], cursor: JSON.stringify({ after: cur.after }), done: true };
    }
    if (node.status !== "COMPLETED") return { orders: [], cursor: JSON.stringify(cur), done: true };
    const text = node.url ? await (await request(node.url, {}, deps)).text() : "";
    let seen = cur.after;
    const orders = parseBulkOrders(text).map((o) => {
      if (o.updatedAt > seen) seen = o.updatedAt;
      return normalizeShopifyOrder(o);
    });
    return { orders, cursor: JSON.stringify({ after: seen }), done: true };
  }

  return {
    async pullPage(raw): Promise<PullPage> {
      const firstDays = cfg.firstWindowDays ?? 3;
      const cur: Cursor = raw
        ? (JSON.parse(raw) as Cursor)
        : {
            after: new Date(now() - firstDays * DAY).toISOString(),
            ...(firstDays > BULK_AFTER_DAYS ? { bulk: "" } : {}),
          };
      if (cur.bulk !== undefined) return bulkPage({ ...cur, bulk: cur.bulk || undefined });
      // As many orders as fit the bucket now (at least one: then wait for its points).
      let first = ordersPageSize(available(), pageCap);
      await budgetFor(ordersQueryCost(first));
      const data = await gql<{
        orders: {
          edges: { cursor: string; node: GqlOrder }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      }>(
        ORDERS_QUERY,
        { first, after: cur.page ?? null, query: `updated_at:>='${cur.after}'`, lines: LINES_PER_ORDER },
        {
          onMaxCost: () => {
            pageCap = Math.max(1, Math.floor(first / 2));
            first = pageCap;
            return { first };
          },
        },
      );
      let seen = cur.seen;
      const orders: NormalizedOrder[] = [];
      for (const { node } of data.orders.edges) {
        if (!seen || node.updatedAt > seen) seen = node.updatedAt;
        orders.push(normalizeShopifyOrder(await completeLines(node)));
      }
      const { hasNextPage, endCursor } = data.orders.pageInfo;
      if (hasNextPage && endCursor)
        return { orders, cursor: JSON.stringify({ after: cur.after, page: endCursor, seen }), done: false };
      return { orders, cursor: JSON.stringify({ after: seen ?? cur.after }), done: true };
    },

    async acknowledge(ids): Promise<AckResult[]> {
      const out: AckResult[] = [];
      for (const id of ids) {
        const r = await gql<{ tagsAdd: { userErrors: { message: string }[] } }>(TAGS_ADD, {
          id: `gid://shopify/Order/${id}`,
          tags: [ACK_TAG],
        });
        out.push(
          r.tagsAdd.userErrors.length
            ? { externalOrderId: id, ok: false, error: r.tagsAdd.userErrors.map((e) => e.message).join("; ") }
            : { externalOrderId: id, ok: true },
        );
      }
      return out;
    },

    async confirmShipment(c: ShipmentConfirmation) {
      const trackingInfo = { company: c.carrier, number: c.trackingNumber };
      if (c.replaces?.remoteRef) {
        const r = await gql<{
          fulfillmentTrackingInfoUpdate: { fulfillment: { id: string } | null; userErrors: { message: string }[] };
        }>(TRACKING_UPDATE, { fulfillmentId: c.replaces.remoteRef, trackingInfoInput: trackingInfo });
        userErrors(r.fulfillmentTrackingInfoUpdate.userErrors);
        return { remoteRef: c.replaces.remoteRef };
      }
      await budgetFor(ORDER_FULFILLMENT_COST);
      const { order } = await gql<{
        order: {
          fulfillments: { id: string; status?: string | null; trackingInfo: { number: string | null }[] }[];
          fulfillmentOrders: {
            nodes: {
              id: string;
              status: string;
              lineItems: { nodes: { id: string; remainingQuantity: number; lineItem: { id: string } }[] };
            }[];
          };
        } | null;
      }>(ORDER_FULFILLMENT_QUERY, { id: `gid://shopify/Order/${c.externalOrderId}` });
      if (!order) throw new ChannelError(`Shopify has no order ${c.externalOrderId}`, false, 404);
      // A retry after a lost answer must not fulfil twice: the tracking number already there wins.
      // (A cancelled or failed fulfillment does not count: its tracking never reached the buyer.)
      const already = order.fulfillments.find(
        (f) =>
          !DEAD_FULFILLMENT.includes(String(f.status ?? "").toUpperCase()) &&
          f.trackingInfo.some((t) => t.number === c.trackingNumber),
      );
      if (already) return { remoteRef: already.id };
      const open = order.fulfillmentOrders.nodes.filter((fo) => fo.status === "OPEN" || fo.status === "IN_PROGRESS");
      const wanted = new Map(c.items.map((i) => [i.externalLineId, i.quantity]));
      const byFo = open
        .map((fo) => ({
          fulfillmentOrderId: fo.id,
          fulfillmentOrderLineItems:
            c.items.length === 0
              ? undefined
              : fo.lineItems.nodes.flatMap((li) => {
                  const want = wanted.get(li.lineItem.id) ?? 0;
                  const quantity = Math.min(want, li.remainingQuantity);
                  if (quantity <= 0) return [];
                  wanted.set(li.lineItem.id, want - quantity);
                  return [{ id: li.id, quantity }];
                }),
        }))
        .filter((x) => x.fulfillmentOrderLineItems === undefined || x.fulfillmentOrderLineItems.length > 0);
      if (byFo.length === 0) {
        const held = order.fulfillmentOrders.nodes
          .filter((fo) => fo.status !== "OPEN" && fo.status !== "IN_PROGRESS" && fo.status !== "CLOSED")
          .map((fo) => fo.status);
        throw new ChannelError(
          held.length
            ? `Shopify order ${c.externalOrderId} cannot be fulfilled now: its fulfillment order is ${[...new Set(held)].join(", ").toLowerCase().replace(/_/g, " ")}.`
            : `Nothing left to fulfil on Shopify order ${c.externalOrderId}.`,
          false,
        );
      }
      const r = await gql<{
        fulfillmentCreate: {
          fulfillment: { id: string; status?: string | null } | null;
          userErrors: { message: string }[];
        };
      }>(FULFILLMENT_CREATE, {
        fulfillment: { lineItemsByFulfillmentOrder: byFo, trackingInfo, notifyCustomer: true },
      });
      userErrors(r.fulfillmentCreate.userErrors);
      const status = String(r.fulfillmentCreate.fulfillment?.status ?? "").toUpperCase();
      if (DEAD_FULFILLMENT.includes(status))
        throw new ChannelError(
          `Shopify made fulfillment ${r.fulfillmentCreate.fulfillment?.id} but it is ${status.toLowerCase()}; it is sent again.`,
          true,
        );
      return { remoteRef: r.fulfillmentCreate.fulfillment?.id };
    },

    /** The fees Shopify reports on one order's transactions (issue 20); see shopifyFees. */
    async orderFees(q): Promise<FeeReport> {
      await budgetFor(ORDER_FEES_COST);
      const { order } = await gql<{ order: { transactions: GqlTransaction[] } | null }>(ORDER_FEES_QUERY, {
        id: `gid://shopify/Order/${q.externalOrderId}`,
      });
      if (!order) throw new ChannelError(`Shopify has no order ${q.externalOrderId}`, false, 404);
      return shopifyFees(order.transactions);
    },
  };
}
