/**
 * Amazon's own examples: the `x-amzn-api-sandbox` request/response pairs of the SP-API models
 * (Orders v2026-01-01, Orders v0 — current and the 2025-02 revision —, Feeds 2021-06-30), replayed
 * through amazonAdapter over HTTP. Login with Amazon, the Tokens API and the pre-signed feed upload
 * are not in the models: the replay scaffolds them (never counted as recordings).
 */
import { amazonAdapter, type AmazonConfig } from "../channels/amazon";
import { channelFailure, confirmation } from "./channels.contract.testing";
import { check, equal, exchange, exchangesOf, type Contract, type Exchange, type Replay } from "./replay.testing";

const V = "amazon";
const O26 = "orders_2026-01-01.json";
const V0_FILES = ["ordersV0.json", "ordersV0_2025-02.json"];
const FEEDS = "feeds_2021-06-30.json";
const ex = (file: string, key: string) => exchange(V, file, key);

const noSleep = { sleep: async () => {} };
function adapter(r: Replay, over: Partial<AmazonConfig> = {}) {
  r.scaffold("POST", "/auth/o2/token", () => ({
    status: 200,
    body: { access_token: "Atza|replay", token_type: "bearer", expires_in: 3600 },
  }));
  r.scaffold("POST", "/tokens/2021-03-01/restrictedDataToken", () => ({
    status: 200,
    body: { restrictedDataToken: "Atz.sprdt|replay", expiresIn: 3600 },
  }));
  r.scaffold("PUT", "/upload/*", () => ({ status: 200, body: "", contentType: "text/plain" }));
  return amazonAdapter(
    {
      apiUrl: r.vendor.url,
      lwaUrl: `${r.vendor.url}/auth/o2/token`,
      clientId: "c",
      clientSecret: "s",
      refreshToken: "Atzr|r",
      marketplaceId: "ATVPDKIKX0DER",
      sellerId: "A2SELLER",
      ...over,
    },
    noSleep,
  );
}
const cursor = JSON.stringify({ after: "2024-12-20T00:00:00Z" });
/** The pre-signed upload URL points at S3/CloudFront: the replay answers it instead. */
const localUpload = (r: Replay) => (body: unknown) => ({ ...(body as object), url: `${r.vendor.url}/upload/doc` });

export const amazonContract: Contract = {
  vendor: V,
  cases: [
    {
      name: "searchOrders (JP): fulfilled by Amazon, so not ours; the next page is followed by paginationToken",
      run: async (r) => {
        const e = ex(O26, "searchOrders:200:0");
        r.serve(e, "GET /orders/2026-01-01/orders");
        const page = await adapter(r).pullPage(cursor);
        equal(
          [page.orders.length, page.done, JSON.parse(page.cursor).next],
          [0, false, "2YgYW55IGNhcm5hbCBwbGVhc3VyZS4"],
          "page",
        );
        const q = new URL(r.requests.at(-1)!.path + "?" + r.requests.at(-1)!.query.toString(), "http://x").searchParams;
        equal(
          [q.get("includedData"), q.get("marketplaceIds")],
          ["BUYER,RECIPIENT,PROCEEDS,CANCELLATION,FULFILLMENT", "ATVPDKIKX0DER"],
          "request",
        );
      },
    },
    {
      name: "searchOrders (UK, a second page): already shipped by the merchant, nothing to import; the window closes",
      run: async (r) => {
        r.serve(ex(O26, "searchOrders:200:1"), "GET /orders/2026-01-01/orders");
        const page = await adapter(r).pullPage(
          JSON.stringify({ after: "2024-12-23T00:00:00Z", next: "9ZhB4RmVyc2lvbiAxLjAgb2YgdGhl" }),
        );
        equal([page.orders.length, page.done], [0, true], "page");
        equal(r.requests.at(-1)!.query.get("paginationToken"), "9ZhB4RmVyc2lvbiAxLjAgb2YgdGhl", "token sent");
        equal(JSON.parse(page.cursor), { after: "2024-12-24T18:45:00Z" }, "cursor moves to the last update seen");
      },
    },
    {
      name: "searchOrders (BR business order): buyer, company and ship-to without any token; BRL passed on for the import to refuse",
      run: async (r) => {
        r.serve(ex(O26, "searchOrders:200:2"), "GET /orders/2026-01-01/orders");
        const [o] = (await adapter(r).pullPage(cursor)).orders;
        check(o, "one order");
        equal(
          [
            o.externalId,
            o.currency,
            o.customer.name,
            o.shipTo.line1,
            o.shipTo.line2,
            o.shipTo.company,
            o.shipTo.postalCode,
            o.shipTo.country,
            o.lines,
            o.shipBy,
            o.cancelled,
            o.cancelRequested,
          ],
          [
            "171-2345678-9012345",
            "BRL",
            "Carlos Oliveira",
            "Avenida Paulista, 1000",
            "Sala 301",
            "Oliveira Tecnologia Ltda",
            "01310-100",
            "BR",
            [
              {
                externalLineId: "17123456789012",
                listingSku: "DELL-I15-BR-001",
                title: "Notebook Dell Inspiron 15 3000",
                quantity: 1,
                unitPriceMinor: 159990,
              },
            ],
            Date.parse("2024-12-24T23:59:59Z"),
            false,
            undefined,
          ],
          "order",
        );
        check(!r.requests.some((q) => q.path.startsWith("/tokens/")), "no Restricted Data Token for v2026-01-01");
      },
    },
    {
      name: "searchOrders 400 InvalidInput: a final error with Amazon's words",
      run: async (r) => {
        r.serve(ex(O26, "searchOrders:400:0"), "GET /orders/2026-01-01/orders");
        const e = await channelFailure(adapter(r).pullPage(cursor));
        check(!e.retryable && e.status === 400 && e.message.includes("InvalidInput: Invalid Input"), e.message);
      },
    },
    ...[0, 1, 2].map((i) => ({
      name: `getOrder example ${i + 1}: a whole-order shipment confirmation lists every item of the order`,
      run: async (r: Replay) => {
        const e = ex(O26, `getOrder:200:${i}`);
        const order = (
          e.response as { order: { orderId: string; orderItems: { orderItemId: string; quantityOrdered: number }[] } }
        ).order;
        r.serve(e, `GET /orders/2026-01-01/orders/${order.orderId}`).serve(
          ex("ordersV0.json", "confirmShipment:204:0"),
          `POST /orders/v0/orders/${order.orderId}/shipmentConfirmation`,
        );
        const out = await adapter(r).confirmShipment({
          externalOrderId: order.orderId,
          packageKey: "s:p",
          carrier: "FedEx",
          service: "FedEx Ground",
          trackingNumber: "112345678",
          items: [],
          shippedAt: Date.parse("2022-02-11T01:00:00Z"),
        });
        check(out.remoteRef && /^\d+$/.test(out.remoteRef), "package reference");
        const sent = r.requests.at(-1)!.body as {
          packageDetail: { orderItems: { orderItemId: string; quantity: number }[]; carrierCode: string };
        };
        equal(
          sent.packageDetail.orderItems,
          order.orderItems.map((x) => ({ orderItemId: x.orderItemId, quantity: x.quantityOrdered })),
          "items confirmed",
        );
        equal(sent.packageDetail.carrierCode, "FedEx", "carrier code");
      },
    })),
    {
      name: "getOrder 400 and confirmShipment 400: final errors",
      run: async (r) => {
        r.serve(ex(O26, "getOrder:400:0"), "GET /orders/2026-01-01/orders/*");
        const e = await channelFailure(
          adapter(r).confirmShipment(confirmation({ externalOrderId: "X", carrier: "UPS", trackingNumber: "1Z" })),
        );
        equal([e.retryable, e.status], [false, 400], "getOrder 400");
        r.serve(ex("ordersV0.json", "confirmShipment:400:0"), "POST /orders/v0/orders/*/shipmentConfirmation");
        const f = await channelFailure(
          adapter(r).confirmShipment(
            confirmation({
              externalOrderId: "902-1106328-1059050",
              carrier: "FedEx",
              trackingNumber: "112345678",
              items: [{ externalLineId: "79039765272157", quantity: 1 }],
            }),
          ),
        );
        check(!f.retryable && f.message.includes("Invalid Input"), f.message);
      },
    },
    ...V0_FILES.flatMap((file) => [
      {
        name: `${file} getOrders (deprecated v0): unshipped orders without an address stop the pull with the role to ask for, before any item is read`,
        run: async (r: Replay) => {
          r.serve(ex(file, "getOrders:200:0"), "GET /orders/v0/orders");
          const e = await channelFailure(adapter(r, { ordersApi: "v0" }).pullPage(cursor));
          check(!e.retryable && e.message.includes("Direct-to-Consumer Delivery (Restricted)"), e.message);
          check(
            r.requests.some((q) => q.path === "/tokens/2021-03-01/restrictedDataToken"),
            "asked for a Restricted Data Token",
          );
          const body = r.requests.find((q) => q.path === "/tokens/2021-03-01/restrictedDataToken")!.body as {
            restrictedResources: { method: string; path: string; dataElements: string[] }[];
          };
          equal(
            body.restrictedResources,
            [{ method: "GET", path: "/orders/v0/orders", dataElements: ["buyerInfo", "shippingAddress"] }],
            "RDT request",
          );
          equal(
            r.requests.find((q) => q.path === "/orders/v0/orders")!.headers["x-amz-access-token"],
            "Atz.sprdt|replay",
            "getOrders carries the RDT",
          );
        },
      },
      {
        name: `${file} getOrders pages: Pending orders are not ours; NextToken is followed`,
        run: async (r: Replay) => {
          r.serve(ex(file, "getOrders:200:1"), "GET /orders/v0/orders").serve(
            ex(file, "getOrders:200:2"),
            "GET /orders/v0/orders",
          );
          const a = adapter(r, { ordersApi: "v0" });
          const p1 = await a.pullPage(cursor);
          equal(
            [p1.orders.length, p1.done, JSON.parse(p1.cursor).next],
            [0, false, "2YgYW55IGNhcm5hbCBwbGVhc3VyZS4"],
            "page 1",
          );
          const p2 = await a.pullPage(p1.cursor);
          equal([p2.orders.length, p2.done], [0, true], "page 2");
          equal(r.requests.at(-1)!.query.get("NextToken"), "2YgYW55IGNhcm5hbCBwbGVhc3VyZS4", "token sent");
        },
      },
      {
        name: `${file} getOrders 400 and getOrderItems: a whole-order confirmation (v0) lists the order's items`,
        run: async (r: Replay) => {
          r.serve(ex(file, "getOrders:400:0"), "GET /orders/v0/orders");
          equal((await channelFailure(adapter(r, { ordersApi: "v0" }).pullPage(cursor))).status, 400, "400");
          const items = ex(file, "getOrderItems:200:0");
          const orderId = (items.response as { payload: { AmazonOrderId: string } }).payload.AmazonOrderId;
          r.serve(items, `GET /orders/v0/orders/${orderId}/orderItems`).serve(
            ex(file, "confirmShipment:204:0"),
            `POST /orders/v0/orders/${orderId}/shipmentConfirmation`,
          );
          await adapter(r, { ordersApi: "v0" }).confirmShipment(
            confirmation({ externalOrderId: orderId, carrier: "USPS", trackingNumber: "9400" }),
          );
          equal(
            (r.requests.at(-1)!.body as { packageDetail: { orderItems: unknown } }).packageDetail.orderItems,
            [{ orderItemId: "05015851154158", quantity: 1 }],
            "items",
          );
          r.serve(ex(file, "getOrderItems:400:0"), "GET /orders/v0/orders/*/orderItems");
          equal(
            (
              await channelFailure(
                adapter(r, { ordersApi: "v0" }).confirmShipment(
                  confirmation({ externalOrderId: "TEST_CASE_400", carrier: "USPS", trackingNumber: "1" }),
                ),
              )
            ).status,
            400,
            "items 400",
          );
        },
      },
      {
        name: `${file} confirmShipment 204 and 400`,
        run: async (r: Replay) => {
          const ok = ex(file, "confirmShipment:204:0");
          const req = (
            ok.request as {
              body: {
                value: {
                  packageDetail: { trackingNumber: string; orderItems: { orderItemId: string; quantity: number }[] };
                };
              };
            }
          ).body.value;
          r.serve(ok).serve(ex(file, "confirmShipment:400:0"));
          const c = {
            externalOrderId: "902-1106328-1059050",
            packageKey: "k",
            carrier: "FedEx",
            service: "FedEx Ground",
            trackingNumber: req.packageDetail.trackingNumber,
            items: req.packageDetail.orderItems.map((i) => ({ externalLineId: i.orderItemId, quantity: i.quantity })),
            shippedAt: Date.parse("2022-02-11T01:00:00Z"),
          };
          await adapter(r, { ordersApi: "v0" }).confirmShipment(c);
          equal((await channelFailure(adapter(r, { ordersApi: "v0" }).confirmShipment(c))).status, 400, "400");
        },
      },
    ]),
    {
      name: "acknowledgement feed: document, upload, feed; each order pending on the feed; the feed's status decides (CANCELLED: send again)",
      run: async (r) => {
        const a = adapter(r);
        r.serve(ex(FEEDS, "createFeedDocument:201:0"), undefined, { rewrite: localUpload(r) }).serve(
          ex(FEEDS, "createFeed:202:0"),
        );
        const sent = await a.acknowledge(["902-1845936-5435065", "902-8745147-1934268"]);
        equal(
          sent.map((s) => s.pending?.ref),
          ["feed:3485934:1", "feed:3485934:2"],
          "pending on the feed",
        );
        const upload = r.requests.find((q) => q.path === "/upload/doc")!;
        check(
          typeof upload.body === "string" && upload.body.includes("<MessageType>OrderAcknowledgement</MessageType>"),
          "the feed document was uploaded",
        );
        r.serve(ex(FEEDS, "getFeed:200:0"), "GET /feeds/2021-06-30/feeds/3485934");
        const checked = await a.checkAcknowledgements!(
          sent.map((s) => ({ externalOrderId: s.externalOrderId, ref: s.pending!.ref })),
        );
        equal(
          checked.map((c) => [c.ok, c.pending]),
          [
            [false, undefined],
            [false, undefined],
          ],
          "CANCELLED feed: not acknowledged",
        );
        check(checked[0].error?.includes("CANCELLED"), String(checked[0].error));
      },
    },
    {
      name: "feed errors: createFeedDocument, createFeed and getFeed 400 are final errors",
      run: async (r) => {
        r.serve(ex(FEEDS, "createFeedDocument:400:0"));
        equal((await channelFailure(adapter(r).acknowledge(["1"]))).status, 400, "document 400");
        r.serve(ex(FEEDS, "createFeedDocument:201:0"), undefined, { rewrite: localUpload(r) }).serve(
          ex(FEEDS, "createFeed:400:0"),
        );
        equal((await channelFailure(adapter(r).acknowledge(["1"]))).status, 400, "feed 400");
        r.serve(ex(FEEDS, "getFeed:400:0"), "GET /feeds/2021-06-30/feeds/*");
        equal(
          (
            await channelFailure(
              adapter(r).checkAcknowledgements!([{ externalOrderId: "1", ref: "feed:badFeedId1:1" }]),
            )
          ).status,
          400,
          "getFeed 400",
        );
      },
    },
  ],
  excluded: Object.fromEntries([
    ...exchangesOf(V, FEEDS)
      .filter((e) => /#(getFeeds|cancelFeed|getFeedDocument):/.test(e.id))
      .map((e) => [
        e.id,
        e.id.includes("getFeedDocument")
          ? "The report document is read only after a DONE feed; the models' examples have none (amazon.test.ts reads a processing report from the local server)."
          : "Listing and cancelling feeds: not part of acknowledging.",
      ]),
    ...V0_FILES.flatMap((file) =>
      exchangesOf(V, file)
        .filter((e) => !/#(getOrders|getOrderItems|confirmShipment):/.test(e.id))
        .map((e) => [
          e.id,
          "A v0 operation the adapter does not call (getOrder, buyer info, address, regulated info, shipment status): orders come from v2026-01-01 searchOrders, or getOrders on the v0 fallback.",
        ]),
    ),
  ]),
};

export type { Exchange };
