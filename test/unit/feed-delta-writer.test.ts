/**
 * The feed's own delta writer against protobufjs: for any delta the feed can build (index, quotes and
 * bars changes with any subset of fields; long and non-ASCII strings, so lengths take several bytes),
 * the bytes are the ones `ServerMessage.encode` gives — a client cannot tell which wrote them.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wire, type hashcap } from '../../proto/wire.ts';
import { deltaBytes, type DeltaHeader } from '../../server/feed/delta-writer.ts';

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });
const num = fc.oneof(fc.double(), fc.constantFrom(0, -0, 1e300, 123.45), fc.integer({ min: -1e6, max: 1e6 }));
const name = fc.oneof(fc.string({ maxLength: 8 }), fc.string({ minLength: 100, maxLength: 300 }), fc.constantFrom('Ü€漢字🙂', 'MARA'));
const u32 = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const session = fc.integer({ min: 0, max: 5 });

function strip<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

const constituent: fc.Arbitrary<hashcap.v1.IConstituentState> = fc
  .record({
    ticker: name,
    name: maybe(name),
    last: maybe(num),
    previousClose: maybe(num),
    change: maybe(num),
    changePct: maybe(num),
    marketCapUsd: maybe(num),
    weight: maybe(num),
    contribution: maybe(num),
    session: maybe(session),
    lastTimeMs: maybe(num),
    halted: maybe(fc.boolean()),
    stale: maybe(fc.boolean()),
    shares: maybe(num),
    changeSinceClose: maybe(num),
  })
  .map(strip);

const index: fc.Arbitrary<hashcap.v1.IIndexState> = fc
  .record({
    id: name,
    name: maybe(name),
    level: maybe(num),
    previousLevel: maybe(num),
    change: maybe(num),
    changePct: maybe(num),
    marketCapUsd: maybe(num),
    previousMarketCapUsd: maybe(num),
    marketCapChangeUsd: maybe(num),
    divisor: maybe(num),
    advancers: maybe(u32),
    decliners: maybe(u32),
    unchanged: maybe(u32),
    indicative: maybe(fc.boolean()),
    nextMilestoneUsd: maybe(num),
    milestonesReachedUsd: maybe(fc.array(num, { maxLength: 20 })),
    eventAdjustment: maybe(num),
    constituents: maybe(fc.array(constituent, { maxLength: 14 })),
    milestonesChanged: maybe(fc.boolean()),
    removed: maybe(fc.array(name, { maxLength: 3 })),
    milestonesUsd: maybe(fc.array(num, { maxLength: 20 })),
  })
  .map(strip);

const quote: fc.Arbitrary<hashcap.v1.IQuote> = fc
  .record({
    symbol: name,
    last: maybe(num),
    lastSize: maybe(num),
    bid: maybe(num),
    ask: maybe(num),
    bidSize: maybe(num),
    askSize: maybe(num),
    volume: maybe(num),
    previousClose: maybe(num),
    changePct: maybe(num),
    session: maybe(session),
    timeMs: maybe(num),
  })
  .map(strip);

const bar: fc.Arbitrary<hashcap.v1.IBar> = fc
  .record({ startMs: maybe(num), open: maybe(num), high: maybe(num), low: maybe(num), close: maybe(num), prints: maybe(u32), session: maybe(session), volume: maybe(num) })
  .map(strip);

const bars: fc.Arbitrary<hashcap.v1.IBarsState> = fc
  .record({ index: maybe(name), intervalS: maybe(u32), bars: maybe(fc.array(bar, { maxLength: 30 })), maxBars: maybe(u32), symbol: maybe(name) })
  .map(strip);

const changes: fc.Arbitrary<hashcap.v1.IChannelState> = fc.oneof(
  index.map((i) => ({ index: i })),
  fc.array(quote, { maxLength: 40 }).map((q) => ({ quotes: { quotes: q } })),
  bars.map((b) => ({ bars: b })),
  fc.record({ session: session }).map((s) => ({ status: s })),
);

const header: fc.Arbitrary<DeltaHeader> = fc.record({
  channel: name,
  conflateMs: fc.constantFrom(0, 100, 1000),
  epoch: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.constant(1_765_000_000_000)),
  seq: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 ** 40 })),
  eventTimeMs: num,
  sendTimeMs: num,
});

describe('delta writer', () => {
  it('writes the bytes protobufjs writes, for any delta the feed builds', () => {
    fc.assert(
      fc.property(header, changes, (h, c) => {
        const expected = wire.ServerMessage.encode({ delta: { ...h, changes: c } }).finish();
        expect(Buffer.from(deltaBytes(h, c)).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
      }),
      { numRuns: 2_000 },
    );
  });

  it('hands out a buffer of its own each time (history keeps frames)', () => {
    const h: DeltaHeader = { channel: 'quotes.MARA', conflateMs: 0, epoch: 7, seq: 1, eventTimeMs: 1, sendTimeMs: 2 };
    const a = deltaBytes(h, { quotes: { quotes: [{ symbol: 'MARA', last: 1 }] } });
    const copy = a.slice();
    const b = deltaBytes({ ...h, seq: 2 }, { quotes: { quotes: [{ symbol: 'MARA', last: 2 }] } });
    expect(a).toEqual(copy);
    expect(a.buffer).not.toBe(b.buffer);
    expect(a.byteLength).toBe(a.buffer.byteLength);
  });
});
