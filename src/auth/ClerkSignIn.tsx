/** Clerk's own sign-in form; its own module so that Clerk loads only where it is configured. */
import { SignIn } from "@clerk/react";

export function ClerkSignIn({ returnTo }: { returnTo: string }) {
  return <SignIn routing="path" path="/signin" fallbackRedirectUrl={returnTo} />;
}
