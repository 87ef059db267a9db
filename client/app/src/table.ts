/**
 * The constituents table. Rows are built once per ticker and kept; a frame rewrites only the cells of
 * dirty rows whose text changed, flashes them green/red by direction, and re-orders rows (DOM moves
 * only) when the sort order changed — at most a few times a second so rows do not jitter.
 *
 * Figures come from three channels: the index (last, change, weight, contribution, last trade time),
 * quotes.* (volume, bid × ask) and each name's bars.<SYMBOL>.5m (the day's sparkline and low–high).
 * Every column sorts, by click or by Enter/Space on its header; a row opens its drill-down the same way.
 */
import { fmtClock, fmtContribution, fmtLevel, fmtPrice, fmtSignedLevel, fmtSignedPct, fmtVolume, fmtWeight, DASH } from './format.ts';
import type { Bar, Constituent, IndexState, Quote } from './store.ts';

export type SortKey =
  | 'ticker' | 'spark' | 'last' | 'change' | 'changePct' | 'volume' | 'bidAsk' | 'range' | 'time' | 'weight' | 'contribution';

interface Column {
  readonly key: SortKey;
  readonly label: string;
  readonly cls: string;
  readonly title: string;
}

const COLUMNS: readonly Column[] = [
  { key: 'ticker', label: 'Symbol', cls: 'c-sym', title: 'Ticker and name' },
  { key: 'spark', label: 'Day', cls: 'c-spark', title: 'The day so far (5-minute closes) against the previous close; sorts by % change' },
  { key: 'last', label: 'Last', cls: 'c-num c-last', title: 'Last trade price' },
  { key: 'change', label: 'Chg', cls: 'c-num c-chg', title: 'Change since the previous close, $' },
  { key: 'changePct', label: 'Chg %', cls: 'c-num c-pct', title: 'Change since the previous close, %' },
  { key: 'volume', label: 'Volume', cls: 'c-num c-vol', title: 'Shares traded today' },
  { key: 'bidAsk', label: 'Bid × Ask', cls: 'c-num c-ba', title: 'Best bid × best ask; sorts by the spread in %' },
  { key: 'range', label: 'Range', cls: 'c-range', title: 'Day low–high, the dot at the last price; sorts by where the last is in it' },
  { key: 'time', label: 'Time ET', cls: 'c-num c-time', title: 'Time of the last trade, New York' },
  { key: 'weight', label: 'Weight', cls: 'c-num c-weight', title: 'Share of the index' },
  { key: 'contribution', label: 'Contrib', cls: 'c-num c-contrib', title: 'Contribution to the index change, in index points' },
];

const FLASH_MS = 300;
const RESORT_MS = 500;
const SPARK_W = 64;
const SPARK_H = 18;
const SVG = 'http://www.w3.org/2000/svg';

interface Cells {
  last: HTMLElement;
  change: HTMLElement;
  pct: HTMLElement;
  volume: HTMLElement;
  bidAsk: HTMLElement;
  rangeText: HTMLElement;
  rangeFill: HTMLElement;
  rangeDot: HTMLElement;
  time: HTMLElement;
  weight: HTMLElement;
  contrib: HTMLElement;
  spark: SVGPolylineElement;
  base: SVGLineElement;
}

interface Row {
  readonly tr: HTMLTableRowElement;
  readonly name: HTMLElement;
  readonly flag: HTMLElement;
  readonly c: Cells;
  /** What each cell shows now (never read back from the DOM). */
  readonly text: Map<HTMLElement | SVGElement, string>;
  last: number;
  dir: string;
  /** Sort values from the quote and the day's bars. */
  volume: number;
  spreadPct: number;
  rangePos: number;
}

export interface DayBars {
  /** The day's bars, oldest first (5-minute). */
  readonly bars: readonly Bar[];
}

export class ConstituentsTable {
  private readonly tbody: HTMLTableSectionElement;
  private readonly heads = new Map<SortKey, HTMLTableCellElement>();
  private readonly rows = new Map<string, Row>();
  private order: string[] = [];
  private sortKey: SortKey = 'weight';
  private sortDesc = true;
  private orderDirty = true;
  private lastSortAt = 0;
  private readonly flashing = new Map<HTMLElement, number>();
  /** Cell writes since load (tests and the debug overlay). */
  writes = 0;

  constructor(
    table: HTMLTableElement,
    private readonly onSort: () => void,
    private readonly onOpen: (ticker: string) => void,
  ) {
    const thead = table.createTHead();
    const hr = thead.insertRow();
    for (const col of COLUMNS) {
      const th = document.createElement('th');
      th.className = col.cls;
      th.scope = 'col';
      th.textContent = col.label;
      th.dataset.key = col.key;
      th.title = col.title;
      th.tabIndex = 0;
      const go = () => this.sortBy(col.key);
      th.addEventListener('click', go);
      th.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          go();
        }
      });
      hr.appendChild(th);
      this.heads.set(col.key, th);
    }
    this.tbody = table.createTBody();
    // One listener for every row: a click or Enter opens the name's day.
    this.tbody.addEventListener('click', (e) => {
      const tr = (e.target as HTMLElement).closest('tr');
      if (tr?.dataset.ticker) this.onOpen(tr.dataset.ticker);
    });
    this.tbody.addEventListener('keydown', (e) => {
      const tr = (e.target as HTMLElement).closest('tr');
      if ((e.key === 'Enter' || e.key === ' ') && tr?.dataset.ticker) {
        e.preventDefault();
        this.onOpen(tr.dataset.ticker);
      }
    });
    const foot = table.createTFoot().insertRow();
    const cell = (cls: string, text = '') => {
      const td = foot.insertCell();
      td.className = cls;
      td.textContent = text;
      return td;
    };
    cell('c-sym', 'Index');
    cell('c-spark');
    this.foot = { level: cell('c-num c-last'), change: cell('c-num c-chg'), pct: cell('c-num c-pct'), weight: cell('c-num c-weight'), contrib: cell('c-num c-contrib') };
    for (const cls of ['c-num c-vol', 'c-num c-ba', 'c-range', 'c-num c-time']) foot.insertBefore(cell(cls), this.foot.weight);
    this.foot.weight.textContent = '100.00%';
    this.foot.level.title = 'Index level';
    this.paintSortHeads();
  }

  private readonly foot: { level: HTMLElement; change: HTMLElement; pct: HTMLElement; weight: HTMLElement; contrib: HTMLElement };
  private readonly footText = new Map<HTMLElement, string>();

  /** The totals row: the index's own figures (the contributions add up to its change). */
  totals(ix: IndexState): void {
    const put = (el: HTMLElement, text: string, dir?: number) => {
      if (this.footText.get(el) === text) return;
      this.footText.set(el, text);
      el.textContent = text;
      if (dir !== undefined) el.dataset.dir = dir > 0 ? 'up' : dir < 0 ? 'down' : 'flat';
    };
    put(this.foot.level, fmtLevel(ix.level));
    put(this.foot.change, fmtSignedLevel(ix.change), ix.change ?? 0);
    put(this.foot.pct, fmtSignedPct(ix.changePct), ix.changePct ?? 0);
    put(this.foot.contrib, fmtContribution(ix.change), ix.change ?? 0);
  }

  sortBy(key: SortKey): void {
    if (key === this.sortKey) this.sortDesc = !this.sortDesc;
    else {
      this.sortKey = key;
      this.sortDesc = key !== 'ticker';
    }
    this.paintSortHeads();
    this.orderDirty = true;
    this.lastSortAt = 0;
    this.onSort();
  }

  get sort(): { key: SortKey; desc: boolean } {
    return { key: this.sortKey, desc: this.sortDesc };
  }

  /** Drops every row (index switch, fresh snapshot). */
  clear(): void {
    this.rows.clear();
    this.order = [];
    this.flashing.clear();
    this.tbody.replaceChildren();
    this.orderDirty = true;
  }

  /**
   * Writes the rows named in `tickers` (all of `list` when null) from the constituents in `list`.
   * `flash` is false on a rebuild so that a snapshot does not light up the whole table.
   */
  update(list: readonly Constituent[], tickers: ReadonlySet<string> | null, now: number): void {
    if (tickers === null) {
      const live = new Set<string>();
      for (const c of list) {
        live.add(c.ticker ?? '');
        this.write(c, false, now);
      }
      for (const [t, row] of this.rows) {
        if (!live.has(t)) {
          row.tr.remove();
          this.rows.delete(t);
        }
      }
      this.orderDirty = true;
    } else if (tickers.size > 0) {
      for (const c of list) if (tickers.has(c.ticker ?? '')) this.write(c, true, now);
      if (this.sortKey !== 'ticker') this.orderDirty = true;
    }
    if (this.orderDirty && (now - this.lastSortAt >= RESORT_MS || this.order.length !== this.rows.size)) {
      this.resort(list);
      this.lastSortAt = now;
    }
  }

  /** Volume and bid × ask from the name's quote; sparkline and day range from its bars of the day. */
  updateMarket(ticker: string, quote: Quote | undefined, day: DayBars | undefined, previousClose: number | undefined): void {
    const row = this.rows.get(ticker);
    if (!row) return;
    const c = row.c;
    if (quote) {
      row.volume = quote.volume ?? Number.NaN;
      this.put(row, c.volume, fmtVolume(quote.volume));
      const bid = quote.bid ?? Number.NaN;
      const ask = quote.ask ?? Number.NaN;
      this.put(row, c.bidAsk, Number.isFinite(bid) || Number.isFinite(ask) ? `${fmtPrice(bid)} × ${fmtPrice(ask)}` : DASH);
      row.spreadPct = bid > 0 && ask > 0 ? ((ask - bid) / ((ask + bid) / 2)) * 100 : Number.NaN;
    }
    if (day) this.paintDay(row, day.bars, previousClose);
    if (this.sortKey === 'volume' || this.sortKey === 'bidAsk' || this.sortKey === 'range') this.orderDirty = true;
  }

  /** Ends flashes whose time is up; true while some are still running. */
  tick(now: number): boolean {
    for (const [el, until] of this.flashing) {
      if (now >= until) {
        el.classList.remove('flash-up', 'flash-down');
        this.flashing.delete(el);
      }
    }
    return this.flashing.size > 0 || this.orderDirty;
  }

  get rowCount(): number {
    return this.rows.size;
  }

  /** Rows showing a quote's volume (quotes.* has arrived for them). */
  get quotedRows(): number {
    let n = 0;
    for (const row of this.rows.values()) if (Number.isFinite(row.volume)) n++;
    return n;
  }

  private paintDay(row: Row, bars: readonly Bar[], previousClose: number | undefined): void {
    const last = row.last;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const b of bars) {
      if ((b.low ?? lo) < lo) lo = b.low!;
      if ((b.high ?? hi) > hi) hi = b.high!;
    }
    if (Number.isFinite(last)) {
      lo = Math.min(lo, last);
      hi = Math.max(hi, last);
    }
    const c = row.c;
    if (Number.isFinite(lo) && Number.isFinite(hi)) {
      const span = hi - lo;
      const pos = span > 0 ? (last - lo) / span : 0.5;
      row.rangePos = pos;
      this.put(row, c.rangeText, `${fmtPrice(lo)}–${fmtPrice(hi)}`);
      const pct = `${(Math.max(0, Math.min(1, pos)) * 100).toFixed(1)}%`;
      if (row.text.get(c.rangeDot) !== pct) {
        row.text.set(c.rangeDot, pct);
        c.rangeDot.style.left = pct;
        c.rangeFill.style.width = pct;
      }
    }
    // The sparkline: closes of the day, scaled to include the previous close (its dashed baseline).
    const closes = bars.map((b) => b.close ?? Number.NaN).filter(Number.isFinite);
    if (Number.isFinite(last) && closes.length > 0) closes[closes.length - 1] = last;
    if (closes.length === 0) return;
    const base = typeof previousClose === 'number' && previousClose > 0 ? previousClose : closes[0]!;
    let min = base;
    let max = base;
    for (const v of closes) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const yOf = (v: number) => (max > min ? 1 + (1 - (v - min) / (max - min)) * (SPARK_H - 2) : SPARK_H / 2);
    const n = closes.length;
    const points = closes.map((v, i) => `${n === 1 ? SPARK_W : ((i / (n - 1)) * SPARK_W).toFixed(1)},${yOf(v).toFixed(1)}`).join(' ');
    if (row.text.get(c.spark) !== points) {
      row.text.set(c.spark, points);
      c.spark.setAttribute('points', points);
      const y = yOf(base).toFixed(1);
      c.base.setAttribute('y1', y);
      c.base.setAttribute('y2', y);
      c.spark.setAttribute('class', `spark ${closes[n - 1]! >= base ? 'up' : 'down'}`);
      this.writes++;
    }
  }

  private put(row: Row, el: HTMLElement, text: string): boolean {
    if (row.text.get(el) === text) return false;
    row.text.set(el, text);
    el.textContent = text;
    this.writes++;
    return true;
  }

  private write(c: Constituent, flash: boolean, now: number): void {
    const ticker = c.ticker ?? '';
    let row = this.rows.get(ticker);
    if (!row) {
      row = this.createRow(ticker);
      this.rows.set(ticker, row);
      this.tbody.appendChild(row.tr);
      this.orderDirty = true;
    }
    const cells = row.c;
    const last = c.last ?? Number.NaN;
    if (last !== row.last && !(Number.isNaN(last) && Number.isNaN(row.last))) {
      const up = last > row.last;
      const hadValue = !Number.isNaN(row.last);
      row.last = last;
      this.put(row, cells.last, fmtPrice(last));
      if (flash && hadValue) this.flash(cells.last, up, now);
    }
    this.put(row, cells.change, fmtSignedLevel(c.change));
    if (this.put(row, cells.pct, fmtSignedPct(c.changePct))) {
      const dir = (c.changePct ?? 0) > 0 ? 'up' : (c.changePct ?? 0) < 0 ? 'down' : 'flat';
      if (dir !== row.dir) {
        row.dir = dir;
        cells.pct.className = `c-num c-pct ${dir}`;
        cells.change.className = `c-num c-chg ${dir}`;
        row.tr.dataset.dir = dir;
      }
    }
    this.put(row, cells.weight, fmtWeight(c.weight));
    if (this.put(row, cells.contrib, fmtContribution(c.contribution))) {
      cells.contrib.className = `c-num c-contrib ${(c.contribution ?? 0) > 0 ? 'up' : (c.contribution ?? 0) < 0 ? 'down' : 'flat'}`;
    }
    this.put(row, cells.time, typeof c.lastTimeMs === 'number' && c.lastTimeMs > 0 ? fmtClock(c.lastTimeMs) : DASH);
    const flag = c.halted ? 'HALTED' : c.stale ? 'STALE' : '';
    if (row.text.get(row.flag) !== flag) {
      row.text.set(row.flag, flag);
      row.flag.textContent = flag;
      row.flag.className = flag ? `badge flag-${flag.toLowerCase()}` : 'badge hidden';
      row.tr.classList.toggle('halted', !!c.halted);
      row.tr.classList.toggle('stale', !c.halted && !!c.stale);
      this.writes++;
    }
    const name = c.name ?? '';
    if (row.text.get(row.name) !== name) {
      row.text.set(row.name, name);
      row.name.textContent = name;
      row.tr.title = `${name} — open its day`;
      row.tr.setAttribute('aria-label', `${ticker} ${name}: open its day`);
    }
  }

  private flash(el: HTMLElement, up: boolean, now: number): void {
    el.classList.remove(up ? 'flash-down' : 'flash-up');
    el.classList.add(up ? 'flash-up' : 'flash-down');
    this.flashing.set(el, now + FLASH_MS);
  }

  private createRow(ticker: string): Row {
    const tr = document.createElement('tr');
    tr.dataset.ticker = ticker;
    tr.dataset.testid = 'constituent';
    tr.tabIndex = 0;
    const td = (cls: string) => {
      const cell = tr.insertCell();
      cell.className = cls;
      return cell;
    };
    const sym = td('c-sym');
    const symText = document.createElement('span');
    symText.className = 'sym';
    symText.textContent = ticker;
    const flag = document.createElement('span');
    flag.className = 'badge hidden';
    const name = document.createElement('span');
    name.className = 'name';
    sym.append(symText, flag, name);

    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', `0 0 ${SPARK_W} ${SPARK_H}`);
    svg.setAttribute('width', String(SPARK_W));
    svg.setAttribute('height', String(SPARK_H));
    svg.setAttribute('aria-hidden', 'true');
    const base = document.createElementNS(SVG, 'line');
    base.setAttribute('x1', '0');
    base.setAttribute('x2', String(SPARK_W));
    base.setAttribute('class', 'spark-base');
    const spark = document.createElementNS(SVG, 'polyline');
    spark.setAttribute('class', 'spark');
    svg.append(base, spark);
    td('c-spark').appendChild(svg);

    const last = td('c-num c-last');
    const change = td('c-num c-chg');
    const pct = td('c-num c-pct');
    const volume = td('c-num c-vol');
    const bidAsk = td('c-num c-ba');
    const range = td('c-range');
    const track = document.createElement('span');
    track.className = 'rng';
    const rangeFill = document.createElement('i');
    rangeFill.className = 'rng-fill';
    const rangeDot = document.createElement('i');
    rangeDot.className = 'rng-dot';
    track.append(rangeFill, rangeDot);
    const rangeText = document.createElement('span');
    rangeText.className = 'rng-text';
    range.append(track, rangeText);
    const time = td('c-num c-time');
    const weight = td('c-num c-weight');
    const contrib = td('c-num c-contrib');
    return {
      tr,
      name,
      flag,
      c: { last, change, pct, volume, bidAsk, rangeText, rangeFill, rangeDot, time, weight, contrib, spark, base },
      text: new Map(),
      last: Number.NaN,
      dir: '',
      volume: Number.NaN,
      spreadPct: Number.NaN,
      rangePos: Number.NaN,
    };
  }

  private resort(list: readonly Constituent[]): void {
    this.orderDirty = false;
    const key = this.sortKey;
    const sign = this.sortDesc ? -1 : 1;
    const byTicker = new Map<string, Constituent>();
    for (const c of list) byTicker.set(c.ticker ?? '', c);
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : Number.NEGATIVE_INFINITY);
    const value = (t: string): number | string => {
      const c = byTicker.get(t);
      const row = this.rows.get(t)!;
      switch (key) {
        case 'ticker': return t;
        case 'spark': case 'changePct': return num(c?.changePct);
        case 'time': return num(c?.lastTimeMs);
        case 'volume': return num(row.volume);
        case 'bidAsk': return num(row.spreadPct);
        case 'range': return num(row.rangePos);
        default: return num(c?.[key]);
      }
    };
    const next = [...this.rows.keys()].sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      const cmp = va < vb ? -1 : va > vb ? 1 : 0;
      return cmp !== 0 ? cmp * sign : a < b ? -1 : 1;
    });
    if (next.length === this.order.length && next.every((t, i) => t === this.order[i])) return;
    this.order = next;
    // Appending moves each row; a fragment keeps it to one layout. Focus stays on a focused row.
    const focused = document.activeElement;
    const frag = document.createDocumentFragment();
    for (const t of next) frag.appendChild(this.rows.get(t)!.tr);
    this.tbody.appendChild(frag);
    if (focused instanceof HTMLElement && focused !== document.activeElement && this.tbody.contains(focused)) focused.focus();
  }

  private paintSortHeads(): void {
    for (const [key, th] of this.heads) {
      const on = key === this.sortKey;
      th.classList.toggle('sorted', on);
      th.setAttribute('aria-sort', on ? (this.sortDesc ? 'descending' : 'ascending') : 'none');
      th.dataset.dir = on ? (this.sortDesc ? '▼' : '▲') : '';
    }
  }
}
