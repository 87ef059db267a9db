/**
 * The renderer: one requestAnimationFrame callback drains the store's dirty flags and writes the DOM.
 * SDK events only mark state dirty and call `schedule()`, so however many deltas arrive, the page
 * writes at most once per frame, and only the elements whose text changed.
 */
import type { PriceChart } from './chart.ts';
import {
  DASH,
  direction,
  fmtClock,
  fmtDayHm,
  fmtHm,
  fmtInt,
  fmtLevel,
  fmtMilestone,
  fmtSignedLevel,
  fmtSignedPct,
  fmtSignedUsd,
  fmtUsd,
} from './format.ts';
import { sessionName, type Notice, type SessionName, type Store } from './store.ts';
import type { ConstituentsTable } from './table.ts';

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from index.html`);
  return el as T;
};

const BANNER_MS = 6000;
const CHART_MS = 100;

const SESSION_LABEL: Record<SessionName, string> = {
  PRE: 'Pre-market',
  REG: 'Regular session',
  POST: 'After-hours',
  CLOSED: 'Closed',
};

export interface FrameStats {
  frames: number;
  firstPaintMs: number | null;
  longestFrameMs: number;
  /** Time spent writing the DOM and the chart, in total and in the slowest frame. */
  renderMs: number;
  slowestRenderMs: number;
}

export class Renderer {
  readonly stats: FrameStats = { frames: 0, firstPaintMs: null, longestFrameMs: 0, renderMs: 0, slowestRenderMs: 0 };
  private scheduled = false;
  private readonly text = new Map<HTMLElement, string>();
  private readonly el = {
    indexName: $('index-name'),
    selector: $('selector'),
    market: $('market'),
    marketText: $('market-text'),
    banner: $('banner'),
    level: $('level'),
    tick: $('tick'),
    change: $('change'),
    mcap: $('mcap'),
    mcapChange: $('mcap-change'),
    indicative: $('indicative'),
    milestoneNext: $('milestone-next'),
    progress: $('progress'),
    progressFill: $('progress-fill'),
    milestoneText: $('milestone-text'),
    reached: $('milestones-reached'),
    adv: $('adv'),
    dec: $('dec'),
    unch: $('unch'),
    bUp: $('b-up'),
    bFlat: $('b-flat'),
    bDown: $('b-down'),
    count: $('count'),
    chartTitle: $('chart-title'),
    conn: $('conn'),
    connText: $('conn-text'),
    lag: $('lag'),
    updated: $('updated'),
    session: $('session'),
    rate: $('rate'),
  };
  private lastLevel = Number.NaN;
  private levelFlashUntil = 0;
  private reachedKey = '';
  private breadth = '';
  private progress = '';
  private bannerUntil = 0;
  private rateAt = 0;
  private rateDeltas = 0;
  private prevFrameAt = 0;
  private chartAt = 0;

  constructor(
    private readonly store: Store,
    private readonly table: ConstituentsTable,
    private readonly chart: PriceChart,
    private readonly onSelect: (id: string) => void,
  ) {}

  /** Asks for a frame; any number of calls before it runs cost one frame. */
  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(this.frame);
  }

  private readonly frame = (ts: number): void => {
    this.scheduled = false;
    if (this.prevFrameAt > 0) this.stats.longestFrameMs = Math.max(this.stats.longestFrameMs, ts - this.prevFrameAt);
    this.stats.frames++;
    const now = performance.now();
    const s = this.store;
    let again = false;

    if (s.dirtySelector) this.renderSelector();
    if (s.dirtyHeader) this.renderHeader(now);
    const ix = s.index;
    if (ix && (s.allRows || s.dirtyRows.size > 0)) {
      const list = ix.constituents ?? [];
      if (s.allRows) this.table.clear();
      this.table.update(list, s.allRows ? null : s.dirtyRows, now);
      s.allRows = false;
      s.dirtyRows.clear();
      this.set(this.el.count, `${this.table.rowCount}`);
    } else if (ix) {
      this.table.update(ix.constituents ?? [], new Set(), now); // pending re-sort only
    }
    again = this.table.tick(now) || again;
    // The chart redraws whole canvases on every update: 10 times a second is plenty for a line that
    // gains a point a second, and keeps raster and commit work off the frames the table needs.
    const chartDue = s.chartReset || s.liveReset || now - this.chartAt >= CHART_MS;
    if (chartDue && (s.chartReset || s.liveReset || s.dirtyBars.size > 0 || s.dirtyLevel)) {
      this.chartAt = now;
      this.renderChart();
    } else if (s.dirtyBars.size > 0 || s.dirtyLevel) {
      again = true;
    }
    if (s.dirtyStatus) this.renderStatus();
    this.renderStatusLine(now);
    again = this.renderBanner(now) || again;
    if (now < this.levelFlashUntil) again = true;
    else this.el.tick.classList.remove('flash');

    if (this.stats.firstPaintMs === null && ix && typeof ix.level === 'number' && this.table.rowCount > 0) {
      this.stats.firstPaintMs = performance.now();
      document.documentElement.dataset.ready = 'true';
    }
    this.prevFrameAt = ts;
    const took = performance.now() - now;
    this.stats.renderMs += took;
    if (took > this.stats.slowestRenderMs) this.stats.slowestRenderMs = took;
    if (again) this.schedule();
    else this.prevFrameAt = 0; // idle: a gap until the next event is not a slow frame
  };

  private set(el: HTMLElement, text: string): void {
    if (this.text.get(el) === text) return;
    this.text.set(el, text);
    el.textContent = text;
  }

  private renderSelector(): void {
    const s = this.store;
    s.dirtySelector = false;
    const sel = this.el.selector;
    const have = new Map<string, HTMLButtonElement>();
    for (const b of Array.from(sel.querySelectorAll('button'))) have.set(b.dataset.id ?? '', b);
    for (const id of s.indexIds) {
      let b = have.get(id);
      if (!b) {
        b = document.createElement('button');
        b.type = 'button';
        b.dataset.id = id;
        b.addEventListener('click', () => this.onSelect(id));
      }
      sel.appendChild(b); // (re)appended in order
      const label = id === 'miners' ? 'Miners' : id === 'ai-hpc' ? 'AI/HPC' : id;
      this.set(b, label);
      b.title = s.indexNames.get(id) ?? id;
      b.setAttribute('aria-pressed', String(id === s.selected));
    }
    this.set(this.el.indexName, s.indexNames.get(s.selected) ?? s.selected);
    this.set(this.el.chartTitle, `${s.indexNames.get(s.selected) ?? s.selected} · level`);
  }

  private renderHeader(now: number): void {
    const s = this.store;
    s.dirtyHeader = false;
    const ix = s.index;
    if (!ix) return;
    const level = ix.level ?? Number.NaN;
    this.set(this.el.level, fmtLevel(level));
    if (!Number.isNaN(this.lastLevel) && level !== this.lastLevel) {
      // The last tick's direction: an arrow that stays, and a short flash of it.
      const up = level > this.lastLevel;
      this.set(this.el.tick, up ? '▲' : '▼');
      this.el.tick.dataset.dir = up ? 'up' : 'down';
      this.el.tick.classList.add('flash');
      this.levelFlashUntil = now + 300;
    }
    this.lastLevel = level;
    const dir = direction(ix.change);
    this.set(this.el.change, `${fmtSignedLevel(ix.change)}  (${fmtSignedPct(ix.changePct)})`);
    this.el.change.dataset.dir = dir;
    this.set(this.el.mcap, fmtUsd(ix.marketCapUsd));
    const capPct = ix.previousMarketCapUsd ? ((ix.marketCapChangeUsd ?? 0) / ix.previousMarketCapUsd) * 100 : Number.NaN;
    this.set(this.el.mcapChange, `${fmtSignedUsd(ix.marketCapChangeUsd)}  (${fmtSignedPct(capPct)})`);
    this.el.mcapChange.dataset.dir = direction(ix.marketCapChangeUsd);
    this.el.indicative.hidden = !ix.indicative;
    this.table.totals(ix);

    // Progress from the highest milestone reached (or zero) to the next one.
    const cap = ix.marketCapUsd ?? 0;
    const next = ix.nextMilestoneUsd ?? 0;
    const reached = [...(ix.milestonesReachedUsd ?? [])].sort((a, b) => a - b);
    const below = reached.filter((m) => m < next || next === 0);
    const from = below.length > 0 ? below[below.length - 1]! : 0;
    if (next > 0) {
      const frac = Math.max(0, Math.min(1, (cap - from) / (next - from)));
      const pct = (frac * 100).toFixed(1);
      if (pct !== this.progress) {
        this.progress = pct;
        this.el.progressFill.style.transform = `scaleX(${frac.toFixed(3)})`;
        this.el.progress.setAttribute('aria-valuenow', pct);
      }
      this.set(this.el.milestoneNext, fmtMilestone(next));
      this.set(this.el.milestoneText, `${fmtUsd(cap, 1)} of ${fmtMilestone(next)} · ${fmtUsd(Math.max(0, next - cap), 1)} to go`);
    } else {
      this.el.progressFill.style.transform = 'scaleX(1)';
      this.set(this.el.milestoneNext, 'all reached');
      this.set(this.el.milestoneText, `${fmtUsd(cap, 1)} · every milestone reached`);
    }
    const key = reached.join(',');
    if (key !== this.reachedKey) {
      this.reachedKey = key;
      this.el.reached.replaceChildren(
        ...reached.map((m) => {
          const chip = document.createElement('span');
          chip.className = 'chip';
          chip.textContent = `✓ ${fmtMilestone(m)}`;
          return chip;
        }),
      );
    }

    const adv = ix.advancers ?? 0;
    const dec = ix.decliners ?? 0;
    const unch = ix.unchanged ?? 0;
    this.set(this.el.adv, fmtInt(adv));
    this.set(this.el.dec, fmtInt(dec));
    this.set(this.el.unch, fmtInt(unch));
    const breadth = `${adv}/${unch}/${dec}`;
    if (breadth !== this.breadth) {
      this.breadth = breadth;
      this.el.bUp.style.flexGrow = String(adv);
      this.el.bFlat.style.flexGrow = String(unch);
      this.el.bDown.style.flexGrow = String(dec);
    }
  }

  private renderChart(): void {
    const s = this.store;
    const bars = s.selectedBars;
    if (s.chartReset || s.liveReset) {
      if (!bars && !s.index) return;
      const keepLive = !s.liveReset;
      s.chartReset = s.liveReset = false;
      s.dirtyBars.clear();
      s.dirtyLevel = false;
      this.chart.reset(bars?.bars ?? [], keepLive);
      const ix = s.index;
      if (ix && typeof ix.level === 'number' && s.lastEventTimeMs > 0) this.chart.addLevel(s.lastEventTimeMs, ix.level, this.currentSession());
      return;
    }
    if (s.dirtyBars.size > 0 && bars) {
      this.chart.updateBars([...s.dirtyBars], bars.bars ?? []);
      s.dirtyBars.clear();
    }
    if (s.dirtyLevel) {
      s.dirtyLevel = false;
      const ix = s.index;
      if (ix && typeof ix.level === 'number' && s.lastEventTimeMs > 0) this.chart.addLevel(s.lastEventTimeMs, ix.level, this.currentSession());
    }
    this.chart.refit();
  }

  private currentSession(): SessionName {
    const bars = this.store.selectedBars?.bars;
    const last = bars && bars.length > 0 ? bars[bars.length - 1] : undefined;
    if (last && this.store.lastEventTimeMs - (last.startMs ?? 0) < 120_000) return sessionName(last.session);
    return sessionName(this.store.status?.session);
  }

  private renderStatus(): void {
    const s = this.store;
    s.dirtyStatus = false;
    const st = s.status;
    if (!st) return;
    const sess = sessionName(st.session);
    const next = st.nextSessionChangeMs ?? 0;
    const nextName = sessionName(st.nextSession);
    let when = '';
    if (next > 0) {
      const soon = next - (s.lastEventTimeMs || Date.now()) < 20 * 3600_000;
      const t = soon ? fmtHm(next) : fmtDayHm(next);
      when =
        sess === 'REG' ? ` · closes ${t} ET` :
        sess === 'PRE' ? ` · opens ${t} ET` :
        sess === 'POST' ? ` · ends ${t} ET` :
        ` · ${SESSION_LABEL[nextName].toLowerCase()} ${t} ET`;
    }
    this.set(this.el.marketText, `${SESSION_LABEL[sess]}${when}`);
    this.el.market.dataset.session = sess.toLowerCase();
    this.set(this.el.session, sess === 'REG' ? 'REGULAR' : sess);
  }

  /** Connection state at once; lag, last print and rate on the 4 Hz status tick. */
  private renderStatusLine(now: number): void {
    const s = this.store;
    if (s.dirtyConnection) {
      s.dirtyConnection = false;
      this.el.conn.dataset.state = s.connection;
      this.set(this.el.connText, s.connection);
    }
    if (!s.statusTick) return;
    s.statusTick = false;
    const lag = s.medianLag();
    this.set(this.el.lag, Number.isNaN(lag) ? DASH : `${fmtInt(Math.max(0, lag))} ms${s.lagSource === 'send' ? ' (send→now)' : ''}`);
    this.el.lag.title =
      s.lagSource === 'event'
        ? 'median of the last 64 deltas: exchange time of the newest print → now'
        : 'median of the last 64 deltas: server send time → now (the market clock is simulated)';
    this.set(this.el.updated, s.lastEventTimeMs > 0 ? `${fmtClock(s.lastEventTimeMs)} ET` : DASH);
    if (now - this.rateAt >= 1000) {
      const dt = (now - this.rateAt) / 1000;
      if (this.rateAt > 0) this.set(this.el.rate, fmtInt((s.deltas - this.rateDeltas) / dt));
      this.rateAt = now;
      this.rateDeltas = s.deltas;
    }
  }

  private renderBanner(now: number): boolean {
    const s = this.store;
    if (s.noticeQueue.length > 0) {
      const latest: Notice = s.noticeQueue[s.noticeQueue.length - 1]!;
      const text = s.noticeQueue.length > 1 ? `${latest.text}  (+${s.noticeQueue.length - 1} more)` : latest.text;
      s.noticeQueue = [];
      this.set(this.el.banner, text);
      this.el.banner.dataset.kind = latest.kind;
      this.el.banner.hidden = false;
      this.bannerUntil = now + BANNER_MS;
      return true;
    }
    if (this.bannerUntil > 0 && now >= this.bannerUntil) {
      this.bannerUntil = 0;
      this.el.banner.hidden = true;
    }
    return this.bannerUntil > 0;
  }
}
