/**
 * The ticker page: wiring of the SDK (same origin, protobuf, raw deltas), the store and the renderer.
 *
 *   SDK event ──► Store (state + dirty flags, O(changed fields)) ──► schedule() ──► one rAF: DOM writes
 *
 * URL parameters: `?index=ai-hpc` selects an index, `?chart=candles` starts with candles.
 */
import { HashcapClient, LOCAL_ERROR_CODE, type HashcapEvents } from '@hashcap/client';
import { PriceChart, type ChartMode } from './chart.ts';
import { fmtUsd } from './format.ts';
import { Renderer } from './render.ts';
import { Store } from './store.ts';
import { ConstituentsTable } from './table.ts';

const params = new URLSearchParams(location.search);
const store = new Store(params.get('index') || 'miners');
const chart = new PriceChart(document.getElementById('chart')!);
let renderer: Renderer;
const table = new ConstituentsTable(document.getElementById('constituents') as HTMLTableElement, () => {
  store.allRows = true; // re-sort now, from the full list
  renderer.schedule();
});
renderer = new Renderer(store, table, chart, select);

// A server run with --auth required: the page is opened as /?token=<JWT> (a browser's websocket can carry it no other way).
const pageToken = params.get('token');
const client = new HashcapClient({ url: location.origin, format: 'proto', ...(pageToken !== null && pageToken !== '' && { token: pageToken }) });
const subscribed = new Set<string>();

function subscribeIndex(id: string): void {
  if (subscribed.has(id)) return;
  subscribed.add(id);
  client.subscribe([`index.${id}`, `bars.${id}.1m`], { conflateMs: 0 });
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
  store.onSnapshot(e);
  dirty();
});
client.on('delta', (e) => {
  store.onDelta(e);
  dirty();
});
client.on('state', ({ state }) => {
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

// Chart type toggle.
const toggles = Array.from(document.querySelectorAll<HTMLButtonElement>('.toggle button'));
function setMode(mode: ChartMode): void {
  chart.setMode(mode);
  for (const b of toggles) b.setAttribute('aria-pressed', String(b.dataset.mode === mode));
}
for (const b of toggles) b.addEventListener('click', () => setMode(b.dataset.mode === 'candles' ? 'candles' : 'line'));
if (params.get('chart') === 'candles') setMode('candles');

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
  get frames() {
    return renderer.stats.frames;
  },
  get notices() {
    return store.notices.map((n) => n.text);
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
      sort: table.sort,
      chartMode: chart.mode,
      chartPoints: chart.pointCount(),
      sessionBands: chart.bands.summary(),
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
