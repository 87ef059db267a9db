/** The SDK's readers of the status channel's source and clock, and the bars channel names. */
import { describe, expect, it } from 'vitest';
import { barsChannel, barsOwner, feedSource, marketTimeMs } from '../../client/sdk/index.ts';

describe('feedSource', () => {
  it('labels live, simulated and replays with their speed, from numbers or JSON names', () => {
    expect(feedSource({ source: 1, speed: 1 }).label).toBe('LIVE');
    expect(feedSource({ source: 2, speed: 60 })).toEqual({ source: 'simulated', speed: 60, label: 'SIMULATED' });
    expect(feedSource({ source: 3, speed: 10 }).label).toBe('REPLAY ×10');
    expect(feedSource({ source: 'SOURCE_REPLAY' as unknown as number, speed: 0 }).label).toBe('REPLAY ×max');
    expect(feedSource({ source: 3, speed: 0.5 }).label).toBe('REPLAY ×0.5');
    expect(feedSource(null).source).toBe('unknown');
  });
});

describe('marketTimeMs', () => {
  it('runs the anchor forward at the feed\'s speed', () => {
    const status = { speed: 60, clockMarketMs: 1_000_000, clockWallMs: 5_000 };
    expect(marketTimeMs(status, 6_000)).toBe(1_060_000);
    expect(marketTimeMs({ ...status, speed: 0 }, 6_000)).toBe(1_000_000);
    expect(marketTimeMs({}, 6_000)).toBeNaN();
  });
});

describe('bars channels', () => {
  it('name an index or a symbol, and say whose a state is', () => {
    expect(barsChannel('miners')).toBe('bars.miners.1m');
    expect(barsChannel('IREN', '5m')).toBe('bars.IREN.5m');
    expect(barsOwner({ symbol: 'IREN', bars: [] })).toEqual({ kind: 'symbol', id: 'IREN' });
    expect(barsOwner({ index: 'miners', bars: [] })).toEqual({ kind: 'index', id: 'miners' });
  });
});
