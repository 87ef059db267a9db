/**
 * The renderer: one requestAnimationFrame callback drains the store's dirty flags and writes the DOM.
 * SDK events only mark state dirty and call `schedule()`, so however many deltas arrive, the page
 * writes at most once per frame, and only the elements whose text changed.
 */
import { feedSource, marketTimeMs } from '@hashcap/client';
import type { PriceChart } from './chart.ts';
import type { DrillDown } from './drill.ts';
import {
  DASH,
  direction,
  fmtClock,
  fmtDate,
  fmtDayHm,
  fmtHm,
  fmtInt,
  fmtLevel,
  fmtMilestone,
  fmtSignedLevel,
  fmtSignedPct,
  fmtSignedUsd,
  fmtUsd,
  nyDay,
  nyTimeOfDay,
} from './format.ts';
import { sessionName, type Notice, type SessionName, type Store } from './store.ts';
import type { ConstituentsTable } from './table.ts';

/** No print for this long in an open session: the feed is stale, and the page says so. */
const STALE_AFTER_MS = 15_000;
/** Median lag above this: the feed is delayed. */
const DELAYED_AFTER_MS = 2_000;

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
  /** Called once, the frame the first real figures are painted. */
  onFirstPaint: () => void = () => {};
  /** The chart arrives after first paint (its code loads lazily): until then the chart flags wait. */
  private chart: PriceChart | null = null;

  attachChart(chart: PriceChart): void {
    this.chart = chart;
    this.store.chartReset = true;
    this.crossingsKey = '';
    this.schedule();
  }
  private readonly text = new Map<HTMLElement, string>();
  private readonly el = {
    indexName: $('index-name'),
    selector: $('selector'),
    market: $('market'),
    marketText: $('market-text'),
    banner: $('banner'),
    level: $('level'),
    tick: $('tick'),
    tickArrow: $('tick-arrow'),
    source: $('source'),
    marketDate: $('market-date'),
    marketTime: $('market-time'),
    feedHealth: $('feed-health'),
    today: $('today'),
    scaleFill: $('scale-fill'),
    scaleNow: $('scale-now'),
    scaleTicks: $('scale-ticks'),
    scale: $('scale'),
    change: $('change'),
    mcap: $('mcap'),
    mcapChange: $('mcap-change'),
    indicative: $('indicative'),
    milestoneNext: $('milestone-next'),
    milestoneText: $('milestone-text'),
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
  private scaleKey = '';
  private breadth = '';
  private scalePos = '';
  private crossingsKey = '';
  private bannerUntil = 0;
  private rateAt = 0;
  private rateDeltas = 0;
  private prevFrameAt = 0;
  private chartAt = 0;

  constructor(
    private readonly store: Store,
    private readonly table: ConstituentsTable,
    private readonly onSelect: (id: string) => void,
    private readonly drill: DrillDown,
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
      if (s.allRows) {
        this.table.clear();
        for (const c of list) s.dirtyQuotes.add(c.ticker ?? ''); // rebuilt rows need their market cells too
      }
      this.table.update(list, s.allRows ? null : s.dirtyRows, now);
      s.allRows = false;
      s.dirtyRows.clear();
      this.set(this.el.count, `${this.table.rowCount}`);
    } else if (ix) {
      this.table.update(ix.constituents ?? [], new Set(), now); // pending re-sort only
    }
    if (s.dirtyQuotes.size > 0 && this.table.rowCount > 0) {
      const byTicker = new Map((ix?.constituents ?? []).map((c) => [c.ticker ?? '', c]));
      for (const t of s.dirtyQuotes) {
        const day = s.symbolBars.get(`${t}.300`);
        this.table.updateMarket(t, s.quotes.get(t), day ? { bars: this.todays(day.bars ?? []) } : undefined, byTicker.get(t)?.previousClose ?? undefined);
      }
      s.dirtyQuotes.clear();
    }
    if (s.dirtyDrill) this.drill.render(this.marketNow());
    again = this.table.tick(now) || again;
    // The chart redraws whole canvases on every update: 10 times a second is plenty for a line that
    // gains a point a second, and keeps raster and commit work off the frames the table needs.
    const chartDue = this.chart !== null && (s.chartReset || s.liveReset || now - this.chartAt >= CHART_MS);
    if (chartDue && (s.chartReset || s.liveReset || s.dirtyBars.size > 0 || s.dirtyLevel)) {
      this.chartAt = now;
      this.renderChart();
    } else if (this.chart !== null && (s.dirtyBars.size > 0 || s.dirtyLevel)) {
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
      this.onFirstPaint();
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
    const title = `${s.indexNames.get(s.selected) ?? s.selected} · level`;
    this.set(this.el.chartTitle, title);
    this.el.chartTitle.title = title;
  }

  private renderHeader(now: number): void {
    const s = this.store;
    s.dirtyHeader = false;
    const ix = s.index;
    if (!ix) return;
    const level = ix.level ?? Number.NaN;
    this.set(this.el.level, fmtLevel(level));
    if (!Number.isNaN(this.lastLevel) && level !== this.lastLevel) {
      // The last tick's direction (labelled as such, it is not the day's): an arrow that stays, and a short flash.
      const up = level > this.lastLevel;
      this.set(this.el.tickArrow, up ? '▲' : '▼');
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

    this.renderMilestones(ix.marketCapUsd ?? 0, ix.milestonesUsd ?? [], ix.nextMilestoneUsd ?? 0);

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

  /**
   * Every milestone of the basket on one scale: ticks at each, the fill up to the market cap, the
   * reached ones checked; the text says the distance to the next in dollars and percent.
   */
  private renderMilestones(cap: number, all: readonly number[], next: number): void {
    const milestones = [...all].sort((a, b) => a - b);
    if (next > 0 && !milestones.includes(next)) milestones.push(next); // an older server: at least the next
    milestones.sort((a, b) => a - b);
    const top = milestones[milestones.length - 1] ?? cap;
    // The scale runs from a little below the first milestone (or the cap) to a little past the last.
    const lo = Math.floor((Math.min(cap, milestones[0] ?? cap) * 0.85) / 5e9) * 5e9;
    const hi = Math.max(top, cap) * 1.04;
    const at = (v: number) => Math.max(0, Math.min(1, (v - lo) / (hi - lo)));
    const key = `${milestones.join(',')}|${lo}|${hi}|${milestones.filter((m) => cap >= m).length}`;
    if (key !== this.scaleKey) {
      this.scaleKey = key;
      this.el.scaleTicks.replaceChildren(
        ...milestones.map((m) => {
          const tick = document.createElement('span');
          const reached = cap >= m;
          tick.className = `scale-tick${reached ? ' reached' : ''}${m === next ? ' next' : ''}`;
          tick.dataset.testid = 'milestone-tick';
          tick.dataset.usd = String(m);
          tick.style.left = `${(at(m) * 100).toFixed(2)}%`;
          tick.textContent = `${reached ? '✓ ' : ''}${fmtMilestone(m)}`;
          tick.title = reached ? `${fmtMilestone(m)} reached` : `${fmtMilestone(m)}: ${fmtUsd(m - cap, 1)} to go`;
          return tick;
        }),
      );
    }
    const pos = (at(cap) * 100).toFixed(2);
    if (pos !== this.scalePos) {
      this.scalePos = pos;
      this.el.scaleFill.style.width = `${pos}%`;
      this.el.scaleNow.style.left = `${pos}%`;
      this.el.scale.setAttribute('aria-valuemin', String(lo));
      this.el.scale.setAttribute('aria-valuemax', String(hi));
      this.el.scale.setAttribute('aria-valuenow', String(Math.round(cap)));
    }
    if (next > 0) {
      const gap = Math.max(0, next - cap);
      this.set(this.el.milestoneNext, `next ${fmtMilestone(next)}`);
      this.set(this.el.milestoneText, `${fmtUsd(cap, 1)} · ${fmtUsd(gap, 1)} (${((gap / cap) * 100).toFixed(1)}%) to ${fmtMilestone(next)}`);
    } else {
      this.set(this.el.milestoneNext, milestones.length > 0 ? 'all reached' : DASH);
      this.set(this.el.milestoneText, `${fmtUsd(cap, 1)} · every milestone reached`);
    }
  }

  /** The feed's market clock now (epoch ms): the status channel's anchor, else the newest print. */
  marketNow(): number {
    const t = marketTimeMs(this.store.status);
    if (Number.isFinite(t)) return t;
    return this.store.lastEventTimeMs || Date.now();
  }

  /** Bars of the latest market day among them (a sparkline and a day range are of one day). */
  private todays<T extends { startMs?: number | null }>(bars: readonly T[]): readonly T[] {
    const last = bars[bars.length - 1];
    if (!last) return bars;
    const from = nyTimeOfDay(last.startMs ?? 0, 0);
    let i = bars.length;
    while (i > 0 && (bars[i - 1]!.startMs ?? 0) >= from) i--;
    return i === 0 ? bars : bars.slice(i);
  }

  private renderChart(): void {
    const s = this.store;
    const chart = this.chart;
    if (!chart) return;
    const bars = s.selectedBars;
    if (s.chartReset || s.liveReset) {
      if (!bars && !s.index) return;
      const keepLive = !s.liveReset;
      s.chartReset = s.liveReset = false;
      s.dirtyBars.clear();
      s.dirtyLevel = false;
      void keepLive;
      const list = bars?.bars ?? [];
      const dayOf = list.length > 0 ? Math.max(list[list.length - 1]!.startMs ?? 0, 0) : this.marketNow();
      chart.setPrevClose(s.index?.previousLevel);
      chart.reset(list, s.interval, dayOf);
      this.crossingsKey = '';
      this.renderCrossings();
      return;
    }
    if (s.dirtyBars.size > 0 && bars) {
      chart.updateBars([...s.dirtyBars], bars.bars ?? []);
      s.dirtyBars.clear();
    }
    // The level moves with each batch; the current bar's close (its delta) carries it to the chart.
    s.dirtyLevel = false;
    chart.setPrevClose(s.index?.previousLevel);
  }

  /** Milestone crossings of the selected index, as markers on the chart. */
  private renderCrossings(): void {
    const s = this.store;
    const list = (s.status?.milestones ?? []).filter((m) => (m.index ?? '') === s.selected);
    const key = `${s.selected}|${list.length}|${list[list.length - 1]?.timeMs ?? 0}`;
    if (key === this.crossingsKey || !this.chart) return;
    this.crossingsKey = key;
    this.chart.setCrossings(
      list.map((m) => ({ timeMs: m.timeMs ?? 0, up: m.upward === true, label: `${m.upward ? '↑' : '↓'} ${fmtMilestone(m.thresholdUsd ?? 0)}` })),
    );
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
      // The weekday when the change is not on the market clock's own day (a Sunday's "Mon 04:00").
      const soon = nyDay(next) === nyDay(this.marketNow());
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
    const src = feedSource(st);
    this.set(this.el.source, src.label);
    this.el.source.dataset.source = src.source;
    this.el.source.title =
      src.source === 'simulated' ? 'Simulated prices on a simulated market clock — not real quotes' :
      src.source === 'replay' ? `A recorded day replayed at ${src.speed === 0 ? 'full speed' : `${src.speed}× speed`} — not live quotes` :
      src.source === 'live' ? 'Live prints from the feed\'s publishers' : 'The server did not say what these prices are';
    this.renderCrossings();
    this.renderClock();
  }

  /** Market date and New York time of the feed's clock; "today …" when that is not today's date. */
  private renderClock(): void {
    const t = this.marketNow();
    this.set(this.el.marketDate, fmtDate(t));
    this.set(this.el.marketTime, `${fmtClock(t)} ET`);
    const today = Date.now();
    const otherDay = nyDay(t) !== nyDay(today);
    this.el.today.hidden = !otherDay;
    if (otherDay) this.set(this.el.today, `today is ${fmtDate(today)}`);
  }

  /** Delayed or stale feed, said next to the session: connection, print age in an open session, lag. */
  private renderFeedHealth(): void {
    const s = this.store;
    let text = '';
    let kind = '';
    const sess = sessionName(s.status?.session);
    const age = s.lastEventTimeMs > 0 ? this.marketNow() - s.lastEventTimeMs : Number.NaN;
    const lag = s.medianLag();
    if (s.connection !== 'open') {
      text = s.connection === 'connecting' ? 'CONNECTING' : 'OFFLINE · last values';
      kind = 'stale';
    } else if (sess !== 'CLOSED' && age > STALE_AFTER_MS) {
      text = `STALE · no print for ${fmtInt(age / 1000)} s`;
      kind = 'stale';
    } else if (lag > DELAYED_AFTER_MS) {
      text = `DELAYED · ${(lag / 1000).toFixed(1)} s`;
      kind = 'delayed';
    } else if (s.index?.indicative) {
      text = 'INDICATIVE · a member is halted or stale';
      kind = 'delayed';
    }
    this.el.feedHealth.hidden = text === '';
    this.set(this.el.feedHealth, text);
    this.el.feedHealth.dataset.kind = kind;
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
    this.renderClock();
    this.renderFeedHealth();
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
