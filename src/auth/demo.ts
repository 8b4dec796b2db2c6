/**
 * Demo identities for the offline runtime. The token is an unsigned JWT the offline runtime
 * (dev/) accepts and a real deployment refuses:
 *   base64url('{"alg":"none","typ":"JWT"}') + "." + base64url(JSON.stringify({ iss, sub, name, email })) + "."
 * Keep this shape exactly: it is the contract with the offline runtime.
 */
import type { Role } from "../lib/api-types";

export type DemoIdentity = { role: Role; name: string; email: string; label: string };

export const DEMO_IDENTITIES: readonly DemoIdentity[] = [
  { role: "admin", name: "Ada Admin", email: "admin@demo.local", label: "Admin" },
  { role: "supervisor", name: "Sam Supervisor", email: "supervisor@demo.local", label: "Supervisor" },
  { role: "floor", name: "Fran Floor", email: "floor@demo.local", label: "Floor" },
];

export const DEMO_STORAGE_KEY = "order-platform.demo-role";
export const DEMO_ISSUER = "offline-demo";

export function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function demoToken(identity: DemoIdentity): string {
  const header = base64url(JSON.stringify({ alg: "none", typ: "JWT" }));
  const payload = base64url(
    JSON.stringify({ iss: DEMO_ISSUER, sub: identity.role, name: identity.name, email: identity.email }),
  );
  return `${header}.${payload}.`;
}

export function identityForRole(role: string | null | undefined): DemoIdentity | undefined {
  return DEMO_IDENTITIES.find((i) => i.role === role);
}

export function loadDemoRole(): string | null {
  try {
    return localStorage.getItem(DEMO_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function saveDemoRole(role: string | null): void {
  try {
    if (role) localStorage.setItem(DEMO_STORAGE_KEY, role);
    else localStorage.removeItem(DEMO_STORAGE_KEY);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
}
