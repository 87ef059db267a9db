/**
 * One topic as a gateway holds it: the aggregator's frames (bytes untouched) in a bounded resume
 * history, and the state as of the last seq for snapshots. The state is rebuilt lazily: deltas are
 * decoded only when a snapshot or /v1/snapshot needs the state, so a topic nobody new joins costs the
 * gateway no decoding at all. Keyframes replace the state outright (and so also repair it).
 *
 * `follow` takes frames in the order they come — a load's base and its following frames, then live
 * ones — and tells whether each fits: the next seq (or an older one, ignored), or a gap.
 */
import { wire, type hashcap } from '../../proto/wire.ts';
import { cloneState, mergeState, type ChannelState } from '../../proto/merge.ts';
import { FrameKind, type BusFrame } from '../bus/types.ts';
import type { ChannelSpec, Rate } from './channels.ts';
import { topicKey } from './channels.ts';
import { HistoryRing } from './history-ring.ts';
import type { FeedTopic } from './source.ts';
import { protoOf, snapshotMessage, type EncodedFrame, type TopicLimits } from './topic.ts';

const PLAIN = { longs: Number, enums: Number } as const;

/** What one frame did to the mirror. */
export const Followed = { Applied: 0, Ignored: 1, Gap: 2 } as const;
export type Followed = (typeof Followed)[keyof typeof Followed];

export class MirrorTopic implements FeedTopic {
  readonly key: string;
  readonly spec: ChannelSpec;
  readonly rate: Rate;
  private epochValue: number;
  private seqValue: number;
  /** The state as of `seq` once `unapplied` is merged into it; null until a base or keyframe arrives. */
  private state: ChannelState | null;
  /** Deltas not decoded yet, oldest first. */
  private unapplied: Uint8Array[];
  private lastEventMs: number;
  private history: HistoryRing<EncodedFrame>;
  private snapshotCache: EncodedFrame | null;

  constructor(
    spec: ChannelSpec,
    rate: Rate,
    private readonly limits: TopicLimits,
  ) {
    this.key = topicKey(spec.name, rate);
    this.spec = spec;
    this.rate = rate;
    this.epochValue = 0;
    this.seqValue = -1;
    this.state = null;
    this.unapplied = [];
    this.lastEventMs = 0;
    this.history = new HistoryRing(limits.maxHistory);
    this.snapshotCache = null;
  }

  get epoch(): number {
    return this.epochValue;
  }

  get seq(): number {
    return this.seqValue;
  }

  /** True once it holds a state (a base or a keyframe arrived). */
  get ready(): boolean {
    return this.state !== null;
  }

  get historySize(): number {
    return this.history.size;
  }

  /**
   * One frame, in bus order. A frame of another (newer) epoch, a delta that skips a seq, a heartbeat
   * naming a seq not seen: a Gap, the caller reloads. Before any state, deltas are a Gap too.
   */
  follow(frame: BusFrame, nowMs: number): Followed {
    if (this.state !== null && frame.epoch !== this.epochValue) return frame.epoch < this.epochValue ? Followed.Ignored : Followed.Gap;
    switch (frame.kind) {
      case FrameKind.Delta:
        if (this.state === null) return Followed.Gap;
        if (frame.seq <= this.seqValue) return Followed.Ignored;
        if (frame.seq !== this.seqValue + 1) return Followed.Gap;
        this.seqValue = frame.seq;
        this.unapplied.push(frame.bytes);
        if (this.unapplied.length >= this.limits.maxHistory) this.applyPending();
        this.history.push({ seq: frame.seq, proto: frame.bytes, json: null, cachesJson: false, sentMs: nowMs });
        this.snapshotCache = null;
        this.history.dropSentBefore(nowMs - this.limits.maxHistoryAgeMs);
        return Followed.Applied;
      case FrameKind.Keyframe: {
        if (this.state !== null && frame.seq < this.seqValue) return Followed.Ignored;
        const snapshot = decodeSnapshot(frame.bytes);
        if (snapshot === null) return Followed.Ignored;
        // A keyframe past the seq we hold: the deltas between are missing, so the history no longer
        // joins up; it starts again from here.
        if (this.state === null || frame.seq > this.seqValue) this.history.clear();
        this.epochValue = frame.epoch;
        this.seqValue = frame.seq;
        this.unapplied.length = 0;
        this.state = (snapshot.state ?? {}) as ChannelState;
        this.lastEventMs = Number(snapshot.eventTimeMs ?? 0);
        this.snapshotCache = null;
        return Followed.Applied;
      }
      default:
        if (this.state === null) return Followed.Ignored;
        return frame.seq > this.seqValue ? Followed.Gap : Followed.Applied;
    }
  }

  snapshot(nowMs: number): EncodedFrame {
    if (this.snapshotCache !== null) return this.snapshotCache;
    const state = this.stateRef();
    const proto = protoOf(snapshotMessage(this.spec.name, this.rate, this.epochValue, this.seqValue, this.lastEventMs, nowMs, false, true, state));
    this.snapshotCache = { seq: this.seqValue, proto, json: null, cachesJson: true, sentMs: nowMs };
    return this.snapshotCache;
  }

  unrecoveredSnapshot(nowMs: number): EncodedFrame {
    const state = this.stateRef();
    const proto = protoOf(snapshotMessage(this.spec.name, this.rate, this.epochValue, this.seqValue, this.lastEventMs, nowMs, false, false, state));
    return { seq: this.seqValue, proto, json: null, cachesJson: false, sentMs: nowMs };
  }

  framesSince(epoch: number, lastSeq: number): EncodedFrame[] | null {
    if (epoch !== this.epochValue || lastSeq > this.seqValue || lastSeq < 0) return null;
    if (lastSeq === this.seqValue) return [];
    return this.history.after(lastSeq);
  }

  /**
   * Takes over a reloaded copy of itself (built beside it, so it is served as it was until then); the
   * object stays the one subscribers' sessions hold.
   */
  adopt(fresh: MirrorTopic): void {
    this.epochValue = fresh.epochValue;
    this.seqValue = fresh.seqValue;
    this.state = fresh.state;
    this.unapplied = fresh.unapplied;
    this.lastEventMs = fresh.lastEventMs;
    this.history = fresh.history;
    this.snapshotCache = null;
  }

  /** A copy of the state as of `seq`, or undefined before the first base. */
  stateNow(): ChannelState | undefined {
    return this.state === null ? undefined : cloneState(this.stateRef());
  }

  trimHistory(nowMs: number): void {
    this.history.dropSentBefore(nowMs - this.limits.maxHistoryAgeMs);
  }

  release(): void {
    this.history.clear();
    this.unapplied.length = 0;
    this.snapshotCache = null;
  }

  private stateRef(): ChannelState {
    this.applyPending();
    return this.state ?? {};
  }

  private applyPending(): void {
    const state = this.state;
    if (state === null || this.unapplied.length === 0) return;
    for (const bytes of this.unapplied) {
      const delta = decode(bytes)?.delta;
      if (!delta) continue;
      if (delta.changes) mergeState(state, delta.changes as ChannelState);
      this.lastEventMs = Number(delta.eventTimeMs ?? 0);
    }
    this.unapplied.length = 0;
  }
}

/** The aggregator's bytes as a plain message (the shape mergeState and the checksum expect), or null. */
function decode(bytes: Uint8Array): hashcap.v1.IServerMessage | null {
  try {
    return wire.ServerMessage.toObject(wire.ServerMessage.decode(bytes), PLAIN) as hashcap.v1.IServerMessage;
  } catch {
    return null;
  }
}

function decodeSnapshot(bytes: Uint8Array): hashcap.v1.ISnapshot | null {
  return decode(bytes)?.snapshot ?? null;
}
