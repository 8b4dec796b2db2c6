/** The portal's signing key from the deployment's environment (PORTAL_TOKEN_SECRET, ≥ 32 characters), or undefined. */
export function portalSecretFromEnv(env: Record<string, string | undefined> = process.env): string | undefined {
  const s = env.PORTAL_TOKEN_SECRET;
  return s && s.length >= 32 ? s : undefined;
}
