/**
 * What the REST adapters (Shippo, ShipStation) and the EasyPost SDK adapter share at the wire: a
 * JSON call whose network failure is the vendor being unavailable, and an answer read through the
 * adapter's lenient schema — one that does not fit is "unavailable" naming each field, never a
 * half-read rate or label.
 */
import { z } from "zod";
import { CarrierError } from "./types";

/** Text or a number a vendor may send as null or leave out (the recorded responses do both). */
export const zText = z.string().nullish();
export const zNumber = z.number().nullish();

export type VendorAnswer = { ok: boolean; status: number; statusText: string; text: string };

/** Sends `body` as JSON (when given) and asks for JSON; the answer's text is read whatever its status. */
export async function callVendor(
  provider: string,
  url: string,
  { method, headers, body }: { method: string; headers: Record<string, string>; body?: unknown },
): Promise<VendorAnswer> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { ...headers, "Content-Type": "application/json", Accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new CarrierError(provider, "unavailable", (e as Error).message);
  }
  return { ok: res.ok, status: res.status, statusText: res.statusText, text: await res.text() };
}

/** `json` through `schema`. */
export function fitVendorAnswer<T>(provider: string, schema: z.ZodType<T>, json: unknown): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new CarrierError(
      provider,
      "unavailable",
      `unexpected response: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}

/** A successful answer's text (empty: `{}`) as JSON through `schema`; text that is not JSON is "unavailable". */
export function readVendorAnswer<T>(provider: string, schema: z.ZodType<T>, { status, text }: VendorAnswer): T {
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new CarrierError(provider, "unavailable", `${status} answer is not JSON: ${text.slice(0, 120)}`, status);
  }
  return fitVendorAnswer(provider, schema, json);
}
