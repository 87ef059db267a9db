/**
 * The SDK against real servers (ws transport, port 0) over real sockets: the rebuilt state equals the
 * server's, and the failure paths — a dead socket, history that no longer reaches, frames the server
 * dropped, a restart, a corrupted local state, a silent socket — end with the server's state again.
 *
 * States are compared in wire-normal form (encoded and decoded): the server keeps default-valued
 * fields (`removed: []`, `milestonesChanged: false`) that proto3 never puts on the wire.
 */
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { wire, type hashcap } from '../../proto/wire.ts';
import { stateChecksum } from '../../proto/canonical.ts';
import { startServer, type HashcapServer, type ServerOverrides } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { parseChannel, type Rate } from '../../server/feed/channels.ts';
import { HashcapClient, type ChannelState, type HashcapClientOptions, type HashcapEvents } from '../../client/sdk/index.ts';

const TOKEN = 'test-token-0123456789abcdef';
const MINERS = 'index.miners';

/** Random-walk ticks around the reference prices, with per-symbol increasing seqs and times near now. */
class TickSource {
  private readonly seqs = new Map<string, number>();
  private readonly prices = new Map<string, number>([
    ['IREN', 48.45], ['MARA', 15.87], ['RIOT', 20.51], ['CIFR', 24.71], ['CORZ', 21.8], ['CLSK', 16.58], ['WULF', 11.56],
    ['HUT', 48.46], ['BITF', 3.84], ['HIVE', 6.9], ['APLD', 37.76], ['BTBT', 2.36], ['BTDR', 13.04],
  ]);
  private readonly symbols = [...this.prices.keys()];
  private seed = 987654321;

  private rnd(): number {
    this.seed = (this.seed * 1103515245 + 12345) % 2147483648;
    return this.seed / 2147483648;
  }

  batch(n: number): hashcap.v1.ITick[] {
    const ticks: hashcap.v1.ITick[] = [];
    for (let i = 0; i < n; i++) {
      const symbol = this.symbols[Math.floor(this.rnd() * this.symbols.length)]!;
      const price = Math.max(0.5, Math.round(this.prices.get(symbol)! * (1 + (this.rnd() - 0.5) * 0.01) * 100) / 100);
      this.prices.set(symbol, price);
      const seq = (this.seqs.get(symbol) ?? 0) + 1;
      this.seqs.set(symbol, seq);
      ticks.push({ symbol, kind: 0, price, size: 100 * (1 + Math.floor(this.rnd() * 10)), timeMs: Date.now(), seq });
    }
    return ticks;
  }
}

/** What a wire client can know of a state: encoded and decoded, so defaults drop out on both sides. */
const wireNormal = (state: ChannelState | undefined) =>
  state === undefined ? undefined : wire.ChannelState.toObject(wire.ChannelState.decode(wire.ChannelState.encode(state).finish()), { longs: Number, enums: Number });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== null && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/** Every event a client emitted, in order, for assertions after the fact. */
class Recorder {
  readonly log: { type: keyof HashcapEvents; event: unknown; atMs: number }[] = [];

  constructor(client: HashcapClient) {
    const types: (keyof HashcapEvents)[] = ['snapshot', 'delta', 'gap', 'resync', 'verified', 'reconnected', 'stale', 'error', 'notice', 'state'];
    for (const type of types) client.on(type, (event) => this.log.push({ type, event, atMs: Date.now() }));
  }

  of<K extends keyof HashcapEvents>(type: K, since = 0): HashcapEvents[K][] {
    return this.log.slice(since).flatMap((e) => (e.type === type ? [e.event as HashcapEvents[K]] : []));
  }

  /** When (Date.now) the first event of `type` after `since` that matches `which` was emitted. */
  at<K extends keyof HashcapEvents>(type: K, since = 0, which: (event: HashcapEvents[K]) => boolean = () => true): number {
    const found = this.log.slice(since).find((e) => e.type === type && which(e.event as HashcapEvents[K]));
    if (!found) throw new Error(`no '${type}' event`);
    return found.atMs;
  }

  get length(): number {
    return this.log.length;
  }
}

describe('HashcapClient against a real server', () => {
  const servers: HashcapServer[] = [];
  const clients: HashcapClient[] = [];

  const start = async (overrides: ServerOverrides = {}, port = 0): Promise<HashcapServer> => {
    const config = parseConfig(['--port', String(port), '--transport', 'ws', '--no-simulate', '--token', TOKEN], {});
    const server = await startServer(config, () => {}, overrides);
    servers.push(server);
    return server;
  };

  /** A client whose sockets the test can reach (to kill or pause them) through the public WebSocket option. */
  const connect = async (server: HashcapServer, options: Partial<HashcapClientOptions> = {}) => {
    const sockets: WebSocket[] = [];
    class TrackedWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        sockets.push(this);
      }
    }
    const client = new HashcapClient({ url: server.url, WebSocket: TrackedWebSocket, reconnect: { baseMs: 50, maxMs: 200 }, ...options });
    clients.push(client);
    const events = new Recorder(client);
    await client.connect();
    const rawSocket = () => (sockets.at(-1) as unknown as { _socket: Socket })._socket;
    return { client, events, sockets, rawSocket };
  };

  /** Subscribes and waits for the snapshots, so what is ingested next arrives as deltas. */
  const subscribed = async (c: { client: HashcapClient; events: Recorder }, channels: string[], conflateMs: Rate = 0) => {
    const before = c.events.of('snapshot').length;
    c.client.subscribe(channels, { conflateMs });
    await waitFor(`snapshots of ${channels.join(', ')}`, () => c.events.of('snapshot').length >= before + channels.length);
  };

  const topicSeq = (server: HashcapServer, channel: string, rate: Rate = 0) => {
    const parsed = parseChannel(channel, server.feed);
    if (!parsed.ok) throw new Error(parsed.message);
    return server.feed.topic(parsed.spec, rate).seq;
  };

  /** Waits until the client has every delta the server published on `channel`, then compares states. */
  const expectInSync = async (client: HashcapClient, server: HashcapServer, channel = MINERS, timeoutMs = 10_000) => {
    await waitFor(`${channel} at seq ${topicSeq(server, channel)}`, () => client.seq(channel) === topicSeq(server, channel), timeoutMs);
    const mine = client.state(channel)!;
    const theirs = server.feed.channelState(channel)!;
    expect(wireNormal(mine)).toEqual(wireNormal(theirs));
    expect(stateChecksum(mine)).toBe(stateChecksum(theirs));
  };

  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('rebuilds index.miners from snapshot + thousands of deltas, equal to the server, with keyframes verified', async () => {
    const server = await start({ feed: { keyframeIntervalMs: 300 } });
    const { client, events, rawSocket } = await connect(server);
    await subscribed({ client, events }, [MINERS, 'bars.miners.1m', 'quotes.*']);
    await waitFor('snapshots', () => events.of('snapshot').length === 3);
    expect(events.of('snapshot').map((s) => [s.channel, s.recovered])).toEqual([
      [MINERS, true],
      ['bars.miners.1m', true],
      ['quotes.*', true],
    ]);

    const source = new TickSource();
    for (let b = 0; b < 20; b++) {
      server.ingest('p', source.batch(200));
      if (b % 5 === 4) await sleep(350); // keyframes mid-stream
    }
    for (const channel of [MINERS, 'bars.miners.1m', 'quotes.*']) await expectInSync(client, server, channel);
    const last = client.seq(MINERS);
    await waitFor('a keyframe verified at the last seq', () => events.of('verified').some((v) => v.channel === MINERS && v.seq === last), 5_000);

    expect(last).toBeGreaterThan(10);
    expect(events.of('delta').filter((d) => d.channel === MINERS).map((d) => d.seq)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    expect(events.of('verified').filter((v) => v.channel === MINERS).length).toBeGreaterThanOrEqual(2);
    expect(events.of('gap')).toEqual([]);
    expect(events.of('resync')).toEqual([]);
    expect(events.of('error')).toEqual([]);
    expect(client.connectionState).toBe('open');

    // ping() measures the round trip: a pong held back 300 ms on its way in is in the figure, and
    // nothing much else is (loopback, idle feed).
    const quick = await client.ping();
    expect(quick).toBeLessThan(295);
    rawSocket().pause();
    const held = client.ping();
    await sleep(300);
    rawSocket().resume();
    const rtt = await held;
    expect(rtt).toBeGreaterThanOrEqual(295);
    expect(rtt).toBeLessThan(300 + 1_000);
  });

  it('resumes after its socket dies: reconnects, gets exactly the missed deltas replayed, no resync', async () => {
    const server = await start();
    const { client, events, sockets } = await connect(server);
    await subscribed({ client, events }, [MINERS]);
    const source = new TickSource();
    server.ingest('p', source.batch(100));
    await expectInSync(client, server);
    const before = client.seq(MINERS);
    const mark = events.length;

    const killedAt = Date.now();
    sockets.at(-1)!.terminate(); // the connection dies without a close handshake
    for (let b = 0; b < 8; b++) server.ingest('p', source.batch(50)); // published while the client is gone
    const missed = topicSeq(server, MINERS) - before;
    expect(missed).toBe(8);

    const reconnected = await waitFor('reconnected', () => events.of('reconnected', mark)[0]);
    expect(reconnected.attempt).toBeGreaterThanOrEqual(1);
    // The downtime is the time the client was without a connection: from the loss it noticed
    // ('reconnecting') to the new socket's open ('reconnected'), and no more than since the kill.
    const lostAt = events.at('state', mark, (e) => e.state === 'reconnecting');
    const backAt = events.at('reconnected', mark);
    expect(Math.abs(reconnected.downtimeMs - (backAt - lostAt))).toBeLessThanOrEqual(5);
    expect(reconnected.downtimeMs).toBeLessThanOrEqual(backAt - killedAt);
    await expectInSync(client, server);
    // Replayed, not replaced: the missed seqs arrive as deltas, with no snapshot and no resync.
    expect(events.of('delta', mark).map((d) => d.seq)).toEqual(Array.from({ length: missed }, (_, i) => before + 1 + i));
    expect(events.of('snapshot', mark)).toEqual([]);
    expect(events.of('resync', mark)).toEqual([]);
    expect(sockets.length).toBe(2);

    server.ingest('p', source.batch(50)); // and it stays live on the new socket
    await expectInSync(client, server);
  });

  it("resyncs with reason 'unrecovered' when the history no longer reaches its last seq", async () => {
    const server = await start({ feed: { maxHistory: 5 } });
    const { client, events, sockets } = await connect(server);
    await subscribed({ client, events }, [MINERS]);
    const source = new TickSource();
    server.ingest('p', source.batch(100));
    await expectInSync(client, server);
    const mark = events.length;

    sockets.at(-1)!.terminate();
    for (let b = 0; b < 12; b++) server.ingest('p', source.batch(30));

    const resync = await waitFor('resync', () => events.of('resync', mark)[0]);
    expect(resync).toEqual({ channel: MINERS, conflateMs: 0, reason: 'unrecovered' });
    expect(events.of('snapshot', mark).map((s) => s.recovered)).toEqual([false]);
    expect(events.of('reconnected', mark)).toHaveLength(1);
    await expectInSync(client, server);
    server.ingest('p', source.batch(30));
    await expectInSync(client, server);
  });

  it('frames the server cannot deliver past its hard backpressure limit end the connection at a frame (closing, 4000) and the SDK resumes with no gap', async () => {
    // The transport used to skip such frames and carry on, leaving a hole the SDK had to find. Now the
    // subscriber is cut off at the first frame it misses, told 'closing', and resumes from its last seq.
    const server = await start({
      hardBackpressureBytes: 32 * 1024,
      backpressureBytes: 16 * 1024,
      limits: { slowWarnBytes: 16 * 1024, slowDegradeBytes: 1 << 30, slowCloseBytes: 1 << 30 },
      feed: { maxHistory: 100_000, keyframeIntervalMs: 60_000 },
    });
    const { client, events, rawSocket } = await connect(server);
    await subscribed({ client, events }, [MINERS]);
    const source = new TickSource();
    server.ingest('p', source.batch(50));
    await expectInSync(client, server);
    const mark = events.length;

    rawSocket().pause(); // stop reading: the kernel buffers fill, then the server's own buffer
    const deadline = Date.now() + 15_000;
    while (server.gateway.counters.slowOverflowed === 0 && Date.now() < deadline) {
      for (let i = 0; i < 100; i++) server.ingest('p', source.batch(20));
      await sleep(10); // lets the transport write and the slow-consumer check run
    }
    expect(server.gateway.counters.slowOverflowed).toBe(1);
    expect(server.transport.sendsDropped).toBeGreaterThan(0);
    rawSocket().resume();
    server.ingest('p', source.batch(20));

    await waitFor('reconnected', () => events.of('reconnected', mark)[0], 15_000);
    await expectInSync(client, server, MINERS, 15_000);
    expect(events.of('gap', mark)).toEqual([]);
    expect(events.of('notice', mark).map((n) => n.kind).at(-1)).toBe('closing');
    expect(events.of('resync', mark).map((r) => r.reason)).not.toContain('unrecovered');
  }, 40_000);

  it('follows a slow-consumer degrade to the conflated topic, then reconnects after the closing notice and resumes raw', async () => {
    const server = await start({
      limits: { slowWarnBytes: 32 * 1024, slowDegradeBytes: 64 * 1024, slowCloseBytes: 64 * 1024 * 1024, slowGraceMs: 1_000 },
    });
    const { client, events, rawSocket } = await connect(server);
    await subscribed({ client, events }, [MINERS]);
    const source = new TickSource();
    const mark = events.length;

    rawSocket().pause();
    const deadline = Date.now() + 15_000;
    while (server.gateway.counters.slowDegraded === 0 && Date.now() < deadline) {
      for (let i = 0; i < 100; i++) server.ingest('p', source.batch(20));
      await sleep(10);
    }
    expect(server.gateway.counters.slowDegraded).toBe(1);
    // Not reading, the backlog cannot shrink: after the grace period the server says 'closing' and closes.
    await waitFor('closed as a slow consumer', () => server.gateway.counters.slowClosed === 1, 10_000);
    rawSocket().resume();

    await waitFor('reconnected', () => events.of('reconnected', mark)[0], 10_000);
    const kinds = events.of('notice', mark).map((n) => n.kind);
    expect(kinds).toContain('slow_consumer_degraded');
    expect(kinds.at(-1)).toBe('closing');
    // Between the degrade and the close the client followed its channel to the 1000 ms topic.
    const order = events.log.slice(mark).map((e) => (e.type === 'notice' ? (e.event as { kind: string }).kind : e.type));
    const degradedAt = order.indexOf('slow_consumer_degraded');
    expect(order.indexOf('snapshot', degradedAt)).toBeGreaterThan(degradedAt);
    expect(order.indexOf('snapshot', degradedAt)).toBeLessThan(order.indexOf('closing'));

    server.ingest('p', source.batch(20));
    await expectInSync(client, server); // raw again, on the new connection
    expect(events.of('error', mark)).toEqual([]);
  }, 40_000);

  it("reconnects to a restarted server on the same port and resyncs with reason 'epoch'", async () => {
    const first = await start();
    const { client, events } = await connect(first);
    await subscribed({ client, events }, [MINERS, 'status']);
    const source = new TickSource();
    first.ingest('p', source.batch(200));
    await expectInSync(client, first);
    const port = first.port;
    const mark = events.length;

    const closingAt = Date.now();
    await first.close();
    servers.splice(servers.indexOf(first), 1);
    await waitFor('reconnecting', () => client.connectionState === 'reconnecting');
    const lostAt = events.at('state', mark, (e) => e.state === 'reconnecting');
    await sleep(600); // refused attempts
    const restartingAt = Date.now();
    const second = await start({}, port);
    expect(second.feed.epoch).not.toBe(first.feed.epoch);

    await waitFor("resync 'epoch' on both channels", () => events.of('resync', mark).length === 2);
    expect(events.of('resync', mark).map((r) => [r.channel, r.reason]).sort()).toEqual([
      [MINERS, 'epoch'],
      ['status', 'epoch'],
    ]);
    expect(events.of('reconnected', mark)).toHaveLength(1);
    // The downtime a user reads is the time the server was away: at least from the loss the client saw
    // to the restart, at most from the shutdown to the reconnect (reconnect backoff is capped at 200 ms).
    const { downtimeMs } = events.of('reconnected', mark)[0]!;
    expect(downtimeMs).toBeGreaterThanOrEqual(restartingAt - lostAt);
    expect(downtimeMs).toBeLessThanOrEqual(events.at('reconnected', mark) - closingAt);
    expect(downtimeMs).toBeGreaterThanOrEqual(600);
    await expectInSync(client, second);
    second.ingest('p', new TickSource().batch(100)); // a fresh publisher: its seqs start over too
    await expectInSync(client, second);
    await expectInSync(client, second, 'status');
  });

  it('does not hammer a server that is down: one attempt per 100 ms at most, even when every jitter draw is 0', async () => {
    const gone = await start();
    const url = gone.url;
    await gone.close();
    servers.splice(servers.indexOf(gone), 1);

    const attemptsAt: number[] = [];
    class CountedWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols);
        attemptsAt.push(performance.now());
      }
    }
    // Full jitter's worst luck for the server: every draw at the bottom of the window.
    const random = vi.spyOn(Math, 'random').mockReturnValue(0);
    try {
      const client = new HashcapClient({ url, WebSocket: CountedWebSocket }); // the SDK's default backoff
      clients.push(client);
      client.on('error', () => {}); // each refused attempt reports one
      client.connect().catch(() => {}); // rejected by close() below
      await sleep(1_000);
      client.close();
    } finally {
      random.mockRestore();
    }
    expect(attemptsAt.length).toBeGreaterThanOrEqual(3);
    expect(attemptsAt.length).toBeLessThanOrEqual(11);
    const gaps = attemptsAt.slice(1).map((t, i) => t - attemptsAt[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(99);
  });

  it("detects a corrupted local state at the next keyframe and resyncs with reason 'checksum'", async () => {
    const server = await start({ feed: { keyframeIntervalMs: 300 } });
    const { client, events } = await connect(server);
    await subscribed({ client, events }, [MINERS]);
    const source = new TickSource();
    server.ingest('p', source.batch(100));
    await expectInSync(client, server);
    await waitFor('a verified keyframe', () => events.of('verified').length > 0, 5_000);
    const mark = events.length;

    // Corrupt fields no delta will rewrite (the level would be overwritten by the next delta).
    const index = client.state(MINERS)!.index!;
    index.name = 'corrupted';
    index.constituents![0]!.shares = 1;
    const deadline = Date.now() + 10_000;
    while (!events.of('resync', mark).length && Date.now() < deadline) {
      server.ingest('p', source.batch(20)); // keyframes follow new deltas only
      await sleep(100);
    }
    expect(events.of('resync', mark)).toEqual([{ channel: MINERS, conflateMs: 0, reason: 'checksum' }]);
    await expectInSync(client, server);
    expect(client.state(MINERS)!.index!.name).not.toBe('corrupted');
    server.ingest('p', source.batch(20));
    await waitFor('verified again after the repair', () => events.of('verified', mark).length > 0, 5_000);
    await expectInSync(client, server);
  });

  it('gets the same states over JSON as over protobuf', async () => {
    const server = await start();
    const proto = await connect(server, { format: 'proto' });
    const json = await connect(server, { format: 'json' });
    expect(json.sockets[0]!.protocol).toBe('hashcap.v1.json');
    expect(proto.sockets[0]!.protocol).toBe('hashcap.v1.proto');
    const channels = [MINERS, 'quotes.*', 'bars.miners.1m', 'status'];
    for (const c of [proto, json]) await subscribed(c, channels);
    for (const c of [proto, json]) await subscribed(c, [MINERS], 100);
    const source = new TickSource();
    for (let b = 0; b < 10; b++) {
      server.ingest('p', source.batch(100));
      await sleep(30);
    }
    for (const c of [proto, json]) for (const channel of channels) await expectInSync(c.client, server, channel);
    for (const channel of channels) {
      expect(json.client.seq(channel)).toBe(proto.client.seq(channel));
      expect(wireNormal(json.client.state(channel))).toEqual(wireNormal(proto.client.state(channel)));
    }
    // The 100 ms topic has its own seq and state (what it published so far), not the channel's latest.
    const conflated = server.feed.topic({ kind: 'index', name: MINERS, index: 'miners' }, 100);
    await waitFor('conflated topics caught up', () => [proto, json].every((c) => c.client.seq(MINERS, 100) === conflated.seq && conflated.seq > 0));
    for (const c of [proto, json]) expect(wireNormal(c.client.state(MINERS, 100))).toEqual(wireNormal(conflated.stateNow()));
    for (const c of [proto, json]) {
      expect(c.events.of('error')).toEqual([]);
      expect(c.events.of('resync')).toEqual([]);
    }
  });

  it("emits 'stale' once per silence when the socket stops delivering, and recovers when it resumes", async () => {
    // Heartbeats every ~250 ms on idle topics keep a healthy channel well inside 800 ms.
    const server = await start({ feed: { heartbeatIdleMs: 100 } });
    const { client, events, rawSocket } = await connect(server, { staleAfterMs: 800 });
    await subscribed({ client, events }, [MINERS, 'status']);
    await waitFor('snapshots', () => events.of('snapshot').length === 2);
    await sleep(1_200);
    expect(events.of('stale')).toEqual([]); // idle but alive: heartbeats count

    const mark = events.length;
    rawSocket().pause();
    await sleep(2_000); // 2.5 × staleAfterMs: still one event per channel
    const stale = events.of('stale', mark);
    expect(stale.map((s) => s.channel).sort()).toEqual([MINERS, 'status']);
    for (const s of stale) expect(s.silentMs).toBeGreaterThanOrEqual(800);

    const source = new TickSource();
    server.ingest('p', source.batch(50));
    rawSocket().resume();
    await expectInSync(client, server);
    const after = events.length;
    await sleep(1_200);
    expect(events.of('stale', after)).toEqual([]);
    expect(events.of('gap', mark)).toEqual([]);

    // Silent again: stale again.
    rawSocket().pause();
    await waitFor('stale again', () => events.of('stale', after).length === 2, 3_000);
    rawSocket().resume();
  });
});
