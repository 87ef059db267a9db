/**
 * A latency histogram cheap enough for the fan-out path: a fixed bucket scan into a typed array, no
 * labels, no allocation. prom-client's own Histogram hashes its labels on every observe; this one is
 * read at scrape time instead (server/http/metrics.ts exposes it as a Prometheus histogram).
 */

/** Upper bounds in milliseconds: 50 µs (a frame written in the turn it was published) to 2.5 s (a saturated server). */
export const LATENCY_BOUNDS_MS: readonly number[] = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500];

export class LatencyHistogram {
  readonly boundsMs: Float64Array;
  /** counts[i]: observations ≤ boundsMs[i] and above the previous bound; the last slot is +Inf. */
  readonly counts: Float64Array;
  sumMs: number;
  count: number;

  constructor(boundsMs: readonly number[] = LATENCY_BOUNDS_MS) {
    this.boundsMs = Float64Array.from(boundsMs);
    this.counts = new Float64Array(boundsMs.length + 1);
    this.sumMs = 0;
    this.count = 0;
  }

  observe(ms: number): void {
    const bounds = this.boundsMs;
    let i = 0;
    while (i < bounds.length && ms > bounds[i]!) i++;
    this.counts[i]! += 1;
    this.sumMs += ms;
    this.count += 1;
  }
}

/**
 * When frames were handed to a transport, so that the moment they are written can be turned into a
 * latency. Bounded: past `capacity` stamps in one flush the rest are not sampled (the histogram then
 * under-counts a flood; the frame counters still count every frame).
 */
export class FrameStamps {
  private readonly stamps: Float64Array;
  private size: number;

  constructor(capacity = 4096) {
    this.stamps = new Float64Array(capacity);
    this.size = 0;
  }

  get pending(): number {
    return this.size;
  }

  stamp(now: number): void {
    if (this.size < this.stamps.length) this.stamps[this.size++] = now;
  }

  /** Observes `now − stamp` for the oldest `count` stamps (default all) and forgets them. */
  flushInto(histogram: LatencyHistogram, now: number, count = this.size): void {
    const n = Math.min(count, this.size);
    for (let i = 0; i < n; i++) histogram.observe(now - this.stamps[i]!);
    if (n < this.size) this.stamps.copyWithin(0, n, this.size);
    this.size -= n;
  }
}
