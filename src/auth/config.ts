/**
 * How the client signs in. With a Clerk publishable key the real Clerk flow is used; without one
 * (or with VITE_OFFLINE_DEMO=1) the app runs against the offline runtime with demo identities.
 */
export const CONVEX_URL = import.meta.env.VITE_CONVEX_URL;
export const CLERK_KEY = import.meta.env.VITE_CLERK_PUBLISHABLE_KEY;
export const OFFLINE_DEMO = import.meta.env.VITE_OFFLINE_DEMO === "1" || !CLERK_KEY;
