/**
 * OHLC bars of an index level. The level is sampled after every ingest batch (the granularity at
 * which the feed publishes it), so a bar's high and low are the extremes subscribers could have seen.
 */
import type { hashcap } from '../../proto/wire.ts';
import type { Session } from '../market/session-types.ts';

type IBar = hashcap.v1.IBar;
type IBarsState = hashcap.v1.IBarsState;

export class BarSeries {
  readonly index: string;
  readonly intervalS: number;
  readonly maxBars: number;
  private readonly bars: IBar[];
  private readonly changed: Set<IBar>;

  constructor(index: string, intervalS: number, maxBars: number) {
    this.index = index;
    this.intervalS = intervalS;
    this.maxBars = maxBars;
    this.bars = [];
    this.changed = new Set();
  }

  /** Adds a sample: the level at `timeMs` (event time), after `prints` more trade prints of the index's constituents. */
  sample(level: number, timeMs: number, prints: number, session: Session): void {
    const ms = this.intervalS * 1000;
    const start = Math.floor(timeMs / ms) * ms;
    const current = this.bars[this.bars.length - 1];
    if (current && current.startMs === start) {
      current.high = Math.max(current.high!, level);
      current.low = Math.min(current.low!, level);
      current.close = level;
      current.prints = (current.prints ?? 0) + prints;
      this.changed.add(current);
      return;
    }
    // A print older than the current bar (late or out of order) updates nothing rather than
    // reopening a closed bar.
    if (current && start < current.startMs!) return;
    const bar: IBar = { startMs: start, open: level, high: level, low: level, close: level, prints, session };
    this.bars.push(bar);
    if (this.bars.length > this.maxBars) this.bars.shift();
    this.changed.add(bar);
  }

  full(): IBarsState {
    return { index: this.index, intervalS: this.intervalS, maxBars: this.maxBars, bars: this.bars.map((b) => ({ ...b })) };
  }

  /** The bars that changed since the last call, or null. */
  drainChanges(): IBarsState | null {
    if (this.changed.size === 0) return null;
    const bars = [...this.changed].map((b) => ({ ...b }));
    this.changed.clear();
    return { bars };
  }
}
