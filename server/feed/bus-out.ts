/**
 * The aggregator's side of the bus: every frame a topic sends goes out as the bytes it was encoded to
 * (the same ones a local subscriber would get), with its topic, epoch, seq and kind; and each topic's
 * base — the full state a late gateway starts from — is kept on the bus.
 *
 * The base is not simply the newest keyframe: a gateway that loads a topic gets the base and the frames
 * after it, and those frames are all the history it can replay to a client resuming there. So the base
 * is the OLDEST keyframe from which every later delta is still in this topic's history: a gateway then
 * holds (nearly) the same resume window as the aggregator, and a client moving from gateway A to
 * gateway B resumes instead of starting over. The keyframes kept for this are the few sent within the
 * history's age (one per keyframe interval).
 */
import { FrameKind, type Bus, type BusFrame } from '../bus/types.ts';
import type { Topic } from './topic.ts';

interface TopicBases {
  /** Keyframes (and the initial snapshot) oldest first, none older than the base. */
  readonly keyframes: BusFrame[];
  /** The seq of the base on the bus, or -1. */
  putSeq: number;
}

export class BusOut {
  private readonly bases: Map<string, TopicBases>;
  private published: number;
  private basesPut: number;

  constructor(private readonly bus: Bus) {
    this.bases = new Map();
    this.published = 0;
    this.basesPut = 0;
  }

  get framesPublished(): number {
    return this.published;
  }

  get basesPublished(): number {
    return this.basesPut;
  }

  /** A new topic: its initial state is its first base (a gateway can start before any keyframe). */
  created(topic: Topic, nowMs: number): void {
    this.reput(topic, nowMs);
  }

  /** Every frame, in the order the topic sent it. */
  sent(topic: Topic, kind: FrameKind, proto: Uint8Array): void {
    const frame = busFrame(topic, kind, proto);
    this.published++;
    this.bus.publish(frame);
    if (kind !== FrameKind.Keyframe) return;
    const bases = this.bases.get(topic.key);
    if (bases === undefined) return;
    bases.keyframes.push(frame);
    this.rebase(topic);
  }

  /** After the topic's history was trimmed: the base moves up when the deltas after it are gone. */
  rebase(topic: Topic): void {
    const bases = this.bases.get(topic.key);
    if (bases === undefined || bases.keyframes.length === 0) return;
    const oldest = topic.oldestResumableSeq;
    const keyframes = bases.keyframes;
    // Keep the oldest keyframe whose following deltas are all still kept; the newest one in any case.
    let drop = 0;
    while (drop < keyframes.length - 1 && keyframes[drop]!.seq < oldest - 1) drop++;
    if (drop > 0) keyframes.splice(0, drop);
    const base = keyframes[0]!;
    if (base.seq === bases.putSeq) return;
    bases.putSeq = base.seq;
    this.basesPut++;
    this.bus.putBase(base);
  }

  /**
   * The bus came back (it may have restarted empty, and what was published while it was down is not
   * in its history): each topic starts over from its state now.
   */
  reput(topic: Topic, nowMs: number): void {
    // A copy: the snapshot's bytes sit in a shared protobufjs slab, which a kept base would pin.
    const frame = busFrame(topic, FrameKind.Keyframe, new Uint8Array(topic.snapshot(nowMs).proto));
    this.bases.set(topic.key, { keyframes: [frame], putSeq: -1 });
    this.rebase(topic);
  }

  /** A released topic (one process only; an aggregator keeps every topic). */
  forget(topic: Topic): void {
    this.bases.delete(topic.key);
  }
}

function busFrame(topic: Topic, kind: FrameKind, bytes: Uint8Array): BusFrame {
  return { topic: topic.key, epoch: topic.epoch, seq: topic.seq, kind, bytes };
}
