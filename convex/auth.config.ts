/**
 * Clerk as the identity provider on a real deployment. Set CLERK_JWT_ISSUER_DOMAIN in the
 * deployment's environment (Convex dashboard or `npx convex env set`). The offline runtime
 * accepts its own unsigned demo tokens instead; a real deployment rejects them.
 */
const domain = process.env.CLERK_JWT_ISSUER_DOMAIN;

export default {
  providers: domain ? [{ domain, applicationID: "convex" }] : [],
};
