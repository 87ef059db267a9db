import { beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wire, type hashcap } from '../../proto/wire.ts';
import { cloneState, mergeState, type ChannelState } from '../../proto/merge.ts';
import { stateChecksum } from '../../proto/canonical.ts';
import { MarketEngine } from '../../server/engine/market-engine.ts';
import type { SymbolId } from '../../server/engine/ids.ts';
import { Feed, DEFAULT_FEED_OPTIONS } from '../../server/feed/feed.ts';
import { parseChannel, type Rate } from '../../server/feed/channels.ts';
import type { FramePublisher } from '../../server/feed/topic.ts';
import { Session } from '../../server/market/session-types.ts';
import { defaultBasketPaths, loadBaskets } from '../../server/market/basket-file.ts';

/** Records what the feed publishes, decoded, per transport topic. */
class Recorder implements FramePublisher {
  readonly frames = new Map<string, hashcap.v1.ServerMessage[]>();
  subscribers = new Set<string>();
  publish(topic: string, data: Uint8Array | string): void {
    const msg = typeof data === 'string'
      ? wire.ServerMessage.fromObject(JSON.parse(data) as Record<string, unknown>)
      : wire.ServerMessage.decode(data);
    const list = this.frames.get(topic) ?? [];
    list.push(msg);
    this.frames.set(topic, list);
  }
  subscriberCount(topic: string): number {
    return this.subscribers.has(topic) ? 1 : 0;
  }
  take(topic: string): hashcap.v1.ServerMessage[] {
    const list = this.frames.get(topic) ?? [];
    this.frames.set(topic, []);
    return list;
  }
}

const baskets = await loadBaskets(defaultBasketPaths());
let clock = 1_790_000_000_000;
const feedClock = { now: () => clock, marketNow: () => clock };

function setup() {
  const market = new MarketEngine(baskets);
  const out = new Recorder();
  const feed = new Feed(market, out, feedClock, { ...DEFAULT_FEED_OPTIONS, epoch: 42 });
  return { market, out, feed };
}

function subscribe(feed: Feed, channel: string, rate: Rate) {
  const parsed = parseChannel(channel, feed);
  if (!parsed.ok) throw new Error(parsed.message);
  return feed.topic(parsed.spec, rate);
}

/** Applies `n` random prints to the market and lets the feed publish them. */
function trade(market: MarketEngine, feed: Feed, prints: readonly [number, number][]) {
  for (const [pick, move] of prints) {
    const id = (pick % market.symbolCount) as SymbolId;
    const q = market.quote(id);
    market.applyTrade(id, Math.max(0.5, Math.round(q.last * (1 + move) * 100) / 100), 100, clock, Session.Regular);
    market.applyQuote(id, q.last - 0.01, q.last + 0.01, 100, 200, clock);
  }
  feed.afterBatch();
}

const arbBatches = fc.array(
  fc.array(fc.tuple(fc.nat(), fc.double({ min: -0.03, max: 0.03, noNaN: true })), { minLength: 1, maxLength: 20 }),
  { minLength: 1, maxLength: 30 },
);

function rebuild(snapshot: hashcap.v1.ServerMessage, deltas: readonly hashcap.v1.ServerMessage[]): ChannelState {
  const state = cloneState(wire.ChannelState.toObject(snapshot.snapshot!.state! as hashcap.v1.ChannelState) as ChannelState);
  let seq = Number(snapshot.snapshot!.seq);
  for (const m of deltas) {
    if (!m.delta) continue;
    expect(Number(m.delta.seq)).toBe(seq + 1);
    seq++;
    mergeState(state, wire.ChannelState.toObject(m.delta.changes! as hashcap.v1.ChannelState) as ChannelState);
  }
  return state;
}

describe('Feed', () => {
  beforeEach(() => {
    clock = 1_790_000_000_000;
  });

  it('lets a client rebuild every channel exactly from snapshot + deltas, with contiguous seqs', () => {
    fc.assert(
      fc.property(arbBatches, (batches) => {
        const { market, out, feed } = setup();
        const channels = ['index.miners', 'index.ai-hpc', 'quotes.IREN', 'quotes.*', 'bars.miners.1m', 'bars.IREN.1m', 'bars.MARA.5m', 'status'];
        const snaps = channels.map((c) => wire.ServerMessage.decode(subscribe(feed, c, 0).snapshot(clock).proto));
        for (const b of batches) {
          clock += 700;
          trade(market, feed, b);
        }
        channels.forEach((c, i) => {
          const key = subscribe(feed, c, 0).key;
          const rebuilt = rebuild(snaps[i]!, out.take(key));
          const server = feed.channelState(c)!;
          expect({ c, crc: stateChecksum(rebuilt), rebuilt: wire.ChannelState.toObject(wire.ChannelState.fromObject(rebuilt)) }).toEqual({ c, crc: stateChecksum(server), rebuilt: wire.ChannelState.toObject(wire.ChannelState.fromObject(server)) });
          expect(wire.ChannelState.toObject(wire.ChannelState.fromObject(rebuilt))).toEqual(
            wire.ChannelState.toObject(wire.ChannelState.fromObject(server)),
          );
        });
      }),
      { numRuns: 40 },
    );
  });

  it('conflates: fewer deltas at 1000 ms, same final state, and keyframe checksums match the rebuilt state', () => {
    const { market, out, feed } = setup();
    const raw = subscribe(feed, 'index.miners', 0);
    const slow = subscribe(feed, 'index.miners', 1000);
    out.subscribers.add(raw.key).add(slow.key);
    const rawSnap = wire.ServerMessage.decode(raw.snapshot(clock).proto);
    const slowSnap = wire.ServerMessage.decode(slow.snapshot(clock).proto);
    for (let k = 0; k < 50; k++) {
      clock += 100;
      trade(market, feed, [[k, 0.01 * Math.sin(k)]]);
      if (k % 10 === 9) feed.flushRate(1000);
    }
    feed.flushRate(1000);
    const rawFrames = out.take(raw.key);
    const slowFrames = out.take(slow.key);
    expect(rawFrames.filter((m) => m.delta)).toHaveLength(50);
    expect(slowFrames.filter((m) => m.delta).length).toBeLessThanOrEqual(6);
    const fromRaw = rebuild(rawSnap, rawFrames);
    const fromSlow = rebuild(slowSnap, slowFrames);
    expect(stateChecksum(fromSlow)).toBe(stateChecksum(fromRaw));

    clock += 6000; // past the keyframe interval
    feed.housekeeping();
    const keyframe = out.take(raw.key).find((m) => m.snapshot?.keyframe);
    expect(keyframe).toBeDefined();
    expect(keyframe!.snapshot!.crc32).toBe(stateChecksum(fromRaw));
  });

  it('serves a resume from history, and refuses one beyond it or from another epoch', () => {
    const { market, feed } = setup();
    const topic = subscribe(feed, 'quotes.*', 0);
    for (let k = 0; k < 30; k++) trade(market, feed, [[k, 0.001]]);
    const seq = topic.seq;
    expect(seq).toBe(30);
    expect(topic.framesSince(42, seq - 5)!.map((f) => f.seq)).toEqual([26, 27, 28, 29, 30]);
    expect(topic.framesSince(42, seq)).toEqual([]);
    expect(topic.framesSince(41, seq - 5)).toBeNull();
    expect(topic.framesSince(42, seq + 1)).toBeNull();

    const small = new Feed(new MarketEngine(baskets), new Recorder(), feedClock, { ...DEFAULT_FEED_OPTIONS, maxHistory: 10, epoch: 42 });
    const t2 = subscribe(small, 'quotes.*', 0);
    const m2 = (small as unknown as { market: MarketEngine }).market;
    for (let k = 0; k < 30; k++) trade(m2, small, [[k, 0.001]]);
    expect(t2.framesSince(42, 5)).toBeNull();
    expect(t2.framesSince(42, 25)!.length).toBe(5);
  });

  it('sends a heartbeat with freshness on an idle subscribed topic', () => {
    const { market, out, feed } = setup();
    const topic = subscribe(feed, 'index.miners', 0);
    out.subscribers.add(topic.key);
    trade(market, feed, [[0, 0.01]]);
    out.take(topic.key);
    clock += 1200;
    feed.housekeeping();
    const hb = out.take(topic.key).find((m) => m.heartbeat)?.heartbeat;
    expect(hb).toBeDefined();
    expect(Number(hb!.seq)).toBe(topic.seq);
    expect(hb!.freshness!.length).toBe(13);
    expect(hb!.freshness!.find((f) => f.symbol === 'IREN')!.ageMs).toBe(1200);
  });

  it('republishes every member\'s weight and contribution when a share-count event moves the divisor', () => {
    const { market, out, feed } = setup();
    const topic = subscribe(feed, 'index.miners', 0);
    const snap = wire.ServerMessage.decode(topic.snapshot(clock).proto);
    trade(market, feed, [[0, 0.02], [2, -0.02], [3, 0.01], [4, 0.015]]);
    // MARA did not trade: its new share count changes the divisor, hence every member's contribution.
    const ix = market.index('miners')!;
    const divisorBefore = ix.divisor;
    market.setShares(market.symbolId('MARA')!, 400_000_000, clock);
    expect(ix.divisor).not.toBe(divisorBefore);
    feed.afterBatch();
    const rebuilt = rebuild(snap, out.take(topic.key)).index!;
    const published = new Map((rebuilt.constituents ?? []).map((c) => [c.ticker, c]));
    for (const slot of ix.activeSlots()) {
      const c = ix.constituent(slot);
      expect({ ticker: c.ticker, weight: published.get(c.ticker)!.weight, contribution: published.get(c.ticker)!.contribution })
        .toEqual({ ticker: c.ticker, weight: c.weight, contribution: c.contribution });
    }
    expect(rebuilt.divisor).toBe(ix.divisor);
  });

  it('reports milestone crossings on the status channel', () => {
    const { market, out, feed } = setup();
    const status = subscribe(feed, 'status', 0);
    out.subscribers.add(status.key);
    // Double every price: the miners total (~$76.6B) goes through $90B and $100B.
    for (const symbol of market.allSymbols()) {
      const id = market.symbolId(symbol)!;
      market.applyTrade(id, market.quote(id).last * 2, 100, clock, Session.Regular);
    }
    feed.afterBatch();
    const crossings = out.take(status.key).flatMap((m) => m.delta?.changes?.status?.milestones ?? []);
    expect(crossings.filter((c) => c.index === 'miners').map((c) => [c.thresholdUsd, c.upward])).toEqual([
      [90e9, true],
      [100e9, true],
    ]);
  });

  it('builds at most two bars keyframes per housekeeping pass, a minute apart per topic, and index keyframes as before', () => {
    const { market, out, feed } = setup();
    const bars = market.allSymbols().flatMap((s) => [`bars.${s}.1m`, `bars.${s}.5m`]);
    const keys = [...bars, 'index.miners'].map((c) => subscribe(feed, c, 0).key);
    for (const k of keys) out.subscribers.add(k);
    const keyframes = () => {
      const kinds = { bars: 0, index: 0 };
      for (const k of keys) for (const m of out.take(k)) if (m.snapshot?.keyframe) kinds[k.startsWith('bars.') ? 'bars' : 'index']++;
      return kinds;
    };
    for (let i = 0; i < market.symbolCount; i++) trade(market, feed, [[i, 0.001]]);
    clock += 6_000;
    feed.housekeeping();
    expect(keyframes()).toEqual({ bars: 0, index: 1 }); // 6 s: the index's keyframe, no bars' yet
    for (let i = 0; i < market.symbolCount; i++) trade(market, feed, [[i, -0.001]]);
    clock += 60_000;
    feed.housekeeping();
    expect(keyframes()).toEqual({ bars: 2, index: 1 });
    let passes = 0;
    let total = 2;
    for (; total < bars.length && passes < 100; passes++) {
      clock += 250;
      feed.housekeeping();
      const k = keyframes();
      expect(k.bars).toBeLessThanOrEqual(2);
      total += k.bars;
    }
    expect(total).toBe(bars.length); // every one, spread over passes
  });
});
