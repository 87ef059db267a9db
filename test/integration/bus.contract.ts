/**
 * One contract, every bus (as transport.contract.ts does for the transports): what the aggregator and
 * the gateways rely on, checked against the in-memory bus and against real Redis (one server, and a
 * three-master cluster). Two Bus instances on one backend stand for two processes (the aggregator and a
 * gateway, or two gateways).
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';

import { HashcapErrorCode } from '../../server/errors.ts';
import { FrameKind, type Bus, type BusFrame } from '../../server/bus/types.ts';

export interface BusBackend {
  /** A new bus on this backend, as a new process would connect. */
  connect(options?: { readonly historyLength?: number; readonly log?: (line: string) => void }): Bus;
  /** How many frames beyond historyLength the history may keep (Redis trims with MAXLEN ~, a stream node at a time). */
  readonly historySlack: number;
  /** Subscribers of the topic as the backend counts them (Redis: PUBSUB NUMSUB / SHARDNUMSUB). */
  subscriberCount(topic: string): Promise<number>;
}

let topicCounter = 0;
/** A topic no other test (or earlier run against the same Redis) has used. */
function freshTopic(name = 'index.t'): string {
  topicCounter += 1;
  return `${name}${topicCounter}-${process.pid}-${Date.now().toString(36)}`;
}

function frame(topic: string, seq: number, kind: FrameKind = FrameKind.Delta, bytes?: Uint8Array, epoch = 7): BusFrame {
  return { topic, epoch, seq, kind, bytes: bytes ?? Uint8Array.of(seq & 0xff, 0, (seq >> 8) & 0xff) };
}

export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The bus is usable: a memory bus at once, a Redis bus after its first probe is answered. */
export async function whenUp(bus: Bus): Promise<void> {
  if (bus.name === 'memory') return;
  // Publish one heartbeat on a private topic until it is counted as sent, not dropped.
  const probe = freshTopic('probe');
  await until(
    () => {
      const before = bus.stats().dropped;
      bus.publish(frame(probe, 0, FrameKind.Heartbeat));
      return bus.stats().dropped === before;
    },
    `${bus.name} to come up`,
    10_000,
  );
}

export function busContract(name: string, backend: () => BusBackend): void {
  describe(`bus contract: ${name}`, () => {
    const buses: Bus[] = [];
    const connect = async (options?: { historyLength?: number; log?: (line: string) => void }): Promise<Bus> => {
      const bus = backend().connect(options);
      buses.push(bus);
      await whenUp(bus);
      return bus;
    };

    afterEach(async () => {
      await Promise.all(buses.splice(0).map((bus) => bus.close()));
    });

    it('delivers each topic in publish order, with epoch, seq, kind and bytes as published', async () => {
      const [publisher, gateway] = await Promise.all([connect(), connect()]);
      const topics = [freshTopic(), freshTopic('quotes.X'), freshTopic('bars.t') + '@100ms'];
      const got = new Map<string, BusFrame[]>(topics.map((t) => [t, []]));
      for (const topic of topics) await gateway.subscribe(topic, (f) => got.get(topic)!.push(f));

      const sent = new Map<string, BusFrame[]>(topics.map((t) => [t, []]));
      for (let seq = 1; seq <= 300; seq += 1) {
        for (const topic of topics) {
          const kind = seq % 50 === 0 ? FrameKind.Keyframe : seq % 7 === 0 ? FrameKind.Heartbeat : FrameKind.Delta;
          const f = frame(topic, seq, kind, randomBytes(seq % 40), 1_733_000_000_123);
          sent.get(topic)!.push(f);
          publisher.publish(f);
        }
      }
      await until(() => topics.every((t) => got.get(t)!.length === 300), 'all frames');
      for (const topic of topics) {
        const received = got.get(topic)!.map((f) => [f.topic, f.epoch, f.seq, f.kind, Buffer.from(f.bytes).toString('hex')]);
        const expected = sent.get(topic)!.map((f) => [f.topic, f.epoch, f.seq, f.kind, Buffer.from(f.bytes).toString('hex')]);
        expect(received).toEqual(expected);
      }
    });

    it('carries binary bytes byte-identical: 0x00, invalid UTF-8, empty, 64 KiB, extreme epoch and seq', async () => {
      const [publisher, gateway] = await Promise.all([connect(), connect()]);
      const topic = freshTopic();
      const payloads = [
        Uint8Array.of(0x00),
        Uint8Array.of(0x00, 0x00, 0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc, 0x0d, 0x0a),
        new Uint8Array(0),
        new Uint8Array(randomBytes(64 * 1024)),
        // A view into a bigger buffer: only the view travels.
        new Uint8Array(Buffer.from('xx\u0000payload\u0000yy')).subarray(2, 11),
      ];
      const got: BusFrame[] = [];
      await gateway.subscribe(topic, (f) => got.push(f));
      payloads.forEach((bytes, i) => publisher.publish(frame(topic, Number.MAX_SAFE_INTEGER - payloads.length + i + 1, FrameKind.Delta, bytes, 2 ** 52 + 1)));
      await until(() => got.length === payloads.length, 'all payloads');
      expect(got.map((f) => Buffer.from(f.bytes).toString('hex'))).toEqual(payloads.map((p) => Buffer.from(p).toString('hex')));
      expect(got.map((f) => f.seq)).toEqual(payloads.map((_, i) => Number.MAX_SAFE_INTEGER - payloads.length + i + 1));
      expect(new Set(got.map((f) => f.epoch))).toEqual(new Set([2 ** 52 + 1]));
      const loaded = await gateway.load(topic);
      expect(loaded.after.map((f) => Buffer.from(f.bytes).toString('hex'))).toEqual(payloads.map((p) => Buffer.from(p).toString('hex')));
    });

    it('delivers only subscribed topics, and nothing of a topic after unsubscribe', async () => {
      const [publisher, gateway] = await Promise.all([connect(), connect()]);
      const [wanted, other, marker] = [freshTopic(), freshTopic(), freshTopic()];
      const got: BusFrame[] = [];
      await gateway.subscribe(wanted, (f) => got.push(f));
      await gateway.subscribe(marker, (f) => got.push(f));
      expect([await backend().subscriberCount(wanted), await backend().subscriberCount(other)]).toEqual([1, 0]);

      publisher.publish(frame(other, 1));
      publisher.publish(frame(wanted, 1));
      publisher.publish(frame(marker, 1));
      // Frames of different topics may travel on different connections (a cluster: one per master, each
      // topic in its own slot), so there is no order across topics: compare what arrived as a set.
      const arrived = () => got.map((f) => `${f.topic}#${f.seq}`).sort();
      await until(() => got.some((f) => f.topic === marker) && got.some((f) => f.topic === wanted), 'the first frames');
      expect(arrived()).toEqual([`${wanted}#1`, `${marker}#1`].sort());

      await gateway.unsubscribe(wanted);
      expect(await backend().subscriberCount(wanted)).toBe(0);
      publisher.publish(frame(wanted, 2));
      publisher.publish(frame(marker, 2));
      await until(() => got.some((f) => f.topic === marker && f.seq === 2), 'the second marker');
      // Redis counted no subscriber of `wanted` when its frame went out, so it is never delivered; the
      // marker only shows the publishes of this step have been through Redis.
      expect(arrived()).toEqual([`${wanted}#1`, `${marker}#1`, `${marker}#2`].sort());

      // Subscribing again works, and a second subscribe of the same topic replaces the handler.
      const again: number[] = [];
      await gateway.subscribe(wanted, () => again.push(-1));
      await gateway.subscribe(wanted, (f) => again.push(f.seq));
      expect(await backend().subscriberCount(wanted)).toBe(1);
      publisher.publish(frame(wanted, 3));
      await until(() => again.length === 1, 'the frame after resubscribing');
      expect(again).toEqual([3]);
    });

    it('load() returns the latest base and the deltas and keyframes after it, in order', async () => {
      const [publisher, gateway] = await Promise.all([connect(), connect()]);
      const topic = freshTopic();
      expect(await gateway.load(topic)).toEqual({ base: null, after: [], earlier: [] });

      for (let seq = 1; seq <= 10; seq += 1) publisher.publish(frame(topic, seq));
      publisher.putBase(frame(topic, 4, FrameKind.Keyframe, Uint8Array.of(0xba, 0x5e, 4)));
      publisher.putBase(frame(topic, 6, FrameKind.Keyframe, Uint8Array.of(0xba, 0x5e, 6)));
      publisher.publish(frame(topic, 10, FrameKind.Heartbeat));
      publisher.publish(frame(topic, 11, FrameKind.Keyframe));
      publisher.publish(frame(topic, 12));
      // A frame after load's answer is not in it; load sees everything published before it on this path.
      await until(async () => (await gateway.load(topic)).after.at(-1)?.seq === 12, 'frame 12 in history');

      const start = await gateway.load(topic);
      expect(start.base && [start.base.seq, start.base.kind, Buffer.from(start.base.bytes).toString('hex')]).toEqual([6, FrameKind.Keyframe, 'ba5e06']);
      expect(start.after.map((f) => [f.seq, f.kind])).toEqual([[7, 0], [8, 0], [9, 0], [10, 0], [11, FrameKind.Keyframe], [12, 0]]);
      expect(start.after.every((f) => f.topic === topic && f.epoch === 7)).toBe(true);
      // What a just-started gateway can still serve a resume from: the history up to the base.
      expect(start.earlier?.map((f) => f.seq)).toEqual([1, 2, 3, 4, 5, 6]);

      // A new epoch (the aggregator restarted): the base of the new epoch, and only its frames.
      publisher.putBase(frame(topic, 2, FrameKind.Keyframe, Uint8Array.of(0xe2), 8));
      publisher.publish(frame(topic, 3, FrameKind.Delta, undefined, 8));
      await until(async () => (await gateway.load(topic)).after.length === 1, 'the new epoch');
      const fresh = await gateway.load(topic);
      expect([fresh.base?.epoch, fresh.base?.seq, fresh.after.map((f) => [f.epoch, f.seq]), fresh.earlier]).toEqual([8, 2, [[8, 3]], []]);
    });

    it('subscribe, then load, then drop seq <= the last loaded: no gap and no duplicate while publishing goes on', async () => {
      const [publisher, gateway] = await Promise.all([connect(), connect()]);
      const topic = freshTopic();
      let seq = 0;
      const publishSome = (n: number): void => {
        for (let i = 0; i < n; i += 1) {
          seq += 1;
          publisher.publish(frame(topic, seq));
          if (seq % 40 === 0) publisher.putBase(frame(topic, seq, FrameKind.Keyframe, Uint8Array.of(0xba, seq & 0xff)));
        }
      };
      publishSome(100);
      let running = true;
      const pump = (async () => {
        while (running) {
          publishSome(5);
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();

      const live: BusFrame[] = [];
      await gateway.subscribe(topic, (f) => live.push(f));
      const start = await gateway.load(topic);
      await new Promise((resolve) => setTimeout(resolve, 30));
      running = false;
      await pump;
      const lastSeq = seq;

      expect(start.base).not.toBeNull();
      const base = start.base!;
      expect(Buffer.from(base.bytes)[1]).toBe(base.seq & 0xff);
      const loadedTop = start.after.at(-1)?.seq ?? base.seq;
      await until(() => live.at(-1)?.seq === lastSeq, 'the last live frame');
      const joined = [...start.after.map((f) => f.seq), ...live.filter((f) => f.seq > loadedTop).map((f) => f.seq)];
      expect(live.some((f) => f.seq > loadedTop)).toBe(true);
      const expected = Array.from({ length: lastSeq - base.seq }, (_, i) => base.seq + 1 + i);
      expect(joined).toEqual(expected);
    });

    it('keeps a bounded history: the latest frames, at least historyLength of them', async () => {
      const historyLength = 16;
      const publisher = await connect({ historyLength });
      const gateway = await connect();
      const topic = freshTopic();
      for (let seq = 1; seq <= 400; seq += 1) publisher.publish(frame(topic, seq));
      await until(async () => (await gateway.load(topic)).after.at(-1)?.seq === 400, 'frame 400 in history');
      const { after } = await gateway.load(topic);
      expect(after.length).toBeGreaterThanOrEqual(historyLength);
      expect(after.length).toBeLessThanOrEqual(historyLength + backend().historySlack);
      expect(after.map((f) => f.seq)).toEqual(Array.from({ length: after.length }, (_, i) => 400 - after.length + 1 + i));
    });

    it('gives two gateways identical frames', async () => {
      const [publisher, a, b] = await Promise.all([connect(), connect(), connect()]);
      const topic = freshTopic();
      const gotA: string[] = [];
      const gotB: string[] = [];
      await a.subscribe(topic, (f) => gotA.push(`${f.epoch}/${f.seq}/${f.kind}/${Buffer.from(f.bytes).toString('hex')}`));
      await b.subscribe(topic, (f) => gotB.push(`${f.epoch}/${f.seq}/${f.kind}/${Buffer.from(f.bytes).toString('hex')}`));
      for (let seq = 1; seq <= 200; seq += 1) publisher.publish(frame(topic, seq, seq % 10 === 0 ? FrameKind.Heartbeat : FrameKind.Delta, randomBytes(1 + (seq % 90))));
      await until(() => gotA.length === 200 && gotB.length === 200, 'both gateways');
      expect(gotB).toEqual(gotA);
      expect(new Set(gotA).size).toBe(200);
      await b.unsubscribe(topic);
      expect(await backend().subscriberCount(topic)).toBe(1);
    });

    it('keeps delivering to the other subscribers when one throws, and counts and logs it', async () => {
      const lines: string[] = [];
      const publisher = await connect();
      const bad = backend().connect({ log: (line) => lines.push(line) });
      const good = await connect();
      buses.push(bad);
      await whenUp(bad);
      const topic = freshTopic();
      const got: number[] = [];
      await bad.subscribe(topic, () => {
        throw new Error('subscriber bug');
      });
      await good.subscribe(topic, (f) => got.push(f.seq));
      for (let seq = 1; seq <= 3; seq += 1) publisher.publish(frame(topic, seq));
      await until(() => got.length === 3 && bad.stats().subscriberErrors === 3, 'the frames and the errors');
      expect(got).toEqual([1, 2, 3]);
      expect(good.stats().received).toBe(3);
      expect(lines.filter((line) => line.includes('subscriber bug'))).toHaveLength(3);
    });

    it('refuses topics it cannot carry, and calls after close, with typed errors', async () => {
      const bus = await connect();
      for (const topic of ['', 'a{b}', '}', 'x'.repeat(129)]) {
        expect(() => bus.publish(frame(topic, 1))).toThrow(expect.objectContaining({ code: HashcapErrorCode.BUS_TOPIC }));
        await expect(bus.subscribe(topic, () => undefined)).rejects.toMatchObject({ code: HashcapErrorCode.BUS_TOPIC });
        await expect(bus.load(topic)).rejects.toMatchObject({ code: HashcapErrorCode.BUS_TOPIC });
      }
      await bus.close();
      expect(() => bus.publish(frame(freshTopic(), 1))).not.toThrow();
      await expect(bus.subscribe(freshTopic(), () => undefined)).rejects.toMatchObject({ code: HashcapErrorCode.BUS_CLOSED });
      await expect(bus.load(freshTopic())).rejects.toMatchObject({ code: HashcapErrorCode.BUS_CLOSED });
    });
  });
}
