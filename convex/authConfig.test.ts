import { afterEach, describe, expect, test, vi } from "vitest";

async function load(env: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [k, val] of Object.entries(env)) vi.stubEnv(k, val as string);
  return (await import("./auth.config")).default;
}

describe("auth.config (evaluated by Convex on every push)", () => {
  afterEach(() => vi.unstubAllEnvs());

  test("refuses a push without CLERK_JWT_ISSUER_DOMAIN, naming the variable", async () => {
    await expect(load({ CLERK_JWT_ISSUER_DOMAIN: "", ALLOW_DEMO_AUTH: "" })).rejects.toThrow(
      /CLERK_JWT_ISSUER_DOMAIN is not set/,
    );
    await expect(load({ CLERK_JWT_ISSUER_DOMAIN: "   ", ALLOW_DEMO_AUTH: "1" })).rejects.toThrow(
      /ALLOW_DEMO_AUTH=true/,
    );
  });

  test("uses the Clerk issuer when set", async () => {
    expect(await load({ CLERK_JWT_ISSUER_DOMAIN: "https://x.clerk.accounts.dev", ALLOW_DEMO_AUTH: "" })).toEqual({
      providers: [{ domain: "https://x.clerk.accounts.dev", applicationID: "convex" }],
    });
  });

  test("pushes with no provider only with the explicit demo flag", async () => {
    expect(await load({ CLERK_JWT_ISSUER_DOMAIN: "", ALLOW_DEMO_AUTH: "true" })).toEqual({ providers: [] });
  });
});
