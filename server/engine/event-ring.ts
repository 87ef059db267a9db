/** What the engine reports besides values: milestone crossings and divisor changes. */
export const EngineEventKind = {
  MilestoneUp: 1,
  MilestoneDown: 2,
  DivisorChange: 3,
} as const;
export type EngineEventKind = (typeof EngineEventKind)[keyof typeof EngineEventKind];

export interface EngineEvent {
  readonly kind: EngineEventKind;
  /** Epoch ms of the print or event that caused it. */
  readonly timeMs: number;
  /** Milestone threshold in USD, or the new divisor. */
  readonly value: number;
  /** Total market cap in USD right after the event. */
  readonly totalMarketCapUsd: number;
  /** For divisor changes: the symbol whose shares or membership changed. */
  readonly ticker: string;
}

/**
 * Fixed-capacity ring of engine events in typed arrays, so recording one from the hot path never
 * allocates. The frame builder drains it after every batch; if a drain comes too late the oldest
 * events are overwritten and `dropped` says how many, rather than growing without bound.
 */
export class EventRing {
  private readonly kinds: Uint8Array;
  private readonly times: Float64Array;
  private readonly values: Float64Array;
  private readonly totals: Float64Array;
  private readonly tickers: string[];
  private head: number;
  private count: number;
  private droppedTotal: number;

  constructor(capacity: number) {
    this.kinds = new Uint8Array(capacity);
    this.times = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
    this.totals = new Float64Array(capacity);
    this.tickers = new Array<string>(capacity).fill('');
    this.head = 0;
    this.count = 0;
    this.droppedTotal = 0;
  }

  get size(): number {
    return this.count;
  }

  /** Events overwritten before anyone drained them, since the engine started. */
  get dropped(): number {
    return this.droppedTotal;
  }

  push(kind: EngineEventKind, timeMs: number, value: number, totalUsd: number, ticker: string): void {
    const cap = this.kinds.length;
    const at = (this.head + this.count) % cap;
    this.kinds[at] = kind;
    this.times[at] = timeMs;
    this.values[at] = value;
    this.totals[at] = totalUsd;
    this.tickers[at] = ticker;
    if (this.count < cap) {
      this.count++;
    } else {
      this.head = (this.head + 1) % cap;
      this.droppedTotal++;
    }
  }

  drain(): EngineEvent[] {
    const cap = this.kinds.length;
    const out: EngineEvent[] = [];
    for (let k = 0; k < this.count; k++) {
      const at = (this.head + k) % cap;
      out.push({
        kind: this.kinds[at] as EngineEventKind,
        timeMs: this.times[at]!,
        value: this.values[at]!,
        totalMarketCapUsd: this.totals[at]!,
        ticker: this.tickers[at]!,
      });
    }
    this.head = 0;
    this.count = 0;
    return out;
  }
}
