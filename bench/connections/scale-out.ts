/**
 * Connections, scaled out: `npm run bench -- connections --subscribers=100000 [--gateways=7]
 * [--generators=N] [--hold=10] [--heartbeat-ms=1000] [--connect-timeout=400] [--max-connecting=64]`. A redis-server, one aggregator (--no-simulate: the channel is idle
 * until the bench publishes) and G gateways sharing one port with --reuse-port (uWS, SO_REUSEPORT: the
 * kernel spreads the connections), as `npm run cluster` starts them (its modules are reused). K
 * generator processes (bench/connections/generator.ts), each a Fleet of at most ~15,000 cheap
 * subscribers to index.miners from one of 127.0.0.2–9: the open-files limit is 20,000 per process
 * here and cannot be raised, so neither a gateway nor a generator may hold more.
 *
 * Measured: time until every subscriber has its snapshot, total RSS of the gateways (idle → connected)
 * and per connection, subscribers with a fresh heartbeat at the end of a hold, and one delta reaching
 * all of them: a single IngestBatch POSTed to the aggregator, timed from just before the POST to the
 * last subscriber's receipt (each generator reports its subscribers' receipt times; one machine clock).
 * Bounded: every wait has a deadline, a guard kills everything when the budget is spent, and every
 * process started here is stopped (the parts by process group, the generators by disconnect) on the way out.
 */
import { ADMISSION_LIMITS_OFF } from '../lib/admission-off.ts';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wire } from '../../proto/wire.ts';
import { DEFAULT_HEARTBEAT_MS } from '../../server/config.ts';
import { REPO_ROOT } from '../../scripts/app-build.ts';
import { ClusterProcess } from '../../scripts/cluster/cluster-process.ts';
import { findRedisServer, redisServerArgs } from '../../scripts/cluster/local-redis.ts';
import { freeLoopbackPort, healthz, redisAnswers } from '../../scripts/cluster/probes.ts';
import { human } from '../lib/stats.ts';
import { machine, markdownTable, writeResults } from '../lib/report.ts';
import { loopbackRange } from '../load/loopback.ts';
import { sleep } from '../load/wait.ts';
import { nofileLimit, rssBytes } from '../fanout/proc.ts';
import type { GeneratorCommand, GeneratorReply } from './generator.ts';

export interface ScaleOutOptions {
  readonly subscribers: number;
  readonly gateways: number;
  /** 0: enough for at most `perGenerator` each. */
  readonly generators: number;
  readonly perGenerator: number;
  readonly holdS: number;
  readonly connectTimeoutS: number;
  readonly deltaTimeoutS: number;
  /** The aggregator's --heartbeat-ms: how often the idle channel heartbeats every subscriber. */
  readonly heartbeatMs: number;
  /** A heartbeat counts as fresh this long after the interval (the feed checks idle topics every 250 ms). */
  readonly heartbeatSlackMs: number;
  /** Handshakes in flight per generator. */
  readonly maxConnecting: number;
  readonly channel: string;
}

export const SCALE_OUT_DEFAULTS: ScaleOutOptions = {
  subscribers: 100_000,
  gateways: 7,
  generators: 0,
  perGenerator: 15_000,
  holdS: 10,
  connectTimeoutS: 400,
  deltaTimeoutS: 30,
  heartbeatMs: DEFAULT_HEARTBEAT_MS,
  heartbeatSlackMs: 1_000,
  // 7 generators × 64 in flight stay within the gateways' accept queues: more and SYNs are dropped and retried after 1 s, 3 s, ….
  maxConnecting: 64,
  channel: 'index.miners',
};

const TOKEN = 'bench-connections-token-0123456789';
const SERVER_MAIN = join(REPO_ROOT, 'server', 'main.ts');
const GENERATOR = fileURLToPath(new URL('./generator.ts', import.meta.url));
const ROLE_START_MS = 60_000;
const SOURCE_ADDRESSES = loopbackRange(2, 9);

export interface ScaleOutRow {
  target: number;
  gateways: number;
  generators: number;
  connected: number;
  connect_seconds: number;
  connect_per_s: number;
  failed_attempts: number;
  /** Local ports a generator found taken and skipped (bound by something else, or an earlier run's TIME_WAIT). */
  ports_skipped: number;
  /** Failed attempts by reason, over every generator (socket error codes, HTTP statuses of refused upgrades). */
  failure_reasons: Record<string, number>;
  lost: number;
  /** [seconds since the ramp began, subscribed] about once a second: where the connect rate falls. */
  ramp_curve: [number, number][];
  /** The machine's 1-minute load average as the ramp began, as it ended, and after the delta: other work on the cores shows here. */
  load_average: [number, number, number];
  gateways_rss_idle_mib: number;
  gateways_rss_connected_mib: number;
  gateways_rss_per_conn_kib: number;
  /** All of the gateways' RSS (their idle baseline included) / subscribed: an upper bound. */
  gateways_rss_all_in_per_conn_kib: number;
  gateway_rss_connected_mib: number[];
  aggregator_rss_mib: number;
  generators_rss_mib: number;
  nofile_limit: number;
  hold_s: number;
  heartbeat_ms: number;
  with_recent_heartbeat: number;
  subscribed_after_hold: number;
  delta_received: number;
  delta_first_ms: number | null;
  delta_last_ms: number | null;
  problems: string[];
}

/** `--subscribers=N`-style options from the bench's argv (bench/run.ts passes `--key=value` on). */
export function scaleOutFromArgv(argv: readonly string[]): ScaleOutOptions | null {
  const get = (k: string) => argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3);
  if (get('subscribers') === undefined && get('gateways') === undefined) return null;
  const num = (k: string, d: number) => {
    const v = get(k);
    const n = v === undefined ? d : Number(v);
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${k}=${v}: a whole number`);
    return n;
  };
  const d = SCALE_OUT_DEFAULTS;
  return {
    ...d,
    subscribers: num('subscribers', d.subscribers),
    gateways: Math.max(1, num('gateways', d.gateways)),
    generators: num('generators', d.generators),
    holdS: num('hold', d.holdS),
    maxConnecting: Math.max(1, num('max-connecting', d.maxConnecting)),
    heartbeatMs: num('heartbeat-ms', d.heartbeatMs),
    connectTimeoutS: Math.max(1, num('connect-timeout', d.connectTimeoutS)),
  };
}

const REPLY_TO: Record<GeneratorCommand['type'], GeneratorReply['type']> = {
  start: 'status', status: 'status', heartbeats: 'heartbeats', mark: 'marked', deltas: 'deltas', stop: 'stopped',
};

class Generator {
  readonly child: ChildProcess;
  /** Matched by reply type: a reply that comes after its ask timed out cannot answer a different question. */
  private readonly waiters: { type: GeneratorReply['type']; resolve: (m: GeneratorReply) => void }[] = [];
  constructor() {
    this.child = fork(GENERATOR, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (m: GeneratorReply) => {
      const i = this.waiters.findIndex((w) => w.type === m.type);
      if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(m);
    });
  }
  send(m: GeneratorCommand): void {
    if (this.child.connected) this.child.send(m);
  }
  ask<T extends GeneratorReply['type']>(m: GeneratorCommand, timeoutMs = 60_000): Promise<Extract<GeneratorReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      const waiter = { type: REPLY_TO[m.type], resolve: (r: GeneratorReply) => {
        clearTimeout(timer);
        resolve(r as Extract<GeneratorReply, { type: T }>);
      } };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`generator ${this.child.pid}: no reply to ${m.type} in ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.waiters.push(waiter);
      this.send(m);
    });
  }
}

export async function scaleOutBench(o: ScaleOutOptions): Promise<ScaleOutRow> {
  const heartbeatFreshMs = o.heartbeatMs + o.heartbeatSlackMs;
  const generatorCount = o.generators > 0 ? o.generators : Math.ceil(o.subscribers / o.perGenerator);
  const problems: string[] = [];
  const parts: ClusterProcess[] = [];
  const generators: Generator[] = [];
  const budgetS = 120 + o.connectTimeoutS + o.holdS + o.deltaTimeoutS + 60;
  const killAll = () => {
    for (const g of generators) g.child.kill('SIGKILL');
    for (const p of parts) p.signal('SIGKILL');
  };
  process.on('exit', killAll);
  const guard = setTimeout(() => {
    console.error(`scale-out connections: budget of ${budgetS} s spent: killing every process`);
    killAll();
    process.exit(1);
  }, budgetS * 1000);
  guard.unref();
  const dir = mkdtempSync(join(tmpdir(), 'hashcap-conn-'));
  const start = (name: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env) => {
    const p = new ClusterProcess(name, command, args, { cwd: REPO_ROOT, env, nameWidth: 12 });
    parts.push(p);
    return p;
  };
  const roleUrl = async (p: ClusterProcess) => (await p.waitForLine(/snapshot\s+(https?:\/\/\S+)\/v1\/snapshot/, ROLE_START_MS))[1]!;

  try {
    const redisPort = await freeLoopbackPort();
    start('redis', findRedisServer(process.env), redisServerArgs(redisPort, dir));
    const redisDeadline = Date.now() + 10_000;
    while (!(await redisAnswers(redisPort, 500))) {
      if (Date.now() > redisDeadline) throw new Error('redis-server did not answer PING in 10 s');
      await sleep(50);
    }
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    const node = (role: string, extra: readonly string[]) => ['--import', 'tsx', SERVER_MAIN, '--role', role, '--redis', redisUrl, '--host', '127.0.0.1', ...extra];
    const aggregator = start('aggregator', process.execPath, node('aggregator', ['--port', '0', '--no-simulate', '--heartbeat-ms', String(o.heartbeatMs)]), { ...process.env, HASHCAP_INGEST_TOKEN: TOKEN });
    const aggregatorUrl = await roleUrl(aggregator);
    const port = await freeLoopbackPort();
    const gateways: ClusterProcess[] = [];
    for (let i = 1; i <= o.gateways; i++) gateways.push(start(`gateway-${i}`, process.execPath, node('gateway', ['--port', String(port), '--reuse-port', '--transport', 'uws', ...ADMISSION_LIMITS_OFF])));
    await Promise.all(gateways.map(roleUrl));
    // Every gateway answers on the shared port (each /healthz names its pid) before the ramp.
    const pending = new Set(gateways.map((g) => g.pid));
    const healthDeadline = Date.now() + ROLE_START_MS;
    while (pending.size > 0 && Date.now() < healthDeadline) {
      const h = await healthz(`http://127.0.0.1:${port}`, 2_000);
      if (typeof h?.['pid'] === 'number') pending.delete(h['pid']);
    }
    if (pending.size > 0) problems.push(`gateway pid(s) ${[...pending].join(', ')} never answered /healthz on the shared port`);
    const nofile = Math.min(...gateways.map((g) => nofileLimit(g.pid)), nofileLimit(process.pid));
    // Settled: right after start a gateway still holds tsx's compile garbage, and its RSS falls as it is collected.
    await sleep(5000);
    const gatewaysIdle = gateways.map((g) => rssBytes(g.pid));

    // Ramp: every generator at once, each from its own source address.
    for (let k = 0; k < generatorCount; k++) generators.push(new Generator());
    // Loaded and listening on IPC before the clock starts: the ramp times connections, not tsx.
    await Promise.all(generators.map((g) => g.ask<'status'>({ type: 'status' }, ROLE_START_MS)));
    const per = Math.floor(o.subscribers / generatorCount);
    const rampStartMs = Date.now();
    const loadAtStart = loadavg()[0]!;
    generators.forEach((g, k) => {
      const count = k === generatorCount - 1 ? o.subscribers - per * (generatorCount - 1) : per;
      g.send({ type: 'start', host: '127.0.0.1', port, count, firstIndex: k * per, sourceAddress: SOURCE_ADDRESSES[k % SOURCE_ADDRESSES.length]!, channel: o.channel, maxConnecting: o.maxConnecting, seed: 1 });
    });
    const connectDeadline = rampStartMs + o.connectTimeoutS * 1000;
    let statuses = await Promise.all(generators.map((g) => g.ask<'status'>({ type: 'status' })));
    let lastLog = 0;
    const rampCurve: [number, number][] = [];
    while (statuses.some((s) => s.ready < s.count) && Date.now() < connectDeadline) {
      await sleep(1000);
      try {
        statuses = await Promise.all(generators.map((g) => g.ask<'status'>({ type: 'status' })));
      } catch (err) {
        // A generator that stops answering (CPU starved): report what was reached, measured.
        problems.push(`ramp stopped: ${(err as Error).message}`);
        break;
      }
      const ready = statuses.reduce((a, s) => a + s.ready, 0);
      rampCurve.push([Number(((Date.now() - rampStartMs) / 1000).toFixed(1)), ready]);
      if (Date.now() - lastLog > 5_000) {
        lastLog = Date.now();
        console.log(`ramp: ${ready} of ${o.subscribers} subscribed after ${((Date.now() - rampStartMs) / 1000).toFixed(0)} s`);
      }
    }
    const connected = statuses.reduce((a, s) => a + s.ready, 0);
    const loadAtRampEnd = loadavg()[0]!;
    console.log(`ramp over: ${connected} of ${o.subscribers} subscribed after ${((Date.now() - rampStartMs) / 1000).toFixed(1)} s; holding ${o.holdS} s`);
    const allReadyMs = statuses.every((s) => s.allReadyMs > 0) ? Math.max(...statuses.map((s) => s.allReadyMs)) : Date.now();
    const connectSeconds = (allReadyMs - rampStartMs) / 1000;
    if (connected < o.subscribers) problems.push(`only ${connected} of ${o.subscribers} subscribed within ${o.connectTimeoutS} s`);
    await sleep(1000);
    const gatewaysConnected = gateways.map((g) => rssBytes(g.pid));
    const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

    // Hold: the channel is idle, so every gateway heartbeats every subscriber about once a second.
    const holdStart = performance.now();
    await sleep(o.holdS * 1000);
    const holdSeconds = (performance.now() - holdStart) / 1000;
    const beats = await Promise.all(generators.map((g) => g.ask<'heartbeats'>({ type: 'heartbeats', freshMs: heartbeatFreshMs })));
    const fresh = sum(beats.map((b) => b.fresh));
    // The ramp may go on past its deadline: heartbeats and the delta count against who is subscribed now.
    const readyAtHold = sum(beats.map((b) => b.ready));
    if (fresh < o.subscribers) problems.push(`${o.subscribers - fresh} subscribers without a heartbeat in the last ${heartbeatFreshMs} ms`);

    // One delta to everyone: one MARA trade moves index.miners.
    await Promise.all(generators.map((g) => g.ask<'marked'>({ type: 'mark' })));
    const ticks = [{ symbol: 'MARA', kind: 0, price: 15.37, size: 100, timeMs: Date.now(), seq: 1 }];
    const body = Buffer.from(wire.IngestBatch.encode({ batchId: 1, ticks }).finish());
    const publishMs = Date.now();
    const res = await fetch(`${aggregatorUrl}/v1/quotes`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf', authorization: `Bearer ${TOKEN}` },
      body,
    });
    const accepted = res.status === 200 ? wire.IngestReply.decode(new Uint8Array(await res.arrayBuffer())).accepted : 0;
    if (accepted !== 1) problems.push(`POST /v1/quotes: status ${res.status}, accepted ${accepted}`);
    const deltaDeadline = Date.now() + o.deltaTimeoutS * 1000;
    let deltas = await Promise.all(generators.map((g) => g.ask<'deltas'>({ type: 'deltas' })));
    while (sum(deltas.map((d) => d.got)) < readyAtHold && Date.now() < deltaDeadline) {
      await sleep(50);
      deltas = await Promise.all(generators.map((g) => g.ask<'deltas'>({ type: 'deltas' })));
    }
    const got = sum(deltas.map((d) => d.got));
    if (got < o.subscribers) problems.push(`the delta reached ${got} of ${o.subscribers} within ${o.deltaTimeoutS} s`);
    const receipts = deltas.filter((d) => d.got > 0);
    const finalStatus = await Promise.all(generators.map((g) => g.ask<'status'>({ type: 'status' })));

    const mib = (b: number) => Number((b / 2 ** 20).toFixed(1));
    return {
      target: o.subscribers,
      gateways: o.gateways,
      generators: generatorCount,
      connected,
      connect_seconds: Number(connectSeconds.toFixed(2)),
      connect_per_s: Math.round(connected / connectSeconds),
      failed_attempts: sum(finalStatus.map((s) => s.failedAttempts)),
      ports_skipped: sum(finalStatus.map((s) => s.portsSkipped)),
      failure_reasons: sumReasons(finalStatus.map((s) => s.failureReasons)),
      lost: sum(finalStatus.map((s) => s.lost)),
      ramp_curve: rampCurve,
      load_average: [loadAtStart, loadAtRampEnd, loadavg()[0]!].map((l) => Number(l.toFixed(2))) as [number, number, number],
      gateways_rss_idle_mib: mib(sum(gatewaysIdle)),
      gateways_rss_connected_mib: mib(sum(gatewaysConnected)),
      gateways_rss_per_conn_kib: Number(((sum(gatewaysConnected) - sum(gatewaysIdle)) / Math.max(1, connected) / 1024).toFixed(2)),
      gateways_rss_all_in_per_conn_kib: Number((sum(gatewaysConnected) / Math.max(1, connected) / 1024).toFixed(2)),
      gateway_rss_connected_mib: gatewaysConnected.map(mib),
      aggregator_rss_mib: mib(rssBytes(aggregator.pid)),
      generators_rss_mib: mib(sum(finalStatus.map((s) => s.rssBytes))),
      nofile_limit: nofile,
      hold_s: Number(holdSeconds.toFixed(1)),
      heartbeat_ms: o.heartbeatMs,
      with_recent_heartbeat: fresh,
      subscribed_after_hold: readyAtHold,
      delta_received: got,
      delta_first_ms: receipts.length === 0 ? null : Math.min(...receipts.map((d) => d.firstMs)) - publishMs,
      delta_last_ms: got === 0 ? null : Math.max(...receipts.map((d) => d.lastMs)) - publishMs,
      problems,
    };
  } finally {
    await Promise.all(generators.map((g) => g.ask<'stopped'>({ type: 'stop' }, 15_000).catch(() => g.child.kill('SIGKILL'))));
    const redis = parts.find((p) => p.name === 'redis');
    await Promise.all(parts.filter((p) => p !== redis).map((p) => p.stop(5_000)));
    await redis?.stop(3_000);
    rmSync(dir, { recursive: true, force: true });
    clearTimeout(guard);
    process.off('exit', killAll);
  }
}

function sumReasons(each: readonly Record<string, number>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const reasons of each) for (const [reason, n] of Object.entries(reasons)) total[reason] = (total[reason] ?? 0) + n;
  return total;
}

export async function runScaleOut(o: ScaleOutOptions): Promise<ScaleOutRow> {
  const row = await scaleOutBench(o);
  const m = machine();
  const table = markdownTable(
    ['subscribers', 'gateways / generators', 'subscribed (time, rate)', 'gateways RSS (idle → connected)', 'RSS per connection', `heartbeat in the last ${(o.heartbeatMs + o.heartbeatSlackMs) / 1000} s (every ${o.heartbeatMs / 1000} s)`, 'one delta: reached, first / last receipt after publish'],
    [[
      human(row.target),
      `${row.gateways} / ${row.generators}`,
      `${row.connected} (${row.connect_seconds} s, ${human(row.connect_per_s)}/s)`,
      `${row.gateways_rss_idle_mib} → ${row.gateways_rss_connected_mib} MiB`,
      `${row.gateways_rss_per_conn_kib} KiB (all-in ${row.gateways_rss_all_in_per_conn_kib} KiB)`,
      `${row.with_recent_heartbeat} / ${row.subscribed_after_hold}`,
      `${row.delta_received} / ${row.subscribed_after_hold}, ${row.delta_first_ms ?? '–'} / ${row.delta_last_ms ?? '–'} ms`,
    ]],
  );
  const command = `npm run bench -- connections --subscribers=${o.subscribers} --gateways=${o.gateways}${o.heartbeatMs === DEFAULT_HEARTBEAT_MS ? '' : ` --heartbeat-ms=${o.heartbeatMs}`}`;
  const notes = [
    `Command: \`${command}\`. Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}; load average ${row.load_average.join(' → ')} (ramp start → ramp end → after the delta). Open-files limit per process ${row.nofile_limit} (not raisable here), so ${o.gateways} gateways (uWS, --reuse-port on one port: the kernel spreads connections) and ${row.generators} generator processes of ≤ ${o.perGenerator} subscribers each, spread over 127.0.0.2–9, plus one redis-server and one aggregator (--no-simulate), all on this machine.`,
    `Subscribed = snapshot received after subscribing to ${o.channel}; ${o.maxConnecting} handshakes in flight per generator; failed attempts retried with full-jitter backoff (${row.failed_attempts}${row.failed_attempts > 0 ? `: ${Object.entries(row.failure_reasons).map(([r, n]) => `${r} ${n}`).join(', ')}` : ''}; lost after subscribing: ${row.lost}); each generator binds its own local ports 10000–32767 in turn (${row.ports_skipped} found taken and skipped). RSS per connection = (sum of the gateways' RSS with everyone subscribed − sum idle 5 s after start) / subscribed; all-in = sum connected / subscribed; per gateway connected: ${row.gateway_rss_connected_mib.join(', ')} MiB. Aggregator ${row.aggregator_rss_mib} MiB; generators ${row.generators_rss_mib} MiB in all.`,
    `Heartbeats: subscribers whose last heartbeat arrived within ${(o.heartbeatMs + o.heartbeatSlackMs) / 1000} s of the end of a ${row.hold_s} s hold on the idle channel, which heartbeats every ${o.heartbeatMs} ms (the aggregator's --heartbeat-ms${o.heartbeatMs === DEFAULT_HEARTBEAT_MS ? ', its default' : `; the default is ${DEFAULT_HEARTBEAT_MS}`}). Delta: one IngestBatch (one MARA trade) POSTed to the aggregator's /v1/quotes; times from just before the POST to the first and the last subscriber's receipt (chunk time in each generator, same machine clock): aggregator → Redis → ${o.gateways} gateways → every subscriber.`,
    ...(row.problems.length > 0 ? [`Problems: ${row.problems.join('; ')}.`] : []),
  ];
  console.log(`\n${table}\n`);
  for (const n of notes) console.log(n);
  // A run at another heartbeat interval keeps its own file beside the default's (connections-100k-hb2500).
  const size = o.subscribers >= 1000 ? `${Math.round(o.subscribers / 1000)}k` : String(o.subscribers);
  writeResults(`connections-${size}${o.heartbeatMs === DEFAULT_HEARTBEAT_MS ? '' : `-hb${o.heartbeatMs}`}`, [row], table, notes);
  return row;
}
