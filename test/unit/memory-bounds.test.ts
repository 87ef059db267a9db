/**
 * Every structure the server keeps for as long as it runs has a bound by count: each test drives one
 * past its bound and checks its size. (The soak bench, `npm run bench -- soak`, checks the process.)
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wire } from '../../proto/wire.ts';
import { MarketEngine } from '../../server/engine/market-engine.ts';
import type { SymbolId } from '../../server/engine/ids.ts';
import { Feed, DEFAULT_FEED_OPTIONS, type FeedOptions } from '../../server/feed/feed.ts';
import { RATES, parseChannel, type Rate } from '../../server/feed/channels.ts';
import { BarSeries } from '../../server/feed/bars.ts';
import { FrameQueue } from '../../server/feed/frame-queue.ts';
import { HistoryRing } from '../../server/feed/history-ring.ts';
import { StatusBoard } from '../../server/feed/status-board.ts';
import type { FramePublisher } from '../../server/feed/topic.ts';
import { MAX_LABEL_VALUES, OVERFLOW_LABEL, createMetrics } from '../../server/http/metrics.ts';
import { Session } from '../../server/market/session-types.ts';
import { defaultBasketPaths, loadBaskets } from '../../server/market/basket-file.ts';

const baskets = await loadBaskets(defaultBasketPaths());

/** A publisher whose subscriber counts the test sets, as the transport would report them. */
class Subscribers implements FramePublisher {
  readonly counts = new Map<string, number>();
  published = 0;
  publish(): void {
    this.published++;
  }
  subscriberCount(topic: string): number {
    return this.counts.get(topic) ?? 0;
  }
}

function setup(options: Partial<FeedOptions> = {}) {
  let now = 1_790_000_000_000;
  const clock = { now: () => now, marketNow: () => now };
  const market = new MarketEngine(baskets);
  const out = new Subscribers();
  const feed = new Feed(market, out, clock, { ...DEFAULT_FEED_OPTIONS, ...options, epoch: 7 });
  const advance = (ms: number) => {
    now += ms;
  };
  const topic = (channel: string, rate: Rate) => {
    const parsed = parseChannel(channel, feed);
    if (!parsed.ok) throw new Error(parsed.message);
    return feed.topic(parsed.spec, rate);
  };
  const trade = (n: number) => {
    for (let i = 0; i < n; i++) {
      const id = (i % market.symbolCount) as SymbolId;
      const q = market.quote(id);
      market.applyTrade(id, Math.round(q.last * (i % 2 === 0 ? 1.001 : 0.999) * 100) / 100, 100, now, Session.Regular);
    }
    feed.afterBatch();
  };
  const channels = ['status', 'quotes.*', ...market.indexes.flatMap((ix) => [`index.${ix.id}`, `bars.${ix.id}.1m`, `bars.${ix.id}.5m`]), ...market.allSymbols().map((s) => `quotes.${s}`)];
  return { feed, out, market, advance, topic, trade, channels, now: () => now };
}

describe('HistoryRing', () => {
  it('keeps at most its capacity, the newest frames, contiguous', () => {
    const ring = new HistoryRing<{ seq: number; sentMs: number }>(16);
    for (let seq = 1; seq <= 1000; seq++) {
      ring.push({ seq, sentMs: seq });
      expect(ring.size).toBe(Math.min(seq, 16));
    }
    expect(ring.firstSeq).toBe(985);
    expect(ring.after(990)!.map((f) => f.seq)).toEqual([991, 992, 993, 994, 995, 996, 997, 998, 999, 1000]);
    expect(ring.after(983)).toBeNull();
    expect(ring.after(1000)).toEqual([]);
  });

  it('drops by age too, and answers like a plain array model for any mix of pushes and trims', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.oneof(fc.constant<'push'>('push'), fc.integer({ min: 0, max: 40 })), { maxLength: 120 }),
        (capacity, ops) => {
          const ring = new HistoryRing<{ seq: number; sentMs: number }>(capacity);
          let model: { seq: number; sentMs: number }[] = [];
          let seq = 0;
          for (const op of ops) {
            if (op === 'push') {
              seq++;
              ring.push({ seq, sentMs: seq });
              model.push({ seq, sentMs: seq });
              if (model.length > capacity) model.shift();
            } else {
              const cutoff = seq - op;
              ring.dropSentBefore(cutoff);
              model = model.filter((f) => f.sentMs >= cutoff);
            }
            expect(ring.size).toBe(model.length);
            expect(ring.size).toBeLessThanOrEqual(capacity);
            for (let from = 0; from <= seq; from++) {
              const first = model[0];
              const expected = !first || first.seq > from + 1 ? null : model.filter((f) => f.seq > from);
              expect(ring.after(from)).toEqual(expected);
            }
          }
        },
      ),
    );
  });
});

describe('topic history', () => {
  it('holds at most maxHistory frames however many deltas a topic publishes', () => {
    const t = setup({ maxHistory: 50 });
    const topic = t.topic('index.miners', 0);
    for (let i = 0; i < 400; i++) {
      t.advance(50);
      t.trade(3);
    }
    expect(topic.seq).toBeGreaterThan(300);
    expect(topic.historySize).toBe(50);
    expect(t.feed.historyFrames()).toBe(50);
    expect(topic.framesSince(7, topic.seq - 50)!.map((f) => f.seq)).toEqual(Array.from({ length: 50 }, (_, i) => topic.seq - 49 + i));
    expect(topic.framesSince(7, topic.seq - 51)).toBeNull();
  });

  it('ages history out on housekeeping, also on a topic that stopped publishing', () => {
    const t = setup({ maxHistoryAgeMs: 10_000 });
    const topic = t.topic('index.miners', 0);
    t.out.counts.set(topic.key, 1);
    for (let i = 0; i < 20; i++) {
      t.advance(100);
      t.trade(2);
    }
    expect(topic.historySize).toBe(20);
    t.advance(10_500);
    t.feed.housekeeping();
    expect(topic.historySize).toBe(0);
  });
});

describe('topics without subscribers', () => {
  it('are released after releaseIdleTopicMs: at most one topic per channel and rate, none once everyone left', () => {
    const t = setup({ releaseIdleTopicMs: 5_000 });
    const bound = t.channels.length * RATES.length;
    for (let round = 0; round < 5; round++) {
      for (const channel of t.channels) {
        for (const rate of RATES) {
          const topic = t.topic(channel, rate);
          t.out.counts.set(topic.key, 1);
        }
      }
      expect(t.feed.topicCount).toBe(bound);
      t.trade(20);
      t.feed.housekeeping();
      t.out.counts.clear();
      t.advance(1_000);
      t.feed.housekeeping();
      expect(t.feed.topicCount).toBe(bound);
      t.advance(5_000);
      t.feed.housekeeping();
      expect(t.feed.topicCount).toBe(0);
      expect(t.feed.historyFrames()).toBe(0);
    }
    expect(t.feed.releasedTopics).toBe(5 * bound);
  });

  it('keeps a topic while someone subscribes, however long', () => {
    const t = setup({ releaseIdleTopicMs: 1_000 });
    const topic = t.topic('quotes.*', 100);
    t.out.counts.set(`${topic.key}#json`, 1);
    for (let i = 0; i < 10; i++) {
      t.advance(1_000);
      t.feed.housekeeping();
    }
    expect(t.feed.topicCount).toBe(1);
    expect(t.topic('quotes.*', 100)).toBe(topic);
  });

  it('a topic created again gives a correct snapshot, and a resume point into the old one gets recovered=false', () => {
    const t = setup({ releaseIdleTopicMs: 1_000 });
    const old = t.topic('index.miners', 0);
    t.out.counts.set(old.key, 1);
    for (let i = 0; i < 30; i++) t.trade(5);
    const oldSeq = old.seq;
    t.out.counts.clear();
    t.advance(500);
    t.feed.housekeeping();
    t.advance(1_000);
    t.feed.housekeeping();
    expect(t.feed.topicCount).toBe(0);
    for (let i = 0; i < 5; i++) t.trade(5);

    const fresh = t.topic('index.miners', 0);
    expect(fresh).not.toBe(old);
    const snapshot = wire.ServerMessage.decode(fresh.snapshot(t.now()).proto).snapshot!;
    expect(Number(snapshot.seq)).toBeGreaterThan(oldSeq);
    const decoded = wire.ChannelState.toObject(wire.ChannelState.fromObject(snapshot.state!), { longs: Number, enums: Number });
    expect(decoded).toEqual(wire.ChannelState.toObject(wire.ChannelState.fromObject(t.feed.channelState('index.miners')!), { longs: Number, enums: Number }));
    for (let lastSeq = 0; lastSeq <= oldSeq; lastSeq++) expect(fresh.framesSince(7, lastSeq)).toBeNull();
    t.trade(5);
    expect(fresh.framesSince(7, Number(snapshot.seq))!.map((f) => f.seq)).toEqual([Number(snapshot.seq) + 1]);
  });
});

describe('BarSeries', () => {
  it('keeps at most maxBars bars, the newest', () => {
    const series = new BarSeries('miners', 60, 390);
    for (let i = 0; i < 1_000; i++) series.sample(1000 + i, i * 60_000, 1, Session.Regular);
    const bars = series.full().bars!;
    expect(bars).toHaveLength(390);
    expect(bars[0]!.startMs).toBe(610 * 60_000);
    expect(bars.at(-1)!.startMs).toBe(999 * 60_000);
  });
});

describe('StatusBoard', () => {
  it('keeps the last maxRecent milestones and notices, also in the changes not yet drained', () => {
    const board = new StatusBoard(5);
    for (let i = 0; i < 1_000; i++) {
      board.addNotice({ kind: 'info', message: `n${i}` });
      board.addMilestone({ index: 'miners', thresholdUsd: i, upward: true, timeMs: i, marketCapUsd: i });
    }
    expect(board.sizes()).toMatchObject({ milestones: 5, notices: 5 });
    expect(board.full().notices!.map((n) => n.message)).toEqual(['n995', 'n996', 'n997', 'n998', 'n999']);
    const pending = board.drainChanges()!;
    expect(pending.notices!.map((n) => n.message)).toEqual(['n995', 'n996', 'n997', 'n998', 'n999']);
    expect(pending.milestones).toHaveLength(5);
  });

  it('keeps one flag entry per symbol and one reject entry per reason, however often they change', () => {
    const board = new StatusBoard(5);
    for (let i = 0; i < 1_000; i++) {
      board.setFlags(`S${i % 7}`, i % 2 === 0, i % 3 === 0);
      board.setRejectCount(i % 4, `r${i % 4}`, i);
    }
    expect(board.sizes()).toMatchObject({ symbols: 7, rejects: 4 });
    const pending = board.drainChanges()!;
    expect(pending.symbols).toHaveLength(7);
    expect(pending.rejects).toHaveLength(4);
    expect(pending.rejects!.find((r) => r.reason === 3)!.count).toBe(999);
  });
});

describe('FrameQueue', () => {
  it('never holds more than maxPending frames, and hands all over in order', async () => {
    const sent: string[] = [];
    const q = new FrameQueue({ publish: (_t, d) => void sent.push(d as string), subscriberCount: () => 1 }, 100);
    let most = 0;
    for (let i = 0; i < 1_050; i++) {
      q.publish('t', String(i));
      most = Math.max(most, q.pending);
    }
    expect(most).toBeLessThanOrEqual(100);
    expect(q.pending).toBe(50);
    await new Promise((r) => setImmediate(r));
    expect(sent).toEqual(Array.from({ length: 1_050 }, (_, i) => String(i)));
  });
});

describe('metrics labels', () => {
  it('keep at most MAX_LABEL_VALUES values per label, the rest summed under "other"', async () => {
    const errors = new Map<number, number>();
    for (let code = 0; code < 500; code++) errors.set(code, 1);
    const rejected = Array.from({ length: 300 }, (_, i) => ({ reason: i, name: `reason_${i}`, count: 2 }));
    const indexes = Array.from({ length: 100 }, (_, i) => ({ id: `ix${i}`, level: 1000, marketCapUsd: 1e9 }));
    const registry = createMetrics({
      connections: () => 0,
      subscriptions: () => 0,
      framesPublished: () => 0,
      bytesPublished: () => 0,
      sendsDropped: () => 0,
      slowConsumers: () => ({ warned: 0, degraded: 0, closed: 0, overflowed: 0, closedClean: 0, terminated: 0 }),
      clientErrors: () => errors,
      ingestAccepted: () => 0,
      ingestRejected: () => rejected,
      indexes: () => indexes,
    });
    const series = async (name: string) => (await registry.getSingleMetric(name)!.get()).values;
    for (let scrape = 0; scrape < 3; scrape++) {
      const errorSeries = await series('hashcap_client_errors_total');
      expect(errorSeries).toHaveLength(MAX_LABEL_VALUES + 1);
      expect(errorSeries.find((v) => v.labels.code === OVERFLOW_LABEL)!.value).toBe(errors.size - MAX_LABEL_VALUES);
      expect(await series('hashcap_ingest_rejected_total')).toHaveLength(MAX_LABEL_VALUES + 1);
      expect(await series('hashcap_index_level')).toHaveLength(MAX_LABEL_VALUES);
      expect(await series('hashcap_index_market_cap_usd')).toHaveLength(MAX_LABEL_VALUES);
      for (let code = 1_000; code < 1_100; code++) errors.set(code + scrape * 100, 1);
    }
  });
});
