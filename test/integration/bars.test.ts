/**
 * What a bar's `prints` counts, seen by a client: the trade prints of that index's constituents in the
 * bar — not quotes, halts, or trades of symbols outside the index that arrived in the same batch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wire, type hashcap } from '../../proto/wire.ts';
import { cloneState, mergeState, type ChannelState } from '../../proto/merge.ts';
import { startServer, type HashcapServer } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { StreamClient } from '../support/stream-client.ts';

const TOKEN = 'test-token-bars-0123456789abc';
const TRADE = 0;
const QUOTE = 1;
const HALT = 2;
const RESUME = 3;

describe('bars', () => {
  let server: HashcapServer;
  beforeAll(async () => {
    server = await startServer(parseConfig(['--port', '0', '--no-simulate', '--token', TOKEN], {}), () => {});
  });
  afterAll(async () => {
    await server?.close();
  });

  it('count the trade prints of the index\'s own constituents, nothing else of the batch', async () => {
    const client = await StreamClient.connect(server.url);
    try {
      const channels = ['bars.miners.1m', 'bars.ai-hpc.1m', 'index.miners'];
      client.subscribe(channels);
      await client.until('snapshots', () => channels.every((c) => client.snapshots(c).length > 0));
      const seqs = new Map<string, number>();
      const tick = (symbol: string, kind: number, price: number): hashcap.v1.ITick => {
        const seq = (seqs.get(symbol) ?? 0) + 1;
        seqs.set(symbol, seq);
        return { symbol, kind, price, bid: price - 0.01, ask: price + 0.01, bidSize: 100, askSize: 100, size: 100, timeMs: Date.now(), seq };
      };
      // MARA is in miners only; IREN is in both indexes; BTBT in miners only.
      const batches: hashcap.v1.ITick[][] = [
        [tick('MARA', TRADE, 15.9), tick('MARA', TRADE, 15.91), tick('MARA', TRADE, 15.92), tick('IREN', TRADE, 48.5), tick('IREN', TRADE, 48.51),
          tick('IREN', QUOTE, 48.5), tick('IREN', QUOTE, 48.5), tick('MARA', QUOTE, 15.9)],
        // No trade at all: a halt, then its resume, move the indexes' flags, and quotes ride along.
        [tick('BTBT', HALT, 0), tick('IREN', QUOTE, 48.52), tick('MARA', QUOTE, 15.95)],
        [tick('BTBT', RESUME, 0), tick('IREN', QUOTE, 48.53)],
        [tick('IREN', TRADE, 48.53), tick('MARA', QUOTE, 15.95), tick('BTBT', TRADE, 2.37)],
      ];
      const expected = { 'bars.miners.1m': 7, 'bars.ai-hpc.1m': 3 };
      let sent = 0;
      for (const [b, ticks] of batches.entries()) {
        const res = await fetch(`${server.url}/v1/quotes`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-protobuf', authorization: `Bearer ${TOKEN}` },
          body: Buffer.from(wire.IngestBatch.encode({ batchId: b + 1, ticks }).finish()),
        });
        const reply = wire.IngestReply.decode(new Uint8Array(await res.arrayBuffer()));
        expect(reply.accepted).toBe(ticks.length);
        sent++;
        // Every batch moves index.miners (a print or a halt flag): its delta marks the batch as delivered.
        await client.until(`batch ${b}`, () => client.deltas('index.miners').length >= sent);
      }
      const prints = (channel: string) => {
        const state = cloneState(client.snapshots(channel)[0]!.state as ChannelState);
        for (const d of client.deltas(channel)) mergeState(state, d.changes as ChannelState);
        return (state.bars?.bars ?? []).reduce((acc, bar) => acc + (bar.prints ?? 0), 0);
      };
      expect({ 'bars.miners.1m': prints('bars.miners.1m'), 'bars.ai-hpc.1m': prints('bars.ai-hpc.1m') }).toEqual(expected);
    } finally {
      client.close();
    }
  });
});

/**
 * bars.<SYMBOL>.1m / .5m: OHLC of one symbol's trades and the shares traded in each bar, with the
 * day's history in the snapshot — what the ticker's drill-down draws.
 */
describe('symbol bars', () => {
  let server: HashcapServer;
  beforeAll(async () => {
    server = await startServer(parseConfig(['--port', '0', '--no-simulate', '--token', TOKEN], {}), () => {});
  });
  afterAll(async () => {
    await server?.close();
  });

  const post = async (batchId: number, ticks: hashcap.v1.ITick[]) => {
    const res = await fetch(`${server.url}/v1/quotes`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf', authorization: `Bearer ${TOKEN}` },
      body: Buffer.from(wire.IngestBatch.encode({ batchId, ticks }).finish()),
    });
    return wire.IngestReply.decode(new Uint8Array(await res.arrayBuffer()));
  };
  const rebuilt = (client: StreamClient, channel: string) => {
    const state = cloneState(client.snapshots(channel)[0]!.state as ChannelState);
    for (const d of client.deltas(channel)) mergeState(state, d.changes as ChannelState);
    return state.bars!;
  };

  it('carry one symbol\'s trades (not its quotes) as OHLC with volume, history in the snapshot', async () => {
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    // An earlier bar, before anyone subscribes: the snapshot must bring it.
    const t0 = Math.max(minute - 60_000 + 5_000, Date.now() - 55_000);
    expect((await post(1, [{ symbol: 'IREN', kind: TRADE, price: 48, size: 300, timeMs: t0, seq: 1 }])).accepted).toBe(1);
    const client = await StreamClient.connect(server.url);
    try {
      const channels = ['bars.IREN.1m', 'bars.IREN.5m', 'bars.MARA.1m'];
      client.subscribe(channels);
      await client.until('snapshots', () => channels.every((c) => client.snapshots(c).length > 0));
      const snap = client.snapshots('bars.IREN.1m')[0]!.state!.bars!;
      expect(snap.symbol).toBe('IREN');
      expect(snap.maxBars).toBe(960); // 04:00–20:00 ET in minutes
      expect(client.snapshots('bars.IREN.5m')[0]!.state!.bars!.maxBars).toBe(192);
      expect(snap.bars).toHaveLength(1);
      expect(snap.bars![0]).toMatchObject({ open: 48, close: 48, volume: 300 });

      const now = Math.max(Date.now(), t0 + 1);
      const reply = await post(2, [
        { symbol: 'IREN', kind: TRADE, price: 49, size: 100, timeMs: now, seq: 2 },
        { symbol: 'IREN', kind: TRADE, price: 47.5, size: 200, timeMs: now, seq: 3 },
        { symbol: 'IREN', kind: QUOTE, price: 0, bid: 10, ask: 90, bidSize: 1, askSize: 1, timeMs: now, seq: 4 },
        { symbol: 'IREN', kind: TRADE, price: 48.25, size: 50, timeMs: now, seq: 5 },
      ]);
      expect(reply.accepted).toBe(4);
      await client.until('IREN delta', () => client.deltas('bars.IREN.1m').length > 0 && client.deltas('bars.IREN.5m').length > 0);
      const bars = rebuilt(client, 'bars.IREN.1m').bars!;
      const last = bars[bars.length - 1]!;
      const sameBar = Math.floor(now / 60_000) === Math.floor(t0 / 60_000);
      // One batch is one sample: the bar sees the batch's closing price, with every share of it.
      if (sameBar) expect(last).toMatchObject({ open: 48, high: 48.25, low: 48, close: 48.25, volume: 650 });
      else expect(last).toMatchObject({ open: 48.25, high: 48.25, low: 48.25, close: 48.25, volume: 350 });
      const five = rebuilt(client, 'bars.IREN.5m').bars!;
      expect(five.reduce((n, b) => n + (b.volume ?? 0), 0)).toBe(650);
      // MARA did not trade: no delta on its channel, an empty history.
      expect(client.deltas('bars.MARA.1m')).toHaveLength(0);
      expect(client.snapshots('bars.MARA.1m')[0]!.state!.bars!.bars ?? []).toEqual([]);
      // The same state over GET /v1/snapshot's channel reader and the stream.
      const ohlcv = (b: hashcap.v1.IBar) => [b.startMs, b.open, b.high, b.low, b.close, b.volume];
      expect(server.feed.channelState('bars.IREN.1m')!.bars!.bars!.map(ohlcv)).toEqual(bars.map(ohlcv));
    } finally {
      client.close();
    }
  });

  it('refuses an unknown name with a typed error naming both kinds', async () => {
    const client = await StreamClient.connect(server.url);
    try {
      client.subscribe(['bars.NOPE.1m', 'bars.IREN.15m']);
      await client.until('errors', () => client.errors().length >= 2);
      expect(client.errors().map((e) => e.message).sort()).toEqual(['bar interval must be one of 1m, 5m', 'no index or symbol "NOPE"']);
    } finally {
      client.close();
    }
  });
});
