/**
 * Soak: does the server's footprint level off? `npm run bench -- soak [--minutes N]` (default 10).
 *
 * The server runs `server/main.ts` in a child process, the built-in simulator at 2,000 ticks/s with
 * its clock inside a regular session (so the load is flat: no opening burst, no session change).
 * Against it, from this process: four permanent subscribers (every channel raw, at 100 ms, at
 * 1000 ms, and raw in JSON); a new subscriber every second on a random set of channels and rate that
 * leaves after 5–20 s; one slow consumer (a raw socket that subscribes to everything and never reads;
 * once the server closes it, another takes its place); and a probe on `index.miners` and `quotes.*`
 * that measures delivery (the server's send stamp → receipt) and checks seq contiguity.
 *
 * Every 5 s it scrapes /metrics (RSS, heap used, event-loop lag p99 and max since the last scrape).
 * Per minute: RSS and heap as the mean of the minute's scrapes (the GC sawtooth averaged out), lag
 * p99 as the worst scrape, delivery p99 over every delta of the minute. Verdict: from minute 3 on,
 * each stays no more than 10% above its minute-2 value (timings with 1 ms of clock resolution).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { wire } from '../../proto/wire.ts';
import { LatencyRecorder, nowMs, summarizeLatency } from '../load/latency.ts';
import { Prng } from '../load/prng.ts';
import { RESULTS_DIR, markdownTable, writeResults } from '../lib/report.ts';
import { soakChart } from './chart.ts';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SIM_RATE = 2000;
/** A Friday in November 2026, mid-session: the simulator's intensity is flat for hours. */
const SIM_CLOCK = '2026-11-20T11:00:00-05:00';
const SCRAPE_EVERY_MS = 5_000;
const CHURN_EVERY_MS = 1_000;
const TOLERANCE = 0.1;
const TIMING_RESOLUTION_MS = 1;
const RATES = [0, 100, 1000] as const;

export interface SoakRow {
  minute: number;
  rssMiB: number;
  heapUsedMiB: number;
  loopLagP99Ms: number;
  loopLagMaxMs: number;
  deliveryP99Ms: number;
  deliveries: number;
  gaps: number;
  connections: number;
  slowConsumersClosed: number;
}

interface Scrape {
  rss: number;
  heapUsed: number;
  lagP99: number;
  lagMax: number;
  connections: number;
  slowClosed: number;
}

export async function soakBench(full: boolean): Promise<SoakRow[]> {
  const minutes = minutesArg(full);
  console.log(`soak: ${minutes} min, simulator ${SIM_RATE} ticks/s from ${SIM_CLOCK}, subscribers joining and leaving, one slow consumer`);
  const server = await startServerProcess();
  const load = new Load(server.port);
  const rows: SoakRow[] = [];
  try {
    await load.start();
    let scrapes: Scrape[] = [];
    const startedAt = Date.now();
    for (let minute = 1; minute <= minutes; minute++) {
      const minuteEnd = startedAt + minute * 60_000;
      while (Date.now() < minuteEnd) {
        await sleep(Math.min(SCRAPE_EVERY_MS, minuteEnd - Date.now()));
        if (server.child.exitCode !== null) throw new Error(`server exited with ${server.child.exitCode}`);
        const s = await scrape(server.port);
        scrapes.push(s);
        load.afterScrape(s);
      }
      const delivery = summarizeLatency(load.takeLatency().histogram);
      const row: SoakRow = {
        minute,
        rssMiB: round(mean(scrapes.map((s) => s.rss)) / 2 ** 20, 1),
        heapUsedMiB: round(mean(scrapes.map((s) => s.heapUsed)) / 2 ** 20, 1),
        loopLagP99Ms: round(Math.max(...scrapes.map((s) => s.lagP99)) * 1000, 2),
        loopLagMaxMs: round(Math.max(...scrapes.map((s) => s.lagMax)) * 1000, 2),
        deliveryP99Ms: delivery.p99Ms,
        deliveries: delivery.count,
        gaps: load.takeGaps(),
        connections: scrapes.at(-1)!.connections,
        slowConsumersClosed: scrapes.at(-1)!.slowClosed,
      };
      rows.push(row);
      scrapes = [];
      console.log(
        `  minute ${minute}: RSS ${row.rssMiB} MiB, heap ${row.heapUsedMiB} MiB, loop lag p99 ${row.loopLagP99Ms} ms, delivery p99 ${row.deliveryP99Ms} ms (${row.deliveries} deltas, ${row.gaps} gaps), ${row.connections} connections`,
      );
    }
  } finally {
    load.stop();
    await server.stop();
  }
  report(rows, minutes);
  return rows;
}

// ------------------------------------------------------------------------------------ verdict

interface Check {
  readonly metric: keyof SoakRow;
  readonly label: string;
  readonly slackAbs: number;
}

const CHECKS: readonly Check[] = [
  { metric: 'rssMiB', label: 'RSS', slackAbs: 0 },
  { metric: 'heapUsedMiB', label: 'heap used', slackAbs: 0 },
  { metric: 'loopLagP99Ms', label: 'event-loop lag p99', slackAbs: TIMING_RESOLUTION_MS },
  { metric: 'deliveryP99Ms', label: 'delivery p99', slackAbs: TIMING_RESOLUTION_MS },
];

export function verdict(rows: readonly SoakRow[]): { ok: boolean; lines: string[] } {
  const base = rows.find((r) => r.minute === 2);
  const later = rows.filter((r) => r.minute > 2);
  if (!base || later.length === 0) return { ok: true, lines: ['verdict: n/a (needs at least 3 minutes)'] };
  const lines: string[] = [];
  let ok = true;
  for (const c of CHECKS) {
    const limit = base[c.metric] * (1 + TOLERANCE) + c.slackAbs;
    const worst = later.reduce((a, r) => (r[c.metric] > a[c.metric] ? r : a));
    const pass = worst[c.metric] <= limit;
    ok &&= pass;
    const pct = base[c.metric] === 0 ? 0 : ((worst[c.metric] - base[c.metric]) / base[c.metric]) * 100;
    lines.push(
      `${pass ? 'PASS' : 'FAIL'} ${c.label}: minute 2 ${base[c.metric]}, worst later ${worst[c.metric]} (minute ${worst.minute}, ${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%), limit ${round(limit, 2)}`,
    );
  }
  return { ok, lines: [`verdict: ${ok ? 'PASS' : 'FAIL'} (from minute 3 on, each no more than ${TOLERANCE * 100}% above minute 2)`, ...lines] };
}

function report(rows: readonly SoakRow[], minutes: number): void {
  const table = markdownTable(
    ['minute', 'RSS MiB', 'heap used MiB', 'loop lag p99 ms', 'loop lag max ms', 'delivery p99 ms', 'deltas (probe)', 'gaps', 'connections', 'slow closed'],
    rows.map((r) => [
      String(r.minute),
      r.rssMiB.toFixed(1),
      r.heapUsedMiB.toFixed(1),
      r.loopLagP99Ms.toFixed(2),
      r.loopLagMaxMs.toFixed(2),
      r.deliveryP99Ms.toFixed(2),
      String(r.deliveries),
      String(r.gaps),
      String(r.connections),
      String(r.slowConsumersClosed),
    ]),
  );
  const v = verdict(rows);
  console.log(`\n${table}\n\n${v.lines.join('\n')}`);
  writeResults('soak', rows, table, [
    '',
    `Command: npm run bench -- soak --minutes ${minutes}. Server: server/main.ts --sim-rate ${SIM_RATE} --clock ${SIM_CLOCK} in a child process.`,
    'RSS and heap: mean of the minute\'s /metrics scrapes (every 5 s); loop lag: worst scrape; delivery: send stamp → receipt at the probe.',
    `Machine load at the end (1-min load average): ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores; the probe and the load share the server's cores.`,
    '',
    ...v.lines,
  ]);
  writeFileSync(join(RESULTS_DIR, 'soak.svg'), soakChart(rows));
  console.log(`\nwrote ${join(RESULTS_DIR, 'soak.json')}, soak.md and soak.svg`);
}

// ------------------------------------------------------------------------------------ server

interface ServerProcess {
  readonly child: ChildProcess;
  readonly port: number;
  stop(): Promise<void>;
}

async function startServerProcess(): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--port', '0', '--sim-rate', String(SIM_RATE), '--clock', SIM_CLOCK],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not report its port in 60 s:\n${out}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /stream\s+ws:\/\/[^:]+:(\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${out}`)));
  });
  child.stdout!.resume();
  return {
    child,
    port,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function scrape(port: number): Promise<Scrape> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const value = (name: string): number => {
    const m = new RegExp(`^${name.replace(/[{}"=]/g, (c) => `\\${c}`)} ([0-9.e+-]+)`, 'm').exec(text);
    return m ? Number(m[1]) : 0;
  };
  return {
    rss: value('process_resident_memory_bytes'),
    heapUsed: value('nodejs_heap_size_used_bytes'),
    lagP99: value('nodejs_eventloop_lag_p99_seconds'),
    lagMax: value('nodejs_eventloop_lag_max_seconds'),
    connections: value('hashcap_connections'),
    slowClosed: value('hashcap_slow_consumers_total{action="closed"}'),
  };
}

// ------------------------------------------------------------------------------------ load

class Load {
  private readonly url: string;
  private readonly prng = new Prng(9);
  private readonly sockets = new Set<WebSocket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private channels: string[] = [];
  private latency = new LatencyRecorder();
  private gaps = 0;
  private readonly lastSeq = new Map<string, number>();
  private slow: net.Socket | null = null;
  private slowClosedSeen = 0;
  private stopped = false;

  constructor(private readonly port: number) {
    this.url = `ws://127.0.0.1:${port}/v1/stream`;
  }

  async start(): Promise<void> {
    // The channels a user would find: every index in /v1/snapshot, and each of its constituents.
    const snapshot = (await (await fetch(`http://127.0.0.1:${this.port}/v1/snapshot`)).json()) as {
      indexes: Record<string, { constituents?: { ticker: string }[] }>;
    };
    const ids = Object.keys(snapshot.indexes);
    const symbols = [...new Set(Object.values(snapshot.indexes).flatMap((ix) => (ix.constituents ?? []).map((c) => c.ticker)))];
    this.channels = ['status', 'quotes.*', ...ids.flatMap((id) => [`index.${id}`, `bars.${id}.1m`, `bars.${id}.5m`]), ...symbols.map((s) => `quotes.${s}`)];
    for (const rate of RATES) this.subscriber(this.channels, rate, 'proto', 0);
    this.subscriber(this.channels, 0, 'json', 0);
    this.probe();
    this.slowConsumer();
    this.timers.add(setInterval(() => this.churn(), CHURN_EVERY_MS));
  }

  afterScrape(s: Scrape): void {
    // A slow consumer the server closed is replaced, so there is always one for the ladder to handle.
    if (s.slowClosed > this.slowClosedSeen) {
      this.slowClosedSeen = s.slowClosed;
      this.slow?.destroy();
      this.slowConsumer();
    }
  }

  takeLatency(): LatencyRecorder {
    const out = this.latency;
    this.latency = new LatencyRecorder();
    return out;
  }

  takeGaps(): number {
    const n = this.gaps;
    this.gaps = 0;
    return n;
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    for (const ws of this.sockets) ws.terminate();
    this.slow?.destroy();
  }

  private churn(): void {
    if (this.stopped) return;
    const picked = this.channels.filter(() => this.prng.next() < 0.3);
    if (picked.length === 0) picked.push('index.miners');
    const rate = RATES[this.prng.below(RATES.length)]!;
    const format = this.prng.below(4) === 0 ? 'json' : 'proto';
    this.subscriber(picked, rate, format, 5_000 + this.prng.below(15_000));
  }

  /** Reads every frame without decoding it: the load is on the server, not here. */
  private subscriber(channels: readonly string[], rate: number, format: 'proto' | 'json', lifeMs: number): void {
    const ws = new WebSocket(this.url, [format === 'json' ? 'hashcap.v1.json' : 'hashcap.v1.proto'], { perMessageDeflate: false });
    this.sockets.add(ws);
    ws.on('open', () => ws.send(subscribeMessage(channels, rate, format)));
    ws.on('error', () => {});
    ws.on('close', () => this.sockets.delete(ws));
    if (lifeMs > 0) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        ws.terminate();
      }, lifeMs);
      this.timers.add(timer);
    }
  }

  private probe(): void {
    const ws = new WebSocket(this.url, ['hashcap.v1.proto'], { perMessageDeflate: false });
    this.sockets.add(ws);
    ws.on('open', () => ws.send(subscribeMessage(['index.miners', 'quotes.*'], 0, 'proto')));
    ws.on('error', () => {});
    ws.on('message', (data: Buffer) => {
      const received = nowMs();
      const m = wire.ServerMessage.decode(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (m.snapshot && !m.snapshot.keyframe) this.lastSeq.set(`${m.snapshot.channel ?? ''}@${m.snapshot.conflateMs ?? 0}`, Number(m.snapshot.seq));
      const d = m.delta;
      if (!d) return;
      const key = `${d.channel ?? ''}@${d.conflateMs ?? 0}`;
      const last = this.lastSeq.get(key);
      if (last !== undefined && Number(d.seq) !== last + 1) this.gaps += Math.max(1, Number(d.seq) - last - 1);
      this.lastSeq.set(key, Number(d.seq));
      this.latency.record(received - Number(d.sendTimeMs));
    });
  }

  /** A websocket handshake by hand, one subscribe frame, then the socket is never read again. */
  private slowConsumer(): void {
    if (this.stopped) return;
    const socket = net.connect(this.port, '127.0.0.1');
    this.slow = socket;
    socket.on('error', () => {});
    socket.once('connect', () => {
      socket.write(
        'GET /v1/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          'Sec-WebSocket-Key: c29hay1zbG93LWNvbnN1bWVy\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: hashcap.v1.proto\r\n\r\n',
      );
      socket.once('data', () => {
        socket.write(maskedBinaryFrame(subscribeMessage(this.channels, 0, 'proto') as Uint8Array));
        socket.pause();
      });
    });
  }
}

function subscribeMessage(channels: readonly string[], rate: number, format: 'proto' | 'json'): Uint8Array | string {
  const message = { subscribe: { requestId: 1, channels: [...channels], conflateMs: rate } };
  return format === 'json' ? JSON.stringify(message) : wire.ClientMessage.encode(message).finish();
}

/** A client → server frame must be masked (RFC 6455 §5.3). */
function maskedBinaryFrame(payload: Uint8Array): Buffer {
  const mask = Buffer.from([0x1f, 0x2e, 0x3d, 0x4c]);
  const len = payload.length;
  const header = len < 126 ? Buffer.from([0x82, 0x80 | len]) : Buffer.from([0x82, 0x80 | 126, len >> 8, len & 0xff]);
  const body = Buffer.alloc(len);
  for (let i = 0; i < len; i++) body[i] = payload[i]! ^ mask[i % 4]!;
  return Buffer.concat([header, mask, body]);
}

// ------------------------------------------------------------------------------------ helpers

function minutesArg(full: boolean): number {
  const at = process.argv.indexOf('--minutes');
  if (at < 0) return full ? 20 : 10;
  const n = Number(process.argv[at + 1]);
  if (!(Number.isInteger(n) && n >= 1 && n <= 240)) throw new Error(`--minutes takes a whole number from 1 to 240, not ${process.argv[at + 1]}`);
  return n;
}

const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const round = (x: number, digits: number): number => Number(x.toFixed(digits));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));
