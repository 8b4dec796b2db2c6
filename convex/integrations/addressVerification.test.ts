/**
 * Address verification through the real EasyPost and Shippo SDKs against vendor-shaped servers on
 * 127.0.0.1 (EasyPost: POST /v2/addresses with `verify`, answering `verifications.delivery`;
 * Shippo: POST /addresses with `validate`, answering `validation_results`), then end to end: an
 * order whose address the carrier corrects is held with the suggestion on the hold.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FakeVendor, type FakeRequest } from "./carriers/fakeServer.testing";
import { differs, easyPostVerifier, shippoVerifier } from "./addressVerification";
import { api } from "../_generated/api";
import { createOrder } from "../model/orders/create";
import { seedStock, setupTest, usAddress } from "../testing/setup.testing";

const ours = usAddress;

/** What the carriers do with three known inputs: clean, correctable, undeliverable. */
function standardize(a: Record<string, string | undefined>) {
  const street = (a.street1 ?? "").toUpperCase();
  if (street.startsWith("1 NOWHERE")) return { ok: false, addr: { ...a, street1: street } };
  if (street === "500 MARKET")
    return { ok: true, addr: { ...a, street1: "500 MARKET ST", zip: "94105-2301", city: "SAN FRANCISCO" } };
  return { ok: true, addr: { ...a, street1: street, city: (a.city ?? "").toUpperCase(), zip: `${a.zip}-1234` } };
}

const easypost = new FakeVendor((req) => {
  const user = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64")
    .toString()
    .split(":")[0];
  return user === "EZTK_test"
    ? undefined
    : {
        status: 401,
        body: { error: { code: "APIKEY.INACTIVE", message: "This api key is no longer active.", errors: [] } },
      };
}).route("POST", "/v2/addresses", (req: FakeRequest) => {
  const body = req.body as { address: Record<string, string>; verify?: unknown };
  const { ok, addr } = standardize(body.address);
  const errors = ok
    ? []
    : [{ code: "E.ADDRESS.NOT_FOUND", field: "address", message: "Address not found", suggestion: null }];
  return {
    status: 201,
    body: {
      id: "adr_1",
      object: "Address",
      mode: "test",
      ...addr,
      verifications: body.verify
        ? { zip4: { success: ok, errors: [] }, delivery: { success: ok, errors, details: {} } }
        : {},
    },
  };
});

const shippo = new FakeVendor((req) =>
  req.headers.authorization === "ShippoToken shippo_test"
    ? undefined
    : { status: 401, body: { detail: "Invalid token." } },
).route("POST", "/addresses", (req: FakeRequest) => {
  const body = req.body as Record<string, string | boolean>;
  const { ok, addr } = standardize(body as Record<string, string>);
  return {
    status: 201,
    body: {
      object_id: "d799c2679e644279b59fe661ac8fa488",
      object_created: "2024-01-01T00:00:00Z",
      object_updated: "2024-01-01T00:00:00Z",
      object_owner: "shippotle@shippo.com",
      is_complete: true,
      ...addr,
      validate: undefined,
      validation_results: body.validate
        ? {
            is_valid: ok,
            messages: ok
              ? []
              : [
                  {
                    source: "Shippo Address Validator",
                    code: "Unknown Street",
                    type: "address_error",
                    text: "City, State and ZIP Code are valid, but street address is not a match.",
                  },
                ],
          }
        : undefined,
      test: true,
    },
  };
});

let epUrl = "";
let shUrl = "";
beforeAll(async () => {
  epUrl = `${await easypost.start()}/v2/`;
  shUrl = await shippo.start();
});
afterAll(async () => {
  await easypost.stop();
  await shippo.stop();
});

describe("EasyPost verification", () => {
  const ep = () => easyPostVerifier("EZTK_test", epUrl);
  test("a clean address is verified (case and ZIP+4 are not corrections)", async () => {
    expect(await ep().verify(ours)).toEqual({ status: "verified" });
    const sent = easypost.requests.at(-1)!.body as { verify: unknown; address: { street1: string; zip: string } };
    expect(sent.verify).toBeTruthy();
    expect([sent.address.street1, sent.address.zip]).toEqual(["500 Market St", "94105"]);
  });
  test("a correctable address comes back with the carrier's standardized suggestion", async () => {
    const r = await ep().verify({ ...ours, line1: "500 Market" });
    expect(r).toMatchObject({
      status: "corrected",
      suggestion: { line1: "500 MARKET ST", postalCode: "94105-2301", name: "Pat Doe" },
    });
  });
  test("an undeliverable address is invalid with the carrier's message; a bad key is 'unavailable'", async () => {
    expect(await ep().verify({ ...ours, line1: "1 Nowhere Rd" })).toMatchObject({
      status: "invalid",
      messages: ["Address not found"],
    });
    expect(await easyPostVerifier("wrong", epUrl).verify(ours)).toMatchObject({ status: "unavailable" });
  });
});

describe("Shippo validation", () => {
  const sh = () => shippoVerifier("shippo_test", shUrl);
  test("valid, corrected and invalid addresses", async () => {
    expect(await sh().verify(ours)).toEqual({ status: "verified" });
    expect((shippo.requests.at(-1)!.body as { validate: boolean }).validate).toBe(true);
    expect(await sh().verify({ ...ours, line1: "500 Market" })).toMatchObject({
      status: "corrected",
      suggestion: { line1: "500 MARKET ST" },
    });
    expect(await sh().verify({ ...ours, line1: "1 Nowhere Rd" })).toMatchObject({
      status: "invalid",
      messages: [expect.stringMatching(/street address is not a match/)],
    });
    expect(await shippoVerifier("nope", shUrl).verify(ours)).toMatchObject({ status: "unavailable" });
  });
  test("differs ignores case, punctuation and the ZIP+4 extension", () => {
    expect(differs(ours, { ...ours, line1: "500 MARKET ST.", postalCode: "94105-2301" })).toBe(false);
    expect(differs(ours, { ...ours, line1: "501 MARKET ST" })).toBe(true);
  });
});

describe("end to end", () => {
  test("with EasyPost verification on, a corrected address holds the order with the suggestion; accepting it releases the order", async () => {
    process.env.EASYPOST_API_KEY = "EZTK_test";
    process.env.EASYPOST_BASE_URL = epUrl;
    try {
      const { t, admin, supervisor } = await setupTest();
      const s = await admin.query(api.holds.settings, {});
      await admin.mutation(api.holds.saveSettings, { settings: { ...s, addressVerification: "easypost" } });
      const { productIds } = await seedStock(t, [5]);
      const { orderId } = await t.run((ctx) =>
        createOrder(ctx, undefined, {
          kind: "channel",
          channel: "shop",
          customer: { name: "P", email: "p@example.com" },
          shipTo: { ...usAddress, line1: "500 Market" },
          currency: "USD",
          lines: [{ productId: productIds[0], quantity: 1, unitPriceMinor: 100 }],
        }),
      );
      await t.finishAllScheduledFunctions(() => {});
      for (
        let i = 0;
        i < 50 && (await t.run(async (ctx) => (await ctx.db.get("orders", orderId))!.status)) !== "on_hold";
        i++
      )
        await new Promise((r) => setTimeout(r, 50));
      const { open } = await supervisor.query(api.holds.forOrder, { orderId });
      expect(open.map((h) => [h.type, h.reason, h.suggestion?.line1])).toEqual([
        ["address", "EasyPost suggests a corrected address", "500 MARKET ST"],
      ]);
      await supervisor.mutation(api.holds.acceptAddressSuggestion, { holdId: open[0]._id });
      const order = await t.run(async (ctx) => (await ctx.db.get("orders", orderId))!);
      expect([order.status, order.shipTo.line1, order.shipTo.postalCode]).toEqual([
        "allocated",
        "500 MARKET ST",
        "94105-2301",
      ]);
    } finally {
      delete process.env.EASYPOST_API_KEY;
      delete process.env.EASYPOST_BASE_URL;
    }
  });
});
