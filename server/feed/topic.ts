/**
 * A topic is one channel at one rate: its own contiguous seq, the state as of that seq, and a bounded
 * history of the frames it published so a client can resume. Every frame is encoded once per wire
 * format and the same bytes go to every subscriber (through the transport's topic publish).
 */
import { wire, type hashcap } from '../../proto/wire.ts';
import { cloneState, mergeState, type ChannelState } from '../../proto/merge.ts';
import { stateChecksum } from '../../proto/canonical.ts';
import type { ChannelSpec, Rate } from './channels.ts';
import { topicKey } from './channels.ts';

type IServerMessage = hashcap.v1.IServerMessage;

export interface EncodedFrame {
  readonly seq: number;
  readonly proto: Uint8Array;
  /** Built on first use: most deployments have few JSON subscribers. */
  json: string | null;
  readonly message: IServerMessage;
  readonly sentMs: number;
}

/** Where encoded frames go: the transport, through one topic per wire format. */
export interface FramePublisher {
  publish(topic: string, data: Uint8Array | string): void;
  subscriberCount(topic: string): number;
}

export function jsonOf(message: IServerMessage): string {
  const m = wire.ServerMessage.fromObject(message);
  return JSON.stringify(wire.ServerMessage.toObject(m, { longs: String, enums: String, json: true }));
}

export function protoOf(message: IServerMessage): Uint8Array {
  return wire.ServerMessage.encode(message).finish();
}

export const jsonTopic = (key: string): string => `${key}#json`;

export interface TopicLimits {
  readonly maxHistory: number;
  readonly maxHistoryAgeMs: number;
}

export class Topic {
  readonly key: string;
  readonly spec: ChannelSpec;
  readonly rate: Rate;
  readonly epoch: number;
  private seqValue: number;
  private readonly state: ChannelState;
  /** Conflated topics: changes since the last interval, merged (latest value wins). */
  private pending: ChannelState | null;
  private pendingEventMs: number;
  private readonly history: EncodedFrame[];
  private snapshotCache: EncodedFrame | null;
  lastSendMs: number;
  lastEventMs: number;
  lastKeyframeMs: number;
  /** Keyframes follow new deltas only: an idle topic gets heartbeats, not repeats of its state. */
  private lastKeyframeSeq: number;

  constructor(spec: ChannelSpec, rate: Rate, epoch: number, initial: ChannelState, nowMs: number, private readonly limits: TopicLimits) {
    this.key = topicKey(spec.name, rate);
    this.spec = spec;
    this.rate = rate;
    this.epoch = epoch;
    this.seqValue = 0;
    this.state = cloneState(initial);
    this.pending = null;
    this.pendingEventMs = 0;
    this.history = [];
    this.snapshotCache = null;
    this.lastSendMs = nowMs;
    this.lastEventMs = 0;
    this.lastKeyframeMs = nowMs;
    this.lastKeyframeSeq = 0;
  }

  get seq(): number {
    return this.seqValue;
  }

  /** Raw topics publish each change; conflated ones fold it into the pending delta. */
  offer(changes: ChannelState, eventMs: number, nowMs: number, out: FramePublisher): void {
    if (this.rate === 0) {
      this.publishDelta(changes, eventMs, nowMs, out);
      return;
    }
    if (this.pending === null) this.pending = cloneState(changes);
    else mergeState(this.pending, changes);
    this.pendingEventMs = Math.max(this.pendingEventMs, eventMs);
  }

  /** Conflated topics: at the end of each interval, publish what accumulated (if anything). */
  flush(nowMs: number, out: FramePublisher): void {
    if (this.pending === null) return;
    const changes = this.pending;
    this.pending = null;
    this.publishDelta(changes, this.pendingEventMs, nowMs, out);
  }

  private publishDelta(changes: ChannelState, eventMs: number, nowMs: number, out: FramePublisher): void {
    this.seqValue++;
    mergeState(this.state, changes);
    const message: IServerMessage = {
      delta: {
        channel: this.spec.name,
        conflateMs: this.rate,
        epoch: this.epoch,
        seq: this.seqValue,
        eventTimeMs: eventMs,
        sendTimeMs: nowMs,
        changes,
      },
    };
    const frame = this.send(message, nowMs, out);
    this.history.push(frame);
    this.lastEventMs = eventMs;
    this.snapshotCache = null;
    this.trimHistory(nowMs);
  }

  /** Encodes once per format in use and hands the same bytes to every subscriber. */
  send(message: IServerMessage, nowMs: number, out: FramePublisher): EncodedFrame {
    const frame: EncodedFrame = { seq: this.seqValue, proto: protoOf(message), json: null, message, sentMs: nowMs };
    out.publish(this.key, frame.proto);
    const jt = jsonTopic(this.key);
    if (out.subscriberCount(jt) > 0) out.publish(jt, frameJson(frame));
    this.lastSendMs = nowMs;
    return frame;
  }

  /** The full state as of `seq`, cached until the next delta. */
  snapshot(nowMs: number): EncodedFrame {
    if (this.snapshotCache) return this.snapshotCache;
    const message = this.snapshotMessage(nowMs, false, true);
    this.snapshotCache = { seq: this.seqValue, proto: protoOf(message), json: null, message, sentMs: nowMs };
    return this.snapshotCache;
  }

  /** A snapshot answering a resume that history could not serve: built fresh, marked recovered=false. */
  unrecoveredSnapshot(nowMs: number): EncodedFrame {
    const message = this.snapshotMessage(nowMs, false, false);
    return { seq: this.seqValue, proto: protoOf(message), json: null, message, sentMs: nowMs };
  }

  /** Periodic full state with its checksum, published to every subscriber of the topic. */
  publishKeyframe(nowMs: number, out: FramePublisher): void {
    this.send(this.snapshotMessage(nowMs, true, true), nowMs, out);
    this.lastKeyframeMs = nowMs;
    this.lastKeyframeSeq = this.seqValue;
  }

  /** True when deltas went out since the last keyframe and `intervalMs` has passed. */
  keyframeDue(nowMs: number, intervalMs: number): boolean {
    return this.seqValue > this.lastKeyframeSeq && nowMs - this.lastKeyframeMs >= intervalMs;
  }

  publishHeartbeat(nowMs: number, freshness: readonly hashcap.v1.IFreshness[], out: FramePublisher): void {
    const message: IServerMessage = {
      heartbeat: {
        channel: this.spec.name,
        conflateMs: this.rate,
        epoch: this.epoch,
        seq: this.seqValue,
        serverTimeMs: nowMs,
        freshness: [...freshness],
      },
    };
    this.send(message, nowMs, out);
  }

  /**
   * Frames after `lastSeq`, or null when history no longer reaches back that far (or the epoch is
   * another run's): the caller then sends a snapshot marked recovered=false.
   */
  framesSince(epoch: number, lastSeq: number): EncodedFrame[] | null {
    if (epoch !== this.epoch || lastSeq > this.seqValue || lastSeq < 0) return null;
    if (lastSeq === this.seqValue) return [];
    const first = this.history[0];
    if (!first || first.seq > lastSeq + 1) return null;
    return this.history.slice(lastSeq + 1 - first.seq);
  }

  hasSubscribers(out: FramePublisher): boolean {
    return out.subscriberCount(this.key) + out.subscriberCount(jsonTopic(this.key)) > 0;
  }

  stateNow(): ChannelState {
    return cloneState(this.state);
  }

  private snapshotMessage(nowMs: number, keyframe: boolean, recovered: boolean): IServerMessage {
    return {
      snapshot: {
        channel: this.spec.name,
        conflateMs: this.rate,
        epoch: this.epoch,
        seq: this.seqValue,
        eventTimeMs: this.lastEventMs,
        sendTimeMs: nowMs,
        keyframe,
        crc32: stateChecksum(this.state),
        recovered,
        state: cloneState(this.state),
      },
    };
  }

  private trimHistory(nowMs: number): void {
    const { maxHistory, maxHistoryAgeMs } = this.limits;
    let drop = Math.max(0, this.history.length - maxHistory);
    while (drop < this.history.length && nowMs - this.history[drop]!.sentMs > maxHistoryAgeMs) drop++;
    if (drop > 0) this.history.splice(0, drop);
  }
}

/** The frame's JSON text, built once and kept. */
export function frameJson(frame: EncodedFrame): string {
  if (frame.json === null) frame.json = jsonOf(frame.message);
  return frame.json;
}
