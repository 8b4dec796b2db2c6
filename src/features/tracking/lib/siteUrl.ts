/**
 * Where the deployment serves HTTP actions: VITE_CONVEX_SITE_URL when set; otherwise derived from
 * VITE_CONVEX_URL — a cloud deployment's https://<name>.convex.cloud answers actions on
 * https://<name>.convex.site, and a local one (npx convex dev, the offline runtime) on the next
 * port (3210 → 3211).
 */
export function siteUrlFrom(env: { VITE_CONVEX_SITE_URL?: string; VITE_CONVEX_URL?: string }): string | undefined {
  if (env.VITE_CONVEX_SITE_URL?.trim()) return env.VITE_CONVEX_SITE_URL.trim().replace(/\/$/, "");
  if (!env.VITE_CONVEX_URL) return undefined;
  const url = new URL(env.VITE_CONVEX_URL);
  if (url.hostname.endsWith(".convex.cloud")) {
    url.hostname = url.hostname.replace(/\.convex\.cloud$/, ".convex.site");
  } else if (url.port) {
    url.port = String(Number(url.port) + 1);
  }
  return url.origin;
}

export const SITE_URL = siteUrlFrom(import.meta.env as { VITE_CONVEX_SITE_URL?: string; VITE_CONVEX_URL?: string });
