/**
 * `npm run bench -- durability`: what the quote log costs the aggregator, against its in-memory path in
 * the same run, and how long a restart takes.
 *
 * The aggregator's core is built as server/app.ts builds it (engine, gate, the feed publishing every
 * topic to a bus, the pipeline), in this process; Redis is a real redis-server on a loopback port
 * (test/support/redis.ts), one with no persistence (`logged`) and one with `appendonly yes` +
 * `appendfsync always` (`fsync`: this Redis 7.0 has no WAITAOF, so every write is fsynced before its reply).
 *
 * 1. Ingest throughput at batches of 1,000 ticks (simulator ticks, protobuf PublisherMessage bytes as a
 *    websocket delivers them): `memory` decodes and applies (the path without a log); `logged` / `fsync`
 *    decode and submit (record, XADD, apply after the append, ack), 64 batches in flight as publishers
 *    pipelining on their sockets. Variants alternate round by round; ticks/s median and spread.
 * 2. Ack latency at 25% of the `logged` throughput: open loop, batches sent on a fixed schedule, latency
 *    from each batch's intended send time to its ack (the submit resolving), so a late sender counts.
 *    In process: the websocket's own cost is the same with and without the log and is not in this figure.
 *    The process's GCs during the run are counted beside it (a full GC pause stalls every ack behind it:
 *    the ~0.2 s stalls once seen here were full GCs of answered batches the ingest queue still held).
 * 3. Restart: a simulated trading day (04:00–20:00 ET, the simulator's default 200 ticks/s, a batch every
 *    50 ms) written to the log, then a fresh core restored from it (no checkpoint: the whole day
 *    replayed), and again from a checkpoint taken at the end (checkpoint load alone).
 *    `--hours=N` logs N hours instead of 16 (the quick default is 2: the regular-session opening).
 */
import { loadavg } from 'node:os';
import { PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';
import type { hashcap } from '../../proto/wire.ts';
import { MarketEngine } from '../../server/engine/market-engine.ts';
import { IngestGate } from '../../server/ingest/gate.ts';
import { IngestPipeline } from '../../server/ingest/pipeline.ts';
import { DEFAULT_FEED_OPTIONS, Feed } from '../../server/feed/feed.ts';
import { MemoryBus } from '../../server/bus/index.ts';
import { defaultBasketPaths, loadBaskets } from '../../server/market/basket-file.ts';
import type { Basket } from '../../server/market/basket-types.ts';
import { MarketSimulator } from '../../server/sources/simulator/simulator.ts';
import { decodePublisherMessage, encodePublisherMessage } from '../../server/tick/codec.ts';
import { BatchClock, tradingDayCursor, type AggregatorCore } from '../../server/durability/aggregator-core.ts';
import { encodeBatchRecord } from '../../server/durability/batch-record.ts';
import { HeldBus } from '../../server/durability/held-bus.ts';
import { QuoteLog, type AckDurability } from '../../server/durability/quote-log.ts';
import { restoreAggregator, type DurableAggregator } from '../../server/durability/restore.ts';
import { command, redisMissing, startRedis, type RedisServer } from '../../test/support/redis.ts';
import { markdownTable, writeResults } from '../lib/report.ts';
import { human, summarize } from '../lib/stats.ts';

const BATCH = 1000;
const FIXTURE_BATCHES = 200;
const IN_FLIGHT = 64;
const START_MS = Date.parse('2026-11-20T14:30:00Z');
const LATENCY_SECONDS = 4;

function buildCore(baskets: readonly Basket[], marketNow: () => number): AggregatorCore {
  const market = new MarketEngine(baskets);
  const clock = new BatchClock(marketNow);
  const gate = new IngestGate(market, { now: clock.now });
  const output = new HeldBus(new MemoryBus(), false);
  const feed = new Feed(market, { publish() {}, subscriberCount: () => 0 }, { now: () => Date.now(), marketNow: clock.now }, { ...DEFAULT_FEED_OPTIONS, epoch: Date.now() }, output);
  const pipeline = new IngestPipeline(gate, [{ batchApplied: () => feed.afterBatch() }]);
  const tradingDay = tradingDayCursor(market, gate);

  return { market, gate, feed, pipeline, clock, tradingDay, output };
}

/** Protobuf PublisherMessages of 1,000 simulator ticks each, as a publisher's websocket delivers them. */
function fixtures(basket: Basket): Uint8Array[] {
  const sim = new MarketSimulator(basket.constituents, { seed: 7, startTimeMs: START_MS, rate: 1_000_000 });
  const out: Uint8Array[] = [];
  for (let b = 0; b < FIXTURE_BATCHES; b++) {
    out.push(encodePublisherMessage({ batch: { batchId: b + 1, ticks: sim.nextBatch(BATCH, START_MS + 3_600_000) } }, 'proto'));
  }
  return out;
}

let pass = 0;
/** LOG_UNAVAILABLE answers during the throughput passes (a Redis reply slower than the command timeout). */
let refusals = 0;

/** Ticks per second of this process's CPU time (user + system) in the last pass: what the work costs the aggregator, whatever else the machine runs. */
let lastCpuRate = 0;

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** One pass over the fixtures through the in-memory path; ticks/s. */
function memoryPass(core: AggregatorCore, batches: readonly Uint8Array[]): number {
  const publisher = `p${++pass}`;
  const cpu0 = cpuSeconds();
  const t0 = performance.now();
  for (const bytes of batches) {
    const ticks = decodePublisherMessage(bytes, 'proto').batch!.ticks!;
    const r = core.pipeline.apply(publisher, ticks);
    if (r.accepted !== ticks.length) throw new Error(`memory: ${r.accepted} of ${ticks.length} accepted`);
  }
  lastCpuRate = (batches.length * BATCH) / (cpuSeconds() - cpu0);
  return (batches.length * BATCH) / ((performance.now() - t0) / 1000);
}

/** One pass through the logged path, IN_FLIGHT batches outstanding; ticks/s. */
async function loggedPass(durable: DurableAggregator, batches: readonly Uint8Array[]): Promise<number> {
  const publisher = `p${++pass}`;
  const cpu0 = cpuSeconds();
  const t0 = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < batches.length) {
      const bytes = batches[next++]!;
      const ticks = decodePublisherMessage(bytes, 'proto').batch!.ticks!;
      // As a publisher does: a refused batch is sent again after retry_after_ms (a resend of one that
      // did reach the log is refused tick by tick as duplicates).
      for (;;) {
        const r = await durable.ingest.submit(publisher, ticks, { bytes, envelope: 'message', format: 'proto' });
        if (r.logged) {
          if (r.result.accepted + r.result.rejected.length !== ticks.length) throw new Error(`logged: ${r.result.accepted} accepted`);
          break;
        }
        refusals++;
        await new Promise((resolve) => setTimeout(resolve, r.retryAfterMs ?? 100));
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  lastCpuRate = (batches.length * BATCH) / (cpuSeconds() - cpu0);
  return (batches.length * BATCH) / ((performance.now() - t0) / 1000);
}

/** Garbage collections during an ack run: a full (mark-compact) pause stalls every ack behind it. */
interface GcDuring {
  readonly major: number;
  readonly minor: number;
  /** The longest pause of each kind, ms (wall time: a descheduled GC thread counts). */
  readonly longestMajorMs: number;
  readonly longestMinorMs: number;
  /** V8 heap in use at the end of the run, MB. */
  readonly heapUsedMb: number;
}

let lastGc: GcDuring = { major: 0, minor: 0, longestMajorMs: 0, longestMinorMs: 0, heapUsedMb: 0 };

/** Open loop at `batchesPerSecond`: latency (ms) from each batch's intended send time to its ack; the run's GCs in lastGc. */
async function latencyRun(durable: DurableAggregator, batches: readonly Uint8Array[], batchesPerSecond: number): Promise<number[]> {
  const gc = { major: 0, minor: 0, longestMajorMs: 0, longestMinorMs: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as unknown as { detail?: { kind?: number } }).detail?.kind;
      if (kind === perfConstants.NODE_PERFORMANCE_GC_MINOR) {
        gc.minor++;
        gc.longestMinorMs = Math.max(gc.longestMinorMs, entry.duration);
      } else if (kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) {
        gc.major++;
        gc.longestMajorMs = Math.max(gc.longestMajorMs, entry.duration);
      }
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  try {
    return await ackRun(durable, batches, batchesPerSecond);
  } finally {
    // GC entries arrive asynchronously.
    await new Promise((resolve) => setTimeout(resolve, 50));
    observer.disconnect();
    lastGc = { ...gc, heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20 };
  }
}

async function ackRun(durable: DurableAggregator, batches: readonly Uint8Array[], batchesPerSecond: number): Promise<number[]> {
  let publisher = `lat${++pass}`;
  const intervalMs = 1000 / batchesPerSecond;
  const total = Math.max(1, Math.floor(LATENCY_SECONDS * batchesPerSecond));
  const latencies: number[] = [];
  const acks: Promise<void>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const due = t0 + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait - 1));
    while (performance.now() < due) await new Promise((r) => setImmediate(r));
    const bytes = batches[i % batches.length]!;
    // Past the end of the fixtures: the same batches again as another publisher, so no seq repeats
    // (a repeat would be an idempotent resend, acknowledged without being logged again).
    if (i > 0 && i % batches.length === 0) publisher = `lat${++pass}`;
    const ticks = decodePublisherMessage(bytes, 'proto').batch!.ticks!;
    acks.push(
      durable.ingest.submit(publisher, ticks, { bytes, envelope: 'message', format: 'proto' }).then((r) => {
        if (!r.logged) throw new Error('latency: refused');
        latencies.push(performance.now() - due);
      }),
    );
  }
  await Promise.all(acks);
  return latencies;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** A simulated day at the simulator's defaults, written to the log as the aggregator would have (one entry per batch). */
async function writeDay(quoteLog: QuoteLog, basket: Basket, hours: number): Promise<{ batches: number; ticks: number; fromMs: number; untilMs: number }> {
  const fromMs = Date.parse('2026-11-20T09:00:00Z'); // 04:00 New York
  const startMs = hours >= 16 ? fromMs : Date.parse('2026-11-20T14:30:00Z'); // quick: the opening
  const untilMs = startMs + hours * 3_600_000;
  const sim = new MarketSimulator(basket.constituents, { seed: 1, startTimeMs: startMs, rate: 200 });
  let batches = 0;
  let ticks = 0;
  let pending: Promise<unknown>[] = [];
  for (let t = startMs + 50; t <= untilMs; t += 50) {
    const batch = sim.nextBatch(10_000, t);
    if (batch.length === 0) continue;
    pending.push(quoteLog.append(encodeBatchRecord('simulator', t, batch as hashcap.v1.ITick[], null)));
    batches++;
    ticks += batch.length;
    if (pending.length >= 2000) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
  return { batches, ticks, fromMs: startMs, untilMs };
}

export async function durabilityBench(full: boolean): Promise<unknown> {
  const missing = redisMissing();
  if (missing !== null) throw new Error(missing);
  const hoursArg = process.argv.find((a) => a.startsWith('--hours='));
  const hours = hoursArg ? Number(hoursArg.slice('--hours='.length)) : full ? 16 : 2;
  const rounds = full ? 11 : 5;
  const baskets = await loadBaskets(defaultBasketPaths());
  const batches = fixtures(baskets[0]!);
  const marketNow = () => START_MS + 86_400_000;
  const servers: RedisServer[] = [];
  const opened: DurableAggregator[] = [];
  try {
    const plain = await startRedis();
    const aof = await startRedis({ args: ['--appendonly', 'yes', '--appendfsync', 'always'] });
    servers.push(plain, aof);
    const memoryCore = buildCore(baskets, marketNow);
    const logged: Record<'logged' | 'fsync', DurableAggregator> = {
      logged: await restoreAggregator({ core: buildCore(baskets, marketNow), quoteLog: { url: plain.url, durability: 'logged' }, log: () => {}, checkpointIntervalMs: 3_600_000 }),
      fsync: await restoreAggregator({ core: buildCore(baskets, marketNow), quoteLog: { url: aof.url, durability: 'fsync' as AckDurability }, log: () => {}, checkpointIntervalMs: 3_600_000 }),
    };
    opened.push(logged.logged, logged.fsync);

    // Warm-up, then alternating rounds.
    memoryPass(memoryCore, batches);
    await loggedPass(logged.logged, batches);
    await loggedPass(logged.fsync, batches);
    const samples = { memory: [] as number[], logged: [] as number[], fsync: [] as number[] };
    const cpu = { memory: [] as number[], logged: [] as number[], fsync: [] as number[] };
    for (let r = 0; r < rounds; r++) {
      samples.memory.push(memoryPass(memoryCore, batches));
      cpu.memory.push(lastCpuRate);
      samples.logged.push(await loggedPass(logged.logged, batches));
      cpu.logged.push(lastCpuRate);
      samples.fsync.push(await loggedPass(logged.fsync, batches));
      cpu.fsync.push(lastCpuRate);
    }
    const memory = summarize(samples.memory);
    const ratio = (k: 'logged' | 'fsync') => summarize(samples[k].map((v, i) => v / samples.memory[i]!));

    // Latency at 25% of the logged throughput.
    const loggedRate = summarize(samples.logged).median;
    const batchesPerSecond = (0.25 * loggedRate) / BATCH;
    const lat: Record<string, number[]> = {};
    const gcDuring: Record<string, GcDuring> = {};
    for (const k of ['logged', 'fsync'] as const) {
      lat[k] = (await latencyRun(logged[k], batches, batchesPerSecond)).sort((a, b) => a - b);
      gcDuring[k] = lastGc;
    }

    // Restart from a day in the log.
    await command(plain.port, ['FLUSHALL']);
    const dayLog = await QuoteLog.open({ url: plain.url, log: () => {} });
    const day = await writeDay(dayLog, baskets[0]!, hours);
    const memoryMb = Number(/used_memory:(\d+)/.exec(await command(plain.port, ['INFO', 'memory']))?.[1] ?? 0) / 2 ** 20;
    const dayNow = () => day.untilMs;
    const replayStart = performance.now();
    const restored = await restoreAggregator({ core: buildCore(baskets, dayNow), quoteLog: dayLog, log: () => {}, checkpointIntervalMs: 3_600_000 });
    const replayMs = performance.now() - replayStart;
    await restored.checkpoints.writeNow();
    await restored.deactivate();
    const fromCheckpointStart = performance.now();
    const again = await restoreAggregator({ core: buildCore(baskets, dayNow), quoteLog: dayLog, log: () => {}, checkpointIntervalMs: 3_600_000 });
    const checkpointMs = performance.now() - fromCheckpointStart;
    if (again.report.checkpoint === null || again.report.replayedBatches !== 0) throw new Error('restart from the checkpoint did not use it');
    await again.deactivate();
    await dayLog.close();

    const load = loadavg().map((l) => l.toFixed(1)).join(' ');
    const rows = [
      { variant: 'memory (no log)', ticksPerSecond: memory.median, spreadPct: memory.spreadPct, ratio: 1, ticksPerCpuSecond: summarize(cpu.memory).median, cpuRatio: 1 },
      ...(['logged', 'fsync'] as const).map((k) => ({
        variant: `quote log, --ack-durability ${k}`,
        ticksPerSecond: summarize(samples[k]).median,
        spreadPct: summarize(samples[k]).spreadPct,
        ratio: ratio(k).median,
        ticksPerCpuSecond: summarize(cpu[k]).median,
        cpuRatio: summarize(cpu[k].map((v, i) => v / cpu.memory[i]!)).median,
        ackP50Ms: percentile(lat[k]!, 50),
        ackP99Ms: percentile(lat[k]!, 99),
        ackMaxMs: lat[k]![lat[k]!.length - 1]!,
        gcDuringAckRun: gcDuring[k]!,
      })),
    ];
    const table = [
      markdownTable(
        ['ingest, batches of 1,000', 'ticks/s (median)', 'spread', 'vs memory', 'ticks per aggregator CPU s', 'vs memory', `ack p50 / p99 / max at 25% (${batchesPerSecond.toFixed(0)} batches/s)`, 'GCs in the ack run: full n / longest; young n / longest; heap at the end'],
        rows.map((r) => [
          r.variant,
          human(r.ticksPerSecond),
          `${r.spreadPct.toFixed(0)}%`,
          `${(r.ratio * 100).toFixed(0)}%`,
          human(r.ticksPerCpuSecond),
          `${(r.cpuRatio * 100).toFixed(0)}%`,
          'ackP99Ms' in r ? `${r.ackP50Ms.toFixed(2)} / ${r.ackP99Ms.toFixed(2)} / ${r.ackMaxMs.toFixed(2)} ms` : '—',
          'gcDuringAckRun' in r
            ? `${r.gcDuringAckRun.major} / ${r.gcDuringAckRun.longestMajorMs.toFixed(0)} ms; ${r.gcDuringAckRun.minor} / ${r.gcDuringAckRun.longestMinorMs.toFixed(0)} ms; ${r.gcDuringAckRun.heapUsedMb.toFixed(0)} MB`
            : '—',
        ]),
      ),
      '',
      markdownTable(
        ['restart', 'batches', 'ticks', 'time'],
        [
          [`replay of ${hours} h of the simulator's day (no checkpoint), log ${memoryMb.toFixed(0)} MB in Redis`, human(day.batches), human(day.ticks), `${(replayMs / 1000).toFixed(2)} s`],
          ['from a checkpoint at the end (load only)', '0', '0', `${checkpointMs.toFixed(0)} ms`],
        ],
      ),
    ].join('\n');
    console.log(table);
    console.log(`\nload average ${load} (${rounds} rounds); ${refusals} batches refused and resent`);
    const json = { rows, refusals, restart: { hours, ...day, replayMs, checkpointMs, logMemoryMb: memoryMb }, loadAverage: load, rounds };
    writeResults('durability', [json], table, [
      `Command: npm run bench -- durability${full ? ' --full' : ''}${hoursArg ? ` ${hoursArg}` : ''}. Load average at the end: ${load}.`,
      'Throughput: 64 batches in flight; ratios are medians of per-round ratios against the memory path. Latency: open loop, in process (no websocket); the GCs of this process during each ack run (perf_hooks, wall-time pauses) beside it, since a full GC stalls every ack behind it.',
    ]);
    return json;
  } finally {
    for (const d of opened) await d.close();
    for (const s of servers) await s.stop();
  }
}
