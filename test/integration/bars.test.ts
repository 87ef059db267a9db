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
