import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// Two projects: Convex functions under the edge runtime (as convex-test asks), React under jsdom.
export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "convex",
          environment: "edge-runtime",
          include: ["convex/**/*.test.ts"],
          exclude: ["convex/integrations/**"],
          testTimeout: 30_000,
          server: { deps: { inline: ["convex-test"] } },
        },
      },
      {
        // Vendor adapters against local vendor-shaped HTTP servers on 127.0.0.1: needs Node's http.
        extends: true,
        test: {
          name: "integrations",
          environment: "node",
          include: ["convex/integrations/**/*.test.ts"],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "node",
          environment: "node",
          include: ["dev/**/*.test.ts", "scripts/**/*.test.ts"],
          testTimeout: 30_000,
        },
      },
      {
        // Only `npm run bench` runs this project (bench/run.ts names it); `npm test` skips it.
        extends: true,
        test: {
          name: "bench",
          environment: "edge-runtime",
          include: ["bench/**/*.measure.ts"],
          server: { deps: { inline: ["convex-test"] } },
        },
      },
      {
        extends: true,
        test: {
          name: "ui",
          environment: "jsdom",
          // Like the other projects: user-event journeys take seconds on a loaded machine.
          testTimeout: 30_000,
          include: ["src/**/*.test.{ts,tsx}"],
          setupFiles: ["src/test/setup.ts"],
        },
      },
    ],
  },
});
