/**
 * The long gap run: `npm run bench -- gaps [--minutes=20] [--transports=uws,ws] [--sim-rate=N]
 * [--subscribers=3] [--slow=1]`. Not part of `npm run bench` without a name, nor of `npm test`.
 *
 * Per transport, one server process (`server/main.ts`, the simulator at --sim-rate in a regular session)
 * and, in this process, `--subscribers` subscribers per rate (raw, 100 ms, 1000 ms), each subscribed to
 * every channel (every index, quotes.* and every symbol, every bar interval, status). Every delta must
 * follow its stream's seq by one, every keyframe and heartbeat must repeat its stream's seq; anything else
 * is a gap, recorded with its channel, rate and seqs and with what the server did around it: its log
 * lines (every slow-consumer ladder step is logged) and the /metrics samples before and after (sends
 * dropped, ladder actions, event-loop lag, RSS). `--slow` subscribers (JSON) also stop reading for 100 s of
 * every two minutes, so the ladder acts during the run; when one is closed (4000) it reconnects and resumes from its
 * own last seqs, and its streams are checked across the resume too.
 *
 * Results: bench/results/gaps.json (every gap in full) and gaps.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { wire, type hashcap } from '../../proto/wire.ts';
import { defaultBasketPaths, loadBaskets } from '../../server/market/basket-file.ts';
import { markdownTable, writeResults } from '../lib/report.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOKEN = 'gap-run-token-0123456789abcdef';
const RATES = [0, 100, 1000] as const;
/** A Friday, 10:00 New York: the whole run stays in the regular session at full intensity. */
const CLOCK = '2026-11-20T10:00:00-05:00';
const METRICS_EVERY_MS = 5_000;
const CONTEXT_BEFORE_MS = 10_000;
const CONTEXT_AFTER_MS = 2_000;

interface Options {
  readonly minutes: number;
  readonly transports: readonly ('uws' | 'ws')[];
  readonly simRate: number;
  readonly subscribers: number;
  readonly slow: number;
}

function options(argv: readonly string[]): Options {
  const get = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const transports = (get('transports') ?? 'uws,ws').split(',').filter((t): t is 'uws' | 'ws' => t === 'uws' || t === 'ws');
  return {
    minutes: Number(get('minutes') ?? 20),
    transports,
    simRate: Number(get('sim-rate') ?? 100_000),
    subscribers: Number(get('subscribers') ?? 3),
    slow: Number(get('slow') ?? 1),
  };
}

interface MetricsSample {
  readonly atMs: number;
  readonly values: Record<string, number>;
}

const WATCHED_METRICS = [
  'hashcap_sends_dropped_total',
  'hashcap_ingest_accepted_total',
  'hashcap_connections',
  'hashcap_slow_consumers_total{action="warned"}',
  'hashcap_slow_consumers_total{action="degraded"}',
  'hashcap_slow_consumers_total{action="closed"}',
  'hashcap_slow_consumers_total{action="overflowed"}',
  'hashcap_slow_consumers_total{action="closed_clean"}',
  'hashcap_slow_consumers_total{action="terminated"}',
  'nodejs_eventloop_lag_p99_seconds',
  'process_resident_memory_bytes',
];

interface Gap {
  readonly transport: string;
  readonly subscriber: string;
  readonly channel: string;
  readonly conflateMs: number;
  readonly expectedSeq: number;
  readonly gotSeq: number;
  readonly via: 'delta' | 'keyframe' | 'heartbeat' | 'replay';
  readonly atMs: number;
  serverLog?: readonly string[];
  metricsBefore?: MetricsSample | null;
  metricsAfter?: MetricsSample | null;
}

/** What the server process printed, stamped on arrival. */
class ServerProcess {
  readonly lines: { atMs: number; line: string }[] = [];
  readonly child: ChildProcess;
  private readonly ready: Promise<void>;

  constructor(transport: string, port: number, simRate: number) {
    const args = [
      ...process.execArgv,
      join(ROOT, 'server', 'main.ts'),
      '--transport', transport,
      '--port', String(port),
      '--token', TOKEN,
      '--sim-rate', String(simRate),
      '--clock', CLOCK,
      '--log-format', 'pretty', // readable lines in the report's context
    ];
    this.child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let buffered = '';
    this.ready = new Promise((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        buffered += chunk.toString();
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          this.lines.push({ atMs: Date.now(), line });
          if (line.includes('hashcap all-in-one')) resolve(); // the start banner (server/main.ts)
        }
      };
      this.child.stdout!.on('data', onData);
      this.child.stderr!.on('data', onData);
      this.child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${this.lines.map((l) => l.line).join('\n')}`)));
    });
  }

  started(): Promise<void> {
    return this.ready;
  }

  around(atMs: number): string[] {
    return this.lines
      .filter((l) => l.atMs >= atMs - CONTEXT_BEFORE_MS && l.atMs <= atMs + CONTEXT_AFTER_MS)
      .map((l) => `${new Date(l.atMs).toISOString()} ${l.line}`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 8_000))]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

interface StreamPosition {
  seq: number;
  epoch: number;
}

/** One subscriber: every channel at one rate, every message checked against its stream's seq. */
class CheckedSubscriber {
  readonly positions = new Map<string, StreamPosition>();
  deltas = 0;
  keyframes = 0;
  heartbeats = 0;
  connects = 0;
  resumes = 0;
  replayed = 0;
  unrecovered = 0;
  readonly notices: Record<string, number> = {};
  readonly closes: Record<string, number> = {};
  private socket: WebSocket | null = null;
  private stopped = false;
  private paused = false;

  constructor(
    readonly name: string,
    private readonly url: string,
    readonly conflateMs: number,
    private readonly channels: readonly string[],
    private readonly transport: string,
    private readonly onGap: (gap: Gap) => void,
    private readonly format: 'proto' | 'json' = 'proto',
  ) {}

  connect(): void {
    if (this.stopped) return;
    this.connects++;
    const socket = new WebSocket(`${this.url}/v1/stream`, [this.format === 'json' ? 'hashcap.v1.json' : 'hashcap.v1.proto']);
    this.socket = socket;
    socket.binaryType = 'nodebuffer';
    socket.on('open', () => {
      const resume: hashcap.v1.IResumePoint[] = [];
      for (const channel of this.channels) {
        const p = this.positions.get(channel);
        if (p) resume.push({ channel, epoch: p.epoch, lastSeq: p.seq });
      }
      if (resume.length > 0) this.resumes++;
      const subscribe = { subscribe: { requestId: 1, channels: [...this.channels], conflateMs: this.conflateMs, resume } };
      if (this.format === 'json') socket.send(JSON.stringify(wire.ClientMessage.toObject(wire.ClientMessage.fromObject(subscribe), { json: true })));
      else socket.send(wire.ClientMessage.encode(subscribe).finish());
    });
    socket.on('message', (data: Buffer, isBinary: boolean) =>
      this.onMessage(isBinary ? wire.ServerMessage.decode(data) : wire.ServerMessage.fromObject(JSON.parse(data.toString()) as Record<string, unknown>)),
    );
    socket.on('close', (code: number) => {
      this.closes[code] = (this.closes[code] ?? 0) + 1;
      this.socket = null;
      if (!this.stopped) setTimeout(() => this.connect(), 200);
    });
    socket.on('error', () => {});
  }

  /** Stops reading (the kernel buffers fill, then the server's queue) or reads again. */
  setPaused(paused: boolean): void {
    this.paused = paused;
    const raw = (this.socket as unknown as { _socket?: { pause(): void; resume(): void } } | null)?._socket;
    if (paused) raw?.pause();
    else raw?.resume();
  }

  stop(): void {
    this.stopped = true;
    if (this.paused) this.setPaused(false);
    this.socket?.close();
  }

  private onMessage(m: hashcap.v1.ServerMessage): void {
    if (m.ack) {
      const a = m.ack;
      // A resume the history could not serve: the client is told (recovered = false), not left with a hole.
      if (a.resumed) this.replayed += a.replayed ?? 0;
      else if (this.positions.has(a.channel ?? '')) this.unrecovered++;
      return;
    }
    if (m.snapshot) {
      const s = m.snapshot;
      const seq = num(s.seq);
      if (s.keyframe) {
        this.keyframes++;
        this.expectSeq(s.channel ?? '', seq, 'keyframe', 0);
      } else {
        this.positions.set(s.channel ?? '', { seq, epoch: num(s.epoch) });
      }
      return;
    }
    if (m.delta) {
      this.deltas++;
      this.expectSeq(m.delta.channel ?? '', num(m.delta.seq), 'delta', 1);
      return;
    }
    if (m.heartbeat) {
      this.heartbeats++;
      this.expectSeq(m.heartbeat.channel ?? '', num(m.heartbeat.seq), 'heartbeat', 0);
      return;
    }
    if (m.notice) this.notices[m.notice.kind ?? ''] = (this.notices[m.notice.kind ?? ''] ?? 0) + 1;
  }

  /** `step` 1: the next seq; 0: the current one (keyframes, heartbeats). */
  private expectSeq(channel: string, seq: number, via: Gap['via'], step: 0 | 1): void {
    const p = this.positions.get(channel);
    if (p === undefined) return; // not subscribed yet at this rate (e.g. a frame of the other rate's topic)
    const expected = p.seq + step;
    if (seq !== expected && !(step === 0 && seq < p.seq)) {
      this.onGap({ transport: this.transport, subscriber: this.name, channel, conflateMs: this.conflateMs, expectedSeq: expected, gotSeq: seq, via, atMs: Date.now() });
    }
    if (seq > p.seq) p.seq = seq;
  }
}

/** uint64 fields decode as numbers, or as Long objects when the `long` package is present. */
function num(v: unknown): number {
  return typeof v === 'number' ? v : Number(String(v));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function scrape(url: string): Promise<MetricsSample | null> {
  try {
    const text = await (await fetch(`${url}/metrics`)).text();
    const values: Record<string, number> = {};
    for (const line of text.split('\n')) {
      const space = line.lastIndexOf(' ');
      const name = line.slice(0, space);
      if (WATCHED_METRICS.includes(name)) values[name] = Number(line.slice(space + 1));
    }
    return { atMs: Date.now(), values };
  } catch {
    return null;
  }
}

async function allChannels(): Promise<string[]> {
  const baskets = await loadBaskets(defaultBasketPaths());
  const symbols = [...new Set(baskets.flatMap((b) => b.constituents.map((c) => c.ticker)))].sort();
  return [
    ...baskets.map((b) => `index.${b.id}`),
    ...baskets.flatMap((b) => [`bars.${b.id}.1m`, `bars.${b.id}.5m`]),
    'status',
    'quotes.*',
    ...symbols.map((s) => `quotes.${s}`),
  ];
}

interface TransportResult {
  transport: string;
  minutes: number;
  simRate: number;
  ticksAccepted: number;
  subscribers: number;
  channelsEach: number;
  deltasChecked: Record<string, number>;
  keyframesChecked: number;
  heartbeatsChecked: number;
  gaps: Gap[];
  resumes: number;
  replayed: number;
  unrecovered: number;
  notices: Record<string, number>;
  closes: Record<string, number>;
  sendsDropped: number;
  ladder: Record<string, number>;
  maxRssMiB: number;
  maxLoopLagP99Ms: number;
}

async function runTransport(transport: 'uws' | 'ws', o: Options, channels: readonly string[]): Promise<TransportResult> {
  const port = await freePort();
  const server = new ServerProcess(transport, port, o.simRate);
  await server.started();
  const url = `http://127.0.0.1:${port}`;
  const gaps: Gap[] = [];
  const samples: MetricsSample[] = [];
  const onGap = (gap: Gap) => {
    gaps.push(gap);
    console.log(`GAP ${gap.transport} ${gap.subscriber} ${gap.channel}@${gap.conflateMs}: expected ${gap.expectedSeq}, got ${gap.gotSeq} (${gap.via})`);
  };
  const subs: CheckedSubscriber[] = [];
  for (const rate of RATES) {
    for (let i = 0; i < o.subscribers; i++) subs.push(new CheckedSubscriber(`${transport}-r${rate}-${i}`, url.replace('http', 'ws'), rate, channels, transport, onGap));
  }
  const slow: CheckedSubscriber[] = [];
  // JSON frames are a few times larger: the slow ones get past the kernel's buffers sooner.
  for (let i = 0; i < o.slow; i++) slow.push(new CheckedSubscriber(`${transport}-slow-${i}`, url.replace('http', 'ws'), 0, channels, transport, onGap, 'json'));
  for (const s of [...subs, ...slow]) s.connect();

  const started = Date.now();
  const endAt = started + o.minutes * 60_000;
  const first = await scrape(url);
  if (first) samples.push(first);
  let nextReport = started + 60_000;
  while (Date.now() < endAt) {
    await new Promise((r) => setTimeout(r, Math.min(METRICS_EVERY_MS, Math.max(0, endAt - Date.now()))));
    const sample = await scrape(url);
    if (sample) samples.push(sample);
    // Slow subscribers: stop reading for 100 s of every 2 minutes (the kernel's buffers take several MB first).
    const second = Math.floor((Date.now() - started) / 1000) % 120;
    for (const s of slow) s.setPaused(second >= 10 && second < 110);
    if (Date.now() >= nextReport) {
      nextReport += 60_000;
      const deltas = subs.reduce((n, s) => n + s.deltas, 0);
      console.log(`${transport} ${Math.round((Date.now() - started) / 60_000)} min: ${deltas} deltas checked, ${gaps.length} gaps, dropped ${sample?.values['hashcap_sends_dropped_total'] ?? '?'}`);
    }
  }
  for (const s of slow) s.setPaused(false);
  await new Promise((r) => setTimeout(r, 3_000)); // the last frames in flight
  const last = await scrape(url);
  if (last) samples.push(last);
  for (const s of [...subs, ...slow]) s.stop();
  await server.stop();

  for (const gap of gaps) {
    gap.serverLog = server.around(gap.atMs);
    gap.metricsBefore = samples.findLast((s) => s.atMs <= gap.atMs) ?? null;
    gap.metricsAfter = samples.find((s) => s.atMs > gap.atMs) ?? null;
  }
  const everyone = [...subs, ...slow];
  const sum = (f: (s: CheckedSubscriber) => number) => everyone.reduce((n, s) => n + f(s), 0);
  const merge = (f: (s: CheckedSubscriber) => Record<string, number>) => {
    const out: Record<string, number> = {};
    for (const s of everyone) for (const [k, v] of Object.entries(f(s))) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  const deltasChecked: Record<string, number> = {};
  for (const s of everyone) deltasChecked[`${s.conflateMs}ms`] = (deltasChecked[`${s.conflateMs}ms`] ?? 0) + s.deltas;
  const v = (name: string) => last?.values[name] ?? first?.values[name] ?? 0;
  const ladder: Record<string, number> = {};
  for (const action of ['warned', 'degraded', 'closed', 'overflowed', 'closed_clean', 'terminated']) {
    ladder[action] = v(`hashcap_slow_consumers_total{action="${action}"}`);
  }
  return {
    transport,
    minutes: o.minutes,
    simRate: o.simRate,
    ticksAccepted: v('hashcap_ingest_accepted_total'),
    subscribers: everyone.length,
    channelsEach: channels.length,
    deltasChecked,
    keyframesChecked: sum((s) => s.keyframes),
    heartbeatsChecked: sum((s) => s.heartbeats),
    gaps,
    resumes: sum((s) => s.resumes),
    replayed: sum((s) => s.replayed),
    unrecovered: sum((s) => s.unrecovered),
    notices: merge((s) => s.notices),
    closes: merge((s) => s.closes),
    sendsDropped: v('hashcap_sends_dropped_total'),
    ladder,
    maxRssMiB: Math.round(Math.max(...samples.map((s) => s.values['process_resident_memory_bytes'] ?? 0)) / 2 ** 20),
    maxLoopLagP99Ms: Math.round(Math.max(...samples.map((s) => s.values['nodejs_eventloop_lag_p99_seconds'] ?? 0)) * 1000),
  };
}

export async function gapsBench(_full: boolean): Promise<TransportResult[]> {
  const o = options(process.argv.slice(2));
  const channels = await allChannels();
  console.log(
    `gap run: ${o.minutes} min per transport (${o.transports.join(', ')}), simulator ${o.simRate} ticks/s, ` +
      `${o.subscribers} subscribers per rate (${RATES.join('/')} ms) + ${o.slow} slow, ${channels.length} channels each`,
  );
  const results: TransportResult[] = [];
  for (const t of o.transports) results.push(await runTransport(t, o, channels));
  const rows = results.map((r) => [
    r.transport,
    String(r.minutes),
    `${Math.round(r.ticksAccepted / (r.minutes * 60)).toLocaleString('en-US')}/s`,
    String(r.subscribers),
    Object.entries(r.deltasChecked).map(([k, n]) => `${k}: ${n.toLocaleString('en-US')}`).join(', '),
    String(r.gaps.length),
    String(r.sendsDropped),
    `${r.ladder['warned']}/${r.ladder['degraded']}/${r.ladder['closed']}/${r.ladder['overflowed']}/${r.ladder['closed_clean']}/${r.ladder['terminated']}`,
    `${r.resumes} (${r.replayed} replayed, ${r.unrecovered} unrecovered)`,
    String(r.maxRssMiB),
    String(r.maxLoopLagP99Ms),
  ]);
  const table = markdownTable(
    ['transport', 'min', 'ticks accepted', 'subscribers', 'deltas checked', 'gaps', 'sends dropped', 'ladder warn/degrade/condemn/overflow/clean/hard', 'resumes', 'max RSS MiB', 'max loop lag p99 ms'],
    rows,
  );
  console.log(`\n${table}`);
  writeResults('gaps', results, table, [
    '',
    `Command: npm run bench -- gaps --minutes=${o.minutes} --transports=${o.transports.join(',')} --sim-rate=${o.simRate} --subscribers=${o.subscribers} --slow=${o.slow}.`,
    'A gap is a delta whose seq is not its stream\'s last + 1, or a keyframe or heartbeat ahead of it; gaps.json lists each with the server\'s log and metrics around it.',
  ]);
  const total = results.reduce((n, r) => n + r.gaps.length, 0);
  if (total > 0) process.exitCode = 1;
  return results;
}
