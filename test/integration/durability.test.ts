/**
 * Durability as a user relies on it, with a real redis-server and aggregator processes killed with
 * kill -9: what a publisher was told is logged survives, and the restored state is the state of an
 * uninterrupted run over the same batches (the reference: a one-process server fed the same batches in
 * the same order), identical, not close.
 */
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { hashcap } from '../../proto/wire.ts';
import { startServer } from '../../server/app.ts';
import { MarketEngine } from '../../server/engine/market-engine.ts';
import { defaultBasketPaths, loadBaskets } from '../../server/market/basket-file.ts';
import { parseConfig } from '../../server/config.ts';
import { IngestReason } from '../../server/ingest/reasons.ts';
import type { SymbolId } from '../../server/engine/ids.ts';
import { Publisher, sleep, startAggregator, tradeBatches } from '../support/aggregator.ts';
import type { RoleProcess } from '../support/role-process.ts';
import { command, IN_CI, redisMissing, startRedis, type RedisServer } from '../support/redis.ts';

const missing = redisMissing();
if (missing !== null && IN_CI) throw new Error(missing);

const CHECKPOINTS_KEY = 'hashcap:{durable}:checkpoints';

/**
 * The reference: an uninterrupted run — one process, no Redis — fed `batches` in order, each once
 * (publisher id 'publisher', as the endpoint names a token holder); its /v1/snapshot indexes.
 */
async function referenceIndexes(batches: readonly (readonly hashcap.v1.ITick[])[]): Promise<unknown> {
  const reference = await startServer(parseConfig(['--port', '0', '--no-simulate'], {}), () => {});
  try {
    for (const b of batches) reference.ingest('publisher', b);
    const body = (await (await fetch(`${reference.url}/v1/snapshot`)).json()) as { indexes: unknown };
    return body.indexes;
  } finally {
    await reference.close();
  }
}

/** A resend of a batch the aggregator already has: seq equal to (or, when later batches made it too, below) the last accepted. */
const alreadyApplied = new Set<number>([IngestReason.DUPLICATE_SEQ, IngestReason.OUT_OF_ORDER_SEQ]);

interface Progress {
  acked: number;
  duplicates: number;
  refused: number;
}

/**
 * Sends `batches` one at a time through whatever aggregator `current()` is, resending what was not
 * acknowledged (a refused batch after retry_after_ms; a batch whose socket died, at once).
 */
async function publishAll(batches: readonly (readonly hashcap.v1.ITick[])[], current: () => RoleProcess, progress: Progress, paceMs = 0): Promise<void> {
  let publisher: Publisher | null = null;
  for (let i = 0; i < batches.length; ) {
    try {
      publisher ??= await Publisher.connect(current().ingestUrl);
      const reply = await publisher.send(i + 1, batches[i]!);
      if (reply.error?.code) {
        expect(reply.error.code, reply.error.message ?? '').toBe(IngestReason.LOG_UNAVAILABLE);
        expect(reply.error.retryAfterMs).toBeGreaterThan(0);
        progress.refused++;
        if (process.env.DEBUG_DURABILITY) console.log(`refused batch ${i + 1}: ${reply.error.message}`);
        await sleep(reply.error.retryAfterMs ?? 100);
        continue;
      }
      expect(reply.logged).toBe(true);
      // Accepted whole, or (a resend of a batch logged just before a kill) refused whole as duplicates.
      const duplicates = (reply.rejected ?? []).filter((r) => alreadyApplied.has(r.reason ?? 0)).length;
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
  let symbols: readonly string[];
  let closes: number[];
  const running: RoleProcess[] = [];
  const redisServers: RedisServer[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    redisServers.push(redis);
    const market = new MarketEngine(await loadBaskets(defaultBasketPaths()));
    symbols = market.allSymbols();
    closes = symbols.map((s) => market.quote(market.symbolId(s) as SymbolId).previousClose);
  }, 60_000);

  // One aggregator per log at a time (a second one would write its checkpoints into the next test's
  // Redis: keeping two off one log is the lease's job, not these tests').
  afterEach(async () => {
    for (const a of running.splice(0)) await a.kill();
  });

  afterAll(async () => {
    for (const r of redisServers) await r.stop();
  });

  async function start(extra: readonly string[] = [], url = redis.url): Promise<RoleProcess> {
    const a = await startAggregator(url, ['--checkpoint-interval-ms', '300', ...extra]);
    running.push(a);
    return a;
  }

  async function lastAppliedId(a: RoleProcess): Promise<string> {
    return ((await a.health(10_000))!.body['quoteLog'] as { lastAppliedId: string }).lastAppliedId;
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

    const expected = await referenceIndexes(batches);
    expect((await aggregator.snapshot()).indexes).toEqual(expected);

    // And once more with everything acknowledged: the restart alone changes nothing.
    await aggregator.kill();
    aggregator = await start();
    expect((await aggregator.snapshot()).indexes).toEqual(expected);
    expect(aggregator.output).toMatch(/restore: checkpoint \S+ \+ \d+ logged batches/);
    console.log(`durability: kills after ${kills.join(', ')} acknowledged batches; ${progress.duplicates} resends were duplicates, ${progress.refused} refusals`);
  }, 240_000);

  it('a corrupted and a truncated checkpoint are detected by their checksum: the restore falls back to an older one and replays more', async () => {
    await command(redis.port, ['FLUSHALL']);
    const batches = tradeBatches(symbols, closes, 300, 11);
    let aggregator = await start();
    const progress: Progress = { acked: 0, duplicates: 0, refused: 0 };
    await publishAll(batches, () => aggregator, progress, 5);
    const client = new Redis(redis.url);
    try {
      // Three checkpoints at three positions in the log (one every 300 ms while publishing, and one at the end).
      const last = await lastAppliedId(aggregator);
      let keys: string[] = [];
      for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(100)) {
        keys = await client.lrange(CHECKPOINTS_KEY, 0, -1);
        if (keys.length === 3 && keys[0]!.endsWith(`-${last}`)) break;
      }
      expect(keys).toHaveLength(3);
      await aggregator.kill();
      // The newest: one byte flipped in the middle. The one before: cut short (a torn write).
      const newest = (await client.getBuffer(keys[0]!))!;
      const middle = newest.length >> 1;
      newest[middle] = newest[middle]! ^ 0xff;
      await client.set(keys[0]!, newest);
      const second = (await client.getBuffer(keys[1]!))!;
      await client.set(keys[1]!, second.subarray(0, second.length - 100));

      aggregator = await start();
      expect(aggregator.output).toContain(`checkpoint ${keys[0]} is unusable (checksum mismatch`);
      expect(aggregator.output).toContain(`checkpoint ${keys[1]} is unusable (`);
      expect(aggregator.output).toContain('falling back to the previous checkpoint and a longer replay');
      const restored = /restore: checkpoint (\S+) \+ (\d+) logged batches/.exec(aggregator.output);
      expect(restored?.[1]).toBe(keys[2]);
      expect(Number(restored?.[2])).toBeGreaterThan(0);
      expect((await aggregator.snapshot()).indexes).toEqual(await referenceIndexes(batches));
    } finally {
      client.disconnect();
    }
  }, 120_000);

  it('Redis killed while a publisher sends: typed refusals with retry_after_ms, nothing acknowledged lost, ingest resumes when Redis is back', async () => {
    // AOF with fsync on every write: what Redis acknowledged survives its kill -9 (--ack-durability fsync).
    const aof = await startRedis({ args: ['--appendonly', 'yes', '--appendfsync', 'always'] });
    redisServers.push(aof);
    const batches = tradeBatches(symbols, closes, 300, 23);
    let aggregator = await start(['--ack-durability', 'fsync'], aof.url);
    const progress: Progress = { acked: 0, duplicates: 0, refused: 0 };
    const publishing = publishAll(batches, () => aggregator, progress, 5);
    while (progress.acked < 80) await sleep(5);
    await aof.kill();
    const ackedBeforeOutage = progress.acked;
    await sleep(1500);
    // While Redis is down, nothing is acknowledged; the publisher is told to come back later.
    expect(progress.acked - ackedBeforeOutage).toBeLessThanOrEqual(1);
    expect(progress.refused).toBeGreaterThan(0);
    expect((await aggregator.health(10_000))!.body['quoteLog']).toMatchObject({ accepting: false });
    await aof.restart();
    await publishing;
    expect(progress.acked).toBe(batches.length);
    expect(aggregator.output).toContain('quote log: Redis connection lost; ingest is refused (LOG_UNAVAILABLE) until it is back');
    const expected = await referenceIndexes(batches);
    expect((await aggregator.snapshot()).indexes).toEqual(expected);
    // Everything acknowledged is in the log: a restarted aggregator arrives at the same state.
    await aggregator.kill();
    aggregator = await start(['--ack-durability', 'fsync'], aof.url);
    expect((await aggregator.snapshot()).indexes).toEqual(expected);
  }, 120_000);

  it('a publisher that disconnects mid-batch and resends loses nothing and double-applies nothing (per-publisher seq)', async () => {
    await command(redis.port, ['FLUSHALL']);
    const batches = tradeBatches(symbols, closes, 200, 31);
    let aggregator = await start();
    let next = 0; // the first batch not yet acknowledged
    let duplicates = 0;
    let cuts = 0;
    while (next < batches.length) {
      // Ten batches in flight, and the socket cut after a random number of replies (0–5).
      const publisher = await Publisher.connect(aggregator.ingestUrl);
      const window = batches.slice(next, next + 10);
      const cutAfter = Math.floor(Math.random() * 6);
      const replies = window.map((b, k) => publisher.send(next + k + 1, b));
      let answered = 0;
      for (const reply of replies) {
        if (answered === cutAfter && answered < window.length) {
          publisher.close();
          cuts++;
          break;
        }
        const r = await reply;
        expect(r.logged).toBe(true);
        const dup = (r.rejected ?? []).filter((x) => alreadyApplied.has(x.reason ?? 0)).length;
        expect(r.accepted + dup).toBe(window[answered]!.length);
        if (dup > 0) duplicates++;
        answered++;
      }
      await Promise.allSettled(replies);
      next += answered;
    }
    expect(cuts).toBeGreaterThan(0);
    // Batches sent before a cut reached the aggregator anyway: their resends were refused as duplicates.
    expect(duplicates).toBeGreaterThan(0);
    const expected = await referenceIndexes(batches);
    expect((await aggregator.snapshot()).indexes).toEqual(expected);
    await aggregator.kill();
    aggregator = await start();
    expect((await aggregator.snapshot()).indexes).toEqual(expected);
  }, 120_000);

  it('--ack-durability replicated: acks wait for a real replica; after losing the primary, the promoted replica restores the same state', async () => {
    const primary = await startRedis();
    const replica = await startRedis({ args: ['--replicaof', '127.0.0.1', String(primary.port)] });
    redisServers.push(primary, replica);
    for (const deadline = Date.now() + 10_000; !(await command(replica.port, ['INFO', 'replication'])).includes('master_link_status:up'); await sleep(50)) {
      if (Date.now() > deadline) throw new Error('the replica did not sync');
    }
    const batches = tradeBatches(symbols, closes, 150, 41);
    let aggregator = await start(['--ack-durability', 'replicated'], primary.url);
    const progress: Progress = { acked: 0, duplicates: 0, refused: 0 };
    await publishAll(batches.slice(0, 100), () => aggregator, progress);
    expect(progress.acked).toBe(100);
    // (A WAIT that outlasts its 1 s on a loaded machine refuses a batch that is in the log: its resend is a duplicate.)
    expect(progress.duplicates).toBe(progress.refused);

    // No replica: the batch reaches the primary's log but is not confirmed, so it is not acknowledged.
    await replica.kill();
    const publisher = await Publisher.connect(aggregator.ingestUrl);
    const unconfirmed = await publisher.send(101, batches[100]!);
    publisher.close();
    expect(unconfirmed.error?.code).toBe(IngestReason.LOG_UNAVAILABLE);
    expect(unconfirmed.error?.message).toContain('not confirmed');
    await replica.restart();
    for (const deadline = Date.now() + 10_000; !(await command(replica.port, ['INFO', 'replication'])).includes('master_link_status:up'); await sleep(50)) {
      if (Date.now() > deadline) throw new Error('the replica did not resync');
    }
    const rest = { acked: 0, duplicates: 0, refused: 0 };
    await publishAll(batches.slice(100), () => aggregator, rest);
    expect(rest.duplicates, 'the resend of the unconfirmed batch is a duplicate').toBeGreaterThanOrEqual(1);

    // The Redis machine is lost: the replica is promoted and a new aggregator restores from it.
    await aggregator.kill();
    await primary.kill();
    await command(replica.port, ['REPLICAOF', 'NO', 'ONE']);
    aggregator = await start(['--ack-durability', 'logged'], replica.url);
    expect((await aggregator.snapshot()).indexes).toEqual(await referenceIndexes(batches));
  }, 120_000);

  it('--ack-durability fsync is refused at start by a Redis that cannot give it (no WAITAOF, no appendfsync always)', async () => {
    await expect(startAggregator(redis.url, ['--ack-durability', 'fsync'])).rejects.toThrow(/ACK_DURABILITY_UNAVAILABLE: --ack-durability fsync/);
  }, 60_000);
});
