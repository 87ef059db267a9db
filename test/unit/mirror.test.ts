/**
 * A gateway's mirror against an aggregator's feed on one in-memory bus hub (what a shared Redis is to
 * separate processes): the bytes it forwards are the feed's, its snapshots carry the feed's state, a
 * frame lost on the way is a gap that a reload repairs by sending subscribers exactly the deltas they
 * missed, and a topic no one uses is let go after the linger.
 */
import { describe, expect, it } from 'vitest';
import { wire } from '../../proto/wire.ts';
import { stateChecksum } from '../../proto/canonical.ts';
import type { ChannelState } from '../../proto/merge.ts';
import { MarketEngine } from '../../server/engine/market-engine.ts';
import type { SymbolId } from '../../server/engine/ids.ts';
import { Feed, DEFAULT_FEED_OPTIONS } from '../../server/feed/feed.ts';
import { parseChannel } from '../../server/feed/channels.ts';
import { DEFAULT_MIRROR_OPTIONS, Mirror } from '../../server/feed/mirror.ts';
import type { FeedTopic } from '../../server/feed/source.ts';
import type { FramePublisher } from '../../server/feed/topic.ts';
import { Session } from '../../server/market/session-types.ts';
import { defaultBasketPaths, loadBaskets } from '../../server/market/basket-file.ts';
import { MemoryBus, MemoryHub } from '../../server/bus/memory-bus.ts';
import type { Bus, BusFrame } from '../../server/bus/types.ts';

const baskets = await loadBaskets(defaultBasketPaths());
const MINERS = 'index.miners';

/** Stands in for the transport: what was published per topic, and who is subscribed. */
class Sink implements FramePublisher {
  readonly published = new Map<string, Uint8Array[]>();
  readonly subscribers = new Set<string>();
  publish(topic: string, data: Uint8Array | string): void {
    if (typeof data === 'string') return;
    const list = this.published.get(topic) ?? [];
    list.push(data);
    this.published.set(topic, list);
  }
  subscriberCount(topic: string): number {
    return this.subscribers.has(topic) ? 1 : 0;
  }
}

/** The gateway's bus, losing the live frames a test names (a Redis pub/sub message that never arrived). */
function lossy(bus: Bus, lose: (frame: BusFrame) => boolean): Bus {
  return {
    name: bus.name,
    publish: (f) => bus.publish(f),
    putBase: (f) => bus.putBase(f),
    subscribe: (topic, onFrame) => bus.subscribe(topic, (f) => (lose(f) ? undefined : onFrame(f))),
    unsubscribe: (topic) => bus.unsubscribe(topic),
    load: (topic) => bus.load(topic),
    onState: (l) => bus.onState(l),
    stats: () => bus.stats(),
    close: () => bus.close(),
  };
}

function setup(lose: (frame: BusFrame) => boolean = () => false) {
  let clock = 1_790_000_000_000;
  const hub = new MemoryHub();
  const market = new MarketEngine(baskets);
  const published: BusFrame[] = [];
  const aggregatorBus = new MemoryBus({ hub });
  const tap: Bus = { ...lossy(aggregatorBus, () => false), publish: (f) => (published.push(f), aggregatorBus.publish(f)) };
  const feed = new Feed(market, { publish() {}, subscriberCount: () => 0 }, { now: () => clock, marketNow: () => clock }, { ...DEFAULT_FEED_OPTIONS, epoch: 7 }, tap);
  const sink = new Sink();
  const logs: string[] = [];
  const mirror = new Mirror(lossy(new MemoryBus({ hub }), lose), feed, sink, () => clock, { ...DEFAULT_MIRROR_OPTIONS, lingerMs: 1000 }, {
    log: (line) => logs.push(line),
    stale: () => {},
  });
  const trade = (n: number) => {
    for (let i = 0; i < n; i++) {
      const id = (i % market.symbolCount) as SymbolId;
      const q = market.quote(id);
      market.applyTrade(id, Math.round(q.last * 1.001 * 100) / 100 + 0.01, 100, clock, Session.Regular);
      clock += 10;
      feed.afterBatch();
    }
  };
  const advance = (ms: number) => (clock += ms);
  return { feed, mirror, sink, published, trade, advance, logs };
}

async function follow(mirror: Mirror, feed: Feed, channel: string): Promise<FeedTopic> {
  const parsed = parseChannel(channel, feed);
  if (!parsed.ok) throw new Error(parsed.message);
  return await mirror.topic(parsed.spec, 0);
}

const stateOf = (frame: Uint8Array): ChannelState =>
  wire.ServerMessage.toObject(wire.ServerMessage.decode(frame), { longs: Number, enums: Number }).snapshot!.state as ChannelState;

describe('Mirror', () => {
  it('forwards the feed\'s bytes untouched and snapshots the feed\'s state at the same seq', async () => {
    const { feed, mirror, sink, published, trade } = setup();
    trade(3);
    const topic = await follow(mirror, feed, MINERS);
    sink.subscribers.add(MINERS);
    trade(5);
    const sent = published.filter((f) => f.topic === MINERS && f.seq > 3).map((f) => f.bytes);
    expect(sent.length).toBeGreaterThanOrEqual(5);
    expect(sink.published.get(MINERS)).toEqual(sent);
    const parsed = parseChannel(MINERS, feed);
    const source = parsed.ok ? feed.topic(parsed.spec, 0) : null;
    expect(topic.seq).toBe(source!.seq);
    expect(topic.epoch).toBe(7);
    expect(stateChecksum(stateOf(topic.snapshot(0).proto))).toBe(stateChecksum(stateOf(source!.snapshot(0).proto)));
  });

  it('repairs a lost frame by reloading, and sends subscribers exactly the deltas they missed', async () => {
    let dropping = false;
    const { feed, mirror, sink, published, trade, logs } = setup((f) => dropping && f.topic === MINERS);
    const topic = await follow(mirror, feed, MINERS);
    sink.subscribers.add(MINERS);
    trade(2);
    dropping = true;
    trade(2); // lost on the way to this gateway
    dropping = false;
    trade(1); // shows the gap
    await new Promise((r) => setTimeout(r, 0));
    trade(1);
    const all = published.filter((f) => f.topic === MINERS && f.kind === 0);
    expect(sink.published.get(MINERS)).toEqual(all.map((f) => f.bytes));
    expect(topic.seq).toBe(all.at(-1)!.seq);
    expect(mirror.counters).toMatchObject({ gaps: 1, resumed: 1, resnapshotted: 0 });
    expect(logs.join('\n')).toMatch(/resynced with 3 missed deltas/);
  });

  it('lets go of a topic no local client used for the linger, and follows it again on demand', async () => {
    const { feed, mirror, sink, trade, advance } = setup();
    await follow(mirror, feed, MINERS);
    sink.subscribers.add(MINERS);
    mirror.housekeeping();
    advance(5_000);
    mirror.housekeeping();
    expect(mirror.topicCount).toBe(1);
    sink.subscribers.delete(MINERS);
    mirror.housekeeping();
    advance(999);
    mirror.housekeeping();
    expect(mirror.topicCount).toBe(1);
    advance(1);
    mirror.housekeeping();
    expect(mirror.topicCount).toBe(0);
    expect(mirror.counters.released).toBe(1);
    trade(2);
    const again = await follow(mirror, feed, MINERS);
    const parsed = parseChannel(MINERS, feed);
    expect(again.seq).toBe(parsed.ok ? feed.topic(parsed.spec, 0).seq : -1);
  });
});

