/**
 * A constituent's day: a dialog with its quote details and an intraday chart from
 * `bars.<SYMBOL>.1m` (subscribed while open, history from the snapshot), against its previous close.
 * Escape, the close button or the backdrop close it, and focus returns to the row it came from.
 */
import type { PriceChart } from './chart.ts';
import { DASH, fmtClock, fmtContribution, fmtPrice, fmtSignedLevel, fmtSignedPct, fmtUsd, fmtVolume, fmtWeight, direction } from './format.ts';
import type { Store } from './store.ts';
import type { ThemeColors } from './theme.ts';

const $ = (id: string): HTMLElement => document.getElementById(id)!;

export class DrillDown {
  private readonly panel = $('drill');
  private readonly backdrop = $('drill-backdrop');
  private chart: PriceChart | null = null;
  private colors: ThemeColors | null = null;
  private returnFocus: HTMLElement | null = null;
  private readonly text = new Map<HTMLElement, string>();

  constructor(
    private readonly store: Store,
    private readonly chartCode: () => Promise<typeof import('./chart.ts')>,
    private readonly follow: (channels: string[]) => void,
    private readonly unfollow: (channels: string[]) => void,
    private readonly changed: () => void,
  ) {
    $('drill-close').addEventListener('click', () => this.close());
    this.backdrop.addEventListener('click', () => this.close());
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.store.drill) this.close();
    });
  }

  theme(c: ThemeColors): void {
    this.colors = c;
    this.chart?.theme(c);
  }

  open(symbol: string): void {
    if (this.store.drill === symbol) return;
    if (this.store.drill) this.unfollow([`bars.${this.store.drill}.1m`]);
    this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.store.openDrill(symbol);
    this.follow([`bars.${symbol}.1m`]);
    this.panel.hidden = false;
    this.backdrop.hidden = false;
    if (!this.chart) {
      void this.chartCode().then(({ PriceChart }) => {
        if (this.chart) return;
        this.chart = new PriceChart($('drill-chart'));
        if (this.colors) this.chart.theme(this.colors);
        this.store.dirtyDrill = this.store.drillReset = true;
        this.changed();
      });
    }
    $('drill-close').focus();
    this.changed();
  }

  close(): void {
    const symbol = this.store.drill;
    if (!symbol) return;
    this.unfollow([`bars.${symbol}.1m`]);
    this.store.openDrill(null);
    this.panel.hidden = true;
    this.backdrop.hidden = true;
    this.returnFocus?.focus();
    this.changed();
  }

  /** Called by the renderer when the drill-down's data changed. */
  render(dayOfMs: number): void {
    const s = this.store;
    s.dirtyDrill = false;
    const symbol = s.drill;
    if (!symbol) return;
    const c = s.index?.constituents?.find((x) => x.ticker === symbol);
    const q = s.quotes.get(symbol);
    const bars = s.symbolBars.get(`${symbol}.60`);
    this.set('drill-symbol', symbol);
    this.set('drill-name', c?.name ?? '');
    this.set('drill-last', fmtPrice(c?.last ?? q?.last));
    const ch = $('drill-change');
    this.set('drill-change', `${fmtSignedLevel(c?.change)}  (${fmtSignedPct(c?.changePct)})`);
    ch.dataset.dir = direction(c?.change);
    this.set('drill-bidask', q && (q.bid != null || q.ask != null) ? `${fmtPrice(q.bid)} × ${fmtPrice(q.ask)}` : DASH);
    this.set('drill-volume', fmtVolume(q?.volume));
    const list = bars?.bars ?? [];
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const b of list) {
      if ((b.low ?? lo) < lo) lo = b.low!;
      if ((b.high ?? hi) > hi) hi = b.high!;
    }
    this.set('drill-range', Number.isFinite(lo) ? `${fmtPrice(lo)}–${fmtPrice(hi)}` : DASH);
    this.set('drill-prev', fmtPrice(c?.previousClose));
    this.set('drill-time', c?.lastTimeMs ? `${fmtClock(c.lastTimeMs)} ET` : DASH);
    this.set('drill-weight', fmtWeight(c?.weight));
    this.set('drill-cap', fmtUsd(c?.marketCapUsd));
    this.set('drill-contrib', fmtContribution(c?.contribution));
    this.set('drill-foot', `1-minute bars of the day · bars.${symbol}.1m · ${list.length} bar${list.length === 1 ? '' : 's'}`);
    if (!this.chart) return; // its code is still loading; it redraws when it comes
    this.chart.setPrevClose(c?.previousClose);
    if (s.drillReset) {
      s.drillReset = false;
      this.chart.reset(list, 60, list.length > 0 ? list[list.length - 1]!.startMs! : dayOfMs);
    } else {
      const tail = list.slice(-2);
      this.chart.updateBars(tail, list);
    }
    this.panel.dataset.bars = String(this.chart.pointCount());
  }

  get chartPoints(): number {
    return this.chart?.pointCount() ?? 0;
  }

  private set(id: string, text: string): void {
    const el = $(id);
    if (this.text.get(el) === text) return;
    this.text.set(el, text);
    el.textContent = text;
  }
}
