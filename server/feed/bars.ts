/**
 * OHLC bars of an index level or of a symbol's last trade price. An index level is sampled after
 * every ingest batch (the granularity at which the feed publishes it), so a bar's high and low are the
 * extremes subscribers could have seen; a symbol is sampled after each batch that traded it.
 *
 * History holds a full extended day (04:00–20:00 ET) at the series' interval. Sampling into the
 * current bar allocates nothing; a new bar is one object per interval.
 */
import type { hashcap } from '../../proto/wire.ts';
import type { Session } from '../market/session-types.ts';

type IBar = hashcap.v1.IBar;
type IBarsState = hashcap.v1.IBarsState;

/** 04:00–20:00 ET: pre-market, the regular session and after-hours. */
export const EXTENDED_DAY_S = 16 * 3600;

/** Bars in a full extended day at this interval: 960 one-minute bars, 192 five-minute ones. */
export function barsPerExtendedDay(intervalS: number): number {
  return Math.ceil(EXTENDED_DAY_S / intervalS);
}

export type BarOwner = { readonly index: string } | { readonly symbol: string };

export class BarSeries {
  readonly owner: BarOwner;
  /** bars.<ID|SYMBOL>.<1m|5m> */
  readonly channel: string;
  readonly intervalS: number;
  readonly maxBars: number;
  private readonly bars: IBar[];
  private readonly changed: Set<IBar>;

  constructor(owner: string | BarOwner, intervalS: number, maxBars: number = barsPerExtendedDay(intervalS)) {
    this.owner = typeof owner === 'string' ? { index: owner } : owner;
    this.channel = `bars.${'index' in this.owner ? this.owner.index : this.owner.symbol}.${intervalS / 60}m`;
    this.intervalS = intervalS;
    this.maxBars = maxBars;
    this.bars = [];
    this.changed = new Set();
  }

  get hasChanges(): boolean {
    return this.changed.size > 0;
  }

  /**
   * Adds a sample: the value at `timeMs` (event time), after `prints` more trade prints and `volume`
   * more shares (symbol bars; index bars pass 0 and carry no volume). Returns true when the series had
   * no pending change before (the caller queues it once for the next drain).
   */
  sample(value: number, timeMs: number, prints: number, session: Session, volume = 0): boolean {
    const first = this.changed.size === 0;
    const ms = this.intervalS * 1000;
    const start = Math.floor(timeMs / ms) * ms;
    const current = this.bars[this.bars.length - 1];
    if (current && current.startMs === start) {
      if (value > current.high!) current.high = value;
      if (value < current.low!) current.low = value;
      current.close = value;
      if (prints > 0) current.prints = (current.prints ?? 0) + prints;
      if (volume > 0) current.volume = (current.volume ?? 0) + volume;
      this.changed.add(current);
      return first;
    }
    // A print older than the current bar (late or out of order) updates nothing rather than
    // reopening a closed bar.
    if (current && start < current.startMs!) return false;
    const bar: IBar = { startMs: start, open: value, high: value, low: value, close: value, prints, session };
    if ('symbol' in this.owner) bar.volume = volume;
    this.bars.push(bar);
    if (this.bars.length > this.maxBars) this.bars.shift();
    this.changed.add(bar);
    return first;
  }

  full(): IBarsState {
    const state: IBarsState = { intervalS: this.intervalS, maxBars: this.maxBars, bars: this.bars.map((b) => ({ ...b })) };
    if ('index' in this.owner) state.index = this.owner.index;
    else state.symbol = this.owner.symbol;
    return state;
  }

  /** The bars that changed since the last call, or null. */
  drainChanges(): IBarsState | null {
    if (this.changed.size === 0) return null;
    const bars = [...this.changed].map((b) => ({ ...b }));
    this.changed.clear();
    return { bars };
  }

  /** Forgets the pending changes without copying them (nobody follows the channel). */
  discardChanges(): void {
    this.changed.clear();
  }
}
