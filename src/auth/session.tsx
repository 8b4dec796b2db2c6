/**
 * What the shell needs to know about the session regardless of the sign-in method:
 * offline or not, and how to sign out.
 */
import { createContext, useContext } from "react";

export type Session = {
  offline: boolean;
  signOut: () => void | Promise<void>;
};

export const SessionContext = createContext<Session>({ offline: true, signOut: () => {} });

export function useSession(): Session {
  return useContext(SessionContext);
}
