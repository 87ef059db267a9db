/**
 * The feed's own delta writer against protobufjs: for any delta the feed can build (index, quotes and
 * bars changes with any subset of fields; long and non-ASCII strings, so lengths take several bytes),
 * the bytes are the ones `ServerMessage.encode` gives — a client cannot tell which wrote them.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wire, type hashcap } from '../../proto/wire.ts';
import { deltaBytes, type DeltaHeader } from '../../server/feed/delta-writer.ts';

const num = fc.oneof(fc.double(), fc.constantFrom(0, -0, 1e300, 123.45), fc.integer({ min: -1e6, max: 1e6 }));
const name = fc.oneof(fc.string({ maxLength: 8 }), fc.string({ minLength: 100, maxLength: 300 }), fc.constantFrom('Ü€漢字🙂', 'MARA'));
const u32 = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const session = fc.integer({ min: 0, max: 5 });

/** Fields absent at random, as in a feed's delta (only the key field always there). */
const some = <K extends string>(...required: K[]) => ({ requiredKeys: required });

const constituent: fc.Arbitrary<hashcap.v1.IConstituentState> = fc.record({
  ticker: name,
  name: name,
  last: num,
  previousClose: num,
  change: num,
  changePct: num,
  marketCapUsd: num,
  weight: num,
  contribution: num,
  session: session,
  lastTimeMs: num,
  halted: fc.boolean(),
  stale: fc.boolean(),
  shares: num,
  changeSinceClose: num,
}, some('ticker'));

const index: fc.Arbitrary<hashcap.v1.IIndexState> = fc.record({
  id: name,
  name: name,
  level: num,
  previousLevel: num,
  change: num,
  changePct: num,
  marketCapUsd: num,
  previousMarketCapUsd: num,
  marketCapChangeUsd: num,
  divisor: num,
  advancers: u32,
  decliners: u32,
  unchanged: u32,
  indicative: fc.boolean(),
  nextMilestoneUsd: num,
  milestonesReachedUsd: fc.array(num, { maxLength: 20 }),
  eventAdjustment: num,
  constituents: fc.array(constituent, { maxLength: 14 }),
  milestonesChanged: fc.boolean(),
  removed: fc.array(name, { maxLength: 3 }),
  milestonesUsd: fc.array(num, { maxLength: 20 }),
}, some('id'));

const quote: fc.Arbitrary<hashcap.v1.IQuote> = fc.record({
  symbol: name,
  last: num,
  lastSize: num,
  bid: num,
  ask: num,
  bidSize: num,
  askSize: num,
  volume: num,
  previousClose: num,
  changePct: num,
  session: session,
  timeMs: num,
}, some('symbol'));

const bar: fc.Arbitrary<hashcap.v1.IBar> = fc.record({ startMs: num, open: num, high: num, low: num, close: num, prints: u32, session: session, volume: num }, some());

const bars: fc.Arbitrary<hashcap.v1.IBarsState> = fc.record({ index: name, intervalS: u32, bars: fc.array(bar, { maxLength: 30 }), maxBars: u32, symbol: name }, some());

const changes: fc.Arbitrary<hashcap.v1.IChannelState> = fc.oneof(
  index.map(i => ({ index: i })),
  fc.array(quote, { maxLength: 40 }).map(q => ({ quotes: { quotes: q } })),
  bars.map(b => ({ bars: b })),
  fc.record({ session: session }).map(s => ({ status: s })),
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
