import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Backoff, backoffCeiling, fullJitterDelay } from '../../client/sdk/backoff.ts';

const options = fc.record({ baseMs: fc.integer({ min: 0, max: 5_000 }), maxMs: fc.integer({ min: 0, max: 120_000 }) });
const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('full-jitter backoff', () => {
  it('draws every delay from [0, min(maxMs, baseMs · 2^attempt))', () => {
    fc.assert(
      fc.property(options, fc.integer({ min: 0, max: 10_000 }), unit, (o, attempt, r) => {
        const ceiling = Math.min(o.maxMs, o.baseMs * 2 ** Math.min(attempt, 31));
        const delay = fullJitterDelay(attempt, o, () => r);
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(ceiling);
        if (ceiling > 0) expect(delay).toBeLessThan(ceiling);
      }),
    );
  });

  it('uses the whole window: random 0 gives 0, random near 1 gives nearly the ceiling', () => {
    fc.assert(
      fc.property(options, fc.integer({ min: 0, max: 40 }), (o, attempt) => {
        const ceiling = backoffCeiling(attempt, o);
        expect(fullJitterDelay(attempt, o, () => 0)).toBe(0);
        expect(fullJitterDelay(attempt, o, () => 1 - 2 ** -53)).toBe(Math.max(0, Math.ceil(ceiling) - 1));
      }),
    );
  });

  it('widens the window geometrically up to the cap, and never yields NaN or Infinity', () => {
    fc.assert(
      fc.property(options, fc.integer({ min: 0, max: 100_000 }), (o, attempt) => {
        const c = backoffCeiling(attempt, o);
        expect(Number.isFinite(c)).toBe(true);
        expect(c).toBeLessThanOrEqual(o.maxMs);
        expect(backoffCeiling(attempt + 1, o)).toBeGreaterThanOrEqual(c);
      }),
    );
    expect([0, 1, 2, 3, 4, 5, 6].map((a) => backoffCeiling(a, { baseMs: 250, maxMs: 10_000 }))).toEqual([250, 500, 1000, 2000, 4000, 8000, 10_000]);
  });

  it('Backoff counts attempts and starts over after reset', () => {
    const ceilings: number[] = [];
    const b = new Backoff({ baseMs: 100, maxMs: 1_000 }, () => 0.999999);
    for (let i = 0; i < 6; i++) ceilings.push(b.next() + 1);
    expect(ceilings).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(b.attempt).toBe(6);
    b.reset();
    expect(b.attempt).toBe(0);
    expect(b.next()).toBeLessThan(100);
  });

  it('spreads a crowd over the window instead of a wave at its edge', () => {
    // 10,000 clients lose the same server: with full jitter their first retries are close to uniform.
    const delays = Array.from({ length: 10_000 }, () => fullJitterDelay(3, { baseMs: 250, maxMs: 10_000 }));
    const buckets = new Array<number>(10).fill(0);
    for (const d of delays) buckets[Math.floor(d / 200)]!++;
    for (const n of buckets) expect(n).toBeGreaterThan(800);
  });
});
