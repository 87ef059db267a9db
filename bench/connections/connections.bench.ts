/**
 * Connections: ramp to a target number of concurrent subscribers (cheap counting clients spread over
 * 127.0.0.2–127.0.0.9, past one address's ~28k ephemeral ports), hold, check that every one of them
 * is receiving heartbeats, then kill the server (SIGKILL: a crash, no reconnect advice), start it
 * again on the same port and time how long until every client has reconnected, with full-jitter
 * backoff, resubscribed and received a snapshot again.
 *
 * The server runs in a child process with its open-files limit raised by prlimit; the generator is
 * this process (its limit raised the same way). No ingest: the channel is idle, so the server sends
 * a heartbeat on it every second or so — what the hold checks.
 */
import { human } from '../lib/stats.ts';
import { machine, markdownTable, writeChart, writeResults } from '../lib/report.ts';
import { chartDocument } from '../lib/svg-chart.ts';
import { Fleet } from '../load/fleet.ts';
import { loopbackRange } from '../load/loopback.ts';
import { hashcapProtocol } from '../load/protocols.ts';
import { cpuStallMicros, stallPct } from '../load/pressure.ts';
import { sleep, waitFor } from '../load/wait.ts';
import { cpuSeconds, freePort, nofileLimit, raiseNofile, rssBytes } from '../fanout/proc.ts';
import { runScaleOut, scaleOutFromArgv } from './scale-out.ts';
import { startVariantServer, VARIANTS, type ServerHandle } from '../fanout/servers.ts';

export interface ConnectionsOptions {
  readonly targets: readonly number[];
  readonly transports: readonly ('uws' | 'ws')[];
  readonly holdS: number;
  /** Handshakes in flight at once (the generator's ramp). */
  readonly maxConnecting: number;
  readonly connectTimeoutS: number;
  /** How long the restarted server may keep retrying to bind the old port. */
  readonly restartTimeoutS: number;
  /** After the new server listens: how long everyone has to resync. */
  readonly resyncTimeoutS: number;
  /** Full jitter: a retry waits uniform [0, min(cap, base · 2^attempt)). */
  readonly backoff: { readonly baseMs: number; readonly capMs: number };
  /** "Receiving heartbeats": the last one arrived at most this long before the end of the hold. */
  readonly heartbeatFreshMs: number;
  readonly seed: number;
}

export const QUICK: ConnectionsOptions = {
  targets: [10_000],
  transports: ['uws', 'ws'],
  holdS: 5,
  maxConnecting: 512,
  connectTimeoutS: 120,
  restartTimeoutS: 90,
  resyncTimeoutS: 60,
  backoff: { baseMs: 250, capMs: 5_000 },
  heartbeatFreshMs: 2_000,
  seed: 1,
};

export const FULL: ConnectionsOptions = {
  ...QUICK,
  targets: [100_000],
  holdS: 10,
  connectTimeoutS: 300,
  resyncTimeoutS: 120,
};

const NOFILE = 1_048_576;
const SOURCE_ADDRESSES = loopbackRange(2, 9);
const GENERATOR_BOUND_PCT = 90;

export interface ConnectionsRow {
  target: number;
  transport: string;
  connected: number;
  connect_seconds: number;
  connect_per_s: number;
  failed_attempts: number;
  server_rss_idle_mib: number;
  server_rss_connected_mib: number;
  server_rss_per_conn_kib: number;
  hold_s: number;
  with_recent_heartbeat: number;
  heartbeats_min_in_hold: number;
  server_cpu_pct_hold: number;
  generator_cpu_pct_ramp: number;
  generator_cpu_pct_hold: number;
  generator_bound: boolean;
  generator_rss_mib: number;
  /** Open-files limit in force for the generator and the server (the smaller). */
  nofile_limit: number;
  /** Machine-wide CPU pressure (PSI some) during the ramp and the hold. */
  cpu_pressure_pct_ramp: number | null;
  cpu_pressure_pct_hold: number | null;
  restart_listen_s: number;
  resynced: number;
  resync_all_from_kill_s: number | null;
  resync_all_from_listen_s: number | null;
  resync_p50_from_kill_s: number;
  resync_p99_from_kill_s: number;
  reconnect_failed_attempts: number;
  problems: string[];
}

export async function connectionsBench(full: boolean, overrides: Partial<ConnectionsOptions> = {}): Promise<ConnectionsRow[]> {
  // `--subscribers=N [--gateways=G]`: past one process's open-files limit, scaled out (scale-out.ts).
  const scaleOut = scaleOutFromArgv(process.argv);
  if (scaleOut !== null) {
    await runScaleOut(scaleOut);
    return [];
  }
  const o: ConnectionsOptions = { ...(full ? FULL : QUICK), ...overrides };
  const rows: ConnectionsRow[] = [];
  for (const target of o.targets) for (const transport of o.transports) {
    const row = await measureTarget(target, transport, o);
    rows.push(row);
    console.log(
      `${human(row.target)} subscribers: ${row.connected} connected in ${row.connect_seconds} s, ${row.server_rss_per_conn_kib} KiB/conn, ${row.with_recent_heartbeat} with a recent heartbeat, resynced ${row.resynced} in ${row.resync_all_from_kill_s ?? '–'} s${row.problems.length > 0 ? ` (${row.problems.join('; ')})` : ''}`,
    );
  }
  const table = connectionsMarkdown(rows);
  const command = `npm run bench -- connections${full ? ' --full' : ''}`;
  const m = machine();
  const notes = [
    `Command: \`${command}\`. hashcap on ${o.transports.join(' and ')}, --no-simulate (the channel is idle: heartbeats every ~1 s), cheap subscribers to index.miners over 127.0.0.2–127.0.0.9, at most ${o.maxConnecting} handshakes in flight; open-files limits raised with prlimit towards ${NOFILE} where permitted (in force: ${rows.map((r) => r.nofile_limit).join(', ')}; raising a hard limit needs CAP_SYS_RESOURCE, and a target above the limit is cut and says so).`,
    `Connect rate = target / time until every subscriber has its snapshot. RSS/conn = (server RSS with everyone subscribed − idle RSS) / target. Heartbeats: subscribers whose last heartbeat arrived within ${o.heartbeatFreshMs / 1000} s of the end of a ${o.holdS} s hold.`,
    `Restart: SIGKILL the server, start it again on the same port; clients reconnect with full-jitter backoff (uniform in [0, min(${o.backoff.capMs} ms, ${o.backoff.baseMs} ms · 2^attempt))), resubscribe, and count as resynced at their first snapshot; times from the kill and from the new server listening.`,
    'The server listens on an explicit port (as `npm start` does): uWS sets SO_REUSEADDR only then — on port 0 it sets neither SO_REUSEADDR nor SO_REUSEPORT, and a restart must wait ~60 s for the old connections’ TIME_WAIT. The restarted server retries a port it cannot bind yet every 250 ms; that time is part of "from kill".',
    `Generator bound when this process used ≥ ${GENERATOR_BOUND_PCT}% of a core; machine CPU pressure = PSI "some" (time with a runnable task waiting for a CPU). Targets (not asserted): 100,000 concurrent subscribers with server RSS ≤ 1 GiB, all receiving heartbeats; all resynced within 30 s of a restart.`,
  ];
  console.log(`\n${table}\n\nMachine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}.`);
  for (const n of notes) console.log(n);
  writeResults('connections', rows, table, notes);
  writeChart('connections', connectionsChart(rows));
  return rows;
}

/** Bars per run: connect rate, server RSS per connection, time until all resynced after a restart. */
function connectionsChart(rows: readonly ConnectionsRow[]): string {
  const label = (r: ConnectionsRow) => `${human(r.target)} subscribers, ${r.transport}`;
  return chartDocument(
    [
      { kind: 'bar', title: 'Connect rate', unit: 'subscribers per second', bars: rows.map((r) => ({ label: label(r), value: r.connect_per_s, note: `${human(r.connect_per_s)}/s (${r.connect_seconds} s)` })) },
      { kind: 'bar', title: 'Server memory', unit: 'RSS KiB per connection', bars: rows.map((r) => ({ label: label(r), value: r.server_rss_per_conn_kib, note: `${r.server_rss_per_conn_kib} KiB` })) },
      { kind: 'bar', title: 'All resynced after SIGKILL + restart', unit: 'seconds from the kill', bars: rows.map((r) => ({ label: label(r), value: r.resync_all_from_kill_s ?? 0, note: r.resync_all_from_kill_s === null ? 'not all' : `${r.resync_all_from_kill_s} s` })) },
    ],
    { columns: 1, panelWidth: 640 },
  );
}

async function measureTarget(requested: number, transport: 'uws' | 'ws', o: ConnectionsOptions): Promise<ConnectionsRow> {
  const problems: string[] = [];
  const budgetS = o.connectTimeoutS + o.holdS + o.restartTimeoutS + o.resyncTimeoutS + 60;
  const variant = VARIANTS[transport === 'uws' ? 'hashcap-uws' : 'hashcap-ws'];
  // An explicit port, as in production: uWS sets SO_REUSEADDR (and SO_REUSEPORT) only when given
  // one; on port 0 it sets neither, and a restart would then wait out the old connections' TIME_WAIT.
  let server: ServerHandle = await startVariantServer(variant, { maxSeconds: budgetS, nofile: NOFILE, port: await freePort() });
  // Raising a hard limit needs CAP_SYS_RESOURCE; without it both sides keep theirs and the run is
  // cut to fit (and says so) rather than failing half-way with EMFILE.
  const limit = Math.min(raiseNofile(process.pid, NOFILE), nofileLimit(server.pid));
  const target = Math.min(requested, limit - 1000);
  if (target < requested) problems.push(`open-files limit ${limit} (prlimit could not raise it: no CAP_SYS_RESOURCE?): target cut to ${target}`);
  await sleep(300);
  const rssIdle = rssBytes(server.pid);

  const fleet = new Fleet({
    protocol: hashcapProtocol('/v1/stream', 'index.miners'),
    host: '127.0.0.1',
    port: server.port,
    count: target,
    sourceAddresses: SOURCE_ADDRESSES,
    maxConnecting: o.maxConnecting,
    reconnect: o.backoff,
    seed: o.seed,
  });
  // Bounded in any case: whatever happens below, nothing outlives the budget.
  const guard = setTimeout(() => {
    for (const s of fleet.subs) s.destroy();
    void server.kill();
  }, budgetS * 1000);
  guard.unref();

  try {
    // Ramp.
    const cpuRamp0 = process.cpuUsage();
    const stallRamp0 = cpuStallMicros();
    const rampStart = performance.now();
    fleet.start();
    if (!(await fleet.waitAllReady(Date.now() + o.connectTimeoutS * 1000))) problems.push(`only ${fleet.ready} of ${target} connected within ${o.connectTimeoutS} s`);
    const rampSeconds = (performance.now() - rampStart) / 1000;
    const cpuRamp = process.cpuUsage(cpuRamp0);
    const pressureRamp = stallPct(stallRamp0, cpuStallMicros(), rampSeconds);
    const connectSeconds = fleet.allReadyMs > 0 ? (fleet.allReadyMs - fleet.startedMs) / 1000 : rampSeconds;
    const connected = fleet.ready;
    const failedAttempts = fleet.failedAttempts;
    await sleep(500);
    const rssConnected = rssBytes(server.pid);

    // Hold: everyone should keep getting heartbeats on the idle channel.
    const heartbeats0 = fleet.subs.map((s) => s.heartbeats);
    const cpuHold0 = process.cpuUsage();
    const stallHold0 = cpuStallMicros();
    const serverCpu0 = cpuSeconds(server.pid);
    const holdStart = performance.now();
    await sleep(o.holdS * 1000);
    const holdSeconds = (performance.now() - holdStart) / 1000;
    const serverCpuHold = cpuSeconds(server.pid) - serverCpu0;
    const cpuHold = process.cpuUsage(cpuHold0);
    const pressureHold = stallPct(stallHold0, cpuStallMicros(), holdSeconds);
    const now = Date.now();
    let fresh = 0;
    let heartbeatsMin = Infinity;
    fleet.subs.forEach((s, i) => {
      if (s.lastHeartbeatMs >= now - o.heartbeatFreshMs) fresh++;
      heartbeatsMin = Math.min(heartbeatsMin, s.heartbeats - heartbeats0[i]!);
    });
    if (fresh < target) problems.push(`${target - fresh} subscribers without a heartbeat in the last ${o.heartbeatFreshMs} ms`);

    // Crash and restart on the same port.
    const failedBefore = fleet.failedAttempts;
    const killedMs = Date.now();
    await server.kill();
    const port = server.port;
    server = await startVariantServer(variant, { maxSeconds: budgetS, nofile: NOFILE, port, listenRetryS: o.restartTimeoutS });
    const listeningMs = Date.now();
    if (server.port !== port) problems.push(`restarted on port ${server.port}, not ${port}`);
    if (listeningMs - killedMs > 10_000) problems.push(`the port could be bound again only after ${((listeningMs - killedMs) / 1000).toFixed(0)} s (TIME_WAIT of the old connections)`);
    const resyncedAll = await waitFor(
      () => fleet.ready === target && fleet.subs.every((s) => s.readyAtMs >= killedMs),
      Date.now() + o.resyncTimeoutS * 1000,
      50,
    );
    const resyncTimes = fleet.subs.filter((s) => s.readyAtMs >= killedMs).map((s) => (s.readyAtMs - killedMs) / 1000).sort((a, b) => a - b);
    const lastResync = resyncTimes.length > 0 ? resyncTimes[resyncTimes.length - 1]! : null;
    if (!resyncedAll) problems.push(`only ${resyncTimes.length} of ${target} resynced within ${o.resyncTimeoutS} s`);
    const pct = (p: number) => (resyncTimes.length === 0 ? 0 : resyncTimes[Math.min(resyncTimes.length - 1, Math.floor((p / 100) * resyncTimes.length))]!);

    const generatorCpuHold = ((cpuHold.user + cpuHold.system) / 1e6 / holdSeconds) * 100;
    const generatorCpuRamp = ((cpuRamp.user + cpuRamp.system) / 1e6 / rampSeconds) * 100;
    return {
      target,
      transport,
      connected,
      connect_seconds: Number(connectSeconds.toFixed(2)),
      connect_per_s: Math.round(connected / connectSeconds),
      failed_attempts: failedAttempts,
      server_rss_idle_mib: Number((rssIdle / 2 ** 20).toFixed(1)),
      server_rss_connected_mib: Number((rssConnected / 2 ** 20).toFixed(1)),
      server_rss_per_conn_kib: Number(((rssConnected - rssIdle) / Math.max(1, connected) / 1024).toFixed(2)),
      hold_s: Number(holdSeconds.toFixed(1)),
      with_recent_heartbeat: fresh,
      heartbeats_min_in_hold: heartbeatsMin === Infinity ? 0 : heartbeatsMin,
      server_cpu_pct_hold: Number(((serverCpuHold / holdSeconds) * 100).toFixed(1)),
      generator_cpu_pct_ramp: Number(generatorCpuRamp.toFixed(1)),
      generator_cpu_pct_hold: Number(generatorCpuHold.toFixed(1)),
      generator_bound: generatorCpuRamp >= GENERATOR_BOUND_PCT || generatorCpuHold >= GENERATOR_BOUND_PCT,
      generator_rss_mib: Math.round(process.memoryUsage.rss() / 2 ** 20),
      nofile_limit: limit,
      cpu_pressure_pct_ramp: pressureRamp,
      cpu_pressure_pct_hold: pressureHold,
      restart_listen_s: Number(((listeningMs - killedMs) / 1000).toFixed(2)),
      resynced: resyncTimes.length,
      resync_all_from_kill_s: resyncedAll && lastResync !== null ? Number(lastResync.toFixed(2)) : null,
      resync_all_from_listen_s: resyncedAll && lastResync !== null ? Number((lastResync - (listeningMs - killedMs) / 1000).toFixed(2)) : null,
      resync_p50_from_kill_s: Number(pct(50).toFixed(2)),
      resync_p99_from_kill_s: Number(pct(99).toFixed(2)),
      reconnect_failed_attempts: fleet.failedAttempts - failedBefore,
      problems,
    };
  } finally {
    await fleet.stop(2000);
    await server.stop();
    clearTimeout(guard);
  }
}

function connectionsMarkdown(rows: readonly ConnectionsRow[]): string {
  return markdownTable(
    [
      'subscribers',
      'transport',
      'connected (time, rate)',
      'server RSS (idle → connected)',
      'RSS per connection',
      'with a heartbeat in the last 2 s',
      'server CPU while holding',
      'generator CPU ramp / hold',
      'machine CPU pressure ramp / hold',
      'restart: all resynced (from kill / from listen)',
      'resync p50 / p99',
    ],
    rows.map((r) => [
      human(r.target),
      r.transport,
      `${r.connected} (${r.connect_seconds} s, ${human(r.connect_per_s)}/s)`,
      `${r.server_rss_idle_mib} → ${r.server_rss_connected_mib} MiB`,
      `${r.server_rss_per_conn_kib} KiB`,
      `${r.with_recent_heartbeat} / ${r.connected}`,
      `${r.server_cpu_pct_hold}%`,
      `${r.generator_cpu_pct_ramp}% / ${r.generator_cpu_pct_hold}%${r.generator_bound ? ' (generator bound)' : ''}`,
      `${r.cpu_pressure_pct_ramp ?? 'n/a'}% / ${r.cpu_pressure_pct_hold ?? 'n/a'}%`,
      r.resync_all_from_kill_s === null ? `${r.resynced} of ${r.target} within the timeout` : `${r.resync_all_from_kill_s} s / ${r.resync_all_from_listen_s} s`,
      `${r.resync_p50_from_kill_s} s / ${r.resync_p99_from_kill_s} s`,
    ]),
  );
}
