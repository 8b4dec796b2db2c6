/** Channel test helpers (not a Convex module: two dots). */
import { api } from "../_generated/api";
import type { NormalizedOrder } from "../lib/channels/order";
import { usAddress, type TestBackend } from "./setup.testing";

let n = 0;
export function channelOrder(over: Partial<NormalizedOrder> & { lines: NormalizedOrder["lines"] }): NormalizedOrder {
  n += 1;
  return {
    externalId: `EXT-${n}`,
    placedAt: Date.now() - 60_000,
    updatedAt: Date.now() - 60_000,
    cancelled: false,
    customer: { name: "Pat Doe", email: "pat@example.com" },
    shipTo: usAddress,
    currency: "USD",
    ...over,
  };
}

export async function connect(
  t: TestBackend,
  code: string,
  kind: "amazon" | "shopify" | "sandbox" | "csv",
  settings = {},
) {
  const admin = t.withIdentity({ tokenIdentifier: "test|admin", subject: "admin", issuer: "test" });
  return admin.mutation(api.channels.connect, { code, kind, name: code, settings });
}
