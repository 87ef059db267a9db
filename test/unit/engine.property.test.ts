import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IndexEngine } from '../../server/engine/index-engine.ts';
import type { Slot } from '../../server/engine/ids.ts';
import { Session } from '../../server/market/session-types.ts';
import type { Basket } from '../../server/market/basket-types.ts';
import { arbBasket, arbPrice } from '../support/baskets.ts';
import { parseDecimal, roundHalfUp, ticksOf, type Decimal } from '../support/exact-basket.ts';

/**
 * An independent, from-scratch model of the index: plain objects, exact BigInt money with its own
 * rounding (nothing imported from the engine), and the divisor rule applied by recomputing whole sums.
 * The engine must agree with it after any sequence of events.
 */
class ScratchModel {
  readonly members: { ticker: string; ticks: bigint; shares: bigint; factor: Decimal; prevTicks: bigint }[];
  divisor: number;

  constructor(b: Basket) {
    this.members = b.constituents.map((c) => {
      const float = parseDecimal(String(c.floatFactor));
      const cap = parseDecimal(String(c.capFactor));
      return {
        ticker: c.ticker,
        ticks: ticksOf(c.previousClose),
        shares: BigInt(c.sharesOutstanding),
        factor: { num: float.num * cap.num, den: float.den * cap.den },
        prevTicks: ticksOf(c.previousClose),
      };
    });
    this.divisor = Number(this.indexValueCents()) / b.baseLevel;
  }

  /** One member's float/cap-adjusted value in cents: ticks · shares · factor / 100, rounded half up. */
  valueCents(i: number): bigint {
    const m = this.members[i]!;
    return roundHalfUp(m.ticks * m.shares * m.factor.num, 100n * m.factor.den);
  }

  /**
   * Float/cap-adjusted value in cents. The methodology rounds each constituent's adjusted value to the
   * cent (so any client can reproduce the level exactly); the model applies that rule, then sums afresh.
   */
  indexValueCents(): bigint {
    let sum = 0n;
    for (let i = 0; i < this.members.length; i++) sum += this.valueCents(i);
    return sum;
  }

  /** The same without rounding: how far the methodology's rounding can move the level. */
  unroundedIndexValue(): number {
    let sum = 0;
    for (const m of this.members) sum += (Number(m.ticks * m.shares * m.factor.num) / Number(m.factor.den)) / 100;
    return sum;
  }

  level(): number {
    return Number(this.indexValueCents()) / this.divisor;
  }

  /**
   * True when a factor-adjusted value lies so close to a half cent that the engine's binary floating
   * point may round it either way: ticks · shares · float · cap / 100 in doubles takes at most five
   * roundings of 2^-53 relative each, under 2^-50 of the value. Only there may the engine differ from
   * exact arithmetic, by one cent; anywhere else it must agree.
   */
  nearHalfCent(i: number): boolean {
    const m = this.members[i]!;
    if (m.factor.num === m.factor.den) return false;
    const num = m.ticks * m.shares * m.factor.num;
    const den = 100n * m.factor.den;
    // Distance from the nearest half cent, in cents: |(2·num mod 2·den) − den| / (2·den).
    const off = (2n * num) % (2n * den) - den;
    const distance = Number(off < 0n ? -off : off) / Number(2n * den);
    return distance <= 2 ** -50 * (Number(num) / Number(den));
  }

  /** How many members' values the engine may round to the other neighbour (see nearHalfCent). */
  nearHalfCentCount(): number {
    let k = 0;
    for (let i = 0; i < this.members.length; i++) if (this.nearHalfCent(i)) k++;
    return k;
  }

  /** One member's market cap in cents, rounded half up. */
  capCents(i: number): bigint {
    const m = this.members[i]!;
    return roundHalfUp(m.ticks * m.shares, 100n);
  }

  /** Total market cap in cents: each constituent's cap rounded half-up to the cent, summed exactly. */
  marketCapCents(): bigint {
    let sum = 0n;
    for (let i = 0; i < this.members.length; i++) sum += this.capCents(i);
    return sum;
  }

  /** Total market cap in hundredths of a cent with no rounding at all. */
  exactMarketCapCentiCents(): bigint {
    let sum = 0n;
    for (const m of this.members) sum += m.ticks * m.shares;
    return sum;
  }

  trade(i: number, price: number): void {
    this.members[i]!.ticks = ticksOf(price);
  }

  setShares(i: number, shares: number): void {
    const before = this.level();
    this.members[i]!.shares = BigInt(shares);
    this.divisor = Number(this.indexValueCents()) / before;
  }
}

type Op =
  | { kind: 'trade'; pick: number; price: number }
  | { kind: 'shares'; pick: number; shares: number };

const arbOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 20, arbitrary: fc.record({ kind: fc.constant('trade' as const), pick: fc.nat(), price: arbPrice }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('shares' as const),
      pick: fc.nat(),
      shares: fc.integer({ min: 1_000_000, max: 2_000_000_000 }),
    }),
  },
);

describe('IndexEngine against a from-scratch model', () => {
  it('agrees on level (1e-9 relative) and total market cap (to the cent) after random prints and share events', () => {
    fc.assert(
      fc.property(arbBasket(1, 40), fc.array(arbOp, { minLength: 1, maxLength: 400 }), (b, ops) => {
        const engine = new IndexEngine(b);
        const model = new ScratchModel(b);
        const n = b.constituents.length;
        let t = 1_700_000_000_000;
        for (const op of ops) {
          const i = op.pick % n;
          t += 1;
          if (op.kind === 'trade') {
            engine.applyTrade(i as Slot, op.price, t, Session.Regular);
            model.trade(i, op.price);
          } else {
            const before = engine.level;
            engine.setShares(i as Slot, op.shares, t);
            model.setShares(i, op.shares);
            // The divisor exists so that a share-count event does not move the level.
            expect(Math.abs(engine.level - before) / before).toBeLessThan(1e-12);
          }
          // A factor-adjusted value within floating error of a half cent may be a cent off (nearHalfCent).
          expect(Math.abs(engine.level - model.level())).toBeLessThan(1e-9 * model.level() + model.nearHalfCentCount() / model.divisor);
        }
        // Market caps are exact integers in the engine: every one, and the total, to the cent.
        expect(BigInt(engine.totalMarketCapCents)).toBe(model.marketCapCents());
        const total = Number(model.indexValueCents());
        const slackCents = model.nearHalfCentCount();
        for (let i = 0; i < n; i++) {
          const c = engine.constituent(i as Slot);
          expect(c.marketCapUsd).toBe(Number(model.capCents(i)) / 100);
          const weight = Number(model.valueCents(i)) / total;
          const slack = (model.nearHalfCent(i) ? 1 : 0) + weight * slackCents;
          expect(Math.abs(c.weight - weight)).toBeLessThanOrEqual(1e-12 * weight + slack / total);
        }
        // Rounding each term to the cent moves the level by at most n/2 cents of value.
        const unrounded = model.unroundedIndexValue() / model.divisor;
        expect(Math.abs(engine.level - unrounded)).toBeLessThanOrEqual((n * 0.5) / model.divisor + 1e-9 * unrounded);
        // And the per-term rounding keeps the total within half a cent per constituent of the exact value.
        const exactCenti = model.exactMarketCapCentiCents();
        const diff = BigInt(engine.totalMarketCapCents) * 100n - exactCenti;
        expect(diff <= BigInt(n) * 50n && diff >= -BigInt(n) * 50n).toBe(true);
        expect(engine.verify().ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps contributions (plus the event adjustment) summing to the level change and weights summing to 1', () => {
    fc.assert(
      fc.property(arbBasket(2, 25), fc.array(arbOp, { maxLength: 200 }), (b, ops) => {
        const engine = new IndexEngine(b);
        const n = b.constituents.length;
        ops.forEach((op, k) => {
          if (op.kind === 'trade') engine.applyTrade((op.pick % n) as Slot, op.price, k, Session.Pre);
          else engine.setShares((op.pick % n) as Slot, op.shares, k);
        });
        const state = engine.state();
        const members = engine.activeSlots().map((s) => engine.constituent(s));
        const contributions = members.reduce((acc, c) => acc + c.contribution, 0);
        const weights = members.reduce((acc, c) => acc + c.weight, 0);
        expect(contributions + state.eventAdjustment).toBeCloseTo(state.change, 6);
        expect(weights).toBeCloseTo(1, 12);
        expect(state.advancers + state.decliners + state.unchanged).toBe(n);
        expect(state.advancers).toBe(members.filter((c) => c.last > c.previousClose).length);
        expect(state.decliners).toBe(members.filter((c) => c.last < c.previousClose).length);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the level continuous across additions and removals', () => {
    fc.assert(
      fc.property(arbBasket(3, 20), arbBasket(1, 5), fc.array(arbPrice, { maxLength: 50 }), (b, extra, prices) => {
        const engine = new IndexEngine(b);
        prices.forEach((p, k) => engine.applyTrade((k % b.constituents.length) as Slot, p, k, Session.Regular));
        for (const c of extra.constituents) {
          const before = engine.level;
          engine.addConstituent({ ...c, ticker: `X${c.ticker}` }, c.previousClose * 1.1, 1);
          expect(Math.abs(engine.level - before) / before).toBeLessThan(1e-12);
        }
        const before = engine.level;
        engine.removeConstituent(0 as Slot, 2);
        expect(Math.abs(engine.level - before) / before).toBeLessThan(1e-12);
        expect(engine.size).toBe(b.constituents.length + extra.constituents.length - 1);
        expect(engine.verify().ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
