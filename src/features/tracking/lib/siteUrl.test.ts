import { describe, expect, test } from "vitest";
import { siteUrlFrom } from "./siteUrl";

describe("HTTP actions URL", () => {
  test.each([
    [{ VITE_CONVEX_URL: "https://happy-otter-123.convex.cloud" }, "https://happy-otter-123.convex.site"],
    [{ VITE_CONVEX_URL: "http://127.0.0.1:3210" }, "http://127.0.0.1:3211"],
    [
      { VITE_CONVEX_URL: "https://x.convex.cloud", VITE_CONVEX_SITE_URL: "https://track.example.com/" },
      "https://track.example.com",
    ],
    [{}, undefined],
  ])("%j → %s", (env, expected) => {
    expect(siteUrlFrom(env)).toBe(expected);
  });
});
