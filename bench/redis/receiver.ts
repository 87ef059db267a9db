/**
 * What a "gateway" of the Redis bench does with each frame, in a gateway process (Redis) or in the bench
 * itself (the in-memory bus, which cannot cross processes): check its topic's seq is the last + 1, count
 * it, and in a latency round record intended send time → receipt and publish() call → receipt (µs) in
 * HDR histograms.
 */
import * as hdr from 'hdr-histogram-js';
import type { BusFrame } from '../../server/bus/index.ts';
import { TOPICS, type LatencyUs, type RoundReport } from './frames.ts';

const histogram = () => hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3, autoResize: true });
const toUs = (ns: bigint): number => Math.max(0, Math.min(60_000_000, Math.round(Number(ns) / 1000)));
const percentiles = (h: hdr.Histogram): LatencyUs => ({
  p50: h.getValueAtPercentile(50),
  p99: h.getValueAtPercentile(99),
  p999: h.getValueAtPercentile(99.9),
  max: h.maxValue,
  count: h.totalCount,
});

export class Receiver {
  private readonly fromIntended = histogram();
  private readonly fromPublish = histogram();
  private readonly lastSeq = new Map<string, number>(TOPICS.map((t) => [t, 0]));
  private gaps = 0;
  private received = 0;
  private expect = Infinity;
  private latency = false;
  private onDone: (report: RoundReport) => void = () => {};

  arm(expect: number, latency: boolean, onDone: (report: RoundReport) => void): void {
    this.received = 0;
    this.expect = expect;
    this.latency = latency;
    this.onDone = onDone;
    this.fromIntended.reset();
    this.fromPublish.reset();
  }

  readonly onFrame = (frame: BusFrame): void => {
    const now = process.hrtime.bigint();
    if (frame.seq !== this.lastSeq.get(frame.topic)! + 1) this.gaps += 1;
    this.lastSeq.set(frame.topic, frame.seq);
    if (this.latency) {
      const stamps = new DataView(frame.bytes.buffer, frame.bytes.byteOffset, 16);
      this.fromIntended.recordValue(toUs(now - stamps.getBigInt64(0, true)));
      this.fromPublish.recordValue(toUs(now - stamps.getBigInt64(8, true)));
    }
    this.received += 1;
    if (this.received !== this.expect) return;
    this.onDone({
      type: 'done',
      received: this.received,
      gaps: this.gaps,
      lastAtNs: Number(now),
      latencyUs: this.latency ? percentiles(this.fromIntended) : null,
      transitUs: this.latency ? percentiles(this.fromPublish) : null,
    });
  };
}
