/**
 * The lean feed (changes read straight from the engine, state kept only where a topic needs it,
 * raw topics sharing their channel's state, the delta writer) against the full computation: for random
 * batches, with subscribers coming and going (and their topics released and created again), a client
 * that starts from a topic's snapshot and merges its deltas with the SDK's merge (proto/merge.ts) holds
 * exactly the channel's state as built from the engine's full views; seqs are contiguous and every
 * keyframe's checksum is that of the client's state; /v1/snapshot's state (channelState) is the same.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wire, type hashcap } from '../../proto/wire.ts';
import { cloneState, mergeState, type ChannelState } from '../../proto/merge.ts';
import { stateChecksum } from '../../proto/canonical.ts';
import { MarketEngine } from '../../server/engine/market-engine.ts';
import type { SymbolId } from '../../server/engine/ids.ts';
import { DEFAULT_FEED_OPTIONS, Feed } from '../../server/feed/feed.ts';
import { parseChannel, topicKey, type Rate } from '../../server/feed/channels.ts';
import type { FramePublisher, Topic } from '../../server/feed/topic.ts';
import { fullIndexView, quoteView } from '../../server/feed/views.ts';
import { MemoryBus, MemoryHub } from '../../server/bus/memory-bus.ts';
import { Session } from '../../server/market/session-types.ts';
import { defaultBasketPaths, loadBaskets } from '../../server/market/basket-file.ts';

const baskets = await loadBaskets(defaultBasketPaths());
const SYMBOLS = ['IREN', 'MARA', 'RIOT', 'APLD'];
const CHANNELS = ['index.miners', 'index.ai-hpc', 'quotes.*', ...SYMBOLS.map((s) => `quotes.${s}`)];
const RATES: readonly Rate[] = [0, 1000];

/** One subscriber per (channel, rate) at most: its state, built as the SDK builds it. */
interface Client {
  readonly channel: string;
  readonly key: string;
  seq: number;
  state: ChannelState;
}

class Wire implements FramePublisher {
  readonly subscribed = new Map<string, Client>();
  publish(topic: string, data: Uint8Array | string): void {
    const client = this.subscribed.get(topic);
    if (client === undefined || typeof data === 'string') return;
    const m = wire.ServerMessage.decode(data);
    if (m.delta) {
      expect(Number(m.delta.seq)).toBe(client.seq + 1);
      client.seq++;
      mergeState(client.state, wire.ChannelState.toObject(m.delta.changes as hashcap.v1.ChannelState) as ChannelState);
    } else if (m.snapshot) {
      expect(Number(m.snapshot.seq)).toBe(client.seq);
      expect(m.snapshot.crc32).toBe(stateChecksum(client.state));
    } else if (m.heartbeat) {
      expect(Number(m.heartbeat.seq)).toBe(client.seq);
    }
  }
  subscriberCount(topic: string): number {
    return this.subscribed.has(topic) ? 1 : 0;
  }
}

/** The channel's state from the engine's full views: what every client must end up holding. */
function fullComputation(market: MarketEngine, channel: string): ChannelState {
  if (channel.startsWith('index.')) return { index: fullIndexView(market.index(channel.slice('index.'.length))!) };
  const quote = (s: string) => quoteView(market.quote(market.symbolId(s)!));
  if (channel === 'quotes.*') return { quotes: { quotes: market.allSymbols().map(quote) } };
  return { quotes: { quotes: [quote(channel.slice('quotes.'.length))] } };
}

const canonical = (s: ChannelState) => wire.ChannelState.toObject(wire.ChannelState.fromObject(s));

type Step =
  | { readonly kind: 'batch'; readonly prints: readonly (readonly [number, number, boolean])[] }
  | { readonly kind: 'subscribe'; readonly channel: number; readonly rate: number }
  | { readonly kind: 'leave'; readonly channel: number; readonly rate: number }
  | { readonly kind: 'housekeeping'; readonly advanceMs: number }
  | { readonly kind: 'flush' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .array(fc.tuple(fc.nat(), fc.double({ min: -0.03, max: 0.03, noNaN: true }), fc.boolean()), { minLength: 1, maxLength: 12 })
      .map((prints) => ({ kind: 'batch' as const, prints })),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('subscribe' as const), channel: fc.nat(CHANNELS.length - 1), rate: fc.nat(RATES.length - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('leave' as const), channel: fc.nat(CHANNELS.length - 1), rate: fc.nat(RATES.length - 1) }) },
  // Past the keyframe interval, or past the idle-topic release.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('housekeeping' as const), advanceMs: fc.constantFrom(300, 6_000, 61_000) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'flush' as const }) },
);

describe('lean feed', () => {
  // With a bus (an aggregator) every topic exists from the start and is never let go.
  it.each([
    ['one process', false],
    ['an aggregator (bus)', true],
  ])('gives every client, and every snapshot, the state the full computation gives, as subscribers come and go: %s', (_name, withBus) => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        let clock = 1_790_000_000_000;
        const market = new MarketEngine(baskets);
        const out = new Wire();
        const bus = withBus ? new MemoryBus({ hub: new MemoryHub() }) : null;
        const feed = new Feed(market, out, { now: () => clock, marketNow: () => clock }, { ...DEFAULT_FEED_OPTIONS, epoch: 42 }, bus);
        const topicOf = (channel: string, rate: Rate): Topic => {
          const parsed = parseChannel(channel, feed);
          if (!parsed.ok) throw new Error(parsed.message);
          return feed.topic(parsed.spec, rate);
        };
        const symbolIds = SYMBOLS.map((s) => market.symbolId(s)!);
        const checkAll = () => {
          feed.flushRate(1000); // conflated clients catch up before comparing
          for (const client of out.subscribed.values()) {
            expect({ key: client.key, state: canonical(client.state) }).toEqual({ key: client.key, state: canonical(fullComputation(market, client.channel)) });
          }
          for (const channel of CHANNELS) {
            expect({ channel, state: canonical(feed.channelState(channel)!) }).toEqual({ channel, state: canonical(fullComputation(market, channel)) });
          }
        };
        for (const s of steps) {
          switch (s.kind) {
            case 'batch': {
              clock += 50;
              for (const [pick, move, trades] of s.prints) {
                // Mostly the followed symbols, so their own channels see changes.
                const id = (pick % 3 === 0 ? pick % market.symbolCount : symbolIds[pick % symbolIds.length]!) as SymbolId;
                const q = market.quote(id);
                const price = Math.max(0.5, Math.round(q.last * (1 + move) * 100) / 100);
                if (trades) market.applyTrade(id, price, 100, clock, Session.Regular);
                market.applyQuote(id, price - 0.01, price + 0.01, 100 + (pick % 7), 200, clock);
              }
              feed.afterBatch();
              break;
            }
            case 'subscribe': {
              const channel = CHANNELS[s.channel]!;
              const topic = topicOf(channel, RATES[s.rate]!);
              if (out.subscribed.has(topic.key)) break;
              feed.flushFrames();
              const snap = wire.ServerMessage.decode(topic.snapshot(clock).proto).snapshot!;
              const state = cloneState(wire.ChannelState.toObject(snap.state as hashcap.v1.ChannelState) as ChannelState);
              expect(snap.crc32).toBe(stateChecksum(state));
              out.subscribed.set(topic.key, { channel, key: topic.key, seq: Number(snap.seq), state });
              break;
            }
            case 'leave':
              out.subscribed.delete(topicKey(CHANNELS[s.channel]!, RATES[s.rate]!));
              break;
            case 'housekeeping':
              clock += s.advanceMs;
              feed.housekeeping();
              break;
            case 'flush':
              feed.flushRate(1000);
              break;
          }
          checkAll();
        }
      }),
      { numRuns: 40 },
    );
  });
});
