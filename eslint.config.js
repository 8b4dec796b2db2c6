import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import convexPlugin from "@convex-dev/eslint-plugin";
import globals from "globals";
import prettier from "eslint-config-prettier";

export default tseslint.config(
  { ignores: ["dist", "node_modules", "convex/_generated", "e2e/artifacts", "bench/.tmp", "coverage"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...convexPlugin.configs.recommended,
  {
    files: ["**/*.{ts,tsx}", "scripts/**/*.mjs"],
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
    // Board aggregates are kept by triggers that only the builders in convex/functions.ts install:
    // a mutation made from the raw builders would change data without moving the boards.
    files: ["convex/**/*.ts"],
    ignores: ["convex/functions.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["./_generated/server", "../_generated/server", "../../_generated/server"].map((name) => ({
            name,
            importNames: ["mutation", "internalMutation"],
            message: "Use the trigger-wrapped builders from convex/functions.ts (internalMutation, floorMutation …).",
          })),
        },
      ],
    },
  },
  {
    // The client takes server types from the generated API (src/lib/api-types.ts), never from the model.
    files: ["src/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/convex/model/**"],
              message: "Take the type from the generated API (src/lib/api-types.ts: FunctionReturnType/FunctionArgs).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["convex/**/*.test.ts", "convex/**/*.testing.ts"],
    rules: { "@convex-dev/no-collect-in-query": "off" },
  },
  // Formatting is Prettier's (npm run format); this turns off every lint rule that would disagree with it.
  prettier,
);
