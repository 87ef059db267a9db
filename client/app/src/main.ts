/**
 * The ticker page: wiring of the SDK (same origin, protobuf, raw deltas), the store and the renderer.
 *
 *   SDK event ──► Store (state + dirty flags, O(changed fields)) ──► schedule() ──► one rAF: DOM writes
 *
 * URL parameters: `?index=ai-hpc` selects an index, `?chart=candles` starts with candles, `?interval=5m`
 * with 5-minute bars, `?symbol=IREN` opens that name's day.
 */
import { HashcapClient, LOCAL_ERROR_CODE, type HashcapEvents } from '@hashcap/client';
import type { ChartMode, PriceChart } from './chart.ts';
import { DrillDown } from './drill.ts';
import { fmtUsd } from './format.ts';
import { Renderer } from './render.ts';
import { Store, type IntervalS } from './store.ts';
import { ConstituentsTable } from './table.ts';
import { Theme } from './theme.ts';

/** Milestones of the first load (ms since navigation start), for the first-paint test's report. */
const timeline: Record<string, number> = { script: performance.now() };
const params = new URLSearchParams(location.search);
const store = new Store(params.get('index') || 'miners');
const theme = new Theme(document.getElementById('theme') as HTMLButtonElement);
let renderer: Renderer;
/**
 * The charting code (lightweight-charts, most of the page's JS) loads after the first figures are
 * painted: the level, market cap and table do not wait for its download, parse and start-up.
 */
let chartCode: Promise<typeof import('./chart.ts')> | null = null;
const loadChartCode = () => (chartCode ??= import('./chart.ts'));
let chart: PriceChart | null = null;
let chartMode: ChartMode = params.get('chart') === 'candles' ? 'candles' : 'line';
function startChart(): void {
  void loadChartCode().then(({ PriceChart }) => {
    if (chart) return;
    chart = new PriceChart(document.getElementById('chart')!);
    chart.theme(theme.colors());
    chart.setMode(chartMode);
    renderer.attachChart(chart);
  });
}
// A server run with --auth required: the page is opened as /?token=<JWT> (a browser's websocket can carry it no other way).
const pageToken = params.get('token');
const client = new HashcapClient({ url: location.origin, format: 'proto', ...(pageToken !== null && pageToken !== '' && { token: pageToken }) });
const drill = new DrillDown(
  store,
  loadChartCode,
  (channels) => client.subscribe(channels, { conflateMs: 0 }),
  (channels) => client.unsubscribe(channels, { conflateMs: 0 }),
  () => renderer.schedule(),
);
const table = new ConstituentsTable(
  document.getElementById('constituents') as HTMLTableElement,
  () => {
    store.allRows = true; // re-sort now, from the full list
    renderer.schedule();
  },
  (ticker) => drill.open(ticker),
);
renderer = new Renderer(store, table, select, drill);
theme.onChange((colors) => {
  chart?.theme(colors);
  drill.theme(colors);
});

const subscribed = new Set<string>();

function subscribeIndex(id: string): void {
  if (subscribed.has(id)) return;
  subscribed.add(id);
  client.subscribe([`index.${id}`], { conflateMs: 0 });
  // The chart redraws at most 10 times a second: its bars need no more (a raw feed sends one per batch).
  client.subscribe([`bars.${id}.1m`, `bars.${id}.5m`], { conflateMs: 100 });
}

/**
 * Each member's 5-minute bars of the day (the table's sparklines and day ranges), once the headline
 * figures are painted: a day of them is ~190 bars a name, and first paint does not wait for them.
 */
const followedDays = new Set<string>();
function followDays(): void {
  const tickers = (store.index?.constituents ?? []).map((c) => c.ticker ?? '').filter((t) => t && !followedDays.has(t));
  if (tickers.length === 0) return;
  for (const t of tickers) followedDays.add(t);
  client.subscribe(tickers.map((t) => `bars.${t}.5m`), { conflateMs: 1000 });
}

function select(id: string): void {
  subscribeIndex(id);
  store.select(id);
  const url = new URL(location.href);
  url.searchParams.set('index', id);
  history.replaceState(null, '', url);
  renderer.schedule();
}

// ------------------------------------------------------------------------------ SDK events

const dirty = () => renderer.schedule();
client.on('snapshot', (e) => {
  timeline[`snapshot ${e.channel}`] ??= performance.now();
  store.onSnapshot(e);
  if (e.state.index && renderer.stats.firstPaintMs !== null) followDays();
  dirty();
});
client.on('delta', (e) => {
  store.onDelta(e);
  dirty();
});
client.on('state', ({ state }) => {
  timeline[state] ??= performance.now();
  const was = store.connection;
  store.setConnection(state);
  if (state === 'reconnecting' && was === 'open') store.notify('Connection lost — reconnecting…', 'warn');
  dirty();
});
client.on('reconnected', ({ downtimeMs, attempt }) => {
  store.notify(`Reconnected after ${(downtimeMs / 1000).toFixed(1)} s (attempt ${attempt}) — resuming channels`, 'good');
  dirty();
});

/** Resyncs come per channel (five at once after a server restart): one notice per burst. */
let resyncs: HashcapEvents['resync'][] = [];
client.on('resync', (e) => {
  if (resyncs.length === 0) {
    setTimeout(() => {
      const reasons = [...new Set(resyncs.map((r) => r.reason))];
      const why = reasons.map((r) => (r === 'epoch' ? 'server restarted (new epoch)' : r === 'unrecovered' ? 'history too short to resume' : r === 'gap' ? 'missed deltas' : 'checksum mismatch'));
      const n = resyncs.length;
      store.notify(`Resynced ${n} channel${n === 1 ? '' : 's'} from fresh snapshots: ${why.join(', ')}`, reasons.includes('epoch') ? 'info' : 'warn');
      resyncs = [];
      dirty();
    }, 50);
  }
  resyncs.push(e);
});
client.on('gap', (e) => {
  store.notify(`Gap on ${e.channel}: expected seq ${e.expected}, got ${e.received} — resuming`, 'warn');
  dirty();
});
client.on('notice', (n) => {
  const text =
    n.kind === 'reconnect_advice' ? `Server: ${n.message || 'restarting'} — moving to a new connection` :
    n.kind === 'slow_consumer_degraded' ? `Server: this page is behind; updates slowed to every ${n.conflateMs ?? 1000} ms` :
    n.kind === 'slow_consumer_warn' ? 'Server: this page is falling behind the feed' :
    `Server: ${n.message || n.kind || 'notice'}`;
  store.notify(text, n.kind === 'info' ? 'info' : 'warn');
  dirty();
});
client.on('stale', (e) => {
  if (store.connection === 'open') {
    store.notify(`No data or heartbeat on ${e.channel} for ${(e.silentMs / 1000).toFixed(1)} s`, 'warn');
    dirty();
  }
});
client.on('error', (e) => {
  if (e.code !== LOCAL_ERROR_CODE) {
    store.notify(`Error ${e.code}${e.channel ? ` on ${e.channel}` : ''}: ${e.message}`, 'error');
    dirty();
  }
});

// ------------------------------------------------------------------------------ start

subscribeIndex(store.selected);
client.subscribe(['status'], { conflateMs: 0 });
client.subscribe(['quotes.*'], { conflateMs: 100 });
// No data within 1.5 s (a server with nothing to show yet): the chart comes anyway.
setTimeout(startChart, 1_500);
renderer.onFirstPaint = () => {
  startChart();
  followDays();
  const symbol = params.get('symbol');
  if (symbol) drill.open(symbol);
};
client.connect().catch(() => undefined); // it keeps retrying; the status line says so
store.setIndexIds([store.selected]);

/** Which indexes the server loaded (and their names), for the selector. */
fetch('/v1/snapshot', { headers: { accept: 'application/json' } })
  .then((r) => (r.ok ? r.json() : null))
  .then((body: { indexes?: Record<string, { name?: string }> } | null) => {
    const indexes = body?.indexes ?? {};
    for (const [id, ix] of Object.entries(indexes)) if (ix.name) store.indexNames.set(id, ix.name);
    const ids = Object.keys(indexes);
    store.setIndexIds(ids, true);
    if (ids.length > 0 && !ids.includes(store.selected)) select(ids[0]!);
    for (const id of ids) subscribeIndex(id);
    renderer.schedule();
  })
  .catch(() => undefined);

setInterval(() => {
  store.statusTick = true;
  renderer.schedule();
}, 250);

// Chart type and interval toggles: the view (the time window on show) is kept across both.
const modeButtons = Array.from(document.querySelectorAll<HTMLButtonElement>('.toggle button[data-mode]'));
function setMode(mode: ChartMode): void {
  chartMode = mode;
  chart?.setMode(mode);
  for (const b of modeButtons) b.setAttribute('aria-pressed', String(b.dataset.mode === mode));
}
for (const b of modeButtons) b.addEventListener('click', () => setMode(b.dataset.mode === 'candles' ? 'candles' : 'line'));
if (params.get('chart') === 'candles') setMode('candles');
const intervalButtons = Array.from(document.querySelectorAll<HTMLButtonElement>('.toggle button[data-interval]'));
function setIntervalS(interval: IntervalS): void {
  store.setInterval(interval);
  for (const b of intervalButtons) b.setAttribute('aria-pressed', String(Number(b.dataset.interval) === interval));
  renderer.schedule();
}
for (const b of intervalButtons) b.addEventListener('click', () => setIntervalS(b.dataset.interval === '300' ? 300 : 60));
if (params.get('interval') === '5m') setIntervalS(300);

renderer.schedule();

// ------------------------------------------------------------------------------ for tests and the console

declare global {
  interface Window {
    __hashcap: unknown;
  }
}
window.__hashcap = {
  get firstPaintMs() {
    return renderer.stats.firstPaintMs;
  },
  timeline,
  get frames() {
    return renderer.stats.frames;
  },
  get notices() {
    return store.notices.map((n) => n.text);
  },
  openDrill(symbol: string) {
    drill.open(symbol);
  },
  get chartPrevClose() {
    return chart?.prevCloseValue ?? null;
  },
  state() {
    const ix = store.index;
    return {
      connection: store.connection,
      selected: store.selected,
      indexIds: [...store.indexIds],
      level: ix?.level ?? null,
      marketCap: fmtUsd(ix?.marketCapUsd),
      rows: table.rowCount,
      quotesPainted: table.quotedRows,
      sort: table.sort,
      chartMode: chart?.mode ?? chartMode,
      chartInterval: store.interval,
      chartPoints: chart?.pointCount() ?? 0,
      chartSpan: chart?.span() ?? null,
      chartView: chart?.visibleRange() ?? null,
      chartMarkers: chart?.markerCount() ?? 0,
      drill: store.drill,
      drillPoints: drill.chartPoints,
      drillBars: store.drill ? (store.symbolBars.get(`${store.drill}.60`)?.bars?.length ?? 0) : 0,
      theme: theme.name,
      sessionBands: chart?.bands.summary() ?? [],
      deltas: store.deltas,
      medianLagMs: store.medianLag(),
      lagSource: store.lagSource,
      cellWrites: table.writes,
      longestFrameMs: renderer.stats.longestFrameMs,
      renderMs: renderer.stats.renderMs,
      slowestRenderMs: renderer.stats.slowestRenderMs,
    };
  },
};
