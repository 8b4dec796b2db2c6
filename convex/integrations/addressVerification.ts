"use node";
/**
 * Carrier address verification (issue 10): EasyPost through its SDK (Address create with `verify`,
 * reading `verifications.delivery`) and Shippo over REST (address create with `validate`, reading
 * `validation_results`). A verifier answers verified / corrected (with the carrier's
 * standardized address as a suggestion) / invalid / unavailable; the order's holds are decided
 * in one internal mutation (model/holds/verification.ts). Configured by the same variables
 * as the carrier adapters: EASYPOST_API_KEY [EASYPOST_BASE_URL], SHIPPO_API_KEY [SHIPPO_BASE_URL].
 * Kept beside the carrier adapters rather than in their interface until that interface grows a
 * verify method; the request shapes are the same.
 */
import EasyPostClient from "@easypost/api";
import { v } from "convex/values";
import { literals } from "convex-helpers/validators";
import { internalAction } from "../_generated/server";
import { internal } from "../_generated/api";
import type { CarrierAddress } from "./carriers/types";
import { fromStreetAddress, toStreetAddress, type StreetAddress } from "./carriers/streetAddress";
import { foldAddressText } from "../lib/address";

export type VerifyResult =
  | { status: "verified" }
  | { status: "corrected"; suggestion: CarrierAddress; messages: string[] }
  | { status: "invalid"; messages: string[]; suggestion?: CarrierAddress }
  | { status: "unavailable"; error: string };

export interface AddressVerifier {
  readonly name: "easypost" | "shippo";
  verify(address: CarrierAddress): Promise<VerifyResult>;
}

const fold = foldAddressText;

/** Does the carrier's standardized address differ from ours beyond case and punctuation? */
export function differs(ours: CarrierAddress, theirs: CarrierAddress) {
  const zip = (a: CarrierAddress) =>
    a.country.toUpperCase() === "US" ? fold(a.postalCode).slice(0, 5) : fold(a.postalCode).replace(/ /g, "");
  return (
    fold(ours.line1) !== fold(theirs.line1) ||
    fold(ours.line2) !== fold(theirs.line2) ||
    fold(ours.city) !== fold(theirs.city) ||
    fold(ours.region) !== fold(theirs.region) ||
    zip(ours) !== zip(theirs)
  );
}

function judge(ours: CarrierAddress, ok: boolean, theirs: CarrierAddress, messages: string[]): VerifyResult {
  if (!ok)
    return {
      status: "invalid",
      messages: messages.length ? messages : ["The carrier could not verify this address."],
      suggestion: differs(ours, theirs) ? theirs : undefined,
    };
  return differs(ours, theirs) ? { status: "corrected", suggestion: theirs, messages } : { status: "verified" };
}

type EpError = { code?: string; field?: string; message: string; suggestion?: string | null };
type EpAddress = StreetAddress & {
  id?: string;
  verifications?: { delivery?: { success: boolean; errors?: EpError[] } };
};

const epMessages = (errors: (EpError | string)[] | undefined) =>
  (errors ?? []).map((e) =>
    typeof e === "string" ? e : e.suggestion ? `${e.message} (suggested: ${e.suggestion})` : e.message,
  );

/**
 * EasyPost: create the address with `verify`; an answer without a delivery verification (older
 * accounts, or `verify` ignored) is verified with GET /addresses/:id/verify. A 422
 * ADDRESS.VERIFY.FAILURE from either call is the carrier's "invalid", with each of its reasons.
 */
export function easyPostVerifier(apiKey: string, baseUrl?: string): AddressVerifier {
  const client = new EasyPostClient(apiKey, baseUrl ? { baseUrl } : {});
  const unwrap = (x: unknown) => JSON.parse(JSON.stringify(x)) as EpAddress & { address?: EpAddress };
  return {
    name: "easypost",
    async verify(a) {
      try {
        let res = unwrap(await client.Address.create({ ...toStreetAddress(a), verify: true }));
        res = res.address ?? res;
        if (!res.verifications?.delivery && res.id) res = unwrap(await client.Address.verifyAddress(res.id));
        const delivery = res.verifications?.delivery;
        if (!delivery)
          return { status: "unavailable", error: "EasyPost: the address came back without a delivery verification" };
        return judge(a, delivery.success, fromStreetAddress(a, res), epMessages(delivery.errors));
      } catch (e) {
        const err = e as { statusCode?: number; code?: string; message?: string; errors?: (EpError | string)[] };
        if (err.statusCode === 422 && /^ADDRESS\.VERIFY/.test(err.code ?? ""))
          return {
            status: "invalid",
            messages: epMessages(err.errors).length
              ? epMessages(err.errors)
              : [err.message ?? "Unable to verify address."],
          };
        return { status: "unavailable", error: `EasyPost: ${err.message ?? String(e)}` };
      }
    },
  };
}

type ShippoAddress = StreetAddress & {
  object_id?: string;
  is_complete?: boolean;
  validation_results?: {
    is_valid?: boolean | null;
    messages?: { code?: string | null; text?: string | null }[] | null;
  } | null;
};

/**
 * Shippo over REST (the SDK rejects the nulls real answers carry): POST /addresses with `validate`;
 * an incomplete address is invalid as it stands; an answer without a verdict is validated with GET
 * /addresses/:id/validate.
 */
export function shippoVerifier(apiKey: string, serverURL?: string): AddressVerifier {
  const base = (serverURL ?? "https://api.goshippo.com").replace(/\/$/, "");
  async function call(method: string, path: string, body?: unknown): Promise<ShippoAddress> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        Authorization: `ShippoToken ${apiKey}`,
        "Shippo-API-Version": "2018-02-08",
        "Content-Type": "application/json",
        Accept: "application/json",
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${res.status} ${text.replace(/<[^>]+>/g, " ").slice(0, 200)}`);
    return JSON.parse(text) as ShippoAddress;
  }
  return {
    name: "shippo",
    async verify(a) {
      try {
        let res = await call("POST", "/addresses", { ...toStreetAddress(a), validate: true });
        if (res.is_complete === false)
          return {
            status: "invalid",
            messages: ["The carrier says the address is incomplete (street and postal code are needed)."],
          };
        if (typeof res.validation_results?.is_valid !== "boolean" && res.object_id)
          res = await call("GET", `/addresses/${encodeURIComponent(res.object_id)}/validate`);
        const v = res.validation_results;
        if (typeof v?.is_valid !== "boolean")
          return { status: "unavailable", error: "Shippo: the address came back without a validation result" };
        const messages = (v.messages ?? []).map((m) => m.text ?? m.code ?? "").filter(Boolean);
        return judge(a, v.is_valid, fromStreetAddress(a, res), messages);
      } catch (e) {
        return { status: "unavailable", error: `Shippo: ${(e as Error).message}` };
      }
    },
  };
}

export function verifierFor(
  name: "easypost" | "shippo",
  env: Record<string, string | undefined> = process.env,
): AddressVerifier | undefined {
  if (name === "easypost" && env.EASYPOST_API_KEY) return easyPostVerifier(env.EASYPOST_API_KEY, env.EASYPOST_BASE_URL);
  if (name === "shippo" && env.SHIPPO_API_KEY) return shippoVerifier(env.SHIPPO_API_KEY, env.SHIPPO_BASE_URL);
  return undefined;
}

/** Scheduled after an order passes validation (or its address is corrected) when verification is on. */
export const verifyOrderAddress = internalAction({
  args: { orderId: v.id("orders"), provider: literals("easypost", "shippo") },
  handler: async (ctx, { orderId, provider }) => {
    const order = await ctx.runQuery(internal.holds.orderAddress, { orderId });
    if (!order) return null;
    const verifier = verifierFor(provider);
    const result: VerifyResult = verifier
      ? await verifier.verify(order.shipTo)
      : { status: "unavailable", error: `${provider} is selected for address verification but not configured` };
    await ctx.runMutation(internal.holds.recordAddressVerification, {
      orderId,
      provider,
      addressKey: order.addressKey,
      result,
    });
    return null;
  },
});
