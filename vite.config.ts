import { defineConfig, loadEnv } from "vite";
import react from "@vitejs/plugin-react";

// The client. `npm start` serves it with VITE_CONVEX_URL pointed at the offline runtime;
// `npm run dev` points it at a real deployment through .env.local.
export default defineConfig(({ command, mode }) => {
  const env = { ...loadEnv(mode, process.cwd(), "VITE_"), ...process.env };
  // A production build without a Clerk key would ship the demo sign-in (anyone picks a role):
  // refuse it, unless the build is a demo on purpose (VITE_OFFLINE_DEMO=1).
  if (
    command === "build" &&
    mode === "production" &&
    !env.VITE_CLERK_PUBLISHABLE_KEY?.trim() &&
    env.VITE_OFFLINE_DEMO !== "1"
  ) {
    throw new Error(
      "VITE_CLERK_PUBLISHABLE_KEY is not set: this production build would ship the demo sign-in. " +
        "Set it (Clerk dashboard → API keys) in the build's environment, or set VITE_OFFLINE_DEMO=1 for a demo build.",
    );
  }
  return {
    plugins: [react()],
    server: { host: "127.0.0.1", port: 5173, strictPort: false },
    preview: { host: "127.0.0.1" },
  };
});
