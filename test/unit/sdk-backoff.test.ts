/**
 * The one reconnect backoff (client/sdk/backoff.ts), used by the SDK and by the provider adapters:
 * full jitter over a window that doubles up to a cap, and a floor that no draw gets under.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Backoff, backoffCeiling, backoffOptions, DEFAULT_BACKOFF, fullJitterDelay, MIN_RETRY_DELAY_MS } from '../../client/sdk/backoff.ts';
import { PROVIDER_BACKOFF } from '../../server/sources/adapters/link.ts';

const windows = fc
  .record({ baseMs: fc.integer({ min: 1, max: 5_000 }), maxMs: fc.integer({ min: 1, max: 120_000 }), minMs: fc.double({ min: 0.001, max: 1_000, noNaN: true }) })
  .filter((o) => o.maxMs >= o.baseMs && o.maxMs >= o.minMs);
const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('reconnect backoff', () => {
  it('never retries at once: the worst draw (0) waits the 100 ms floor, for the SDK and the adapters alike', () => {
    const zero = () => 0;
    expect(new Backoff({ random: zero }).next().delayMs).toBe(MIN_RETRY_DELAY_MS);
    expect(new Backoff({ ...PROVIDER_BACKOFF, random: zero }).next().delayMs).toBe(MIN_RETRY_DELAY_MS);
    expect(fullJitterDelay(0, { ...DEFAULT_BACKOFF, random: zero })).toBe(100);
    // A long run of bad luck never gets under it either.
    const b = new Backoff({ random: zero });
    for (let i = 0; i < 50; i++) expect(b.next().delayMs).toBe(100);
  });

  it('draws every delay from [minMs, max(minMs, min(maxMs, baseMs · 2^attempt))], whatever random returns', () => {
    fc.assert(
      fc.property(windows, fc.integer({ min: 0, max: 10_000 }), fc.oneof(unit, fc.double()), (o, attempt, r) => {
        const ceiling = Math.max(o.minMs, Math.min(o.maxMs, o.baseMs * 2 ** Math.min(attempt, 31)));
        const delay = fullJitterDelay(attempt, { ...o, random: () => r });
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(o.minMs);
        expect(delay).toBeLessThanOrEqual(Math.ceil(ceiling));
        expect(backoffCeiling(attempt, { ...o, random: () => r })).toBe(ceiling);
      }),
    );
  });

  it('widens the window geometrically up to the cap; Backoff counts attempts and starts over after reset', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((a) => backoffCeiling(a))).toEqual([250, 500, 1000, 2000, 4000, 8000, 10_000]);
    expect(backoffCeiling(1e9)).toBe(10_000);
    const draws = [0, 0.999999, 0.5, 0, 0.999999, 0.5, 0.25];
    let i = 0;
    const b = new Backoff({ baseMs: 100, maxMs: 1000, minMs: 20, random: () => draws[i++ % draws.length]! });
    const steps = Array.from({ length: 7 }, () => b.next());
    expect(steps.map((s) => s.capMs)).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
    expect(steps.map((s) => s.attempt)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(steps.map((s) => s.delayMs)).toEqual([20, 200, 210, 20, 1000, 510, 265]);
    expect(b.attempt).toBe(7);
    b.reset();
    expect(b.attempt).toBe(0);
    expect(b.next().capMs).toBe(100);
  });

  it('spreads a crowd over the window instead of a wave at its edge', () => {
    // 10,000 clients lose the same server: their first retries are close to uniform over [100, 2000].
    const b = { ...DEFAULT_BACKOFF, random: Math.random };
    const delays = Array.from({ length: 10_000 }, () => fullJitterDelay(3, b));
    const buckets = new Array<number>(19).fill(0);
    for (const d of delays) buckets[Math.min(18, Math.floor((d - 100) / 100))]!++;
    for (const n of buckets) expect(n).toBeGreaterThan(400); // 526 expected per bucket
  });

  it('refuses options that would retry at once or never widen', () => {
    for (const bad of [{ minMs: 0 }, { minMs: -5 }, { baseMs: 0 }, { baseMs: 100, maxMs: 50 }, { minMs: 20_000 }, { maxMs: Infinity }, { baseMs: Number.NaN }]) {
      expect(() => new Backoff(bad), JSON.stringify(bad)).toThrow(RangeError);
    }
    expect(backoffOptions({ baseMs: 50 })).toEqual({ ...DEFAULT_BACKOFF, baseMs: 50 });
  });
});
