/**
 * Latency histograms (HdrHistogram, microseconds, 3 significant digits, up to 60 s) and the clock
 * they are read against. Receive times use `performance.timeOrigin + performance.now()`: wall-clock
 * aligned like the server's Date.now(), but with sub-millisecond resolution. The server stamps
 * `sendTimeMs` with Date.now() (whole ms, rounded down), so send → receive reads up to 1 ms high;
 * `eventTimeMs` carries the publisher's own fractional stamp and has no such bias.
 */
import * as hdr from 'hdr-histogram-js';

export type Histogram = hdr.Histogram;

export const nowMs = (): number => performance.timeOrigin + performance.now();

export function latencyHistogram(): Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3, autoResize: true });
}

export class LatencyRecorder {
  readonly histogram: Histogram = latencyHistogram();
  /** Samples where the receive time was before the stamp (clock granularity); recorded as 0. */
  negative = 0;

  record(ms: number): void {
    if (!(ms >= 0)) {
      this.negative++;
      ms = 0;
    }
    this.histogram.recordValue(Math.min(60_000_000, Math.round(ms * 1000)));
  }

  reset(): void {
    this.histogram.reset();
    this.negative = 0;
  }
}

export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
  readonly meanMs: number;
}

export function summarizeLatency(h: Histogram): LatencySummary {
  const ms = (us: number) => Number((us / 1000).toFixed(3));
  if (h.totalCount === 0) return { count: 0, p50Ms: 0, p99Ms: 0, p999Ms: 0, maxMs: 0, meanMs: 0 };
  return {
    count: h.totalCount,
    p50Ms: ms(h.getValueAtPercentile(50)),
    p99Ms: ms(h.getValueAtPercentile(99)),
    p999Ms: ms(h.getValueAtPercentile(99.9)),
    maxMs: ms(h.maxValue),
    meanMs: ms(h.mean),
  };
}
