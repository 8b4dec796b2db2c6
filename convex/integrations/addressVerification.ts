"use node";
/**
 * Carrier address verification (issue 10) through the vendors' SDKs: EasyPost (Address create
 * with `verify`, reading `verifications.delivery`) and Shippo (address create with `validate`,
 * reading `validation_results`). A verifier answers verified / corrected (with the carrier's
 * standardized address as a suggestion) / invalid / unavailable; the order's holds are decided
 * in one internal mutation (model/exceptions/verification.ts). Configured by the same variables
 * as the carrier adapters: EASYPOST_API_KEY [EASYPOST_BASE_URL], SHIPPO_API_KEY [SHIPPO_BASE_URL].
 * Kept beside the carrier adapters rather than in their interface until that interface grows a
 * verify method; the request shapes are the same.
 */
import EasyPostClient from "@easypost/api";
import { Shippo } from "shippo";
import { v } from "convex/values";
import { internalAction } from "../_generated/server";
import { internal } from "../_generated/api";
import type { CarrierAddress } from "./carriers/types";

export type VerifyResult =
  | { status: "verified" }
  | { status: "corrected"; suggestion: CarrierAddress; messages: string[] }
  | { status: "invalid"; messages: string[]; suggestion?: CarrierAddress }
  | { status: "unavailable"; error: string };

export interface AddressVerifier {
  readonly name: "easypost" | "shippo";
  verify(address: CarrierAddress): Promise<VerifyResult>;
}

const fold = (s: string | undefined | null) => (s ?? "").toUpperCase().replace(/[^A-Z0-9]+/g, " ").trim();

/** Does the carrier's standardized address differ from ours beyond case and punctuation? */
export function differs(ours: CarrierAddress, theirs: CarrierAddress) {
  const zip = (a: CarrierAddress) => (a.country.toUpperCase() === "US" ? fold(a.postalCode).slice(0, 5) : fold(a.postalCode).replace(/ /g, ""));
  return fold(ours.line1) !== fold(theirs.line1) || fold(ours.line2) !== fold(theirs.line2) || fold(ours.city) !== fold(theirs.city) || fold(ours.region) !== fold(theirs.region) || zip(ours) !== zip(theirs);
}

function suggestionFrom(ours: CarrierAddress, s: { street1?: string | null; street2?: string | null; city?: string | null; state?: string | null; zip?: string | null; country?: string | null }): CarrierAddress {
  return {
    ...ours,
    line1: s.street1 || ours.line1,
    line2: s.street2 || undefined,
    city: s.city || ours.city,
    region: s.state || ours.region,
    postalCode: s.zip || ours.postalCode,
    country: (s.country || ours.country).toUpperCase(),
  };
}

function judge(ours: CarrierAddress, ok: boolean, theirs: CarrierAddress, messages: string[]): VerifyResult {
  if (!ok) return { status: "invalid", messages: messages.length ? messages : ["The carrier could not verify this address."], suggestion: differs(ours, theirs) ? theirs : undefined };
  return differs(ours, theirs) ? { status: "corrected", suggestion: theirs, messages } : { status: "verified" };
}

type EpError = { code: string; field?: string; message: string; suggestion?: string | null };
type EpAddress = { street1?: string; street2?: string | null; city?: string; state?: string; zip?: string; country?: string; verifications?: { delivery?: { success: boolean; errors?: EpError[] } } };

export function easyPostVerifier(apiKey: string, baseUrl?: string): AddressVerifier {
  const client = new EasyPostClient(apiKey, baseUrl ? { baseUrl } : {});
  return {
    name: "easypost",
    async verify(a) {
      try {
        const res = (await client.Address.create({ name: a.name, company: a.company, street1: a.line1, street2: a.line2, city: a.city, state: a.region, zip: a.postalCode, country: a.country, phone: a.phone, verify: true })) as unknown as EpAddress;
        const delivery = res.verifications?.delivery;
        const messages = (delivery?.errors ?? []).map((e) => (e.suggestion ? `${e.message} (suggested: ${e.suggestion})` : e.message));
        return judge(a, delivery?.success ?? false, suggestionFrom(a, res), messages);
      } catch (e) {
        return { status: "unavailable", error: `EasyPost: ${(e as Error).message}` };
      }
    },
  };
}

export function shippoVerifier(apiKey: string, serverURL?: string): AddressVerifier {
  const client = new Shippo({ apiKeyHeader: `ShippoToken ${apiKey}`, serverURL, retryConfig: { strategy: "none" } });
  return {
    name: "shippo",
    async verify(a) {
      try {
        const res = await client.addresses.create({ name: a.name, company: a.company, street1: a.line1, street2: a.line2, city: a.city, state: a.region, zip: a.postalCode, country: a.country, phone: a.phone, validate: true });
        const v = res.validationResults;
        const messages = (v?.messages ?? []).map((m) => m.text ?? m.code ?? "").filter(Boolean);
        return judge(a, v?.isValid ?? false, suggestionFrom(a, res), messages);
      } catch (e) {
        return { status: "unavailable", error: `Shippo: ${(e as Error).message}` };
      }
    },
  };
}

export function verifierFor(name: "easypost" | "shippo", env: Record<string, string | undefined> = process.env): AddressVerifier | undefined {
  if (name === "easypost" && env.EASYPOST_API_KEY) return easyPostVerifier(env.EASYPOST_API_KEY, env.EASYPOST_BASE_URL);
  if (name === "shippo" && env.SHIPPO_API_KEY) return shippoVerifier(env.SHIPPO_API_KEY, env.SHIPPO_BASE_URL);
  return undefined;
}

/** Scheduled after an order passes validation (or its address is corrected) when verification is on. */
export const verifyOrderAddress = internalAction({
  args: { orderId: v.id("orders"), provider: v.union(v.literal("easypost"), v.literal("shippo")) },
  handler: async (ctx, { orderId, provider }) => {
    const order = await ctx.runQuery(internal.exceptions.orderAddress, { orderId });
    if (!order) return null;
    const verifier = verifierFor(provider);
    const result: VerifyResult = verifier ? await verifier.verify(order.shipTo) : { status: "unavailable", error: `${provider} is selected for address verification but not configured` };
    await ctx.runMutation(internal.exceptions.recordAddressVerification, { orderId, provider, addressKey: order.addressKey, result });
    return null;
  },
});
