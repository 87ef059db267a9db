/**
 * The page's state, updated on every SDK event, and the dirty flags the renderer drains once per
 * animation frame. Event handlers do O(changed fields) work and never touch the DOM: under a raw feed
 * there can be thousands of deltas per second, and the page paints at most 60 times.
 */
import type { ChannelState, ConnectionState, DeltaEvent, SnapshotEvent } from '@hashcap/client';

export type IndexState = NonNullable<ChannelState['index']>;
export type Constituent = NonNullable<IndexState['constituents']>[number];
export type BarsState = NonNullable<ChannelState['bars']>;
export type Bar = NonNullable<BarsState['bars']>[number];
export type StatusState = NonNullable<ChannelState['status']>;
export type Quote = NonNullable<NonNullable<ChannelState['quotes']>['quotes']>[number];
export type IntervalS = 60 | 300;

export type SessionName = 'PRE' | 'REG' | 'POST' | 'CLOSED';

/** Session enums arrive as numbers (protobuf) or names (JSON mapping). */
export function sessionName(v: unknown): SessionName {
  switch (v) {
    case 1: case 'SESSION_PRE': return 'PRE';
    case 2: case 'SESSION_REGULAR': return 'REG';
    case 3: case 'SESSION_POST': return 'POST';
    default: return 'CLOSED';
  }
}

const LAG_SAMPLES = 64;

export interface Notice {
  readonly text: string;
  readonly kind: 'info' | 'warn' | 'error' | 'good';
  readonly atMs: number;
}

export class Store {
  connection: ConnectionState = 'connecting';
  readonly indexIds: string[] = [];
  readonly indexNames = new Map<string, string>();
  selected: string;
  readonly indexes = new Map<string, IndexState>();
  /** Index bars by `${id}.${intervalS}`. */
  readonly bars = new Map<string, BarsState>();
  /** Symbol bars by `${symbol}.${intervalS}` (5m for the table's sparklines and ranges, 1m for a drill-down). */
  readonly symbolBars = new Map<string, BarsState>();
  /** quotes.* (conflated): volume and bid/ask per symbol. */
  readonly quotes = new Map<string, Quote>();
  status: StatusState | null = null;
  /** The chart's interval: the 1m or 5m bars of the selected index. */
  interval: IntervalS = 60;
  /** The constituent whose drill-down is open, or null. */
  drill: string | null = null;
  /** Local clock of the last delta applied (any channel). */
  lastUpdateMs = 0;
  /** Exchange time of the newest print seen on the selected index. */
  lastEventTimeMs = 0;
  deltas = 0;
  /** Feed lag samples (ms), a ring; `lagSource` says which clocks they compare. */
  private readonly lags = new Float64Array(LAG_SAMPLES);
  private lagCount = 0;
  private lagAt = 0;
  lagSource: 'event' | 'send' = 'event';
  readonly notices: Notice[] = [];

  // ------------------------------------------------------------------ dirty flags (drained by the renderer)
  dirtyHeader = true;
  dirtySelector = true;
  dirtyStatus = true;
  dirtyConnection = true;
  /** Set by a 4 Hz timer: lag, last print and rate are rewritten then, not on every frame. */
  statusTick = true;
  /** Tickers whose row changed; `allRows` = rebuild the table (snapshot, index switch). */
  readonly dirtyRows = new Set<string>();
  /** Tickers whose quote or day bars changed: volume, bid × ask, range and sparkline cells. */
  readonly dirtyQuotes = new Set<string>();
  /** The drill-down's quote, figures or bars changed; `drillReset` = draw its chart again. */
  dirtyDrill = false;
  drillReset = false;
  allRows = true;
  /** Bars to update on the chart; `chartReset` = set the whole series again. */
  readonly dirtyBars = new Set<Bar>();
  chartReset = true;
  /** Also drop the live line (new index, or the server restarted: its clock may start over). */
  liveReset = true;
  private readonly epochs = new Map<string, number>();
  /** The selected index's level moved: the line series gets a point. */
  dirtyLevel = false;
  noticeQueue: Notice[] = [];

  constructor(selected: string) {
    this.selected = selected;
  }

  get index(): IndexState | undefined {
    return this.indexes.get(this.selected);
  }

  get selectedBars(): BarsState | undefined {
    return this.bars.get(`${this.selected}.${this.interval}`);
  }

  setInterval(interval: IntervalS): void {
    if (interval === this.interval) return;
    this.interval = interval;
    this.chartReset = true;
    this.dirtyBars.clear();
  }

  openDrill(symbol: string | null): void {
    this.drill = symbol;
    this.dirtyDrill = this.drillReset = true;
  }

  /** Adds index ids to the selector; `inServerOrder` puts the given ones first, in that order. */
  setIndexIds(ids: readonly string[], inServerOrder = false): void {
    const rest = this.indexIds.filter((id) => !ids.includes(id));
    const next = inServerOrder ? [...ids, ...rest] : [...this.indexIds, ...ids.filter((id) => !this.indexIds.includes(id))];
    this.indexIds.splice(0, this.indexIds.length, ...next);
    this.dirtySelector = true;
  }

  select(id: string): void {
    if (id === this.selected) return;
    this.selected = id;
    this.markAll();
  }

  markAll(): void {
    this.dirtyHeader = this.dirtySelector = this.dirtyStatus = true;
    this.allRows = true;
    this.dirtyRows.clear();
    this.chartReset = true;
    this.liveReset = true;
    this.dirtyBars.clear();
  }

  setConnection(state: ConnectionState): void {
    if (state === this.connection) return;
    this.connection = state;
    this.dirtyConnection = true;
  }

  onSnapshot(e: SnapshotEvent): void {
    const s = e.state;
    const newEpoch = this.epochs.get(e.channel) !== e.epoch;
    this.epochs.set(e.channel, e.epoch);
    if (s.index) {
      const id = s.index.id ?? e.channel.slice('index.'.length);
      this.indexes.set(id, s.index);
      if (s.index.name) this.indexNames.set(id, s.index.name);
      if (!this.indexIds.includes(id)) this.setIndexIds([id]);
      this.dirtySelector = true;
      if (id === this.selected) {
        this.dirtyHeader = true;
        this.allRows = true;
        this.dirtyRows.clear();
        if (newEpoch) {
          this.lastEventTimeMs = 0;
          this.chartReset = this.liveReset = true;
        }
      }
    } else if (s.bars) {
      const id = s.bars.index || s.bars.symbol || e.channel.split('.')[1] || '';
      const key = `${id}.${s.bars.intervalS ?? 60}`;
      if (s.bars.symbol) {
        this.symbolBars.set(key, s.bars);
        this.dirtyQuotes.add(id);
        if (id === this.drill) this.dirtyDrill = this.drillReset = true;
        return;
      }
      this.bars.set(key, s.bars);
      if (id === this.selected && (s.bars.intervalS ?? 60) === this.interval) {
        this.chartReset = true;
        if (newEpoch) this.liveReset = true;
        this.dirtyBars.clear();
      }
    } else if (s.quotes) {
      for (const q of s.quotes.quotes ?? []) this.putQuote(q);
    } else if (s.status) {
      this.status = s.status;
      this.dirtyStatus = true;
    }
  }

  onDelta(e: DeltaEvent): void {
    this.deltas++;
    this.lastUpdateMs = Date.now();
    const c = e.changes;
    if (c.index) {
      const id = c.index.id || e.channel.slice('index.'.length);
      if (e.state.index) this.indexes.set(id, e.state.index);
      if (id !== this.selected) return;
      this.sampleLag(e.eventTimeMs, e.sendTimeMs);
      if (e.eventTimeMs > this.lastEventTimeMs) this.lastEventTimeMs = e.eventTimeMs;
      this.dirtyHeader = true;
      if (c.index.level != null) this.dirtyLevel = true;
      const changed = c.index.constituents;
      if (changed) for (let i = 0; i < changed.length; i++) this.dirtyRows.add(changed[i]!.ticker ?? '');
      if (c.index.removed && c.index.removed.length > 0) this.allRows = true;
    } else if (c.bars) {
      const state = e.state.bars;
      const id = state?.index || state?.symbol || e.channel.split('.')[1] || '';
      const intervalS = state?.intervalS ?? 60;
      if (state?.symbol) {
        this.symbolBars.set(`${id}.${intervalS}`, state);
        this.dirtyQuotes.add(id);
        if (id === this.drill) this.dirtyDrill = true;
        return;
      }
      if (state) this.bars.set(`${id}.${intervalS}`, state);
      if (id !== this.selected || intervalS !== this.interval || this.chartReset) return;
      // The SDK merged the changes into its state: mark its bar objects (the ones the chart reads).
      const bars = e.state.bars?.bars ?? [];
      const changed = c.bars.bars ?? [];
      for (const ch of changed) {
        for (let i = bars.length - 1; i >= 0 && i >= bars.length - 4; i--) {
          if (bars[i]!.startMs === ch.startMs) {
            this.dirtyBars.add(bars[i]!);
            break;
          }
        }
      }
    } else if (c.quotes) {
      const all = e.state.quotes?.quotes ?? [];
      for (const q of c.quotes.quotes ?? []) {
        const full = all.find((x) => x.symbol === q.symbol);
        if (full) this.putQuote(full);
      }
    } else if (c.status) {
      if (e.state.status) this.status = e.state.status;
      this.dirtyStatus = true;
      for (const n of c.status.notices ?? []) {
        this.notify(`Server: ${n.message || n.kind || 'notice'}`, n.kind === 'info' ? 'info' : 'warn');
      }
      for (const m of c.status.milestones ?? []) {
        const name = this.indexNames.get(m.index ?? '') ?? m.index ?? '';
        const t = (m.thresholdUsd ?? 0) / 1e9;
        this.notify(`${name}: market cap ${m.upward ? 'crossed above' : 'fell below'} $${t}B`, m.upward ? 'good' : 'warn');
      }
    }
  }

  private putQuote(q: Quote): void {
    const symbol = q.symbol ?? '';
    this.quotes.set(symbol, q);
    this.dirtyQuotes.add(symbol);
    if (symbol === this.drill) this.dirtyDrill = true;
  }

  private sampleLag(eventTimeMs: number, sendTimeMs: number): void {
    const now = Date.now();
    let lag = now - eventTimeMs;
    // A simulated market clock (npm start --clock) runs hours away from the wall clock: exchange time
    // then says nothing about lag, so fall back to the server's send time.
    if (!(lag > -5_000 && lag < 600_000)) {
      lag = now - sendTimeMs;
      this.lagSource = 'send';
    } else {
      this.lagSource = 'event';
    }
    this.lags[this.lagAt] = lag;
    this.lagAt = (this.lagAt + 1) % LAG_SAMPLES;
    if (this.lagCount < LAG_SAMPLES) this.lagCount++;
  }

  /** Median of the last samples, or NaN before the first. */
  medianLag(): number {
    const n = this.lagCount;
    if (n === 0) return Number.NaN;
    const xs = Array.from(this.lags.subarray(0, n)).sort((a, b) => a - b);
    return n % 2 === 1 ? xs[(n - 1) / 2]! : (xs[n / 2 - 1]! + xs[n / 2]!) / 2;
  }

  notify(text: string, kind: Notice['kind'] = 'info'): void {
    const n: Notice = { text, kind, atMs: Date.now() };
    this.notices.push(n);
    if (this.notices.length > 200) this.notices.splice(0, this.notices.length - 200);
    this.noticeQueue.push(n);
  }
}
