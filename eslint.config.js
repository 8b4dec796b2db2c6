import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import convexPlugin from "@convex-dev/eslint-plugin";
import globals from "globals";

export default tseslint.config(
  { ignores: ["dist", "node_modules", "convex/_generated", "e2e/artifacts", "bench/.tmp", "coverage"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...convexPlugin.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
  {
    // Convex reads deployment settings from environment variables; these files are the place for it.
    files: ["convex/auth.config.ts", "convex/integrations/**/*.ts", "convex/env.ts"],
    rules: { "@convex-dev/no-process-env": "off" },
  },
  {
    files: ["convex/**/*.test.ts", "convex/**/*.testing.ts"],
    rules: { "@convex-dev/no-collect-in-query": "off" },
  },
);
