/**
 * Durability as a user relies on it, with a real redis-server and aggregator processes killed with
 * kill -9: what a publisher was told is logged survives, and the restored state is the state of an
 * uninterrupted run over the same batches (the reference: a one-process server fed the same batches in
 * the same order), identical, not close.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { hashcap } from '../../proto/wire.ts';
import { startServer, type HashcapServer } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { IngestReason } from '../../server/ingest/reasons.ts';
import type { SymbolId } from '../../server/engine/ids.ts';
import { AggregatorProcess, Publisher, sleep, tradeBatches } from '../support/aggregator.ts';
import { command, IN_CI, redisMissing, startRedis, type RedisServer } from '../support/redis.ts';

const missing = redisMissing();
if (missing !== null && IN_CI) throw new Error(missing);

const LOG_KEY = 'hashcap:{durable}:log';
const CHECKPOINTS_KEY = 'hashcap:{durable}:checkpoints';

/** The reference: one process, no Redis, fed `batches` in order (publisher id 'publisher', as the endpoint names a token holder). */
async function referenceIndexes(reference: HashcapServer, batches: readonly (readonly hashcap.v1.ITick[])[]): Promise<unknown> {
  for (const b of batches) reference.ingest('publisher', b);
  const body = (await (await fetch(`${reference.url}/v1/snapshot`)).json()) as { indexes: unknown };
  return body.indexes;
}

interface Progress {
  acked: number;
  duplicates: number;
  refused: number;
}

/**
 * Sends `batches` one at a time through whatever aggregator `current()` is, resending what was not
 * acknowledged (a refused batch after retry_after_ms; a batch whose socket died, at once).
 */
async function publishAll(batches: readonly (readonly hashcap.v1.ITick[])[], current: () => AggregatorProcess, progress: Progress, paceMs = 0): Promise<void> {
  let publisher: Publisher | null = null;
  for (let i = 0; i < batches.length; ) {
    try {
      publisher ??= await Publisher.connect(current().ingestUrl);
      const reply = await publisher.send(i + 1, batches[i]!);
      if (reply.error?.code) {
        expect(reply.error.code, reply.error.message ?? '').toBe(IngestReason.LOG_UNAVAILABLE);
        expect(reply.error.retryAfterMs).toBeGreaterThan(0);
        progress.refused++;
        await sleep(reply.error.retryAfterMs ?? 100);
        continue;
      }
      expect(reply.logged).toBe(true);
      // Accepted whole, or (a resend of a batch logged just before a kill) refused whole as duplicates.
      const duplicates = (reply.rejected ?? []).filter((r) => r.reason === IngestReason.DUPLICATE_SEQ).length;
      expect(reply.accepted + duplicates, JSON.stringify(reply.rejected?.slice(0, 2))).toBe(batches[i]!.length);
      if (duplicates > 0) progress.duplicates++;
      progress.acked = ++i;
      if (paceMs > 0) await sleep(paceMs);
    } catch (error) {
      if (error instanceof Error && error.name === 'AssertionError') throw error;
      publisher?.close();
      publisher = null;
      await sleep(50);
    }
  }
  publisher?.close();
}

describe.skipIf(missing !== null)('durability: quote log, checkpoints, restart (real redis-server, kill -9)', () => {
  let redis: RedisServer;
  let reference: HashcapServer;
  let symbols: readonly string[];
  let closes: number[];
  const running: AggregatorProcess[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    reference = await startServer(parseConfig(['--port', '0', '--no-simulate'], {}), () => {});
    symbols = reference.market.allSymbols();
    closes = symbols.map((s) => reference.market.quote(reference.market.symbolId(s) as SymbolId).previousClose);
  }, 60_000);

  afterAll(async () => {
    for (const a of running) await a.kill();
    await reference?.close();
    await redis?.stop();
  });

  async function start(extra: readonly string[] = []): Promise<AggregatorProcess> {
    const a = await AggregatorProcess.start(redis.url, ['--checkpoint-interval-ms', '300', ...extra]);
    running.push(a);
    return a;
  }

  it('kill -9 at random moments loses no acknowledged batch, and the restored state equals an uninterrupted run', async () => {
    await command(redis.port, ['FLUSHALL']);
    const batches = tradeBatches(symbols, closes, 500);
    let aggregator = await start();
    const epochs = [(await aggregator.snapshot()).epoch];
    const progress: Progress = { acked: 0, duplicates: 0, refused: 0 };
    const publishing = publishAll(batches, () => aggregator, progress, 4);
    // Four kills, each at a random moment after a random number of further acknowledged batches.
    const kills: number[] = [];
    for (let k = 0; k < 4; k++) {
      const target = progress.acked + 20 + Math.floor(Math.random() * 60);
      while (progress.acked < Math.min(target, batches.length - 40)) await sleep(1);
      await sleep(Math.random() * 20);
      kills.push(progress.acked);
      await aggregator.kill();
      aggregator = await start();
      epochs.push((await aggregator.snapshot()).epoch);
    }
    await publishing;
    expect(progress.acked).toBe(batches.length);
    expect(new Set(epochs).size, 'every restart is a new epoch').toBe(epochs.length);
    expect(aggregator.output).toMatch(/restore: (checkpoint \S+|no checkpoint) \+ \d+ logged batches/);

    const expected = await referenceIndexes(reference, batches);
    expect((await aggregator.snapshot()).indexes).toEqual(expected);

    // And once more with everything acknowledged: the restart alone changes nothing.
    await aggregator.kill();
    aggregator = await start();
    expect((await aggregator.snapshot()).indexes).toEqual(expected);
    expect(aggregator.output).toMatch(/restore: checkpoint \S+ \+ \d+ logged batches/);
    console.log(`durability: kills after ${kills.join(', ')} acknowledged batches; ${progress.duplicates} resends were duplicates, ${progress.refused} refusals`);
  }, 240_000);
});
