/**
 * The frame builder: after every ingest batch it drains the engine's dirty sets into per-channel
 * changes, keeps each channel's current state, and offers the changes to the channel's topics (raw
 * topics publish at once, conflated ones at their interval). Timers add heartbeats on idle topics,
 * keyframes with checksums, and session changes on the status channel. No I/O of its own: frames go
 * out through a FramePublisher (the transport).
 */
import type { hashcap } from '../../proto/wire.ts';
import { cloneState, mergeState, type ChannelState } from '../../proto/merge.ts';
import type { MarketEngine, QuoteState } from '../engine/market-engine.ts';
import type { ConstituentState } from '../engine/index-engine.ts';
import type { IndexEngine } from '../engine/index-engine.ts';
import { EngineEventKind } from '../engine/event-ring.ts';
import type { Slot, SymbolId } from '../engine/ids.ts';
import { nextSessionChange, sessionAt } from '../market/sessions.ts';
import type { Session } from '../market/session-types.ts';
import { BarSeries, barsPerExtendedDay } from './bars.ts';
import { BAR_INTERVALS, RATES, type ChannelSpec, type Rate, parseChannel, topicKey } from './channels.ts';
import type { Bus } from '../bus/types.ts';
import { BusOut } from './bus-out.ts';
import type { FrameSource, StateSource } from './source.ts';
import { sameNumbers } from './diff.ts';
import { StatusBoard, type FeedSourceKind } from './status-board.ts';
import { FrameQueue } from './frame-queue.ts';
import { Topic, type FramePublisher, type TopicLimits } from './topic.ts';
import { fullIndexView, indexLevelView, quoteView } from './views.ts';

type IIndexState = hashcap.v1.IIndexState;
type IQuote = hashcap.v1.IQuote;
type IConstituentState = hashcap.v1.IConstituentState;

/** Bars keyframes one housekeeping pass (every 250 ms) may build; the others wait for the next. */
const BARS_KEYFRAMES_PER_PASS = 2;

/** How often symbol bars (bars.<SYMBOL>.*) publish their changes at most. */
export const SYMBOL_BARS_MS = 250;

export interface FeedClock {
  /** Wall time, epoch ms: send times, heartbeats, history age. */
  now(): number;
  /** Market time, epoch ms: sessions (the simulator may run a faster clock). */
  marketNow(): number;
}

export interface FeedOptions extends TopicLimits {
  readonly epoch: number;
  readonly keyframeIntervalMs: number;
  /**
   * Keyframes of bars channels, whose state is a day of bars (55 KB, ~25 ms to checksum twice on the
   * shared VM): less often, and at most BARS_KEYFRAMES_PER_PASS per housekeeping pass, so that an
   * aggregator's 126 bars topics never stall the event loop together.
   */
  readonly barsKeyframeIntervalMs: number;
  readonly heartbeatIdleMs: number;
  /** Bars kept per bars channel; 0 = a full extended day (04:00–20:00 ET) at the channel's interval. */
  readonly maxBars: number;
  /**
   * A topic nobody has subscribed to for this long is let go (history and all); the channel's state
   * stays, so a later subscriber gets a new topic with a correct snapshot. The default equals the
   * history's age bound: by then a resume could only have been served from frames sent after the
   * last subscriber left.
   */
  readonly releaseIdleTopicMs: number;
  /**
   * Hand frames to the publisher after the current turn of the event loop (FrameQueue: the fan-out
   * bench's 0.4 → 3.0 M msgs/s), instead of at once. The server defers; tests that read frames
   * synchronously do not. Either way `flushFrames` keeps snapshots in order.
   */
  readonly deferFrames: boolean;
}

/**
 * History: a resume covers a reconnect after a network blip or a restart of the client, seconds to
 * tens of seconds. 1024 frames is 51 s of a raw topic at 20 batches/s; at 2048 frames and 2 min the
 * history of every topic was still filling two minutes after start (and weighed twice as much).
 */
export const DEFAULT_FEED_OPTIONS: Omit<FeedOptions, 'epoch'> = {
  maxHistory: 1024,
  maxHistoryAgeMs: 60_000,
  keyframeIntervalMs: 5_000,
  barsKeyframeIntervalMs: 60_000,
  heartbeatIdleMs: 1_000,
  maxBars: 0,
  releaseIdleTopicMs: 60_000,
  deferFrames: false,
};

export interface RejectCounter {
  readonly reason: number;
  readonly name: string;
  readonly count: number;
}

export class Feed implements FrameSource, StateSource {
  readonly status: StatusBoard;
  private readonly market: MarketEngine;
  private readonly out: FramePublisher;
  /** The feed's own queue when frames are deferred; null when they go out at once. */
  private readonly queue: FrameQueue | null;
  private readonly clock: FeedClock;
  private readonly options: FeedOptions;
  /**
   * Current full state per channel name; bars channels keep theirs in their BarSeries instead, and a
   * symbol's quotes.<SYMBOL> only while it has a topic (otherwise its state is its entry in quotes.*,
   * which gets the same changes: see `quoteChannelState`).
   */
  private readonly sources: Map<string, ChannelState>;
  /** quotes.*'s entry of each symbol, by SymbolId: what a symbol's quote was last published as. */
  private readonly quoteEntries: IQuote[];
  /** quotes.<SYMBOL> by SymbolId, and index.<ID> by index: names built once, not per batch. */
  private readonly quoteChannels: string[];
  private readonly indexChannels: Map<IndexEngine, string>;
  /** Each index channel's constituents by ticker (the objects in its state), rebuilt when the list changes. */
  private readonly constituentIndex: Map<IndexEngine, ConstituentIndex>;
  /** Drained dirty slots and their flags, reused batch after batch. */
  private dirtySlots: Int32Array;
  private dirtyFlags: Uint8Array;
  private readonly topics: Map<string, Topic>;
  private readonly topicsByChannel: Map<string, Topic[]>;
  /** Every bars channel (indexes' and symbols'), by channel name. */
  private readonly bars: Map<string, BarSeries>;
  /** Each symbol's bar series (one per interval), by SymbolId. */
  private readonly symbolBars: BarSeries[][];
  /** Each symbol's volume and last price when its bars were last sampled, by SymbolId. */
  private readonly volumeSampled: Float64Array;
  private readonly lastSampled: Float64Array;
  /** Index series with changes since the last batch, each once: the batch drains these only. */
  private readonly dirtySeries: BarSeries[];
  /** Symbol series with changes not yet published, each once; they go out every SYMBOL_BARS_MS at most. */
  private readonly dirtySymbolSeries: BarSeries[];
  private symbolBarsSentMs: number;
  /** Each index's trade-print count when its bars were last sampled. */
  private readonly updatesSampled: Map<IndexEngine, number>;
  private rejectSource: () => readonly RejectCounter[];
  private framesPublished: number;
  /** The highest seq any released topic reached, or -1: a topic created again starts above it. */
  private releasedSeqCeiling: number;
  private topicsReleased: number;
  /** The aggregator's bus: every topic of every channel publishes there, subscribed or not. */
  private readonly busOut: BusOut | null;
  /** options.epoch until an aggregator taking over starts a new one (restartEpoch). */
  private epochValue: number;
  /** Durability: the quote log is being replayed (see `setReplaying`). */
  private replaying: boolean;

  /**
   * With a bus (the aggregator), every channel at every rate is a topic from the start and is never let
   * go: gateways may need any of them, and the aggregator cannot see their subscribers.
   */
  constructor(market: MarketEngine, out: FramePublisher, clock: FeedClock, options: FeedOptions, bus: Bus | null = null) {
    this.market = market;
    this.queue = options.deferFrames ? new FrameQueue(out) : null;
    this.out = this.queue ?? out;
    this.clock = clock;
    this.options = options;
    this.status = new StatusBoard();
    this.sources = new Map();
    this.quoteEntries = [];
    this.quoteChannels = [];
    this.indexChannels = new Map();
    this.constituentIndex = new Map();
    this.dirtySlots = new Int32Array(0);
    this.dirtyFlags = new Uint8Array(0);
    this.topics = new Map();
    this.topicsByChannel = new Map();
    this.bars = new Map();
    this.symbolBars = [];
    this.dirtySeries = [];
    this.dirtySymbolSeries = [];
    this.symbolBarsSentMs = 0;
    this.updatesSampled = new Map();
    this.rejectSource = () => [];
    this.framesPublished = 0;
    this.releasedSeqCeiling = -1;
    this.topicsReleased = 0;
    this.epochValue = options.epoch;
    this.replaying = false;
    const busOut = (this.busOut = bus === null ? null : new BusOut(bus));
    const counting: FramePublisher = {
      publish: (topic, data) => {
        this.framesPublished++;
        this.out.publish(topic, data);
      },
      subscriberCount: (topic) => this.out.subscriberCount(topic),
    };
    // Only with a bus: one process keeps today's path, with no extra call per frame.
    if (busOut !== null) counting.encoded = (topic, kind, proto) => busOut.sent(topic, kind, proto);
    this.countingOut = counting;

    for (const ix of market.indexes) {
      ix.drainDirty();
      this.updatesSampled.set(ix, ix.updates);
      this.indexChannels.set(ix, `index.${ix.id}`);
      this.sources.set(`index.${ix.id}`, { index: fullIndexView(ix) });
      for (const [name, seconds] of Object.entries(BAR_INTERVALS)) {
        this.bars.set(`bars.${ix.id}.${name}`, new BarSeries(ix.id, seconds, options.maxBars || barsPerExtendedDay(seconds)));
      }
    }
    market.drainDirtySymbols();
    const all: IQuote[] = [];
    const symbols = market.allSymbols();
    this.volumeSampled = new Float64Array(symbols.length);
    this.lastSampled = new Float64Array(symbols.length);
    for (const symbol of symbols) {
      const id = market.symbolId(symbol)!;
      const quote = market.quote(id);
      const q = quoteView(quote);
      all.push(q);
      this.quoteEntries[id] = q;
      this.quoteChannels[id] = `quotes.${symbol}`;
      this.volumeSampled[id] = quote.volume;
      this.lastSampled[id] = quote.last;
      const series: BarSeries[] = [];
      for (const [name, seconds] of Object.entries(BAR_INTERVALS)) {
        const s = new BarSeries({ symbol }, seconds, options.maxBars || barsPerExtendedDay(seconds));
        this.bars.set(`bars.${symbol}.${name}`, s);
        series.push(s);
      }
      this.symbolBars[id] = series;
    }
    this.sources.set('quotes.*', { quotes: { quotes: all } });
    this.refreshSession();
    this.status.setClock(clock.marketNow(), clock.now());
    this.status.drainChanges();
    this.sources.set('status', { status: this.status.full() });
    if (this.busOut !== null) {
      for (const channel of [...this.sources.keys(), ...this.quoteChannels, ...this.bars.keys()]) {
        const parsed = parseChannel(channel, this);
        if (parsed.ok) for (const rate of RATES) this.topic(parsed.spec, rate);
      }
    }
  }

  /**
   * Every topic's base again, from its state now: call when the bus comes back (Redis may have restarted
   * empty, and frames published while it was down are not in its history).
   */
  rebaseAll(): void {
    if (this.busOut === null) return;
    this.flushFrames();
    const now = this.clock.now();
    for (const topic of this.topics.values()) this.busOut.reput(topic, now);
  }

  /** Frames and bases handed to the bus (an aggregator's), or 0. */
  get busFrames(): number {
    return this.busOut?.framesPublished ?? 0;
  }

  get busBases(): number {
    return this.busOut?.basesPublished ?? 0;
  }

  get epoch(): number {
    return this.epochValue;
  }

  /**
   * An aggregator that takes over publishes under a new epoch: every topic starts again at seq 0 from its
   * channel's state now, with its history emptied and its base put on the bus. Gateways see the new epoch
   * and resync their subscribers (a snapshot marked recovered=false).
   */
  restartEpoch(epoch: number): void {
    this.flushFrames();
    this.epochValue = epoch;
    const old = [...this.topics.values()];
    this.topics.clear();
    this.topicsByChannel.clear();
    this.releasedSeqCeiling = -1;
    for (const topic of old) {
      this.busOut?.forget(topic);
      topic.release();
      this.topic(topic.spec, topic.rate);
    }
  }

  get frames(): number {
    return this.framesPublished;
  }

  /** Topics kept now: at most every channel at every rate, and only those subscribed lately. */
  get topicCount(): number {
    return this.topics.size;
  }

  /** Topics let go since start for having had no subscriber for `releaseIdleTopicMs`. */
  get releasedTopics(): number {
    return this.topicsReleased;
  }

  /** Frames held for resumes across all topics. */
  historyFrames(): number {
    let n = 0;
    for (const topic of this.topics.values()) n += topic.historySize;
    return n;
  }

  hasIndex(id: string): boolean {
    return this.market.index(id) !== undefined;
  }

  hasSymbol(symbol: string): boolean {
    return this.market.symbolId(symbol) !== undefined;
  }

  /** Where ingest rejection counters come from (the gate), for the status channel. */
  setRejectSource(source: () => readonly RejectCounter[]): void {
    this.rejectSource = source;
  }

  /** The topic for a channel at a rate, created (at seq 0, from the current state) on first use. */
  topic(spec: ChannelSpec, rate: Rate): Topic {
    const key = topicKey(spec.name, rate);
    let topic = this.topics.get(key);
    if (!topic) {
      if (spec.kind === 'quote' && !this.sources.has(spec.name)) {
        // A symbol's own quote channel is kept from its first topic on (see `sources`).
        const state = this.quoteChannelState(spec.symbol);
        if (state) this.sources.set(spec.name, state);
      }
      const kept = this.sources.get(spec.name);
      const state = kept ?? this.stateOf(spec.name);
      if (!state) throw new Error(`no source for channel ${spec.name}`);
      // Above every seq an earlier incarnation of this key used (seq and epoch alone name a state).
      const firstSeq = this.releasedSeqCeiling < 0 ? 0 : this.releasedSeqCeiling + 1;
      topic = new Topic(spec, rate, this.epochValue, state, this.clock.now(), this.options, firstSeq, kept !== undefined);
      this.topics.set(key, topic);
      const list = this.topicsByChannel.get(spec.name) ?? [];
      list.push(topic);
      this.topicsByChannel.set(spec.name, list);
      this.busOut?.created(topic, this.clock.now());
    }
    return topic;
  }

  /**
   * Hands over the frames the feed still holds: call before sending a snapshot (a queued delta is
   * already part of the state the snapshot carries) and before shutting down.
   */
  flushFrames(): void {
    if (this.queue !== null) this.queue.flush();
  }

  /** Current full state of a channel (for /v1/snapshot and tests). */
  channelState(channel: string): ChannelState | undefined {
    const series = this.bars.get(channel);
    if (series) return { bars: series.full() }; // a fresh copy already
    const s = this.sources.get(channel);
    if (s) return cloneState(s);
    return channel.startsWith('quotes.') ? this.quoteChannelState(channel.slice('quotes.'.length)) : undefined;
  }

  /** A symbol's quotes.<SYMBOL> state, from its entry in quotes.* (a fresh copy), or undefined. */
  private quoteChannelState(symbol: string): ChannelState | undefined {
    const id = this.market.symbolId(symbol);
    const entry = id === undefined ? undefined : this.quoteEntries[id];
    return entry ? { quotes: { quotes: [{ ...entry }] } } : undefined;
  }

  /** What the status channel says the prices are: live, simulated or a replay at `speed` (0 = max). */
  setSource(source: FeedSourceKind, speed: number): void {
    this.status.setSource(source, speed);
    this.status.setClock(this.clock.marketNow(), this.clock.now());
    this.collectStatus(this.clock.now());
  }

  /** The channel's full state as kept (not a copy, except for bars, built from their series). */
  private stateOf(channel: string): ChannelState | undefined {
    const series = this.bars.get(channel);
    if (series) return { bars: series.full() };
    return this.sources.get(channel) ?? (channel.startsWith('quotes.') ? this.quoteChannelState(channel.slice('quotes.'.length)) : undefined);
  }

  /**
   * Durability: while an aggregator replays its quote log at restart, a batch updates only what the
   * feed keeps beyond the engine — bars, milestone crossings, halted/stale flags — and builds no
   * deltas and encodes no frames (the replay of a day would otherwise encode a frame per topic per
   * batch, for no subscriber). `republishAll` then sends the result.
   */
  setReplaying(replaying: boolean): void {
    this.replaying = replaying;
  }

  /** Call after each ingest batch that changed anything: publishes the changes of every channel. */
  afterBatch(): void {
    if (this.replaying) {
      this.followQuietly();
      return;
    }
    const now = this.clock.now();
    for (const ix of this.market.indexes) this.collectIndex(ix, now);
    this.collectQuotes(now);
    this.collectBars(now);
    this.collectStatus(now);
  }

  /**
   * Durability (server/durability/): the feed's state that is not derived from the engine — the bars,
   * the status board, and each index's print count at its last bar sample — for a checkpoint to image
   * and a restore to write back into.
   */
  durableParts(): object {
    return { bars: this.bars, status: this.status, updatesSampled: this.updatesSampled };
  }

  /**
   * After the engine and `durableParts()` were restored: every channel's full state goes out as a
   * change on every topic (and into the channel states), so subscribers and the bus see the restored
   * state, not the basket's previous closes the feed was built with.
   */
  republishAll(): void {
    const now = this.clock.now();
    for (const ix of this.market.indexes) {
      ix.drainDirty();
      ix.drainEvents();
      this.emit(`index.${ix.id}`, { index: fullIndexView(ix) }, now, now);
    }
    this.market.drainDirtySymbols();
    const all: IQuote[] = [];
    for (const symbol of this.market.allSymbols()) {
      const q = quoteView(this.market.quote(this.market.symbolId(symbol)!));
      all.push(q);
      this.emit(`quotes.${symbol}`, { quotes: { quotes: [q] } }, now, now);
    }
    this.emit('quotes.*', { quotes: { quotes: all } }, now, now);
    for (const [channel, series] of this.bars) {
      series.drainChanges();
      this.emit(channel, { bars: series.full() }, now, now);
    }
    this.status.drainChanges();
    this.emit('status', { status: this.status.full() }, now, now);
  }

  /** Conflated topics of this rate publish what accumulated since their last interval. */
  flushRate(rate: Rate): void {
    const now = this.clock.now();
    for (const topic of this.topics.values()) {
      if (topic.rate === rate) topic.flush(now, this.countingOut);
    }
  }

  /** Heartbeats on idle topics, keyframes, session changes and reject counters. Call a few times a second. */
  housekeeping(): void {
    const now = this.clock.now();
    this.refreshSession();
    this.status.setClock(this.clock.marketNow(), now);
    for (const r of this.rejectSource()) this.status.setRejectCount(r.reason, r.name, r.count);
    this.collectStatus(now);
    this.collectBars(now); // symbol bars held back since the last batch
    const busOut = this.busOut;
    let barsKeyframes = 0;
    for (const topic of this.topics.values()) {
      topic.trimHistory(now);
      if (busOut !== null) busOut.rebase(topic);
      else if (!topic.hasSubscribers(this.out)) {
        if (topic.unsubscribedSinceMs < 0) topic.unsubscribedSinceMs = now;
        else if (now - topic.unsubscribedSinceMs >= this.options.releaseIdleTopicMs) this.release(topic);
        continue;
      }
      topic.unsubscribedSinceMs = -1;
      const bars = topic.spec.kind === 'bars';
      const keyframeDue = bars
        ? barsKeyframes < BARS_KEYFRAMES_PER_PASS && topic.keyframeDue(now, this.options.barsKeyframeIntervalMs)
        : topic.keyframeDue(now, this.options.keyframeIntervalMs);
      if (keyframeDue) {
        topic.publishKeyframe(now, this.countingOut);
        if (bars) barsKeyframes++;
      } else if (now - topic.lastSendMs >= this.options.heartbeatIdleMs) {
        topic.publishHeartbeat(now, this.freshness(topic.spec), this.countingOut);
      }
    }
  }

  private release(topic: Topic): void {
    this.topics.delete(topic.key);
    const list = this.topicsByChannel.get(topic.spec.name);
    if (list) {
      const at = list.indexOf(topic);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) {
        this.topicsByChannel.delete(topic.spec.name);
        // quotes.* has the same state; nothing needs this copy until a topic of the symbol comes back.
        if (topic.spec.kind === 'quote') this.sources.delete(topic.spec.name);
      }
    }
    this.releasedSeqCeiling = Math.max(this.releasedSeqCeiling, topic.seq);
    this.topicsReleased++;
    this.busOut?.forget(topic);
    topic.release();
  }

  /** What topics publish through: counts, then the transport; with a bus, each frame goes there first. */
  private readonly countingOut: FramePublisher;

  private emit(channel: string, changes: ChannelState, eventMs: number, now: number): void {
    const source = changes.bars ? undefined : this.sources.get(channel);
    if (source) mergeState(source, changes);
    this.offer(channel, changes, eventMs, now);
  }

  /** Changes already merged into the channel's state (if kept), to its topics. */
  private offer(channel: string, changes: ChannelState, eventMs: number, now: number): void {
    const topics = this.topicsByChannel.get(channel);
    if (!topics) return;
    for (const topic of topics) topic.offer(changes, eventMs, now, this.countingOut);
  }

  private collectIndex(ix: IndexEngine, now: number): void {
    if (!ix.hasChanges) return;
    const channel = this.indexChannels.get(ix)!;
    const source = this.sources.get(channel)!.index!;
    const previous = this.constituentsByTicker(ix, source);
    if (this.dirtySlots.length < ix.capacity) {
      this.dirtySlots = new Int32Array(ix.capacity);
      this.dirtyFlags = new Uint8Array(ix.capacity);
    }
    const dirty = this.dirtySlots;
    const isDirty = this.dirtyFlags;
    const dirtyCount = ix.drainDirtyInto(dirty);
    for (let k = 0; k < dirtyCount; k++) isDirty[dirty[k]!] = 1;
    const level = indexLevelView(ix);
    const changes: IIndexState = { id: ix.id };
    let changed = levelChanges(source, level, changes);
    if (!sameNumbers(source.milestonesReachedUsd, level.milestonesReachedUsd)) {
      changes.milestonesChanged = true;
      changes.milestonesReachedUsd = level.milestonesReachedUsd ?? [];
      changed = true;
    }
    let eventMs = 0;
    for (let k = 0; k < dirtyCount; k++) {
      const c = ix.constituent(dirty[k]! as Slot);
      eventMs = Math.max(eventMs, c.lastTimeMs);
      this.status.setFlags(c.ticker, c.halted, c.stale);
      const d = constituentChanges(previous.byTicker.get(c.ticker), c);
      if (d) (changes.constituents ??= []).push(d);
    }
    // The other members too: a weight is a share of the index total and a contribution is over the
    // divisor, so one print (or one share-count event) moves those two figures of every member. Only
    // the ones that moved are sent. O(members) once per batch, not per print.
    for (let slot = 0 as Slot; slot < ix.capacity; slot++) {
      if (isDirty[slot] === 1 || !ix.isActive(slot)) continue;
      const before = previous.byTicker.get(ix.tickerOf(slot));
      const weight = ix.weightOf(slot);
      const contribution = ix.contributionOf(slot);
      const weightMoved = !Object.is(before?.weight, weight);
      const contributionMoved = !Object.is(before?.contribution, contribution);
      if (!weightMoved && !contributionMoved) continue;
      const d: IConstituentState = { ticker: ix.tickerOf(slot) };
      if (weightMoved) d.weight = weight;
      if (contributionMoved) d.contribution = contribution;
      (changes.constituents ??= []).push(d);
    }
    for (let k = 0; k < dirtyCount; k++) isDirty[dirty[k]!] = 0;
    if (changes.constituents && changes.constituents.length > 0) changed = true;
    for (const ev of ix.drainEvents()) {
      if (ev.kind === EngineEventKind.DivisorChange) continue;
      this.status.addMilestone({
        index: ix.id,
        thresholdUsd: ev.value,
        upward: ev.kind === EngineEventKind.MilestoneUp,
        timeMs: ev.timeMs,
        marketCapUsd: ev.totalMarketCapUsd,
      });
    }
    // A bar counts this index's own trade prints: the engine counts exactly those it applied.
    const prints = ix.updates - (this.updatesSampled.get(ix) ?? 0);
    if (changed) {
      mergeIndexChanges(source, changes, previous);
      this.offer(channel, { index: changes }, eventMs || now, now);
    }
    if (changed || prints > 0) {
      this.sampleBars(ix, level.level!, eventMs || now, prints);
      this.updatesSampled.set(ix, ix.updates);
    }
  }

  /** The index channel's constituents by ticker, as kept in its state (rebuilt when the list was replaced or grew). */
  private constituentsByTicker(ix: IndexEngine, source: IIndexState): ConstituentIndex {
    const list = (source.constituents ??= []);
    let index = this.constituentIndex.get(ix);
    if (index === undefined || index.list !== list || index.length !== list.length) {
      index = { list, length: list.length, byTicker: new Map(list.map((c) => [c.ticker ?? '', c])) };
      this.constituentIndex.set(ix, index);
    }
    return index;
  }

  /** `collectIndex`'s bookkeeping without the deltas (a replay: see `setReplaying`). */
  private followQuietly(): void {
    const now = this.clock.now();
    for (const ix of this.market.indexes) {
      if (!ix.hasChanges) continue;
      let eventMs = 0;
      for (const slot of ix.drainDirty()) {
        const c = ix.constituent(slot);
        eventMs = Math.max(eventMs, c.lastTimeMs);
        this.status.setFlags(c.ticker, c.halted, c.stale);
      }
      for (const ev of ix.drainEvents()) {
        if (ev.kind === EngineEventKind.DivisorChange) continue;
        this.status.addMilestone({ index: ix.id, thresholdUsd: ev.value, upward: ev.kind === EngineEventKind.MilestoneUp, timeMs: ev.timeMs, marketCapUsd: ev.totalMarketCapUsd });
      }
      this.sampleBars(ix, indexLevelView(ix).level!, eventMs || now, ix.updates - (this.updatesSampled.get(ix) ?? 0));
      this.updatesSampled.set(ix, ix.updates);
    }
    this.market.drainDirtySymbols();
  }

  private sampleBars(ix: IndexEngine, level: number, eventMs: number, prints: number): void {
    const session = sessionAt(this.clock.marketNow());
    for (const name of Object.keys(BAR_INTERVALS)) {
      const series = this.bars.get(`bars.${ix.id}.${name}`);
      if (series?.sample(level, eventMs, prints, session)) this.dirtySeries.push(series);
    }
  }

  /**
   * A symbol's bars, from its quote after a batch: sampled when it traded (volume grew) or its last
   * price moved (a correction); a bid/ask update alone is no print. O(1) per dirty symbol, and nothing
   * allocated inside a bar.
   */
  private sampleSymbolBars(id: SymbolId, last: number, volume: number, timeMs: number, session: number): void {
    const sampledVolume = this.volumeSampled[id]!;
    // The day rolled (volume starts over), or a cancel took shares back: nothing was traded.
    const traded = volume > sampledVolume ? volume - sampledVolume : 0;
    const moved = last !== this.lastSampled[id];
    this.volumeSampled[id] = volume;
    this.lastSampled[id] = last;
    if ((traded === 0 && !moved) || !(timeMs > 0) || !Number.isFinite(last)) return;
    for (const series of this.symbolBars[id]!) {
      if (series.sample(last, timeMs, 0, session as Session, traded)) this.dirtySymbolSeries.push(series);
    }
  }

  /**
   * Publishes the bars that changed; a channel nobody follows drops its changes uncopied. Symbol bars
   * go out at most every SYMBOL_BARS_MS (a bar's changes accumulate in between, so no extreme is
   * lost): a symbol trades in most batches, and a delta per batch per symbol would double the feed's
   * frames for a chart that needs a few updates a second.
   */
  private collectBars(now: number): void {
    this.publishSeries(this.dirtySeries, now);
    if (this.dirtySymbolSeries.length > 0 && now - this.symbolBarsSentMs >= SYMBOL_BARS_MS) {
      this.symbolBarsSentMs = now;
      this.publishSeries(this.dirtySymbolSeries, now);
    }
  }

  private publishSeries(dirty: BarSeries[], now: number): void {
    for (let i = 0; i < dirty.length; i++) {
      const series = dirty[i]!;
      const channel = series.channel;
      if (!this.topicsByChannel.has(channel)) {
        series.discardChanges();
        continue;
      }
      const changes = series.drainChanges();
      if (changes) this.emit(channel, { bars: changes }, now, now);
    }
    dirty.length = 0;
  }

  /**
   * Each dirty symbol's changes, compared with its entry in quotes.* (what was last published) straight
   * from the engine's quote; merged into that entry, into quotes.<SYMBOL>'s state only while the symbol
   * has a topic, and offered to the topics.
   */
  private collectQuotes(now: number): void {
    const dirty = this.market.drainDirtySymbols();
    if (dirty.length === 0) return;
    const all: IQuote[] = [];
    let eventMs = 0;
    for (const id of dirty) {
      const quote = this.market.quote(id);
      const timeMs = Number.isFinite(quote.timeMs) ? quote.timeMs : 0;
      this.sampleSymbolBars(id, Number.isFinite(quote.last) ? quote.last : Number.NaN, quote.volume, timeMs, quote.session);
      const entry = this.quoteEntries[id]!;
      const d = quoteChanges(entry, quote);
      if (!d) continue;
      Object.assign(entry, d);
      eventMs = Math.max(eventMs, timeMs);
      all.push(d);
      const channel = this.quoteChannels[id]!;
      const own = this.sources.get(channel);
      if (own) Object.assign(own.quotes!.quotes![0]!, d);
      this.offer(channel, { quotes: { quotes: [d] } }, timeMs || now, now);
    }
    if (all.length > 0) this.offer('quotes.*', { quotes: { quotes: all } }, eventMs || now, now);
  }

  private collectStatus(now: number): void {
    const changes = this.status.drainChanges();
    if (changes) this.emit('status', { status: changes }, now, now);
  }

  private refreshSession(): void {
    const t = this.clock.marketNow();
    const next = nextSessionChange(t);
    this.status.setSession(sessionAt(t), next.at, next.session);
  }

  private freshness(spec: ChannelSpec): hashcap.v1.IFreshness[] {
    // Ages in market time: prints carry exchange times, which a simulated clock may run ahead of the wall.
    const marketNow = this.clock.marketNow();
    const ageOf = (symbol: string) => {
      const id = this.market.symbolId(symbol);
      const t = id === undefined ? 0 : this.market.quote(id).timeMs;
      return { symbol, ageMs: t > 0 ? Math.max(0, marketNow - t) : -1 };
    };
    switch (spec.kind) {
      case 'index':
        return this.market.index(spec.index)!.activeSlots().map((s) => ageOf(this.market.index(spec.index)!.constituent(s).ticker));
      case 'quote':
        return [ageOf(spec.symbol)];
      case 'quotes-all':
        return this.market.allSymbols().map(ageOf);
      default:
        return [];
    }
  }
}

interface ConstituentIndex {
  readonly list: IConstituentState[];
  readonly length: number;
  readonly byTicker: Map<string, IConstituentState>;
}

/**
 * The index-level figures of `level` that differ from `source` (lists aside: the caller compares
 * the milestones), into `changes`; true when any did.
 */
function levelChanges(source: IIndexState, level: IIndexState, changes: IIndexState): boolean {
  const from = source as Record<string, unknown>;
  const to = level as Record<string, unknown>;
  const out = changes as Record<string, unknown>;
  let changed = false;
  for (const k in to) {
    const v = to[k];
    if (v === undefined || v === null || Array.isArray(v) || k === 'id') continue;
    if (!Object.is(from[k], v)) {
      out[k] = v;
      changed = true;
    }
  }
  return changed;
}

/**
 * A member's figures that differ from what was published (every one for a member not published
 * before), with its ticker; null when none. The fields of `constituentView`, read from the engine's
 * state without building the view.
 */
function constituentChanges(prev: IConstituentState | undefined, c: ConstituentState): IConstituentState | null {
  const p: IConstituentState = prev ?? {};
  let d: IConstituentState | null = null;
  if (!Object.is(p.name, c.name)) (d ??= { ticker: c.ticker }).name = c.name;
  if (!Object.is(p.last, c.last)) (d ??= { ticker: c.ticker }).last = c.last;
  if (!Object.is(p.previousClose, c.previousClose)) (d ??= { ticker: c.ticker }).previousClose = c.previousClose;
  if (!Object.is(p.change, c.change)) (d ??= { ticker: c.ticker }).change = c.change;
  if (!Object.is(p.changePct, c.changePct)) (d ??= { ticker: c.ticker }).changePct = c.changePct;
  if (!Object.is(p.marketCapUsd, c.marketCapUsd)) (d ??= { ticker: c.ticker }).marketCapUsd = c.marketCapUsd;
  if (!Object.is(p.weight, c.weight)) (d ??= { ticker: c.ticker }).weight = c.weight;
  if (!Object.is(p.contribution, c.contribution)) (d ??= { ticker: c.ticker }).contribution = c.contribution;
  if (!Object.is(p.session, c.session)) (d ??= { ticker: c.ticker }).session = c.session;
  if (!Object.is(p.lastTimeMs, c.lastTimeMs)) (d ??= { ticker: c.ticker }).lastTimeMs = c.lastTimeMs;
  if (!Object.is(p.halted, c.halted)) (d ??= { ticker: c.ticker }).halted = c.halted;
  if (!Object.is(p.stale, c.stale)) (d ??= { ticker: c.ticker }).stale = c.stale;
  if (!Object.is(p.shares, c.shares)) (d ??= { ticker: c.ticker }).shares = c.shares;
  if (c.changeSinceClose !== null && !Object.is(p.changeSinceClose, c.changeSinceClose)) (d ??= { ticker: c.ticker }).changeSinceClose = c.changeSinceClose;
  return d;
}

/**
 * A quote's figures that differ from what was published, with its symbol; null when none. The fields
 * of `quoteView` (a non-finite price or time is left out), read from the engine's quote.
 */
function quoteChanges(p: IQuote, q: QuoteState): IQuote | null {
  let d: IQuote | null = null;
  if (!Object.is(p.previousClose, q.previousClose)) (d ??= { symbol: q.symbol }).previousClose = q.previousClose;
  if (!Object.is(p.session, q.session)) (d ??= { symbol: q.symbol }).session = q.session;
  if (!Object.is(p.volume, q.volume)) (d ??= { symbol: q.symbol }).volume = q.volume;
  if (Number.isFinite(q.last) && !Object.is(p.last, q.last)) (d ??= { symbol: q.symbol }).last = q.last;
  if (Number.isFinite(q.lastSize) && !Object.is(p.lastSize, q.lastSize)) (d ??= { symbol: q.symbol }).lastSize = q.lastSize;
  if (Number.isFinite(q.bid) && !Object.is(p.bid, q.bid)) (d ??= { symbol: q.symbol }).bid = q.bid;
  if (Number.isFinite(q.ask) && !Object.is(p.ask, q.ask)) (d ??= { symbol: q.symbol }).ask = q.ask;
  if (Number.isFinite(q.bidSize) && !Object.is(p.bidSize, q.bidSize)) (d ??= { symbol: q.symbol }).bidSize = q.bidSize;
  if (Number.isFinite(q.askSize) && !Object.is(p.askSize, q.askSize)) (d ??= { symbol: q.symbol }).askSize = q.askSize;
  if (Number.isFinite(q.timeMs) && !Object.is(p.timeMs, q.timeMs)) (d ??= { symbol: q.symbol }).timeMs = q.timeMs;
  const changePct = ((q.last - q.previousClose) / q.previousClose) * 100;
  if (!Object.is(p.changePct, changePct)) (d ??= { symbol: q.symbol }).changePct = changePct;
  return d;
}

/**
 * `mergeState` for an index change the feed built (scalars, the milestones, members by ticker; no
 * removals), through the kept ticker map instead of indexing the members on every merge.
 */
function mergeIndexChanges(target: IIndexState, c: IIndexState, index: ConstituentIndex): void {
  const to = target as Record<string, unknown>;
  const from = c as Record<string, unknown>;
  for (const k in from) {
    const v = from[k];
    if (v !== undefined && v !== null && !Array.isArray(v)) to[k] = v;
  }
  if (c.milestonesChanged) target.milestonesReachedUsd = [...(c.milestonesReachedUsd ?? [])];
  target.milestonesChanged = false;
  const changes = c.constituents;
  if (changes) {
    for (const change of changes) {
      const kept = index.byTicker.get(change.ticker ?? '');
      if (kept) Object.assign(kept, change);
      else {
        const added = { ...change };
        index.list.push(added);
        index.byTicker.set(change.ticker ?? '', added);
        (index as { length: number }).length = index.list.length;
      }
    }
  }
  if (target.removed === undefined || target.removed === null || target.removed.length > 0) target.removed = [];
}
