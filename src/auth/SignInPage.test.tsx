import { afterEach, describe, expect, it, vi } from "vitest";
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import type { ReactNode } from "react";
import type { ConvexReactClient } from "convex/react";
import { DemoAuthProvider } from "./DemoAuthProvider";
import { SignInPage } from "./SignInPage";
import { DEMO_STORAGE_KEY } from "./demo";

type AuthHook = () => {
  isLoading: boolean;
  isAuthenticated: boolean;
  fetchAccessToken: (o: { forceRefreshToken: boolean }) => Promise<string | null>;
};
const seen: { auth?: ReturnType<AuthHook> } = {};

/** A stand-in for the client's connection state, driven by the tests. */
const connection = vi.hoisted(() => {
  let state = { isWebSocketConnected: true, hasEverConnected: true, inflightMutations: 0 };
  const subscribers = new Set<(s: typeof state) => void>();
  return {
    client: {
      connectionState: () => state,
      subscribeToConnectionState: (cb: (s: typeof state) => void) => {
        subscribers.add(cb);
        return () => subscribers.delete(cb);
      },
    },
    set(next: Partial<typeof state>) {
      state = { ...state, ...next };
      for (const cb of subscribers) cb(state);
    },
  };
});

afterEach(() => {
  vi.useRealTimers();
  connection.set({ isWebSocketConnected: true, hasEverConnected: true, inflightMutations: 0 });
  localStorage.clear();
});

vi.mock("convex/react", () => ({
  useConvex: () => connection.client,
  useConvexAuth: () => ({ isLoading: false, isAuthenticated: false }),
  ConvexProviderWithAuth: ({ children, useAuth }: { children: ReactNode; useAuth: AuthHook }) => {
    seen.auth = useAuth();
    return <>{children}</>;
  },
}));

function renderSignIn() {
  return render(
    <DemoAuthProvider client={{} as ConvexReactClient}>
      <MemoryRouter initialEntries={["/signin"]}>
        <SignInPage />
      </MemoryRouter>
    </DemoAuthProvider>,
  );
}

describe("offline demo sign-in", () => {
  it("offers one identity per role and says it is an offline demo", () => {
    renderSignIn();
    for (const label of ["Sign in as Admin", "Sign in as Supervisor", "Sign in as Floor"]) {
      expect(screen.getByRole("button", { name: label })).toBeInTheDocument();
    }
    expect(screen.getByText("Offline demo")).toBeInTheDocument();
    expect(screen.getByText(/Fran Floor · floor@demo.local/)).toBeInTheDocument();
    expect(seen.auth?.isAuthenticated).toBe(false);
  });

  it("remembers the choice and hands Convex the demo token", async () => {
    const user = userEvent.setup({ delay: null });
    renderSignIn();
    await user.click(screen.getByRole("button", { name: "Sign in as Floor" }));
    expect(localStorage.getItem(DEMO_STORAGE_KEY)).toBe("floor");
    await waitFor(() => expect(seen.auth?.isAuthenticated).toBe(true));
    const token = await seen.auth!.fetchAccessToken({ forceRefreshToken: false });
    const payload = JSON.parse(atob(token!.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
    expect(payload).toEqual({ iss: "offline-demo", sub: "floor", name: "Fran Floor", email: "floor@demo.local" });
  });

  it("shows progress while the backend confirms, with the buttons disabled", async () => {
    const user = userEvent.setup({ delay: null });
    renderSignIn();
    await user.click(screen.getByRole("button", { name: "Sign in as Supervisor" }));
    expect(screen.getByRole("status")).toHaveTextContent("Signing in as Supervisor…");
    for (const b of screen.getAllByRole("button", { name: /Sign in as/ })) expect(b).toBeDisabled();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says so in words when the backend cannot be reached, and lets the user choose again", async () => {
    vi.useFakeTimers();
    connection.set({ isWebSocketConnected: false, hasEverConnected: false });
    renderSignIn();
    act(() => screen.getByRole("button", { name: "Sign in as Floor" }).click());
    // Within the grace period: progress, no error yet.
    expect(screen.queryByRole("alert")).toBeNull();
    act(() => vi.advanceTimersByTime(2000));
    const alerts = screen.getAllByRole("alert");
    expect(alerts.some((a) => /Cannot reach the server/.test(a.textContent ?? ""))).toBe(true);
    expect(alerts.some((a) => /npm start/.test(a.textContent ?? ""))).toBe(true);
    act(() => screen.getByRole("button", { name: "Choose again" }).click());
    expect(localStorage.getItem(DEMO_STORAGE_KEY)).toBeNull();
    expect(screen.getByRole("button", { name: "Sign in as Floor" })).toBeEnabled();
  });

  it("a backend that never confirms the sign-in is reported after the patience runs out", () => {
    vi.useFakeTimers();
    renderSignIn();
    act(() => screen.getByRole("button", { name: "Sign in as Admin" }).click());
    act(() => vi.advanceTimersByTime(9000));
    expect(screen.queryByRole("alert")).toBeNull();
    act(() => vi.advanceTimersByTime(2000));
    expect(screen.getByRole("alert")).toHaveTextContent(/did not answer/);
  });
});

describe("connection banner", () => {
  it("appears after the grace period when the connection drops, counts queued changes, and goes on reconnect", () => {
    vi.useFakeTimers();
    renderSignIn();
    expect(screen.queryByTestId("connection-banner")).toBeNull();
    act(() => connection.set({ isWebSocketConnected: false, inflightMutations: 2 }));
    act(() => vi.advanceTimersByTime(1000));
    expect(screen.queryByTestId("connection-banner")).toBeNull();
    act(() => vi.advanceTimersByTime(1000));
    const banner = screen.getByTestId("connection-banner");
    expect(banner).toHaveTextContent("Connection lost — reconnecting…");
    expect(banner).toHaveTextContent("2 changes are queued");
    act(() => connection.set({ isWebSocketConnected: true, inflightMutations: 0 }));
    expect(screen.queryByTestId("connection-banner")).toBeNull();
    // A quick blip (shorter than the grace period) shows nothing.
    act(() => connection.set({ isWebSocketConnected: false }));
    act(() => vi.advanceTimersByTime(500));
    act(() => connection.set({ isWebSocketConnected: true }));
    act(() => vi.advanceTimersByTime(2000));
    expect(screen.queryByTestId("connection-banner")).toBeNull();
  });
});
