/**
 * What the gateway needs from whatever holds the topics: the Feed itself (one process, the
 * aggregator's engine next door) or a Mirror of it (a gateway process following the aggregator over
 * the bus). Both hand out topics that answer snapshots and resumes; both encode nothing per subscriber.
 */
import type { ChannelState } from '../../proto/merge.ts';
import type { ChannelSpec, ChannelUniverse, Rate } from './channels.ts';
import type { EncodedFrame } from './topic.ts';

export interface FeedTopic {
  readonly key: string;
  readonly spec: ChannelSpec;
  readonly rate: Rate;
  readonly epoch: number;
  readonly seq: number;
  /** The full state as of `seq` (cached until the next delta). */
  snapshot(nowMs: number): EncodedFrame;
  /** A snapshot answering a resume that history could not serve, marked recovered=false. */
  unrecoveredSnapshot(nowMs: number): EncodedFrame;
  /** Deltas after `lastSeq`, or null when history does not reach back that far or the epoch is another. */
  framesSince(epoch: number, lastSeq: number): EncodedFrame[] | null;
}

/** Why a topic cannot be served now; the gateway answers the subscriber with a typed, retryable error. */
export class TopicUnavailable extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
    this.name = 'TopicUnavailable';
  }
}

export interface FrameSource extends ChannelUniverse {
  /** The epoch of the feed the topics belong to (a mirror's follows its aggregator's). */
  readonly epoch: number;
  /**
   * The topic of a channel at a rate: at once when it is at hand (the Feed, always), or a promise when it
   * must be loaded first (a mirror's first subscriber); the promise rejects with TopicUnavailable.
   */
  topic(spec: ChannelSpec, rate: Rate): FeedTopic | Promise<FeedTopic>;
  /** Hands over frames still queued: call before a snapshot goes to a subscriber. */
  flushFrames(): void;
}

/** The current full state of channels, for /v1/snapshot: at once (the Feed) or after a load (a mirror). */
export interface StateSource {
  readonly epoch: number;
  channelState(channel: string): ChannelState | undefined | Promise<ChannelState | undefined>;
}
