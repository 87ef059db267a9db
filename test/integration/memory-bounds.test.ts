/**
 * Memory stays bounded from the outside: topics nobody subscribes to are let go (and a later subscriber
 * still gets a correct snapshot and contiguous seqs, an old resume point recovered=false, never another
 * state's frames), and a connection's state goes with it. Real server on port 0, real ws clients,
 * ticks through POST /v1/quotes; both transports.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { wire, type hashcap } from '../../proto/wire.ts';
import { cloneState, mergeState, type ChannelState } from '../../proto/merge.ts';
import { startServer, type HashcapServer } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import type { TransportKind } from '../../server/transport/types.ts';
import { StreamClient } from '../support/stream-client.ts';
import { tickBuilders } from '../support/ticks.ts';
import { SKIP_UWS } from '../support/uws.ts';

const TOKEN = 'test-token-memory-0123456789';
const RELEASE_MS = 300;

async function waitFor(what: string, predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Trades around each symbol's previous close (inside every price band), a different price each call. */
class Trades {
  private n = 0;
  constructor(private readonly server: HashcapServer) {}

  async post(count: number): Promise<void> {
    const market = this.server.market;
    const symbols = market.allSymbols();
    const b = tickBuilders(Date.now());
    const ticks: hashcap.v1.ITick[] = [];
    for (let i = 0; i < count; i++) {
      this.n++;
      const symbol = symbols[this.n % symbols.length]!;
      const close = market.quote(market.symbolId(symbol)!).previousClose;
      ticks.push(b.trade(symbol, Math.round(close * (1 + ((this.n % 11) - 5) / 1000) * 100) / 100));
    }
    const res = await fetch(`${this.server.url}/v1/quotes`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf', authorization: `Bearer ${TOKEN}` },
      body: Buffer.from(wire.IngestBatch.encode({ batchId: this.n, ticks }).finish()),
    });
    expect(res.status).toBe(200);
    const reply = wire.IngestReply.decode(new Uint8Array(await res.arrayBuffer()));
    expect(reply.accepted).toBe(count);
  }
}

/** Snapshot, then deltas with contiguous seqs: the state a client rebuilds, and its last seq. */
function rebuild(client: StreamClient, channel: string): { state: ChannelState; seq: number; snapshot: hashcap.v1.ISnapshot } {
  let state: ChannelState | null = null;
  let snapshot: hashcap.v1.ISnapshot | null = null;
  let seq = -1;
  for (const m of client.messages) {
    if (m.snapshot?.channel === channel && !m.snapshot.keyframe) {
      snapshot = m.snapshot;
      state = cloneState(m.snapshot.state as ChannelState);
      seq = Number(m.snapshot.seq ?? 0);
    } else if (m.delta?.channel === channel) {
      expect(state, 'delta before snapshot').not.toBeNull();
      expect(Number(m.delta.seq)).toBe(seq + 1);
      seq = Number(m.delta.seq);
      mergeState(state!, m.delta.changes as ChannelState);
    }
  }
  if (!state || !snapshot) throw new Error(`no snapshot for ${channel}`);
  return { state, seq, snapshot };
}

const canonical = (state: ChannelState | undefined) =>
  wire.ChannelState.toObject(wire.ChannelState.fromObject(state ?? {}), { longs: Number, enums: Number, json: true });

function suite(kind: TransportKind): void {
  describe(`memory bounds over ${kind}`, () => {
    const servers: HashcapServer[] = [];
    const clients: StreamClient[] = [];
    const start = async () => {
      const config = parseConfig(['--port', '0', '--transport', kind, '--no-simulate', '--token', TOKEN], {});
      const server = await startServer(config, () => {}, { feed: { releaseIdleTopicMs: RELEASE_MS } });
      servers.push(server);
      return server;
    };
    const connect = async (server: HashcapServer) => {
      const c = await StreamClient.connect(server.url);
      clients.push(c);
      return c;
    };

    afterEach(async () => {
      for (const c of clients.splice(0)) c.close();
      await Promise.all(servers.splice(0).map((s) => s.close()));
    });

    it('lets go of a topic nobody subscribes to; a later subscriber gets a correct snapshot and contiguous seqs, an old resume point recovered=false', async () => {
      const server = await start();
      const trades = new Trades(server);
      const first = await connect(server);
      first.subscribe(['index.miners']);
      for (let b = 0; b < 5; b++) await trades.post(10);
      const last = await first.until('five deltas', () => first.deltas('index.miners')[4]);
      const lastSeen = first.deltas('index.miners').at(-1)!;
      first.close();

      await waitFor('the topic to be released', () => server.feed.topicCount === 0);
      expect(server.feed.historyFrames()).toBe(0);
      await trades.post(10);

      // The topic again, with more deltas than the old one had: its history must not serve old seqs.
      const fresh = await connect(server);
      fresh.subscribe(['index.miners'], 0, 3);
      await fresh.until('snapshot', () => fresh.snapshots('index.miners')[0]);
      for (let b = 0; b < 8; b++) await trades.post(10);
      const resumer = await connect(server);
      resumer.subscribe(['index.miners'], 0, 2, [{ channel: 'index.miners', epoch: Number(last.epoch), lastSeq: Number(lastSeen.seq) }]);
      const ack = await resumer.until('resume ack', () => resumer.acks()[0]);
      expect(ack.resumed ?? false).toBe(false);
      expect(ack.replayed ?? 0).toBe(0);
      const snap = await resumer.until('snapshot', () => resumer.snapshots('index.miners')[0]);
      expect(snap.recovered ?? false).toBe(false);
      expect(canonical(snap.state as ChannelState)).toEqual(canonical(server.feed.channelState('index.miners')));

      for (let b = 0; b < 5; b++) await trades.post(10);
      const target = server.feed.topic({ kind: 'index', name: 'index.miners', index: 'miners' }, 0).seq;
      for (const c of [resumer, fresh]) {
        await c.until('the last delta', () => c.deltas('index.miners').some((d) => Number(d.seq) === target));
        const rebuilt = rebuild(c, 'index.miners');
        expect(rebuilt.seq).toBe(target);
        expect(canonical(rebuilt.state)).toEqual(canonical(server.feed.channelState('index.miners')));
      }
    });

    it('drops every connection\'s state when it goes: 30 clients on every channel at every rate come and go', async () => {
      const server = await start();
      const trades = new Trades(server);
      const channels = ['status', 'quotes.*', ...server.market.indexes.flatMap((ix) => [`index.${ix.id}`, `bars.${ix.id}.1m`]), ...server.market.allSymbols().slice(0, 5).map((s) => `quotes.${s}`)];
      for (let round = 0; round < 3; round++) {
        const batch = await Promise.all(Array.from({ length: 10 }, () => connect(server)));
        batch.forEach((c, i) => c.subscribe(channels, [0, 100, 1000][i % 3]!, 1));
        await Promise.all(batch.map((c) => c.until('every snapshot', () => c.snapshots('status').length > 0 && c.messages.filter((m) => m.snapshot).length >= channels.length)));
        await trades.post(20);
        expect(server.gateway.counters.connections).toBe(10);
        expect(server.feed.topicCount).toBeLessThanOrEqual(channels.length * 3);
        for (const c of batch) c.close();
        await waitFor('connections to go', () => server.gateway.counters.connections === 0 && server.transport.connectionCount === 0);
        expect(server.gateway.counters.subscriptions).toBe(0);
      }
      await waitFor('topics to be released', () => server.feed.topicCount === 0);
      expect(server.feed.historyFrames()).toBe(0);
    });
  });
}

if (!SKIP_UWS) suite('uws');
suite('ws');
