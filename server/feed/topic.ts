/**
 * A topic is one channel at one rate: its own contiguous seq, the state as of that seq, and a bounded
 * history of the frames it published so a client can resume. Every frame is encoded once per wire
 * format and the same bytes go to every subscriber (through the transport's topic publish).
 */
import { wire, type hashcap } from '../../proto/wire.ts';
import { cloneState, mergeState, type ChannelState } from '../../proto/merge.ts';
import { stateChecksum, stateJsonChecksum } from '../../proto/canonical.ts';
import type { ChannelSpec, Rate } from './channels.ts';
import { topicKey } from './channels.ts';
import { HistoryRing } from './history-ring.ts';
import { FrameKind } from '../bus/types.ts';
import { deltaWriter } from './delta-writer.ts';

type IServerMessage = hashcap.v1.IServerMessage;

/**
 * A frame as sent. It keeps its bytes, not the message object they were encoded from: history holds
 * thousands of frames per topic, and the object graph of a delta weighs several times its bytes.
 */
export interface EncodedFrame {
  readonly seq: number;
  readonly proto: Uint8Array;
  /** Built on first use (from the bytes): most deployments have few JSON subscribers. */
  json: string | null;
  /**
   * Snapshots keep their JSON text (every JSON subscriber joining gets the same one); deltas in
   * history do not: it would double what history weighs, for the rare JSON client that resumes.
   */
  readonly cachesJson: boolean;
  readonly sentMs: number;
}

/** Where encoded frames go: the transport, through one topic per wire format. */
export interface FramePublisher {
  publish(topic: string, data: Uint8Array | string): void;
  subscriberCount(topic: string): number;
  /** Every frame a topic sends, with what it is, before the transport gets it: the aggregator's bus. */
  encoded?(topic: Topic, kind: FrameKind, proto: Uint8Array): void;
}

export function jsonOf(message: IServerMessage): string {
  const m = wire.ServerMessage.fromObject(message);
  return JSON.stringify(wire.ServerMessage.toObject(m, { longs: String, enums: String, json: true }));
}

export function protoOf(message: IServerMessage): Uint8Array {
  return wire.ServerMessage.encode(message).finish();
}

/**
 * The encoded bytes in a buffer of their own. protobufjs hands out slices of shared 8 KiB slabs; a
 * frame kept in history pins its whole slab, which measured 3.5× the bytes of the frames kept.
 */
export function ownedProtoOf(message: IServerMessage): Uint8Array {
  const pooled = protoOf(message);
  const owned = new Uint8Array(pooled.byteLength);
  owned.set(pooled);
  return owned;
}

/** The protobuf JSON mapping of encoded bytes (fields at their default value are left out). */
export function jsonOfProto(proto: Uint8Array): string {
  const m = wire.ServerMessage.decode(proto);
  return JSON.stringify(wire.ServerMessage.toObject(m, { longs: String, enums: String, json: true }));
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
  /** The state is the feed's channel state, already merged when a change is offered. */
  private readonly sharesState: boolean;
  /** Conflated topics: changes since the last interval, merged (latest value wins). */
  private pending: ChannelState | null;
  private pendingEventMs: number;
  private readonly history: HistoryRing<EncodedFrame>;
  private snapshotCache: EncodedFrame | null;
  lastSendMs: number;
  lastEventMs: number;
  lastKeyframeMs: number;
  /** Keyframes follow new deltas only: an idle topic gets heartbeats, not repeats of its state. */
  private lastKeyframeSeq: number;
  /** Since when no one subscribes (the feed's housekeeping keeps it), or -1. */
  unsubscribedSinceMs: number;

  /**
   * `firstSeq` is the seq of the initial state. A topic created again after being released starts
   * above every seq its earlier incarnation used, so a resume point from that one cannot match this
   * history and gets a snapshot marked recovered=false instead of frames of another state.
   *
   * `sharesState`: a raw topic whose channel state the feed keeps, and merges each change into before
   * offering it, holds that same object instead of a copy (it publishes every change at once, so the
   * two never differ): one merge per change instead of one per topic too.
   */
  constructor(
    spec: ChannelSpec,
    rate: Rate,
    epoch: number,
    initial: ChannelState,
    nowMs: number,
    private readonly limits: TopicLimits,
    firstSeq = 0,
    sharesState = false,
  ) {
    this.key = topicKey(spec.name, rate);
    this.spec = spec;
    this.rate = rate;
    this.epoch = epoch;
    this.seqValue = firstSeq;
    this.sharesState = sharesState && rate === 0;
    this.state = this.sharesState ? initial : cloneState(initial);
    this.pending = null;
    this.pendingEventMs = 0;
    this.history = new HistoryRing(limits.maxHistory);
    this.snapshotCache = null;
    this.lastSendMs = nowMs;
    this.lastEventMs = 0;
    this.lastKeyframeMs = nowMs;
    this.lastKeyframeSeq = firstSeq;
    this.unsubscribedSinceMs = -1;
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
    if (this.pending === null) this.pending = copyChanges(changes);
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
    if (!this.sharesState) mergeState(this.state, changes);
    const proto = deltaWriter.bytes(
      { channel: this.spec.name, conflateMs: this.rate, epoch: this.epoch, seq: this.seqValue, eventTimeMs: eventMs, sendTimeMs: nowMs },
      changes,
    );
    const frame = this.send(proto, FrameKind.Delta, nowMs, out);
    this.history.push(frame);
    this.lastEventMs = eventMs;
    this.snapshotCache = null;
    this.trimHistory(nowMs);
  }

  /** Encodes once per format in use and hands the same bytes to every subscriber. */
  private send(proto: Uint8Array, kind: FrameKind, nowMs: number, out: FramePublisher): EncodedFrame {
    const frame: EncodedFrame = { seq: this.seqValue, proto, json: null, cachesJson: false, sentMs: nowMs };
    if (out.encoded !== undefined) out.encoded(this, kind, proto);
    out.publish(this.key, proto);
    const jt = jsonTopic(this.key);
    if (out.subscriberCount(jt) > 0) out.publish(jt, jsonOfProto(proto));
    this.lastSendMs = nowMs;
    return frame;
  }

  /** The full state as of `seq`, cached until the next delta. */
  snapshot(nowMs: number): EncodedFrame {
    if (this.snapshotCache) return this.snapshotCache;
    const message = this.snapshotMessage(nowMs, false, true);
    this.snapshotCache = { seq: this.seqValue, proto: protoOf(message), json: null, cachesJson: true, sentMs: nowMs };
    return this.snapshotCache;
  }

  /** A snapshot answering a resume that history could not serve: built fresh, marked recovered=false. */
  unrecoveredSnapshot(nowMs: number): EncodedFrame {
    const message = this.snapshotMessage(nowMs, false, false);
    return { seq: this.seqValue, proto: protoOf(message), json: null, cachesJson: false, sentMs: nowMs };
  }

  /** Periodic full state with its checksum, published to every subscriber of the topic. */
  publishKeyframe(nowMs: number, out: FramePublisher): void {
    const message = this.snapshotMessage(nowMs, true, true);
    this.send(ownedProtoOf(message), FrameKind.Keyframe, nowMs, out);
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
    this.send(protoOf(message), FrameKind.Heartbeat, nowMs, out);
  }

  /**
   * Frames after `lastSeq`, or null when history no longer reaches back that far (or the epoch is
   * another run's): the caller then sends a snapshot marked recovered=false.
   */
  framesSince(epoch: number, lastSeq: number): EncodedFrame[] | null {
    if (epoch !== this.epoch || lastSeq > this.seqValue || lastSeq < 0) return null;
    if (lastSeq === this.seqValue) return [];
    return this.history.after(lastSeq);
  }

  /** Frames kept for resumes: at most `maxHistory`. */
  get historySize(): number {
    return this.history.size;
  }

  /** The seq of the oldest delta a resume can still be served from (seq + 1 when none is kept). */
  get oldestResumableSeq(): number {
    return this.history.size === 0 ? this.seqValue + 1 : this.history.firstSeq;
  }

  hasSubscribers(out: FramePublisher): boolean {
    return out.subscriberCount(this.key) + out.subscriberCount(jsonTopic(this.key)) > 0;
  }

  stateNow(): ChannelState {
    return cloneState(this.state);
  }

  private snapshotMessage(nowMs: number, keyframe: boolean, recovered: boolean): IServerMessage {
    return snapshotMessage(this.spec.name, this.rate, this.epoch, this.seqValue, this.lastEventMs, nowMs, keyframe, recovered, this.state);
  }

  /** Drops history older than `maxHistoryAge` (the count bound holds on every push). */
  trimHistory(nowMs: number): void {
    this.history.dropSentBefore(nowMs - this.limits.maxHistoryAgeMs);
  }

  /** Lets go of the history: the feed no longer keeps this topic. */
  release(): void {
    this.history.clear();
    this.snapshotCache = null;
    this.pending = null;
  }
}

/** A Snapshot of `state` (copied) at `seq`, with its checksum: what the feed and a mirror of it both send. */
export function snapshotMessage(
  channel: string,
  rate: Rate,
  epoch: number,
  seq: number,
  eventTimeMs: number,
  nowMs: number,
  keyframe: boolean,
  recovered: boolean,
  state: ChannelState,
): IServerMessage {
  return {
    snapshot: {
      channel,
      conflateMs: rate,
      epoch,
      seq,
      eventTimeMs,
      sendTimeMs: nowMs,
      keyframe,
      crc32: stateChecksum(state),
      jsonCrc32: stateJsonChecksum(state),
      recovered,
      state: cloneState(state),
    },
  };
}

/** The frame's JSON text (kept by frames that cache it). */
export function frameJson(frame: EncodedFrame): string {
  if (frame.json !== null) return frame.json;
  const text = jsonOfProto(frame.proto);
  if (frame.cachesJson) frame.json = text;
  return text;
}

/**
 * A deep copy of a change (plain objects, arrays and scalars only), for a conflated topic to fold the
 * next changes into: what `cloneState` gives, without structuredClone's serialisation, which was an
 * eighth of an aggregator's batch (three rates of every channel).
 */
function copyChanges<T>(value: T): T {
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyChanges(value[i] as unknown);
    return out as T;
  }
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  const from = value as Record<string, unknown>;
  for (const k in from) out[k] = copyChanges(from[k]);
  return out as T;
}
