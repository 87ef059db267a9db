import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MarketEngine } from '../../server/engine/market-engine.ts';
import type { SymbolId } from '../../server/engine/ids.ts';
import { IngestGate, type ApplyResult } from '../../server/ingest/gate.ts';
import { IngestReason, INGEST_REASONS, ingestReasonName } from '../../server/ingest/reasons.ts';
import { loadBasketFile, defaultBasketPaths } from '../../server/market/basket-file.ts';
import type { Basket } from '../../server/market/basket-types.ts';
import { Session } from '../../server/market/session-types.ts';
import { tickBuilders } from '../support/ticks.ts';

/** Monday 2 February 2026, 10:00 New York: the regular session. */
const NOW = Date.UTC(2026, 1, 2, 15, 0, 0);
const PRE = Date.UTC(2026, 1, 2, 12, 0, 0); // 07:00 New York

let baskets: Basket[];
beforeAll(async () => {
  baskets = await Promise.all(defaultBasketPaths().map((p) => loadBasketFile(p)));
});

function newMarket(): MarketEngine {
  return new MarketEngine(baskets);
}

let market: MarketEngine;
let gate: IngestGate;
let clock: number;
beforeEach(() => {
  market = newMarket();
  clock = NOW;
  gate = new IngestGate(market, { now: () => clock });
});

const { trade, quote } = tickBuilders(NOW - 1000);

function id(symbol: string): SymbolId {
  const value = market.symbolId(symbol);
  if (value === undefined) throw new Error(`no ${symbol}`);
  return value;
}

/** Everything observable about the engine, for before/after comparisons. */
function engineState(m: MarketEngine): unknown {
  return {
    indexes: m.indexes.map((ix) => ix.state()),
    constituents: m.indexes.map((ix) => ix.activeSlots().map((s) => ix.constituent(s))),
    quotes: m.allSymbols().map((_, i) => m.quote(i as SymbolId)),
  };
}

function reasons(result: ApplyResult): number[] {
  return result.rejected.map((r) => r.reason);
}

describe('reason codes', () => {
  it('has unique codes and names', () => {
    expect(new Set(INGEST_REASONS.map((r) => r.code)).size).toBe(INGEST_REASONS.length);
    expect(new Set(INGEST_REASONS.map((r) => r.name)).size).toBe(INGEST_REASONS.length);
    for (const [name, code] of Object.entries(IngestReason)) expect(ingestReasonName(code)).toBe(name);
    expect(ingestReasonName(9999)).toBe('UNKNOWN_9999');
  });
});

describe('IngestGate: one reason per bad tick', () => {
  const cases: [string, Record<string, unknown> | unknown, IngestReason][] = [
    ['unknown symbol', trade('AAPL', 10), IngestReason.UNKNOWN_SYMBOL],
    ['lower-case symbol', trade('iren', 10), IngestReason.BAD_SYMBOL],
    ['empty symbol', trade('', 10), IngestReason.BAD_SYMBOL],
    ['symbol too long', trade('ABCDEFGHIJK', 10), IngestReason.BAD_SYMBOL],
    ['symbol missing', { kind: 0, price: 10, timeMs: NOW }, IngestReason.BAD_SYMBOL],
    ['symbol a number', trade(42 as unknown as string, 10), IngestReason.BAD_SYMBOL],
    ['price zero', trade('IREN', 0), IngestReason.BAD_PRICE],
    ['price negative', trade('IREN', -5), IngestReason.BAD_PRICE],
    ['price -0', trade('IREN', -0), IngestReason.BAD_PRICE],
    ['price NaN', trade('IREN', NaN), IngestReason.BAD_PRICE],
    ['price Infinity', trade('IREN', Infinity), IngestReason.BAD_PRICE],
    ['price above 1e7', trade('IREN', 1e7 + 1), IngestReason.BAD_PRICE],
    ['price below one tick', trade('IREN', 0.00001), IngestReason.BAD_PRICE],
    ['price a string', trade('IREN', '48.5' as unknown as number), IngestReason.BAD_PRICE],
    ['price missing on a trade', { symbol: 'IREN', timeMs: NOW }, IngestReason.BAD_PRICE],
    // BITF has 552.6M shares: $9M a share is below 1e7 but far past the engine's exact cent range.
    ['price past the exact market-cap range', trade('BITF', 9e6), IngestReason.BAD_PRICE],
    ['size negative', trade('IREN', 50, { size: -1 }), IngestReason.BAD_SIZE],
    ['size NaN', trade('IREN', 50, { size: NaN }), IngestReason.BAD_SIZE],
    ['size Infinity', trade('IREN', 50, { size: Infinity }), IngestReason.BAD_SIZE],
    ['size a string', trade('IREN', 50, { size: '100' }), IngestReason.BAD_SIZE],
    ['crossed quote', quote('IREN', 50.1, 50), IngestReason.CROSSED_QUOTE],
    ['negative bid', quote('IREN', -1, 50), IngestReason.BAD_QUOTE],
    ['NaN ask', quote('IREN', 49, NaN), IngestReason.BAD_QUOTE],
    ['infinite bid size', quote('IREN', 49, 50, { bidSize: Infinity }), IngestReason.BAD_QUOTE],
    ['ask size a string', quote('IREN', 49, 50, { askSize: '5' }), IngestReason.BAD_QUOTE],
    ['bad last price on a quote', quote('IREN', 49, 50, { price: -3 }), IngestReason.BAD_PRICE],
    ['time far in the future', trade('IREN', 50, { timeMs: NOW + 5001 }), IngestReason.FUTURE_TIMESTAMP],
    ['time zero', trade('IREN', 50, { timeMs: 0 }), IngestReason.BAD_TIMESTAMP],
    ['time negative', trade('IREN', 50, { timeMs: -1 }), IngestReason.BAD_TIMESTAMP],
    ['time NaN', trade('IREN', 50, { timeMs: NaN }), IngestReason.BAD_TIMESTAMP],
    ['time Infinity', trade('IREN', 50, { timeMs: Infinity }), IngestReason.BAD_TIMESTAMP],
    ['time missing', { symbol: 'IREN', price: 50 }, IngestReason.BAD_TIMESTAMP],
    ['time a string', trade('IREN', 50, { timeMs: String(NOW) }), IngestReason.BAD_TIMESTAMP],
    ['kind unknown', trade('IREN', 50, { kind: 7 }), IngestReason.BAD_KIND],
    ['kind a bad name', trade('IREN', 50, { kind: 'TICK_BOTH' }), IngestReason.BAD_KIND],
    ['not an object', 42, IngestReason.MALFORMED_TICK],
    ['null', null, IngestReason.MALFORMED_TICK],
    ['an array', [1, 2], IngestReason.MALFORMED_TICK],
    ['seq negative', trade('IREN', 50, { seq: -1 }), IngestReason.BAD_SEQ],
    ['seq fractional', trade('IREN', 50, { seq: 1.5 }), IngestReason.BAD_SEQ],
    ['seq beyond 2^53', trade('IREN', 50, { seq: 2 ** 60 }), IngestReason.BAD_SEQ],
    ['seq a string', trade('IREN', 50, { seq: '5' }), IngestReason.BAD_SEQ],
  ];

  it.each(cases)('%s', (_name, tick, reason) => {
    const before = engineState(market);
    const result = gate.apply('pub', [tick]);
    expect(result.accepted).toBe(0);
    expect(result.error).toBeNull();
    expect(reasons(result)).toEqual([reason]);
    const r = result.rejected[0]!;
    expect(r.index).toBe(0);
    expect(r.reasonName).toBe(ingestReasonName(reason));
    expect(r.detail.length).toBeGreaterThan(0);
    expect(engineState(market)).toEqual(before);
    expect(gate.rejectCount(reason)).toBe(1);
    expect(gate.accepted).toBe(0);
  });

  it('reports the symbol of a refused tick', () => {
    const result = gate.apply('pub', [trade('IREN', 0), trade('AAPL', 1)]);
    expect(result.rejected.map((r) => [r.index, r.symbol])).toEqual([
      [0, 'IREN'],
      [1, 'AAPL'],
    ]);
  });

  it('refuses duplicate and out-of-order seqs per publisher and symbol', () => {
    expect(gate.apply('pub', [trade('IREN', 50, { seq: 10 })]).accepted).toBe(1);
    expect(reasons(gate.apply('pub', [trade('IREN', 51, { seq: 10 })]))).toEqual([IngestReason.DUPLICATE_SEQ]);
    expect(reasons(gate.apply('pub', [trade('IREN', 51, { seq: 9 })]))).toEqual([IngestReason.OUT_OF_ORDER_SEQ]);
    // Within one batch too.
    const r = gate.apply('pub', [trade('IREN', 52, { seq: 12 }), trade('IREN', 53, { seq: 12 }), trade('IREN', 54, { seq: 11 })]);
    expect(r.accepted).toBe(1);
    expect(reasons(r)).toEqual([IngestReason.DUPLICATE_SEQ, IngestReason.OUT_OF_ORDER_SEQ]);
    expect(market.quote(id('IREN')).last).toBe(52);
    expect(gate.lastSeq('pub', 'IREN')).toBe(12);
  });

  it('allows a locked quote, a one-sided quote and a quote without a last price', () => {
    const r = gate.apply('pub', [quote('IREN', 50, 50), quote('MARA', 0, 16), quote('RIOT', 20, 0, { price: 0 })]);
    expect(r.accepted).toBe(3);
    expect(r.rejected).toEqual([]);
  });

  it('allows fractional and zero sizes', () => {
    expect(gate.apply('pub', [trade('IREN', 50, { size: 0.5 }), trade('IREN', 50, { size: 0 })]).accepted).toBe(2);
    expect(market.quote(id('IREN')).volume).toBe(0.5);
  });

  it('accepts a time up to maxFutureMs ahead, and follows the clock', () => {
    expect(gate.apply('pub', [trade('IREN', 50, { timeMs: NOW + 5000 })]).accepted).toBe(1);
    clock = NOW + 10_000;
    expect(gate.apply('pub', [trade('IREN', 50, { timeMs: NOW + 15_000 })]).accepted).toBe(1);
    const strict = new IngestGate(market, { now: () => NOW, maxFutureMs: 0 });
    expect(reasons(strict.apply('pub', [trade('IREN', 50, { timeMs: NOW + 1 })]))).toEqual([IngestReason.FUTURE_TIMESTAMP]);
  });
});

describe('IngestGate: accepted ticks move the engine', () => {
  it('a trade moves the index exactly as the engine applying it directly', () => {
    const reference = newMarket();
    const before = market.index('miners')!.state().level;
    // 53.2 is inside IREN's regular-session band (previous close 48.45 ± 10%: up to 53.295).
    const result = gate.apply('pub', [trade('IREN', 53.2, { size: 250 })]);
    expect(result).toEqual({ accepted: 1, rejected: [], error: null });
    reference.applyTrade(reference.symbolId('IREN')!, 53.2, 250, NOW - 1000, Session.Regular);
    expect(engineState(market)).toEqual(engineState(reference));
    expect(market.index('miners')!.state().level).toBeGreaterThan(before);
    const q = market.quote(id('IREN'));
    expect(q).toMatchObject({ last: 53.2, lastSize: 250, volume: 250, session: Session.Regular, timeMs: NOW - 1000 });
    expect(market.verify().ok).toBe(true);
  });

  it('classifies each trade in its session', () => {
    gate.apply('pub', [trade('IREN', 50, { timeMs: PRE })]);
    expect(market.quote(id('IREN')).session).toBe(Session.Pre);
    expect(market.index('miners')!.constituent(market.index('miners')!.activeSlots()[0]!).session).toBe(Session.Pre);
  });

  it('a quote sets the top of book and leaves the index alone', () => {
    const index = market.index('miners')!.state();
    const r = gate.apply('pub', [quote('IREN', 48.4, 48.5, { price: 48.45 })]);
    expect(r.accepted).toBe(1);
    expect(market.quote(id('IREN'))).toMatchObject({ bid: 48.4, ask: 48.5, bidSize: 300, askSize: 200, last: 48.45, volume: 0 });
    expect(market.index('miners')!.state()).toEqual(index);
  });

  it('accepts JSON-style enum names and absent fields as proto3 defaults', () => {
    const r = gate.apply('pub', [
      { symbol: 'IREN', kind: 'TICK_TRADE', price: 50, timeMs: NOW }, // size absent = 0
      { symbol: 'IREN', kind: 'TICK_QUOTE', bid: 49, timeMs: NOW, seq: null },
    ]);
    expect(r.accepted).toBe(2);
    expect(market.quote(id('IREN'))).toMatchObject({ last: 50, lastSize: 0, bid: 49, ask: 0 });
  });

  it('applies trades and quotes in batch order', () => {
    gate.apply('pub', [
      trade('IREN', 50, { timeMs: NOW - 3000 }),
      quote('IREN', 49, 51, { timeMs: NOW - 2000 }),
      trade('MARA', 16, { timeMs: NOW - 1500 }),
      trade('IREN', 52, { timeMs: NOW - 1000 }),
    ]);
    expect(market.quote(id('IREN'))).toMatchObject({ last: 52, bid: 49, timeMs: NOW - 1000 });
    const later = gate.apply('pub', [trade('IREN', 53, { timeMs: NOW - 900 }), quote('IREN', 52, 54, { timeMs: NOW - 800 })]);
    expect(later.accepted).toBe(2);
    expect(market.quote(id('IREN'))).toMatchObject({ last: 53, bid: 52, timeMs: NOW - 800 });
  });

  it('a batch mixing good and bad ticks applies exactly the good ones', () => {
    const batch = [
      trade('IREN', 50, { seq: 1 }),
      trade('IREN', NaN, { seq: 2 }),
      quote('MARA', 15, 15.1),
      quote('MARA', 16, 15.1),
      trade('AAPL', 10),
      trade('RIOT', 21, { timeMs: NOW - 500 }),
      'garbage',
      trade('IREN', 51, { seq: 1 }),
      trade('CIFR', 25, { size: -4 }),
      trade('CIFR', 26),
    ];
    const good = [0, 2, 5, 9];
    const result = gate.apply('pub', batch);
    expect(result.accepted).toBe(good.length);
    expect(result.rejected.map((r) => r.index)).toEqual([1, 3, 4, 6, 7, 8]);
    expect(reasons(result)).toEqual([
      IngestReason.BAD_PRICE,
      IngestReason.CROSSED_QUOTE,
      IngestReason.UNKNOWN_SYMBOL,
      IngestReason.MALFORMED_TICK,
      IngestReason.DUPLICATE_SEQ,
      IngestReason.BAD_SIZE,
    ]);

    const reference = newMarket();
    const referenceGate = new IngestGate(reference, { now: () => NOW });
    expect(referenceGate.apply('pub', good.map((i) => batch[i])).accepted).toBe(good.length);
    expect(engineState(market)).toEqual(engineState(reference));
    expect(gate.accepted).toBe(4);
    expect(gate.rejected).toBe(6);
    // In code order.
    expect(gate.rejectCounts()).toEqual([
      { reason: IngestReason.UNKNOWN_SYMBOL, name: 'UNKNOWN_SYMBOL', count: 1 },
      { reason: IngestReason.BAD_PRICE, name: 'BAD_PRICE', count: 1 },
      { reason: IngestReason.BAD_SIZE, name: 'BAD_SIZE', count: 1 },
      { reason: IngestReason.CROSSED_QUOTE, name: 'CROSSED_QUOTE', count: 1 },
      { reason: IngestReason.DUPLICATE_SEQ, name: 'DUPLICATE_SEQ', count: 1 },
      { reason: IngestReason.MALFORMED_TICK, name: 'MALFORMED_TICK', count: 1 },
    ]);
  });

  it('grows its columns for a batch bigger than any before', () => {
    // Prices creep up $0.0001 a print: inside the price bands all the way.
    const ticks = Array.from({ length: 3000 }, (_, i) => trade(i % 2 ? 'IREN' : 'MARA', (i % 2 ? 45 : 15) + i / 10_000, { timeMs: NOW - 3000 + i }));
    const r = gate.apply('pub', ticks);
    expect(r.accepted).toBe(3000);
    expect(market.quote(id('IREN')).last).toBeCloseTo(45 + 2999 / 10_000, 9);
    expect(market.quote(id('MARA')).last).toBeCloseTo(15 + 2998 / 10_000, 9);
    expect(market.quote(id('IREN')).volume).toBe(1500 * 100);
    expect(market.verify().ok).toBe(true);
  });
});

describe('IngestGate: rejected input changes no state', () => {
  it('leaves engine, dirty set, seqs and accepted count untouched', () => {
    gate.apply('pub', [trade('IREN', 50, { seq: 5 }), quote('MARA', 15, 15.2, { seq: 3 })]);
    market.drainDirtySymbols();
    const before = engineState(market);
    const bad = [
      trade('IREN', -1, { seq: 6 }),
      trade('IREN', 55, { seq: 6, timeMs: NOW + 60_000 }),
      quote('MARA', 16, 15, { seq: 4 }),
      trade('XYZ', 10, { seq: 7 }),
      trade('IREN', 55, { seq: 5 }),
      { symbol: 'IREN' },
      undefined,
    ];
    const r = gate.apply('pub', bad);
    expect(r.accepted).toBe(0);
    expect(r.rejected).toHaveLength(bad.length);
    expect(engineState(market)).toEqual(before);
    expect(market.drainDirtySymbols()).toEqual([]);
    expect(gate.accepted).toBe(2);
    expect(gate.lastSeq('pub', 'IREN')).toBe(5);
    expect(gate.lastSeq('pub', 'MARA')).toBe(3);
    // A refused tick's seq does not block a valid tick with that seq later.
    expect(gate.apply('pub', [trade('IREN', 55, { seq: 6 }), quote('MARA', 15.5, 15.6, { seq: 4 })]).accepted).toBe(2);
  });

  it('does not create sequence state for a publisher whose ticks were all refused', () => {
    gate.apply('ghost', [trade('IREN', -1, { seq: 100 })]);
    expect(gate.lastSeq('ghost', 'IREN')).toBe(0);
    expect(gate.apply('ghost', [trade('IREN', 50, { seq: 1 })]).accepted).toBe(1);
  });

  it('refuses a too-large batch whole, and a non-array, without throwing', () => {
    const small = new IngestGate(market, { now: () => NOW, maxBatchTicks: 3 });
    const before = engineState(market);
    const r = small.apply('pub', [trade('IREN', 50), trade('IREN', 51), trade('IREN', 52), trade('IREN', 53)]);
    expect(r.accepted).toBe(0);
    expect(r.error?.code).toBe(IngestReason.BATCH_TOO_LARGE);
    expect(small.apply('pub', 'nope' as unknown as unknown[]).error?.code).toBe(IngestReason.UNDECODABLE);
    expect(small.apply('pub', null as unknown as unknown[]).error?.code).toBe(IngestReason.UNDECODABLE);
    expect(engineState(market)).toEqual(before);
    expect(small.batchErrors).toBe(3);
    expect(small.rejectCount(IngestReason.BATCH_TOO_LARGE)).toBe(1);
  });

  it('an empty batch is a no-op ack', () => {
    expect(gate.apply('pub', [])).toEqual({ accepted: 0, rejected: [], error: null });
  });

  it('a hostile tick whose getter throws is refused, not thrown', () => {
    const hostile = Object.defineProperty({ symbol: 'IREN', kind: 0, timeMs: NOW }, 'price', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const r = gate.apply('pub', [hostile, trade('IREN', 50)]);
    expect(r.accepted).toBe(1);
    expect(r.rejected[0]).toMatchObject({ index: 0, reason: IngestReason.MALFORMED_TICK });
    expect(r.rejected[0]!.detail).toContain('boom');
  });
});

describe('IngestGate: sequence numbers', () => {
  it('seq 0 or absent means the publisher does not sequence: no checks', () => {
    const r = gate.apply('pub', [trade('IREN', 50, { seq: 0 }), trade('IREN', 50, { seq: 0 }), trade('IREN', 50)]);
    expect(r.accepted).toBe(3);
    expect(gate.lastSeq('pub', 'IREN')).toBe(0);
    // …and does not reset a sequenced publisher's last seq.
    gate.apply('pub', [trade('IREN', 50, { seq: 7 }), trade('IREN', 50, { seq: 0 })]);
    expect(gate.lastSeq('pub', 'IREN')).toBe(7);
    expect(reasons(gate.apply('pub', [trade('IREN', 50, { seq: 7 })]))).toEqual([IngestReason.DUPLICATE_SEQ]);
  });

  it('tracks each publisher and each symbol on its own; gaps are fine', () => {
    expect(gate.apply('a', [trade('IREN', 50, { seq: 100 })]).accepted).toBe(1);
    expect(gate.apply('b', [trade('IREN', 50, { seq: 1 })]).accepted).toBe(1);
    expect(gate.apply('a', [trade('MARA', 15, { seq: 1 })]).accepted).toBe(1);
    expect(reasons(gate.apply('a', [trade('IREN', 50, { seq: 99 })]))).toEqual([IngestReason.OUT_OF_ORDER_SEQ]);
    expect(gate.apply('b', [trade('IREN', 50, { seq: 2 })]).accepted).toBe(1);
    expect(gate.apply('a', [trade('IREN', 50, { seq: 1000 })]).accepted).toBe(1);
    expect([gate.lastSeq('a', 'IREN'), gate.lastSeq('b', 'IREN'), gate.lastSeq('a', 'MARA')]).toEqual([1000, 2, 1]);
  });
});

// ------------------------------------------------------------------------------------------ property

const SYMBOLS = ['IREN', 'MARA', 'RIOT', 'CIFR', 'CORZ', 'CLSK', 'WULF', 'HUT', 'BITF'];
const nasty = fc.constantFrom<unknown>(
  NaN,
  Infinity,
  -Infinity,
  -0,
  0,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  2 ** 53 + 2,
  Number.MIN_VALUE,
  1e7,
  1e7 + 1e-6,
  '',
  'NaN',
  '12.5',
  null,
  undefined,
  true,
  [],
  {},
  10n,
);
const anyValue = fc.oneof(fc.anything(), fc.double(), fc.string(), nasty, fc.integer());
const timeValue = fc.oneof(fc.integer({ min: NOW - 86_400_000 * 3, max: NOW + 10_000 }), anyValue);
const priceValue = fc.oneof(fc.double({ min: 0, max: 2e7, noNaN: true }), fc.double({ min: 0.01, max: 200 }), anyValue);
/** Any field anything (the symbol often a real one, so the later checks are reached too). */
const garbageRecord: fc.Arbitrary<unknown> = fc.record(
  {
    symbol: fc.oneof(fc.constantFrom(...SYMBOLS, 'iren', 'AAPL', '', 'TOOLONGSYMBOL'), anyValue),
    // 2 and 3 are TICK_HALT / TICK_RESUME: valid kinds, exercised by `statusTick` below.
    kind: fc.oneof(fc.constantFrom<unknown>(0, 1, 4, -1, 'TICK_TRADE', 'TICK_QUOTE', 'X'), anyValue),
    price: priceValue,
    size: fc.oneof(fc.double({ min: 0, max: 1e13, noNaN: true }), anyValue),
    bid: priceValue,
    ask: priceValue,
    bidSize: fc.oneof(fc.nat(), anyValue),
    askSize: fc.oneof(fc.nat(), anyValue),
    timeMs: timeValue,
    seq: fc.oneof(fc.nat({ max: 50 }), anyValue),
    conditions: anyValue,
  },
  { requiredKeys: [] },
);
/** Previous close of a symbol (the baskets are loaded by then: arbitraries map at generation time). */
function closeOf(symbol: string): number {
  for (const b of baskets) for (const c of b.constituents) if (c.ticker === symbol) return c.previousClose;
  throw new Error(`no ${symbol}`);
}
/**
 * Trades within 4% of the previous close, so always inside the band (accepted prints keep the reference
 * within 4% of the close, and the narrowest band is ±10%), and any quote.
 */
const validTick = fc
  .record({
    symbol: fc.constantFrom(...SYMBOLS),
    kind: fc.constantFrom(0, 1),
    price: fc.double({ min: 0.96, max: 1.04, noNaN: true }),
    size: fc.nat({ max: 10_000 }),
    bid: fc.double({ min: 0, max: 100, noNaN: true }),
    ask: fc.double({ min: 100, max: 200, noNaN: true }),
    bidSize: fc.nat(),
    askSize: fc.nat(),
    timeMs: fc.integer({ min: NOW - 86_400_000 * 3, max: NOW }),
    seq: fc.nat({ max: 50 }),
  })
  .map((t) => ({ ...t, price: Math.round(closeOf(t.symbol) * t.price * 100) / 100 }));
/**
 * Trades far outside any band they can meet: below half or above 1.6× the previous close (the widest
 * band, ±40%, is BTBT's doubled ±20% outside the regular session, around a reference within 4% of the close).
 */
const outOfBandTrade = fc
  .record({
    symbol: fc.constantFrom(...SYMBOLS),
    factor: fc.oneof(fc.double({ min: 0.01, max: 0.5, noNaN: true }), fc.double({ min: 1.6, max: 20, noNaN: true })),
    size: fc.nat({ max: 10_000 }),
    timeMs: fc.integer({ min: NOW - 86_400_000 * 3, max: NOW }),
    seq: fc.nat({ max: 50 }),
  })
  .map(({ symbol, factor, size, timeMs, seq }) => ({ symbol, kind: 0, price: Math.round(closeOf(symbol) * factor * 100) / 100, size, timeMs, seq }));
/** TICK_HALT / TICK_RESUME for a real symbol. */
const statusTick = fc.record({
  symbol: fc.constantFrom(...SYMBOLS),
  kind: fc.constantFrom<unknown>(2, 3, 'TICK_HALT', 'TICK_RESUME'),
  timeMs: fc.integer({ min: NOW - 86_400_000 * 3, max: NOW }),
  seq: fc.nat({ max: 50 }),
});
const TICK_KEYS = ['symbol', 'kind', 'price', 'size', 'bid', 'ask', 'bidSize', 'askSize', 'timeMs', 'seq', 'conditions'];
/** Valid ticks, valid ticks with one field spoiled, ticks with any field anything, and random values. */
const arbTick: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: validTick },
  {
    weight: 3,
    arbitrary: fc
      .tuple(validTick, fc.constantFrom(...TICK_KEYS), anyValue)
      .map(([tick, key, value]) => ({ ...tick, [key]: value })),
  },
  { weight: 2, arbitrary: garbageRecord },
  { weight: 1, arbitrary: anyValue },
  { weight: 2, arbitrary: outOfBandTrade },
  { weight: 1, arbitrary: statusTick },
);

/** What the gate's own state says for each symbol: bands, halts (must match the engine's flags). */
function gateState(g: IngestGate, m: MarketEngine): unknown {
  const halted = g.haltedSymbols();
  for (const ix of m.indexes) {
    for (const slot of ix.activeSlots()) {
      const c = ix.constituent(slot);
      expect(c.halted).toBe(halted.includes(c.ticker));
    }
  }
  return { bands: SYMBOLS.map((s) => g.priceBand(s, NOW)), halted };
}

describe('IngestGate: property', () => {
  it('never throws on garbage; the engine stays exact; an all-refused batch changes nothing', () => {
    let acceptedTicks = 0;
    let rejectedTicks = 0;
    const reasonsSeen = new Set<number>();
    fc.assert(
      fc.property(fc.array(arbTick, { maxLength: 40 }), fc.array(arbTick, { maxLength: 40 }), (first, second) => {
        const m = newMarket();
        const g = new IngestGate(m, { now: () => NOW });
        for (const batch of [first, second]) {
          const before = engineState(m);
          const gateBefore = gateState(g, m);
          const seqsBefore = SYMBOLS.map((s) => g.lastSeq('p', s));
          let result: ApplyResult | undefined;
          expect(() => {
            result = g.apply('p', batch);
          }).not.toThrow();
          expect(result!.accepted + result!.rejected.length).toBe(batch.length);
          acceptedTicks += result!.accepted;
          rejectedTicks += result!.rejected.length;
          expect(m.verify().ok).toBe(true);
          if (result!.accepted === 0) {
            expect(engineState(m)).toEqual(before);
            expect(gateState(g, m)).toEqual(gateBefore);
            expect(SYMBOLS.map((s) => g.lastSeq('p', s))).toEqual(seqsBefore);
          }
          for (const r of result!.rejected) {
            expect(r.reasonName).toBe(ingestReasonName(r.reason));
            reasonsSeen.add(r.reason);
          }
        }
      }),
      { numRuns: 300 },
    );
    // The generator must exercise both paths, or the property proves little.
    expect(acceptedTicks).toBeGreaterThan(50);
    expect(rejectedTicks).toBeGreaterThan(acceptedTicks);
    expect(reasonsSeen).toContain(IngestReason.PRICE_BAND);
    expect(reasonsSeen).toContain(IngestReason.HALTED);
  });

  it('a batch of garbage and out-of-band prints changes no state at all (engine, dirty set, seqs, bands, halts, accepted count)', () => {
    let allRefused = 0;
    let outOfBand = 0;
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ weight: 4, arbitrary: validTick }, { weight: 1, arbitrary: statusTick }), { maxLength: 6 }),
        fc.array(fc.oneof(garbageRecord, anyValue, outOfBandTrade), { minLength: 1, maxLength: 30 }),
        (warmup, garbage) => {
          const m = newMarket();
          const g = new IngestGate(m, { now: () => NOW });
          g.apply('p', warmup);
          m.drainDirtySymbols();
          const before = engineState(m);
          const gateBefore = gateState(g, m);
          const seqsBefore = SYMBOLS.map((s) => g.lastSeq('p', s));
          const acceptedBefore = g.accepted;
          const rejectedBefore = g.rejected;
          const result = g.apply('p', garbage);
          expect(m.verify().ok).toBe(true);
          if (result.accepted > 0) return;
          allRefused++;
          expect(engineState(m)).toEqual(before);
          expect(gateState(g, m)).toEqual(gateBefore);
          expect(m.drainDirtySymbols()).toEqual([]);
          expect(SYMBOLS.map((s) => g.lastSeq('p', s))).toEqual(seqsBefore);
          expect(g.accepted).toBe(acceptedBefore);
          expect(g.rejected - rejectedBefore).toBe(garbage.length);
          outOfBand += result.rejected.filter((r) => r.reason === IngestReason.PRICE_BAND).length;
        },
      ),
      { numRuns: 300 },
    );
    expect(allRefused).toBeGreaterThan(150);
    expect(outOfBand).toBeGreaterThan(100);
  });
});
