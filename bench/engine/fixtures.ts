import type { Basket, Constituent } from '../../server/market/basket-types.ts';
import { Session } from '../../server/market/session-types.ts';
import { tradeColumns, type TradeColumns } from '../../server/engine/trade-columns.ts';

/** Deterministic PRNG (mulberry32) so every run measures the same input. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A basket of `n` made-up constituents with realistic spreads of size and price (log-uniform). */
export function generatedBasket(n: number, seed = 7): Basket {
  const r = rng(seed);
  const logUniform = (lo: number, hi: number) => Math.exp(Math.log(lo) + r() * (Math.log(hi) - Math.log(lo)));
  const constituents: Constituent[] = [];
  for (let i = 0; i < n; i++) {
    constituents.push({
      ticker: `G${i}`,
      name: `Generated ${i}`,
      exchange: 'NASDAQ',
      sharesOutstanding: Math.round(logUniform(1e7, 2e9)),
      floatFactor: r() < 0.3 ? Math.round(50 + r() * 50) / 100 : 1,
      capFactor: 1,
      previousClose: Math.round(logUniform(1, 200) * 100) / 100,
      sharesSource: 'generated',
      sharesDate: '2026-01-30',
      priceSource: 'generated',
      priceDate: '2026-01-30',
    });
  }
  return {
    id: `generated-${n}`,
    name: `Generated ${n}`,
    formatVersion: 1,
    revision: '1',
    baseLevel: 1000,
    referenceDate: '2026-01-30',
    milestonesUsd: [],
    constituents,
    source: '<generated>',
  };
}

/**
 * A fixed stream of prints: a random symbol each time, whose price takes a step of a few cents from its
 * last print (a random walk pulled back towards the reference, staying within a few percent of it), as
 * consecutive trade prints do.
 */
export interface PrintStream {
  readonly slots: Int32Array;
  readonly columns: TradeColumns;
  /** New share counts for the 1-in-1000 share-count events (indexed by print number / 1000). */
  readonly shares: Float64Array;
}

export function printStream(basket: Basket, length: number, seed = 11): PrintStream {
  const r = rng(seed);
  const n = basket.constituents.length;
  const slots = new Int32Array(length);
  const columns = tradeColumns(length);
  const t0 = Date.parse('2026-01-30T14:30:00Z');
  const cents = Float64Array.from(basket.constituents, (c) => Math.round(c.previousClose * 100));
  for (let k = 0; k < length; k++) {
    const i = Math.floor(r() * n);
    const ref = Math.round(basket.constituents[i]!.previousClose * 100);
    const pull = (ref - cents[i]!) / Math.max(1, ref * 0.05); // -1..1 across the ±5% band
    const step = Math.round((r() - 0.5 + pull * 0.5) * Math.max(2, ref * 0.002));
    cents[i] = Math.max(1, cents[i]! + step);
    slots[k] = i;
    columns.prices[k] = cents[i]! / 100;
    columns.sizes[k] = 100 * (1 + Math.floor(r() * 10));
    columns.times[k] = t0 + k;
    columns.sessions[k] = Session.Regular;
  }
  const events = Math.ceil(length / 1000);
  const shares = new Float64Array(events);
  for (let e = 0; e < events; e++) {
    const i = slots[e * 1000 + 999 < length ? e * 1000 + 999 : 0]!;
    shares[e] = Math.round(basket.constituents[i]!.sharesOutstanding * (1 + (r() - 0.5) * 0.02));
  }
  return { slots, columns, shares };
}
