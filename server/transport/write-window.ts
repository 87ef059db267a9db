/**
 * How long published frames are held before they are written, for both transports.
 *
 * Why it adapts: a profile of the real path at 1,000 subscribers (README "### Fan-out") puts ~75% of the
 * server's CPU in `sendto`, most of it the loopback receive path and the wake-up of the peer, which
 * the sender pays once per write however few bytes the write carries. A write per subscriber per
 * frame costs 3.5–5 µs at low rates; frames merged into one write cost a fraction of that each. A fixed
 * 1 ms window merges nothing when deltas arrive 2–10 ms apart, so a moderately loaded server writes
 * once per subscriber per delta and spends most of its CPU in the kernel; a long fixed window would
 * add its whole length to every frame's latency even when the server is idle.
 *
 * So the window stays at its configured length (`quietMs`) while the event loop is mostly idle, and
 * stretches towards `loadedMs` as the loop gets busy (event-loop utilisation, smoothed, sampled at most
 * every SAMPLE_MS): under load more frames share each write, which is what makes the load lighter. That
 * is a negative feedback loop, so the window settles where the loop's utilisation stops rising. A
 * quiet server never waits longer than `quietMs`.
 */
import { performance } from 'node:perf_hooks';

/** How often the utilisation is sampled: often enough to follow a load step within a few samples. */
const SAMPLE_MS = 100;
/** Utilisation below which the window is its quiet length, and above which it is its loaded length. */
const IDLE_BELOW = 0.3;
const BUSY_ABOVE = 0.8;
/** Smoothing: weight of a sample one SAMPLE_MS long; a longer one (a quiet spell) weighs more, up to all. */
const SMOOTHING = 0.5;

export class WriteWindow {
  /** The window in force now, ms; 0 = no window (write at the end of the event-loop turn). */
  current: number;
  private readonly quietMs: number;
  private readonly loadedMs: number;
  private lastSampleMs = 0;
  private lastElu: ReturnType<typeof performance.eventLoopUtilization> | null = null;
  private utilisation = 0;

  /** `loadedMs` below `quietMs` is raised to it (a fixed window); 0 for both: no window at all. */
  constructor(quietMs: number, loadedMs: number) {
    this.quietMs = Math.max(0, quietMs);
    this.loadedMs = Math.max(this.quietMs, loadedMs);
    this.current = this.quietMs;
  }

  get adapts(): boolean {
    return this.loadedMs > this.quietMs;
  }

  /** The loop's recent utilisation (0…1) as the window sees it. */
  get load(): number {
    return this.utilisation;
  }

  /** The window to hold frames for, from now; called when a window opens (at most once per window). */
  next(): number {
    if (!this.adapts) return this.quietMs;
    const now = performance.now();
    if (now - this.lastSampleMs >= SAMPLE_MS) this.sample(now);
    return this.current;
  }

  private sample(now: number): void {
    const elu = performance.eventLoopUtilization();
    if (this.lastElu !== null) {
      const recent = performance.eventLoopUtilization(elu, this.lastElu).utilization;
      const weight = Math.min(1, (SMOOTHING * (now - this.lastSampleMs)) / SAMPLE_MS);
      this.utilisation += weight * (recent - this.utilisation);
    }
    this.lastElu = elu;
    this.lastSampleMs = now;
    this.current = windowFor(this.utilisation, this.quietMs, this.loadedMs);
  }
}

/** Linear between the quiet and loaded lengths over the utilisation band; exported for its test. */
export function windowFor(utilisation: number, quietMs: number, loadedMs: number): number {
  if (utilisation <= IDLE_BELOW) return quietMs;
  if (utilisation >= BUSY_ABOVE) return loadedMs;
  return quietMs + ((loadedMs - quietMs) * (utilisation - IDLE_BELOW)) / (BUSY_ABOVE - IDLE_BELOW);
}
