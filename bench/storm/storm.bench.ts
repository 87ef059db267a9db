/**
 * Connection storm (`npm run bench -- storm`, on request): while SUBSCRIBERS existing subscribers
 * receive index.miners deltas (a publisher sends one print every 5 ms over /v1/ingest), STORM_SIZE
 * websocket upgrades arrive in one burst from 127.0.0.2–9. Phases alternate, calm and storm, each
 * PHASE_S seconds, ROUNDS times; per phase the subscribers report missed deltas (seq gaps), closes and
 * latency (arrival − the print's send stamp). Two servers are measured, each a fresh `server/main.ts`
 * process: with the default admission limits (server/limits/), with new connections held to 200/s,
 * and with them off, so the table shows what the limits buy. The verdict compares each variant's storm p99 with its own calm p99.
 * `--storm N` and `--rounds N` change the run.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { wire } from '../../proto/wire.ts';
import { ADMISSION_LIMITS_OFF } from '../lib/admission-off.ts';
import { markdownTable, writeResults } from '../lib/report.ts';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');
const TOKEN = 'storm-bench-token-0123456789abcdef';
const SUBSCRIBERS = 20;
const PHASE_S = 6;
const ADDRESSES = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6', '127.0.0.7', '127.0.0.8', '127.0.0.9'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The defaults; the defaults with new connections held to 200/s in total; no admission limits. */
const VARIANTS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['default limits', []],
  ['200 connects/s', ['--connects-per-second', '200']],
  ['admission limits off', ADMISSION_LIMITS_OFF],
];

function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg === undefined ? fallback : Number(arg.slice(name.length + 3));
}

interface PhaseReport {
  deltas: number;
  missed: number;
  closed: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

interface Row {
  variant: string;
  round: number;
  phase: 'calm' | 'storm';
  deltas: number;
  missed: number;
  subscribersClosed: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  storm: Record<string, number> | null;
  stormMs: number | null;
  serverConnectionsAfter: number | null;
}

function ask<T>(child: ChildProcess, message: object, reply: string, timeoutMs = 120_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${reply} in ${timeoutMs} ms`)), timeoutMs);
    const on = (m: { type: string }) => {
      if (m.type !== reply) return;
      clearTimeout(timer);
      child.off('message', on);
      resolve(m as T);
    };
    child.on('message', on);
    child.send(message);
  });
}

function forkTs(file: string, args: string[]): Promise<ChildProcess> {
  const child = fork(join(ROOT, 'bench', 'storm', file), args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`${file} exited ${code}`)));
  });
}

async function startServer(extra: readonly string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'main.ts'), '--port', '0', '--no-simulate', '--token', TOKEN, '--transport', 'uws', ...extra], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
    const on = (d: Buffer) => {
      out += d.toString();
      const m = /ticker\s+(http:\/\/[^\s"/]+)\//.exec(out); // a pretty line or a JSON log line
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', on);
    child.stderr!.on('data', on);
  });
  return { child, url };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/** One print every 5 ms, alternating symbols, each moving the price: a delta on index.miners each. */
class Publisher {
  private timer: NodeJS.Timeout | null = null;
  private n = 0;
  private constructor(private readonly socket: WebSocket) {
    socket.on('message', () => {});
  }
  static async open(url: string): Promise<Publisher> {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/ingest?token=${TOKEN}`);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return new Publisher(socket);
  }
  start(): void {
    const symbols = ['IREN', 'RIOT', 'MARA', 'CLSK'];
    const base = [10, 12, 15, 11];
    this.timer = setInterval(() => {
      const k = this.n % symbols.length;
      const price = base[k]! + ((this.n >> 2) % 2 === 0 ? 0.01 : 0.02);
      this.n++;
      const batch = { batchId: this.n, ticks: [{ symbol: symbols[k]!, kind: 0, price, size: 100, timeMs: Date.now() }] };
      this.socket.send(wire.PublisherMessage.encode({ batch }).finish());
    }, 5);
  }
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.socket.terminate();
  }
}

async function serverConnections(url: string): Promise<number> {
  const health = (await (await fetch(`${url}/healthz`)).json()) as { connections: number };
  return health.connections;
}

async function runVariant(variant: string, extra: readonly string[], rounds: number, stormSize: number): Promise<Row[]> {
  const server = await startServer(extra);
  const rows: Row[] = [];
  const children: ChildProcess[] = [server.child];
  try {
    const probe = await forkTs('probe.ts', [server.url.replace(/^http/, 'ws'), String(SUBSCRIBERS)]);
    children.push(probe);
    const storm = await forkTs('storm-client.ts', []);
    children.push(storm);
    const publisher = await Publisher.open(server.url);
    publisher.start();
    await sleep(2000);
    const port = Number(new URL(server.url).port);
    for (let round = 1; round <= rounds; round++) {
      for (const phase of ['calm', 'storm'] as const) {
        await ask(probe, { type: 'phase' }, 'phase');
        let stormed: { outcomes: Record<string, number>; ms: number } | null = null;
        const started = Date.now();
        if (phase === 'storm') stormed = await ask(storm, { type: 'storm', port, count: stormSize, addresses: ADDRESSES, inFlight: 1000 }, 'stormed', 600_000);
        await sleep(Math.max(0, PHASE_S * 1000 - (Date.now() - started)));
        const r = await ask<PhaseReport>(probe, { type: 'report' }, 'report');
        const connections = phase === 'storm' ? await serverConnections(server.url) : null;
        rows.push({
          variant,
          round,
          phase,
          deltas: r.deltas,
          missed: r.missed,
          subscribersClosed: r.closed,
          p50Ms: r.p50,
          p99Ms: r.p99,
          maxMs: r.max,
          meanMs: Math.round(r.mean * 100) / 100,
          storm: stormed?.outcomes ?? null,
          stormMs: stormed?.ms ?? null,
          serverConnectionsAfter: connections,
        });
        console.log(`${variant} round ${round} ${phase}: ${r.deltas} deltas, missed ${r.missed}, p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms${stormed ? `; storm ${JSON.stringify(stormed.outcomes)} in ${stormed.ms} ms` : ''}`);
        if (phase === 'storm') {
          await ask(storm, { type: 'close-all' }, 'closed');
          await sleep(2000); // the admitted storm connections leave before the next calm phase
        }
      }
    }
    publisher.stop();
  } finally {
    for (const c of children.reverse()) await stop(c);
  }
  return rows;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export async function stormBench(full: boolean): Promise<Row[]> {
  const rounds = option('rounds', full ? 4 : 2);
  const stormSize = option('storm', 10_000);
  const rows: Row[] = [];
  for (const [variant, flags] of VARIANTS) rows.push(...(await runVariant(variant, flags, rounds, stormSize)));
  const table = markdownTable(
    ['variant', 'round', 'phase', 'deltas (all subs)', 'missed', 'subs closed', 'p50 ms', 'p99 ms', 'max ms', 'storm outcomes', 'storm took'],
    rows.map((r) => [
      r.variant,
      String(r.round),
      r.phase,
      r.deltas.toLocaleString('en-US'),
      String(r.missed),
      String(r.subscribersClosed),
      String(r.p50Ms),
      String(r.p99Ms),
      String(r.maxMs),
      r.storm ? Object.entries(r.storm).map(([k, n]) => `${k}: ${n}`).join(', ') : '',
      r.stormMs !== null ? `${r.stormMs} ms` : '',
    ]),
  );
  const verdicts = VARIANTS.map(([variant]) => {
    const calm = median(rows.filter((r) => r.variant === variant && r.phase === 'calm').map((r) => r.p99Ms));
    const stormy = median(rows.filter((r) => r.variant === variant && r.phase === 'storm').map((r) => r.p99Ms));
    const missed = rows.filter((r) => r.variant === variant).reduce((n, r) => n + r.missed, 0);
    return `${variant}: missed deltas ${missed}; p99 calm ${calm} ms, storm ${stormy} ms (${(((stormy - calm) / calm) * 100).toFixed(0)}%, median over rounds).`;
  });
  console.log(`\n${table}\n\n${verdicts.join('\n')}`);
  writeResults('storm', rows, table, [
    `Command: \`npm run bench -- storm${full ? ' --full' : ''}\`. Per variant a fresh server (server/main.ts, uws, --no-simulate); ${SUBSCRIBERS} subscribers to index.miners (raw) in one process; a publisher sending one print every 5 ms; phases of ${PHASE_S} s alternating calm and storm, ${rounds} rounds; a storm is ${stormSize} upgrades from ${ADDRESSES[0]}–${ADDRESSES[ADDRESSES.length - 1]} with up to 1,000 in flight (accepted ones subscribe to status and stay until the phase ends). Latency = arrival − the print's send stamp (ms resolution).`,
    ...verdicts,
  ]);
  return rows;
}
