/**
 * Reading what a feed is from its `status` channel, and the bars channels by name: helpers for pages
 * and bots that must say whether prices are live, simulated or replayed, and at what market time.
 */
import type { ChannelState } from './types.ts';

type StatusState = NonNullable<ChannelState['status']>;
type BarsState = NonNullable<ChannelState['bars']>;

export type FeedSourceName = 'live' | 'simulated' | 'replay' | 'unknown';

export interface FeedSourceInfo {
  readonly source: FeedSourceName;
  /** Market-clock ms per wall-clock ms; 0 = a replay as fast as possible. */
  readonly speed: number;
  /** What a page shows: `LIVE`, `SIMULATED`, `REPLAY ×10`, `REPLAY ×max`. */
  readonly label: string;
}

/** A FeedSource enum (a number in SDK states; a name in raw JSON frames) as a short name. */
export function feedSourceName(source: unknown): FeedSourceName {
  switch (source) {
    case 1:
    case 'SOURCE_LIVE':
      return 'live';
    case 2:
    case 'SOURCE_SIMULATED':
      return 'simulated';
    case 3:
    case 'SOURCE_REPLAY':
      return 'replay';
    default:
      return 'unknown';
  }
}

/** What the prices of a `status` channel state are. */
export function feedSource(status: StatusState | null | undefined): FeedSourceInfo {
  const source = feedSourceName(status?.source);
  const speed = typeof status?.speed === 'number' ? status.speed : 1;
  const times = speed === 0 ? 'max' : Number.isInteger(speed) ? String(speed) : String(Number(speed.toPrecision(3)));
  const label = source === 'replay' ? `REPLAY ×${times}` : source === 'unknown' ? '—' : source.toUpperCase();
  return { source, speed, label };
}

/**
 * The feed's market time (epoch ms) at this client's wall time `nowMs`, from the status channel's clock
 * anchor (the server re-sends it when its clock departs from it by over a second); NaN without one. A
 * replay as fast as possible (speed 0) reads the anchor itself.
 */
export function marketTimeMs(status: StatusState | null | undefined, nowMs: number = Date.now()): number {
  const market = status?.clockMarketMs;
  const wall = status?.clockWallMs;
  if (typeof market !== 'number' || typeof wall !== 'number' || wall <= 0) return Number.NaN;
  const speed = typeof status?.speed === 'number' ? status.speed : 1;
  return market + Math.max(0, nowMs - wall) * speed;
}

export type BarInterval = '1m' | '5m';

/** `bars.<ID>.<interval>` for an index id, `bars.<SYMBOL>.<interval>` for a ticker: one namespace. */
export function barsChannel(indexOrSymbol: string, interval: BarInterval = '1m'): string {
  return `bars.${indexOrSymbol}.${interval}`;
}

/** Whose bars a `bars.*` channel state holds: an index's level or a symbol's trades. */
export function barsOwner(bars: BarsState | null | undefined): { readonly kind: 'index' | 'symbol'; readonly id: string } | undefined {
  if (!bars) return undefined;
  if (bars.symbol) return { kind: 'symbol', id: bars.symbol };
  if (bars.index) return { kind: 'index', id: bars.index };
  return undefined;
}
