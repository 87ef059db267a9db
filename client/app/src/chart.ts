/**
 * The index chart (lightweight-charts v5): an area series of the level or 1-minute candles from
 * `bars.<id>.1m`, over a histogram on its own full-height scale that shades pre-market and
 * after-hours. Only the renderer calls in here, at most once per animation frame.
 */
import {
  AreaSeries,
  CandlestickSeries,
  ColorType,
  CrosshairMode,
  LineStyle,
  TickMarkType,
  createChart,
  type IChartApi,
  type ISeriesApi,
  type UTCTimestamp,
} from 'lightweight-charts';
import { SessionBands } from './bands.ts';
import { fmtClock, fmtDay, fmtHm } from './format.ts';
import { sessionName, type Bar, type SessionName } from './store.ts';

export type ChartMode = 'line' | 'candles';

interface Point {
  time: UTCTimestamp;
  value: number;
  session: SessionName;
}

const UP = '#26c281';
const DOWN = '#f0514f';
/** Live points kept for the line (one per second of exchange time): 6.5 h of a session. */
const MAX_LIVE = 24_000;

const sec = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;

export class PriceChart {
  readonly chart: IChartApi;
  readonly bands = new SessionBands();
  private readonly area: ISeriesApi<'Area'>;
  private readonly candles: ISeriesApi<'Candlestick'>;
  mode: ChartMode = 'line';
  /** Bar closes (history), then the live level points after them: strictly increasing in time. */
  private history: Point[] = [];
  private live: Point[] = [];
  private line: Point[] = [];
  private bars: readonly Bar[] = [];
  private lastCandle = 0;
  /** Keep every point in view (fitContent, at most once a second) until the user pans or zooms. */
  private autoFit = true;
  private fittedAt = 0;

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
        textColor: '#8b93a7',
        fontSize: 11,
        fontFamily: "ui-monospace, 'SF Mono', 'JetBrains Mono', Menlo, Consolas, monospace",
        attributionLogo: false,
      },
      grid: {
        vertLines: { color: 'rgba(255,255,255,0.035)' },
        horzLines: { color: 'rgba(255,255,255,0.05)' },
      },
      crosshair: {
        mode: CrosshairMode.Normal,
        vertLine: { color: 'rgba(200,210,230,0.35)', style: LineStyle.Dashed, labelBackgroundColor: '#2a3142' },
        horzLine: { color: 'rgba(200,210,230,0.35)', style: LineStyle.Dashed, labelBackgroundColor: '#2a3142' },
      },
      rightPriceScale: { borderColor: 'rgba(255,255,255,0.08)', scaleMargins: { top: 0.12, bottom: 0.08 } },
      timeScale: {
        borderColor: 'rgba(255,255,255,0.08)',
        timeVisible: true,
        secondsVisible: true,
        rightOffset: 3,
        minBarSpacing: 0.5,
        maxBarSpacing: 32,
        // Exchange time (America/New_York): days as "Nov 20", minutes as 10:02, seconds when zoomed in.
        tickMarkFormatter: (time: unknown, type: TickMarkType) => {
          const ms = (time as number) * 1000;
          return type === TickMarkType.TimeWithSeconds ? fmtClock(ms) : type === TickMarkType.Time ? fmtHm(ms) : fmtDay(ms);
        },
      },
      localization: {
        // Exchange time (America/New_York), whatever the viewer's zone.
        timeFormatter: (time: unknown) => `${fmtDay((time as number) * 1000)} ${fmtClock((time as number) * 1000)} ET`,
      },
    });
    this.chart.panes()[0]!.attachPrimitive(this.bands);
    this.area = this.chart.addSeries(AreaSeries, {
      lineColor: '#f7a600',
      topColor: 'rgba(247, 166, 0, 0.28)',
      bottomColor: 'rgba(247, 166, 0, 0.02)',
      lineWidth: 2,
      priceLineColor: 'rgba(247, 166, 0, 0.6)',
      priceLineStyle: LineStyle.Dotted,
      crosshairMarkerRadius: 3,
    });
    this.candles = this.chart.addSeries(CandlestickSeries, {
      upColor: UP,
      downColor: DOWN,
      borderUpColor: UP,
      borderDownColor: DOWN,
      wickUpColor: UP,
      wickDownColor: DOWN,
      visible: false,
    });
  }

  /** Sets the bar history; the live points of the line are kept (`keepLive`) or dropped. */
  reset(bars: readonly Bar[], keepLive: boolean): void {
    this.bars = bars;
    if (!keepLive) this.live = [];
    this.history = bars.map((b) => ({ time: sec(b.startMs ?? 0), value: b.close ?? 0, session: sessionName(b.session) }));
    this.joinLine();
    this.redraw();
    this.autoFit = true;
    this.fit();
  }

  /** Fits all points while they fit at a readable spacing; past that, the newest scroll into view. */
  private fit(): void {
    this.fittedAt = performance.now();
    const width = this.chart.timeScale().width();
    const n = this.pointCount();
    if (n === 0 || width === 0) return;
    if (n * (this.mode === 'line' ? 1 : 4) <= width) this.chart.timeScale().fitContent();
    else this.chart.timeScale().scrollToRealTime();
  }

  /** Called by the renderer each frame that changed the chart. */
  refit(): void {
    if (this.autoFit && performance.now() - this.fittedAt >= 1000) this.fit();
  }

  private joinLine(): void {
    const first = this.live[0];
    const cut = first ? this.history.findIndex((p) => p.time >= first.time) : -1;
    this.line = cut < 0 ? [...this.history, ...this.live] : [...this.history.slice(0, cut), ...this.live];
  }

  setMode(mode: ChartMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.redraw();
    this.autoFit = true;
    this.fit();
  }

  /** A new level of the index at exchange time `timeMs` (line mode draws it, one point per second). */
  addLevel(timeMs: number, level: number, session: SessionName): void {
    const time = sec(timeMs);
    const last = this.line[this.line.length - 1];
    if (last && time < last.time) return; // older than what is drawn (late print)
    if (last && time === last.time) {
      last.value = level;
      last.session = session;
    } else {
      const p = { time, value: level, session };
      this.line.push(p);
      this.live.push(p);
      if (this.live.length > MAX_LIVE * 1.25) {
        this.live.splice(0, this.live.length - MAX_LIVE);
        this.joinLine();
        if (this.mode === 'line') return this.redraw();
      }
    }
    if (this.mode !== 'line') return;
    const p = this.line[this.line.length - 1]!;
    this.area.update({ time: p.time, value: p.value });
    this.bands.put(this.line.length - 1, p.session);
  }

  /** Bars that changed (the current one, and the previous one when a new bar started). */
  updateBars(bars: readonly Bar[], all: readonly Bar[]): void {
    this.bars = all;
    if (this.mode !== 'candles') return;
    const sorted = [...bars].sort((a, b) => (a.startMs ?? 0) - (b.startMs ?? 0));
    for (const b of sorted) {
      const time = sec(b.startMs ?? 0);
      if (time < this.lastCandle) {
        this.candles.update(candle(b), true);
        continue;
      }
      this.candles.update(candle(b));
      this.bands.put(this.candles.data().length - 1, sessionName(b.session));
      this.lastCandle = time;
    }
  }

  /** Data points of the series on show (for tests and the status line). */
  pointCount(): number {
    return this.mode === 'line' ? this.area.data().length : this.candles.data().length;
  }

  private redraw(): void {
    if (this.mode === 'line') {
      this.candles.applyOptions({ visible: false });
      this.candles.setData([]);
      this.area.applyOptions({ visible: true });
      this.area.setData(this.line.map((p) => ({ time: p.time, value: p.value })));
      this.bands.set(this.line.map((p) => p.session));
      this.lastCandle = 0;
    } else {
      this.area.applyOptions({ visible: false });
      this.area.setData([]);
      this.candles.applyOptions({ visible: true });
      this.candles.setData(this.bars.map(candle));
      this.bands.set(this.bars.map((b) => sessionName(b.session)));
      const last = this.bars[this.bars.length - 1];
      this.lastCandle = last ? sec(last.startMs ?? 0) : 0;
    }
  }
}

function candle(b: Bar) {
  return { time: sec(b.startMs ?? 0), open: b.open ?? 0, high: b.high ?? 0, low: b.low ?? 0, close: b.close ?? 0 };
}
