/**
 * Fan-out as a load sweep: N subscribers, each server offered a range of publish rates, hashcap
 * against the servers users would pick instead, the same payload to the same subscribers.
 *
 * Per server (and per subscriber count), in three phases, each run on a fresh server process:
 *
 * 1. estimate — one run at a rate past what the server can take; what it delivers is the first
 *    estimate of its capacity.
 * 2. sweep — fractions of that estimate in ascending order over one set of connections (one publisher
 *    whose seq runs on), each point warmed up, measured, stopped and drained; the sweep stops at the
 *    first point not delivered in full (see `deliveredInFull`). The knee is the highest rate delivered
 *    in full: the median over rounds of each round's knee.
 * 3. knee — 25% and 50% of the server's own knee, for latency and CPU off saturation.
 *
 * Rounds (≥ 3 with --full) rotate the order of the servers. The load generator runs in this process,
 * pinned away from the server's core where the machine has two (bench/lib/pinning.ts); the probes,
 * which record latency, run in a process of their own on the generator's core. A point measured while
 * the machine's CPU pressure was over the threshold is marked and left out of medians and of the knee.
 */
import { DEFAULT_WRITE_WINDOW_MS } from '../../server/config.ts';

/** The stretching window `--full` compares with the fixed default (opt-in: `--write-window-max-ms 4`). */
const STRETCH_MAX_MS = 4;
import { human } from '../lib/stats.ts';
import { cpuPlan, pinProcess, type CpuPlan } from '../lib/pinning.ts';
import { machine, markdownTable, writeChart, writeResults } from '../lib/report.ts';
import { chartDocument, type ChartPoint, type Series } from '../lib/svg-chart.ts';
import { loopbackRange } from '../load/loopback.ts';
import { runLoad, type LoadPoint, type PointReport } from '../load/run.ts';
import { sleep } from '../load/wait.ts';
import { nofileLimit, raiseNofile, rssBytes } from './proc.ts';
import { ServerMeter } from './server-meter.ts';
import { startVariantServer, VARIANTS, type VariantName } from './servers.ts';

export interface FanoutOptions {
  readonly subscriberCounts: readonly number[];
  readonly variants: readonly VariantName[];
  /**
   * hashcap variants run once per write window (the server's `--write-window-ms` and
   * `--write-window-max-ms`, see WindowSpec); null = the server's default, no option passed.
   */
  readonly writeWindowsMs: readonly WindowSpec[] | null;
  readonly probes: number;
  /** Sweep points, as fractions of the server's first estimate. */
  readonly fractions: readonly number[];
  /**
   * Measure each server's first estimate (a run past its capacity), or take it from FIRST_ESTIMATE
   * (the quick form: one server start fewer per server; the sweep still finds the knee, or says ≥).
   */
  readonly measureEstimate: boolean;
  /** Latency points, as fractions of the server's knee. */
  readonly kneeFractions: readonly number[];
  readonly estimateWarmupS: number;
  readonly estimateDurationS: number;
  readonly warmupS: number;
  readonly durationS: number;
  readonly drainS: number;
  readonly rounds: number;
  /** Pin the server and the generator to different cores (taskset). */
  readonly pin: boolean;
  /** Machine CPU pressure (PSI some, %) from which a point is marked as contended. */
  readonly pressureThresholdPct: number;
  /** A server past this RSS is killed and the run marked overloaded (peers without backpressure grow without bound). */
  readonly rssCapBytes: number;
}

/** Fits `npm run bench` (every quick bench) in five minutes: one round, short windows, four sweep points. */
export const QUICK: FanoutOptions = {
  subscriberCounts: [1000],
  variants: ['hashcap-uws', 'hashcap-ws', 'naive-ws', 'socketio', 'nats'],
  writeWindowsMs: null,
  probes: 5,
  fractions: [0.25, 0.5, 0.8, 1, 1.25, 1.6, 2],
  measureEstimate: false,
  kneeFractions: [0.25, 0.5],
  estimateWarmupS: 0.5,
  estimateDurationS: 1.5,
  warmupS: 0.5,
  durationS: 1.5,
  drainS: 2,
  rounds: 1,
  pin: true,
  pressureThresholdPct: 25,
  rssCapBytes: 2 * 2 ** 30,
};

export const FULL: FanoutOptions = {
  ...QUICK,
  variants: ['hashcap-uws', 'hashcap-uws-publish', 'hashcap-ws', 'naive-ws', 'socketio', 'nats'],
  // The write window's trade-off (issue 15 item 7): every hashcap server without and with it.
  writeWindowsMs: [
    { quietMs: 0, maxMs: 0 },
    { quietMs: DEFAULT_WRITE_WINDOW_MS, maxMs: DEFAULT_WRITE_WINDOW_MS },
    { quietMs: DEFAULT_WRITE_WINDOW_MS, maxMs: STRETCH_MAX_MS },
  ],
  fractions: [0.1, 0.25, 0.5, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 2],
  measureEstimate: true,
  estimateWarmupS: 1,
  estimateDurationS: 3,
  warmupS: 1,
  durationS: 5,
  drainS: 3,
  rounds: 3,
};

/**
 * The estimate run's offered deliveries per second: past each server's capacity on a 2-core machine,
 * but not so far that a server without backpressure (naive ws, Socket.IO) buffers gigabytes.
 */
const ESTIMATE_OFFERED: Readonly<Record<VariantName, number>> = {
  'hashcap-uws': 8_000_000,
  'hashcap-uws-publish': 8_000_000,
  'hashcap-ws': 2_000_000,
  'hashcap-ws-publish': 2_000_000,
  'naive-ws': 600_000,
  socketio: 600_000,
  nats: 8_000_000,
};

/**
 * First estimates (deliveries per second to 1,000 subscribers) where none is measured: the peaks of
 * the last single-rate runs on the 2-core VM (README, before issue 15). Scaled by 1,000 / N for N
 * subscribers; the sweep's fractions reach 2× them.
 */
const FIRST_ESTIMATE: Readonly<Record<VariantName, number>> = {
  // The real path's knee was ~750 k (one delta per batch; 2026-12-06 quiet run): the quick points bracket it.
  'hashcap-uws': 1_000_000,
  'hashcap-uws-publish': 3_000_000,
  // Delivered every point up to 500 k in the same run.
  'hashcap-ws': 500_000,
  'hashcap-ws-publish': 250_000,
  'naive-ws': 200_000,
  socketio: 190_000,
  nats: 2_300_000,
};
/** No more publishes per second than this in the estimate run (the generator's own limit is near). */
const MAX_ESTIMATE_RATE = 10_000;

const SOURCE_ADDRESSES = loopbackRange(2, 9);
const GENERATOR_BOUND_PCT = 90;
/** Delivered in full: at least this share of the offered rate inside the window … */
const FULL_DELIVERY = 0.95;
/** … and no more owed at the window's end than this many seconds of the offered rate. */
const BOUNDED_BACKLOG_S = 0.25;

/** A server under test: a variant, and for hashcap the write window it runs with. */
/** A write window: `quietMs` while the server is idle, stretching to `maxMs` under load (equal: fixed). */
export interface WindowSpec {
  readonly quietMs: number;
  readonly maxMs: number;
}

/** "0", "1" (fixed) or "1-4" (1 ms quiet, up to 4 ms under load), as `--write-windows` takes them. */
export function parseWindowSpec(text: string): WindowSpec {
  const [quiet, max] = text.split('-').map(Number);
  if (quiet === undefined || !Number.isFinite(quiet) || quiet < 0 || (max !== undefined && (!Number.isFinite(max) || max < quiet))) {
    throw new Error(`--write-windows takes 0, 1 or 1-4 (quiet-max ms), comma-separated; got ${text}`);
  }
  return { quietMs: quiet, maxMs: max ?? quiet };
}

export function windowText(w: WindowSpec): string {
  return w.maxMs > w.quietMs ? `${w.quietMs}–${w.maxMs} ms (adapts)` : `${w.quietMs} ms`;
}

interface ServerConfig {
  readonly key: string;
  readonly variant: VariantName;
  readonly window: WindowSpec | null;
  readonly label: string;
}

export interface FanoutRow {
  server: string;
  variant: VariantName;
  label: string;
  write_window_ms: number | null;
  /** How far the window may stretch under load (= write_window_ms: a fixed window). */
  write_window_max_ms: number | null;
  subscribers: number;
  probes: number;
  phase: 'estimate' | 'sweep' | 'knee';
  round: number;
  /** Of the first estimate (sweep) or of the knee (knee phase); 0 for the estimate run. */
  fraction: number;
  target_rate: number;
  achieved_rate: number;
  offered_per_s: number;
  delivered_per_s: number;
  delivered_spread_pct: number;
  bytes_per_msg: number;
  /** From the intended send time (hashcap: the tick's time, through ingest; peers and publish only: the publish) to receipt at a probe. */
  latency_p50_ms: number;
  latency_p99_ms: number;
  latency_p999_ms: number;
  latency_max_ms: number;
  latency_samples: number;
  /** hashcap: the server's sendTimeMs (whole ms) to receipt. */
  server_send_latency_p99_ms: number | null;
  server_cpu_pct: number;
  server_cpu_s_per_million: number;
  /** The kernel's part of server_cpu_pct (on loopback it includes the receivers' TCP processing). */
  server_system_pct: number;
  server_rss_connected_mib: number;
  server_rss_per_conn_kib: number;
  server_rss_peak_mib: number;
  /** Exact, from every subscriber's seq contiguity: seqs skipped this point (see LossLedger in bench/load/run.ts). */
  lost: number;
  seq_gaps: number;
  seq_tail: number;
  seq_duplicates: number;
  seq_unreadable: number;
  incomplete_subscribers: number;
  probe_gaps: number;
  /** Deliveries owed (published × subscribers − delivered) at the window's end, and the most during it. */
  in_flight_end: number;
  in_flight_max: number;
  drain_ms: number;
  drained: boolean;
  slow_consumer_notices: number | null;
  generator_cpu_pct: number;
  generator_bound: boolean;
  generator_lag_max_ms: number | null;
  generator_backlog_kib: number | null;
  pressure_pct: number | null;
  pressure_source: string | null;
  steal_pct: number | null;
  load_per_core: number | null;
  /** Pressure at or over the threshold: marked, not averaged in. */
  contended: boolean;
  delivered_in_full: boolean;
  /** Why not in full ('' when it was). */
  verdict: string;
  overloaded: boolean;
  problems: string[];
}

export async function fanoutBench(full: boolean, overrides: Partial<FanoutOptions> = {}): Promise<FanoutRow[]> {
  const o: FanoutOptions = { ...(full ? FULL : QUICK), ...overrides };
  const maxSubs = Math.max(...o.subscriberCounts);
  const fdsNeeded = maxSubs + o.probes + 1000;
  if (nofileLimit(process.pid) < fdsNeeded) raiseNofile(process.pid, Math.max(fdsNeeded, 65536));
  const plan = cpuPlan(o.pin);
  // Children forked from here (the probe process) inherit the generator's CPUs; servers are started pinned to theirs.
  if (plan.generator !== null && !pinProcess(process.pid, plan.generator)) console.log('could not pin the generator; running unpinned');
  console.log(`fan-out sweep: ${plan.note}`);
  const configs = serverConfigs(o);
  const rows: FanoutRow[] = [];
  const knees = new Map<string, Knee>();
  const show = (row: FanoutRow) => {
    rows.push(row);
    console.log(
      `${row.phase} r${row.round} ${row.label} ${row.subscribers} subs @ ${row.target_rate}/s (${human(row.offered_per_s)}): ${human(row.delivered_per_s)} msgs/s, p50/p99/p99.9 ${row.latency_p50_ms}/${row.latency_p99_ms}/${row.latency_p999_ms} ms, server ${row.server_cpu_pct}% CPU, lost ${row.lost}, owed ${human(row.in_flight_end)} at window end and ${human(row.seq_tail)} after the drain, pressure ${row.pressure_pct ?? 'n/a'}%${row.contended ? ' (contended)' : ''} → ${row.delivered_in_full ? 'in full' : row.verdict}${row.problems.length > 0 ? ` [${row.problems.join('; ')}]` : ''}`,
    );
  };

  for (const subscribers of o.subscriberCounts) {
    const estimates = new Map<string, number>();
    for (const c of configs) {
      const fallback = Math.max(subscribers, Math.round((FIRST_ESTIMATE[c.variant] * 1000) / subscribers));
      if (!o.measureEstimate) {
        estimates.set(c.key, fallback);
        continue;
      }
      const rate = Math.max(1, Math.min(MAX_ESTIMATE_RATE, Math.round(ESTIMATE_OFFERED[c.variant] / subscribers)));
      const [row] = await runServer(c, subscribers, [{ rate, warmupS: o.estimateWarmupS, durationS: o.estimateDurationS }], 'estimate', 0, [0], o, plan);
      if (row) show(row);
      // A server that delivered next to nothing (stalled, or starved on a busy machine) says nothing
      // about its capacity: fall back to the table rather than sweep around zero.
      const measured = row?.delivered_per_s ?? 0;
      const usable = row !== undefined && !row.contended && measured >= 0.05 * row.offered_per_s;
      if (!usable) console.log(`${c.label}: estimate run unusable (${human(measured)} msgs/s${row?.contended ? ', contended' : ''}); first estimate from the table: ${human(fallback)}`);
      estimates.set(c.key, usable ? measured : fallback);
    }
    const perRound = new Map<string, (number | null)[]>();
    for (let round = 0; round < o.rounds; round++) {
      for (const c of rotate(configs, round)) {
        const estimate = estimates.get(c.key)!;
        const fractions = [...o.fractions].sort((a, b) => a - b);
        const points = fractions.map((f) => ({ rate: Math.max(1, Math.round((f * estimate) / subscribers)), warmupS: o.warmupS, durationS: o.durationS }));
        const got = await runServer(c, subscribers, points, 'sweep', round, fractions, o, plan, (row) => {
          show(row);
          // Past the knee: stop. A contended point that failed stops it too (the run stays bounded on a
          // busy machine); it does not count for the knee, which is then the last clean point.
          return row.delivered_in_full;
        });
        perRound.set(c.key, [...(perRound.get(c.key) ?? []), roundKnee(got)]);
      }
    }
    for (const c of configs) {
      const k = kneeOf(perRound.get(c.key) ?? [], estimates.get(c.key)!, subscribers, o);
      knees.set(`${subscribers}|${c.key}`, k);
      console.log(`knee ${c.label}, ${subscribers} subs: ${kneeText(k)} (rounds: ${k.rounds.map((r) => (r === null ? '–' : human(r))).join(', ')})`);
    }
    for (let round = 0; round < o.rounds; round++) {
      for (const c of rotate(configs, round)) {
        const knee = knees.get(`${subscribers}|${c.key}`)!;
        const fractions = [...o.kneeFractions].sort((a, b) => a - b);
        const points = fractions.map((f) => ({ rate: Math.max(1, Math.round((f * knee.offeredPerS) / subscribers)), warmupS: o.warmupS, durationS: o.durationS }));
        for (const row of await runServer(c, subscribers, points, 'knee', round, fractions, o, plan)) show(row);
      }
    }
  }

  const command = `npm run bench -- fanout${full ? ' --full' : ''}`;
  const kneeTable = kneeMarkdown(rows, knees, configs, o);
  const sweepTable = sweepMarkdown(rows, o);
  const notes = fanoutNotes(o, command, plan, rows);
  const m = machine();
  console.log(`\n${kneeTable}\n\n${sweepTable}\n`);
  console.log(`Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}. Command: \`${command}\`.`);
  writeResults('fanout', rows, `${kneeTable}\n\n${sweepTable}`, notes);
  writeChart('fanout', fanoutChart(rows, configs, o));
  return rows;
}

function serverConfigs(o: FanoutOptions): ServerConfig[] {
  const out: ServerConfig[] = [];
  for (const v of o.variants) {
    const spec = VARIANTS[v];
    if (spec.protocol === 'hashcap' && o.writeWindowsMs !== null) {
      for (const w of o.writeWindowsMs) out.push({ key: `${v}@${w.quietMs}-${w.maxMs}ms`, variant: v, window: w, label: `${spec.label}, window ${windowText(w)}` });
    } else out.push({ key: v, variant: v, window: null, label: spec.label });
  }
  return out;
}

function rotate<T>(xs: readonly T[], by: number): T[] {
  return xs.map((_, i) => xs[(i + by) % xs.length]!);
}

// ------------------------------------------------------------------------------------------ one server

async function runServer(
  c: ServerConfig,
  subscribers: number,
  points: readonly LoadPoint[],
  phase: FanoutRow['phase'],
  round: number,
  fractions: readonly number[],
  o: FanoutOptions,
  plan: CpuPlan,
  after?: (row: FanoutRow) => boolean,
): Promise<FanoutRow[]> {
  const variant = VARIANTS[c.variant];
  const connectTimeoutS = Math.max(30, Math.ceil(subscribers / 200));
  const budgetS = connectTimeoutS + points.reduce((s, p) => s + p.warmupS + p.durationS + 2 * o.drainS + 3, 0) + 20;
  const server = await startVariantServer(variant, {
    maxSeconds: budgetS + 30,
    nofile: subscribers + o.probes + 1000,
    cpus: plan.server,
    ...(c.window === null ? {} : { writeWindowMs: c.window.quietMs, writeWindowMaxMs: c.window.maxMs }),
  });
  await sleep(300);
  const rssIdle = rssBytes(server.pid);
  let rssConnected = rssIdle;
  const meter = new ServerMeter(server.pid, () => server.alive(), o.rssCapBytes);
  const rows: FanoutRow[] = [];
  try {
    const report = await runLoad({
      protocol: variant.protocol,
      url: server.url,
      publishUrl: server.publishUrl,
      token: server.token,
      channel: 'index.miners',
      subscribers,
      probes: o.probes,
      points,
      sourceAddresses: SOURCE_ADDRESSES,
      connectTimeoutS,
      drainS: o.drainS,
      deadlineS: budgetS,
      generatorBoundPct: GENERATOR_BOUND_PCT,
      signal: meter.abort.signal,
      ...(server.externalPublisher ? { externalPublisher: server.externalPublisher } : {}),
      hooks: {
        connected: async () => {
          await sleep(200);
          rssConnected = rssBytes(server.pid);
        },
        measureStart: (i) => meter.start(i),
        measureEnd: (i) => meter.end(i),
        pointDone: (p, i) => {
          const cpu = meter.cpu(i);
          const row = toRow(c, subscribers, phase, round, fractions[i] ?? 0, o, p, {
            rssIdle,
            rssConnected,
            rssPeak: meter.rssPeak,
            cpuSeconds: cpu.userS + cpu.systemS,
            systemSeconds: cpu.systemS,
            wallSeconds: cpu.wallS,
            overloaded: meter.overloaded,
            slowNotices: null,
          });
          rows.push(row);
          return after === undefined ? true : after(row);
        },
      },
    });
    for (const p of report.problems) for (const r of rows) if (!r.problems.includes(p)) r.problems.push(p);
    if (rows.length === 0 && report.problems.length > 0) console.log(`${c.label}: ${report.problems.join('; ')}`);
  } finally {
    meter.stop();
  }
  const counters = await server.counters();
  await server.stop();
  if (counters !== null) {
    // Over the server's life (all its points): the gateway counts slow-consumer actions, not per point.
    const slow = (counters['slowWarned'] ?? 0) + (counters['slowDegraded'] ?? 0) + (counters['slowClosed'] ?? 0);
    for (const r of rows) r.slow_consumer_notices = slow;
  }
  return rows;
}

function toRow(
  c: ServerConfig,
  subscribers: number,
  phase: FanoutRow['phase'],
  round: number,
  fraction: number,
  o: FanoutOptions,
  p: PointReport,
  s: { rssIdle: number; rssConnected: number; rssPeak: number; cpuSeconds: number; systemSeconds: number; wallSeconds: number; overloaded: boolean; slowNotices: number | null },
): FanoutRow {
  const variant = VARIANTS[c.variant];
  const realPath = variant.protocol === 'hashcap' && !variant.publishOnly;
  const lat = (realPath ? p.latency.publishToReceive : null) ?? p.latency.sendToReceive;
  const serverCpuPct = s.wallSeconds > 0 ? (s.cpuSeconds / s.wallSeconds) * 100 : 0;
  const pressure = p.machine?.pressurePct ?? null;
  const contended = pressure !== null && pressure >= o.pressureThresholdPct;
  const offered = p.offeredPerS;
  const delivered = p.measure.deliveredPerS;
  const reasons: string[] = [];
  if (s.overloaded) reasons.push('server memory cap');
  if (p.loss.lost > 0) reasons.push(`lost ${human(p.loss.lost)}`);
  if (p.loss.tail > 0) reasons.push(`${human(p.loss.tail)} still owed after the drain`);
  else if (!p.drain.complete) reasons.push('not drained');
  // One message per subscriber of slack: at low rates a window holds few messages, and one that
  // lands just past the window's end is not a shortfall.
  const slack = subscribers;
  if (p.measure.delivered < FULL_DELIVERY * offered * p.measure.seconds - slack) reasons.push(`delivered ${((delivered / Math.max(1, offered)) * 100).toFixed(0)}%`);
  if (p.inFlight.end > BOUNDED_BACKLOG_S * offered + slack) reasons.push(`backlog ${human(p.inFlight.end)}`);
  if (p.generator.bound) reasons.push('generator-bound');
  if (p.publisher !== null && p.publisher.sentThisRun < FULL_DELIVERY * p.rate * p.publisher.seconds - 1) reasons.push('publisher short');
  return {
    server: c.key,
    variant: c.variant,
    label: c.label,
    write_window_ms: c.window?.quietMs ?? null,
    write_window_max_ms: c.window?.maxMs ?? null,
    subscribers,
    probes: o.probes,
    phase,
    round,
    fraction,
    target_rate: p.rate,
    achieved_rate: Math.round(p.publisher?.achievedRate ?? 0),
    offered_per_s: offered,
    delivered_per_s: delivered,
    delivered_spread_pct: p.measure.spreadPct,
    bytes_per_msg: delivered > 0 ? Math.round(p.measure.bytesPerS / delivered) : 0,
    latency_p50_ms: lat.p50Ms,
    latency_p99_ms: lat.p99Ms,
    latency_p999_ms: lat.p999Ms,
    latency_max_ms: lat.maxMs,
    latency_samples: lat.count,
    server_send_latency_p99_ms: realPath ? p.latency.sendToReceive.p99Ms : null,
    server_cpu_pct: Number(serverCpuPct.toFixed(1)),
    server_cpu_s_per_million: p.measure.delivered > 0 ? Number((s.cpuSeconds / (p.measure.delivered / 1e6)).toFixed(3)) : 0,
    server_system_pct: s.wallSeconds > 0 ? Number(((s.systemSeconds / s.wallSeconds) * 100).toFixed(1)) : 0,
    server_rss_connected_mib: Number((s.rssConnected / 2 ** 20).toFixed(1)),
    server_rss_per_conn_kib: Number(((s.rssConnected - s.rssIdle) / (subscribers + o.probes) / 1024).toFixed(2)),
    server_rss_peak_mib: Number((s.rssPeak / 2 ** 20).toFixed(1)),
    lost: p.loss.lost,
    seq_gaps: p.loss.gaps,
    seq_tail: p.loss.tail,
    seq_duplicates: p.loss.duplicates,
    seq_unreadable: p.loss.unreadable,
    incomplete_subscribers: p.loss.incompleteSubscribers,
    probe_gaps: p.loss.probeGaps,
    in_flight_end: p.inFlight.end,
    in_flight_max: p.inFlight.max,
    drain_ms: p.drain.ms,
    drained: p.drain.complete,
    slow_consumer_notices: s.slowNotices,
    generator_cpu_pct: p.generator.cpuPct,
    generator_bound: p.generator.bound,
    generator_lag_max_ms: p.generator.lagMaxMs,
    generator_backlog_kib: p.generator.recvBacklogKiBPerSocket,
    pressure_pct: pressure,
    pressure_source: p.machine?.source ?? null,
    steal_pct: p.machine?.stealPct ?? null,
    load_per_core: p.machine?.loadPerCore ?? null,
    contended,
    delivered_in_full: reasons.length === 0,
    verdict: reasons.join(', '),
    overloaded: s.overloaded,
    problems: [],
  };
}

// ------------------------------------------------------------------------------------------ the knee

interface Knee {
  /** Offered deliveries per second at the knee (median over rounds). */
  offeredPerS: number;
  /** Every sweep point was delivered in full: the knee is at least this (the sweep did not reach it). */
  atLeast: boolean;
  /** No point was delivered in full (or all were contended): offeredPerS is only the lowest point, where the latency points are taken. */
  none: boolean;
  /** Each round's knee (null: no point delivered in full). */
  rounds: (number | null)[];
  estimatePerS: number;
}

/** The highest point delivered in full before the first that was not (contended points skipped). */
function roundKnee(rows: readonly FanoutRow[]): number | null {
  let knee: number | null = null;
  for (const r of [...rows].sort((a, b) => a.offered_per_s - b.offered_per_s)) {
    if (r.contended) continue;
    if (!r.delivered_in_full) break;
    knee = r.offered_per_s;
  }
  return knee;
}

function kneeOf(rounds: readonly (number | null)[], estimate: number, subscribers: number, o: FanoutOptions): Knee {
  const found = rounds.filter((r): r is number => r !== null);
  const top = Math.max(1, Math.round((Math.max(...o.fractions) * estimate) / subscribers)) * subscribers;
  if (found.length === 0) {
    // Nothing delivered in full: take the lowest point as an upper bound for the latency points.
    const lowest = Math.max(1, Math.round((Math.min(...o.fractions) * estimate) / subscribers)) * subscribers;
    return { offeredPerS: lowest, atLeast: false, none: true, rounds: [...rounds], estimatePerS: estimate };
  }
  const median = medianOf(found);
  return { offeredPerS: median, atLeast: found.every((k) => k >= top), none: false, rounds: [...rounds], estimatePerS: estimate };
}

// ------------------------------------------------------------------------------------------ tables

function kneeText(k: Knee): string {
  if (k.none) return `none in full (knee points taken of the lowest, ${human(k.offeredPerS)})`;
  return `${k.atLeast ? '≥ ' : ''}${human(k.offeredPerS)}`;
}

function medianOf(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Three significant digits: 0.412, 4.12, 41.2, 4120. */
function ms(v: number): string {
  return v >= 1000 ? v.toFixed(0) : String(Number(v.toPrecision(3)));
}

/** "median (min–max)" over the unmarked rounds; marked ones only when nothing else is there, flagged. */
function spreadCell(rows: readonly FanoutRow[], get: (r: FanoutRow) => number, fmt: (v: number) => string): string {
  const clean = rows.filter((r) => !r.contended);
  const use = clean.length > 0 ? clean : rows;
  if (use.length === 0) return '–';
  const vs = use.map(get);
  const mark = clean.length === 0 ? ' ⚠' : '';
  if (vs.length === 1) return `${fmt(vs[0]!)}${mark}`;
  return `${fmt(medianOf(vs))} (${fmt(Math.min(...vs))}–${fmt(Math.max(...vs))})${mark}`;
}

/** p50 / p99 / p99.9 over the rounds that recorded any latency (none: '–'). */
function latencyCells(rows: readonly FanoutRow[]): string {
  const rs = rows.filter((r) => r.latency_samples > 0);
  if (rs.length === 0) return '–';
  return `${spreadCell(rs, (r) => r.latency_p50_ms, ms)} / ${spreadCell(rs, (r) => r.latency_p99_ms, ms)} / ${spreadCell(rs, (r) => r.latency_p999_ms, ms)}`;
}

function kneeMarkdown(rows: readonly FanoutRow[], knees: ReadonlyMap<string, Knee>, configs: readonly ServerConfig[], o: FanoutOptions): string {
  const body: string[][] = [];
  const [lo, hi] = [o.kneeFractions[0] ?? 0.25, o.kneeFractions[1] ?? 0.5];
  for (const subscribers of o.subscriberCounts) {
    const nats = knees.get(`${subscribers}|nats`);
    const natsKnee = nats === undefined || nats.none ? 0 : nats.offeredPerS;
    for (const c of configs) {
      const k = knees.get(`${subscribers}|${c.key}`);
      if (k === undefined) continue;
      const at = (f: number) => rows.filter((r) => r.server === c.key && r.subscribers === subscribers && r.phase === 'knee' && r.fraction === f);
      const latency = (f: number) => latencyCells(at(f));
      const cpu = (f: number) => spreadCell(at(f), (r) => r.server_cpu_pct, (v) => `${v.toFixed(0)}%`);
      const marked = rows.filter((r) => r.server === c.key && r.subscribers === subscribers && r.contended).length;
      const kneeRows = rows.filter((r) => r.server === c.key && r.subscribers === subscribers && r.phase === 'knee');
      const lost = `${kneeRows.reduce((s, r) => s + r.lost, 0)} / ${kneeRows.reduce((s, r) => s + r.seq_tail, 0)}`;
      body.push([
        String(subscribers),
        c.label,
        human(k.estimatePerS),
        `${kneeText(k)}${k.rounds.length > 1 ? ` (${k.rounds.map((r) => (r === null ? '–' : human(r))).join(', ')})` : ''}`,
        c.variant === 'nats' ? '1×' : natsKnee > 0 && !k.none ? `${k.atLeast ? '≥ ' : ''}${(k.offeredPerS / natsKnee).toFixed(2)}×` : '–',
        latency(lo),
        cpu(lo),
        latency(hi),
        cpu(hi),
        lost,
        String(marked),
      ]);
    }
  }
  return markdownTable(
    [
      'subs',
      'server',
      'first estimate msgs/s',
      'knee msgs/s (per round)',
      'knee ÷ nats-server',
      `p50 / p99 / p99.9 ms at ${lo * 100}% of knee`,
      `server CPU at ${lo * 100}%`,
      `p50 / p99 / p99.9 ms at ${hi * 100}% of knee`,
      `server CPU at ${hi * 100}%`,
      'lost / owed after drain (knee points)',
      'points marked contended',
    ],
    body,
  );
}

function sweepMarkdown(rows: readonly FanoutRow[], o: FanoutOptions): string {
  const groups = new Map<string, FanoutRow[]>();
  for (const r of rows.filter((x) => x.phase === 'sweep')) {
    const key = `${r.subscribers}|${r.server}|${r.fraction}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const body = [...groups.values()].map((g) => {
    const r = g[0]!;
    const inFull = g.filter((x) => !x.contended && x.delivered_in_full).length;
    const judged = g.filter((x) => !x.contended).length;
    return [
      String(r.subscribers),
      r.label,
      `${(r.fraction * 100).toFixed(0)}%`,
      spreadCell(g, (x) => x.offered_per_s, human),
      spreadCell(g, (x) => x.delivered_per_s, human),
      latencyCells(g),
      spreadCell(g, (x) => x.server_cpu_pct, (v) => `${v.toFixed(0)}%`),
      spreadCell(g, (x) => x.server_cpu_s_per_million, (v) => v.toFixed(2)),
      spreadCell(g, (x) => x.in_flight_end, human),
      `${g.reduce((s, x) => s + x.lost, 0)} / ${g.reduce((s, x) => s + x.seq_tail, 0)}`,
      g.map((x) => (x.pressure_pct === null ? 'n/a' : `${x.pressure_pct}%`)).join(', '),
      judged === 0 ? 'marked (contended)' : `${inFull}/${judged}${g.some((x) => !x.delivered_in_full && !x.contended) ? `: ${g.find((x) => !x.delivered_in_full && !x.contended)!.verdict}` : ''}`,
    ];
  });
  return markdownTable(
    [
      'subs',
      'server',
      'of estimate',
      'offered msgs/s',
      'delivered msgs/s',
      'p50 / p99 / p99.9 ms',
      'server CPU',
      'server CPU s per M',
      'owed at window end',
      'lost / owed after drain',
      `machine CPU pressure (mark ≥ ${o.pressureThresholdPct}%)`,
      'delivered in full (rounds)',
    ],
    body,
  );
}

function fanoutNotes(o: FanoutOptions, command: string, plan: CpuPlan, rows: readonly FanoutRow[]): string[] {
  const marked = rows.filter((r) => r.contended).length;
  return [
    `Command: \`${command}\` (knobs: \`npx tsx bench/fanout/cli.ts --help\`). ${o.rounds} round(s); ${plan.note}.`,
    `Method: per server a first estimate (${o.measureEstimate ? 'what it delivers when offered more than it can take' : 'quick form: from a table of earlier peaks, bench/fanout/fanout.bench.ts FIRST_ESTIMATE; --full measures it'}), then a sweep at ${o.fractions.map((f) => `${f * 100}%`).join(', ')} of it over one set of connections — each point ${o.warmupS} s warm-up, ${o.durationS} s measured, publishing stopped and in-flight messages drained (≤ ${o.drainS} s) before the next — stopping at the first point not delivered in full; then ${o.kneeFractions.map((f) => `${f * 100}%`).join(' and ')} of the knee on a fresh server. Servers rotated per round; a fresh server process per phase and round.`,
    `Delivered in full: no message lost (every subscriber's seq contiguous and complete after the drain), ≥ ${FULL_DELIVERY * 100}% of the offered rate delivered inside the window, at most ${BOUNDED_BACKLOG_S} s of the offered rate owed (published × subscribers − delivered) at the window's end, the publisher on schedule and the generator not the limit. Knee = the highest such rate, median over rounds.`,
    'Loss is exact: every counting subscriber reads the seq of each message (protobuf varint or JSON digits, no allocation); "lost" = seqs skipped (a later one arrived), "owed" after the drain = what a subscriber still lacked (late or lost: the next point tells; the last point\'s owed is lost).',
    'Latency: from the intended send time (the open-loop schedule, so a lagging generator adds to it: coordinated omission corrected) to receipt at a probe, in HDR histograms; hashcap = the tick time through ingest, gate, engine, feed and fan-out; publish only and peers = the publish. Probes run in a process of their own. Spread cells: median (min–max) over rounds.',
    `Machine CPU pressure: PSI "some" of /proc/pressure/cpu over each window (else CPU steal, else load per core); points at or over ${o.pressureThresholdPct}% are marked ⚠ and left out of medians and of the knee (${marked} of ${rows.length} here). It counts every runnable task waiting, the bench's own threads included.`,
    'Variants: ' + [...new Set(rows.map((r) => r.variant))].map((v) => `${VARIANTS[v].label}: ${VARIANTS[v].path}`).join('; ') + '.',
    'Payload: the same index.miners delta (one constituent changed) — ≈180 bytes of protobuf for hashcap and NATS, ≈460 bytes of JSON for naive ws and Socket.IO.',
    'Targets (issue 15, not asserted): hashcap (uWS) knee ≥ 1.5× nats-server’s in the same run; at 25% of its knee p99 ≤ 5 ms and server CPU ≤ 40%.',
    'Chart: bench/results/fanout.svg (delivered, p99 and server CPU against offered, per server; medians over rounds; hollow points were marked contended).',
  ];
}

// ------------------------------------------------------------------------------------------ chart

function fanoutChart(rows: readonly FanoutRow[], configs: readonly ServerConfig[], o: FanoutOptions): string {
  const subscribers = o.subscriberCounts[0]!;
  const points = (c: ServerConfig, get: (r: FanoutRow) => number): ChartPoint[] => {
    const mine = rows.filter((r) => r.server === c.key && r.subscribers === subscribers && r.phase !== 'estimate' && (r.delivered_per_s > 0 || r.phase === 'knee'));
    const byRate = new Map<number, FanoutRow[]>();
    for (const r of mine) byRate.set(r.offered_per_s, [...(byRate.get(r.offered_per_s) ?? []), r]);
    return [...byRate].map(([offered, g]) => {
      const clean = g.filter((r) => !r.contended);
      const use = clean.length > 0 ? clean : g;
      return { x: offered, y: medianOf(use.map(get)), hollow: clean.length === 0 };
    });
  };
  const delivered: Series[] = configs.map((c) => ({ name: c.label, points: points(c, (r) => r.delivered_per_s) }));
  const p99: Series[] = configs.map((c) => ({ name: c.label, points: points(c, (r) => Math.max(0.01, r.latency_p99_ms)).filter((q) => q.y > 0.01) }));
  const xs = delivered.flatMap((s) => s.points.map((q) => q.x));
  const xMax = Math.max(1, ...xs);
  const xMin = Math.max(1, Math.min(...xs));
  return chartDocument(
    [
      {
        kind: 'line',
        title: `Delivered vs offered, ${subscribers.toLocaleString('en-US')} subscribers`,
        xLabel: 'offered msgs/s (publish rate × subscribers)',
        yLabel: 'delivered msgs/s',
        xLog: true,
        yLog: true,
        series: delivered,
        guides: [{ label: 'delivered = offered', points: [{ x: xMin, y: xMin }, { x: xMax, y: xMax }] }],
      },
      {
        kind: 'line',
        title: 'Latency p99 vs offered (intended send → receipt)',
        xLabel: 'offered msgs/s',
        yLabel: 'p99 ms',
        xLog: true,
        yLog: true,
        series: p99,
      },
      {
        kind: 'line',
        title: 'Server CPU vs offered (one core = 100%)',
        xLabel: 'offered msgs/s',
        yLabel: 'server CPU %',
        xLog: true,
        series: configs.map((c) => ({ name: c.label, points: points(c, (r) => r.server_cpu_pct) })),
      },
    ],
    { columns: 2, panelWidth: 560, panelHeight: 340 },
  );
}
