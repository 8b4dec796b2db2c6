/**
 * Honest connection state: a banner when the client has lost the backend (reconnecting) or has
 * never reached it, from the Convex client's own connection state. Mutations made meanwhile are
 * queued by the client and sent on reconnect; the banner says so, with how many are waiting.
 * A short grace period keeps a quick reconnect (a restarted runtime) from flashing.
 */
import { useEffect, useState } from "react";
import { useConvex } from "convex/react";
import type { ConnectionState } from "convex/browser";
import { CONVEX_URL } from "../../auth/config";

export const CONNECTION_GRACE_MS = 1500;

export type Connection = {
  state: ConnectionState;
  /** Disconnected for longer than the grace period. */
  down: boolean;
};

export function useConnection(graceMs = CONNECTION_GRACE_MS): Connection {
  const client = useConvex();
  const [state, setState] = useState<ConnectionState>(() => client.connectionState());
  const [down, setDown] = useState(false);
  useEffect(
    () =>
      client.subscribeToConnectionState((s) => {
        setState(s);
        if (s.isWebSocketConnected) setDown(false);
      }),
    [client],
  );
  useEffect(() => {
    if (state.isWebSocketConnected) return;
    const timer = setTimeout(() => setDown(true), graceMs);
    return () => clearTimeout(timer);
  }, [state.isWebSocketConnected, graceMs]);
  return { state, down: down && !state.isWebSocketConnected };
}

/** What to tell the user; null while connected (or within the grace period). */
export function connectionMessage(c: Connection, url = CONVEX_URL): { title: string; detail: string } | null {
  if (!c.down) return null;
  if (!c.state.hasEverConnected) {
    return {
      title: "Cannot reach the server",
      detail: `Nothing answers at ${url ?? "the configured address"}. If this is the offline demo, start it with npm start; this page connects as soon as the server is up.`,
    };
  }
  const waiting = c.state.inflightMutations;
  return {
    title: "Connection lost — reconnecting…",
    detail:
      waiting > 0
        ? `${waiting} ${waiting === 1 ? "change is" : "changes are"} queued and will be sent when the server is back. What you see may be out of date.`
        : "Changes you make are queued and sent when the server is back. What you see may be out of date.",
  };
}

export function ConnectionBanner() {
  const connection = useConnection();
  const message = connectionMessage(connection);
  if (!message) return null;
  return (
    <div className="connection-banner" role="alert" data-testid="connection-banner">
      <span className="spinner spinner-sm" aria-hidden />
      <strong>{message.title}</strong> <span>{message.detail}</span>
    </div>
  );
}
