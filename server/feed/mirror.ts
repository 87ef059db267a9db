/**
 * A gateway's copy of the aggregator's feed, built from the bus: the topics its subscribers use, each
 * followed live and loaded (base + the frames after it) when first asked for. The aggregator's bytes
 * go to the transport untouched — same delta bytes, epoch and seq as on the aggregator — and the JSON
 * twin is derived once per frame, only while a JSON subscriber listens.
 *
 * Start without a gap: subscribe first, then load; live frames arriving meanwhile are held and folded
 * in after the loaded ones, duplicates dropped by seq. A gap later (a skipped seq, a heartbeat ahead, a
 * new epoch) or the bus coming back after an outage reloads the topic the same way and resyncs its
 * subscribers: the missed deltas when the reload's history reaches back to what they last got (they
 * all got the same frames), otherwise a fresh snapshot marked recovered=false. While the bus is down
 * the mirror keeps serving its last state; the gateway tells subscribers it is stale.
 *
 * Bus topics are followed only while local clients use them, and let go `lingerMs` after the last
 * one left (a client reconnecting right away finds the topic warm).
 */
import { cloneState, type ChannelState } from '../../proto/merge.ts';
import type { Bus, BusFrame, BusState, TopicStart } from '../bus/types.ts';
import type { ChannelSpec, ChannelUniverse, Rate } from './channels.ts';
import { parseChannel, topicKey } from './channels.ts';
import { Followed, MirrorTopic } from './mirror-topic.ts';
import { TopicUnavailable, type FeedTopic, type FrameSource, type StateSource } from './source.ts';
import { jsonOfProto, jsonTopic, type FramePublisher, type TopicLimits } from './topic.ts';

export interface MirrorOptions extends TopicLimits {
  /** A topic no local client used for this long is unsubscribed from the bus. */
  readonly lingerMs: number;
  /** How long a first subscriber waits for a topic to load before a retryable error. */
  readonly loadTimeoutMs: number;
  /** After a failed load, the next attempt waits this long. */
  readonly retryMs: number;
  /** Live frames held while a topic (re)loads; past this the reload starts over. */
  readonly maxHeldFrames: number;
}

export const DEFAULT_MIRROR_OPTIONS: MirrorOptions = {
  maxHistory: 1024,
  maxHistoryAgeMs: 60_000,
  lingerMs: 10_000,
  loadTimeoutMs: 5_000,
  retryMs: 1_000,
  maxHeldFrames: 8192,
};

/** Transitions the gateway reports (log line, metric, notice to subscribers). */
export interface MirrorEvents {
  /** The bus went down (stale = true), or came back and every followed topic was reloaded (false). */
  stale(stale: boolean, detail: string): void;
  log(line: string): void;
}

export interface MirrorCounters {
  loads: number;
  loadFailures: number;
  gaps: number;
  /** Resyncs after a reload: subscribers got the missed deltas. */
  resumed: number;
  /** Resyncs after a reload: history did not reach; subscribers got a fresh snapshot. */
  resnapshotted: number;
  framesForwarded: number;
  released: number;
}

interface Waiter {
  readonly resolve: (topic: FeedTopic) => void;
  readonly reject: (error: TopicUnavailable) => void;
  readonly timer: NodeJS.Timeout;
}

interface Entry {
  readonly topic: MirrorTopic;
  /** Subscribed on the bus (the callback is in place). */
  subscribed: boolean;
  /** Live frames held while a load is under way; null when following live. */
  held: BusFrame[] | null;
  readonly waiters: Waiter[];
  unusedSinceMs: number;
  /** After a failed load or a gap during one: reload when the clock passes this (0: none due). */
  reloadAtMs: number;
  released: boolean;
  /** Followed for as long as the mirror runs (what /v1/snapshot reads), clients or not. */
  pinned: boolean;
}

export class Mirror implements FrameSource, StateSource {
  readonly counters: MirrorCounters;
  private readonly entries: Map<string, Entry>;
  /** /v1/snapshot's one-off loads, by channel: served while the bus is down. At most every channel. */
  private readonly lastLoaded: Map<string, ChannelState>;
  private epochSeen: number;
  private busState: BusState;

  constructor(
    private readonly bus: Bus,
    private readonly universe: ChannelUniverse,
    private readonly out: FramePublisher,
    private readonly now: () => number,
    private readonly options: MirrorOptions,
    private readonly events: MirrorEvents,
  ) {
    this.counters = { loads: 0, loadFailures: 0, gaps: 0, resumed: 0, resnapshotted: 0, framesForwarded: 0, released: 0 };
    this.entries = new Map();
    this.lastLoaded = new Map();
    this.epochSeen = 0;
    this.busState = 'up';
    bus.onState((state) => this.onBusState(state));
  }

  get epoch(): number {
    return this.epochSeen;
  }

  /** True while the bus is down: what is served is the last state received. */
  get stale(): boolean {
    return this.busState === 'down';
  }

  get topicCount(): number {
    return this.entries.size;
  }

  hasIndex(id: string): boolean {
    return this.universe.hasIndex(id);
  }

  hasSymbol(symbol: string): boolean {
    return this.universe.hasSymbol(symbol);
  }

  /** Frames go to the transport as they arrive (from bus callbacks, outside any socket handler). */
  flushFrames(): void {}

  topic(spec: ChannelSpec, rate: Rate): FeedTopic | Promise<FeedTopic> {
    const key = topicKey(spec.name, rate);
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = {
        topic: new MirrorTopic(spec, rate, this.options),
        subscribed: false,
        held: null,
        waiters: [],
        unusedSinceMs: -1,
        reloadAtMs: 0,
        released: false,
        pinned: false,
      };
      this.entries.set(key, entry);
      this.load(entry);
    }
    if (entry.topic.ready) return entry.topic;
    const waiting = entry;
    return new Promise<FeedTopic>((resolve, reject) => {
      const timer = setTimeout(() => {
        const at = waiting.waiters.findIndex((w) => w.timer === timer);
        if (at >= 0) waiting.waiters.splice(at, 1);
        reject(new TopicUnavailable(`${key}: no state from the aggregator yet`, this.options.retryMs));
      }, this.options.loadTimeoutMs);
      waiting.waiters.push({ resolve, reject, timer });
    });
  }

  /**
   * Follows these channels' raw topics for good: /v1/snapshot then reads a live state, and still has
   * the last one while the bus is down (a handful of small topics: the indexes and status).
   */
  pin(channels: readonly string[]): void {
    for (const channel of channels) {
      const parsed = parseChannel(channel, this.universe);
      if (!parsed.ok) continue;
      const topic = this.topic(parsed.spec, 0);
      if (topic instanceof Promise) topic.catch(() => {}); // not loaded yet: the retry loop keeps at it
      this.entries.get(topicKey(channel, 0))!.pinned = true;
    }
  }

  /**
   * The state of a channel: the followed raw topic's, or a one-off load from the bus; while the bus is
   * down, the last one loaded (stale, like everything this gateway serves then).
   */
  async channelState(channel: string): Promise<ChannelState | undefined> {
    const entry = this.entries.get(topicKey(channel, 0));
    if (entry !== undefined && entry.topic.ready) return entry.topic.stateNow();
    const parsed = parseChannel(channel, this.universe);
    if (!parsed.ok) return undefined;
    const once = new MirrorTopic(parsed.spec, 0, this.options);
    let start: TopicStart;
    try {
      start = await this.bus.load(channel);
    } catch (err) {
      const last = this.lastLoaded.get(channel);
      if (last !== undefined) return cloneState(last);
      throw err;
    }
    this.replay(once, start, []);
    const state = once.stateNow();
    if (state !== undefined) {
      this.epochSeen = Math.max(this.epochSeen, once.epoch);
      this.lastLoaded.set(channel, state);
    }
    return state === undefined ? undefined : cloneState(state);
  }

  /** Lets go of topics no one uses, trims history, retries loads that failed. Call a few times a second. */
  housekeeping(): void {
    const now = this.now();
    for (const entry of [...this.entries.values()]) {
      entry.topic.trimHistory(now);
      if (entry.reloadAtMs > 0 && now >= entry.reloadAtMs && this.busState === 'up') this.load(entry);
      const key = entry.topic.key;
      if (entry.pinned || entry.waiters.length > 0 || this.out.subscriberCount(key) + this.out.subscriberCount(jsonTopic(key)) > 0) {
        entry.unusedSinceMs = -1;
      } else if (entry.unusedSinceMs < 0) {
        entry.unusedSinceMs = now;
      } else if (now - entry.unusedSinceMs >= this.options.lingerMs) {
        this.release(entry);
      }
    }
  }

  async close(): Promise<void> {
    for (const entry of [...this.entries.values()]) this.release(entry);
  }

  // ------------------------------------------------------------------------------ loading

  /** Subscribe (once), then load, then fold in what arrived meanwhile. */
  private load(entry: Entry): void {
    if (entry.held !== null || entry.released) return;
    entry.held = [];
    entry.reloadAtMs = 0;
    this.counters.loads++;
    const key = entry.topic.key;
    const subscribed = entry.subscribed ? Promise.resolve() : this.bus.subscribe(key, (frame) => this.onFrame(entry, frame));
    subscribed
      .then(() => {
        entry.subscribed = true;
        // Let go while subscribing: the release could not unsubscribe what was not subscribed yet.
        if (entry.released) this.bus.unsubscribe(key).catch(() => {});
        return this.bus.load(key);
      })
      .then(
        (start) => this.loaded(entry, start),
        (err: unknown) => this.loadFailed(entry, err),
      );
  }

  private loaded(entry: Entry, start: TopicStart): void {
    if (entry.released) return;
    const held = entry.held ?? [];
    entry.held = null;
    const topic = entry.topic;
    const fresh = new MirrorTopic(topic.spec, topic.rate, this.options);
    this.replay(fresh, start, held);
    // Nothing to start from yet (no aggregator, or Redis lost its keys and the aggregator has not put
    // them back): keep what we have and try again; a live keyframe may also arrive first.
    const behind = topic.ready && fresh.ready && fresh.epoch === topic.epoch && fresh.seq < topic.seq;
    if (!fresh.ready || behind) {
      entry.reloadAtMs = this.now() + this.options.retryMs;
      return;
    }
    // Live frames past what the load joined up to: the bus lost frames in between (it was down, and the
    // aggregator has not put fresh bases yet). Take what joins now, and load again shortly.
    const lastHeld = held.at(-1);
    if (lastHeld !== undefined && lastHeld.epoch === fresh.epoch && lastHeld.seq > fresh.seq) entry.reloadAtMs = this.now() + this.options.retryMs;
    const wasReady = topic.ready;
    const lastSeq = topic.seq;
    const lastEpoch = topic.epoch;
    topic.adopt(fresh);
    this.epochSeen = Math.max(this.epochSeen, topic.epoch);
    if (wasReady && (topic.seq !== lastSeq || topic.epoch !== lastEpoch)) this.resync(topic, lastEpoch, lastSeq);
    this.resolveWaiters(entry);
  }

  private resolveWaiters(entry: Entry): void {
    for (const w of entry.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.resolve(entry.topic);
    }
  }

  private loadFailed(entry: Entry, err: unknown): void {
    entry.held = null;
    this.counters.loadFailures++;
    entry.reloadAtMs = this.now() + this.options.retryMs;
    const message = err instanceof Error ? err.message : String(err);
    this.events.log(`mirror: loading ${entry.topic.key} failed (${message}); retrying in ${this.options.retryMs} ms`);
    if (entry.topic.ready) return;
    for (const w of entry.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(new TopicUnavailable(`${entry.topic.key}: the bus is unavailable`, this.options.retryMs));
    }
  }

  /** Base, then the frames after it, then the live ones held meanwhile: all of the newest epoch. */
  private replay(topic: MirrorTopic, start: TopicStart, held: readonly BusFrame[]): void {
    let epoch = start.base?.epoch ?? 0;
    for (const f of start.after) epoch = Math.max(epoch, f.epoch);
    for (const f of held) epoch = Math.max(epoch, f.epoch);
    const now = this.now();
    // A gap inside a load (the bus trimmed history past the base) leaves the state at the last
    // keyframe that joins up; follow() sorts that out frame by frame.
    if (start.base !== null && start.base.epoch === epoch) topic.follow(start.base, now);
    for (const f of start.after) if (f.epoch === epoch) topic.follow(f, now);
    for (const f of held) if (f.epoch === epoch) topic.follow(f, now);
  }

  /**
   * Subscribers of this gateway all received the same frames, up to `lastSeq`: send them what they
   * missed, or the new state when the missed frames are no longer to be had.
   */
  private resync(topic: MirrorTopic, lastEpoch: number, lastSeq: number): void {
    const frames = topic.framesSince(lastEpoch, lastSeq);
    if (frames !== null) {
      this.counters.resumed++;
      for (const f of frames) this.forward(topic.key, f.proto);
      this.events.log(`mirror: ${topic.key} resynced with ${frames.length} missed deltas (seq ${lastSeq} → ${topic.seq})`);
    } else {
      this.counters.resnapshotted++;
      this.forward(topic.key, topic.unrecoveredSnapshot(this.now()).proto);
      this.events.log(`mirror: ${topic.key} resynced with a fresh snapshot (epoch ${lastEpoch} seq ${lastSeq} → epoch ${topic.epoch} seq ${topic.seq})`);
    }
  }

  // ------------------------------------------------------------------------------ live

  private onFrame(entry: Entry, frame: BusFrame): void {
    if (entry.released) return;
    if (entry.held !== null) {
      entry.held.push(frame);
      if (entry.held.length > this.options.maxHeldFrames) {
        // A load that takes this long is not keeping up; start again from a newer base.
        entry.held = null;
        entry.reloadAtMs = this.now();
      }
      return;
    }
    switch (entry.topic.follow(frame, this.now())) {
      case Followed.Applied:
        this.forward(entry.topic.key, frame.bytes);
        // A live keyframe can be the first state a topic gets (its load found no base yet).
        if (entry.waiters.length > 0 && entry.topic.ready) this.resolveWaiters(entry);
        break;
      case Followed.Gap:
        // A reload already due (after a failed one) will catch up; until then the topic stands still.
        if (entry.reloadAtMs > 0) break;
        this.counters.gaps++;
        this.events.log(`mirror: ${entry.topic.key} gap (have epoch ${entry.topic.epoch} seq ${entry.topic.seq}, got epoch ${frame.epoch} seq ${frame.seq}); reloading`);
        // The frame that showed the gap is live: it goes in after what the reload brings.
        this.reload(entry, frame);
        break;
      default:
        break;
    }
  }

  private reload(entry: Entry, first: BusFrame): void {
    this.load(entry);
    if (entry.held !== null) entry.held.push(first);
  }

  private forward(key: string, bytes: Uint8Array): void {
    this.counters.framesForwarded++;
    this.out.publish(key, bytes);
    const jt = jsonTopic(key);
    if (this.out.subscriberCount(jt) > 0) this.out.publish(jt, jsonOfProto(bytes));
  }

  private onBusState(state: BusState): void {
    if (state === this.busState) return;
    this.busState = state;
    if (state === 'down') {
      this.events.stale(true, `bus down: serving the last state of ${this.entries.size} topics`);
      return;
    }
    const entries = [...this.entries.values()];
    for (const entry of entries) {
      entry.held = null;
      this.load(entry);
    }
    this.events.stale(false, `bus up: reloading ${entries.length} topics`);
  }

  private release(entry: Entry): void {
    entry.released = true;
    this.entries.delete(entry.topic.key);
    this.counters.released++;
    entry.topic.release();
    for (const w of entry.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(new TopicUnavailable(`${entry.topic.key}: released`, this.options.retryMs));
    }
    if (entry.subscribed) {
      this.bus.unsubscribe(entry.topic.key).catch((err: unknown) => this.events.log(`mirror: unsubscribing ${entry.topic.key} failed: ${String(err)}`));
    }
  }
}
