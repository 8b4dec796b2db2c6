import { lazy, StrictMode, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { ConvexReactClient } from "convex/react";
import { App } from "./App";
import { CLERK_KEY, CONVEX_URL, OFFLINE_DEMO } from "./auth/config";
import { DemoAuthProvider } from "./auth/DemoAuthProvider";
import { Loading, ToastProvider } from "./components/ui";
import "./styles.css";

// Clerk loads only when it is configured: the offline demo never fetches it.
const ClerkAuthProvider = lazy(async () => ({ default: (await import("./auth/ClerkAuthProvider")).ClerkAuthProvider }));

const root = createRoot(document.getElementById("root")!);

if (!CONVEX_URL) {
  root.render(
    <main className="signin">
      <section className="card signin-card" role="alert">
        <h1>Not configured</h1>
        <p>
          VITE_CONVEX_URL is not set. Run <code>npm start</code> for the offline demo, or put your deployment's URL in{" "}
          <code>.env.local</code> (see <code>.env.example</code>).
        </p>
      </section>
    </main>,
  );
} else {
  const client = new ConvexReactClient(CONVEX_URL);
  const app = (
    <BrowserRouter>
      <ToastProvider>
        <App />
      </ToastProvider>
    </BrowserRouter>
  );
  root.render(
    <StrictMode>
      {OFFLINE_DEMO || !CLERK_KEY ? (
        <DemoAuthProvider client={client}>{app}</DemoAuthProvider>
      ) : (
        <Suspense fallback={<Loading label="Loading sign-in…" />}>
          <ClerkAuthProvider client={client} publishableKey={CLERK_KEY}>
            {app}
          </ClerkAuthProvider>
        </Suspense>
      )}
    </StrictMode>,
  );
}
