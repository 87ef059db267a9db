import fc from 'fast-check';
import type { Basket, Constituent } from '../../server/market/basket-types.ts';

export function constituent(ticker: string, shares: number, previousClose: number, extra: Partial<Constituent> = {}): Constituent {
  return {
    ticker,
    name: `${ticker} Inc`,
    exchange: 'NASDAQ',
    sharesOutstanding: shares,
    floatFactor: 1,
    capFactor: 1,
    previousClose,
    sharesSource: 'test',
    sharesDate: '2026-01-30',
    priceSource: 'test',
    priceDate: '2026-01-30',
    ...extra,
  };
}

export function basket(constituents: Constituent[], extra: Partial<Basket> = {}): Basket {
  return {
    id: 'test',
    name: 'Test index',
    formatVersion: 1,
    revision: '1',
    baseLevel: 1000,
    referenceDate: '2026-01-30',
    milestonesUsd: [],
    constituents,
    source: '<inline>',
    ...extra,
  };
}

/** A price with at most 4 decimals, as US trade prints carry, between $0.5 and $500. */
export const arbPrice = fc.integer({ min: 5_000, max: 5_000_000 }).map((ticks) => ticks / 10_000);

export const arbConstituent = (ticker: string): fc.Arbitrary<Constituent> =>
  fc
    .record({
      shares: fc.integer({ min: 1_000_000, max: 2_000_000_000 }),
      prev: arbPrice,
      float: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 100 }).map((p) => p / 100)),
      cap: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 100 }).map((p) => p / 100)),
    })
    .map((r) => constituent(ticker, r.shares, r.prev, { floatFactor: r.float, capFactor: r.cap }));

export const arbBasket = (minSize = 1, maxSize = 30): fc.Arbitrary<Basket> =>
  fc.integer({ min: minSize, max: maxSize }).chain((n) =>
    fc
      .tuple(...Array.from({ length: n }, (_, i) => arbConstituent(`S${i}`)))
      .map((cs) => basket(cs)),
  );
