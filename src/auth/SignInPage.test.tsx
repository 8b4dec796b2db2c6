import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import type { ReactNode } from "react";
import type { ConvexReactClient } from "convex/react";
import { DemoAuthProvider } from "./DemoAuthProvider";
import { SignInPage } from "./SignInPage";
import { DEMO_STORAGE_KEY } from "./demo";

type AuthHook = () => { isLoading: boolean; isAuthenticated: boolean; fetchAccessToken: (o: { forceRefreshToken: boolean }) => Promise<string | null> };
const seen: { auth?: ReturnType<AuthHook> } = {};

vi.mock("convex/react", () => ({
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
});
