/** The Shopify Admin GraphQL documents the adapter sends, and the order shape it reads. */

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
  lineItems: { nodes: { id: string; sku: string | null; title: string; quantity: number; originalUnitPriceSet: { shopMoney: { amount: string; currencyCode: string } } }[] };
};

export const ORDERS_QUERY = `query Orders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    edges {
      cursor
      node {
        id legacyResourceId name createdAt updatedAt cancelledAt email phone note currencyCode displayFinancialStatus
        customer { firstName lastName email }
        shippingAddress { name company address1 address2 city provinceCode zip countryCodeV2 phone }
        lineItems(first: 100) { nodes { id sku title quantity originalUnitPriceSet { shopMoney { amount currencyCode } } } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const ORDER_FULFILLMENT_QUERY = `query OrderFulfillment($id: ID!) {
  order(id: $id) {
    fulfillments(first: 50) { id trackingInfo { number } }
    fulfillmentOrders(first: 20) {
      nodes { id status lineItems(first: 100) { nodes { id remainingQuantity lineItem { id } } } }
    }
  }
}`;

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
