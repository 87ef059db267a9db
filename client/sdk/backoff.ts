/**
 * Reconnect delays: full-jitter exponential backoff with a floor, the one implementation for every
 * hashcap client — the SDK, and the provider adapters (which import it from here: they are clients
 * of hashcap's ingest endpoint and of the providers, and the SDK may not import the server).
 *
 * Attempt n (from 0) waits a uniformly random time in [minMs, cap], cap = max(minMs, min(maxMs,
 * baseMs · 2^n)) (AWS architecture blog, "Exponential Backoff And Jitter"; centrifuge-js `backoff` in
 * src/utils.ts). Drawing from the whole window, not from [cap/2, cap], spreads a crowd of clients that
 * lost the same server across it, so they do not come back in waves. The floor exists because a draw
 * near zero would otherwise retry at once: a client facing a refused port would spin, and ten thousand
 * of them would land on a restarting server in the same millisecond.
 */

export interface BackoffOptions {
  /** Cap of the first window. */
  readonly baseMs: number;
  /** Largest cap. */
  readonly maxMs: number;
  /** Smallest delay, whatever the draw; must be above 0. */
  readonly minMs: number;
  /** Uniform in [0, 1), like Math.random (replaceable for tests and seeded load generators). */
  readonly random: () => number;
}

/** The floor every default uses: at most ten attempts a second, whatever the draws. */
export const MIN_RETRY_DELAY_MS = 100;

/** The SDK's defaults (a hashcap server); the adapters pass a longer cap for providers that limit logins. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 10_000, minMs: MIN_RETRY_DELAY_MS, random: Math.random };

export interface BackoffStep {
  /** How long to wait before the attempt. */
  readonly delayMs: number;
  /** The upper bound this delay was drawn under. */
  readonly capMs: number;
  /** Consecutive failures before this one (0 for the first). */
  readonly attempt: number;
}

/** 2^31 · base is past any sane cap; stopping there keeps the product finite. */
const MAX_EXPONENT = 31;

/** Fills in the defaults and refuses options that would retry at once or never widen. */
export function backoffOptions(options: Partial<BackoffOptions> = {}): BackoffOptions {
  const o: BackoffOptions = { ...DEFAULT_BACKOFF, ...options };
  if (!(o.minMs > 0 && o.baseMs > 0 && o.maxMs >= o.baseMs && o.maxMs >= o.minMs && Number.isFinite(o.maxMs))) {
    const { baseMs, maxMs, minMs } = o;
    throw new RangeError(`backoff needs 0 < minMs <= maxMs and 0 < baseMs <= maxMs (finite), got ${JSON.stringify({ baseMs, maxMs, minMs })}`);
  }
  return o;
}

/** The upper bound of the window for `attempt` (0-based): max(minMs, min(maxMs, baseMs · 2^attempt)). */
export function backoffCeiling(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), MAX_EXPONENT);
  return Math.max(options.minMs, Math.min(options.maxMs, options.baseMs * 2 ** exponent));
}

/** One delay for `attempt`, in [minMs, ceiling]; a `random` outside [0, 1) counts as 0.5. */
export function fullJitterDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const capMs = backoffCeiling(attempt, options);
  let r = options.random();
  if (!(r >= 0 && r < 1)) r = 0.5;
  // Rounded up, so a fractional floor can never round down to an immediate retry.
  return Math.ceil(options.minMs + r * (capMs - options.minMs));
}

/** Counts consecutive failed attempts; `reset()` after a connection that proved healthy. */
export class Backoff {
  readonly options: BackoffOptions;
  private failures: number;

  constructor(options: Partial<BackoffOptions> = {}) {
    this.options = backoffOptions(options);
    this.failures = 0;
  }

  /** Attempts made since the last reset. */
  get attempt(): number {
    return this.failures;
  }

  /** The delay before the next attempt; each call widens the window for the one after. */
  next(): BackoffStep {
    const attempt = this.failures;
    this.failures = attempt + 1;
    return { delayMs: fullJitterDelay(attempt, this.options), capMs: backoffCeiling(attempt, this.options), attempt };
  }

  reset(): void {
    this.failures = 0;
  }
}
