/**
 * Fan-out: N subscribers × publish rate, hashcap against the servers users would pick instead, one
 * fresh server process per run, the same payload to the same subscribers. The load generator runs in
 * this process (its CPU is measured apart from the server's, which is read from /proc).
 *
 * For each subscriber count, the variants are alternated inside each rate (and rotated from round to
 * round); then each variant runs once more at 25% of its own peak, for latency off saturation.
 */
import { human } from '../lib/stats.ts';
import { machine, markdownTable, writeResults } from '../lib/report.ts';
import { loopbackRange } from '../load/loopback.ts';
import { runLoad, type LoadReport } from '../load/run.ts';
import { sleep } from '../load/wait.ts';
import { cpuSeconds, nofileLimit, raiseNofile, rssBytes } from './proc.ts';
import { startVariantServer, VARIANTS, type VariantName } from './servers.ts';

export interface FanoutOptions {
  readonly subscriberCounts: readonly number[];
  /** Offered deliveries per second (publish rate × subscribers) of the sweep. */
  readonly offeredPerS: readonly number[];
  readonly variants: readonly VariantName[];
  readonly probes: number;
  readonly warmupS: number;
  readonly durationS: number;
  readonly rounds: number;
  /** Run each variant again at 25% of its peak (latency off saturation). */
  readonly quarterPeak: boolean;
  /** A server past this RSS is killed and the run marked overloaded (peers without backpressure grow without bound). */
  readonly rssCapBytes: number;
}

/** Fits `npm run bench` (every quick bench) into about three minutes: one rate, short windows. */
export const QUICK: FanoutOptions = {
  subscriberCounts: [1000],
  offeredPerS: [3_000_000],
  variants: ['hashcap-uws', 'hashcap-uws-publish', 'hashcap-ws', 'naive-ws', 'socketio', 'nats'],
  probes: 5,
  warmupS: 1,
  durationS: 4,
  rounds: 1,
  quarterPeak: true,
  rssCapBytes: 2 * 2 ** 30,
};

export const FULL: FanoutOptions = {
  ...QUICK,
  subscriberCounts: [1000, 10_000],
  offeredPerS: [1_000_000, 3_000_000, 10_000_000],
  warmupS: 2,
  durationS: 8,
  rounds: 3,
};

const SOURCE_ADDRESSES = loopbackRange(2, 9);
const GENERATOR_BOUND_PCT = 90;
const SERVER_BOUND_PCT = 90;
/** PSI "some" at or above which a run is called contended. */
const CONTENDED_PSI_PCT = 20;

export interface FanoutRow {
  variant: VariantName;
  label: string;
  subscribers: number;
  probes: number;
  phase: 'sweep' | 'quarter-peak';
  round: number;
  target_rate: number;
  achieved_rate: number;
  offered_per_s: number;
  delivered_per_s: number;
  delivered_median_per_s: number;
  delivered_spread_pct: number;
  bytes_per_msg: number;
  /** From the publisher's stamp (hashcap: the tick time; publish only: the in-server publish) to receipt. */
  latency_p50_ms: number;
  latency_p99_ms: number;
  latency_p999_ms: number;
  latency_samples: number;
  /** hashcap: the server's sendTimeMs (whole ms) to receipt. */
  server_send_latency_p99_ms: number | null;
  server_cpu_pct: number;
  server_cpu_s_per_million: number;
  server_rss_idle_mib: number;
  server_rss_connected_mib: number;
  server_rss_per_conn_kib: number;
  server_rss_peak_mib: number;
  drops: number;
  drop_pct: number;
  complete_subscribers: number;
  probe_gaps: number;
  probe_duplicates: number;
  slow_consumer_notices: number;
  generator_cpu_pct: number;
  /** Unread bytes waiting in the generator's sockets, KiB per socket (mean of 1 s samples). */
  generator_backlog_kib: number | null;
  generator_bound: boolean;
  /** Machine-wide PSI "some" during the window. */
  cpu_pressure_pct: number | null;
  bottleneck: string;
  ack_lag_p99_ms: number | null;
  overloaded: boolean;
  problems: string[];
}

export async function fanoutBench(full: boolean, overrides: Partial<FanoutOptions> = {}): Promise<FanoutRow[]> {
  const o: FanoutOptions = { ...(full ? FULL : QUICK), ...overrides };
  const maxSubs = Math.max(...o.subscriberCounts);
  const fdsNeeded = maxSubs + o.probes + 1000;
  if (nofileLimit(process.pid) < fdsNeeded) raiseNofile(process.pid, Math.max(fdsNeeded, 65536));
  const sweep: FanoutRow[] = [];
  const quarter: FanoutRow[] = [];
  const total = o.subscriberCounts.length * (o.rounds * o.offeredPerS.length + (o.quarterPeak ? 1 : 0)) * o.variants.length;
  let done = 0;
  const progress = (row: FanoutRow) => {
    done++;
    console.log(
      `[${done}/${total}] ${row.label}, ${row.subscribers} subs @ ${row.target_rate}/s: ${human(row.delivered_per_s)} msgs/s, p99 ${row.latency_p99_ms} ms, server ${row.server_cpu_pct}% CPU, generator ${row.generator_cpu_pct}%${row.problems.length > 0 ? ` (${row.problems.join('; ')})` : ''}`,
    );
  };

  for (const subscribers of o.subscriberCounts) {
    for (let round = 0; round < o.rounds; round++) {
      for (const offered of o.offeredPerS) {
        const rate = Math.max(1, Math.round(offered / subscribers));
        // Rotate the order every round so no variant always runs first (or after the same one).
        const order = o.variants.map((_, i) => o.variants[(i + round) % o.variants.length]!);
        for (const v of order) {
          const row = await runOne(v, subscribers, rate, 'sweep', round, o);
          sweep.push(row);
          progress(row);
        }
      }
    }
    if (o.quarterPeak) {
      for (const v of o.variants) {
        const peak = peakOf(sweep, v, subscribers);
        const rate = Math.max(1, Math.round((0.25 * peak) / subscribers));
        const row = await runOne(v, subscribers, rate, 'quarter-peak', 0, o);
        quarter.push(row);
        progress(row);
      }
    }
  }

  const rows = [...sweep, ...quarter];
  const sweepTable = sweepMarkdown(aggregate(sweep), o);
  const peakTable = peakMarkdown(sweep, quarter, o);
  const m = machine();
  console.log(`\n${sweepTable}\n\n${peakTable}\n`);
  const command = `npm run bench -- fanout${full ? ' --full' : ''}`;
  const notes = fanoutNotes(o, command, rows);
  console.log(`Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}. Command: \`${command}\`.`);
  for (const n of notes.slice(1)) console.log(n);
  writeResults('fanout', rows, `${sweepTable}\n\n${peakTable}`, notes);
  return rows;
}

async function runOne(v: VariantName, subscribers: number, rate: number, phase: FanoutRow['phase'], round: number, o: FanoutOptions): Promise<FanoutRow> {
  const variant = VARIANTS[v];
  const connectTimeoutS = Math.max(30, Math.ceil(subscribers / 200));
  const budgetS = connectTimeoutS + o.warmupS + o.durationS + 30;
  const server = await startVariantServer(variant, { maxSeconds: budgetS + 30, nofile: subscribers + o.probes + 1000 });
  await sleep(300);
  const rssIdle = rssBytes(server.pid);
  let rssConnected = rssIdle;
  let rssPeak = rssIdle;
  let cpu0 = 0;
  let cpu1 = 0;
  let t0 = 0;
  let t1 = 0;
  let overloaded = false;
  const abort = new AbortController();
  const watchdog = setInterval(() => {
    if (!server.alive()) return;
    const rss = rssBytes(server.pid);
    rssPeak = Math.max(rssPeak, rss);
    if (rss > o.rssCapBytes && !overloaded) {
      overloaded = true;
      // Stop the measurement where it is: a server buffering without bound would only get worse.
      cpu1 = cpuSeconds(server.pid);
      t1 = performance.now();
      abort.abort(`server RSS over ${(o.rssCapBytes / 2 ** 30).toFixed(1)} GiB`);
    }
  }, 250);
  let report: LoadReport;
  try {
    report = await runLoad({
      protocol: variant.protocol,
      url: server.url,
      publishUrl: server.publishUrl,
      token: server.token,
      channel: 'index.miners',
      subscribers,
      probes: o.probes,
      durationS: o.durationS,
      warmupS: o.warmupS,
      publishRate: rate,
      sourceAddresses: SOURCE_ADDRESSES,
      connectTimeoutS,
      drainS: 3,
      deadlineS: budgetS,
      generatorBoundPct: GENERATOR_BOUND_PCT,
      signal: abort.signal,
      ...(server.externalPublisher ? { externalPublisher: server.externalPublisher } : {}),
      hooks: {
        connected: async () => {
          await sleep(200);
          rssConnected = rssBytes(server.pid);
        },
        measureStart: () => {
          cpu0 = cpuSeconds(server.pid);
          t0 = performance.now();
        },
        measureEnd: () => {
          if (overloaded || !server.alive()) return;
          cpu1 = cpuSeconds(server.pid);
          t1 = performance.now();
        },
      },
    });
  } finally {
    clearInterval(watchdog);
  }
  const counters = await server.counters();
  await server.stop();
  return toRow(v, subscribers, rate, phase, round, o, report, {
    rssIdle,
    rssConnected,
    rssPeak,
    cpuSeconds: t0 > 0 && t1 > t0 ? cpu1 - cpu0 : 0,
    wallSeconds: t0 > 0 && t1 > t0 ? (t1 - t0) / 1000 : 0,
    overloaded,
    slowNotices: counters === null ? null : (counters['slowWarned'] ?? 0) + (counters['slowDegraded'] ?? 0) + (counters['slowClosed'] ?? 0),
  });
}

function toRow(
  v: VariantName,
  subscribers: number,
  rate: number,
  phase: FanoutRow['phase'],
  round: number,
  o: FanoutOptions,
  r: LoadReport,
  s: { rssIdle: number; rssConnected: number; rssPeak: number; cpuSeconds: number; wallSeconds: number; overloaded: boolean; slowNotices: number | null },
): FanoutRow {
  const variant = VARIANTS[v];
  const endToEnd = variant.protocol === 'hashcap' && !variant.publishOnly ? r.latency.publishToReceive : r.latency.sendToReceive;
  const lat = endToEnd ?? r.latency.sendToReceive;
  const serverCpuPct = s.wallSeconds > 0 ? (s.cpuSeconds / s.wallSeconds) * 100 : 0;
  const delivered = r.measure.delivered;
  const expectedTotal = r.perSubscriber.expected * subscribers;
  const connections = subscribers + o.probes;
  const generatorBound = r.generator.bound;
  // A Node server is one thread; nats-server may use both cores.
  const serverBound = variant.protocol === 'nats' ? serverCpuPct >= SERVER_BOUND_PCT * 2 : serverCpuPct >= SERVER_BOUND_PCT;
  const machineBusy = serverCpuPct + r.generator.cpuPct >= 180;
  const publisherShort = r.publisher !== null && r.publisher.achievedRate < 0.95 * rate;
  const pressure = r.generator.cpuPressurePct;
  const belowOffered = r.measure.deliveredPerS < 0.9 * rate * subscribers;
  const bottleneck = s.overloaded
    ? 'server (memory)'
    : generatorBound && serverBound
      ? 'both'
      : generatorBound
        ? 'generator'
        : serverBound
          ? 'server'
          : machineBusy
            ? 'machine (2 cores busy)'
            : pressure !== null && pressure >= CONTENDED_PSI_PCT
              ? `CPU contention (PSI ${pressure}%)`
              : publisherShort
                ? variant.publishOnly
                  ? 'server (publish timer behind)'
                  : 'publisher'
                : belowOffered
                  ? 'unclear (below offered, no CPU limit seen)'
                  : '–';
  return {
    variant: v,
    label: variant.label,
    subscribers,
    probes: o.probes,
    phase,
    round,
    target_rate: rate,
    achieved_rate: Math.round(r.publisher?.achievedRate ?? 0),
    offered_per_s: rate * subscribers,
    delivered_per_s: r.measure.deliveredPerS,
    delivered_median_per_s: r.measure.medianPerS,
    delivered_spread_pct: r.measure.spreadPct,
    bytes_per_msg: r.measure.deliveredPerS > 0 ? Math.round(r.measure.bytesPerS / r.measure.deliveredPerS) : 0,
    latency_p50_ms: lat.p50Ms,
    latency_p99_ms: lat.p99Ms,
    latency_p999_ms: lat.p999Ms,
    latency_samples: lat.count,
    server_send_latency_p99_ms: variant.protocol === 'hashcap' && !variant.publishOnly ? r.latency.sendToReceive.p99Ms : null,
    server_cpu_pct: Number(serverCpuPct.toFixed(1)),
    server_cpu_s_per_million: delivered > 0 ? Number((s.cpuSeconds / (delivered / 1e6)).toFixed(3)) : 0,
    server_rss_idle_mib: Number((s.rssIdle / 2 ** 20).toFixed(1)),
    server_rss_connected_mib: Number((s.rssConnected / 2 ** 20).toFixed(1)),
    server_rss_per_conn_kib: Number(((s.rssConnected - s.rssIdle) / connections / 1024).toFixed(2)),
    server_rss_peak_mib: Number((s.rssPeak / 2 ** 20).toFixed(1)),
    drops: r.perSubscriber.drops,
    drop_pct: expectedTotal > 0 ? Number(((r.perSubscriber.drops / expectedTotal) * 100).toFixed(2)) : 0,
    complete_subscribers: r.perSubscriber.complete,
    probe_gaps: r.probes.gaps,
    probe_duplicates: r.probes.duplicates,
    slow_consumer_notices: s.slowNotices ?? r.perSubscriber.notices,
    generator_cpu_pct: r.generator.cpuPct,
    generator_backlog_kib: r.generator.recvBacklogKiBPerSocket,
    generator_bound: generatorBound,
    cpu_pressure_pct: pressure,
    bottleneck,
    ack_lag_p99_ms: r.publisher?.ackLag?.p99Ms ?? null,
    overloaded: s.overloaded,
    problems: [...r.problems],
  };
}

// ------------------------------------------------------------------------------------------ tables

/** One row per (subscribers, rate, variant): the median over rounds, spread across rounds (or seconds, with one round). */
function aggregate(rows: readonly FanoutRow[]): (FanoutRow & { rounds: number })[] {
  const groups = new Map<string, FanoutRow[]>();
  for (const r of rows) {
    const key = `${r.subscribers}|${r.target_rate}|${r.variant}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const out: (FanoutRow & { rounds: number })[] = [];
  for (const g of groups.values()) {
    const sorted = [...g].sort((a, b) => a.delivered_per_s - b.delivered_per_s);
    const mid = sorted[(sorted.length - 1) >> 1]!;
    const spread = g.length > 1 && mid.delivered_per_s > 0 ? ((sorted[sorted.length - 1]!.delivered_per_s - sorted[0]!.delivered_per_s) / mid.delivered_per_s) * 100 : mid.delivered_spread_pct;
    out.push({ ...mid, delivered_spread_pct: Number(spread.toFixed(1)), rounds: g.length });
  }
  return out;
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

function ratio(a: number, b: number): string {
  return a > 0 && b > 0 ? `${(a / b).toFixed(1)}×` : '–';
}

function sweepMarkdown(rows: readonly (FanoutRow & { rounds: number })[], o: FanoutOptions): string {
  const find = (r: FanoutRow, v: VariantName) => rows.find((x) => x.subscribers === r.subscribers && x.target_rate === r.target_rate && x.variant === v);
  const hasPeers = (['naive-ws', 'socketio', 'nats'] as const).filter((p) => o.variants.includes(p));
  const body = rows.map((r) => {
    const isHashcap = VARIANTS[r.variant].protocol === 'hashcap';
    const ratios = hasPeers.map((p) => (isHashcap ? ratio(r.delivered_per_s, find(r, p)?.delivered_per_s ?? 0) : ''));
    return [
      String(r.subscribers),
      `${human(r.target_rate)}/s (${human(r.offered_per_s)})`,
      r.label,
      `${human(r.delivered_per_s)}${r.rounds > 1 || r.delivered_spread_pct > 0 ? ` ±${r.delivered_spread_pct}%` : ''}`,
      ...ratios,
      `${ms(r.latency_p50_ms)} / ${ms(r.latency_p99_ms)} / ${ms(r.latency_p999_ms)}`,
      `${r.server_cpu_pct}%`,
      String(r.server_cpu_s_per_million),
      String(r.server_rss_per_conn_kib),
      `${r.drops > 0 ? `${human(r.drops)} (${r.drop_pct}%)` : '0'} / ${r.probe_gaps}`,
      `${r.generator_cpu_pct}% / ${r.generator_backlog_kib ?? 'n/a'}`,
      r.cpu_pressure_pct === null ? 'n/a' : `${r.cpu_pressure_pct}%`,
      r.bottleneck,
    ];
  });
  const peerHeads = hasPeers.map((p) => `× ${p === 'naive-ws' ? 'naive ws' : p === 'socketio' ? 'Socket.IO' : 'NATS'}`);
  return markdownTable(
    [
      'subs',
      'publish rate (offered msgs/s)',
      'server',
      'delivered msgs/s',
      ...peerHeads,
      'latency p50 / p99 / p99.9 ms',
      'server CPU',
      'server CPU s per M deliveries',
      'server RSS KiB/conn',
      'drops / probe gaps',
      'generator CPU / unread KiB per socket',
      'machine CPU pressure',
      'bottleneck',
    ],
    body,
  );
}

function peakOf(rows: readonly FanoutRow[], v: VariantName, subscribers: number): number {
  const mine = rows.filter((r) => r.variant === v && r.subscribers === subscribers);
  return mine.reduce((m, r) => Math.max(m, r.delivered_per_s), 0);
}

function peakMarkdown(sweep: readonly FanoutRow[], quarter: readonly FanoutRow[], o: FanoutOptions): string {
  const body: string[][] = [];
  for (const subscribers of o.subscriberCounts) {
    const uwsPeak = peakOf(sweep, 'hashcap-uws', subscribers);
    for (const v of o.variants) {
      const peak = peakOf(sweep, v, subscribers);
      const atPeak = sweep.filter((r) => r.variant === v && r.subscribers === subscribers).sort((a, b) => b.delivered_per_s - a.delivered_per_s)[0];
      const q = quarter.find((r) => r.variant === v && r.subscribers === subscribers);
      body.push([
        String(subscribers),
        VARIANTS[v].label,
        `${human(peak)}${atPeak ? ` @ ${human(atPeak.target_rate)}/s` : ''}`,
        v === 'hashcap-uws' ? '1×' : ratio(uwsPeak, peak),
        atPeak ? String(atPeak.server_cpu_s_per_million) : '–',
        q ? `${ms(q.latency_p99_ms)} / ${ms(q.latency_p999_ms)} (${human(q.delivered_per_s)} msgs/s)` : '–',
        atPeak ? String(atPeak.server_rss_per_conn_kib) : '–',
        atPeak ? atPeak.bottleneck : '–',
      ]);
    }
  }
  return markdownTable(
    ['subs', 'server', 'peak delivered msgs/s', 'hashcap (uWS) peak ÷ this', 'server CPU s per M at peak', 'p99 / p99.9 ms at 25% of peak', 'server RSS KiB/conn', 'bottleneck at peak'],
    body,
  );
}

function fanoutNotes(o: FanoutOptions, command: string, rows: readonly FanoutRow[]): string[] {
  const generatorBound = rows.filter((r) => r.generator_bound).length;
  return [
    `Command: \`${command}\`. ${o.rounds} round(s); per run: a fresh server process, ${o.probes} probes + N cheap subscribers (spread over 127.0.0.2–127.0.0.9), ${o.warmupS} s warm-up, ${o.durationS} s measured; variants alternated inside each rate and rotated per round; then each variant again at 25% of its own peak.`,
    'Delivered = deltas counted by the cheap subscribers inside the window (probes excluded); spread = (max − min) / median across rounds, or across the seconds of the window with one round. Drops = messages published that a subscriber had not received 3 s after the last publish (lost, or still queued); probe gaps = missing seq numbers seen by the decoding probes.',
    'Latency is from the publisher’s own stamp to receipt at a probe (the probes run in a process of their own, so a busy generator’s event loop does not add to it): hashcap = the tick’s time (publisher clock) through ingest, engine, feed and fan-out; hashcap publish only = the in-server publish; peers = the publisher’s send. Server CPU = /proc utime+stime of the server process during the window; RSS/conn = (RSS with everyone subscribed − idle RSS) / connections.',
    'Variants: ' + o.variants.map((v) => `${VARIANTS[v].label}: ${VARIANTS[v].path}`).join('; ') + '.',
    'Payload: the same index.miners delta (one constituent changed) — ≈180 bytes of protobuf for hashcap and NATS, ≈460 bytes of JSON for naive ws and Socket.IO.',
    `Bottleneck: "generator" when the load generator used ≥ ${GENERATOR_BOUND_PCT}% of a core and left ≥ 4 KiB per socket unread on average (${generatorBound} of ${rows.length} runs; a busy generator that still reads its sockets empty is not the limit — many small reads keep an event loop near 100% while it keeps up), "server" when the server did (Node servers: one core; nats-server: two), "machine" when both together used ≥ 180% of the 2 cores, "CPU contention" when the machine's CPU pressure (PSI some) was ≥ ${CONTENDED_PSI_PCT}% of the window (${rows.filter((r) => (r.cpu_pressure_pct ?? 0) >= CONTENDED_PSI_PCT).length} of ${rows.length} runs; median PSI ${medianOf(rows.map((r) => r.cpu_pressure_pct ?? 0))}%): processes waited for a CPU, so figures are lower bounds; "server (memory)" when the server passed ${(o.rssCapBytes / 2 ** 30).toFixed(0)} GiB RSS and the run was stopped.`,
    'Targets (not asserted): hashcap (uWS) ≥ 3,000,000 msgs/s to 1,000 subscribers and ≥ 1,000,000 to 10,000; ≥ 10× naive ws, ≥ 20× Socket.IO, ≥ 1× nats-server; at 25% of peak p99 ≤ 5 ms and p99.9 ≤ 20 ms.',
  ];
}
