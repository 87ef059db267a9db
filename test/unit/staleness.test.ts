import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MarketEngine } from '../../server/engine/market-engine.ts';
import { IngestGate } from '../../server/ingest/gate.ts';
import { IngestReason } from '../../server/ingest/reasons.ts';
import { StalenessMonitor } from '../../server/ingest/staleness.ts';
import { loadBasketFile, defaultBasketPaths } from '../../server/market/basket-file.ts';
import type { Basket } from '../../server/market/basket-types.ts';

// Monday 2 February 2026 (EST, UTC-5), New York times.
const ny = (h: number, m: number, s = 0, ms = 0) => Date.UTC(2026, 1, 2, h + 5, m, s, ms);
const OPEN = ny(9, 30);
const TEN = ny(10, 0);

let baskets: Basket[];
let all: string[];
beforeAll(async () => {
  baskets = await Promise.all(defaultBasketPaths().map((p) => loadBasketFile(p)));
  all = new MarketEngine(baskets).allSymbols().slice();
});

let market: MarketEngine;
let gate: IngestGate;
let clock: number;
beforeEach(() => {
  market = new MarketEngine(baskets);
  clock = TEN;
  gate = new IngestGate(market, { now: () => clock });
});

/** A trade the gate accepts at market time `at` (the clock moves there). */
function tradeAt(symbol: string, at: number, price = market.quote(market.symbolId(symbol)!).previousClose): void {
  clock = at;
  const r = gate.apply('pub', [{ symbol, kind: 0, price, size: 100, timeMs: at }]);
  expect(r.accepted).toBe(1);
}
function staleFlag(index: string, symbol: string): boolean {
  const ix = market.index(index)!;
  const slot = ix.activeSlots().find((s) => ix.constituent(s).ticker === symbol)!;
  return ix.constituent(slot).stale;
}
const indicative = (index: string) => market.index(index)!.state().indicative;
const without = (...symbols: string[]) => all.filter((s) => !symbols.includes(s));

describe('staleness sweeps', () => {
  it('in the regular session, flags every symbol with no trade for 60 s; the indexes turn indicative', () => {
    expect(gate.staleAfterMs).toBe(60_000);
    expect(gate.sweepStaleness(TEN)).toBe(all.length);
    expect(gate.staleSymbols()).toEqual(all);
    expect([indicative('miners'), indicative('ai-hpc')]).toEqual([true, true]);
    expect([staleFlag('miners', 'IREN'), staleFlag('ai-hpc', 'IREN')]).toEqual([true, true]);
    // The default clock is the gate's.
    expect(gate.sweepStaleness()).toBe(all.length);
  });

  it('a new trade clears the flag at the next sweep; 60 s of silence sets it again', () => {
    gate.sweepStaleness(TEN);
    tradeAt('IREN', TEN + 1000);
    expect(gate.sweepStaleness(TEN + 1000)).toBe(all.length - 1);
    expect(gate.staleSymbols()).toEqual(without('IREN'));
    expect(staleFlag('miners', 'IREN')).toBe(false);
    expect(gate.sweepStaleness(TEN + 60_999)).toBe(all.length - 1);
    expect(gate.sweepStaleness(TEN + 61_000)).toBe(all.length);
  });

  it('an index is no longer indicative once all its members trade', () => {
    gate.sweepStaleness(TEN);
    const aiHpc = market.index('ai-hpc')!;
    for (const slot of aiHpc.activeSlots()) tradeAt(aiHpc.constituent(slot).ticker, TEN + 2000);
    gate.sweepStaleness(TEN + 2000);
    expect(indicative('ai-hpc')).toBe(false);
    expect(indicative('miners')).toBe(true);
  });

  it('gives every symbol staleAfterMs after the open', () => {
    expect(gate.sweepStaleness(OPEN - 1)).toBe(0);
    expect(gate.sweepStaleness(OPEN)).toBe(0);
    expect(gate.sweepStaleness(OPEN + 59_999)).toBe(0);
    expect(gate.sweepStaleness(OPEN + 60_000)).toBe(all.length);
  });

  it('counts only the regular session: a pre-market trade does not keep a symbol fresh past open + 60 s', () => {
    tradeAt('IREN', ny(9, 29, 50));
    expect(gate.sweepStaleness(OPEN + 30_000)).toBe(0);
    expect(gate.sweepStaleness(OPEN + 60_000)).toBe(all.length);
  });

  it('outside the regular session nothing is stale, and a sweep there clears every flag', () => {
    gate.sweepStaleness(TEN);
    expect(indicative('miners')).toBe(true);
    market.drainDirtySymbols();
    // Post-market the same day: cleared.
    expect(gate.sweepStaleness(ny(16, 0))).toBe(0);
    expect(gate.staleSymbols()).toEqual([]);
    expect([indicative('miners'), indicative('ai-hpc')]).toEqual([false, false]);
    expect(market.drainDirtySymbols()).toHaveLength(all.length);
    // Sweeping again changes nothing (no flags to publish).
    expect(gate.sweepStaleness(ny(16, 30))).toBe(0);
    expect(market.drainDirtySymbols()).toEqual([]);
    // Pre-market, a weekend, a holiday (Washington's Birthday), overnight: nothing either.
    for (const t of [ny(7, 0), Date.UTC(2026, 1, 7, 16, 0), Date.UTC(2026, 1, 16, 16, 0), ny(2, 0)]) {
      expect(gate.sweepStaleness(t)).toBe(0);
    }
  });

  it('follows the half-day close (13:00 on the day after Thanksgiving)', () => {
    const friday = (h: number, m: number) => Date.UTC(2026, 10, 27, h + 5, m);
    expect(gate.sweepStaleness(friday(12, 59))).toBe(all.length);
    expect(gate.sweepStaleness(friday(13, 0))).toBe(0);
  });

  it('counts trades only: quotes and refused trades do not keep a symbol fresh', () => {
    clock = TEN;
    const r = gate.apply('pub', [
      { symbol: 'IREN', kind: 1, bid: 48, ask: 48.1, timeMs: TEN },
      { symbol: 'MARA', kind: 0, price: 30, size: 1, timeMs: TEN }, // out of band
    ]);
    expect(r.accepted).toBe(1);
    expect(r.rejected.map((x) => x.reason)).toEqual([IngestReason.PRICE_BAND]);
    expect(gate.sweepStaleness(TEN + 1000)).toBe(all.length);
  });

  it('times a trade by the market clock when the gate accepts it, not by its exchange time', () => {
    gate.sweepStaleness(TEN);
    clock = TEN + 120_000;
    // A late print, two minutes old: the symbol is trading all the same.
    expect(gate.apply('pub', [{ symbol: 'IREN', kind: 0, price: 48.5, size: 1, timeMs: TEN }]).accepted).toBe(1);
    expect(gate.sweepStaleness(TEN + 121_000)).toBe(all.length - 1);
  });

  it('does not flag a halted symbol; after the resume, silence counts from the resume', () => {
    gate.sweepStaleness(TEN);
    expect(gate.staleSymbols()).toContain('IREN');
    clock = TEN + 1000;
    gate.apply('pub', [{ symbol: 'IREN', kind: 2, timeMs: TEN + 1000 }]);
    // The halt flag replaces the stale flag at once.
    expect(staleFlag('miners', 'IREN')).toBe(false);
    expect(gate.sweepStaleness(TEN + 600_000)).toBe(all.length - 1);
    expect(gate.staleSymbols()).not.toContain('IREN');
    clock = TEN + 600_000;
    gate.apply('pub', [{ symbol: 'IREN', kind: 3, timeMs: TEN + 600_000 }]);
    expect(gate.sweepStaleness(TEN + 659_999)).toBe(all.length - 1);
    expect(gate.sweepStaleness(TEN + 660_000)).toBe(all.length);
  });

  it('takes staleAfterMs as an option and checks it', () => {
    const quick = new IngestGate(market, { now: () => clock, staleAfterMs: 5000 });
    expect(quick.sweepStaleness(OPEN + 4999)).toBe(0);
    expect(quick.sweepStaleness(OPEN + 5000)).toBe(all.length);
    for (const bad of [0, -1, NaN, Infinity]) {
      expect(() => new IngestGate(market, { staleAfterMs: bad })).toThrow(RangeError);
    }
  });

  it('ignores a broken clock instead of throwing from a timer', () => {
    gate.sweepStaleness(TEN);
    for (const t of [NaN, Infinity, -Infinity, 1e20]) expect(gate.sweepStaleness(t)).toBe(all.length);
    expect(gate.staleSymbols()).toEqual(all);
  });

  it('StalenessMonitor on its own: O(symbols) sweeps over a store the gate writes', () => {
    const halted = new Set<number>();
    const monitor = new StalenessMonitor(market, { isHalted: (i) => halted.has(i) }, 1000);
    monitor.lastTradeMs.fill(TEN);
    expect(monitor.sweep(TEN + 999)).toBe(0);
    halted.add(0);
    expect(monitor.sweep(TEN + 1000)).toBe(all.length - 1);
    expect(monitor.isStale(0)).toBe(false);
    expect(monitor.isStale(1)).toBe(true);
    monitor.clear(1);
    expect(monitor.size).toBe(all.length - 2);
  });
});
