/**
 * Frames the feed produces while handling an ingest message are handed to the transport after that
 * handler returns (setImmediate), in order. Published from inside a uWS socket callback, a frame is
 * written to every subscriber at once — about one send() per subscriber per frame; published from
 * outside, uWS writes each subscriber's queued frames together once per loop turn. The fan-out bench
 * measured 3.46 vs 1.95 CPU-seconds for the same 2M deliveries, and 0.4 vs 3.0 M msgs/s delivered to
 * 1,000 subscribers at 3,000 batches/s (bench/results/fanout.md).
 *
 * The feed owns its queue and flushes it before a topic's snapshot goes to a new subscriber
 * (Feed.flushFrames): a queued delta is already part of the topic's state, so sent after the snapshot
 * it would repeat a change the snapshot holds.
 *
 * The queue holds at most `maxPending` frames: one handler that produces more (a huge batch, a replay
 * at full speed) hands them over at once when the bound is reached, in order, rather than growing.
 */
import type { FramePublisher } from './topic.ts';

export const DEFAULT_MAX_PENDING_FRAMES = 8192;

export class FrameQueue implements FramePublisher {
  readonly maxPending: number;
  private readonly topics: string[];
  private readonly frames: (Uint8Array | string)[];
  private scheduled: boolean;
  private readonly flushBound: () => void;

  constructor(
    private readonly target: FramePublisher,
    maxPending = DEFAULT_MAX_PENDING_FRAMES,
  ) {
    if (!Number.isSafeInteger(maxPending) || maxPending < 1) throw new RangeError(`maxPending must be a positive integer, not ${maxPending}`);
    this.maxPending = maxPending;
    this.topics = [];
    this.frames = [];
    this.scheduled = false;
    this.flushBound = () => this.flush();
  }

  publish(topic: string, data: Uint8Array | string): void {
    this.topics.push(topic);
    this.frames.push(data);
    if (this.topics.length >= this.maxPending) {
      this.flush();
      return;
    }
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flushBound);
    }
  }

  subscriberCount(topic: string): number {
    return this.target.subscriberCount(topic);
  }

  get pending(): number {
    return this.topics.length;
  }

  /** Hands every queued frame to the target now, in order. */
  flush(): void {
    this.scheduled = false;
    const n = this.topics.length;
    if (n === 0) return;
    for (let i = 0; i < n; i++) this.target.publish(this.topics[i]!, this.frames[i]!);
    this.topics.length = 0;
    this.frames.length = 0;
  }
}
