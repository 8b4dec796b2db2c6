/** Real sign-in: Clerk issues the JWT (template "convex"); Convex checks it against auth.config.ts. */
import { useMemo, type ReactNode } from "react";
import { ClerkProvider, useAuth, useClerk } from "@clerk/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import type { ConvexReactClient } from "convex/react";
import { SessionContext } from "./session";

function ClerkSession({ children }: { children: ReactNode }) {
  const clerk = useClerk();
  const session = useMemo(
    () => ({ offline: false, signOut: () => clerk.signOut({ redirectUrl: "/signin" }) }),
    [clerk],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function ClerkAuthProvider({
  client,
  publishableKey,
  children,
}: {
  client: ConvexReactClient;
  publishableKey: string;
  children: ReactNode;
}) {
  return (
    <ClerkProvider publishableKey={publishableKey} afterSignOutUrl="/signin">
      <ConvexProviderWithClerk client={client} useAuth={useAuth}>
        <ClerkSession>{children}</ClerkSession>
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
