/**
 * Full-jitter exponential backoff (AWS architecture blog, "Exponential Backoff And Jitter"; centrifuge-js
 * `backoff` in src/utils.ts): delay = random(0, min(maxMs, baseMs · 2^attempt)). Drawing from the whole
 * window, not from [window/2, window], spreads a crowd of clients that lost the same server across it,
 * so they do not reconnect in waves.
 */

export interface BackoffOptions {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 10_000 };

/** 2^31 · base is past any sane cap; stopping there keeps 0 · Infinity (NaN) out when base is 0. */
const MAX_EXPONENT = 31;

/** The ceiling of the window for `attempt` (0-based): min(maxMs, baseMs · 2^attempt). */
export function backoffCeiling(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), MAX_EXPONENT);
  return Math.max(0, Math.min(options.maxMs, options.baseMs * 2 ** exponent));
}

/** One delay for `attempt`; `random` returns [0, 1) like Math.random (injectable for tests). */
export function fullJitterDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  return Math.floor(random() * backoffCeiling(attempt, options));
}

/** Counts consecutive failed attempts; `reset()` after a connection that opened. */
export class Backoff {
  private attemptValue: number;

  constructor(
    private readonly options: BackoffOptions = DEFAULT_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {
    this.attemptValue = 0;
  }

  /** Attempts made since the last reset. */
  get attempt(): number {
    return this.attemptValue;
  }

  /** The delay before the next attempt; each call widens the window for the one after. */
  next(): number {
    return fullJitterDelay(this.attemptValue++, this.options, this.random);
  }

  reset(): void {
    this.attemptValue = 0;
  }
}
