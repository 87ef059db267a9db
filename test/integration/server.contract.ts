/**
 * The streaming server's contract, run against each transport (uWS and ws): real server on port 0,
 * real websocket clients, publishers through the real ingest endpoint.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { wire, type hashcap } from '../../proto/wire.ts';
import { cloneState, mergeState, type ChannelState } from '../../proto/merge.ts';
import { stateChecksum } from '../../proto/canonical.ts';
import { startServer, type HashcapServer, type ServerOverrides } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { deltaWriter } from '../../server/feed/delta-writer.ts';
import type { TransportKind } from '../../server/transport/types.ts';
import { StreamClient } from '../support/stream-client.ts';

const TOKEN = 'test-token-0123456789abcdef';
const SYMBOLS = ['IREN', 'MARA', 'RIOT', 'CIFR', 'CORZ', 'CLSK', 'WULF', 'HUT', 'BITF', 'HIVE', 'APLD', 'BTBT', 'BTDR'];

/** Deterministic random ticks around the reference prices, with per-symbol increasing seqs. */
class TickSource {
  private seqs = new Map<string, number>();
  private prices = new Map<string, number>([
    ['IREN', 48.45], ['MARA', 15.87], ['RIOT', 20.51], ['CIFR', 24.71], ['CORZ', 21.8], ['CLSK', 16.58], ['WULF', 11.56],
    ['HUT', 48.46], ['BITF', 3.84], ['HIVE', 6.9], ['APLD', 37.76], ['BTBT', 2.36], ['BTDR', 13.04],
  ]);
  private state = 12345;
  private rnd(): number {
    this.state = (this.state * 1103515245 + 12345) % 2147483648;
    return this.state / 2147483648;
  }
  batch(n: number): hashcap.v1.ITick[] {
    const ticks: hashcap.v1.ITick[] = [];
    for (let i = 0; i < n; i++) {
      const symbol = SYMBOLS[Math.floor(this.rnd() * SYMBOLS.length)]!;
      const p = Math.max(0.5, Math.round(this.prices.get(symbol)! * (1 + (this.rnd() - 0.5) * 0.01) * 100) / 100);
      this.prices.set(symbol, p);
      const seq = (this.seqs.get(symbol) ?? 0) + 1;
      this.seqs.set(symbol, seq);
      const trade = this.rnd() < 0.7;
      ticks.push({
        symbol,
        kind: trade ? 0 : 1,
        price: p,
        size: 100 * (1 + Math.floor(this.rnd() * 10)),
        bid: Math.round((p - 0.01) * 100) / 100,
        ask: Math.round((p + 0.01) * 100) / 100,
        bidSize: 300,
        askSize: 200,
        timeMs: Date.now(),
        seq,
      });
    }
    return ticks;
  }
}

async function post(server: HashcapServer, ticks: hashcap.v1.ITick[], batchId = 1): Promise<hashcap.v1.IIngestReply> {
  const res = await fetch(`${server.url}/v1/quotes`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-protobuf', authorization: `Bearer ${TOKEN}` },
    body: Buffer.from(wire.IngestBatch.encode({ batchId, ticks }).finish()),
  });
  expect(res.status).toBe(200);
  return wire.IngestReply.decode(new Uint8Array(await res.arrayBuffer()));
}

/** Rebuilds a channel's state from what a client received, checking seq contiguity and keyframes. */
function rebuild(client: StreamClient, channel: string, conflateMs = 0): { state: ChannelState; seq: number; keyframesChecked: number } {
  let state: ChannelState | null = null;
  let seq = -1;
  let keyframesChecked = 0;
  for (const m of client.messages) {
    const snap = m.snapshot;
    if (snap && snap.channel === channel && (snap.conflateMs ?? 0) === conflateMs) {
      if (snap.keyframe && state) {
        expect(Number(snap.seq ?? 0)).toBe(seq);
        expect(snap.crc32).toBe(stateChecksum(state));
        keyframesChecked++;
        continue;
      }
      state = cloneState(snap.state as ChannelState);
      seq = Number(snap.seq ?? 0);
      continue;
    }
    const d = m.delta;
    if (d && d.channel === channel && (d.conflateMs ?? 0) === conflateMs) {
      expect(state, 'delta before snapshot').not.toBeNull();
      expect(Number(d.seq)).toBe(seq + 1);
      seq = Number(d.seq);
      mergeState(state!, d.changes as ChannelState);
    }
  }
  if (!state) throw new Error(`no snapshot for ${channel}`);
  return { state, seq, keyframesChecked };
}

const asJsonIndex = (index: hashcap.v1.IIndexState) =>
  wire.IndexState.toObject(wire.IndexState.fromObject(index), { json: true, enums: String });

export function serverContract(kind: TransportKind): void {
  describe(`hashcap server over ${kind}`, () => {
    const servers: HashcapServer[] = [];
    const clients: StreamClient[] = [];
    const start = async (overrides: ServerOverrides = {}, port = 0) => {
      const config = parseConfig(['--port', String(port), '--transport', kind, '--no-simulate', '--token', TOKEN], {});
      const server = await startServer(config, () => {}, {
        ...overrides,
        feed: { keyframeIntervalMs: 400, ...overrides.feed },
      });
      servers.push(server);
      return server;
    };
    const connect = async (server: HashcapServer, format: 'proto' | 'json' = 'proto') => {
      const c = await StreamClient.connect(server.url, format);
      clients.push(c);
      return c;
    };
    const topicSeq = (server: HashcapServer, channel: string, rate: 0 | 100 | 1000 = 0) =>
      server.feed.topic({ kind: 'index', name: channel, index: channel.split('.')[1]! }, rate).seq;

    afterEach(async () => {
      for (const c of clients.splice(0)) c.close();
      await Promise.all(servers.splice(0).map((s) => s.close()));
    });

    it('subscribe → ack → snapshot → deltas: the rebuilt state equals /v1/snapshot after thousands of quotes, keyframes verify', async () => {
      const server = await start();
      const client = await connect(server);
      client.subscribe(['index.miners', 'index.ai-hpc'], 0, 7);
      await client.until('two snapshots', (m) => m.filter((x) => x.snapshot).length >= 2);
      expect(client.messages[0]!.ack).toMatchObject({ requestId: 7, channel: 'index.miners' });
      const source = new TickSource();
      let accepted = 0;
      for (let b = 0; b < 15; b++) {
        const reply = await post(server, source.batch(200), b + 1);
        accepted += reply.accepted ?? 0;
        if (b % 5 === 4) await new Promise((r) => setTimeout(r, 450)); // let keyframes happen mid-stream
      }
      expect(accepted).toBe(3000);
      for (const channel of ['index.miners', 'index.ai-hpc']) {
        const target = topicSeq(server, channel);
        await client.until(`${channel} seq ${target}`, () => client.deltas(channel).at(-1)?.seq === target);
      }
      await client.until('a keyframe after the last delta', (m) => m.at(-1)?.snapshot?.keyframe === true || undefined, 3000).catch(() => undefined);
      const snapshot = (await (await fetch(`${server.url}/v1/snapshot`)).json()) as { indexes: Record<string, unknown> };
      let keyframes = 0;
      for (const id of ['miners', 'ai-hpc']) {
        const rebuilt = rebuild(client, `index.${id}`);
        keyframes += rebuilt.keyframesChecked;
        expect(asJsonIndex(rebuilt.state.index!)).toEqual(snapshot.indexes[id]);
      }
      expect(keyframes).toBeGreaterThan(0);
    });

    it('resumes inside the history with the missed deltas, and beyond it with a snapshot marked recovered=false', async () => {
      const server = await start({ feed: { maxHistory: 20 } });
      const source = new TickSource();
      const first = await connect(server);
      first.subscribe(['index.miners']);
      await post(server, source.batch(50));
      const seen = await first.until('a delta', () => first.deltas('index.miners').at(-1));
      const epoch = Number(seen.epoch);
      first.close();
      for (let b = 0; b < 5; b++) await post(server, source.batch(20));
      const target = topicSeq(server, 'index.miners');

      const second = await connect(server);
      second.subscribe(['index.miners'], 0, 2, [{ channel: 'index.miners', epoch, lastSeq: Number(seen.seq) }]);
      const ack = await second.until('resume ack', () => second.acks()[0]);
      expect(ack).toMatchObject({ resumed: true, replayed: target - Number(seen.seq) });
      const replayed = await second.until('replayed deltas', () => (second.deltas('index.miners').at(-1)?.seq === target ? second.deltas('index.miners') : undefined));
      expect(replayed.map((d) => Number(d.seq))).toEqual(Array.from({ length: target - Number(seen.seq) }, (_, i) => Number(seen.seq) + 1 + i));

      for (let b = 0; b < 30; b++) await post(server, source.batch(5)); // history (20) no longer reaches back
      const third = await connect(server);
      third.subscribe(['index.miners'], 0, 3, [{ channel: 'index.miners', epoch, lastSeq: Number(seen.seq) }]);
      const snap = await third.until('snapshot', () => third.snapshots('index.miners')[0]);
      expect(third.acks()[0]!.resumed ?? false).toBe(false); // proto3: false is the omitted default
      expect(snap.recovered ?? false).toBe(false);
      expect(Number(snap.seq)).toBe(topicSeq(server, 'index.miners'));
    });

    it('changes epoch on restart, so an old resume point gets a fresh snapshot', async () => {
      const a = await start();
      const epochA = a.feed.epoch;
      const port = a.port;
      await a.close();
      servers.splice(servers.indexOf(a), 1);
      await new Promise((r) => setTimeout(r, 5));
      const b = await start({}, port);
      expect(b.feed.epoch).not.toBe(epochA);
      const c = await connect(b);
      c.subscribe(['index.miners'], 0, 1, [{ channel: 'index.miners', epoch: epochA, lastSeq: 3 }]);
      const snap = await c.until('snapshot', () => c.snapshots('index.miners')[0]);
      expect(snap.recovered ?? false).toBe(false);
      expect(Number(snap.epoch)).toBe(b.feed.epoch);
    });

    it('carries the same content in JSON and binary modes', async () => {
      const server = await start();
      const bin = await connect(server, 'proto');
      const txt = await connect(server, 'json');
      expect(txt.socket.protocol).toBe('hashcap.v1.json');
      expect(bin.socket.protocol).toBe('hashcap.v1.proto');
      for (const c of [bin, txt]) c.subscribe(['index.miners', 'quotes.*', 'status'], 0, 1);
      const source = new TickSource();
      for (let b = 0; b < 5; b++) await post(server, source.batch(100));
      const target = topicSeq(server, 'index.miners');
      for (const c of [bin, txt]) await c.until('deltas', () => c.deltas('index.miners').at(-1)?.seq === target);
      for (const channel of ['index.miners', 'quotes.*']) {
        const a = rebuild(bin, channel);
        const b = rebuild(txt, channel);
        expect(b.seq).toBe(a.seq);
        expect(stateChecksum(b.state)).toBe(stateChecksum(a.state));
      }
      const strip = (m: StreamClient) => m.deltas('index.miners').map((d) => ({ ...d, sendTimeMs: 0 }));
      expect(strip(txt)).toEqual(strip(bin));
    });

    it('answers every bad request with a typed error and keeps the connection and other subscriptions working', async () => {
      const server = await start({ limits: { maxSubscriptions: 3, maxMessageBytes: 4096, messagesPerSecond: 2, messageBurst: 8 } });
      const c = await connect(server);
      c.subscribe(['index.miners', 'index.nope', 'bad$$channel', 'quotes.ZZZZ'], 0, 5);
      await c.until('a snapshot and three errors', (m) => m.some((x) => x.snapshot) && c.errors().length >= 3);
      expect(c.errors().map((e) => [e.code, e.channel, e.requestId])).toEqual([
        [1003, 'index.nope', 5],
        [1002, 'bad$$channel', 5],
        [1003, 'quotes.ZZZZ', 5],
      ]);
      c.sendRaw(new Uint8Array([0xff, 0xff, 0xff, 0x01, 0x02]));
      await c.until('bad message error', () => c.errors().find((e) => e.code === 1001));
      c.sendRaw(new Uint8Array(5000));
      await c.until('too large error', () => c.errors().find((e) => e.code === 2001));
      c.subscribe(['quotes.IREN', 'quotes.MARA', 'quotes.RIOT'], 0, 6);
      const tooMany = await c.until('too many subscriptions', () => c.errors().find((e) => e.code === 2002));
      expect(tooMany.requestId).toBe(6);
      // The burst is spent: the next rapid messages are refused with a retry hint.
      for (let i = 0; i < 6; i++) c.send({ ping: { requestId: 100 + i } });
      const limited = await c.until('rate limited', () => c.errors().find((e) => e.code === 2003));
      expect(limited.retryAfterMs).toBeGreaterThan(0);
      // The connection still works: deltas keep arriving on the first subscription.
      await post(server, new TickSource().batch(50));
      await c.until('delta after errors', () => c.deltas('index.miners').length > 0);
      await new Promise((r) => setTimeout(r, Number(limited.retryAfterMs) + 600));
      c.send({ ping: { requestId: 999, clientTimeMs: 1 } });
      await c.until('pong', (m) => m.find((x) => x.pong?.requestId === 999));
      expect(c.closeEvent).toBeNull();
    });

    it('degrades then closes a subscriber that stops reading, while a healthy one receives every seq', async () => {
      const server = await start({
        limits: { slowWarnBytes: 64 * 1024, slowDegradeBytes: 256 * 1024, slowCloseBytes: 4 * 1024 * 1024, slowGraceMs: 1000 },
        feed: { maxHistory: 100_000 },
      });
      const healthy = await connect(server);
      const slow = await connect(server);
      for (const c of [healthy, slow]) c.subscribe(['quotes.*', 'index.miners'], 0, 1);
      await slow.until('snapshots', (m) => m.filter((x) => x.snapshot).length >= 2);
      (slow.socket as unknown as { _socket: { pause(): void } })._socket.pause();
      const source = new TickSource();
      const deadline = Date.now() + 20_000;
      while (server.gateway.counters.slowClosed === 0 && Date.now() < deadline) {
        for (let i = 0; i < 50; i++) server.ingest('bench', source.batch(40));
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(server.gateway.counters.slowDegraded).toBeGreaterThanOrEqual(1);
      expect(server.gateway.counters.slowClosed).toBe(1);
      const target = topicSeq(server, 'index.miners');
      await healthy.until('every delta', () => healthy.deltas('index.miners').at(-1)?.seq === target, 20_000);
      rebuild(healthy, 'index.miners'); // asserts contiguity
      rebuild(healthy, 'quotes.*');
      (slow.socket as unknown as { _socket: { resume(): void } })._socket.resume();
      const closed = await slow.until('close', () => slow.closeEvent, 20_000);
      expect(closed).toEqual({ code: 4000, reason: 'slow consumer' });
      const kinds = slow.messages.flatMap((m) => (m.notice ? [m.notice.kind] : []));
      expect(kinds).toContain('slow_consumer_degraded');
      expect(kinds.at(-1)).toBe('closing');
      expect(slow.messages.findLast((m) => m.notice)!.notice!.resumeToken).toBeTruthy();
    }, 60_000);

    it('sends heartbeats with the last seq on an idle channel', async () => {
      const server = await start();
      const c = await connect(server);
      c.subscribe(['quotes.IREN']);
      const snap = await c.until('snapshot', () => c.snapshots('quotes.IREN')[0]);
      const hb = await c.until('heartbeat', (m) => m.find((x) => x.heartbeat)?.heartbeat, 3000);
      expect(hb).toMatchObject({ channel: 'quotes.IREN' });
      expect(hb!.seq ?? 0).toBe(snap.seq ?? 0);
      expect(hb!.freshness?.[0]?.symbol).toBe('IREN');
    });

    it('encodes a frame once for 1,000 subscribers of a topic', async () => {
      // 1,000 connections at once from one address: past the default admission limits (server/limits/).
      const server = await start({ limits: { connectsPerSecondPerAddress: 0, connectsPerSecond: 0 } });
      const sockets: WebSocket[] = [];
      const received: number[] = [];
      const subscribe = wire.ClientMessage.encode({ subscribe: { requestId: 1, channels: ['index.miners'] } }).finish();
      try {
        await Promise.all(
          Array.from({ length: 1000 }, (_, i) => new Promise<void>((resolve, reject) => {
            const ws = new WebSocket(`${server.url.replace('http', 'ws')}/v1/stream`, ['hashcap.v1.proto']);
            sockets.push(ws);
            received[i] = 0;
            ws.on('message', (data: Buffer) => {
              const m = wire.ServerMessage.decode(data);
              if (m.snapshot) resolve();
              if (m.delta) received[i]!++;
            });
            ws.once('open', () => ws.send(subscribe));
            ws.once('error', reject);
          })),
        );
        // Deltas are written by the feed's delta writer (server/feed/delta-writer.ts), other frames by protobufjs.
        const encode = vi.spyOn(wire.ServerMessage, 'encode');
        const written = vi.spyOn(deltaWriter, 'bytes');
        server.ingest('test', new TickSource().batch(10));
        expect(encode.mock.calls.length + written.mock.calls.length).toBe(1); // one delta for index.miners, whatever the audience
        encode.mockRestore();
        written.mockRestore();
        const deadline = Date.now() + 15_000;
        while (received.some((n) => n < 1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        expect(received.filter((n) => n === 1).length).toBe(1000);
      } finally {
        for (const ws of sockets) ws.terminate();
      }
    }, 60_000);
  });
}
