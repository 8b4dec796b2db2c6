/**
 * Clerk as the identity provider on a real deployment. Set CLERK_JWT_ISSUER_DOMAIN in the
 * deployment's environment (Convex dashboard or `npx convex env set`) BEFORE the first push: a
 * push without it is refused here (Convex evaluates this file when functions are pushed), because
 * it would otherwise succeed with no auth provider and every sign-in would then fail. To push
 * without sign-in on purpose (a throwaway demo deployment), set ALLOW_DEMO_AUTH=true instead.
 * The offline runtime accepts its own unsigned demo tokens and never loads this file; a real
 * deployment rejects those tokens.
 */
const domain = process.env.CLERK_JWT_ISSUER_DOMAIN?.trim();
const demo = process.env.ALLOW_DEMO_AUTH === "true";

if (!domain && !demo) {
  throw new Error(
    "CLERK_JWT_ISSUER_DOMAIN is not set on this deployment, so nobody could sign in. Set it to your Clerk " +
      "Frontend API URL first (npx convex env set CLERK_JWT_ISSUER_DOMAIN https://<your-app>.clerk.accounts.dev), " +
      "or set ALLOW_DEMO_AUTH=true to push without sign-in on purpose.",
  );
}

export default {
  providers: domain ? [{ domain, applicationID: "convex" }] : [],
};
