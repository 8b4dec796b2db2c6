/**
 * /signin. Offline: one button per demo identity. With Clerk: Clerk's own <SignIn/>.
 * A signed-in visitor is sent on to where they were going.
 */
import { Navigate, useLocation } from "react-router-dom";
import { useConvexAuth } from "convex/react";
import { SignIn } from "@clerk/react";
import { OFFLINE_DEMO } from "./config";
import { DEMO_IDENTITIES } from "./demo";
import { useDemoAuthContext } from "./DemoAuthProvider";
import { OfflineBanner } from "../components/layout/Shell";
import { Loading } from "../components/ui";

function useReturnTo(): string {
  const state = useLocation().state as { from?: string } | null;
  return state?.from && state.from !== "/signin" ? state.from : "/orders";
}

export function SignInPage() {
  const { isLoading, isAuthenticated } = useConvexAuth();
  const returnTo = useReturnTo();
  if (isAuthenticated) return <Navigate to={returnTo} replace />;
  return (
    <div className="app">
      <OfflineBanner />
      <main id="main" className="signin">
        {OFFLINE_DEMO ? <DemoSignIn /> : isLoading ? <Loading /> : <SignIn routing="path" path="/signin" fallbackRedirectUrl={returnTo} />}
      </main>
    </div>
  );
}

export function DemoSignIn() {
  const { signIn } = useDemoAuthContext();
  return (
    <section className="card signin-card" aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in</h1>
      <p>This is the offline demo. Choose who you are; each role sees a different set of pages.</p>
      <ul className="signin-list">
        {DEMO_IDENTITIES.map((identity) => (
          <li key={identity.role}>
            <button type="button" className="btn btn-primary btn-lg signin-button" onClick={() => signIn(identity.role)}>
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
