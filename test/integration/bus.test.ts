/**
 * The bus contract against the in-memory bus, a real redis-server and a real three-master Redis Cluster
 * (test/support/redis.ts), then what only Redis can show: one slot per topic on the cluster, and Redis
 * stopped (SIGSTOP, kill -9) and back: 'down' then 'up', publishing never throws and drops what it cannot
 * send (counted), subscriptions restored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createBus, MemoryBus, MemoryHub, RedisBus } from '../../server/bus/index.ts';
import { decodeFrame, encodeFrame, forEachFrame, HEADER_BYTES, topicKeys } from '../../server/bus/redis-wire.ts';
import { FrameKind, type Bus, type BusFrame, type BusState } from '../../server/bus/types.ts';
import { HashcapErrorCode } from '../../server/errors.ts';
import { IN_CI, command, freePort, redisMissing, startRedis, startRedisCluster, type RedisCluster, type RedisServer } from '../support/redis.ts';
import { busContract, until, whenUp } from './bus.contract.ts';

const MISSING = redisMissing();
if (MISSING !== null && !IN_CI) console.warn(`skipping the Redis bus tests: ${MISSING}`);

/** Fast probes for the fault tests, so 'down' and 'up' show within a test's time (the contract runs on the default). */
const HEALTH_CHECK_MS = 150;

let hub = new MemoryHub();
busContract('memory', () => ({
  connect: ({ historyLength, log } = {}) => {
    // History length is the shared store's, as MAXLEN is the publisher's on Redis: a bus that asks for
    // its own starts a new hub, which the buses connected after it share.
    if (historyLength !== undefined) hub = new MemoryHub(historyLength);
    return new MemoryBus({ hub, ...(log ? { log } : {}) });
  },
  historySlack: 0,
  subscriberCount: (topic) => Promise.resolve(hub.topic(topic).subscribers.length),
}));

describe.runIf(MISSING !== null && IN_CI)('Redis bus tests under CI', () => {
  it('have redis-server', () => {
    expect.fail(`${MISSING}: CI must run the Redis bus tests`);
  });
});

describe.skipIf(MISSING !== null)('Redis', () => {
  let single: RedisServer;
  let cluster: RedisCluster;

  beforeAll(async () => {
    [single, cluster] = await Promise.all([startRedis(), startRedisCluster()]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([single?.stop(), cluster?.stop()]);
  });

  const quiet = (line: string): void => void (process.env.BUS_TEST_LOG && console.log(line));

  busContract('redis', () => ({
    connect: (options = {}) => createBus({ url: single.url, log: quiet, ...options }),
    historySlack: 100,
    subscriberCount: async (topic) => Number((await command(single.port, ['PUBSUB', 'NUMSUB', topicKeys('hashcap', topic).channel])).split('\n')[1]),
  }));

  busContract('redis-cluster', () => ({
    connect: (options = {}) => createBus({ url: cluster.url, log: quiet, ...options }),
    historySlack: 100,
    // Each node counts its own shard channels; a node that does not own the slot redirects (MOVED).
    subscriberCount: async (topic) => {
      const counts = await Promise.all(
        cluster.nodes.map((n) => command(n.port, ['PUBSUB', 'SHARDNUMSUB', topicKeys('hashcap', topic).channel]).then((r) => Number(r.split('\n')[1]), () => 0)),
      );
      return counts.reduce((a, b) => a + b, 0);
    },
  }));

  it('a gateway survives messages on its channel that are not bus frames, and keeps the frames that are', async () => {
    const publisher = createBus({ url: single.url, healthCheckMs: HEALTH_CHECK_MS, log: quiet });
    const lines: string[] = [];
    const gateway = createBus({ url: single.url, healthCheckMs: HEALTH_CHECK_MS, log: (line) => lines.push(line) });
    try {
      await Promise.all([whenUp(publisher), whenUp(gateway)]);
      const topic = `garbage-${Date.now()}`;
      const got: number[] = [];
      await gateway.subscribe(topic, (f) => got.push(f.seq));
      for (const junk of ['not a frame', '\u0001\u0000short']) {
        expect(await command(single.port, ['PUBLISH', topicKeys('hashcap', topic).channel, junk])).toBe('1');
      }
      publisher.publish({ topic, epoch: 1, seq: 5, kind: FrameKind.Delta, bytes: Uint8Array.of(5) });
      await until(() => got.length === 1, 'the real frame');
      expect(got).toEqual([5]);
      expect(lines.filter((line) => line.includes('is not bus frames'))).toHaveLength(2);
    } finally {
      await Promise.all([publisher.close(), gateway.close()]);
    }
  });

  describe('on a Redis Cluster', () => {
    it('keeps every key of a topic in one slot, on the node that also carries its shard channel', async () => {
      const bus = createBus({ url: cluster.url, healthCheckMs: HEALTH_CHECK_MS, log: quiet });
      const gateway = createBus({ url: cluster.url, healthCheckMs: HEALTH_CHECK_MS, log: quiet });
      try {
        await Promise.all([whenUp(bus), whenUp(gateway)]);
        const topics = ['index.miners', 'quotes.MARA@100ms', 'bars.ai-hpc.1m', 'status', 'quotes.*@1000ms'];
        const slots = new Set<string>();
        for (const topic of topics) {
          const keys = topicKeys('hashcap', topic);
          const keySlots = await Promise.all([keys.history, keys.base, keys.channel].map((k) => command(cluster.nodes[0]!.port, ['CLUSTER', 'KEYSLOT', k])));
          expect(new Set(keySlots).size).toBe(1);
          slots.add(keySlots[0]!);

          await gateway.subscribe(topic, () => undefined);
          bus.publish({ topic, epoch: 1, seq: 1, kind: FrameKind.Delta, bytes: Uint8Array.of(1) });
          bus.putBase({ topic, epoch: 1, seq: 1, kind: FrameKind.Keyframe, bytes: Uint8Array.of(2) });
          await until(async () => (await gateway.load(topic)).base !== null, `the base of ${topic}`);
          // The node that holds the history and base is the one whose shard channel has the subscriber.
          const owners = await Promise.all(
            cluster.nodes.map(async (n) => ({
              keys: Number(await command(n.port, ['EXISTS', keys.history, keys.base]).catch(() => '0')),
              subscribers: Number((await command(n.port, ['PUBSUB', 'SHARDNUMSUB', keys.channel]).catch(() => '\n0')).split('\n')[1]),
            })),
          );
          expect(owners.filter((o) => o.keys === 2 && o.subscribers === 1)).toHaveLength(1);
          expect(owners.filter((o) => o.keys !== 0 || o.subscribers !== 0)).toHaveLength(1);
        }
        // The topics spread over slots (not one hot slot for the whole feed).
        expect(slots.size).toBe(topics.length);
      } finally {
        await Promise.all([bus.close(), gateway.close()]);
      }
    });
  });

  describe('when Redis stops', () => {
    const frame = (topic: string, seq: number): BusFrame => ({ topic, epoch: 3, seq, kind: FrameKind.Delta, bytes: Uint8Array.of(seq & 0xff) });

    function watchStates(bus: Bus): BusState[] {
      const states: BusState[] = [];
      bus.onState((state) => states.push(state));
      return states;
    }

    it('Redis not there yet: publish drops and counts, and once it starts the buses come up and work', async () => {
      const port = await freePort();
      const url = `redis://127.0.0.1:${port}`;
      const publisher = createBus({ url, healthCheckMs: HEALTH_CHECK_MS, log: quiet });
      const gateway = createBus({ url, healthCheckMs: HEALTH_CHECK_MS, log: quiet });
      const [pubStates, gwStates] = [watchStates(publisher), watchStates(gateway)];
      let late: RedisServer | undefined;
      try {
        const topic = 'index.late';
        const got: number[] = [];
        const subscribed = gateway.subscribe(topic, (f) => got.push(f.seq));
        for (let seq = 1; seq <= 100; seq += 1) publisher.publish(frame(topic, seq));
        expect(publisher.stats().dropped).toBe(100);
        await new Promise((resolve) => setTimeout(resolve, 3 * HEALTH_CHECK_MS));
        expect([pubStates, gwStates]).toEqual([[], []]);

        late = await startRedis({ port });
        await subscribed;
        await until(() => pubStates.at(-1) === 'up' && gwStates.at(-1) === 'up', "'up' on both buses", 10_000);
        publisher.publish(frame(topic, 101));
        await until(() => got.length === 1, 'the first frame');
        expect(got).toEqual([101]);
      } finally {
        await Promise.all([publisher.close(), gateway.close()]);
        await late?.stop();
      }
    }, 20_000);

    it('a busy event loop is not Redis down: a PONG waiting unread gets another interval', async () => {
      const bus = createBus({ url: single.url, healthCheckMs: 100, log: quiet });
      try {
        await whenUp(bus);
        const states = watchStates(bus);
        for (let round = 0; round < 3; round += 1) {
          // Send a probe, then keep the loop busy well past the interval before its answer can be read.
          (bus as unknown as { probe(): void }).probe();
          const busyUntil = Date.now() + 350;
          while (Date.now() < busyUntil);
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
        expect(states).toEqual([]);
      } finally {
        await bus.close();
      }
    });

    it('SIGSTOP: goes down, drops and counts what is published, comes back up with its subscriptions', async () => {
      const publisher = createBus({ url: single.url, healthCheckMs: HEALTH_CHECK_MS, log: quiet, maxPending: 1000 }) as RedisBus;
      const gateway = createBus({ url: single.url, healthCheckMs: HEALTH_CHECK_MS, log: quiet });
      try {
        await Promise.all([whenUp(publisher), whenUp(gateway)]);
        const topic = `stall-${Date.now()}`;
        const got: number[] = [];
        await gateway.subscribe(topic, (f) => got.push(f.seq));
        const [pubStates, gwStates] = [watchStates(publisher), watchStates(gateway)];

        single.pause();
        let seq = 0;
        const publishedBefore = publisher.stats().published;
        try {
          // Publish through the stall: nothing throws, and pending sends stay bounded.
          await until(
            () => {
              for (let i = 0; i < 200; i += 1) publisher.publish(frame(topic, ++seq));
              return pubStates.includes('down') && gwStates.includes('down');
            },
            "'down' on both buses",
          );
          for (let i = 0; i < 20_000; i += 1) publisher.publish(frame(topic, ++seq));
          const stats = publisher.stats();
          expect(stats.pending).toBeLessThanOrEqual(1000);
          expect(stats.dropped).toBeGreaterThanOrEqual(20_000);
          expect(stats.published - publishedBefore).toBe(seq);
        } finally {
          single.resume();
        }
        await until(() => pubStates.at(-1) === 'up' && gwStates.at(-1) === 'up', "'up' on both buses");
        publisher.publish(frame(topic, 1_000_000));
        await until(() => got.at(-1) === 1_000_000, 'a frame after the stall');
        // What was sent before the stall showed arrives late, never out of order; the rest was dropped.
        expect(got).toEqual([...got].sort((a, b) => a - b));
        expect(got.length).toBeLessThan(seq);
        expect(publisher.stats().downs).toBe(1);
      } finally {
        await Promise.all([publisher.close(), gateway.close()]);
      }
    });

    it('kill -9 and a restart on the same port: down, then up, subscriptions restored, publish never throws', async () => {
      const publisher = createBus({ url: single.url, healthCheckMs: HEALTH_CHECK_MS, log: quiet });
      const gateway = createBus({ url: single.url, healthCheckMs: HEALTH_CHECK_MS, log: quiet });
      try {
        await Promise.all([whenUp(publisher), whenUp(gateway)]);
        const topic = `crash-${Date.now()}`;
        const got: number[] = [];
        await gateway.subscribe(topic, (f) => got.push(f.seq));
        const [pubStates, gwStates] = [watchStates(publisher), watchStates(gateway)];

        await single.kill();
        await until(() => pubStates.includes('down') && gwStates.includes('down'), "'down' on both buses");
        for (let seq = 1; seq <= 1000; seq += 1) expect(() => publisher.publish(frame(topic, seq))).not.toThrow();
        expect(() => publisher.putBase(frame(topic, 1000))).not.toThrow();
        await expect(gateway.load(topic)).rejects.toThrow();

        await single.restart();
        await until(() => pubStates.at(-1) === 'up' && gwStates.at(-1) === 'up', "'up' on both buses", 15_000);
        // The restarted server never heard of the subscription: the bus (ioredis autoResubscribe) restored it.
        await until(async () => (await command(single.port, ['PUBSUB', 'NUMSUB', topicKeys('hashcap', topic).channel])).endsWith('\n1'), 'the subscription on the new server');
        publisher.publish(frame(topic, 2000));
        await until(() => got.includes(2000), 'a frame after the restart');
        expect(got).toEqual([2000]);
        expect(publisher.stats().dropped).toBeGreaterThanOrEqual(1001);
      } finally {
        await Promise.all([publisher.close(), gateway.close()]);
      }
    }, 30_000);
  });

  it('a cluster master stalled (SIGSTOP, shorter than the node timeout): down, then up, frames flow again', async () => {
    const publisher = createBus({ url: cluster.url, healthCheckMs: HEALTH_CHECK_MS, log: quiet });
    const gateway = createBus({ url: cluster.url, healthCheckMs: HEALTH_CHECK_MS, log: quiet });
    try {
      await Promise.all([whenUp(publisher), whenUp(gateway)]);
      const topic = `cluster-stall-${Date.now()}`;
      const got: number[] = [];
      await gateway.subscribe(topic, (f) => got.push(f.seq));
      const states: BusState[] = [];
      publisher.onState((s) => states.push(s));
      const stalled = cluster.nodes[1]!;
      stalled.pause();
      try {
        await until(() => states.includes('down'), "'down'");
        expect(() => publisher.publish({ topic, epoch: 1, seq: 1, kind: FrameKind.Delta, bytes: Uint8Array.of(1) })).not.toThrow();
      } finally {
        stalled.resume();
      }
      await until(() => states.at(-1) === 'up', "'up'");
      publisher.publish({ topic, epoch: 1, seq: 2, kind: FrameKind.Delta, bytes: Uint8Array.of(2) });
      await until(() => got.includes(2), 'a frame after the stall');
      expect(got).toEqual([2]);
    } finally {
      await Promise.all([publisher.close(), gateway.close()]);
    }
  });

  it('a cluster master killed and restarted: down, then up, its shard subscriptions restored', async () => {
    const publisher = createBus({ url: cluster.url, healthCheckMs: HEALTH_CHECK_MS, log: quiet });
    const gateway = createBus({ url: cluster.url, healthCheckMs: HEALTH_CHECK_MS, log: quiet });
    try {
      await Promise.all([whenUp(publisher), whenUp(gateway)]);
      const topic = `cluster-crash-${Date.now()}`;
      const channel = topicKeys('hashcap', topic).channel;
      const got: number[] = [];
      await gateway.subscribe(topic, (f) => got.push(f.seq));
      const counts = await Promise.all(cluster.nodes.map((n) => command(n.port, ['PUBSUB', 'SHARDNUMSUB', channel]).then((r) => r.endsWith('\n1'), () => false)));
      const owner = cluster.nodes[counts.indexOf(true)]!;
      const states: BusState[] = [];
      publisher.onState((s) => states.push(s));

      await owner.kill();
      await until(() => states.includes('down'), "'down'");
      expect(() => publisher.publish({ topic, epoch: 1, seq: 1, kind: FrameKind.Delta, bytes: Uint8Array.of(1) })).not.toThrow();
      await owner.restart();
      await cluster.waitOk();
      await until(() => states.at(-1) === 'up', "'up'", 15_000);
      await until(async () => (await command(owner.port, ['PUBSUB', 'SHARDNUMSUB', channel])).endsWith('\n1'), 'the shard subscription on the restarted master', 15_000);
      publisher.publish({ topic, epoch: 1, seq: 2, kind: FrameKind.Delta, bytes: Uint8Array.of(2) });
      await until(() => got.includes(2), 'a frame after the restart');
      expect(got).toEqual([2]);
    } finally {
      await Promise.all([publisher.close(), gateway.close()]);
    }
  }, 40_000);
});

describe('createBus', () => {
  it('builds the memory bus by default and for memory://', async () => {
    for (const spec of [undefined, '', 'memory://']) {
      const bus = createBus(spec);
      expect(bus.name).toBe('memory');
      await bus.close();
    }
  });

  it('refuses URLs it cannot use with BUS_CONFIG, naming the URL', () => {
    for (const url of ['http://127.0.0.1:6379', 'redis-cluster://', 'redis-cluster://host', 'redis-cluster://a:1,b', 'redis-cluster://a:70000', 'localhost:6379']) {
      expect(() => createBus(url)).toThrow(expect.objectContaining({ code: HashcapErrorCode.BUS_CONFIG, message: expect.stringContaining(url.split(',').at(-1)!) }));
    }
    expect(() => createBus({ url: 'redis://127.0.0.1:1', historyLength: 0 })).toThrow(expect.objectContaining({ code: HashcapErrorCode.BUS_CONFIG }));
    expect(() => new MemoryHub(-1)).toThrow(expect.objectContaining({ code: HashcapErrorCode.BUS_CONFIG }));
  });
});

describe('the Redis wire format', () => {
  const topic = 'index.miners';
  const frames = [
    { topic, epoch: 2 ** 40, seq: 1, kind: FrameKind.Delta, bytes: Uint8Array.of(0, 1, 2) },
    { topic, epoch: 2 ** 40, seq: 1, kind: FrameKind.Heartbeat, bytes: new Uint8Array(0) },
    { topic, epoch: 2 ** 40, seq: 2, kind: FrameKind.Keyframe, bytes: Uint8Array.of(0xff, 0xc3, 0x28) },
  ];

  it('round-trips one frame, and several back to back in one message', () => {
    const one = encodeFrame(frames[0]!);
    expect(one.length).toBe(HEADER_BYTES + 3);
    const decoded = decodeFrame(topic, one);
    expect([decoded.epoch, decoded.seq, decoded.kind, [...decoded.bytes]]).toEqual([2 ** 40, 1, FrameKind.Delta, [0, 1, 2]]);
    const got: unknown[] = [];
    forEachFrame(topic, Buffer.concat(frames.map(encodeFrame)), (f) => got.push([f.seq, f.kind, [...f.bytes]]));
    expect(got).toEqual(frames.map((f) => [f.seq, f.kind, [...f.bytes]]));
  });

  it('refuses what is not a frame with BUS_FRAME: short, another version, unknown kind, cut short, trailing bytes', () => {
    const good = encodeFrame(frames[2]!);
    const other = Buffer.from(good);
    other[0] = 9;
    const unknownKind = Buffer.from(good);
    unknownKind[1] = 7;
    for (const bad of [good.subarray(0, 10), other, unknownKind, good.subarray(0, good.length - 1), Buffer.concat([good, Buffer.of(0)])]) {
      expect(() => decodeFrame(topic, bad)).toThrow(expect.objectContaining({ code: HashcapErrorCode.BUS_FRAME }));
    }
    expect(() => forEachFrame(topic, Buffer.concat([good, good.subarray(0, 5)]), () => undefined)).toThrow(expect.objectContaining({ code: HashcapErrorCode.BUS_FRAME }));
  });
});
