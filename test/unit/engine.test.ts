import { describe, expect, it } from 'vitest';
import { IndexEngine } from '../../server/engine/index-engine.ts';
import { MarketEngine } from '../../server/engine/market-engine.ts';
import { EngineEventKind, EventRing } from '../../server/engine/event-ring.ts';
import { DirtySet } from '../../server/engine/dirty-set.ts';
import type { Slot, SymbolId } from '../../server/engine/ids.ts';
import { Session } from '../../server/market/session-types.ts';
import { HashcapError } from '../../server/errors.ts';
import { basket, constituent } from '../support/baskets.ts';

// Two constituents worth $60B and $40B at their previous close: $100B in all.
const twoNames = () =>
  basket([constituent('AAA', 1_000_000_000, 60), constituent('BBB', 500_000_000, 80)], {
    milestonesUsd: [90e9, 100e9, 110e9],
  });
const A = 0 as Slot;
const B = 1 as Slot;

describe('IndexEngine', () => {
  it('starts at the base level with the previous closes and reports the total market cap', () => {
    const e = new IndexEngine(twoNames());
    const s = e.state();
    expect(s.level).toBe(1000);
    expect(s.totalMarketCapUsd).toBe(100e9);
    expect(s.change).toBe(0);
    expect(s.unchanged).toBe(2);
    expect(s.milestonesReached).toEqual([90e9, 100e9]);
    expect(s.nextMilestoneUsd).toBe(110e9);
  });

  it('moves the level in proportion to market value and reports per-constituent figures', () => {
    const e = new IndexEngine(twoNames());
    e.applyTrade(A, 66, 1000, Session.Regular); // +10% on $60B = +$6B
    const s = e.state();
    expect(s.totalMarketCapUsd).toBe(106e9);
    expect(s.level).toBeCloseTo(1060, 9);
    expect(s.changePct).toBeCloseTo(6, 9);
    expect(s.advancers).toBe(1);
    expect(s.unchanged).toBe(1);
    const a = e.constituent(A);
    expect(a.last).toBe(66);
    expect(a.change).toBeCloseTo(6, 9);
    expect(a.changePct).toBeCloseTo(10, 9);
    expect(a.weight).toBeCloseTo(66 / 106, 12);
    expect(a.contribution).toBeCloseTo(60, 9);
    expect(a.lastTimeMs).toBe(1000);
    expect(a.session).toBe(Session.Regular);
    expect(e.constituent(B).contribution).toBe(0);
  });

  it('quantises prices to $0.0001 and keeps the market cap exact to the cent', () => {
    const e = new IndexEngine(basket([constituent('AAA', 283_470_000, 48.45)]));
    e.applyTrade(A, 48.4567, 1, Session.Regular);
    // 48.4567 × 283,470,000 = 13,736,020,749.0 exactly
    expect(e.totalMarketCapCents).toBe(1_373_602_074_900);
    e.applyTrade(A, 0.1 + 0.2, 2, Session.Regular); // 0.30000000000000004 → $0.3000
    expect(e.constituent(A).last).toBe(0.3);
    expect(e.totalMarketCapCents).toBe(8_504_100_000);
  });

  it('reports milestone crossings in both directions, once, with hysteresis', () => {
    const e = new IndexEngine(twoNames(), { milestoneHysteresis: 0.01 });
    e.drainEvents();
    e.applyTrade(A, 59.9, 1, Session.Regular); // total 99.9B: within 1% below $100B, no event
    expect(e.drainEvents()).toEqual([]);
    e.applyTrade(A, 58.9, 2, Session.Regular); // 98.9B: below 99B → down through $100B
    const down = e.drainEvents();
    expect(down).toHaveLength(1);
    expect(down[0]).toMatchObject({ kind: EngineEventKind.MilestoneDown, value: 100e9, timeMs: 2 });
    e.applyTrade(A, 59.5, 3, Session.Regular); // 99.5B: no event on the way back up until $100B
    expect(e.drainEvents()).toEqual([]);
    e.applyTrade(A, 80, 4, Session.Regular); // 120B: up through $100B and $110B in one print
    const up = e.drainEvents();
    expect(up.map((ev) => [ev.kind, ev.value])).toEqual([
      [EngineEventKind.MilestoneUp, 100e9],
      [EngineEventKind.MilestoneUp, 110e9],
    ]);
    expect(up[1]!.totalMarketCapUsd).toBe(120e9);
    expect(e.state().nextMilestoneUsd).toBeNull();
  });

  it('keeps the level continuous across a share-count change and reports the new divisor', () => {
    const e = new IndexEngine(twoNames());
    e.applyTrade(A, 70, 1, Session.Regular);
    const before = e.state();
    e.drainEvents();
    e.setShares(B, 600_000_000, 2);
    const after = e.state();
    expect(after.level).toBeCloseTo(before.level, 9);
    expect(after.totalMarketCapUsd).toBe(70e9 + 48e9);
    // The level and the previous close level do not move, so neither does the day's change.
    expect(after.previousLevel).toBe(before.previousLevel);
    expect(after.change).toBeCloseTo(before.change, 9);
    // B's price did not move, so it contributes nothing; the event's effect is reported apart.
    expect(e.constituent(B).contribution).toBe(0);
    const contributions = e.constituent(A).contribution + e.constituent(B).contribution;
    expect(contributions + after.eventAdjustment).toBeCloseTo(after.change, 9);
    expect(after.eventAdjustment).not.toBe(0);
    // The market cap change counts price moves only, not the issuance: A's +$10B.
    expect(after.marketCapChangeUsd).toBe(10e9);
    const events = e.drainEvents();
    expect(events[0]).toMatchObject({ kind: EngineEventKind.DivisorChange, ticker: 'BBB', value: after.divisor });
  });

  it('marks the index indicative while a constituent is halted or stale', () => {
    const e = new IndexEngine(twoNames());
    expect(e.state().indicative).toBe(false);
    e.setHalted(A, true);
    e.setStale(B, true);
    expect(e.state().indicative).toBe(true);
    e.setHalted(A, false);
    expect(e.state().indicative).toBe(true);
    e.setStale(B, false);
    expect(e.state().indicative).toBe(false);
    expect(e.constituent(A).halted).toBe(false);
  });

  it('rolls the day: the official close (last regular print) becomes the previous close', () => {
    const e = new IndexEngine(twoNames());
    e.applyTrade(A, 62, 1, Session.Regular);
    e.applyTrade(A, 63, 2, Session.Post);
    expect(e.constituent(A).changeSinceClose).toBeCloseTo(1, 9);
    e.rollDay();
    const a = e.constituent(A);
    expect(a.previousClose).toBe(62);
    // The new previous close level is today's closing level, and the previous market cap follows.
    const s = e.state();
    expect(s.previousMarketCapUsd).toBe(62e9 + 40e9);
    expect(s.previousLevel).toBeCloseTo(1020, 9);
    expect(s.change).toBeCloseTo(10, 9); // A at 63 after hours: +$1B = +10 points
    expect(a.last).toBe(63);
    expect(e.constituent(B).previousClose).toBe(80);
    expect(e.state().advancers).toBe(1);
    expect(e.verify().ok).toBe(true);
  });

  it('hands the frame builder each changed slot once', () => {
    const e = new IndexEngine(twoNames());
    e.drainDirty();
    expect(e.hasChanges).toBe(false);
    e.applyTrade(B, 81, 1, Session.Pre);
    e.applyTrade(B, 82, 2, Session.Pre);
    e.applyTrade(A, 61, 3, Session.Pre);
    expect(e.hasChanges).toBe(true);
    expect(e.drainDirty()).toEqual([B, A]);
    expect(e.drainDirty()).toEqual([]);
  });

  it('rejects bad events with typed errors and keeps its state', () => {
    const e = new IndexEngine(twoNames());
    const before = e.state();
    const codes = [
      () => e.setShares(A, -5, 1),
      () => e.setShares(A, 1.5, 1),
      () => e.setFactors(A, 0, 1, 1),
      () => e.setFactors(A, 1, 1.2, 1),
      () => e.setShares(7 as Slot, 10, 1),
      () => e.addConstituent(constituent('AAA', 1, 1), 1, 1),
      () => e.addConstituent(constituent('CCC', 10, 1), Number.NaN, 1),
    ].map((f) => {
      try {
        f();
        return 'no error';
      } catch (err) {
        return err instanceof HashcapError ? err.code : String(err);
      }
    });
    expect(codes).toEqual([
      'ENGINE_SHARES',
      'ENGINE_SHARES',
      'ENGINE_FACTOR',
      'ENGINE_FACTOR',
      'ENGINE_SLOT',
      'ENGINE_DUPLICATE',
      'ENGINE_PRICE',
    ]);
    expect(e.state()).toEqual(before);
    expect(e.verify().ok).toBe(true);
  });

  it('grows past its initial capacity when constituents are added', () => {
    const e = new IndexEngine(twoNames());
    for (let k = 0; k < 40; k++) e.addConstituent(constituent(`N${k}`, 1_000_000 + k, 10 + k), 11 + k, k);
    expect(e.size).toBe(42);
    expect(e.level).toBeGreaterThan(999.999);
    expect(e.level).toBeLessThan(1000.001 * 1.0);
    expect(e.verify().ok).toBe(true);
  });
});

describe('MarketEngine', () => {
  it('routes a print of a shared symbol to every index that holds it', () => {
    const all = twoNames();
    const sub = basket([constituent('BBB', 500_000_000, 80)], { id: 'sub' });
    const m = new MarketEngine([all, sub]);
    const bbb = m.symbolId('BBB')!;
    m.applyTrade(bbb, 88, 100, 5, Session.Regular);
    m.applyQuote(bbb, 87.99, 88.01, 300, 200, 6);
    expect(m.index('test')!.constituent(B).last).toBe(88);
    expect(m.index('sub')!.level).toBeCloseTo(1100, 9);
    expect(m.quote(bbb)).toMatchObject({ last: 88, bid: 87.99, ask: 88.01, volume: 100, timeMs: 6 });
    expect(m.drainDirtySymbols()).toEqual([bbb]);
    m.setShares(bbb, 400_000_000, 7);
    expect(m.index('sub')!.level).toBeCloseTo(1100, 9);
    expect(m.index('sub')!.state().totalMarketCapUsd).toBe(88 * 400_000_000);
    expect(m.verify().ok).toBe(true);
    expect(m.symbolId('ZZZ')).toBeUndefined();
  });

  it('refuses two baskets with the same id', () => {
    expect(() => new MarketEngine([twoNames(), twoNames()])).toThrow(HashcapError);
  });

  it('follows a removal after rebuildMembership', () => {
    const m = new MarketEngine([twoNames()]);
    m.index('test')!.removeConstituent(A, 1);
    m.rebuildMembership();
    m.applyTrade(m.symbolId('AAA')! as SymbolId, 1, 1, 2, Session.Regular);
    expect(m.index('test')!.state().totalMarketCapUsd).toBe(40e9);
  });
});

describe('engine building blocks', () => {
  it('DirtySet marks each slot once and clears on drain', () => {
    const d = new DirtySet(4);
    d.mark(2);
    d.mark(2);
    d.mark(0);
    expect(d.size).toBe(2);
    const out = new Int32Array(4);
    expect(d.drainInto(out)).toBe(2);
    expect(Array.from(out.subarray(0, 2))).toEqual([2, 0]);
    expect(d.has(2)).toBe(false);
  });

  it('EventRing keeps the newest events and counts the ones it overwrote', () => {
    const r = new EventRing(2);
    r.push(EngineEventKind.MilestoneUp, 1, 10, 0, '');
    r.push(EngineEventKind.MilestoneUp, 2, 20, 0, '');
    r.push(EngineEventKind.MilestoneDown, 3, 30, 0, '');
    expect(r.dropped).toBe(1);
    expect(r.drain().map((e) => e.timeMs)).toEqual([2, 3]);
    expect(r.size).toBe(0);
  });
});
