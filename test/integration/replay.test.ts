/**
 * Replay: deterministic (the same file twice gives the same index series, to the bit), into a real
 * server through `server.ingest`, paced by the recorded exchange times, bounded and stoppable; and the
 * shipped sample day loads and replays with every tick accepted.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { wire } from '../../proto/wire.ts';
import { startServer, type HashcapServer } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { MarketEngine } from '../../server/engine/market-engine.ts';
import { fullIndexView, quoteView } from '../../server/feed/views.ts';
import { IngestGate } from '../../server/ingest/gate.ts';
import { RecordingCode } from '../../server/sources/recording/errors.ts';
import { SAMPLE_DAY_PATH } from '../../server/sources/recording/make-sample.ts';
import { Recorder } from '../../server/sources/recording/recorder.ts';
import { RecordingReader } from '../../server/sources/recording/reader.ts';
import { startReplay, type ReplaySink } from '../../server/sources/recording/replay.ts';
import { MarketSimulator } from '../../server/sources/simulator/simulator.ts';
import { defaultBasketPaths, loadBaskets } from '../../server/market/basket-file.ts';
import { Session } from '../../server/market/session-types.ts';
import { dayInfo, sessionAt } from '../../server/market/sessions.ts';

const TOKEN = 'replay-test-token-0123456789';
const TMP = mkdtempSync(join(tmpdir(), 'hashcap-replay-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const baskets = await loadBaskets(defaultBasketPaths());

/** Newest tick time in a recording (one streaming pass). */
async function lastTimeOf(path: string): Promise<number> {
  let last = 0;
  for await (const b of await RecordingReader.open(path)) last = Math.max(last, b.timeMs);
  return last;
}

interface Run {
  /** Every index's level after each batch, as raw float64 bytes. */
  readonly levels: Buffer;
  /** The /v1/snapshot-like state at the end: every index and every quote, protobuf JSON mapping. */
  readonly state: string;
  readonly accepted: number;
  readonly rejected: number;
  readonly ticksBySession: number[];
  readonly market: MarketEngine;
}

/** Replays `path` as fast as possible into a fresh engine and gate. */
async function replayIntoFreshEngine(path: string, gateNowMs: number): Promise<Run> {
  const market = new MarketEngine(baskets);
  const gate = new IngestGate(market, { now: () => gateNowMs });
  const levels: number[] = [];
  const ticksBySession = [0, 0, 0, 0];
  let rejected = 0;
  const replay = await startReplay(path, (publisher, ticks) => {
    const result = gate.apply(publisher, ticks);
    rejected += result.rejected.length + (result.error ? ticks.length : 0);
    for (const t of ticks) ticksBySession[sessionAt(t.timeMs)]!++;
    for (const ix of market.indexes) levels.push(ix.level);
  }, { speed: Infinity });
  await replay.done;
  const state = JSON.stringify({
    indexes: market.indexes.map((ix) => wire.IndexState.toObject(wire.IndexState.fromObject(fullIndexView(ix)), { json: true, enums: String })),
    quotes: market.allSymbols().map((s) => wire.Quote.toObject(wire.Quote.fromObject(quoteView(market.quote(market.symbolId(s)!))), { json: true, enums: String })),
  });
  return { levels: Buffer.from(new Float64Array(levels).buffer), state, accepted: gate.accepted, rejected, ticksBySession, market };
}

describe('replay of the shipped sample day', () => {
  it('loads, replays with every tick accepted, and twice gives the same index series byte for byte', async () => {
    const reader = await RecordingReader.open(SAMPLE_DAY_PATH);
    const friday = dayInfo('2026-11-20');
    if (!friday.isTradingDay) throw new Error('2026-11-20 must be a trading day');
    expect(reader.header).toMatchObject({ version: 1, format: 'binary', basket: 'miners,ai-hpc', startedMs: friday.preOpenMs });
    await reader.close();
    const last = await lastTimeOf(SAMPLE_DAY_PATH);
    expect(last).toBeLessThan(friday.postCloseMs);

    const a = await replayIntoFreshEngine(SAMPLE_DAY_PATH, last + 1000);
    const b = await replayIntoFreshEngine(SAMPLE_DAY_PATH, last + 1000);
    expect(a.rejected).toBe(0);
    expect(a.accepted).toBeGreaterThan(30_000);
    // Pre-market, regular session and after-hours are all in it.
    expect(a.ticksBySession[Session.Pre]).toBeGreaterThan(500);
    expect(a.ticksBySession[Session.Regular]).toBeGreaterThan(20_000);
    expect(a.ticksBySession[Session.Post]).toBeGreaterThan(500);
    expect(a.ticksBySession[Session.Closed]).toBe(0);
    // The index moved, and both replays moved it identically.
    const levels = new Float64Array(a.levels.buffer, a.levels.byteOffset, a.levels.length / 8);
    expect(new Set(levels).size).toBeGreaterThan(1000);
    expect(a.levels.length).toBe(b.levels.length);
    expect(a.levels.equals(b.levels)).toBe(true);
    expect(a.state).toBe(b.state);
    for (const ix of a.market.indexes) expect(ix.verify().ok).toBe(true);
  });
});

describe('replay into a real server', () => {
  const servers: HashcapServer[] = [];
  const start = async () => {
    const config = parseConfig(['--port', '0', '--transport', 'ws', '--no-simulate', '--token', TOKEN], {});
    const server = await startServer(config, () => {});
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('at speed Infinity through server.ingest: /v1/snapshot shows the index the recording makes', async () => {
    const server = await start();
    const replay = await startReplay(SAMPLE_DAY_PATH, (publisher, ticks) => {
      server.ingest(publisher, ticks);
    }, { speed: Infinity });
    const stats = await replay.done;
    expect(stats.stopped).toBe(false);
    expect(server.gate.accepted).toBe(stats.ticks);
    expect(server.gate.rejected).toBe(0);

    const offline = await replayIntoFreshEngine(SAMPLE_DAY_PATH, (await lastTimeOf(SAMPLE_DAY_PATH)) + 1000);
    const expected = JSON.parse(offline.state) as { indexes: { id: string; level: number; marketCapUsd: number; constituents: { ticker: string; last: number; marketCapUsd: number }[] }[] };
    const snapshot = (await (await fetch(`${server.url}/v1/snapshot`)).json()) as { indexes: Record<string, (typeof expected.indexes)[number]> };
    const pick = (ix: (typeof expected.indexes)[number]) => ({
      level: ix.level,
      marketCapUsd: ix.marketCapUsd,
      constituents: ix.constituents.map((c) => ({ ticker: c.ticker, last: c.last, marketCapUsd: c.marketCapUsd })),
    });
    for (const ix of expected.indexes) expect(pick(snapshot.indexes[ix.id]!), ix.id).toEqual(pick(ix));
  });

  it('at 50×: batches arrive on the recorded schedule divided by 50, never early', async () => {
    // 25 s of a busy morning, recorded in 250 ms batches (at a time the server's clock has passed):
    // at 50× a batch every 5 ms for half a second.
    const path = join(TMP, 'twenty-five-seconds.bin');
    const fromMs = Date.parse('2026-11-20T15:00:00Z');
    const sim = new MarketSimulator(
      baskets[0]!.constituents.map((c) => ({ ticker: c.ticker, previousClose: c.previousClose })),
      { seed: 11, startTimeMs: fromMs, rate: 400 },
    );
    const recorder = Recorder.open(path, { basket: 'miners', startedMs: fromMs });
    for (let t = fromMs + 250; t <= fromMs + 25_000; t += 250) recorder.record('simulator', sim.nextBatch(10_000, t));
    const recorded = recorder.close();
    expect(recorded.batches).toBe(100);

    const server = await start();
    // Warm the server's ingest path up first (as fast as possible, under another publisher id), so
    // the timed run measures pacing rather than the JIT compiling the feed.
    await (await startReplay(path, (publisher, ticks) => void server.ingest(publisher, ticks), { speed: Infinity, publisher: 'warm-up' })).done;

    const deliveries: { realMs: number; timeMs: number }[] = [];
    let marketClockOk = true;
    const replay = await startReplay(path, (publisher, ticks) => {
      const timeMs = Math.max(...ticks.map((t) => t.timeMs));
      // The replay's market clock is at (or past) the batch it is delivering.
      if (replay.marketTimeMs < timeMs) marketClockOk = false;
      deliveries.push({ realMs: performance.now(), timeMs });
      server.ingest(publisher, ticks);
    }, { speed: 50, publisher: 'replay' });
    const stats = await replay.done;
    expect(stats.batches).toBe(recorded.batches);
    expect(server.gate.accepted).toBe(2 * recorded.ticks);
    expect(server.gate.rejected).toBe(0);
    expect(server.gate.lastSeq('replay', 'IREN')).toBeGreaterThan(0);
    expect(marketClockOk).toBe(true);

    const first = deliveries[0]!;
    const span = (deliveries.at(-1)!.timeMs - first.timeMs) / 50;
    expect(span).toBeGreaterThan(490);
    const lateness = deliveries.map((d) => d.realMs - first.realMs - (d.timeMs - first.timeMs) / 50);
    // Never early: no batch before its recorded time / 50 …
    expect(Math.min(...lateness)).toBeGreaterThan(-0.5);
    // … and roughly on time (loose bounds: this runs on shared CI machines). Lateness does not
    // accumulate: a late batch is followed by on-time ones, so the run ends close to the span.
    const sorted = [...lateness].sort((x, y) => x - y);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(span / 2);
    expect(stats.elapsedMs).toBeGreaterThanOrEqual(span - 1);
    expect(stats.elapsedMs).toBeLessThan(span + 2000);
    expect(stats.maxLagMs).toBeLessThan(span + 2000);
  });
});

describe('bounded and stoppable', () => {
  it('stop() during a 1× replay of a whole day ends it at once; nothing is delivered after', async () => {
    let delivered = 0;
    const replay = await startReplay(SAMPLE_DAY_PATH, () => {
      delivered++;
    }, { speed: 1 });
    await new Promise((r) => setTimeout(r, 150));
    expect(replay.running).toBe(true);
    const t0 = performance.now();
    replay.stop();
    const stats = await replay.done;
    expect(performance.now() - t0).toBeLessThan(200);
    expect(stats.stopped).toBe(true);
    expect(replay.running).toBe(false);
    const atStop = delivered;
    expect(atStop).toBeLessThan(5);
    await new Promise((r) => setTimeout(r, 50));
    expect(delivered).toBe(atStop);
  });

  it('an async sink is awaited: one batch in flight at a time, and an AbortSignal stops it mid-file', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let delivered = 0;
    const controller = new AbortController();
    const sink: ReplaySink = async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
      if (++delivered === 50) controller.abort();
    };
    const replay = await startReplay(SAMPLE_DAY_PATH, sink, { speed: Infinity, signal: controller.signal });
    const stats = await replay.done;
    expect(maxInFlight).toBe(1);
    expect(stats).toMatchObject({ stopped: true, batches: 50 });
  });

  it('fastForwardToMs sends what came before at once, maxGapMs cuts quiet stretches, marketTimeMs follows', async () => {
    const last = await lastTimeOf(SAMPLE_DAY_PATH);
    const friday = dayInfo('2026-11-20');
    if (!friday.isTradingDay) throw new Error('2026-11-20 must be a trading day');
    // A whole day at 1×, fast-forwarded to 2 s before the last batch and with gaps capped at 20 ms:
    // seconds, not hours.
    const replay = await startReplay(SAMPLE_DAY_PATH, () => {}, { speed: 1, fastForwardToMs: last - 2000, maxGapMs: 20 });
    expect(replay.marketTimeMs).toBe(friday.preOpenMs);
    const stats = await replay.done;
    expect(stats.elapsedMs).toBeLessThan(20_000);
    expect(stats.lastTimeMs).toBe(last);
    expect(replay.marketTimeMs).toBe(last);
  });

  it('bad options and unreadable files are typed errors before anything is delivered', async () => {
    const sink = () => {};
    await expect(startReplay(SAMPLE_DAY_PATH, sink, { speed: 0 })).rejects.toMatchObject({ code: RecordingCode.OPTION });
    await expect(startReplay(SAMPLE_DAY_PATH, sink, { speed: Number.NaN })).rejects.toMatchObject({ code: RecordingCode.OPTION });
    await expect(startReplay(join(TMP, 'nope.bin'), sink)).rejects.toMatchObject({ code: RecordingCode.IO });
  });
});
