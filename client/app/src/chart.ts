/**
 * A day chart (lightweight-charts v5): the closes of 1m or 5m bars as an area, or the bars as candles,
 * on a time scale that spans the whole extended day (04:00–20:00 ET, empty slots for what has not
 * happened yet), over session shading, with the previous close as a dashed line and milestone
 * crossings as markers. The index chart and a constituent's drill-down are two of these. Only the
 * renderer calls in here, at most once per animation frame.
 */
import {
  AreaSeries,
  CandlestickSeries,
  ColorType,
  CrosshairMode,
  LineStyle,
  TickMarkType,
  createChart,
  createSeriesMarkers,
  type AutoscaleInfo,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
  type WhitespaceData,
} from 'lightweight-charts';
import { SessionBands } from './bands.ts';
import { fmtClock, fmtDay, fmtHm, isNyWeekend, nyTimeOfDay } from './format.ts';
import { sessionName, type Bar, type SessionName } from './store.ts';
import type { ThemeColors } from './theme.ts';

export type ChartMode = 'line' | 'candles';

export interface Crossing {
  readonly timeMs: number;
  readonly label: string;
  readonly up: boolean;
}

const sec = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;

/** The session a slot of the day falls in by the clock (bars say it themselves; empty slots need this). */
function sessionByClock(ms: number, dayStartMs: number): SessionName {
  const h = (ms - dayStartMs) / 3600_000; // hours since 04:00 ET
  return h < 0 ? 'CLOSED' : h < 5.5 ? 'PRE' : h < 12 ? 'REG' : h < 16 ? 'POST' : 'CLOSED';
}

type Slot = { time: UTCTimestamp; bar: Bar | null; session: SessionName };

export class PriceChart {
  readonly chart: IChartApi;
  readonly bands = new SessionBands();
  private readonly area: ISeriesApi<'Area'>;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly areaMarkers: ISeriesMarkersPluginApi<Time>;
  private readonly candleMarkers: ISeriesMarkersPluginApi<Time>;
  private prevLines: IPriceLine[] = [];
  private prevClose = Number.NaN;
  mode: ChartMode = 'line';
  private intervalS = 60;
  private bars: readonly Bar[] = [];
  /** The day's slots, real bars and empty ones, in time order; `lastSlot` is the time of the last one. */
  private slots: Slot[] = [];
  private lastSlot = 0 as UTCTimestamp;
  private dayStartMs = 0;
  private crossings: readonly Crossing[] = [];
  private colors: ThemeColors | null = null;
  /** Keep the whole day in view until the user pans or zooms; then keep their window across switches. */
  private autoFit = true;

  constructor(container: HTMLElement) {
    const manual = () => {
      this.autoFit = false;
    };
    container.addEventListener('wheel', manual, { passive: true });
    container.addEventListener('pointerdown', manual);
    container.addEventListener('dblclick', () => {
      this.autoFit = true;
      this.fit();
    });
    this.chart = createChart(container, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: 'transparent' },
        fontSize: 11,
        fontFamily: "ui-monospace, 'SF Mono', 'JetBrains Mono', Menlo, Consolas, monospace",
        attributionLogo: false,
      },
      crosshair: { mode: CrosshairMode.Normal },
      rightPriceScale: { scaleMargins: { top: 0.12, bottom: 0.08 } },
      timeScale: {
        timeVisible: true,
        secondsVisible: false,
        rightOffset: 2,
        minBarSpacing: 0.2,
        maxBarSpacing: 32,
        // Exchange time (America/New_York): days as "Nov 20", minutes as 10:02.
        tickMarkFormatter: (time: unknown, type: TickMarkType) => {
          const ms = (time as number) * 1000;
          return type === TickMarkType.TimeWithSeconds ? fmtClock(ms) : type === TickMarkType.Time ? fmtHm(ms) : fmtDay(ms);
        },
      },
      localization: {
        timeFormatter: (time: unknown) => `${fmtDay((time as number) * 1000)} ${fmtHm((time as number) * 1000)} ET`,
      },
    });
    this.chart.panes()[0]!.attachPrimitive(this.bands);
    // The previous close stays in view: it is the line the day's change is measured from.
    const withPrevClose = (base: () => AutoscaleInfo | null): AutoscaleInfo | null => {
      const info = base();
      const p = this.prevClose;
      if (!info || !info.priceRange || !Number.isFinite(p)) return info;
      return { ...info, priceRange: { minValue: Math.min(info.priceRange.minValue, p), maxValue: Math.max(info.priceRange.maxValue, p) } };
    };
    this.area = this.chart.addSeries(AreaSeries, { lineWidth: 2, priceLineStyle: LineStyle.Dotted, crosshairMarkerRadius: 3, autoscaleInfoProvider: withPrevClose });
    this.candles = this.chart.addSeries(CandlestickSeries, { visible: false, autoscaleInfoProvider: withPrevClose });
    // A chart laid out while hidden (the drill-down's) or resized keeps showing the whole day.
    this.chart.timeScale().subscribeSizeChange(() => this.fit());
    this.areaMarkers = createSeriesMarkers(this.area, []);
    this.candleMarkers = createSeriesMarkers(this.candles, []);
  }

  theme(c: ThemeColors): void {
    this.colors = c;
    this.chart.applyOptions({
      layout: { textColor: c.muted },
      grid: { vertLines: { color: c.grid }, horzLines: { color: c.grid } },
      crosshair: {
        vertLine: { color: c.muted, style: LineStyle.Dashed, labelBackgroundColor: c.panel2 },
        horzLine: { color: c.muted, style: LineStyle.Dashed, labelBackgroundColor: c.panel2 },
      },
      rightPriceScale: { borderColor: c.line },
      timeScale: { borderColor: c.line },
    });
    this.area.applyOptions({ lineColor: c.accent, topColor: c.accentFill, bottomColor: 'rgba(0,0,0,0)', priceLineColor: c.accent });
    this.candles.applyOptions({ upColor: c.up, downColor: c.down, borderUpColor: c.up, borderDownColor: c.down, wickUpColor: c.up, wickDownColor: c.down });
    this.bands.theme(c);
    for (const l of this.prevLines) l.applyOptions({ color: c.muted });
    this.paintMarkers();
  }

  /**
   * Sets the bars and the day they belong to (the New York day of `dayOfMs`): the time scale covers
   * 04:00–20:00 ET of that day at the bars' interval, and any bar outside it.
   */
  reset(bars: readonly Bar[], intervalS: number, dayOfMs: number): void {
    const range = this.autoFit ? null : this.chart.timeScale().getVisibleRange();
    this.bars = bars;
    this.intervalS = intervalS;
    this.dayStartMs = nyTimeOfDay(dayOfMs, 4);
    this.buildSlots();
    this.redraw();
    if (range) {
      try {
        this.chart.timeScale().setVisibleRange(range);
      } catch {
        this.autoFit = true;
      }
    }
    this.fit();
  }

  /** The line the day's change is measured from (the index's previous level, a stock's previous close). */
  setPrevClose(value: number | null | undefined): void {
    const v = typeof value === 'number' && Number.isFinite(value) ? value : Number.NaN;
    if (Object.is(v, this.prevClose)) return;
    this.prevClose = v;
    for (const [i, s] of [this.area, this.candles].entries()) {
      const line = this.prevLines[i];
      if (Number.isNaN(v)) {
        if (line) s.removePriceLine(line);
        continue;
      }
      if (line) line.applyOptions({ price: v });
      else this.prevLines[i] = s.createPriceLine({ price: v, color: this.colors?.muted ?? '#888', lineWidth: 1, lineStyle: LineStyle.Dashed, axisLabelVisible: true, title: 'prev close' });
    }
    if (Number.isNaN(v)) this.prevLines = [];
  }

  /** Milestone crossings, marked on the bar they happened in. */
  setCrossings(crossings: readonly Crossing[]): void {
    this.crossings = crossings;
    this.paintMarkers();
  }

  setMode(mode: ChartMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    const range = this.autoFit ? null : this.chart.timeScale().getVisibleRange();
    this.redraw();
    if (range) this.chart.timeScale().setVisibleRange(range);
    this.fit();
  }

  /** Bars that changed (the current one, and the previous one when a new bar started). */
  updateBars(changed: readonly Bar[], all: readonly Bar[]): void {
    this.bars = all;
    const sorted = [...changed].sort((a, b) => (a.startMs ?? 0) - (b.startMs ?? 0));
    for (const b of sorted) {
      const time = sec(b.startMs ?? 0);
      const series = this.mode === 'line' ? this.area : this.candles;
      const point = this.mode === 'line' ? { time, value: b.close ?? 0 } : candle(b);
      const slot = this.slotAt(time);
      if (slot) {
        slot.bar = b;
        try {
          (series as ISeriesApi<'Area' | 'Candlestick'>).update(point as never, time < this.lastSlot);
        } catch {
          return this.refill();
        }
      } else if (time > this.lastSlot) {
        // Past the day's last slot (after 20:00 ET): appended, and the shading follows.
        this.slots.push({ time, bar: b, session: sessionName(b.session) });
        this.lastSlot = time;
        (series as ISeriesApi<'Area' | 'Candlestick'>).update(point as never);
        this.bands.put(this.slots.length - 1, sessionName(b.session));
      } else {
        return this.refill(); // a bar between slots (another day's): lay the day out again
      }
    }
    if (this.crossings.length > 0) this.paintMarkers();
  }

  /** Bars on show (empty slots of the day not counted), for tests and the status line. */
  pointCount(): number {
    let n = 0;
    for (const s of this.slots) if (s.bar) n++;
    return n;
  }

  /** Slots of the day on the time scale, and the first and last (epoch ms), for tests. */
  span(): { slots: number; firstMs: number; lastMs: number } {
    return { slots: this.slots.length, firstMs: (this.slots[0]?.time ?? 0) * 1000, lastMs: this.lastSlot * 1000 };
  }

  get prevCloseValue(): number | null {
    return Number.isFinite(this.prevClose) ? this.prevClose : null;
  }

  markerCount(): number {
    return (this.mode === 'line' ? this.areaMarkers : this.candleMarkers).markers().length;
  }

  visibleRange(): { from: number; to: number } | null {
    const r = this.chart.timeScale().getVisibleRange();
    return r ? { from: (r.from as number) * 1000, to: (r.to as number) * 1000 } : null;
  }

  private refill(): void {
    this.buildSlots();
    this.redraw();
  }

  private slotAt(time: UTCTimestamp): Slot | undefined {
    // Slots are on the interval's grid from 04:00 ET; a bar's start is on it too.
    const step = this.intervalS;
    const first = this.slots[0];
    if (!first) return undefined;
    const guess = Math.round((time - first.time) / step);
    const s = this.slots[guess];
    if (s && s.time === time) return s;
    for (let i = this.slots.length - 1; i >= 0; i--) {
      const x = this.slots[i]!;
      if (x.time === time) return x;
      if (x.time < time) break;
    }
    return undefined;
  }

  private buildSlots(): void {
    const step = this.intervalS;
    const from = sec(this.dayStartMs);
    const to = sec(this.dayStartMs + 16 * 3600_000 - step * 1000);
    const byTime = new Map<number, Bar>();
    for (const b of this.bars) byTime.set(sec(b.startMs ?? 0), b);
    const times = new Set<number>(byTime.keys());
    for (let t: number = from; t <= to; t += step) times.add(t);
    const sorted = [...times].sort((a, b) => a - b);
    const weekend = isNyWeekend(this.dayStartMs);
    this.slots = sorted.map((t) => {
      const bar = byTime.get(t) ?? null;
      const session = bar ? sessionName(bar.session) : weekend ? 'CLOSED' : sessionByClock(t * 1000, this.dayStartMs);
      return { time: t as UTCTimestamp, bar, session };
    });
    this.lastSlot = (sorted[sorted.length - 1] ?? 0) as UTCTimestamp;
  }

  private redraw(): void {
    const blank = (s: Slot): WhitespaceData<Time> => ({ time: s.time });
    if (this.mode === 'line') {
      this.candles.applyOptions({ visible: false });
      this.candles.setData([]);
      this.area.applyOptions({ visible: true });
      this.area.setData(this.slots.map((s) => (s.bar ? { time: s.time, value: s.bar.close ?? 0 } : blank(s))));
    } else {
      this.area.applyOptions({ visible: false });
      this.area.setData([]);
      this.candles.applyOptions({ visible: true });
      this.candles.setData(this.slots.map((s) => (s.bar ? candle(s.bar) : blank(s))));
    }
    this.bands.set(this.slots.map((s) => s.session));
    this.paintMarkers();
  }

  private paintMarkers(): void {
    const step = this.intervalS * 1000;
    const c = this.colors;
    const markers: SeriesMarker<Time>[] = [];
    for (const x of this.crossings) {
      const time = sec(Math.floor(x.timeMs / step) * step);
      if (!this.slotAt(time)?.bar) continue; // a marker needs a bar to stand on
      markers.push({
        time,
        position: x.up ? 'aboveBar' : 'belowBar',
        shape: x.up ? 'arrowDown' : 'arrowUp',
        color: c ? c.accent : '#f7a600',
        text: x.label,
      });
    }
    markers.sort((a, b) => (a.time as number) - (b.time as number));
    this.areaMarkers.setMarkers(this.mode === 'line' ? markers : []);
    this.candleMarkers.setMarkers(this.mode === 'candles' ? markers : []);
  }

  /** The whole day: every slot from 04:00 ET to the last, whatever has happened yet. */
  private fit(): void {
    if (!this.autoFit || this.slots.length === 0) return;
    this.chart.timeScale().setVisibleLogicalRange({ from: -0.5, to: this.slots.length - 0.5 + 2 });
  }
}

function candle(b: Bar) {
  return { time: sec(b.startMs ?? 0), open: b.open ?? 0, high: b.high ?? 0, low: b.low ?? 0, close: b.close ?? 0 };
}
