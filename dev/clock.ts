/**
 * The runtime's timestamp: nanoseconds since the epoch, strictly increasing per tick. Wall-clock
 * based so that a restarted runtime keeps going forward for clients that reconnect (they also tell
 * us their highest observed ts on Connect, which we never go below).
 */
export class Clock {
  private last = 0n;

  /** A new timestamp, greater than every one given before. */
  tick(): bigint {
    const now = BigInt(Date.now()) * 1_000_000n;
    this.last = now > this.last ? now : this.last + 1n;
    return this.last;
  }

  get current(): bigint {
    return this.last === 0n ? this.tick() : this.last;
  }

  /** Never go below what a client has already seen. */
  observe(ts: bigint) {
    if (ts > this.last) this.last = ts;
  }
}
