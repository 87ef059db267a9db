/**
 * Reconnect delays: exponential backoff with full jitter. The n-th consecutive failure (from 0) waits a
 * uniformly random time in [minMs, cap], cap = min(maxMs, baseMs · 2^n): spread out, so that many
 * adapters dropped at once do not reconnect in step, and with a floor, so that an unlucky draw near zero
 * can never make a retry loop spin. `reset()` after a connection has proved healthy.
 */
export interface BackoffOptions {
  /** Cap of the first delay. Default 500 ms. */
  readonly baseMs: number;
  /** Largest cap. Default 30 s. */
  readonly maxMs: number;
  /** Smallest delay. Default 100 ms (at most 10 attempts per second, whatever the draws). */
  readonly minMs: number;
  /** Uniform in [0, 1). Default Math.random. */
  readonly random: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000, minMs: 100, random: Math.random };

export interface BackoffStep {
  /** How long to wait. */
  readonly delayMs: number;
  /** The upper bound this delay was drawn under. */
  readonly capMs: number;
  /** Consecutive failures before this one (0 for the first). */
  readonly attempt: number;
}

export class Backoff {
  readonly options: BackoffOptions;
  private failures: number;

  constructor(options: Partial<BackoffOptions> = {}) {
    const o = { ...DEFAULT_BACKOFF, ...options };
    if (!(o.baseMs > 0) || !(o.maxMs >= o.baseMs) || !(o.minMs >= 0)) {
      throw new RangeError(`backoff needs 0 < baseMs <= maxMs and minMs >= 0, got ${JSON.stringify({ ...o, random: undefined })}`);
    }
    this.options = o;
    this.failures = 0;
  }

  /** Consecutive failures so far. */
  get attempt(): number {
    return this.failures;
  }

  /** The delay before the next attempt; counts one more failure. */
  next(): BackoffStep {
    const { baseMs, maxMs, minMs, random } = this.options;
    const attempt = this.failures;
    // 2^attempt overflows to Infinity for large attempts; min() brings it back to maxMs.
    const capMs = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 1000));
    const floor = Math.min(minMs, capMs);
    let r = random();
    if (!(r >= 0 && r < 1)) r = 0.5;
    const delayMs = Math.round(floor + r * (capMs - floor));
    this.failures = attempt + 1;
    return { delayMs, capMs, attempt };
  }

  reset(): void {
    this.failures = 0;
  }
}
