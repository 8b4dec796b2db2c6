/**
 * The sender end to end through convex-test: queued messages go to the configured provider (a
 * Postmark-shaped server on 127.0.0.1) and are recorded sent; with nothing configured they are
 * marked offline; a provider outage leaves them queued for a retry with backoff.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { internal } from "../../_generated/api";
import { createOrder } from "../../model/orders/create";
import { seedStock, setupTest, usAddress, type TestBackend } from "../../testing/setup.testing";

let server: Server;
let base = "";
let down = false;
const bodies: { To: string; Subject: string; HtmlBody: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let s = "";
    req.on("data", (c: Buffer) => (s += c.toString()));
    req.on("end", () => {
      if (down) {
        res.writeHead(503, { "Content-Type": "application/json" });
        return res.end(JSON.stringify({ ErrorCode: 100, Message: "Maintenance" }));
      }
      const msg = JSON.parse(s) as { To: string; Subject: string; HtmlBody: string };
      bodies.push(msg);
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(
        JSON.stringify({
          To: msg.To,
          SubmittedAt: new Date().toISOString(),
          MessageID: `pm-${bodies.length}`,
          ErrorCode: 0,
          Message: "OK",
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});
const ENV = ["POSTMARK_SERVER_TOKEN", "POSTMARK_BASE_URL", "NOTIFY_FROM_EMAIL"];
afterEach(() => {
  for (const k of ENV) delete process.env[k];
  down = false;
});

async function oneOrder(t: TestBackend) {
  const { productIds } = await seedStock(t, [5]);
  return t.run((ctx) =>
    createOrder(ctx, undefined, {
      kind: "channel",
      channel: "shop",
      customer: { name: "Ada", email: "ada@example.com" },
      shipTo: usAddress,
      currency: "USD",
      lines: [{ productId: productIds[0], quantity: 1, unitPriceMinor: 100 }],
      notes: "<b>hi</b>",
    }),
  );
}
const rows = (t: TestBackend) => t.run((ctx) => ctx.db.query("notifications").collect());

describe("notification worker", () => {
  test("offline default: no provider configured → marked offline, nothing sent", async () => {
    const { t } = await setupTest();
    await oneOrder(t);
    expect(await t.action(internal.integrations.notify.worker.drain, {})).toEqual({ sent: 0, failed: 0, offline: 1 });
    expect((await rows(t)).map((r) => r.status)).toEqual(["offline"]);
    expect(bodies).toEqual([]);
  });

  test("configured Postmark: sent once with the rendered, escaped body and the provider's id", async () => {
    Object.assign(process.env, {
      POSTMARK_SERVER_TOKEN: "tok",
      POSTMARK_BASE_URL: base,
      NOTIFY_FROM_EMAIL: "shop@example.com",
    });
    const { t } = await setupTest();
    await oneOrder(t);
    expect(await t.action(internal.integrations.notify.worker.drain, {})).toEqual({ sent: 1, failed: 0, offline: 0 });
    expect(await t.action(internal.integrations.notify.worker.drain, {})).toEqual({ sent: 0, failed: 0, offline: 0 });
    const [row] = await rows(t);
    expect([row.status, row.provider, row.providerId, row.attempts]).toEqual([
      "sent",
      "postmark",
      `pm-${bodies.length}`,
      1,
    ]);
    expect(bodies.at(-1)!.HtmlBody).toContain("&lt;b&gt;hi&lt;/b&gt;");
  });

  test("a provider outage leaves the message queued with its error, for a later attempt", async () => {
    Object.assign(process.env, {
      POSTMARK_SERVER_TOKEN: "tok",
      POSTMARK_BASE_URL: base,
      NOTIFY_FROM_EMAIL: "shop@example.com",
    });
    down = true;
    const { t } = await setupTest();
    await oneOrder(t);
    expect(await t.action(internal.integrations.notify.worker.drain, {})).toEqual({ sent: 0, failed: 1, offline: 0 });
    const [row] = await rows(t);
    expect([row.status, row.attempts, row.lastError]).toEqual([
      "queued",
      1,
      "Postmark 503 (ErrorCode 100): Maintenance",
    ]);
  });
});
