/**
 * One load run against one server: probes first (in a process of their own, see probe-process.ts;
 * their snapshot seeds the publisher's prices), then
 * the cheap subscribers (bounded concurrency), then the open-loop publisher; warm-up, a measurement
 * window sampled every second, drain, and a close of every socket. Every phase has its own budget
 * inside one hard deadline; when the deadline is near, the run skips to the cleanup, which always
 * runs and is itself bounded, so `runLoad` returns by the deadline with every socket closed.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Fleet } from './fleet.ts';
import { summarizeLatency, type LatencySummary } from './latency.ts';
import { loopbackEndpoint, loopbackHost } from './loopback.ts';
import { HashcapProbe, type ProbeStats } from './probe.ts';
import { ProbePool, type ProbeResults } from './probe-pool.ts';
import { countingProtocol, type ProtocolName } from './protocols.ts';
import {
  HashcapIngestPublisher,
  NaiveWsPublisher,
  NatsPublisher,
  SocketIoPublisher,
  type OpenLoopPublisher,
  type PublisherStats,
} from './publisher.ts';
import { cpuStallMicros, stallPct } from './pressure.ts';
import { recvBacklog } from './socket-queues.ts';
import { pricesFromSnapshot, TickSource } from './ticks.ts';
import { sleep, waitFor } from './wait.ts';

export interface LoadOptions {
  readonly protocol: ProtocolName;
  /** hashcap: ws://127.0.0.1:8080 (path defaults to /v1/stream). Peers: their subscriber URL. */
  readonly url: string;
  readonly subscribers: number;
  readonly probes: number;
  readonly channel: string;
  /** Measurement window, after the warm-up. */
  readonly durationS: number;
  readonly warmupS: number;
  /** Messages (hashcap: ingest batches → deltas) per second; 0 = observe only. */
  readonly publishRate: number;
  readonly ticksPerBatch: number;
  /** hashcap publisher token (required to publish). */
  readonly token: string | null;
  /** hashcap: default the stream URL's host with /v1/ingest. naive: ws://…/pub. socketio: http://host:port. nats: tcp://host:port. */
  readonly publishUrl: string | null;
  readonly sourceAddresses: readonly string[];
  readonly maxConnecting: number;
  /** Budget for every subscriber (and probe) to be connected and subscribed. */
  readonly connectTimeoutS: number;
  /** Longest wait, after publishing stops, for in-flight messages to arrive. */
  readonly drainS: number;
  /** Hard limit on the whole run, cleanup included. */
  readonly deadlineS: number;
  readonly seed: number;
  /** Generator CPU (percent of one core) at or above which the generator is called the bottleneck. */
  readonly generatorBoundPct: number;
  /** Bench hooks: a publisher outside this process (hashcap "publish only"), and phase callbacks. */
  readonly externalPublisher?: ExternalPublisher;
  readonly hooks?: LoadHooks;
  /** Ends the run early (e.g. the bench's memory watchdog killed the server): straight to cleanup. */
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
}

export interface ExternalPublisher {
  start(rate: number): Promise<void>;
  stop(): Promise<PublisherStats>;
}

export interface LoadHooks {
  /** Everyone is subscribed; nothing published yet. */
  connected?(): Promise<void> | void;
  measureStart?(): void;
  measureEnd?(): void;
}

export const DEFAULT_LOAD_OPTIONS: Omit<LoadOptions, 'url'> = {
  protocol: 'hashcap',
  subscribers: 1000,
  probes: 5,
  channel: 'index.miners',
  durationS: 10,
  warmupS: 2,
  publishRate: 0,
  ticksPerBatch: 1,
  token: null,
  publishUrl: null,
  sourceAddresses: [],
  maxConnecting: 256,
  connectTimeoutS: 60,
  drainS: 3,
  deadlineS: 0,
  seed: 1,
  generatorBoundPct: 90,
};

export interface LoadReport {
  readonly protocol: ProtocolName;
  readonly url: string;
  readonly channel: string;
  readonly startedAt: string;
  readonly subscribers: {
    readonly target: number;
    readonly ready: number;
    readonly connectSeconds: number;
    readonly connectPerS: number;
    readonly failedAttempts: number;
    readonly lost: number;
  };
  readonly measure: {
    readonly seconds: number;
    /** Deltas counted by the cheap subscribers inside the window. */
    readonly delivered: number;
    readonly deliveredPerS: number;
    /** Per-second rates inside the window: median and spread. */
    readonly perSecond: readonly number[];
    readonly medianPerS: number;
    readonly spreadPct: number;
    readonly bytesPerS: number;
  };
  readonly perSubscriber: {
    /** What each subscriber should have received: messages published, or the most any probe saw. */
    readonly expected: number;
    readonly min: number;
    readonly max: number;
    readonly mean: number;
    readonly complete: number;
    /** Σ (expected − received) over subscribers that fell short. */
    readonly drops: number;
    readonly heartbeatsMin: number;
    readonly notices: number;
    readonly errors: number;
  };
  readonly probes: {
    readonly count: number;
    readonly ready: number;
    readonly each: readonly ProbeStats[];
    readonly deltasMin: number;
    readonly deltasMax: number;
    readonly gaps: number;
    readonly duplicates: number;
  };
  readonly latency: {
    readonly sendToReceive: LatencySummary;
    /** hashcap with a publisher: tick time (publisher clock) → receive. */
    readonly publishToReceive: LatencySummary | null;
    readonly negativeSamples: number;
  };
  readonly publisher: PublisherStats | null;
  readonly generator: {
    readonly cpuPct: number;
    readonly bound: boolean;
    /** Machine-wide CPU pressure (PSI "some") during the window: time with a runnable task waiting. */
    readonly cpuPressurePct: number | null;
    /**
     * Unread bytes queued in the kernel for the generator's sockets (Recv-Q), per socket, averaged
     * over the window's one-second samples: near 0 while the generator keeps up. Null if not sampled
     * (over 20,000 sockets, or no /proc/net/tcp).
     */
    readonly recvBacklogKiBPerSocket: number | null;
    readonly eventLoopP99Ms: number;
    readonly rssMiB: number;
  };
  readonly stoppedBy: 'schedule' | 'deadline';
  readonly elapsedMs: number;
  readonly deadlineMs: number;
  readonly socketsOpenAtEnd: number;
  readonly problems: readonly string[];
}

/** Average unread KiB per generator socket from which a busy generator counts as falling behind. */
const BEHIND_KIB_PER_SOCKET = 4;
const MAX_SOCKETS_SAMPLED = 20_000;

/** A deadline that leaves room for the cleanup. */
const CLEANUP_RESERVE_MS = 6000;

export function defaultDeadlineS(o: Pick<LoadOptions, 'connectTimeoutS' | 'warmupS' | 'durationS' | 'drainS'>): number {
  // The drain budget twice: once for the publisher's acks, once for the subscribers.
  return Math.ceil(o.connectTimeoutS + o.warmupS + o.durationS + 2 * o.drainS + 5 + CLEANUP_RESERVE_MS / 1000);
}

export async function runLoad(input: Partial<LoadOptions> & { url: string }): Promise<LoadReport> {
  const o: LoadOptions = { ...DEFAULT_LOAD_OPTIONS, ...input };
  const log = o.log ?? (() => {});
  const t0 = Date.now();
  const deadlineS = o.deadlineS > 0 ? o.deadlineS : defaultDeadlineS(o);
  const hardDeadline = t0 + deadlineS * 1000;
  const phaseDeadline = hardDeadline - CLEANUP_RESERVE_MS;
  const problems: string[] = [];
  const pastDeadline = () => Date.now() >= phaseDeadline || o.signal?.aborted === true;
  const until = (ms: number) => (o.signal?.aborted ? Date.now() : Math.min(ms, phaseDeadline));

  const streamPath = o.protocol === 'hashcap' ? '/v1/stream' : '/';
  const endpoint = loopbackEndpoint(o.url, streamPath);
  for (const a of o.sourceAddresses) loopbackHost(a, 'source address');
  const protocol = countingProtocol(o.protocol, endpoint.path, o.channel);
  const probeUrl = o.protocol === 'socketio' ? `http://${endpoint.host}:${endpoint.port}` : `ws://${endpoint.host}:${endpoint.port}${endpoint.path}`;

  const fleet = new Fleet({
    protocol,
    host: endpoint.host,
    port: endpoint.port,
    count: o.subscribers,
    sourceAddresses: o.sourceAddresses,
    maxConnecting: o.maxConnecting,
    reconnect: null,
    seed: o.seed,
  });
  const pool = new ProbePool(
    Array.from({ length: o.probes }, () => ({ protocol: o.protocol, url: probeUrl, channel: o.channel })),
    deadlineS + 5,
  );
  let probeResults: ProbeResults | null = null;
  let publisher: OpenLoopPublisher | null = null;
  let publisherStats: PublisherStats | null = null;
  let stoppedBy: 'schedule' | 'deadline' = 'schedule';

  // Last resort: whatever is still open at the hard deadline is destroyed.
  const guard = setTimeout(() => {
    for (const sub of fleet.subs) sub.destroy();
    void pool.close(Date.now() + 400);
    void publisher?.close();
  }, Math.max(0, hardDeadline - Date.now() - 500));
  guard.unref();

  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  let measure: WindowResult = { seconds: 0, delivered: 0, bytes: 0, perSecond: [], cpuPct: 0, loopP99Ms: 0, pressurePct: null, backlogKiB: null };

  try {
    // 1. Probes, then the cheap subscribers.
    const connectDeadline = until(Date.now() + o.connectTimeoutS * 1000);
    if (!(await pool.waitReady(connectDeadline))) problems.push(`only ${pool.ready} of ${pool.count} probes subscribed`);
    log(`probes ready: ${pool.ready}/${pool.count}`);
    fleet.start();
    if (!(await fleet.waitAllReady(connectDeadline))) problems.push(`only ${fleet.ready} of ${fleet.count} subscribers subscribed within ${o.connectTimeoutS} s`);
    log(`subscribers ready: ${fleet.ready}/${fleet.count} in ${((Date.now() - fleet.startedMs) / 1000).toFixed(1)} s`);
    if (!pastDeadline()) await o.hooks?.connected?.();

    // 2. Publisher.
    if (o.publishRate > 0 && !pastDeadline()) {
      if (o.externalPublisher) await o.externalPublisher.start(o.publishRate);
      else {
        publisher = await createPublisher(o, endpoint, pool, until(Date.now() + 5000));
        await withTimeout(publisher.connect(), until(Date.now() + 5000), 'publisher connect');
        publisher.start(o.publishRate);
      }
      log(`publishing at ${o.publishRate}/s`);
    }

    // 3. Warm-up, then the measurement window.
    await sleepUntil(until(Date.now() + o.warmupS * 1000), pastDeadline);
    if (!pastDeadline()) {
      measure = await measureWindow(o, fleet, pool, until, loopDelay, pastDeadline, endpoint.port);
    }

    // 4. Stop publishing and let in-flight messages arrive.
    if (o.externalPublisher && o.publishRate > 0) publisherStats = await o.externalPublisher.stop();
    if (publisher) {
      publisher.stop();
      await publisher.settle(until(Date.now() + o.drainS * 1000));
      publisherStats = publisher.stats();
    }
    const expected = expectedPerSubscriber(publisherStats, o.protocol, pool.deltas);
    await drain(fleet, pool, expected, until(Date.now() + o.drainS * 1000));
    if (o.signal?.aborted) problems.push(`aborted by the caller: ${String(o.signal.reason ?? '')}`);
    else if (pastDeadline()) {
      stoppedBy = 'deadline';
      problems.push('the run reached its deadline before finishing');
    }
  } catch (error) {
    problems.push(`aborted: ${error instanceof Error ? error.message : String(error)}`);
    if (pastDeadline()) stoppedBy = 'deadline';
  } finally {
    // 5. Close everything, whatever happened.
    publisher?.stop();
    const closing = Promise.all([fleet.stop(1000), publisher?.close() ?? Promise.resolve()]);
    probeResults = await pool.close(Date.now() + 3000);
    await closing;
    clearTimeout(guard);
    loopDelay.disable();
  }

  const socketsOpenAtEnd = fleet.openSockets + pool.openAtEnd + (publisher !== null && !publisher.isClosed ? 1 : 0);
  const results = probeResults ?? (await pool.close(Date.now() + 1000));
  const expected = expectedPerSubscriber(publisherStats, o.protocol, results.stats.map((p) => p.deltas));
  return buildReport(o, fleet, pool, results, publisherStats, measure, expected, {
    t0,
    hardDeadline,
    stoppedBy,
    socketsOpenAtEnd,
    problems,
    endpointUrl: probeUrl,
  });
}

async function createPublisher(o: LoadOptions, endpoint: { host: string; port: number }, pool: ProbePool, deadlineMs: number): Promise<OpenLoopPublisher> {
  switch (o.protocol) {
    case 'hashcap': {
      if (o.token === null) throw new Error('publishing to hashcap needs --token (the server prints it at start)');
      let prices = [...pool.prices];
      if (prices.length === 0) {
        // No probe to learn the constituents from: a short-lived one, just for the snapshot.
        const probe = new HashcapProbe(`ws://${endpoint.host}:${endpoint.port}/v1/stream`, o.channel);
        await waitFor(() => probe.snapshot !== null || probe.closed, deadlineMs);
        prices = pricesFromSnapshot(probe.snapshot);
        await probe.close();
      }
      if (prices.length === 0) throw new Error(`no constituents in the ${o.channel} snapshot to publish ticks for (publish to an index channel, with at least one probe)`);
      const url = o.publishUrl ?? `ws://${endpoint.host}:${endpoint.port}/v1/ingest`;
      loopbackEndpoint(url, '/v1/ingest');
      return new HashcapIngestPublisher(url, o.token, new TickSource(prices, o.seed), o.ticksPerBatch);
    }
    case 'naive-ws': {
      const url = o.publishUrl ?? `ws://${endpoint.host}:${endpoint.port}/pub`;
      loopbackEndpoint(url, '/pub');
      return new NaiveWsPublisher(url);
    }
    case 'socketio': {
      const url = o.publishUrl ?? `http://${endpoint.host}:${endpoint.port}`;
      const e = loopbackEndpoint(url, '/');
      return new SocketIoPublisher(`http://${e.host}:${e.port}`);
    }
    case 'nats': {
      if (o.publishUrl === null) throw new Error('publishing to NATS needs the TCP client URL (tcp://127.0.0.1:4222)');
      const e = loopbackEndpoint(o.publishUrl, '/');
      return new NatsPublisher(e.host, e.port);
    }
  }
}

async function measureWindow(
  o: LoadOptions,
  fleet: Fleet,
  pool: ProbePool,
  until: (ms: number) => number,
  loopDelay: ReturnType<typeof monitorEventLoopDelay>,
  stop: () => boolean,
  serverPort: number,
): Promise<WindowResult> {
  const sampleBacklog = fleet.count + pool.count <= MAX_SOCKETS_SAMPLED;
  const backlogSamples: number[] = [];
  const totals = fleet.totals;
  o.hooks?.measureStart?.();
  pool.record(true);
  loopDelay.reset();
  loopDelay.enable();
  const cpu0 = process.cpuUsage();
  const stall0 = cpuStallMicros();
  const start = performance.now();
  const d0 = totals.deltas;
  const b0 = totals.bytes;
  const perSecond: number[] = [];
  const end = until(Date.now() + o.durationS * 1000);
  let last = d0;
  let lastT = start;
  while (Date.now() < end && !stop()) {
    await sleepUntil(Math.min(Date.now() + 1000, end), stop);
    const now = performance.now();
    if (now - lastT >= 500) perSecond.push(((totals.deltas - last) * 1000) / (now - lastT));
    last = totals.deltas;
    lastT = now;
    const backlog = sampleBacklog ? recvBacklog(serverPort) : null;
    if (backlog !== null && backlog.sockets > 0) backlogSamples.push(backlog.bytes / backlog.sockets / 1024);
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const pressurePct = stallPct(stall0, cpuStallMicros(), seconds);
  pool.record(false);
  o.hooks?.measureEnd?.();
  loopDelay.disable();
  return {
    seconds,
    delivered: totals.deltas - d0,
    bytes: totals.bytes - b0,
    perSecond,
    cpuPct: seconds > 0 ? ((cpu.user + cpu.system) / 1e6 / seconds) * 100 : 0,
    loopP99Ms: loopDelay.count > 0 ? loopDelay.percentile(99) / 1e6 : 0,
    pressurePct,
    backlogKiB: backlogSamples.length > 0 ? backlogSamples.reduce((a, b) => a + b, 0) / backlogSamples.length : null,
  };
}

interface WindowResult {
  seconds: number;
  delivered: number;
  bytes: number;
  perSecond: number[];
  cpuPct: number;
  loopP99Ms: number;
  pressurePct: number | null;
  backlogKiB: number | null;
}

/**
 * Every subscriber should get every message published while it was subscribed (all were subscribed
 * before the first). hashcap: one delta per batch accepted (batches refused whole produce none).
 * Without a publisher of our own, the probes are the reference.
 */
function expectedPerSubscriber(stats: PublisherStats | null, protocol: ProtocolName, probeDeltas: readonly number[]): number {
  const probeMax = probeDeltas.reduce((m, d) => Math.max(m, d), 0);
  if (stats === null) return probeMax;
  if (protocol === 'hashcap' && stats.acked > 0) return Math.max(stats.sent - stats.batchErrors, probeMax);
  return Math.max(stats.sent, probeMax);
}

/** Waits until every subscriber and probe has `expected` deltas, or nothing moved for 500 ms. */
async function drain(fleet: Fleet, pool: ProbePool, expected: number, deadlineMs: number): Promise<void> {
  let last = -1;
  let stableSince = Date.now();
  await waitFor(
    () => {
      const total = fleet.totals.deltas + pool.deltas.reduce((s, d) => s + d, 0);
      if (total !== last) {
        last = total;
        stableSince = Date.now();
      }
      const everyone = fleet.subs.every((s) => s.deltas >= expected) && pool.deltas.every((d) => d >= expected);
      return everyone || Date.now() - stableSince >= 500;
    },
    deadlineMs,
    50,
  );
}

function buildReport(
  o: LoadOptions,
  fleet: Fleet,
  pool: ProbePool,
  probes: ProbeResults,
  publisher: PublisherStats | null,
  m: WindowResult,
  expected: number,
  run: { t0: number; hardDeadline: number; stoppedBy: 'schedule' | 'deadline'; socketsOpenAtEnd: number; problems: string[]; endpointUrl: string },
): LoadReport {
  const counts = fleet.deltaCounts();
  let min = Infinity;
  let max = 0;
  let sum = 0;
  let complete = 0;
  let drops = 0;
  let heartbeatsMin = Infinity;
  let notices = 0;
  let errors = 0;
  for (const s of fleet.subs) {
    const c = s.deltas;
    min = Math.min(min, c);
    max = Math.max(max, c);
    sum += c;
    if (c >= expected) complete++;
    else drops += expected - c;
    heartbeatsMin = Math.min(heartbeatsMin, s.heartbeats);
    notices += s.notices;
    errors += s.errors;
  }
  if (counts.length === 0) {
    min = 0;
    heartbeatsMin = 0;
  }
  const sendHist = probes.sendLatency;
  const eventHist = probes.eventLatency;
  const sorted = [...m.perSecond].sort((a, b) => a - b);
  const median = sorted.length === 0 ? 0 : sorted.length % 2 === 1 ? sorted[sorted.length >> 1]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  const spread = sorted.length === 0 || median === 0 ? 0 : ((sorted[sorted.length - 1]! - sorted[0]!) / median) * 100;
  const probeDeltas = probes.stats.map((p) => p.deltas);
  const connectSeconds = fleet.allReadyMs > 0 ? (fleet.allReadyMs - fleet.startedMs) / 1000 : 0;
  const cpuPct = Number(m.cpuPct.toFixed(1));
  return {
    protocol: o.protocol,
    url: run.endpointUrl,
    channel: o.channel,
    startedAt: new Date(run.t0).toISOString(),
    subscribers: {
      target: fleet.count,
      ready: fleet.subs.filter((s) => s.readyAtMs > 0).length,
      connectSeconds: Number(connectSeconds.toFixed(2)),
      connectPerS: connectSeconds > 0 ? Math.round(fleet.count / connectSeconds) : 0,
      failedAttempts: fleet.failedAttempts,
      lost: fleet.lost,
    },
    measure: {
      seconds: Number(m.seconds.toFixed(2)),
      delivered: m.delivered,
      deliveredPerS: m.seconds > 0 ? Math.round(m.delivered / m.seconds) : 0,
      perSecond: m.perSecond.map((x) => Math.round(x)),
      medianPerS: Math.round(median),
      spreadPct: Number(spread.toFixed(1)),
      bytesPerS: m.seconds > 0 ? Math.round(m.bytes / m.seconds) : 0,
    },
    perSubscriber: {
      expected,
      min,
      max,
      mean: counts.length > 0 ? Number((sum / counts.length).toFixed(1)) : 0,
      complete,
      drops,
      heartbeatsMin,
      notices,
      errors,
    },
    probes: {
      count: pool.count,
      ready: pool.ready,
      each: probes.stats,
      deltasMin: probeDeltas.length > 0 ? Math.min(...probeDeltas) : 0,
      deltasMax: probeDeltas.length > 0 ? Math.max(...probeDeltas) : 0,
      gaps: probes.stats.reduce((s, p) => s + p.gaps, 0),
      duplicates: probes.stats.reduce((s, p) => s + p.duplicates, 0),
    },
    latency: {
      sendToReceive: summarizeLatency(sendHist),
      publishToReceive: eventHist.totalCount > 0 ? summarizeLatency(eventHist) : null,
      negativeSamples: probes.negative,
    },
    publisher,
    generator: {
      cpuPct,
      bound: cpuPct >= o.generatorBoundPct && (m.backlogKiB === null || m.backlogKiB >= BEHIND_KIB_PER_SOCKET),
      cpuPressurePct: m.pressurePct,
      recvBacklogKiBPerSocket: m.backlogKiB === null ? null : Number(m.backlogKiB.toFixed(1)),
      eventLoopP99Ms: Number(m.loopP99Ms.toFixed(1)),
      rssMiB: Math.round(process.memoryUsage.rss() / 2 ** 20),
    },
    stoppedBy: run.stoppedBy,
    elapsedMs: Date.now() - run.t0,
    deadlineMs: run.hardDeadline - run.t0,
    socketsOpenAtEnd: run.socketsOpenAtEnd,
    problems: run.problems,
  };
}

/** Sleeps until `t` (epoch ms), waking every 100 ms to see whether to stop early. */
async function sleepUntil(t: number, stop: () => boolean): Promise<void> {
  while (Date.now() < t && !stop()) await sleep(Math.min(100, t - Date.now()));
}

async function withTimeout<T>(p: Promise<T>, deadlineMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out`)), Math.max(0, deadlineMs - Date.now()));
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
