/**
 * Demo sign-in for the offline runtime. The UI's sign-in page calls `setAuth` with an unsigned
 * JWT: base64url('{"alg":"none","typ":"JWT"}') + "." + base64url(payload) + "." where payload is
 * { iss: "offline-demo", sub: "admin" | "supervisor" | "floor", name, email }.
 *
 * Only such tokens are accepted, and only here: a real deployment verifies Clerk-signed tokens and
 * refuses these. Anything else is an auth error (reported to the client as AuthError, never fatal).
 */
import type { UserIdentity } from "convex/server";

export const DEMO_ISSUER = "offline-demo";
export const DEMO_ROLES = ["admin", "supervisor", "floor"] as const;
export type DemoRole = (typeof DEMO_ROLES)[number];

export type Identity = Pick<UserIdentity, "tokenIdentifier" | "subject" | "issuer" | "name" | "email">;

export type AuthResult = { ok: true; identity: Identity } | { ok: false; error: string };

function base64UrlJson(part: string): unknown {
  const b64 = part.replace(/-/g, "+").replace(/_/g, "/");
  return JSON.parse(Buffer.from(b64, "base64").toString("utf8"));
}

/** Maps a demo token to the identity convex-test takes via `t.withIdentity`. */
export function identityFromToken(token: string): AuthResult {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[2] !== "")
    return { ok: false, error: "Offline demo: expected an unsigned demo token." };
  let header: unknown;
  let payload: unknown;
  try {
    header = base64UrlJson(parts[0]);
    payload = base64UrlJson(parts[1]);
  } catch {
    return { ok: false, error: "Offline demo: the token is not a JWT." };
  }
  if (typeof header !== "object" || header === null || (header as { alg?: unknown }).alg !== "none") {
    return { ok: false, error: 'Offline demo: only tokens with alg "none" are accepted.' };
  }
  if (typeof payload !== "object" || payload === null)
    return { ok: false, error: "Offline demo: the token has no claims." };
  const p = payload as Record<string, unknown>;
  if (p.iss !== DEMO_ISSUER) return { ok: false, error: `Offline demo: issuer must be "${DEMO_ISSUER}".` };
  if (typeof p.sub !== "string" || !(DEMO_ROLES as readonly string[]).includes(p.sub)) {
    return { ok: false, error: `Offline demo: sub must be one of ${DEMO_ROLES.join(", ")}.` };
  }
  const identity: Identity = {
    tokenIdentifier: `${DEMO_ISSUER}|${p.sub}`,
    subject: p.sub,
    issuer: DEMO_ISSUER,
    ...(typeof p.name === "string" ? { name: p.name } : {}),
    ...(typeof p.email === "string" ? { email: p.email } : {}),
  };
  return { ok: true, identity };
}

const b64url = (s: string) =>
  Buffer.from(s, "utf8").toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

/** Builds a demo token (tests, e2e, bench; the UI builds the same string in the browser). */
export function demoToken(role: DemoRole, name?: string, email?: string): string {
  const names: Record<DemoRole, string> = { admin: "Ada Admin", supervisor: "Sam Supervisor", floor: "Fran Floor" };
  const payload = { iss: DEMO_ISSUER, sub: role, name: name ?? names[role], email: email ?? `${role}@demo.local` };
  return `${b64url(JSON.stringify({ alg: "none", typ: "JWT" }))}.${b64url(JSON.stringify(payload))}.`;
}

/** Stable key of an identity for sharing query runs ("" = signed out). */
export const identityKey = (identity: Identity | null) => (identity ? JSON.stringify(identity) : "");
