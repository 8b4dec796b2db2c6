/**
 * Token bucket, pure: `capacity` tokens, refilled continuously at `refillPerMinute`; a request
 * takes one token or is refused with the wait until the next one. The state is two numbers so it
 * fits one row per key (model/tracking keeps them in `rateLimits`).
 */
export type BucketConfig = { capacity: number; refillPerMinute: number };
export type BucketState = { tokens: number; updatedAt: number };

export function takeToken(
  state: BucketState | null,
  now: number,
  cfg: BucketConfig,
): { ok: boolean; state: BucketState; retryAfterMs: number } {
  const elapsed = state ? Math.max(0, now - state.updatedAt) : 0;
  const refilled = state
    ? Math.min(cfg.capacity, state.tokens + (elapsed * cfg.refillPerMinute) / 60_000)
    : cfg.capacity;
  if (refilled >= 1) return { ok: true, state: { tokens: refilled - 1, updatedAt: now }, retryAfterMs: 0 };
  const retryAfterMs = Math.ceil(((1 - refilled) * 60_000) / cfg.refillPerMinute);
  return { ok: false, state: { tokens: refilled, updatedAt: now }, retryAfterMs };
}
