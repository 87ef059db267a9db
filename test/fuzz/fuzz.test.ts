/**
 * The fuzz tier's fast slice: 2,000 seeded malformed inputs per target (test/fuzz/run.ts says what
 * is thrown where and what is checked). `npm run fuzz` runs the full count (100,000 per target).
 */
import { describe, expect, it } from 'vitest';
import { runFuzz } from './run.ts';

const SLICE = 2_000;

describe('fuzz slice: 2,000 seeded malformed inputs per way in', () => {
  it('every input gets a typed error or a documented close; the server lives, its state is untouched, its RSS comes back', async () => {
    const report = await runFuzz({ seed: 20261206, perTarget: SLICE });
    for (const t of report.targets) {
      if (t.skipped !== undefined) continue;
      expect({ target: t.target, failures: t.failures, examples: t.examples }).toEqual({ target: t.target, failures: 0, examples: [] });
      expect(Object.values(t.outcomes).reduce((a, b) => a + b, 0)).toBe(SLICE);
    }
    expect(report.warmupFailures).toBe(0);
    expect(report.alive).toBe(true);
    expect(report.stateDiffers).toEqual([]);
    expect(report.acceptedTicks.a).toBe(report.acceptedTicks.b);
    expect(report.rssAfterBytes).toBeLessThanOrEqual(report.rssBaselineBytes * 1.1);
  }, 120_000);
});
