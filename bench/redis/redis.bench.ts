/**
 * `npm run bench -- redis`: frames through Redis to two gateways, against the in-memory bus in the same run.
 *
 * A real redis-server (test/support/redis.ts) on a free loopback port; the publisher is a RedisBus in this
 * process (the aggregator's side), the two gateways are RedisBus subscribers in child processes. The
 * pattern is the feed's: 60 topics, ~150-byte frames, many frames per turn of the event loop.
 *
 * 1. Throughput: 300,000 frames as fast as the bus takes them (at most 10,000 unanswered, as a feed
 *    that watches the bus's backlog would), each gateway checking every topic's seqs are contiguous.
 *    "into Redis": until Redis has answered every publish script; "delivered": until the slower gateway
 *    has the last frame. The in-memory baseline: the same frames to two MemoryBus "gateways" on one hub.
 * 2. Latency at 25% of the delivered rate: open loop, one batch every millisecond (the feed flushing its
 *    queue), every frame stamped with its batch's intended time (process.hrtime.bigint(): CLOCK_MONOTONIC,
 *    shared by the processes), so a late publisher counts against the latency, and with the time its
 *    publish() was called, so what the bus itself adds is seen apart from the sender's timer lateness.
 *    The in-memory bus under the same schedule shows what the schedule itself costs.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createBus, FrameKind, MemoryBus, MemoryHub, type Bus } from '../../server/bus/index.ts';
import type { RedisBus } from '../../server/bus/index.ts';
import { command, redisMissing, startRedis, type RedisServer } from '../../test/support/redis.ts';
import { cpuSeconds } from '../fanout/proc.ts';
import { onePerCore, pinProcess } from '../lib/pinning.ts';
import { markdownTable, writeChart, writeResults } from '../lib/report.ts';
import { chartDocument } from '../lib/svg-chart.ts';
import { human, summarize } from '../lib/stats.ts';
import { EPOCH, PAYLOAD_BYTES, TOPICS, type FromGateway, type LatencyUs, type RoundReport, type ToGateway } from './frames.ts';
import { Receiver } from './receiver.ts';

const ROUNDS = 3;
const THROUGHPUT_FRAMES = 300_000;
/** Frames per topic per turn in the throughput rounds: 600 frames a turn, as after a batch of ticks. */
const PER_TOPIC_PER_TURN = 10;
const MAX_UNANSWERED = 10_000;
const LATENCY_SECONDS = 3;
const BATCH_MS = 1;

/** Per-topic seqs run on across rounds, so the gateways check contiguity over the whole run. */
class Publisher {
  private readonly seqs = new Map<string, number>(TOPICS.map((t) => [t, 0]));
  private readonly payload = Buffer.alloc(PAYLOAD_BYTES, 0x5a);

  constructor(readonly bus: Bus) {}

  /** One frame of topic t, stamped `stampNs` and now (a Redis publish copies the bytes, memory subscribers read them at once). */
  publish(t: number, stampNs: bigint): void {
    const topic = TOPICS[t]!;
    const seq = this.seqs.get(topic)! + 1;
    this.seqs.set(topic, seq);
    this.payload.writeBigInt64LE(stampNs, 0);
    this.payload.writeBigInt64LE(process.hrtime.bigint(), 8);
    this.bus.publish({ topic, epoch: EPOCH, seq, kind: FrameKind.Delta, bytes: this.payload });
  }
}

/** A gateway: a child process (Redis) or an in-process Receiver on the hub (memory). */
interface Gateway {
  /** Resolves once the gateway is ready for the round, with its end (a promise in a box: promises flatten). */
  arm(expect: number, latency: boolean): Promise<{ readonly done: Promise<RoundReport> }>;
}

class ChildGateway implements Gateway {
  readonly child: ChildProcess;
  private waiters: { type: string; resolve: (m: FromGateway) => void }[] = [];

  constructor() {
    this.child = fork(fileURLToPath(new URL('./gateway-process.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (m: FromGateway) => {
      if (m.type === 'error') throw new Error(`gateway ${this.child.pid}: ${m.message}`);
      const i = this.waiters.findIndex((w) => w.type === m.type);
      if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(m);
    });
  }

  next<T extends FromGateway['type']>(type: T): Promise<Extract<FromGateway, { type: T }>> {
    return new Promise((resolve) => this.waiters.push({ type, resolve: resolve as (m: FromGateway) => void }));
  }

  send(m: ToGateway): void {
    this.child.send(m);
  }

  async arm(expect: number, latency: boolean): Promise<{ readonly done: Promise<RoundReport> }> {
    const done = this.next('done');
    const armed = this.next('armed');
    this.send({ type: 'round', expect, latency });
    await armed;
    return { done };
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.send({ type: 'stop' });
    });
  }
}

class MemoryGateway implements Gateway {
  private readonly receiver = new Receiver();

  static async on(hub: MemoryHub): Promise<MemoryGateway> {
    const gateway = new MemoryGateway();
    const bus = new MemoryBus({ hub });
    await Promise.all(TOPICS.map((t) => bus.subscribe(t, gateway.receiver.onFrame)));
    return gateway;
  }

  arm(expect: number, latency: boolean): Promise<{ readonly done: Promise<RoundReport> }> {
    return Promise.resolve({ done: new Promise<RoundReport>((resolve) => this.receiver.arm(expect, latency, resolve)) });
  }
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const pendingOf = (bus: Bus): number => (bus.name === 'memory' ? 0 : (bus as RedisBus).stats().pending);

/**
 * The gateways' reports once both have every frame of the round. A frame the bus dropped (Redis went
 * 'down' on a machine too busy to answer a probe in time) never arrives: the round fails with why
 * instead of waiting forever, and so does a round that has not completed in two minutes.
 */
async function allArrived(bus: Bus, dones: readonly { readonly done: Promise<RoundReport> }[], droppedBefore: number): Promise<RoundReport[]> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      const dropped = bus.stats().dropped - droppedBefore;
      if (dropped > 0) reject(new Error(`the publisher's bus dropped ${dropped} frame(s) (Redis was 'down' or behind): the round cannot complete`));
      else if (Date.now() - started > 120_000) reject(new Error('a round did not complete within 120 s'));
    }, 200);
  });
  try {
    return await Promise.race([Promise.all(dones.map((d) => d.done)), watchdog]);
  } finally {
    clearInterval(timer);
  }
}

interface ThroughputRound {
  readonly intoBusPerS: number;
  readonly deliveredPerS: number;
  readonly gaps: number;
  readonly dropped: number;
}

async function throughputRound(publisher: Publisher, gateways: readonly Gateway[]): Promise<ThroughputRound> {
  const dones = await Promise.all(gateways.map((g) => g.arm(THROUGHPUT_FRAMES, false)));
  const droppedBefore = publisher.bus.stats().dropped;
  const t0 = process.hrtime.bigint();
  let sent = 0;
  while (sent < THROUGHPUT_FRAMES) {
    for (let k = 0; k < PER_TOPIC_PER_TURN && sent < THROUGHPUT_FRAMES; k++) {
      for (let t = 0; t < TOPICS.length && sent < THROUGHPUT_FRAMES; t++, sent++) publisher.publish(t, t0);
    }
    await turn();
    while (pendingOf(publisher.bus) > MAX_UNANSWERED) await turn();
  }
  while (pendingOf(publisher.bus) > 0) await turn();
  const answered = process.hrtime.bigint();
  const reports = await allArrived(publisher.bus, dones, droppedBefore);
  const last = Math.max(...reports.map((r) => r.lastAtNs));
  return {
    intoBusPerS: THROUGHPUT_FRAMES / (Number(answered - t0) / 1e9),
    deliveredPerS: THROUGHPUT_FRAMES / ((last - Number(t0)) / 1e9),
    gaps: Math.max(...reports.map((r) => r.gaps)),
    dropped: publisher.bus.stats().dropped - droppedBefore,
  };
}

interface LatencyRound {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
  /** From the publish() call, not the intended time: what the bus adds, without the sender's timer lateness. */
  readonly transitP50Ms: number;
  readonly transitP99Ms: number;
  readonly transitP999Ms: number;
  readonly gaps: number;
}

/** Open loop at `rate` frames/s: batch b is due at start + b ms and carries that time as its stamp. */
async function latencyRound(publisher: Publisher, gateways: readonly Gateway[], rate: number): Promise<LatencyRound> {
  const total = Math.round(rate * LATENCY_SECONDS);
  const dones = await Promise.all(gateways.map((g) => g.arm(total, true)));
  const droppedBefore = publisher.bus.stats().dropped;
  const perBatch = (rate * BATCH_MS) / 1000;
  const batchNs = BigInt(BATCH_MS * 1_000_000);
  const start = process.hrtime.bigint() + batchNs;
  let sent = 0;
  let batch = 0;
  let t = 0;
  while (sent < total) {
    const now = process.hrtime.bigint();
    while (sent < total && start + BigInt(batch) * batchNs <= now) {
      const stamp = start + BigInt(batch) * batchNs;
      const upTo = Math.min(total, Math.floor((batch + 1) * perBatch));
      for (; sent < upTo; sent++, t = (t + 1) % TOPICS.length) publisher.publish(t, stamp);
      batch++;
    }
    const wait = Number(start + BigInt(batch) * batchNs - process.hrtime.bigint()) / 1e6;
    await sleep(Math.max(0, wait));
  }
  const reports = await allArrived(publisher.bus, dones, droppedBefore);
  // The worse gateway's figure at each percentile.
  const worst = (pick: (r: LatencyUs) => number, of: (r: RoundReport) => LatencyUs | null = (r) => r.latencyUs): number =>
    Math.max(...reports.map((r) => pick(of(r)!))) / 1000;
  const transit = (r: RoundReport) => r.transitUs;
  return {
    p50Ms: worst((h) => h.p50),
    p99Ms: worst((h) => h.p99),
    p999Ms: worst((h) => h.p999),
    maxMs: worst((h) => h.max),
    transitP50Ms: worst((h) => h.p50, transit),
    transitP99Ms: worst((h) => h.p99, transit),
    transitP999Ms: worst((h) => h.p999, transit),
    gaps: Math.max(...reports.map((r) => r.gaps)),
  };
}

export async function redisBench(_full: boolean): Promise<unknown> {
  const missing = redisMissing();
  if (missing !== null) {
    console.log(`redis bench skipped: ${missing}`);
    return null;
  }
  let redis: RedisServer | null = null;
  const children: ChildGateway[] = [];
  let redisBus: Bus | null = null;
  try {
    redis = await startRedis();
    // A gateway that falls behind during a throughput round must not be cut off by Redis's default
    // pub/sub output limit (32 MB, or 8 MB for 60 s): the round then measures the bus, not the limit.
    await command(redis.port, ['CONFIG', 'SET', 'client-output-buffer-limit', 'pubsub 0 0 0']);
    for (let i = 0; i < 2; i++) children.push(new ChildGateway());
    await Promise.all(
      children.map((g) => {
        const ready = g.next('ready');
        g.send({ type: 'start', url: redis!.url });
        return ready;
      }),
    );
    // With a core for each of the four processes (not on a 2-core box), each gets its own: the tail then
    // shows the bus, not processes queueing for a core. `--pin=off` leaves scheduling to the kernel.
    const pinning = onePerCore(['publisher', 'redis-server', 'gateway 1', 'gateway 2'] as const, !process.argv.includes('--pin=off'));
    pinProcess(process.pid, pinning.cpus.publisher);
    pinProcess(redis.pid, pinning.cpus['redis-server']);
    pinProcess(children[0]!.child.pid!, pinning.cpus['gateway 1']);
    pinProcess(children[1]!.child.pid!, pinning.cpus['gateway 2']);
    console.log(`pinning: ${pinning.note}`);
    // No drops: a frame the bus dropped never reaches a gateway, and the round would wait for it forever
    // (on a machine too busy to keep up, the latency shows it instead; throughput rounds stay below 10,000).
    redisBus = createBus({ url: redis.url, maxPending: 100_000_000, log: (line) => console.error(`publisher: ${line}`) });
    const bus = redisBus;
    await new Promise<void>((resolve) => bus.onState((state) => state === 'up' && resolve()));
    const redisPublisher = new Publisher(redisBus);
    const hub = new MemoryHub();
    const memoryGateways = [await MemoryGateway.on(hub), await MemoryGateway.on(hub)];
    const memoryPublisher = new Publisher(new MemoryBus({ hub }));

    const tp = { redis: [] as ThroughputRound[], memory: [] as ThroughputRound[] };
    // CPU seconds per million frames of each Redis-round process: which one is the limit.
    const pids = { 'redis-server': redis.pid, 'gateway 1': children[0]!.child.pid!, 'gateway 2': children[1]!.child.pid! };
    const cpu: Record<string, number> = { publisher: 0, 'redis-server': 0, 'gateway 1': 0, 'gateway 2': 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSeconds(pid)]));
      const ownBefore = process.cpuUsage();
      tp.redis.push(await throughputRound(redisPublisher, children));
      const own = process.cpuUsage(ownBefore);
      cpu.publisher! += (own.user + own.system) / 1e6;
      for (const [k, pid] of Object.entries(pids)) cpu[k]! += cpuSeconds(pid) - before[k]!;
      tp.memory.push(await throughputRound(memoryPublisher, memoryGateways));
      console.log(
        `throughput round ${round + 1}: redis ${human(tp.redis[round]!.intoBusPerS)} frames/s into Redis, ${human(tp.redis[round]!.deliveredPerS)} delivered; memory ${human(tp.memory[round]!.deliveredPerS)}`,
      );
    }
    const deliveredRedis = summarize(tp.redis.map((r) => r.deliveredPerS));
    const rate = Math.round(deliveredRedis.median * 0.25);
    const lat = { redis: [] as LatencyRound[], memory: [] as LatencyRound[] };
    for (let round = 0; round < ROUNDS; round++) {
      lat.redis.push(await latencyRound(redisPublisher, children, rate));
      lat.memory.push(await latencyRound(memoryPublisher, memoryGateways, rate));
      const r = lat.redis[round]!;
      const m = lat.memory[round]!;
      console.log(
        `latency round ${round + 1} at ${human(rate)} frames/s, p50/p99/p99.9 ms from the intended time (from publish()): ` +
          `redis ${r.p50Ms}/${r.p99Ms}/${r.p999Ms} (${r.transitP50Ms}/${r.transitP99Ms}/${r.transitP999Ms}); memory ${m.p50Ms}/${m.p99Ms}/${m.p999Ms} (${m.transitP50Ms}/${m.transitP99Ms}/${m.transitP999Ms})`,
      );
    }

    const rows = (['redis', 'memory'] as const).map((name) => {
      const into = summarize(tp[name].map((r) => r.intoBusPerS));
      const delivered = summarize(tp[name].map((r) => r.deliveredPerS));
      const p = (pick: (r: LatencyRound) => number) => summarize(lat[name].map(pick));
      return {
        bus: name,
        gateways: name === 'redis' ? '2 child processes' : '2 MemoryBus on one hub (in process)',
        topics: TOPICS.length,
        payloadBytes: PAYLOAD_BYTES,
        framesPerRound: THROUGHPUT_FRAMES,
        intoBusPerS: into,
        deliveredPerS: delivered,
        latencyRatePerS: rate,
        latencyFramesPerRound: Math.round(rate * LATENCY_SECONDS),
        p50Ms: p((r) => r.p50Ms),
        p99Ms: p((r) => r.p99Ms),
        p999Ms: p((r) => r.p999Ms),
        maxMs: p((r) => r.maxMs),
        transitP50Ms: p((r) => r.transitP50Ms),
        transitP99Ms: p((r) => r.transitP99Ms),
        transitP999Ms: p((r) => r.transitP999Ms),
        gaps: Math.max(...tp[name].map((r) => r.gaps), ...lat[name].map((r) => r.gaps)),
        dropped: tp[name].reduce((sum, r) => sum + r.dropped, 0),
      };
    });
    const fmtMs = (s: { median: number; min: number; max: number }) => `${s.median.toFixed(2)} (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
    const table = markdownTable(
      [
        'bus',
        'frames/s into bus (median of 3)',
        'spread',
        'delivered to both gateways, frames/s',
        'spread',
        `latency at ${human(rate)} frames/s from the intended time: p50 ms`,
        'p99 ms',
        'p99.9 ms',
        'from publish(): p50 / p99 / p99.9 ms',
        'gaps',
        'dropped',
      ],
      rows.map((r) => [
        r.bus === 'redis' ? 'Redis (publisher + 2 gateway processes)' : 'in-memory (2 in-process gateways)',
        human(r.intoBusPerS.median),
        `${r.intoBusPerS.spreadPct.toFixed(0)}%`,
        human(r.deliveredPerS.median),
        `${r.deliveredPerS.spreadPct.toFixed(0)}%`,
        fmtMs(r.p50Ms),
        fmtMs(r.p99Ms),
        fmtMs(r.p999Ms),
        `${r.transitP50Ms.median.toFixed(2)} / ${r.transitP99Ms.median.toFixed(2)} / ${r.transitP999Ms.median.toFixed(2)}`,
        String(r.gaps),
        String(r.dropped),
      ]),
    );
    const cpuPerMillion = Object.fromEntries(Object.entries(cpu).map(([k, s]) => [k, Number(((s / (ROUNDS * THROUGHPUT_FRAMES)) * 1e6).toFixed(2))]));
    const cpuLine = `CPU seconds per million frames in the Redis throughput rounds: ${Object.entries(cpuPerMillion).map(([k, v]) => `${k} ${v}`).join(', ')}.`;
    console.log(cpuLine);
    const redisRow = rows[0]!;
    const load = loadavg().map((l) => l.toFixed(1)).join(' ');
    const json = [{ ...redisRow, cpuSecondsPerMillionFrames: cpuPerMillion, pinning: pinning.note, loadAverage: load }, rows[1]!];
    const verdict = [
      `Target ≥ 200,000 frames/s into Redis: ${redisRow.intoBusPerS.median >= 200_000 ? 'met' : 'not met'} (${human(redisRow.intoBusPerS.median)}; delivered to both gateways ${human(redisRow.deliveredPerS.median)}).`,
      `Target p99 ≤ 2 ms at 25% of the rate: ${redisRow.p99Ms.median <= 2 ? 'met' : 'not met'} from the intended send time (${redisRow.p99Ms.median.toFixed(2)} ms; in-memory under the same schedule ${rows[1]!.p99Ms.median.toFixed(2)} ms); ` +
        `${redisRow.transitP99Ms.median <= 2 ? 'met' : 'not met'} from the publish() call (${redisRow.transitP99Ms.median.toFixed(2)} ms; in-memory ${rows[1]!.transitP99Ms.median.toFixed(2)} ms).`,
    ];
    console.log(`\n${table}\n\n${verdict.join('\n')}`);
    writeResults('redis', json, table, [
      '',
      'Command: npm run bench -- redis (--pin=off: no pinning even with 4+ cores).',
      `${TOPICS.length} topics, ${PAYLOAD_BYTES}-byte frames (+23-byte bus header on Redis), ${PER_TOPIC_PER_TURN * TOPICS.length} frames per event-loop turn, at most ${MAX_UNANSWERED.toLocaleString('en-US')} publishes unanswered; ${THROUGHPUT_FRAMES.toLocaleString('en-US')} frames per throughput round, ${ROUNDS} rounds, Redis and memory alternated.`,
      '"into bus": until Redis answered every publish script (memory: until publish() returned); "delivered": until the slower gateway had the last frame, every topic\'s seqs checked contiguous (gaps) on both.',
      `Latency: open loop at 25% of the median delivered Redis rate, one batch per ${BATCH_MS} ms, each frame stamped with its batch's intended time and with the time publish() was called (hrtime, one clock for all processes), ${LATENCY_SECONDS} s per round; the worse gateway's percentile per round; median (min–max) of ${ROUNDS} rounds. From the intended time includes the sender's lateness (Node timers fire on whole milliseconds, late when the process is busy or descheduled); the in-memory row under the same schedule is what that costs by itself. From publish() is what the bus adds.`,
      `redis-server 7.0 from test/support/redis.ts (no persistence), pub/sub output-buffer limit lifted for the run. Publisher, redis-server and both gateways: ${pinning.note}. Load average at the end: ${load}.`,
      cpuLine,
      ...verdict,
      'Chart: bench/results/redis.svg.',
    ]);
    const busLabel = (r: (typeof rows)[number]) => (r.bus === 'redis' ? 'Redis' : 'in-memory');
    writeChart(
      'redis',
      chartDocument(
        [
          {
            kind: 'bar',
            title: 'Throughput',
            unit: 'frames per second, median (min–max)',
            bars: rows.flatMap((r) => [
              { label: `${busLabel(r)}: into the bus`, value: r.intoBusPerS.median, min: r.intoBusPerS.min, max: r.intoBusPerS.max, highlight: r.bus === 'redis' },
              { label: `${busLabel(r)}: delivered to both gateways`, value: r.deliveredPerS.median, min: r.deliveredPerS.min, max: r.deliveredPerS.max },
            ]),
          },
          {
            kind: 'bar',
            title: `Latency at ${human(rate)} frames/s`,
            unit: 'ms, median (min–max) of rounds',
            bars: rows.flatMap((r) => [
              { label: `${busLabel(r)}: p50`, value: r.p50Ms.median, min: r.p50Ms.min, max: r.p50Ms.max, note: r.p50Ms.median.toFixed(2) },
              { label: `${busLabel(r)}: p99`, value: r.p99Ms.median, min: r.p99Ms.min, max: r.p99Ms.max, note: r.p99Ms.median.toFixed(2), highlight: r.bus === 'redis' },
              { label: `${busLabel(r)}: p99.9`, value: r.p999Ms.median, min: r.p999Ms.min, max: r.p999Ms.max, note: r.p999Ms.median.toFixed(2) },
            ]),
          },
        ],
        { columns: 1, panelWidth: 640 },
      ),
    );
    return json;
  } finally {
    await redisBus?.close();
    await Promise.all(children.map((g) => g.stop()));
    await redis?.stop();
  }
}
