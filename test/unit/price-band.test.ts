import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MarketEngine } from '../../server/engine/market-engine.ts';
import { IngestGate, type ApplyResult, type IngestGateOptions } from '../../server/ingest/gate.ts';
import { bandHalfWidth, inBand, PriceBands } from '../../server/ingest/price-band.ts';
import { IngestReason } from '../../server/ingest/reasons.ts';
import { loadBasketFile, defaultBasketPaths } from '../../server/market/basket-file.ts';
import type { Basket } from '../../server/market/basket-types.ts';

/** Monday 2 February 2026, 10:00 New York: the regular session. */
const NOW = Date.UTC(2026, 1, 2, 15, 0, 0);
const PRE = Date.UTC(2026, 1, 2, 12, 0, 0); // 07:00 New York, same day
const POST = Date.UTC(2026, 0, 30, 21, 30, 0); // Friday 30 January 2026, 16:30 New York
const OVERNIGHT = Date.UTC(2026, 1, 2, 7, 0, 0); // 02:00 New York: closed

/**
 * Previous closes placed on the tier edges: MARA just above $3 (±10%), CLSK at exactly $3 and WULF at
 * exactly $0.75 (±20%), RIOT just below $0.75 and BITF at $0.50 (±$0.15), HIVE at $0.10 (±75%).
 * IREN 48.45 and BTBT 2.36 keep their basket closes.
 */
const CLOSES: Record<string, number> = { MARA: 3.0001, CLSK: 3, WULF: 0.75, RIOT: 0.7499, BITF: 0.5, HIVE: 0.1 };

let baskets: Basket[];
beforeAll(async () => {
  const loaded = await Promise.all(defaultBasketPaths().map((p) => loadBasketFile(p)));
  baskets = loaded.map((b) => ({
    ...b,
    constituents: b.constituents.map((c) => (c.ticker in CLOSES ? { ...c, previousClose: CLOSES[c.ticker]! } : c)),
  }));
});

function newGate(options: IngestGateOptions = {}): { market: MarketEngine; gate: IngestGate } {
  const market = new MarketEngine(baskets);
  return { market, gate: new IngestGate(market, { now: () => NOW, ...options }) };
}

const trade = (symbol: string, price: number, timeMs = NOW - 1000, extra: Record<string, unknown> = {}) => ({
  symbol,
  kind: 0,
  price,
  size: 100,
  timeMs,
  ...extra,
});

function reasons(result: ApplyResult): number[] {
  return result.rejected.map((r) => r.reason);
}

/** Whether one trade is accepted by a fresh gate (so nothing before it moved the reference). */
function accepts(symbol: string, price: number, timeMs = NOW - 1000, options: IngestGateOptions = {}): boolean {
  const { gate } = newGate(options);
  const result = gate.apply('pub', [trade(symbol, price, timeMs)]);
  if (result.accepted === 1) return true;
  expect(reasons(result)).toEqual([IngestReason.PRICE_BAND]);
  return false;
}

// ------------------------------------------------------------------------------------------ tiers

describe('price bands: each tier at its edges', () => {
  // [name, symbol, tier option, time, lowest accepted, highest accepted]; one tick ($0.0001) beyond
  // either edge is refused. Edges are worked out by hand from the previous close.
  const T1 = { priceBands: { tiers: { IREN: 1 as const } } };
  const cases: [string, string, IngestGateOptions, number, number, number][] = [
    ['> $3, Tier 2: ±10%', 'IREN', {}, NOW - 1000, 43.605, 53.295],
    ['> $3, Tier 1: ±5%', 'IREN', T1, NOW - 1000, 46.0275, 50.8725],
    ['just above $3 ($3.0001): ±10%', 'MARA', {}, NOW - 1000, 2.7001, 3.3001],
    ['exactly $3: ±20%', 'CLSK', {}, NOW - 1000, 2.4, 3.6],
    ['$0.75–$3 ($2.36): ±20%', 'BTBT', {}, NOW - 1000, 1.888, 2.832],
    ['exactly $0.75: ±20% (= $0.15)', 'WULF', {}, NOW - 1000, 0.6, 0.9],
    ['just below $0.75 ($0.7499): ±$0.15, not ±20%', 'RIOT', {}, NOW - 1000, 0.5999, 0.8999],
    ['< $0.75 ($0.50): ±$0.15 (less than 75%)', 'BITF', {}, NOW - 1000, 0.35, 0.65],
    ['< $0.75 ($0.10): ±75% (less than $0.15)', 'HIVE', {}, NOW - 1000, 0.025, 0.175],
    ['pre-market, > $3 Tier 2: ±20%', 'IREN', {}, PRE, 38.76, 58.14],
    ['pre-market, > $3 Tier 1: ±10%', 'IREN', T1, PRE, 43.605, 53.295],
    ['post-market, $0.75–$3: ±40%', 'BTBT', {}, POST, 1.416, 3.304],
    ['closed (overnight), < $0.75 ($0.50): ±$0.30', 'BITF', {}, OVERNIGHT, 0.2, 0.8],
  ];

  it.each(cases)('%s', (_name, symbol, options, time, lower, upper) => {
    expect(accepts(symbol, lower, time, options)).toBe(true);
    expect(accepts(symbol, upper, time, options)).toBe(true);
    expect(accepts(symbol, Math.round((lower - 0.0001) * 10_000) / 10_000, time, options)).toBe(false);
    expect(accepts(symbol, Math.round((upper + 0.0001) * 10_000) / 10_000, time, options)).toBe(false);
    // The band the gate reports has its edges within a tick outside those prices (MARA's are not on
    // the $0.0001 grid: 2.70009 and 3.30011).
    const band = newGate(options).gate.priceBand(symbol, time)!;
    expect(band.lower).toBeGreaterThan(lower - 0.0001);
    expect(band.lower).toBeLessThanOrEqual(lower + 1e-12);
    expect(band.upper).toBeGreaterThanOrEqual(upper - 1e-12);
    expect(band.upper).toBeLessThan(upper + 0.0001);
  });

  it('a doubled 75% band has no lower edge: any price down to $0.0001', () => {
    // HIVE $0.10 outside the regular session: ±min($0.30, 150%) = ±$0.15.
    expect(accepts('HIVE', 0.0001, PRE)).toBe(true);
    expect(accepts('HIVE', 0.25, PRE)).toBe(true);
    expect(accepts('HIVE', 0.2501, PRE)).toBe(false);
    expect(newGate().gate.priceBand('HIVE', PRE)).toMatchObject({ lower: 0, regular: false });
  });

  it('the regular session starts at 09:30:00.000 and ends at 16:00:00.000 New York', () => {
    const open = Date.UTC(2026, 1, 2, 14, 30, 0);
    const close = Date.UTC(2026, 1, 2, 21, 0, 0);
    expect(accepts('IREN', 55, open - 1)).toBe(true); // pre: ±20%
    expect(accepts('IREN', 55, open)).toBe(false); // regular: up to 53.295
    expect(accepts('IREN', 55, close - 1 - 86_400_000 * 3)).toBe(false); // Friday 15:59:59.999
    expect(accepts('IREN', 55, close - 86_400_000 * 3)).toBe(true); // Friday 16:00 post
  });

  it('quotes are not banded, but still checked', () => {
    const { gate } = newGate();
    const r = gate.apply('pub', [
      { symbol: 'IREN', kind: 1, bid: 100, ask: 101, price: 200, timeMs: NOW - 1000 },
      { symbol: 'IREN', kind: 1, bid: 102, ask: 101, timeMs: NOW - 1000 },
    ]);
    expect(r.accepted).toBe(1);
    expect(reasons(r)).toEqual([IngestReason.CROSSED_QUOTE]);
    expect(gate.priceBand('IREN')!.reference).toBe(48.45);
  });

  it('explains a refusal: price, band, reference, percentage and tier', () => {
    const { gate } = newGate();
    const [r] = gate.apply('pub', [trade('IREN', 60)]).rejected;
    expect(r).toMatchObject({ index: 0, reason: IngestReason.PRICE_BAND, reasonName: 'PRICE_BAND', symbol: 'IREN' });
    expect(r!.detail).toBe('trade price 60 is outside the price band [43.605, 53.295]: reference 48.45 ±10% (LULD tier 2)');
    const [pre] = gate.apply('pub', [trade('IREN', 60, PRE)]).rejected;
    expect(pre!.detail).toContain('±10% doubled outside the regular session');
    expect(gate.rejectCount(IngestReason.PRICE_BAND)).toBe(2);
    expect(gate.rejectCounts()).toEqual([{ reason: IngestReason.PRICE_BAND, name: 'PRICE_BAND', count: 2 }]);
  });

  it('checks the band before the seq: a refused print does not use up its seq', () => {
    const { gate } = newGate();
    expect(reasons(gate.apply('pub', [trade('IREN', 60, NOW - 1000, { seq: 5 })]))).toEqual([IngestReason.PRICE_BAND]);
    expect(gate.lastSeq('pub', 'IREN')).toBe(0);
    expect(gate.apply('pub', [trade('IREN', 49, NOW - 1000, { seq: 5 })]).accepted).toBe(1);
    // An out-of-band print with a duplicate seq is reported as out of band (the first reason that applies).
    expect(reasons(gate.apply('pub', [trade('IREN', 60, NOW - 1000, { seq: 5 })]))).toEqual([IngestReason.PRICE_BAND]);
  });

  it('rejects bad tier options', () => {
    expect(() => newGate({ priceBands: { tiers: { IREN: 3 as 1 } } })).toThrow(RangeError);
    expect(() => newGate({ priceBands: { defaultTier: 0 as 1 } })).toThrow(RangeError);
    expect(() => newGate({ priceBands: { windowMs: 1500, bucketMs: 1000 } })).toThrow(RangeError);
    expect(() => newGate({ priceBands: { bucketMs: 0 } })).toThrow(RangeError);
    // A tier for a symbol in no index is ignored (basket files change; configuration may lag).
    expect(newGate({ priceBands: { tiers: { AAPL: 1 } } }).gate.priceBand('IREN')!.tier).toBe(2);
    expect(newGate({ priceBands: { defaultTier: 1 } }).gate.priceBand('IREN')!.tier).toBe(1);
  });
});

// ------------------------------------------------------------------------------------------ reference

describe('price bands: the reference price', () => {
  it('moves with accepted prints and not with refused ones', () => {
    const { gate } = newGate();
    const ref = () => gate.priceBand('IREN', NOW)!.reference;
    expect(ref()).toBe(48.45); // previous close before any print
    expect(gate.apply('pub', [trade('IREN', 50, NOW - 2000)]).accepted).toBe(1);
    expect(ref()).toBe(50);
    // 54.9 was outside the band around the close (up to 53.295) but is inside the one around 50.
    expect(gate.apply('pub', [trade('IREN', 54.9, NOW - 1900)]).accepted).toBe(1);
    expect(ref()).toBeCloseTo(52.45, 12);

    const refused = gate.apply('pub', [
      trade('IREN', 60, NOW - 1800), // out of band
      trade('IREN', 53, NOW - 1700, { size: -1 }), // bad size
      trade('IREN', 53, NOW - 1600, { seq: 3 }),
      trade('IREN', 53.5, NOW - 1500, { seq: 3 }), // duplicate seq
      trade('IREN', 53, NOW + 60_000), // in the future
    ]);
    expect(refused.accepted).toBe(1);
    expect(reasons(refused)).toEqual([IngestReason.PRICE_BAND, IngestReason.BAD_SIZE, IngestReason.DUPLICATE_SEQ, IngestReason.FUTURE_TIMESTAMP]);
    expect(ref()).toBeCloseTo((50 + 54.9 + 53) / 3, 12);
  });

  it('within one batch, each print is banded against the prints accepted before it', () => {
    const { gate } = newGate();
    // A walk up in 4% steps, banded against the mean of the prints accepted before each one.
    const prices = [48.45, 50.39, 52.41, 54.51, 56.69, 56.5];
    const r = gate.apply('pub', prices.map((p, i) => trade('IREN', p, NOW - 5000 + i)));
    // Means: 48.45 → 49.42 → 50.4167 → 51.44; 56.69 is 10.2% above 51.44 (refused, the mean stays),
    // 56.5 is 9.8% above it.
    expect(r.accepted).toBe(5);
    expect(r.rejected.map((x) => x.index)).toEqual([4]);
    expect(gate.priceBand('IREN', NOW)!.reference).toBeCloseTo((48.45 + 50.39 + 52.41 + 54.51 + 56.5) / 5, 12);
  });

  it('counts the prints of the last 5 minutes of market time only', () => {
    const { gate } = newGate();
    const T0 = NOW - 600_000; // 09:50:00
    const ref = (t: number) => gate.priceBand('IREN', t)!.reference;
    expect(gate.apply('pub', [trade('IREN', 50, T0), trade('IREN', 52, T0 + 60_000)]).accepted).toBe(2);
    expect(ref(T0 + 60_000)).toBe(51);
    expect(ref(T0 + 299_999)).toBe(51);
    // At 5 minutes the first print stops counting.
    expect(ref(T0 + 300_000)).toBe(52);
    // Band around 51 is [45.9, 56.1]; around 52, [46.8, 57.2]: 57.15 is refused at 4:59 and accepted at 5:00.
    expect(reasons(gate.apply('pub', [trade('IREN', 57.15, T0 + 299_000)]))).toEqual([IngestReason.PRICE_BAND]);
    expect(gate.apply('pub', [trade('IREN', 57.15, T0 + 300_000)]).accepted).toBe(1);
    expect(ref(T0 + 300_000)).toBeCloseTo((52 + 57.15) / 2, 12);
  });

  it('keeps the last reference when the window empties, and ignores prints older than the window', () => {
    const { gate } = newGate();
    const T0 = NOW - 1_200_000; // 09:40
    expect(gate.apply('pub', [trade('IREN', 50, T0), trade('IREN', 52, T0 + 1000)]).accepted).toBe(2);
    // Ten minutes later nothing is in the window: the reference in effect at the last print stays.
    expect(gate.priceBand('IREN', T0 + 600_000)!.reference).toBe(51);
    // A new print starts a new window.
    expect(gate.apply('pub', [trade('IREN', 53, T0 + 600_000)]).accepted).toBe(1);
    expect(gate.priceBand('IREN', T0 + 600_000)!.reference).toBe(53);
    // A late print from before the window is banded (and accepted) but does not count.
    expect(gate.apply('pub', [trade('IREN', 49, T0 + 2000)]).accepted).toBe(1);
    expect(gate.priceBand('IREN', T0 + 600_000)!.reference).toBe(53);
    // A late print inside the window counts.
    expect(gate.apply('pub', [trade('IREN', 51, T0 + 400_000)]).accepted).toBe(1);
    expect(gate.priceBand('IREN', T0 + 600_000)!.reference).toBe(52);
  });

  it('takes the previous close again after refreshLimits (e.g. after a day roll)', () => {
    const { market, gate } = newGate();
    expect(gate.priceBand('BTBT')!.reference).toBe(2.36);
    market.rollDay();
    gate.refreshLimits();
    expect(gate.priceBand('BTBT')!.reference).toBe(market.quote(market.symbolId('BTBT')!).previousClose);
  });
});

// ------------------------------------------------------------------------------------------ PriceBands

describe('PriceBands', () => {
  it('bandHalfWidth and inBand', () => {
    expect(bandHalfWidth(100, 2, true)).toBe(10);
    expect(bandHalfWidth(100, 1, true)).toBe(5);
    expect(bandHalfWidth(100, 2, false)).toBe(20);
    expect(bandHalfWidth(3, 2, true)).toBeCloseTo(0.6, 15);
    expect(bandHalfWidth(3, 1, true)).toBeCloseTo(0.6, 15);
    expect(bandHalfWidth(0.75, 1, true)).toBeCloseTo(0.15, 15);
    expect(bandHalfWidth(0.5, 2, true)).toBe(0.15);
    expect(bandHalfWidth(0.1, 2, true)).toBeCloseTo(0.075, 15);
    expect(bandHalfWidth(0.1, 2, false)).toBeCloseTo(0.15, 15);
    expect(inBand(110, 100, 10)).toBe(true);
    expect(inBand(90, 100, 10)).toBe(true);
    expect(inBand(110.0001, 100, 10)).toBe(false);
    expect(inBand(89.9999, 100, 10)).toBe(false);
    expect(inBand(NaN, 100, 10)).toBe(false);
  });

  it('re-anchoring forgets the window: the next trade is admitted whatever its price and becomes the reference', () => {
    const bands = new PriceBands(['X'], [10]);
    const at = (price: number, time: number) => ({ prices: Float64Array.of(price), times: Float64Array.of(time) });
    const a = at(10.5, NOW);
    bands.record(0, a.prices, a.times, 0);
    const far = at(20, NOW + 1000);
    expect(bands.admits(0, far.prices, far.times, 0, true)).toBe(false);
    bands.reanchor(0);
    expect(bands.band(0, NOW + 1000, true)).toMatchObject({ unanchored: true });
    expect(bands.admits(0, far.prices, far.times, 0, true)).toBe(true);
    bands.record(0, far.prices, far.times, 0);
    expect(bands.band(0, NOW + 1000, true)).toMatchObject({ reference: 20, unanchored: false, lower: 18, upper: 22 });
    expect(bands.admits(0, a.prices, a.times, 0, true)).toBe(false);
  });

  it('property: the reference is the mean of the recorded prints of the window, else the last reference, else the close', () => {
    const WINDOW = 10_000;
    const BUCKET = 1000;
    const step = fc.record({
      dt: fc.oneof(fc.integer({ min: -3000, max: 3000 }), fc.integer({ min: 0, max: 25_000 })),
      ticks: fc.integer({ min: 1, max: 2_000_000 }),
      reanchor: fc.integer({ min: 0, max: 19 }).map((x) => x === 0),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), fc.integer({ min: 0, max: 20_000 }), (steps, queryAhead) => {
        const bands = new PriceBands(['X', 'Y'], [7, 8], { windowMs: WINDOW, bucketMs: BUCKET });
        // Model: the prints kept (bucket, ticks), the newest bucket, the last reference.
        let kept: { bucket: number; ticks: number }[] = [];
        let head = -Infinity;
        let last = NaN;
        let t = NOW;
        const prices = new Float64Array(1);
        const times = new Float64Array(1);
        for (const s of steps) {
          if (s.reanchor) {
            bands.reanchor(1);
            kept = [];
            head = -Infinity;
          }
          t += s.dt;
          prices[0] = s.ticks / 10_000;
          times[0] = t;
          bands.record(1, prices, times, 0);
          const bucket = Math.floor(t / BUCKET);
          head = Math.max(head, bucket);
          if (bucket > head - WINDOW / BUCKET) {
            kept.push({ bucket, ticks: s.ticks });
            const live = kept.filter((p) => p.bucket > head - WINDOW / BUCKET);
            last = live.reduce((a, p) => a + p.ticks, 0) / live.length / 10_000;
          }
        }
        const q = t + queryAhead;
        const edge = Math.max(head, Math.floor(q / BUCKET)) - WINDOW / BUCKET;
        const live = kept.filter((p) => p.bucket > edge);
        const expected = live.length > 0 ? live.reduce((a, p) => a + p.ticks, 0) / live.length / 10_000 : last > 0 ? last : 8;
        expect(bands.band(1, q, true).reference).toBe(expected);
        // The other symbol is untouched.
        expect(bands.band(0, q, true).reference).toBe(7);
      }),
      { numRuns: 500 },
    );
  });
});

describe('price bands: a real move confirmed by persistence', () => {
  // IREN closes at 48.45: its regular-session band is ±10%, so 60 is far above it.
  const run = (prices: number[], start = NOW - 50_000, stepMs = 1000) =>
    prices.map((p, i) => trade('IREN', p, start + i * stepMs));

  it('refuses a stray print, but re-anchors on the fifth consecutive print beyond the band on one side', () => {
    const { market, gate } = newGate();
    const first = gate.apply('pub', run([60, 60.1, 60.05, 60.2]));
    expect(reasons(first)).toEqual(Array(4).fill(IngestReason.PRICE_BAND));
    expect(market.quote(market.symbolId('IREN')!).last).toBe(48.45);
    const fifth = gate.apply('pub', [trade('IREN', 60.3, NOW - 45_000)]);
    expect(fifth.accepted).toBe(1);
    expect(market.quote(market.symbolId('IREN')!).last).toBe(60.3);
    expect(gate.drainReanchors()).toEqual([{ symbol: 'IREN', price: 60.3, timeMs: NOW - 45_000 }]);
    // The band now sits around the new price: prints near it pass, the old level is out of band.
    expect(gate.apply('pub', [trade('IREN', 60.4, NOW - 44_000)]).accepted).toBe(1);
    expect(reasons(gate.apply('pub', [trade('IREN', 48.45, NOW - 43_000)]))).toEqual([IngestReason.PRICE_BAND]);
  });

  it('does not confirm a run broken by an in-band print, by the other side, or spread over more than a minute', () => {
    const broken = newGate().gate;
    expect(broken.apply('pub', run([60, 60, 48.5, 60, 60, 60])).accepted).toBe(1); // only the in-band 48.5
    const sides = newGate().gate;
    expect(sides.apply('pub', run([60, 30, 60, 30, 60, 30, 60])).accepted).toBe(0);
    const slow = newGate().gate;
    expect(slow.apply('pub', run([60, 60, 60, 60, 60], NOW - 300_000, 20_000)).accepted).toBe(0);
    for (const g of [broken, sides, slow]) expect(g.drainReanchors()).toEqual([]);
  });

  it('can be turned off', () => {
    const { gate } = newGate({ priceBands: { confirmPrints: 0 } });
    expect(gate.apply('pub', run([60, 60, 60, 60, 60, 60, 60, 60])).accepted).toBe(0);
  });
});
