/**
 * The constituents table. Rows are built once per ticker and kept; a frame rewrites only the cells of
 * dirty rows whose text changed, flashes them green/red by direction, and re-orders rows (DOM moves
 * only) when the sort order changed — at most a few times a second so rows do not jitter.
 */
import { fmtContribution, fmtLevel, fmtPrice, fmtSignedPct, fmtUsd, fmtWeight } from './format.ts';
import { sessionName, type Constituent, type IndexState } from './store.ts';

type Key = 'ticker' | 'last' | 'changePct' | 'marketCapUsd' | 'weight' | 'contribution' | 'session';

interface Column {
  readonly key: Key;
  readonly label: string;
  readonly cls: string;
  readonly title?: string;
}

const COLUMNS: readonly Column[] = [
  { key: 'ticker', label: 'Symbol', cls: 'c-sym' },
  { key: 'last', label: 'Last', cls: 'c-num' },
  { key: 'changePct', label: 'Chg %', cls: 'c-num' },
  { key: 'marketCapUsd', label: 'Mkt cap', cls: 'c-num c-cap' },
  { key: 'weight', label: 'Weight', cls: 'c-num c-weight' },
  { key: 'contribution', label: 'Contrib', cls: 'c-num c-contrib', title: 'Contribution to the index change, in index points' },
  { key: 'session', label: 'Session', cls: 'c-sess' },
];

const FLASH_MS = 300;
const RESORT_MS = 500;

interface Row {
  readonly tr: HTMLTableRowElement;
  readonly name: HTMLElement;
  readonly last: HTMLElement;
  readonly chg: HTMLElement;
  readonly cap: HTMLElement;
  readonly weight: HTMLElement;
  readonly contrib: HTMLElement;
  readonly sess: HTMLElement;
  readonly flag: HTMLElement;
  /** What each cell shows now (compared as numbers and strings, never read back from the DOM). */
  v: { last: number; chg: string; cap: string; capN: number; weight: string; contrib: string; sess: string; flag: string; dir: string; name: string };
}

export class ConstituentsTable {
  private readonly tbody: HTMLTableSectionElement;
  private readonly heads = new Map<Key, HTMLTableCellElement>();
  private readonly rows = new Map<string, Row>();
  private order: string[] = [];
  private sortKey: Key = 'weight';
  private sortDesc = true;
  private orderDirty = true;
  private lastSortAt = 0;
  private readonly flashing = new Map<HTMLElement, number>();
  /** Cell writes since load (tests and the debug overlay). */
  writes = 0;

  constructor(table: HTMLTableElement, private readonly onSort: () => void) {
    const thead = table.createTHead();
    const hr = thead.insertRow();
    for (const col of COLUMNS) {
      const th = document.createElement('th');
      th.className = col.cls;
      th.scope = 'col';
      th.textContent = col.label;
      th.dataset.key = col.key;
      if (col.title) th.title = col.title;
      th.tabIndex = 0;
      th.setAttribute('role', 'columnheader');
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
    const foot = table.createTFoot().insertRow();
    const cell = (cls: string, text = '') => {
      const td = foot.insertCell();
      td.className = cls;
      td.textContent = text;
      return td;
    };
    cell('c-sym', 'Index');
    this.foot = {
      level: cell('c-num c-last'),
      pct: cell('c-num'),
      cap: cell('c-num c-cap'),
      weight: cell('c-num c-weight', '100.00%'),
      contrib: cell('c-num c-contrib'),
    };
    cell('c-sess');
    this.foot.level.title = 'Index level';
    this.paintSortHeads();
  }

  private readonly foot: { level: HTMLElement; pct: HTMLElement; cap: HTMLElement; weight: HTMLElement; contrib: HTMLElement };
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
    put(this.foot.pct, fmtSignedPct(ix.changePct), ix.changePct ?? 0);
    put(this.foot.cap, fmtUsd(ix.marketCapUsd));
    put(this.foot.contrib, fmtContribution(ix.change), ix.change ?? 0);
  }

  sortBy(key: Key): void {
    if (key === this.sortKey) this.sortDesc = !this.sortDesc;
    else {
      this.sortKey = key;
      this.sortDesc = key !== 'ticker' && key !== 'session';
    }
    this.paintSortHeads();
    this.orderDirty = true;
    this.lastSortAt = 0;
    this.onSort();
  }

  get sort(): { key: Key; desc: boolean } {
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
    const flash = tickers !== null;
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
      for (const c of list) if (tickers.has(c.ticker ?? '')) this.write(c, flash, now);
      if (this.sortKey !== 'ticker') this.orderDirty = true;
    }
    if (this.orderDirty && (now - this.lastSortAt >= RESORT_MS || this.order.length !== this.rows.size)) {
      this.resort(list);
      this.lastSortAt = now;
    }
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

  private write(c: Constituent, flash: boolean, now: number): void {
    const ticker = c.ticker ?? '';
    let row = this.rows.get(ticker);
    if (!row) {
      row = this.createRow(ticker);
      this.rows.set(ticker, row);
      this.tbody.appendChild(row.tr);
      this.orderDirty = true;
    }
    const v = row.v;
    const last = c.last ?? Number.NaN;
    if (last !== v.last && !(Number.isNaN(last) && Number.isNaN(v.last))) {
      const up = last > v.last;
      const hadValue = !Number.isNaN(v.last);
      v.last = last;
      this.set(row.last, fmtPrice(last));
      if (flash && hadValue) this.flash(row.last, up, now);
    }
    const chg = fmtSignedPct(c.changePct);
    if (chg !== v.chg) {
      v.chg = chg;
      this.set(row.chg, chg);
      const dir = (c.changePct ?? 0) > 0 ? 'up' : (c.changePct ?? 0) < 0 ? 'down' : 'flat';
      if (dir !== v.dir) {
        v.dir = dir;
        row.chg.className = `c-num ${dir}`;
        row.tr.dataset.dir = dir;
      }
    }
    const capN = c.marketCapUsd ?? Number.NaN;
    const cap = fmtUsd(capN);
    if (cap !== v.cap) {
      const up = capN > v.capN;
      const hadValue = !Number.isNaN(v.capN);
      v.cap = cap;
      v.capN = capN;
      this.set(row.cap, cap);
      if (flash && hadValue) this.flash(row.cap, up, now);
    }
    const weight = fmtWeight(c.weight);
    if (weight !== v.weight) {
      v.weight = weight;
      this.set(row.weight, weight);
    }
    const contrib = fmtContribution(c.contribution);
    if (contrib !== v.contrib) {
      v.contrib = contrib;
      this.set(row.contrib, contrib);
      row.contrib.className = `c-num c-contrib ${(c.contribution ?? 0) > 0 ? 'up' : (c.contribution ?? 0) < 0 ? 'down' : 'flat'}`;
    }
    const sess = sessionName(c.session);
    if (sess !== v.sess) {
      v.sess = sess;
      row.sess.textContent = sess;
      row.sess.className = `badge sess-${sess.toLowerCase()}`;
      this.writes++;
    }
    const flag = c.halted ? 'HALTED' : c.stale ? 'STALE' : '';
    if (flag !== v.flag) {
      v.flag = flag;
      row.flag.textContent = flag;
      row.flag.className = flag ? `badge flag-${flag.toLowerCase()}` : 'badge hidden';
      row.tr.classList.toggle('halted', !!c.halted);
      row.tr.classList.toggle('stale', !c.halted && !!c.stale);
      this.writes++;
    }
    const name = c.name ?? '';
    if (name !== v.name) {
      v.name = name;
      row.name.textContent = name;
      row.tr.title = name;
    }
  }

  private set(el: HTMLElement, text: string): void {
    el.textContent = text;
    this.writes++;
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
    const row: Row = {
      tr,
      name,
      flag,
      last: td('c-num c-last'),
      chg: td('c-num'),
      cap: td('c-num c-cap'),
      weight: td('c-num c-weight'),
      contrib: td('c-num c-contrib'),
      sess: document.createElement('span'),
      v: { last: Number.NaN, chg: '', cap: '', capN: Number.NaN, weight: '', contrib: '', sess: '', flag: '', dir: '', name: '' },
    };
    td('c-sess').appendChild(row.sess);
    return row;
  }

  private resort(list: readonly Constituent[]): void {
    this.orderDirty = false;
    const key = this.sortKey;
    const sign = this.sortDesc ? -1 : 1;
    const byTicker = new Map<string, Constituent>();
    for (const c of list) byTicker.set(c.ticker ?? '', c);
    const value = (t: string): number | string => {
      const c = byTicker.get(t);
      if (key === 'ticker') return t;
      if (key === 'session') return sessionName(c?.session);
      const v = c?.[key];
      return typeof v === 'number' && Number.isFinite(v) ? v : Number.NEGATIVE_INFINITY;
    };
    const next = [...this.rows.keys()].sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      const cmp = va < vb ? -1 : va > vb ? 1 : 0;
      return cmp !== 0 ? cmp * sign : a < b ? -1 : 1;
    });
    if (next.length === this.order.length && next.every((t, i) => t === this.order[i])) return;
    this.order = next;
    // Appending moves each row; a fragment keeps it to one layout.
    const frag = document.createDocumentFragment();
    for (const t of next) frag.appendChild(this.rows.get(t)!.tr);
    this.tbody.appendChild(frag);
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
