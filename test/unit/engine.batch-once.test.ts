import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IndexEngine } from '../../server/engine/index-engine.ts';
import { EngineEventKind } from '../../server/engine/event-ring.ts';
import type { Slot } from '../../server/engine/ids.ts';
import { tradeColumns } from '../../server/engine/trade-columns.ts';
import { Session } from '../../server/market/session-types.ts';
import type { Basket } from '../../server/market/basket-types.ts';
import { arbBasket } from '../support/baskets.ts';
import { MarketEngine } from '../../server/engine/market-engine.ts';
import type { SymbolId } from '../../server/engine/ids.ts';
import { IngestGate } from '../../server/ingest/gate.ts';
import { defaultBasketPaths, loadBasketFile } from '../../server/market/basket-file.ts';
import { rng } from '../../bench/engine/fixtures.ts';

/**
 * Batch-once (each member updated once per run, with its last print) must be indistinguishable from
 * applying the same prints one by one: the same state, the same milestone events at the same prints,
 * the same dirty set in the same order. Milestones are placed around the opening total so runs cross
 * them (and come back) in the middle, where only the print-by-print path sees the crossing.
 */

interface Run {
  readonly prints: { pick: number; move: number; session: number }[];
  /** Most runs are in one session; a mixed one (at a session boundary) uses each print's own. */
  readonly session: number;
  readonly mixed: boolean;
  readonly sharesEvent: { pick: number; scale: number } | null;
  readonly rollDay: boolean;
}

const arbRun: fc.Arbitrary<Run> = fc.record({
  prints: fc.array(
    fc.record({
      pick: fc.nat(1000),
      // Moves of up to ±3% around the previous close, in whole ticks, so the total wanders across
      // milestones a few tenths of a percent apart.
      move: fc.integer({ min: -300, max: 300 }),
      session: fc.constantFrom(Session.Pre, Session.Regular, Session.Regular, Session.Post),
    }),
    { minLength: 0, maxLength: 120 },
  ),
  session: fc.constantFrom(Session.Pre, Session.Regular, Session.Regular, Session.Post),
  mixed: fc.nat(4).map((x) => x === 0),
  sharesEvent: fc.option(fc.record({ pick: fc.nat(1000), scale: fc.integer({ min: -50, max: 50 }) }), { freq: 4 }),
  rollDay: fc.nat(9).map((x) => x === 0),
});

function withMilestonesAroundOpen(b: Basket, offsetsPerMille: readonly number[]): Basket {
  const total = b.constituents.reduce((sum, c) => sum + Math.floor((Math.round(c.previousClose * 10_000) * c.sharesOutstanding) / 100 + 0.5), 0) / 100;
  const milestonesUsd = [...new Set(offsetsPerMille.map((o) => Math.round(total * (1 + o / 1000))))];
  return { ...b, milestonesUsd };
}

function everything(engine: IndexEngine): unknown {
  const members = engine.activeSlots().map((slot) => engine.constituent(slot));
  return { state: engine.state(), members, verify: engine.verify().ok, updates: engine.updates };
}

describe('IndexEngine batch-once', () => {
  it('leaves the same state, events and dirty order as the same prints applied one by one', () => {
    fc.assert(
      fc.property(
        arbBasket(1, 12),
        fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 4 }),
        fc.array(arbRun, { minLength: 1, maxLength: 25 }),
        (base, offsets, runs) => {
          const b = withMilestonesAroundOpen(base, offsets);
          const once = new IndexEngine(b, { milestoneHysteresis: 0.0005 });
          const each = new IndexEngine(b, { milestoneHysteresis: 0.0005 });
          const n = b.constituents.length;
          const closeTicks = b.constituents.map((c) => Math.round(c.previousClose * 10_000));
          const columns = tradeColumns(200);
          const slots = new Int32Array(200);
          let t = 1_700_000_000_000;
          for (const run of runs) {
            const len = run.prints.length;
            for (let k = 0; k < len; k++) {
              const p = run.prints[k]!;
              const i = p.pick % n;
              slots[k] = i;
              columns.prices[k] = Math.max(1, closeTicks[i]! + Math.round((p.move * closeTicks[i]!) / 10_000)) / 10_000;
              columns.times[k] = ++t;
              columns.sessions[k] = run.mixed ? p.session : run.session;
            }
            once.applyTradesBatchOnce(slots, columns, 0, len);
            each.applyTradesPrintByPrint(slots, columns, 0, len);
            if (run.sharesEvent) {
              const i = run.sharesEvent.pick % n;
              const shares = Math.max(1, Math.round(b.constituents[i]!.sharesOutstanding * (1 + run.sharesEvent.scale / 1000)));
              once.setShares(i as Slot, shares, t);
              each.setShares(i as Slot, shares, t);
            }
            if (run.rollDay) {
              once.rollDay();
              each.rollDay();
            }
            expect(once.hasChanges).toBe(each.hasChanges);
            expect(everything(once)).toEqual(everything(each));
            expect(once.drainEvents()).toEqual(each.drainEvents());
            expect(once.drainDirty()).toEqual(each.drainDirty());
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reports a milestone crossed and recrossed inside one run, at the prints that crossed it', () => {
    const b: Basket = {
      id: 'test',
      name: 'Test index',
      formatVersion: 1,
      revision: '1',
      baseLevel: 1000,
      referenceDate: '2026-01-30',
      milestonesUsd: [1_015_000_000],
      constituents: [
        { ticker: 'A', name: 'A', exchange: 'NASDAQ', sharesOutstanding: 10_000_000, floatFactor: 1, capFactor: 1, previousClose: 100, sharesSource: 't', sharesDate: '2026-01-30', priceSource: 't', priceDate: '2026-01-30' },
        { ticker: 'B', name: 'B', exchange: 'NASDAQ', sharesOutstanding: 1_000_000, floatFactor: 1, capFactor: 1, previousClose: 10, sharesSource: 't', sharesDate: '2026-01-30', priceSource: 't', priceDate: '2026-01-30' },
      ],
      source: '<inline>',
    };
    const engine = new IndexEngine(b);
    // $1.01B at the open: A at 101 takes the total over $1.015B, A at 99 back below it; the run ends
    // below it, so only the print-by-print path could report either crossing.
    const prices = [101, 10.5, 10.25, 99, 10.1];
    const columns = tradeColumns(prices.length);
    const slots = Int32Array.from([0, 1, 1, 0, 1]);
    prices.forEach((p, k) => {
      columns.prices[k] = p;
      columns.times[k] = 1000 + k;
      columns.sessions[k] = Session.Regular;
    });
    engine.applyTrades(slots, columns, 0, prices.length);
    const events = engine.drainEvents().map((e) => [e.kind, e.value, e.timeMs]);
    expect(events).toEqual([
      [EngineEventKind.MilestoneUp, 1_015_000_000, 1000],
      [EngineEventKind.MilestoneDown, 1_015_000_000, 1003],
    ]);
    expect(engine.state().milestonesReached).toEqual([]);
    expect(engine.updates).toBe(5);
  });

  it('gives, through the gate and every default index, the state one-tick batches give', async () => {
    const baskets = await Promise.all(defaultBasketPaths().map((path) => loadBasketFile(path)));
    const now = Date.UTC(2026, 1, 2, 15, 0, 0); // Monday 10:00 New York: the regular session
    const whole = new MarketEngine(baskets);
    const single = new MarketEngine(baskets);
    const wholeGate = new IngestGate(whole, { now: () => now });
    const singleGate = new IngestGate(single, { now: () => now });
    const symbols = whole.allSymbols();
    const closes = symbols.map((_, i) => whole.quote(i as SymbolId).previousClose);
    const r = rng(5);
    // 4,000 trades in one batch: at least 16 per member of every index, so each index consumes it once.
    const ticks = Array.from({ length: 4000 }, (_, k) => {
      const i = Math.floor(r() * symbols.length);
      return { symbol: symbols[i]!, kind: 0, price: Math.round(closes[i]! * (1 + (r() - 0.5) * 0.01) * 100) / 100, size: 100, timeMs: now - 4000 + k };
    });
    expect(wholeGate.apply('p', ticks).accepted).toBe(ticks.length);
    for (const tick of ticks) expect(singleGate.apply('p', [tick]).accepted).toBe(1);
    const observe = (m: MarketEngine) => ({
      indexes: m.indexes.map((ix) => ({ state: ix.state(), members: ix.activeSlots().map((s) => ix.constituent(s)), events: ix.drainEvents() })),
      quotes: m.allSymbols().map((_, i) => m.quote(i as SymbolId)),
    });
    expect(observe(whole)).toEqual(observe(single));
    expect(whole.verify().ok).toBe(true);
  });
});
