/**
 * A token bucket per vendor operation (Amazon publishes a rate and a burst for each). `take`
 * waits for a token on the adapter's clock, so a run of pages never exceeds the documented rate.
 */
import { realSleep, type AdapterDeps } from "./types";

export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    /** Tokens restored per second. */
    readonly ratePerSecond: number,
    readonly burst: number,
    private readonly deps: AdapterDeps = {},
  ) {
    this.tokens = burst;
    this.last = this.now();
  }
  private now() {
    return this.deps.now?.() ?? Date.now();
  }
  private refill() {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.ratePerSecond);
    this.last = t;
  }
  /** Milliseconds until a token is free (0 when one is). */
  waitMs() {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
  }
  async take() {
    for (let wait = this.waitMs(); wait > 0; wait = this.waitMs()) await (this.deps.sleep ?? realSleep)(wait);
    this.tokens -= 1;
  }
  /** The vendor said we are over: empty the bucket so the next take waits a full interval. */
  drain() {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
  }
}
