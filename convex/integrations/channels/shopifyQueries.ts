/**
 * The Shopify Admin GraphQL documents the adapter sends (API version pinned in lib/channels/env.ts),
 * the order shape it reads, and their calculated query cost by Shopify's published rules: a scalar
 * or enum costs 0, an object 1, a connection 2 plus `first` times the cost of one node; a query may
 * cost at most 1,000 points. Page sizes are derived from these costs, so no query is refused for
 * its size (the old orders query asked 50 orders × 100 line items: over 15,000 points).
 */

export type GqlLineItem = {
  id: string;
  sku: string | null;
  title: string;
  /** Ordered quantity; `currentQuantity` is what is left after removals and refunds: the one we ship. */
  quantity: number;
  currentQuantity?: number | null;
  originalUnitPriceSet: { shopMoney: { amount: string; currencyCode: string } };
};

/**
 * One fulfillment order of an order, as far as click & collect needs it: its delivery method
 * (`PICK_UP` when the buyer collects) and the location it is assigned to (issue 20). Shopify keeps
 * the pickup choice here, per fulfillment order, not on the order.
 */
export type GqlFulfillmentOrder = {
  id?: string;
  status: string;
  deliveryMethod: { methodType: string } | null;
  assignedLocation: { name: string | null; location: { legacyResourceId: string } | null } | null;
};

export type GqlOrder = {
  id: string;
  legacyResourceId: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  email: string | null;
  phone: string | null;
  note: string | null;
  currencyCode: string;
  displayFinancialStatus?: string | null;
  customer: { firstName: string | null; lastName: string | null; email: string | null } | null;
  shippingAddress: {
    name?: string | null;
    company?: string | null;
    address1?: string | null;
    address2?: string | null;
    city?: string | null;
    provinceCode?: string | null;
    zip?: string | null;
    countryCodeV2?: string | null;
    phone?: string | null;
  } | null;
  lineItems: { nodes: GqlLineItem[]; pageInfo?: { hasNextPage: boolean; endCursor: string | null } };
  /** What the buyer paid for shipping (Σ shipping lines after discounts), issue 20. */
  totalShippingPriceSet?: { shopMoney: { amount: string; currencyCode: string } } | null;
  /** Click & collect: where each part of the order goes (absent in answers of older documents). */
  fulfillmentOrders?: { nodes: GqlFulfillmentOrder[] };
};

/** Shopify's single-query limit. */
export const MAX_QUERY_COST = 1000;
/** Line items read with each order; an order with more is completed with ORDER_LINES_QUERY pages. */
export const LINES_PER_ORDER = 20;

const LINE_FIELDS = "id sku title quantity currentQuantity originalUnitPriceSet { shopMoney { amount currencyCode } }";
/** One line item node: the LineItem 1 + originalUnitPriceSet 1 + shopMoney 1. */
export const LINE_NODE_COST = 3;
/** Fulfillment orders read with each order (click & collect); an order split over more is rare. */
export const FULFILLMENT_ORDERS_PER_ORDER = 5;
const FULFILLMENT_ORDER_FIELDS =
  "id status deliveryMethod { methodType } assignedLocation { name location { legacyResourceId } }";
/** fulfillmentOrders(first: 5): 2 + 5 × (FulfillmentOrder 1 + deliveryMethod 1 + assignedLocation 1 + location 1). */
export const FULFILLMENT_ORDERS_COST = 2 + FULFILLMENT_ORDERS_PER_ORDER * 4;
/**
 * One order node without its line items: Order 1 + customer 1 + shippingAddress 1 +
 * totalShippingPriceSet 1 + shopMoney 1, and its fulfillment orders.
 */
export const ORDER_NODE_COST = 5 + FULFILLMENT_ORDERS_COST;
/** The shipping total read with each order (issue 20). */
const SHIPPING_FIELDS = "totalShippingPriceSet { shopMoney { amount currencyCode } }";
export const connectionCost = (first: number, nodeCost: number) => 2 + first * nodeCost;

/** Calculated cost of ORDERS_QUERY for `first` orders with `lines` line items each. */
export function ordersQueryCost(first: number, lines = LINES_PER_ORDER) {
  return connectionCost(first, ORDER_NODE_COST + connectionCost(lines, LINE_NODE_COST));
}

/** The most orders per page whose query fits `budget` points (never more than `max`, never less than 1). */
export function ordersPageSize(budget: number, max = 250, lines = LINES_PER_ORDER) {
  const per = ORDER_NODE_COST + connectionCost(lines, LINE_NODE_COST);
  return Math.max(1, Math.min(max, Math.floor((Math.min(budget, MAX_QUERY_COST) - 2) / per)));
}

export const ORDERS_QUERY = `query Orders($first: Int!, $after: String, $query: String, $lines: Int!) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    edges {
      cursor
      node {
        id legacyResourceId name createdAt updatedAt cancelledAt email phone note currencyCode displayFinancialStatus
        customer { firstName lastName email }
        shippingAddress { name company address1 address2 city provinceCode zip countryCodeV2 phone }
        ${SHIPPING_FIELDS}
        fulfillmentOrders(first: ${FULFILLMENT_ORDERS_PER_ORDER}) { nodes { ${FULFILLMENT_ORDER_FIELDS} } }
        lineItems(first: $lines) { nodes { ${LINE_FIELDS} } pageInfo { hasNextPage endCursor } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The rest of one order's line items: Order 1 + lineItems(first: 100) 2 + 100 × 3 = 303 points. */
export const ORDER_LINES_QUERY = `query OrderLines($id: ID!, $after: String) {
  order(id: $id) { lineItems(first: 100, after: $after) { nodes { ${LINE_FIELDS} } pageInfo { hasNextPage endCursor } } }
}`;
export const ORDER_LINES_COST = 1 + connectionCost(100, LINE_NODE_COST);

/**
 * Fulfillment state of one order. Cost: Order 1 + fulfillments(first: 10) (2 + 10 × (1 + trackingInfo 1))
 * + fulfillmentOrders(first: 4) (2 + 4 × (1 + lineItems(first: 100) (2 + 100 × (1 + lineItem 1)))) = 837.
 * (The old query, 50 fulfillments and 20 fulfillment orders, cost over 4,000.)
 */
export const ORDER_FULFILLMENT_QUERY = `query OrderFulfillment($id: ID!) {
  order(id: $id) {
    fulfillments(first: 10) { id status trackingInfo(first: 5) { number } }
    fulfillmentOrders(first: 4) {
      nodes { id status lineItems(first: 100) { nodes { id remainingQuantity lineItem { id } } } }
    }
  }
}`;
export const ORDER_FULFILLMENT_COST = 1 + connectionCost(10, 2) + connectionCost(4, 1 + connectionCost(100, 2));

export const FULFILLMENT_CREATE = `mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) { fulfillment { id status } userErrors { field message } }
}`;

export const TRACKING_UPDATE = `mutation TrackingUpdate($fulfillmentId: ID!, $trackingInfoInput: FulfillmentTrackingInput!) {
  fulfillmentTrackingInfoUpdate(fulfillmentId: $fulfillmentId, trackingInfoInput: $trackingInfoInput, notifyCustomer: true) {
    fulfillment { id } userErrors { field message }
  }
}`;

export const TAGS_ADD = `mutation TagsAdd($id: ID!, $tags: [String!]!) {
  tagsAdd(id: $id, tags: $tags) { node { id } userErrors { field message } }
}`;

/** Bulk operations: a large backfill runs as one server-side query with no cost limit, read as JSONL. */
export const BULK_RUN = `mutation BulkOrders($query: String!) {
  bulkOperationRunQuery(query: $query) { bulkOperation { id status } userErrors { field message } }
}`;
export const BULK_STATUS = `query BulkStatus($id: ID!) {
  node(id: $id) { ... on BulkOperation { id status errorCode objectCount url partialDataUrl } }
}`;
/** The bulk query: the same fields, connections without sizes (bulk operations page internally). */
export function bulkOrdersQuery(since: string) {
  return `{ orders(query: "updated_at:>='${since}'", sortKey: UPDATED_AT) { edges { node {
    id legacyResourceId name createdAt updatedAt cancelledAt email phone note currencyCode displayFinancialStatus
    customer { firstName lastName email }
    shippingAddress { name company address1 address2 city provinceCode zip countryCodeV2 phone }
    ${SHIPPING_FIELDS}
    fulfillmentOrders { edges { node { ${FULFILLMENT_ORDER_FIELDS} } } }
    lineItems { edges { node { ${LINE_FIELDS} } } }
  } } } }`;
}

/**
 * Fees Shopify charged on one order's payments (issue 20): `OrderTransaction.fees` (TransactionFee:
 * amount, type), filled for Shopify Payments transactions only; `gateway` says whose payment it was.
 * Cost: Order 1 + transactions(first: 20) × (OrderTransaction 1 + fees 1 + amount 1) = 61.
 */
export const ORDER_FEES_QUERY = `query OrderFees($id: ID!) {
  order(id: $id) {
    currencyCode
    transactions(first: 20) { kind status gateway fees { type amount { amount currencyCode } } }
  }
}`;
export const ORDER_FEES_COST = 1 + 20 * 3;
export type GqlTransaction = {
  kind: string;
  status: string;
  gateway?: string | null;
  fees?: { type: string; amount: { amount: string; currencyCode: string } }[] | null;
};
