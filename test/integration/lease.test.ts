/**
 * The lease and the fences on a real redis-server, in one process: of two aggregator leases exactly one
 * is active, a planned stop hands over at once, and every grant's token and epoch are above the last;
 * a bus or quote log writing under an older token is refused by Redis (and says so), while the newer
 * writer goes through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisBus } from '../../server/bus/redis-bus.ts';
import { FrameKind, type BusFrame } from '../../server/bus/types.ts';
import { AggregatorLease, type LeaseGrant } from '../../server/durability/lease.ts';
import { QuoteLog } from '../../server/durability/quote-log.ts';
import { IN_CI, redisMissing, startRedis, type RedisServer } from '../support/redis.ts';

const missing = redisMissing();

async function until(what: string, done: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function frame(seq: number): BusFrame {
  return { topic: 'index.miners', epoch: 1, seq, kind: FrameKind.Delta, bytes: new Uint8Array([seq]) };
}

describe.runIf(missing !== null && IN_CI)('lease under CI', () => {
  it('has redis-server', () => expect.fail(`${missing}: CI must run the lease tests`));
});

describe.skipIf(missing !== null)('the aggregator lease and its fences on a real redis-server', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  }, 30_000);
  afterAll(async () => {
    await redis?.stop();
  });

  it('grants one holder at a time; a planned stop hands over at once, with a higher token and epoch', async () => {
    const grants: { who: string; grant: LeaseGrant }[] = [];
    const make = (who: string) =>
      new AggregatorLease(
        redis.url,
        { ttlMs: 2000, renewMs: 100, prefix: 'lease-test', log: () => {} },
        { becomeActive: (grant) => void grants.push({ who, grant }), stepDown: () => {} },
      );
    const first = make('first');
    const second = make('second');
    try {
      await until('a holder', () => first.serving || second.serving);
      await new Promise((r) => setTimeout(r, 500));
      expect([first.serving, second.serving].filter(Boolean)).toHaveLength(1);
      expect(grants).toHaveLength(1);
      const [holder, other] = first.serving ? [first, second] : [second, first];
      const closedAt = Date.now();
      await holder.close();
      await until('the other one serving', () => other.serving);
      // Well before the 2 s TTL: the lease was released, not left to lapse.
      expect(Date.now() - closedAt).toBeLessThan(1000);
      expect(grants).toHaveLength(2);
      expect(grants[1]!.grant.token).toBeGreaterThan(grants[0]!.grant.token);
      expect(grants[1]!.grant.epoch).toBeGreaterThan(grants[0]!.grant.epoch);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('refuses bus frames and bases under an older token once a newer one wrote the topic; the newer writer goes through', async () => {
    const old = new RedisBus({ url: redis.url, prefix: 'fence-test', healthCheckMs: 100 });
    const current = new RedisBus({ url: redis.url, prefix: 'fence-test', healthCheckMs: 100 });
    const reader = new RedisBus({ url: redis.url, prefix: 'fence-test', healthCheckMs: 100 });
    try {
      await until('all up', () => [old, current, reader].every((b) => b.currentState === 'up'));
      const seen: number[] = [];
      await reader.subscribe('index.miners', (f) => seen.push(f.seq));
      let fenced = 0;
      old.onFenced(() => fenced++);
      old.setFence(1);
      old.publish(frame(1));
      await until('the old holder writes while it is the newest', () => seen.includes(1));
      current.setFence(2);
      current.publish(frame(2));
      await until('the new holder writes', () => seen.includes(2));
      old.publish(frame(3));
      old.putBase(frame(3));
      await until('the old holder told it is fenced', () => fenced >= 2);
      current.publish(frame(4));
      await until('the new holder still writes', () => seen.includes(4));
      expect(seen).toEqual([1, 2, 4]);
      expect(old.stats().fenced).toBe(2);
      const start = await reader.load('index.miners');
      expect(start.base).toBeNull();
      expect(start.after.map((f) => f.seq)).toEqual([1, 2, 4]);
      // A standby writes nothing at all.
      current.setFence(null);
      current.publish(frame(5));
      await new Promise((r) => setTimeout(r, 200));
      expect(seen).toEqual([1, 2, 4]);
    } finally {
      await Promise.all([old.close(), current.close(), reader.close()]);
    }
  });

  it('refuses quote-log appends under an older token once a newer one claimed the log', async () => {
    const old = await QuoteLog.open({ url: redis.url, prefix: 'fence-test' });
    const current = await QuoteLog.open({ url: redis.url, prefix: 'fence-test' });
    try {
      let fenced = 0;
      old.onFenced(() => fenced++);
      await old.claim(1);
      await old.append(new Uint8Array([1]));
      await current.claim(2);
      await expect(old.append(new Uint8Array([2]))).rejects.toThrow(/FENCED/);
      expect(fenced).toBe(1);
      await current.append(new Uint8Array([3]));
      expect((await current.read('0', 10)).map((e) => [...e.record])).toEqual([[1], [3]]);
      // The old one cannot take the log back either.
      await expect(old.claim(1)).rejects.toThrow(/older than the quote log's fence/);
    } finally {
      await old.close();
      await current.close();
    }
  });
});
