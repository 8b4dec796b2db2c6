import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { takeToken, type BucketState } from "./rateLimit";

const cfg = { capacity: 5, refillPerMinute: 10 };

describe("token bucket", () => {
  test("a burst of `capacity`, then refusals with the wait, then one token per refill interval", () => {
    let s: BucketState | null = null;
    const results = [];
    for (let i = 0; i < 7; i++) {
      const r = takeToken(s, 1000, cfg);
      s = r.state;
      results.push(r.ok);
    }
    expect(results).toEqual([true, true, true, true, true, false, false]);
    expect(takeToken(s, 1000, cfg).retryAfterMs).toBe(6000);
    expect(takeToken(s, 6999, cfg).ok).toBe(false);
    expect(takeToken(s, 7000, cfg).ok).toBe(true);
  });
  test("property: over any request timeline, accepted ≤ capacity + refill × minutes", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(5_000), { minLength: 1, maxLength: 200 }), (gaps) => {
        let s: BucketState | null = null;
        let now = 0;
        let ok = 0;
        for (const g of gaps) {
          now += g;
          const r = takeToken(s, now, cfg);
          s = r.state;
          if (r.ok) ok++;
        }
        expect(ok).toBeLessThanOrEqual(cfg.capacity + Math.floor((now * cfg.refillPerMinute) / 60_000));
      }),
    );
  });
});
