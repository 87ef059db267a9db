/**
 * The ws transport (the fallback on Node 22/24, where the uWS binary does not load) against uWS and
 * against ws used naively, in one run, 1,000 subscribers by default; then the write window's trade-off
 * (window 0 against the default) at a moderate rate on both transports.
 *
 *   npm run bench -- ws-transport                       (quick: one round, 4 s windows)
 *   npx tsx bench/fanout/ws-transport.ts [--subscribers 1000] [--rounds 1] [--duration 4] [--warmup 1]
 *     [--window 1] [--moderate 0.25] [--quiet]
 *
 * Phase 1, capacity: each server is offered more than it can deliver (a rate per server, so that the
 * one without backpressure, naive ws, does not buffer gigabytes first) and its delivered rate is its
 * capacity; a row that delivered ≥ 90% of what it was offered is marked "not saturated" (a lower bound).
 * Phase 2, write window: hashcap ws and uWS at `moderate` × the ws transport's capacity, window 0 and
 * the window given: server CPU per million deliveries, and latency from the in-server publish to receipt.
 *
 * The servers: hashcap "publish only" (an in-server timer encodes one protobuf delta per message and
 * calls transport.publish: the transport alone), hashcap ws through the whole pipeline (ticks → ingest
 * → feed → ws), and naive ws (bench/peers/naive-ws.ts: JSON.stringify once, `client.send` per client).
 */
import { pathToFileURL } from 'node:url';

import { human } from '../lib/stats.ts';
import { markdownTable, writeResults } from '../lib/report.ts';
import { loopbackRange } from '../load/loopback.ts';
import { runLoad, type LoadReport } from '../load/run.ts';
import { sleep } from '../load/wait.ts';
import { DEFAULT_WRITE_WINDOW_MAX_MS, DEFAULT_WRITE_WINDOW_MS } from '../../server/config.ts';
import { nofileLimit, raiseNofile } from './proc.ts';
import { ServerMeter } from './server-meter.ts';
import { startVariantServer, VARIANTS, type VariantName } from './servers.ts';

export interface WsTransportBenchOptions {
  readonly subscribers: number;
  readonly probes: number;
  readonly warmupS: number;
  readonly durationS: number;
  readonly rounds: number;
  /** The write window compared with 0 (ms). */
  readonly windowMs: number;
  /** Phase 2 rate, as a fraction of the ws transport's capacity from phase 1. */
  readonly moderate: number;
  readonly rssCapBytes: number;
  readonly quiet: boolean;
}

export const QUICK: WsTransportBenchOptions = {
  subscribers: 1000,
  probes: 5,
  warmupS: 1,
  durationS: 4,
  rounds: 1,
  windowMs: DEFAULT_WRITE_WINDOW_MS > 0 ? DEFAULT_WRITE_WINDOW_MS : 1,
  moderate: 0.25,
  rssCapBytes: 1.5 * 2 ** 30,
  quiet: false,
};

export const FULL: WsTransportBenchOptions = { ...QUICK, warmupS: 2, durationS: 8, rounds: 3 };

interface Contender {
  /** Row label. */
  readonly name: string;
  readonly variant: VariantName;
  readonly writeWindowMs?: number;
  /** How far the window stretches under load; absent: a fixed window of writeWindowMs. */
  readonly writeWindowMaxMs?: number;
  /** Offered deliveries per second in phase 1 (messages per second × subscribers). */
  readonly offeredPerS: number;
}

const SOURCE_ADDRESSES = loopbackRange(2, 9);

export interface WsTransportRow {
  phase: 'capacity' | 'window';
  round: number;
  name: string;
  variant: VariantName;
  write_window_ms: number | null;
  subscribers: number;
  offered_per_s: number;
  delivered_per_s: number;
  saturated: boolean;
  server_cpu_pct: number;
  server_cpu_s_per_million: number;
  latency_p50_ms: number;
  latency_p99_ms: number;
  latency_p999_ms: number;
  drops: number;
  probe_gaps: number;
  generator_cpu_pct: number;
  generator_bound: boolean;
  cpu_pressure_pct: number | null;
  server_rss_peak_mib: number;
  overloaded: boolean;
  problems: string[];
}

function contenders(o: WsTransportBenchOptions): Contender[] {
  const n = o.subscribers;
  return [
    { name: 'hashcap uWS (publish only), window 0', variant: 'hashcap-uws-publish', writeWindowMs: 0, offeredPerS: 4000 * n },
    { name: `hashcap uWS (publish only), window ${o.windowMs} ms`, variant: 'hashcap-uws-publish', writeWindowMs: o.windowMs, offeredPerS: 4000 * n },
    { name: 'hashcap ws (publish only), window 0', variant: 'hashcap-ws-publish', writeWindowMs: 0, offeredPerS: 4000 * n },
    { name: `hashcap ws (publish only), window ${o.windowMs} ms`, variant: 'hashcap-ws-publish', writeWindowMs: o.windowMs, offeredPerS: 4000 * n },
    {
      name: `hashcap ws (ingest → feed → ws), window ${DEFAULT_WRITE_WINDOW_MS === DEFAULT_WRITE_WINDOW_MAX_MS ? DEFAULT_WRITE_WINDOW_MS : `${DEFAULT_WRITE_WINDOW_MS}–${DEFAULT_WRITE_WINDOW_MAX_MS}`} ms (default)`,
      variant: 'hashcap-ws',
      writeWindowMs: DEFAULT_WRITE_WINDOW_MS,
      writeWindowMaxMs: DEFAULT_WRITE_WINDOW_MAX_MS,
      offeredPerS: 3000 * n,
    },
    // No backpressure: offered far more, it buffers without bound; 600 msgs/s is several times what it delivers.
    { name: 'naive ws (JSON, send per client)', variant: 'naive-ws', offeredPerS: 600 * n },
  ];
}

export async function wsTransportBench(full: boolean, overrides: Partial<WsTransportBenchOptions> = {}): Promise<WsTransportRow[]> {
  const o: WsTransportBenchOptions = { ...(full ? FULL : QUICK), ...overrides };
  const fdsNeeded = o.subscribers + o.probes + 1000;
  if (nofileLimit(process.pid) < fdsNeeded) raiseNofile(process.pid, Math.max(fdsNeeded, 65536));
  const say = (line: string) => {
    if (!o.quiet) console.log(line);
  };
  const rows: WsTransportRow[] = [];
  const list = contenders(o);
  for (let round = 0; round < o.rounds; round++) {
    // Rotated every round so no server always runs first.
    for (let i = 0; i < list.length; i++) {
      const c = list[(i + round) % list.length]!;
      const row = await runOne(c, 'capacity', round, Math.max(1, Math.round(c.offeredPerS / o.subscribers)), o);
      rows.push(row);
      say(progress(row));
    }
  }
  // The moderate rate comes from the ws transport's capacity (the lower of its two windows).
  const wsCapacity = Math.min(
    ...[0, o.windowMs].map((w) => medianOf(rows.filter((r) => r.phase === 'capacity' && r.variant === 'hashcap-ws-publish' && r.write_window_ms === w).map((r) => r.delivered_per_s))),
  );
  const moderateRate = Math.max(1, Math.round((o.moderate * wsCapacity) / o.subscribers));
  for (let round = 0; round < o.rounds; round++) {
    for (const variant of ['hashcap-ws-publish', 'hashcap-uws-publish'] as const) {
      for (const windowMs of round % 2 === 0 ? [0, o.windowMs] : [o.windowMs, 0]) {
        const c: Contender = { name: `${VARIANTS[variant].label}, window ${windowMs} ms`, variant, writeWindowMs: windowMs, offeredPerS: moderateRate * o.subscribers };
        const row = await runOne(c, 'window', round, moderateRate, o);
        rows.push(row);
        say(progress(row));
      }
    }
  }
  const capacityTable = capacityMarkdown(rows, o);
  const windowTable = windowMarkdown(rows, o, moderateRate);
  const command = `npm run bench -- ws-transport${full ? ' --full' : ''}`;
  const notes = [
    `Command: \`${command}\` (or \`npx tsx bench/fanout/ws-transport.ts --quiet\` for the tables only). ${o.rounds} round(s); per run a fresh server process, ${o.subscribers} counting subscribers + ${o.probes} decoding probes, ${o.warmupS} s warm-up, ${o.durationS} s measured; figures are medians over rounds.`,
    'Capacity: each server offered more than it delivers (naive ws less than the others: without backpressure it would buffer gigabytes first); delivered = deltas counted by the subscribers in the window. "not saturated" = it delivered ≥ 90% of its offer, so its capacity is at least that.',
    'Publish only = an in-server timer encodes one protobuf delta per message and calls transport.publish (no ingest, no feed): the transport alone. Naive ws = JSON.stringify once, then client.send per client (ws frames and writes each copy).',
    `Write window: the same server at ${o.moderate * 100}% of the ws transport's capacity, window 0 (a write per subscriber per event-loop turn) against ${o.windowMs} ms; latency = in-server publish → receipt at a probe.`,
  ];
  if (!o.quiet) console.log('');
  console.log(`${capacityTable}\n\n${windowTable}\n`);
  for (const n of notes) console.log(n);
  writeResults('ws-transport', rows, `${capacityTable}\n\n${windowTable}`, notes);
  return rows;
}

function progress(r: WsTransportRow): string {
  return `${r.phase}: ${r.name} @ ${human(r.offered_per_s)}/s offered: ${human(r.delivered_per_s)} msgs/s delivered, p99 ${r.latency_p99_ms} ms, server ${r.server_cpu_pct}% CPU, generator ${r.generator_cpu_pct}%${r.problems.length > 0 ? ` (${r.problems.join('; ')})` : ''}`;
}

async function runOne(c: Contender, phase: WsTransportRow['phase'], round: number, rate: number, o: WsTransportBenchOptions): Promise<WsTransportRow> {
  const variant = VARIANTS[c.variant];
  const connectTimeoutS = Math.max(30, Math.ceil(o.subscribers / 200));
  const budgetS = connectTimeoutS + o.warmupS + o.durationS + 30;
  const server = await startVariantServer(variant, {
    maxSeconds: budgetS + 30,
    nofile: o.subscribers + o.probes + 1000,
    // Fixed windows unless a stretching one is asked for (the fan-out sweep compares the two).
    ...(c.writeWindowMs === undefined ? {} : { writeWindowMs: c.writeWindowMs, writeWindowMaxMs: c.writeWindowMaxMs ?? c.writeWindowMs }),
  });
  await sleep(300);
  const meter = new ServerMeter(server.pid, () => server.alive(), o.rssCapBytes);
  let report: LoadReport;
  try {
    report = await runLoad({
      protocol: variant.protocol,
      url: server.url,
      publishUrl: server.publishUrl,
      token: server.token,
      channel: 'index.miners',
      subscribers: o.subscribers,
      probes: o.probes,
      durationS: o.durationS,
      warmupS: o.warmupS,
      publishRate: rate,
      sourceAddresses: SOURCE_ADDRESSES,
      connectTimeoutS,
      drainS: 3,
      deadlineS: budgetS,
      generatorBoundPct: 90,
      signal: meter.abort.signal,
      ...(server.externalPublisher ? { externalPublisher: server.externalPublisher } : {}),
      hooks: {
        measureStart: (i) => meter.start(i),
        measureEnd: (i) => meter.end(i),
      },
      log: () => {},
    });
  } finally {
    meter.stop();
  }
  await server.stop();
  const cpu = meter.cpu(0);
  const cpuS = cpu.userS + cpu.systemS;
  const wallS = cpu.wallS;
  const delivered = report.measure.deliveredPerS;
  const lat = variant.protocol === 'hashcap' && !variant.publishOnly ? (report.latency.publishToReceive ?? report.latency.sendToReceive) : report.latency.sendToReceive;
  return {
    phase,
    round,
    name: c.name,
    variant: c.variant,
    write_window_ms: c.writeWindowMs ?? null,
    subscribers: o.subscribers,
    offered_per_s: rate * o.subscribers,
    delivered_per_s: delivered,
    saturated: delivered < 0.9 * rate * o.subscribers,
    server_cpu_pct: wallS > 0 ? Number(((cpuS / wallS) * 100).toFixed(1)) : 0,
    server_cpu_s_per_million: report.measure.delivered > 0 ? Number((cpuS / (report.measure.delivered / 1e6)).toFixed(3)) : 0,
    latency_p50_ms: lat.p50Ms,
    latency_p99_ms: lat.p99Ms,
    latency_p999_ms: lat.p999Ms,
    drops: report.perSubscriber.drops,
    probe_gaps: report.probes.gaps,
    generator_cpu_pct: report.generator.cpuPct,
    generator_bound: report.generator.bound,
    cpu_pressure_pct: report.generator.cpuPressurePct,
    server_rss_peak_mib: Number((meter.rssPeak / 2 ** 20).toFixed(1)),
    overloaded: meter.overloaded,
    problems: [...report.problems],
  };
}

function medianOf(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Median row per name (by delivered rate); the spread is (max − min) / median across rounds. */
function medianRows(rows: readonly WsTransportRow[]): { row: WsTransportRow; spreadPct: number }[] {
  const groups = new Map<string, WsTransportRow[]>();
  for (const r of rows) groups.set(r.name, [...(groups.get(r.name) ?? []), r]);
  return [...groups.values()].map((g) => {
    const sorted = [...g].sort((a, b) => a.delivered_per_s - b.delivered_per_s);
    const row = sorted[(sorted.length - 1) >> 1]!;
    const spreadPct = row.delivered_per_s > 0 ? ((sorted[sorted.length - 1]!.delivered_per_s - sorted[0]!.delivered_per_s) / row.delivered_per_s) * 100 : 0;
    return { row, spreadPct };
  });
}

const ratio = (a: number, b: number) => (a > 0 && b > 0 ? `${(a / b).toFixed(2)}×` : '–');

function capacityMarkdown(rows: readonly WsTransportRow[], o: WsTransportBenchOptions): string {
  const cap = medianRows(rows.filter((r) => r.phase === 'capacity'));
  const of = (name: string) => cap.find((c) => c.row.name === name)?.row.delivered_per_s ?? 0;
  const naive = of('naive ws (JSON, send per client)');
  // Each ws row against uWS with the same write window.
  const uwsFor = (r: WsTransportRow) =>
    cap.find((c) => c.row.variant === 'hashcap-uws-publish' && c.row.write_window_ms === (r.write_window_ms ?? 0))?.row.delivered_per_s ?? 0;
  const body = cap.map(({ row: r, spreadPct }) => [
    r.name,
    human(r.offered_per_s),
    `${human(r.delivered_per_s)}${o.rounds > 1 ? ` ±${spreadPct.toFixed(0)}%` : ''}${r.saturated ? '' : ' (not saturated)'}`,
    r.variant === 'naive-ws' ? '1×' : ratio(r.delivered_per_s, naive),
    r.variant === 'hashcap-uws-publish' ? '100%' : r.variant === 'naive-ws' ? '' : uwsFor(r) > 0 ? `${((r.delivered_per_s / uwsFor(r)) * 100).toFixed(0)}%` : '–',
    `${r.server_cpu_pct}%`,
    String(r.server_cpu_s_per_million),
    `${r.latency_p50_ms} / ${r.latency_p99_ms}`,
    `${r.drops} / ${r.probe_gaps}`,
    `${r.generator_cpu_pct}%${r.generator_bound ? ' (bound)' : ''}`,
    r.cpu_pressure_pct === null ? 'n/a' : `${r.cpu_pressure_pct}%`,
  ]);
  return markdownTable(
    [`server (${o.subscribers} subscribers)`, 'offered msgs/s', 'delivered msgs/s', '× naive ws', '% of uWS (same window)', 'server CPU', 'server CPU s per M', 'latency p50 / p99 ms', 'drops / probe gaps', 'generator CPU', 'machine CPU pressure'],
    body,
  );
}

function windowMarkdown(rows: readonly WsTransportRow[], o: WsTransportBenchOptions, rate: number): string {
  const win = medianRows(rows.filter((r) => r.phase === 'window'));
  const body = win.map(({ row: r }) => [
    r.name,
    `${human(rate)}/s × ${o.subscribers} = ${human(r.offered_per_s)}`,
    human(r.delivered_per_s),
    `${r.server_cpu_pct}%`,
    String(r.server_cpu_s_per_million),
    `${r.latency_p50_ms} / ${r.latency_p99_ms} / ${r.latency_p999_ms}`,
    `${r.drops} / ${r.probe_gaps}`,
    r.cpu_pressure_pct === null ? 'n/a' : `${r.cpu_pressure_pct}%`,
  ]);
  return markdownTable(['write window', 'offered', 'delivered msgs/s', 'server CPU', 'server CPU s per M', 'latency p50 / p99 / p99.9 ms', 'drops / probe gaps', 'machine CPU pressure'], body);
}

// Run directly: the same as `npm run bench -- ws-transport`, with knobs.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i === -1 ? undefined : argv[i + 1];
  };
  const overrides: Partial<WsTransportBenchOptions> = {};
  for (const [flag, key] of [['--subscribers', 'subscribers'], ['--rounds', 'rounds'], ['--duration', 'durationS'], ['--warmup', 'warmupS'], ['--window', 'windowMs'], ['--moderate', 'moderate']] as const) {
    const v = value(flag);
    if (v !== undefined) Object.assign(overrides, { [key]: Number(v) });
  }
  if (argv.includes('--quiet')) Object.assign(overrides, { quiet: true });
  await wsTransportBench(argv.includes('--full'), overrides);
  process.exit(0);
}
