/**
 * /signin. Offline: one button per demo identity, with progress while the backend confirms the
 * sign-in and a clear error when it cannot be reached. With Clerk: Clerk's own <SignIn/>.
 * A signed-in visitor is sent on to where they were going.
 */
import { Suspense, useEffect, useState } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { useConvexAuth } from "convex/react";
import { OFFLINE_DEMO } from "./config";
import { DEMO_IDENTITIES } from "./demo";
import type { Role as DemoRoleName } from "../lib/api-types";
import { useDemoAuthContext } from "./DemoAuthProvider";
import { OfflineBanner } from "../components/layout/Shell";
import { ConnectionBanner, connectionMessage, useConnection } from "../components/layout/ConnectionBanner";
import { Loading } from "../components/ui";
import { lazyPage } from "../components/layout/lazyPage";

// Clerk is loaded only when it is configured: the offline demo sign-in never fetches it.
const ClerkSignIn = lazyPage(() => import("./ClerkSignIn"), "ClerkSignIn");

/** How long a sign-in may wait for the backend's confirmation before we say so. */
export const SIGN_IN_PATIENCE_MS = 10_000;

function useReturnTo(): string {
  const state = useLocation().state as { from?: string } | null;
  return state?.from && state.from !== "/signin" ? state.from : "/"; // "/" lands each role on its own work
}

export function SignInPage() {
  const { isLoading, isAuthenticated } = useConvexAuth();
  const returnTo = useReturnTo();
  if (isAuthenticated) return <Navigate to={returnTo} replace />;
  return (
    <div className="app">
      <OfflineBanner />
      <ConnectionBanner />
      <main id="main" className="signin">
        {OFFLINE_DEMO ? (
          <DemoSignIn />
        ) : isLoading ? (
          <Loading />
        ) : (
          <Suspense fallback={<Loading />}>
            <ClerkSignIn returnTo={returnTo} />
          </Suspense>
        )}
      </main>
    </div>
  );
}

export function DemoSignIn() {
  const { identity: chosen, signIn, signOut } = useDemoAuthContext();
  const connection = useConnection();
  // Chosen but not yet confirmed by the backend: signing in.
  const pending = chosen !== undefined;
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => setSlow(true), SIGN_IN_PATIENCE_MS);
    return () => clearTimeout(timer);
  }, [pending, chosen]);
  const unreachable = connectionMessage(connection);
  const failed = pending && (unreachable !== null || slow);
  const start = (role: DemoRoleName) => {
    setSlow(false);
    signIn(role);
  };
  const cancel = () => {
    setSlow(false);
    signOut();
  };
  return (
    <section className="card signin-card" aria-labelledby="signin-title" aria-busy={pending && !failed}>
      <h1 id="signin-title">Sign in</h1>
      <p>This is the offline demo. Choose who you are; each role sees a different set of pages.</p>
      {pending && !failed && (
        <p className="signin-progress" role="status">
          <span className="spinner spinner-sm" aria-hidden /> Signing in as {chosen.label}…
        </p>
      )}
      {failed && (
        <div className="signin-error" role="alert">
          <strong>{unreachable ? unreachable.title : "The server did not answer"}</strong>
          <p>
            {unreachable
              ? unreachable.detail
              : `Signing in as ${chosen.label} is taking longer than ${SIGN_IN_PATIENCE_MS / 1000} s. The server may be busy or stopped.`}
          </p>
          <button type="button" className="btn btn-secondary btn-md" onClick={cancel}>
            Choose again
          </button>
        </div>
      )}
      <ul className="signin-list">
        {DEMO_IDENTITIES.map((identity) => (
          <li key={identity.role}>
            <button
              type="button"
              className="btn btn-primary btn-lg signin-button"
              disabled={pending}
              onClick={() => start(identity.role)}
            >
              Sign in as {identity.label}
            </button>
            <span className="signin-who">
              {identity.name} · {identity.email}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
