/**
 * The writing side of the live-update benchmark, a page of its own in a browser context: the
 * official ConvexClient, signed in as the demo supervisor, creating orders on request. Served by
 * the same Vite server as the app (VITE_CONVEX_URL points at the offline runtime).
 */
import { ConvexClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";

const b64url = (s: string) => btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const token = `${b64url(JSON.stringify({ alg: "none", typ: "JWT" }))}.${b64url(
  JSON.stringify({ iss: "offline-demo", sub: "supervisor", name: "Sam Supervisor", email: "supervisor@demo.local" }),
)}.`;

const client = new ConvexClient(import.meta.env.VITE_CONVEX_URL as string);
client.setAuth(async () => token);
const createManual = makeFunctionReference<"mutation", { order: unknown }, { number: string }>("orders:createManual");
const me = makeFunctionReference<"query">("members:me");

type BenchWindow = Window & {
  benchReady?: Promise<void>;
  benchCreate?: (customer: string, productId: string, unitPriceMinor: number) => Promise<number>;
  benchMutate?: (udfPath: string, args: Record<string, unknown>) => Promise<number>;
};
const w = window as BenchWindow;

// Ready once the identity is accepted (a query as the supervisor succeeds).
w.benchReady = new Promise((ready) => {
  const stop = client.onUpdate(me, {}, () => {
    document.getElementById("state")!.textContent = "ready";
    stop();
    ready();
  });
});

/** Sends one createManual; resolves with the wall-clock ms just before it was sent. */
w.benchCreate = async (customer, productId, unitPriceMinor) => {
  const order = {
    kind: "phone",
    customer: { name: customer, email: "bench@example.com" },
    shipTo: {
      name: customer,
      line1: "500 Market St",
      city: "San Francisco",
      region: "CA",
      postalCode: "94105",
      country: "US",
    },
    currency: "USD",
    lines: [{ productId, quantity: 1, unitPriceMinor }],
  };
  const sentAt = performance.timeOrigin + performance.now();
  await client.mutation(createManual, { order });
  return sentAt;
};

/** Sends any mutation; resolves with the wall-clock ms just before it was sent. */
w.benchMutate = async (udfPath, args) => {
  const sentAt = performance.timeOrigin + performance.now();
  await client.mutation(makeFunctionReference<"mutation">(udfPath), args);
  return sentAt;
};
