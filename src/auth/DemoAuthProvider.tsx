/**
 * Offline sign-in: a demo identity chosen on /signin, remembered in localStorage, handed to Convex
 * as an unsigned token through ConvexProviderWithAuth.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { ConvexProviderWithAuth, type ConvexReactClient } from "convex/react";
import { demoToken, identityForRole, loadDemoRole, saveDemoRole, type DemoIdentity } from "./demo";
import { SessionContext } from "./session";
import type { Role } from "../lib/api-types";

type DemoAuth = { identity: DemoIdentity | undefined; signIn: (role: Role) => void; signOut: () => void };

const DemoAuthContext = createContext<DemoAuth | undefined>(undefined);

export function useDemoAuthContext(): DemoAuth {
  const ctx = useContext(DemoAuthContext);
  if (!ctx) throw new Error("useDemoAuthContext outside DemoAuthProvider");
  return ctx;
}

/** The useAuth hook ConvexProviderWithAuth calls: token from the chosen identity. */
function useDemoConvexAuth() {
  const { identity } = useDemoAuthContext();
  const token = identity ? demoToken(identity) : null;
  const fetchAccessToken = useCallback(async () => token, [token]);
  return useMemo(
    () => ({ isLoading: false, isAuthenticated: token !== null, fetchAccessToken }),
    [token, fetchAccessToken],
  );
}

export function DemoAuthProvider({ client, children }: { client: ConvexReactClient; children: ReactNode }) {
  const [identity, setIdentity] = useState<DemoIdentity | undefined>(() => identityForRole(loadDemoRole()));
  const signIn = useCallback((role: Role) => {
    saveDemoRole(role);
    setIdentity(identityForRole(role));
  }, []);
  const signOut = useCallback(() => {
    saveDemoRole(null);
    setIdentity(undefined);
  }, []);
  const auth = useMemo(() => ({ identity, signIn, signOut }), [identity, signIn, signOut]);
  const session = useMemo(() => ({ offline: true, signOut }), [signOut]);
  return (
    <DemoAuthContext.Provider value={auth}>
      <SessionContext.Provider value={session}>
        <ConvexProviderWithAuth client={client} useAuth={useDemoConvexAuth}>
          {children}
        </ConvexProviderWithAuth>
      </SessionContext.Provider>
    </DemoAuthContext.Provider>
  );
}
