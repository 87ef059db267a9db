/**
 * The slow-consumer ladder as a subscriber sees it, on both transports, with raw-socket clients whose
 * reads we control: a reader too slow for the raw rate gets its warn and degrade notices and recovers
 * on the conflated rate; a reader that stops gets, once it reads again within the grace, everything it
 * was owed, the `closing` notice with its token and close code 4000, in that order and nothing after;
 * one that does not is closed hard after the grace; one pushed past the transport's hard limit is
 * counted in hashcap_sends_dropped_total and sees no hole, only a close it can resume from. A healthy
 * subscriber beside them misses nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { hashcap } from '../../proto/wire.ts';
import { startServer, type HashcapServer, type ServerOverrides } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { StreamClient, type Msg } from '../support/stream-client.ts';
import { RawSubscriber, type RawEvent } from './raw-subscriber.ts';
import { TRANSPORTS } from '../support/uws.ts';

const TOKEN = 'slow-consumer-token-0123456789';
const CHANNELS: string[] = ['quotes.*', 'index.miners', 'index.ai-hpc', 'status'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Random-walk prints for every symbol of the loaded baskets, small moves so no price band trips. */
class Pump {
  private readonly symbols: string[];
  private readonly prices: number[];
  private state = 7;
  private seq = 0;

  constructor(private readonly server: HashcapServer) {
    this.symbols = [...server.market.allSymbols()];
    this.prices = this.symbols.map((t) => server.market.quote(server.market.symbolId(t)!).previousClose);
  }

  private rnd(): number {
    this.state = (this.state * 1103515245 + 12345) % 2147483648;
    return this.state / 2147483648;
  }

  batch(n: number): hashcap.v1.ITick[] {
    const ticks: hashcap.v1.ITick[] = [];
    const now = Date.now();
    for (let i = 0; i < n; i++) {
      const k = Math.floor(this.rnd() * this.symbols.length);
      const p = Math.round(this.prices[k]! * (1 + (this.rnd() - 0.5) * 0.002) * 100) / 100;
      this.prices[k] = p;
      const trade = this.rnd() < 0.6;
      ticks.push({
        symbol: this.symbols[k]!,
        kind: trade ? 0 : 1,
        price: p,
        size: 100,
        bid: Math.round((p - 0.01) * 100) / 100,
        ask: Math.round((p + 0.01) * 100) / 100,
        bidSize: 300,
        askSize: 200,
        timeMs: now,
        seq: ++this.seq,
      });
    }
    return ticks;
  }

  /** About 2,000 batches a second until `done` holds or `ms` pass; returns whether `done` held. */
  async run(ms: number, done: () => boolean = () => false): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (done()) return true;
      for (let i = 0; i < 20; i++) this.server.ingest('pump', this.batch(30));
      await sleep(10);
    }
    return done();
  }

  /** Publishes at `batchesPerTick` every 10 ms while `during` runs. */
  async during<T>(batchesPerTick: number, during: Promise<T>): Promise<T> {
    let running = true;
    const loop = (async () => {
      while (running) {
        for (let i = 0; i < batchesPerTick; i++) this.server.ingest('pump', this.batch(30));
        await sleep(10);
      }
    })();
    try {
      return await during;
    } finally {
      running = false;
      await loop;
    }
  }
}

/** Every (channel, rate) stream in `msgs`: snapshot then deltas with contiguous seqs. Returns the last seq of each. */
function expectContiguous(msgs: readonly Msg[]): Map<string, number> {
  const last = new Map<string, number>();
  for (const m of msgs) {
    const snap = m.snapshot;
    if (snap && !snap.keyframe) last.set(`${snap.channel}@${snap.conflateMs ?? 0}`, Number(snap.seq ?? 0));
    const d = m.delta;
    if (d) {
      const key = `${d.channel}@${d.conflateMs ?? 0}`;
      const prev = last.get(key);
      expect(prev, `delta before a snapshot on ${key}`).toBeDefined();
      expect(Number(d.seq), `seq after ${prev} on ${key}`).toBe(prev! + 1);
      last.set(key, Number(d.seq));
    }
  }
  return last;
}

function kinds(events: readonly RawEvent[]): string[] {
  return events.flatMap((e) => ('close' in e ? [`close:${e.close.code}`] : e.msg.notice ? [e.msg.notice.kind!] : []));
}

async function metric(server: HashcapServer, line: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const found = text.split('\n').find((l) => l.startsWith(line + ' '));
  return found === undefined ? Number.NaN : Number(found.slice(line.length + 1));
}

for (const kind of TRANSPORTS) {
  describe(`slow consumers over ${kind}`, () => {
    const servers: HashcapServer[] = [];
    const clients: { destroy(): void }[] = [];
    let ladderLog: string[] = [];

    afterEach(async () => {
      for (const c of clients.splice(0)) c.destroy();
      for (const s of servers.splice(0)) await s.close();
    });

    async function start(overrides: ServerOverrides, graceMs: number): Promise<HashcapServer> {
      ladderLog = [];
      const config = parseConfig(
        ['--port', '0', '--transport', kind, '--no-simulate', '--token', TOKEN, '--slow-close-grace-ms', String(graceMs)],
        {},
      );
      const server = await startServer(config, (line) => ladderLog.push(line), {
        ...overrides,
        feed: { maxHistory: 200_000, ...overrides.feed },
      });
      servers.push(server);
      return server;
    }

    async function healthySubscriber(server: HashcapServer): Promise<StreamClient> {
      const healthy = await StreamClient.connect(server.url);
      clients.push({ destroy: () => healthy.close() });
      healthy.subscribe(CHANNELS, 0, 1);
      await healthy.until('healthy snapshots', (m) => m.filter((x) => x.snapshot).length >= CHANNELS.length);
      return healthy;
    }

    async function rawSubscriber(server: HashcapServer): Promise<RawSubscriber> {
      const raw = await RawSubscriber.connect(server.port);
      clients.push(raw);
      raw.subscribe(CHANNELS, 0, 1);
      await raw.until('raw snapshots', () => raw.messages().filter((x) => x.snapshot).length >= CHANNELS.length);
      return raw;
    }

    /** The healthy one got every delta of every topic up to the server's current seq, with no hole. */
    async function expectHealthyComplete(server: HashcapServer, healthy: StreamClient): Promise<void> {
      server.feed.flushFrames();
      const target = server.feed.topic({ kind: 'index', name: 'index.miners', index: 'miners' }, 0).seq;
      await healthy.until('every delta', () => healthy.deltas('index.miners').at(-1)?.seq === target, 30_000);
      const last = expectContiguous(healthy.messages);
      expect(last.get('index.miners@0')).toBe(target);
      expect(healthy.closeEvent).toBeNull();
    }

    it('a reader too slow for raw but fast enough for 1000 ms gets warned, degraded, recovers and stays connected', async () => {
      const server = await start({ limits: { slowWarnBytes: 64 * 1024, slowDegradeBytes: 256 * 1024, slowCloseBytes: 256 * 1024 * 1024 } }, 30_000);
      const healthy = await healthySubscriber(server);
      const slow = await rawSubscriber(server);
      slow.throttle(400 * 1024);
      const pump = new Pump(server);

      expect(await pump.run(60_000, () => server.gateway.counters.slowDegraded > 0)).toBe(true);
      // Keep publishing (less: the raw rate is gone for it anyway) while it catches up on the conflated rate.
      await pump.during(
        2,
        slow.until('caught up', () => {
          const d = slow.messages().findLast((m) => m.delta?.conflateMs === 1000)?.delta;
          return d !== undefined && d !== null && Date.now() - Number(d.sendTimeMs) < 1_500;
        }, 60_000),
      );
      await pump.during(2, sleep(3_000));

      expect(kinds(slow.events)).toEqual(['slow_consumer_warn', 'slow_consumer_degraded']);
      const degraded = slow.notices().find((n) => n.kind === 'slow_consumer_degraded')!;
      expect(degraded.conflateMs).toBe(1000);
      const msgs = slow.messages();
      const last = expectContiguous(msgs);
      // Each raw subscription moved to 1000 ms: an ack and a snapshot, then contiguous deltas, still arriving.
      for (const channel of ['quotes.*', 'index.miners']) {
        expect(msgs.some((m) => m.ack?.channel === channel && m.ack.conflateMs === 1000)).toBe(true);
        expect(last.get(`${channel}@1000`)).toBeGreaterThan(3);
      }
      const recent = msgs.findLast((m) => m.delta?.channel === 'index.miners' && m.delta.conflateMs === 1000)!.delta!;
      expect(Date.now() - Number(recent.sendTimeMs)).toBeLessThan(5_000); // still flowing, once a second
      expect(slow.ended).toBe(false);
      expect(server.gateway.counters.slowClosed).toBe(0);
      expect(ladderLog.some((l) => l.includes(': condemn'))).toBe(false);
      await expectHealthyComplete(server, healthy);
    }, 120_000);

    it('a reader that stops, then drains within the grace, gets its notices, the closing token and 4000, in order, and nothing after', async () => {
      const server = await start(
        { limits: { slowWarnBytes: 64 * 1024, slowDegradeBytes: 256 * 1024, slowCloseBytes: 1024 * 1024, slowGraceMs: 1_000 } },
        20_000,
      );
      const healthy = await healthySubscriber(server);
      const slow = await rawSubscriber(server);
      slow.pause();
      const pump = new Pump(server);
      expect(await pump.run(60_000, () => server.gateway.counters.slowClosed > 0)).toBe(true);
      // Condemned: whatever is published now must not reach it.
      await pump.run(2_000);
      expect(ladderLog.some((l) => l.includes(': closed') || l.includes(': terminated'))).toBe(false);
      slow.resume();
      await slow.until('close frame and FIN', () => slow.closeFrame() !== null && slow.ended, 20_000);

      const events = slow.events;
      // A queue can jump past degrade to the close level between two checks: then there is no degrade step.
      const seen = kinds(events);
      expect(seen[0]).toBe('slow_consumer_warn');
      expect(seen.slice(-2)).toEqual(['closing', 'close:4000']);
      expect(['slow_consumer_warn', 'slow_consumer_degraded', 'closing', 'close:4000']).toEqual(expect.arrayContaining(seen));
      expect(seen.length).toBeGreaterThanOrEqual(3);
      expect(slow.closeFrame()).toEqual({ code: 4000, reason: 'slow consumer' });
      // The closing notice is the last message: nothing was queued for it once it was condemned.
      const closingAt = events.findIndex((e) => 'msg' in e && e.msg.notice?.kind === 'closing');
      expect(closingAt).toBe(events.length - 2);
      const closing = slow.notices().find((n) => n.kind === 'closing')!;
      expect(closing.code).toBe(4000);
      const token = JSON.parse(Buffer.from(closing.resumeToken!, 'base64url').toString()) as {
        epoch: number;
        subscriptions: { channel: string; conflateMs: number; seq: number }[];
      };
      // The token's seqs are exactly where this client's streams stopped: resuming from it loses nothing.
      const last = expectContiguous(slow.messages());
      expect(token.subscriptions.length).toBeGreaterThan(0);
      for (const sub of token.subscriptions) expect(last.get(`${sub.channel}@${sub.conflateMs}`)).toBe(sub.seq);
      expect(server.gateway.counters.slowClosedClean).toBe(1);
      expect(server.gateway.counters.slowTerminated).toBe(0);
      await expectHealthyComplete(server, healthy);
    }, 120_000);

    it('a condemned reader that does not drain within the grace is closed hard after it, and nothing new is queued meanwhile', async () => {
      const server = await start(
        { limits: { slowWarnBytes: 64 * 1024, slowDegradeBytes: 256 * 1024, slowCloseBytes: 1024 * 1024, slowGraceMs: 1_000 } },
        1_500,
      );
      const slow = await rawSubscriber(server);
      slow.pause();
      const pump = new Pump(server);
      expect(await pump.run(60_000, () => server.gateway.counters.slowClosed > 0)).toBe(true);
      const condemned = ladderLog.find((l) => l.includes(': condemn'))!;
      const queuedAtCondemn = Number(/\((\d+) bytes queued\)/.exec(condemned)![1]);
      await pump.run(1_000);
      expect(server.gateway.counters.slowTerminated).toBe(0); // still within its grace
      await pump.run(1_500);
      expect(server.gateway.counters.slowTerminated).toBe(1);
      const terminated = ladderLog.find((l) => l.includes(': terminated'))!;
      // Bounded: what was queued when it was condemned could only shrink (plus the closing notice).
      expect(Number(/\((\d+) bytes queued\)/.exec(terminated)![1])).toBeLessThanOrEqual(queuedAtCondemn + 1024);
      slow.resume();
      await slow.until('end of stream', () => slow.ended, 10_000);
      expect(slow.closeFrame()).toBeNull();
    }, 120_000);

    it('a frame past the hard limit is counted in hashcap_sends_dropped_total and becomes a close to resume from, never a hole', async () => {
      const server = await start(
        {
          backpressureBytes: 64 * 1024,
          hardBackpressureBytes: 256 * 1024,
          // The ladder out of reach: only the transport's hard limit acts.
          limits: { slowWarnBytes: 1 << 30, slowDegradeBytes: 1 << 30, slowCloseBytes: 1 << 30 },
        },
        20_000,
      );
      const healthy = await healthySubscriber(server);
      const slow = await rawSubscriber(server);
      expect(await metric(server, 'hashcap_sends_dropped_total')).toBe(0);
      slow.pause();
      const pump = new Pump(server);
      let dropped = 0;
      const over = async () => (dropped = await metric(server, 'hashcap_sends_dropped_total')) > 0;
      for (let i = 0; i < 60 && !(await over()); i++) await pump.run(500);
      expect(dropped).toBeGreaterThan(0);
      await pump.run(1_000);
      expect(await metric(server, 'hashcap_slow_consumers_total{action="overflowed"}')).toBe(1);
      slow.resume();
      await slow.until('close frame', () => slow.closeFrame(), 20_000);

      expect(kinds(slow.events)).toEqual(['closing', 'close:4000']);
      const msgs = slow.messages();
      const last = expectContiguous(msgs); // no hole: it stopped at a frame, it did not skip one
      expect(msgs.at(-1)!.notice!.kind).toBe('closing');

      // The resume path: from its own last seqs, the history gives it exactly what it missed.
      const again = await StreamClient.connect(server.url);
      clients.push({ destroy: () => again.close() });
      const miners = last.get('index.miners@0')!;
      again.subscribe(['index.miners'], 0, 2, [{ channel: 'index.miners', epoch: server.feed.epoch, lastSeq: miners }]);
      const ack = await again.until('resume ack', (m) => m.find((x) => x.ack)?.ack);
      expect(ack).toMatchObject({ resumed: true });
      expect(Number(ack.replayed)).toBeGreaterThan(0);
      await again.until('replay', () => again.deltas('index.miners').length >= Number(ack.replayed));
      const seqs = again.deltas('index.miners').map((d) => Number(d.seq));
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => miners + 1 + i));
      await expectHealthyComplete(server, healthy);
    }, 120_000);
  });
}
