/**
 * One subscription (channel × rate) and the rules that keep its rebuilt state equal to the server's:
 * a snapshot replaces the state, a delta must carry the next seq (an older one is a duplicate, a newer
 * one a gap), a heartbeat ahead of the local seq is a gap too, a keyframe's CRC is checked against the
 * rebuilt state. What to do about a problem (resume, fresh snapshot) is asked of the client through
 * `SyncHost`; the events it emits are the public ones of types.ts.
 */
import { mergeState } from '../../proto/merge.ts';
import { stateChecksum } from '../../proto/canonical.ts';
import type { hashcap } from '../../proto/wire.ts';
import type { ChannelState, HashcapEvents, Rate } from './types.ts';

/** Where a subscription is in its exchange with the server. */
export const Phase = {
  /** Nothing sent on the current connection yet (new, or the connection dropped). */
  Idle: 0,
  /** A Subscribe went out; live frames before its Ack are either replayed after it or superseded. */
  Subscribing: 1,
  /** The Ack said a Snapshot follows (fresh subscribe, or a resume history could not serve). */
  AwaitingSnapshot: 2,
  /** The Ack said `replayed` missed deltas follow; checks that need a settled seq wait for them. */
  Replaying: 3,
  Live: 4,
} as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

export type ResyncReason = HashcapEvents['resync']['reason'];

export interface SyncHost {
  emit<K extends keyof HashcapEvents>(event: K, payload: HashcapEvents[K]): void;
  /** Send the subscription's Subscribe again (it says itself whether with a resume point). */
  resubscribe(sub: Subscription): void;
  readonly verifyChecksums: boolean;
}

export const subscriptionKey = (channel: string, rate: number): string => (rate === 0 ? channel : `${channel}@${rate}ms`);

const num = (v: number | null | undefined): number => Number(v ?? 0);

export class Subscription {
  readonly channel: string;
  /** The rate the user asked for: the key of `state(channel, rate)` and of every event. */
  readonly rate: Rate;
  /** The rate the server serves it at: the asked one, unless a slow-consumer degrade moved it. */
  servedRate: Rate;
  state: ChannelState | undefined;
  /** The seq of the last delta in `state` (-1: no state yet). */
  seq: number;
  epoch: number;
  phase: Phase;
  /** The Subscribe that is waiting for its Ack: its request id, and whether it carried a resume point. */
  requestId: number;
  resumeSent: boolean;
  /** Whether the next Subscribe should carry a resume point (false: ask for a fresh snapshot). */
  resumeNext: boolean;
  /** While Replaying: the seq the replay ends at. */
  replayUntil: number;
  /** Why the state is being repaired, reported as 'resync' once it is. */
  repairReason: ResyncReason | null;
  /** Marked for the next Subscribe the client sends (batched per rate). */
  needsSend: boolean;
  lastHeardMs: number;
  staleReported: boolean;

  constructor(channel: string, rate: Rate, nowMs: number) {
    this.channel = channel;
    this.rate = rate;
    this.servedRate = rate;
    this.state = undefined;
    this.seq = -1;
    this.epoch = 0;
    this.phase = Phase.Idle;
    this.requestId = 0;
    this.resumeSent = false;
    this.resumeNext = false;
    this.replayUntil = -1;
    this.repairReason = null;
    this.needsSend = true;
    this.lastHeardMs = nowMs;
    this.staleReported = false;
  }

  get key(): string {
    return subscriptionKey(this.channel, this.rate);
  }

  get servedKey(): string {
    return subscriptionKey(this.channel, this.servedRate);
  }

  /** What the next Subscribe carries for this channel: a resume point, or nothing (fresh snapshot). */
  resumePoint(): hashcap.v1.IResumePoint | null {
    if (!this.resumeNext || this.state === undefined) return null;
    return { channel: this.channel, epoch: this.epoch, lastSeq: this.seq };
  }

  /** The connection dropped: the next connection subscribes again, resuming from the state kept here. */
  detach(): void {
    this.phase = Phase.Idle;
    this.needsSend = true;
    this.replayUntil = -1;
    // After a degrade the seq is the conflated topic's: the asked rate has to start fresh.
    this.resumeNext = this.state !== undefined && this.servedRate === this.rate;
    this.servedRate = this.rate;
  }

  /** Data, a snapshot or a heartbeat arrived: the channel is alive (and may go stale again later). */
  heard(nowMs: number): void {
    this.lastHeardMs = nowMs;
    this.staleReported = false;
  }

  // ------------------------------------------------------------------------------ server frames

  onAck(ack: hashcap.v1.IAck, host: SyncHost): void {
    // Only the Ack of the request in flight counts: an older one (sent again after a rate limit, or
    // before a reconnect) would describe a replay from another seq.
    if (this.phase !== Phase.Subscribing || num(ack.requestId) !== this.requestId) return;
    if (this.resumeSent && ack.resumed === true) {
      const replayed = num(ack.replayed);
      this.phase = Phase.Replaying;
      this.replayUntil = this.seq + replayed;
      if (replayed === 0) this.finishReplay(host);
      return;
    }
    this.phase = Phase.AwaitingSnapshot;
  }

  onSnapshot(snap: hashcap.v1.ISnapshot, host: SyncHost): void {
    if (snap.keyframe === true) {
      this.onKeyframe(snap, host);
      return;
    }
    const epoch = num(snap.epoch);
    const hadState = this.state !== undefined;
    const recovered = snap.recovered === true;
    // A new epoch outranks the rest: the server restarted and no earlier seq means anything.
    let reason: ResyncReason | null = null;
    if (hadState && epoch !== this.epoch) reason = 'epoch';
    else if (hadState && !recovered) reason = 'unrecovered';
    else reason = this.repairReason;
    this.adopt(snap, recovered, reason, host);
  }

  onDelta(delta: hashcap.v1.IDelta, host: SyncHost): void {
    if (this.state === undefined) return;
    if (this.phase === Phase.AwaitingSnapshot) {
      this.resubscribe('fresh', this.repairReason, host); // its snapshot was lost (see onHeartbeat)
      return;
    }
    if (this.phase !== Phase.Live && this.phase !== Phase.Replaying) return;
    if (num(delta.epoch) !== this.epoch) {
      this.resubscribe('fresh', null, host); // its snapshot reports the new epoch
      return;
    }
    const seq = num(delta.seq);
    if (seq <= this.seq) return; // a duplicate: already in the state
    if (seq > this.seq + 1) {
      this.gap(seq, host);
      return;
    }
    mergeState(this.state, (delta.changes ?? {}) as ChannelState);
    this.seq = seq;
    host.emit('delta', {
      channel: this.channel,
      conflateMs: this.rate,
      seq,
      changes: (delta.changes ?? {}) as ChannelState,
      state: this.state,
      eventTimeMs: delta.eventTimeMs ?? 0,
      sendTimeMs: delta.sendTimeMs ?? 0,
    });
    if (this.phase === Phase.Replaying && seq >= this.replayUntil) this.finishReplay(host);
  }

  /** A heartbeat carries the topic's last seq: one ahead of ours means deltas went missing. */
  onHeartbeat(hb: hashcap.v1.IHeartbeat, host: SyncHost): void {
    if (this.state === undefined) return;
    if (this.phase === Phase.AwaitingSnapshot) {
      // Frames arrive in order and the snapshot follows its Ack at once: it was lost (the server drops
      // sends past its hard backpressure limit). Ask again.
      this.resubscribe('fresh', this.repairReason, host);
      return;
    }
    // While Replaying, a heartbeat comes after every replayed frame: one ahead of us means some were lost.
    if (this.phase !== Phase.Live && this.phase !== Phase.Replaying) return;
    if (num(hb.epoch) !== this.epoch) {
      this.resubscribe('fresh', null, host);
      return;
    }
    const seq = num(hb.seq);
    if (seq > this.seq) this.gap(seq, host);
  }

  // ------------------------------------------------------------------------------ repairs

  /**
   * A keyframe is the full state at its seq with a CRC. When it matches our seq, the CRC checks our
   * rebuilt state; when it is ahead, deltas were lost. Either way a mismatch is repaired with the
   * keyframe's own state: it is exactly what a fresh subscribe would return, without the round trip
   * (and without the live deltas that would have to be dropped while waiting for it).
   */
  private onKeyframe(snap: hashcap.v1.ISnapshot, host: SyncHost): void {
    if (this.state === undefined) return;
    const seq = num(snap.seq);
    if (this.phase === Phase.AwaitingSnapshot) {
      this.adopt(snap, true, num(snap.epoch) !== this.epoch ? 'epoch' : this.repairReason, host); // the snapshot was lost; this one will do
      return;
    }
    // Before the Ack, live frames are superseded by what follows it; a Replaying keyframe comes after
    // the whole replay, so it is checked like a live one.
    if (this.phase !== Phase.Live && this.phase !== Phase.Replaying) return;
    if (num(snap.epoch) !== this.epoch) {
      this.adopt(snap, true, 'epoch', host);
      return;
    }
    if (seq < this.seq) return; // cannot happen in order; nothing to learn from an older state
    if (seq > this.seq) {
      host.emit('gap', { channel: this.channel, conflateMs: this.rate, expected: this.seq + 1, received: seq });
      this.adopt(snap, true, 'gap', host);
      return;
    }
    if (!host.verifyChecksums) return;
    if (stateChecksum(this.state) === num(snap.crc32)) {
      host.emit('verified', { channel: this.channel, conflateMs: this.rate, seq });
    } else {
      this.adopt(snap, true, 'checksum', host);
    }
  }

  private gap(received: number, host: SyncHost): void {
    host.emit('gap', { channel: this.channel, conflateMs: this.rate, expected: this.seq + 1, received });
    this.resubscribe('resume', 'gap', host);
  }

  private resubscribe(mode: 'resume' | 'fresh', reason: ResyncReason | null, host: SyncHost): void {
    this.repairReason = reason;
    this.phase = Phase.Idle;
    this.resumeNext = mode === 'resume';
    this.needsSend = true;
    host.resubscribe(this);
  }

  private finishReplay(host: SyncHost): void {
    this.phase = Phase.Live;
    this.replayUntil = -1;
    const reason = this.repairReason;
    this.repairReason = null;
    if (reason) host.emit('resync', { channel: this.channel, conflateMs: this.rate, reason });
  }

  /** Replaces the state with a snapshot's (the decoded object is ours: nobody else holds it). */
  private adopt(snap: hashcap.v1.ISnapshot, recovered: boolean, reason: ResyncReason | null, host: SyncHost): void {
    this.state = (snap.state ?? {}) as ChannelState;
    this.seq = num(snap.seq);
    this.epoch = num(snap.epoch);
    this.phase = Phase.Live;
    this.replayUntil = -1;
    this.repairReason = null;
    host.emit('snapshot', { channel: this.channel, conflateMs: this.rate, epoch: this.epoch, seq: this.seq, state: this.state, recovered });
    if (reason) host.emit('resync', { channel: this.channel, conflateMs: this.rate, reason });
  }
}
