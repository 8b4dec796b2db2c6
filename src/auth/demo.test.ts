import { describe, expect, it } from "vitest";
import { DEMO_IDENTITIES, demoToken } from "./demo";

const decode = (part: string) => JSON.parse(atob(part.replace(/-/g, "+").replace(/_/g, "/")));

describe("demoToken", () => {
  it("is an unsigned JWT the offline runtime accepts: header.payload. with an empty signature", () => {
    const ada = DEMO_IDENTITIES.find((i) => i.role === "admin")!;
    const token = demoToken(ada);
    const [header, payload, signature] = token.split(".");
    expect(token.endsWith(".")).toBe(true);
    expect(signature).toBe("");
    expect(header).not.toMatch(/[+/=]/);
    expect(payload).not.toMatch(/[+/=]/);
    expect(decode(header)).toEqual({ alg: "none", typ: "JWT" });
    expect(decode(payload)).toEqual({
      iss: "offline-demo",
      sub: "admin",
      name: "Ada Admin",
      email: "admin@demo.local",
    });
  });

  it("has one identity per role", () => {
    expect(DEMO_IDENTITIES.map((i) => [i.role, i.name, i.email])).toEqual([
      ["admin", "Ada Admin", "admin@demo.local"],
      ["supervisor", "Sam Supervisor", "supervisor@demo.local"],
      ["floor", "Fran Floor", "floor@demo.local"],
    ]);
  });
});
