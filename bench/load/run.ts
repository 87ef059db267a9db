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
import { latencyHistogram, summarizeLatency, type Histogram, type LatencySummary } from './latency.ts';
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
import { machinePressure, machineSample, type MachinePressure } from './pressure.ts';
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
  /**
   * A sweep over one set of connections: each point publishes at its rate, warms up, measures, stops
   * and drains before the next. Absent: one point of publishRate / warmupS / durationS.
   */
  readonly points?: readonly LoadPoint[];
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
  /** Around each point's measurement window (`point`: its index). */
  measureStart?(point: number): void;
  measureEnd?(point: number): void;
  /** After each point (drained, histograms taken); returning false ends the sweep there. */
  pointDone?(report: PointReport, point: number): boolean | void;
}

export interface LoadPoint {
  /** Publishes per second (0: observe only). */
  readonly rate: number;
  readonly warmupS: number;
  readonly durationS: number;
}

/** Exact loss over one point, from every subscriber's seq contiguity (see LossLedger). */
export interface PointLoss {
  /** Messages lost this point: seqs some subscriber skipped (Σ over subscribers of new gaps). */
  readonly lost: number;
  /** The same, counted over the subscribers' whole sequences so far minus before this point. */
  readonly gaps: number;
  /** Owed after this point's drain: Σ (last seq − subscriber's last seq); late or lost, the next point tells. */
  readonly tail: number;
  readonly duplicates: number;
  /** Deltas whose seq could not be read (should be 0). */
  readonly unreadable: number;
  readonly incompleteSubscribers: number;
  /** The last seq every subscriber should have. */
  readonly lastSeq: number;
}

export interface PointReport {
  readonly rate: number;
  /** rate × subscribers (the probes not counted). */
  readonly offeredPerS: number;
  readonly publisher: PublisherStats | null;
  readonly measure: LoadReport['measure'];
  /** Deliveries owed during the window (published × subscribers − delivered): bounded or growing. */
  readonly inFlight: { readonly start: number; readonly end: number; readonly max: number; readonly samples: readonly number[] };
  readonly drain: { readonly complete: boolean; readonly ms: number; readonly expectedPerSubscriber: number };
  readonly loss: PointLoss & { readonly probeGaps: number; readonly probeDuplicates: number };
  readonly latency: LoadReport['latency'];
  readonly generator: {
    readonly cpuPct: number;
    readonly bound: boolean;
    readonly recvBacklogKiBPerSocket: number | null;
    readonly eventLoopP99Ms: number;
    /** Most the publisher ran behind its schedule (its stamps are the schedule's, so latency includes it). */
    readonly lagMaxMs: number | null;
  };
  readonly machine: MachinePressure | null;
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
  /** One entry per point (a single one without `points`). */
  readonly points: readonly PointReport[];
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

export function defaultDeadlineS(o: Pick<LoadOptions, 'connectTimeoutS' | 'warmupS' | 'durationS' | 'drainS' | 'points'>): number {
  const points = o.points !== undefined && o.points.length > 0 ? o.points : [{ warmupS: o.warmupS, durationS: o.durationS }];
  // Per point the drain budget twice (publisher's acks, subscribers) and a few seconds for the rest.
  const perPoints = points.reduce((s, p) => s + p.warmupS + p.durationS + 2 * o.drainS + 3, 0);
  return Math.ceil(o.connectTimeoutS + perPoints + 2 + CLEANUP_RESERVE_MS / 1000);
}

export async function runLoad(input: Partial<LoadOptions> & { url: string }): Promise<LoadReport> {
  const o: LoadOptions = { ...DEFAULT_LOAD_OPTIONS, ...input };
  const log = o.log ?? (() => {});
  const t0 = Date.now();
  const points = loadPoints(o);
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
  const pointReports: PointReport[] = [];
  const sendLatency = latencyHistogram();
  const eventLatency = latencyHistogram();
  let negativeSamples = 0;

  // Last resort: whatever is still open at the hard deadline is destroyed.
  const guard = setTimeout(() => {
    for (const sub of fleet.subs) sub.destroy();
    void pool.close(Date.now() + 400);
    void publisher?.close();
  }, Math.max(0, hardDeadline - Date.now() - 500));
  guard.unref();

  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  let measure: WindowResult = EMPTY_WINDOW;

  try {
    // 1. Probes, then the cheap subscribers.
    const connectDeadline = until(Date.now() + o.connectTimeoutS * 1000);
    if (!(await pool.waitReady(connectDeadline))) problems.push(`only ${pool.ready} of ${pool.count} probes subscribed`);
    log(`probes ready: ${pool.ready}/${pool.count}`);
    fleet.start();
    if (!(await fleet.waitAllReady(connectDeadline))) problems.push(`only ${fleet.ready} of ${fleet.count} subscribers subscribed within ${o.connectTimeoutS} s`);
    log(`subscribers ready: ${fleet.ready}/${fleet.count} in ${((Date.now() - fleet.startedMs) / 1000).toFixed(1)} s`);
    if (!pastDeadline()) await o.hooks?.connected?.();

    // 2. Each point: publish at its rate (one publisher for all: seq numbers run on), warm up,
    // measure, stop, let in-flight messages arrive, take the probes' histograms.
    const loss = new LossLedger(fleet);
    for (let i = 0; i < points.length && !pastDeadline(); i++) {
      const point = points[i]!;
      const deliveredBefore = fleet.totals.deltas;
      const sentBefore = publisher?.sent ?? publisherStats?.sent ?? 0;
      let startedMs = performance.now();
      if (point.rate > 0) {
        if (o.externalPublisher) await o.externalPublisher.start(point.rate);
        else {
          if (publisher === null) {
            publisher = await createPublisher(o, endpoint, pool, until(Date.now() + 5000));
            await withTimeout(publisher.connect(), until(Date.now() + 5000), 'publisher connect');
          }
          publisher.start(point.rate);
        }
        startedMs = performance.now();
        log(`point ${i + 1}/${points.length}: publishing at ${point.rate}/s`);
      }
      const own = publisher;
      // Deliveries still owed: published × subscribers − delivered, since this point started.
      const inFlight = (): number => {
        const published = own !== null ? own.sent - sentBefore : Math.floor(((performance.now() - startedMs) * point.rate) / 1000);
        return published * fleet.count - (fleet.totals.deltas - deliveredBefore);
      };
      await sleepUntil(until(Date.now() + point.warmupS * 1000), pastDeadline);
      if (!pastDeadline()) measure = await measureWindow(o, fleet, pool, until, loopDelay, pastDeadline, endpoint.port, point.durationS, i, inFlight);
      else measure = EMPTY_WINDOW;

      if (o.externalPublisher && point.rate > 0) publisherStats = await o.externalPublisher.stop();
      if (publisher && point.rate > 0) {
        publisher.stop();
        await publisher.settle(until(Date.now() + o.drainS * 1000));
        publisherStats = publisher.stats();
      }
      const expected = expectedPerSubscriber(publisherStats, o.protocol, pool.deltas);
      const drainStart = performance.now();
      const drained = await drain(fleet, pool, expected, until(Date.now() + o.drainS * 1000));
      const drainMs = performance.now() - drainStart;
      const lastSeq = o.protocol === 'hashcap' && !o.externalPublisher ? null : (publisherStats?.sent ?? null);
      const lost = loss.close(lastSeq);
      // Past the deadline the cleanup's budget is not ours to spend: the final close returns what the probes recorded.
      const taken = pastDeadline() ? await pool.take(0) : await pool.take(Math.max(500, Math.min(5000, phaseDeadline - Date.now())));
      sendLatency.add(taken.sendLatency);
      eventLatency.add(taken.eventLatency);
      negativeSamples += taken.negative;
      const report = pointReport(o, point, measure, point.rate > 0 ? publisherStats : null, lost, taken, { drained, drainMs, expected, subscribers: fleet.count });
      pointReports.push(report);
      if (o.hooks?.pointDone?.(report, i) === false) break;
    }
    if (o.signal?.aborted) problems.push(`aborted by the caller: ${String(o.signal.reason ?? '')}`);
    else if (pastDeadline()) {
      stoppedBy = 'deadline';
      problems.push('the run reached its deadline before finishing');
    }
  } catch (error) {
    problems.push(`aborted: ${error instanceof Error ? error.message : String(error)}`);
    if (pastDeadline()) stoppedBy = 'deadline';
  } finally {
    // 3. Close everything, whatever happened.
    publisher?.stop();
    const closing = Promise.all([fleet.stop(1000), publisher?.close() ?? Promise.resolve()]);
    probeResults = await pool.close(Date.now() + 3000);
    await closing;
    clearTimeout(guard);
    loopDelay.disable();
  }

  const socketsOpenAtEnd = fleet.openSockets + pool.openAtEnd + (publisher !== null && !publisher.isClosed ? 1 : 0);
  const results = probeResults ?? (await pool.close(Date.now() + 1000));
  // What was recorded after the last take (a run cut short) counts too.
  sendLatency.add(results.sendLatency);
  eventLatency.add(results.eventLatency);
  negativeSamples += results.negative;
  const expected = expectedPerSubscriber(publisherStats, o.protocol, results.stats.map((p) => p.deltas));
  return buildReport(o, fleet, pool, { ...results, sendLatency, eventLatency, negative: negativeSamples }, publisherStats, measure, expected, pointReports, {
    t0,
    hardDeadline,
    stoppedBy,
    socketsOpenAtEnd,
    problems,
    endpointUrl: probeUrl,
  });
}

function loadPoints(o: LoadOptions): LoadPoint[] {
  return o.points !== undefined && o.points.length > 0 ? [...o.points] : [{ rate: o.publishRate, warmupS: o.warmupS, durationS: o.durationS }];
}

/**
 * Exact loss from the subscribers' seq contiguity. A seq skipped inside a subscriber's sequence (a gap:
 * a later one arrived) is lost. What a subscriber lacks at the end of a point's drain (its tail: the
 * last seq published, or the highest any subscriber got, minus its own last) is owed, not yet lost:
 * it either arrives later (late) or becomes a gap when the next point's messages arrive. So per point
 * lost = Δgaps and owed = the tail; over a run, Σ lost + the last point's tail is every message some
 * subscriber never got.
 */
class LossLedger {
  private readonly gapsBeforeOf: Float64Array;
  private gapsBefore = 0;
  private duplicatesBefore = 0;
  private unreadableBefore = 0;

  constructor(private readonly fleet: Fleet) {
    this.gapsBeforeOf = new Float64Array(fleet.count);
  }

  close(lastPublishedSeq: number | null): PointLoss {
    const subs = this.fleet.subs;
    let highest = 0;
    for (const s of subs) if (s.seq.last > highest) highest = s.seq.last;
    let base = Infinity;
    for (const s of subs) if (s.snapshots > 0 || !this.fleet.protocol.seqFromSnapshot) base = Math.min(base, s.seq.base);
    const target = lastPublishedSeq === null ? highest : Math.max(highest, (base === Infinity ? 0 : base) + lastPublishedSeq);
    let gaps = 0;
    let duplicates = 0;
    let unreadable = 0;
    let tail = 0;
    let lost = 0;
    let incomplete = 0;
    for (let i = 0; i < subs.length; i++) {
      const s = subs[i]!;
      const t = Math.max(0, target - s.seq.last);
      const newGaps = s.seq.gaps - this.gapsBeforeOf[i]!;
      if (newGaps > 0 || t > 0) incomplete++;
      lost += newGaps;
      this.gapsBeforeOf[i] = s.seq.gaps;
      gaps += s.seq.gaps;
      duplicates += s.seq.duplicates;
      unreadable += s.seq.unreadable;
      tail += t;
    }
    const out: PointLoss = {
      lost,
      gaps: gaps - this.gapsBefore,
      tail,
      duplicates: duplicates - this.duplicatesBefore,
      unreadable: unreadable - this.unreadableBefore,
      incompleteSubscribers: incomplete,
      lastSeq: target,
    };
    this.gapsBefore = gaps;
    this.duplicatesBefore = duplicates;
    this.unreadableBefore = unreadable;
    return out;
  }
}

function pointReport(
  o: LoadOptions,
  point: LoadPoint,
  m: WindowResult,
  publisher: PublisherStats | null,
  loss: PointLoss,
  taken: { sendLatency: Histogram; eventLatency: Histogram; negative: number; gaps: number; duplicates: number },
  d: { drained: boolean; drainMs: number; expected: number; subscribers: number },
): PointReport {
  const cpuPct = Number(m.cpuPct.toFixed(1));
  const sorted = [...m.perSecond].sort((a, b) => a - b);
  const median = sorted.length === 0 ? 0 : sorted[(sorted.length - 1) >> 1]!;
  return {
    rate: point.rate,
    offeredPerS: point.rate * d.subscribers,
    publisher,
    measure: {
      seconds: Number(m.seconds.toFixed(2)),
      delivered: m.delivered,
      deliveredPerS: m.seconds > 0 ? Math.round(m.delivered / m.seconds) : 0,
      perSecond: m.perSecond.map((x) => Math.round(x)),
      medianPerS: Math.round(median),
      spreadPct: sorted.length === 0 || median === 0 ? 0 : Number((((sorted[sorted.length - 1]! - sorted[0]!) / median) * 100).toFixed(1)),
      bytesPerS: m.seconds > 0 ? Math.round(m.bytes / m.seconds) : 0,
    },
    inFlight: { start: m.inFlight[0] ?? 0, end: m.inFlight[m.inFlight.length - 1] ?? 0, max: m.inFlight.reduce((a, b) => Math.max(a, b), 0), samples: m.inFlight },
    drain: { complete: d.drained, ms: Math.round(d.drainMs), expectedPerSubscriber: d.expected },
    loss: { ...loss, probeGaps: taken.gaps, probeDuplicates: taken.duplicates },
    latency: {
      sendToReceive: summarizeLatency(taken.sendLatency),
      publishToReceive: taken.eventLatency.totalCount > 0 ? summarizeLatency(taken.eventLatency) : null,
      negativeSamples: taken.negative,
    },
    generator: {
      cpuPct,
      bound: cpuPct >= o.generatorBoundPct && (m.backlogKiB === null || m.backlogKiB >= BEHIND_KIB_PER_SOCKET),
      recvBacklogKiBPerSocket: m.backlogKiB === null ? null : Number(m.backlogKiB.toFixed(1)),
      eventLoopP99Ms: Number(m.loopP99Ms.toFixed(1)),
      lagMaxMs: publisher?.lagMaxMs ?? null,
    },
    machine: m.pressure,
  };
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
  durationS: number,
  point: number,
  inFlight: () => number,
): Promise<WindowResult> {
  const sampleBacklog = fleet.count + pool.count <= MAX_SOCKETS_SAMPLED;
  const backlogSamples: number[] = [];
  const inFlightSamples: number[] = [inFlight()];
  const totals = fleet.totals;
  o.hooks?.measureStart?.(point);
  pool.record(true);
  loopDelay.reset();
  loopDelay.enable();
  const cpu0 = process.cpuUsage();
  const machine0 = machineSample();
  const start = performance.now();
  const d0 = totals.deltas;
  const b0 = totals.bytes;
  const perSecond: number[] = [];
  const end = until(Date.now() + durationS * 1000);
  let last = d0;
  let lastT = start;
  while (Date.now() < end && !stop()) {
    await sleepUntil(Math.min(Date.now() + 1000, end), stop);
    const now = performance.now();
    if (now - lastT >= 500) perSecond.push(((totals.deltas - last) * 1000) / (now - lastT));
    last = totals.deltas;
    lastT = now;
    inFlightSamples.push(inFlight());
    const backlog = sampleBacklog ? recvBacklog(serverPort) : null;
    if (backlog !== null && backlog.sockets > 0) backlogSamples.push(backlog.bytes / backlog.sockets / 1024);
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const pressure = machinePressure(machine0);
  pool.record(false);
  o.hooks?.measureEnd?.(point);
  loopDelay.disable();
  return {
    seconds,
    delivered: totals.deltas - d0,
    bytes: totals.bytes - b0,
    perSecond,
    cpuPct: seconds > 0 ? ((cpu.user + cpu.system) / 1e6 / seconds) * 100 : 0,
    loopP99Ms: loopDelay.count > 0 ? loopDelay.percentile(99) / 1e6 : 0,
    pressure,
    backlogKiB: backlogSamples.length > 0 ? backlogSamples.reduce((a, b) => a + b, 0) / backlogSamples.length : null,
    inFlight: inFlightSamples,
  };
}

interface WindowResult {
  seconds: number;
  delivered: number;
  bytes: number;
  perSecond: number[];
  cpuPct: number;
  loopP99Ms: number;
  pressure: MachinePressure | null;
  backlogKiB: number | null;
  /** Deliveries owed (published × subscribers − delivered) at the start and after each second. */
  inFlight: number[];
}

const EMPTY_WINDOW: WindowResult = { seconds: 0, delivered: 0, bytes: 0, perSecond: [], cpuPct: 0, loopP99Ms: 0, pressure: null, backlogKiB: null, inFlight: [] };

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

/** Waits until every subscriber and probe has `expected` deltas (true), or nothing moved for 500 ms. */
async function drain(fleet: Fleet, pool: ProbePool, expected: number, deadlineMs: number): Promise<boolean> {
  let last = -1;
  let stableSince = Date.now();
  let everyone = false;
  await waitFor(
    () => {
      const total = fleet.totals.deltas + pool.deltas.reduce((s, d) => s + d, 0);
      if (total !== last) {
        last = total;
        stableSince = Date.now();
      }
      everyone = fleet.subs.every((s) => s.deltas >= expected) && pool.deltas.every((d) => d >= expected);
      return everyone || Date.now() - stableSince >= 500;
    },
    deadlineMs,
    50,
  );
  return everyone;
}

function buildReport(
  o: LoadOptions,
  fleet: Fleet,
  pool: ProbePool,
  probes: ProbeResults,
  publisher: PublisherStats | null,
  m: WindowResult,
  expected: number,
  points: readonly PointReport[],
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
      cpuPressurePct: m.pressure?.psiSomePct ?? null,
      recvBacklogKiBPerSocket: m.backlogKiB === null ? null : Number(m.backlogKiB.toFixed(1)),
      eventLoopP99Ms: Number(m.loopP99Ms.toFixed(1)),
      rssMiB: Math.round(process.memoryUsage.rss() / 2 ** 20),
    },
    points,
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
