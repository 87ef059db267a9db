/**
 * The subscriber errors the server contract suite does not reach — 1004 (bad rate), 1005 (not
 * subscribed) and 1006 (resume point for a channel not in the request) — provoked by a real client
 * on a real server, on both transports and in both wire formats: each comes back with its code, the
 * request id and the channel, fails only what was wrong, and leaves the connection and its other
 * subscriptions working.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { wire, type hashcap } from '../../proto/wire.ts';
import { startServer, type HashcapServer } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { ErrorCode, ERROR_DESCRIPTIONS } from '../../proto/codes.ts';
import { StreamClient } from '../support/stream-client.ts';
import { TRANSPORTS } from '../support/uws.ts';

const TOKEN = 'test-token-0123456789abcdef';
const MINERS = 'index.miners';

async function post(server: HashcapServer, ticks: hashcap.v1.ITick[]): Promise<void> {
  const res = await fetch(`${server.url}/v1/quotes`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-protobuf', authorization: `Bearer ${TOKEN}` },
    body: Buffer.from(wire.IngestBatch.encode({ batchId: 1, ticks }).finish()),
  });
  expect(res.status).toBe(200);
}

let tradeSeq = 0;
const trade = (symbol: string, price: number): hashcap.v1.ITick => ({ symbol, kind: 0, price, size: 100, timeMs: Date.now(), seq: ++tradeSeq });

describe('README documents 1004, 1005 and 1006 as the server sends them', () => {
  it('lists each code with its description', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const code of [ErrorCode.BadRate, ErrorCode.NotSubscribed, ErrorCode.BadResume]) {
      expect(readme).toContain(`| ${code} | ${ERROR_DESCRIPTIONS[code]} |`);
    }
  });
});

for (const kind of TRANSPORTS) {
  for (const format of ['proto', 'json'] as const) {
    describe(`subscriber errors 1004–1006 over ${kind}, ${format}`, () => {
      const servers: HashcapServer[] = [];
      const clients: StreamClient[] = [];

      afterEach(async () => {
        for (const c of clients.splice(0)) c.close();
        await Promise.all(servers.splice(0).map((s) => s.close()));
      });

      const setup = async () => {
        const config = parseConfig(['--port', '0', '--transport', kind, '--no-simulate', '--token', TOKEN], {});
        const server = await startServer(config, () => {});
        servers.push(server);
        expect(server.transport.name).toBe(kind);
        const c = await StreamClient.connect(server.url, format);
        clients.push(c);
        return { server, c };
      };

      /** The errors answering `requestId`, as [code, channel] pairs, once `count` have arrived. */
      const errorsFor = async (c: StreamClient, requestId: number, count: number) => {
        const errors = await c.until(`${count} error(s) for request ${requestId}`, () => {
          const mine = c.errors().filter((e) => e.requestId === requestId);
          return mine.length >= count && mine;
        });
        for (const e of errors) expect(e.message).toMatch(/\S/);
        return errors.map((e) => [e.code, e.channel]);
      };

      /** Ping with an id and wait for the pong that carries it back: the connection is alive. */
      const pingPong = async (c: StreamClient, requestId: number) => {
        c.send({ ping: { requestId, clientTimeMs: Date.now() } });
        await c.until(`pong ${requestId}`, (m) => m.some((x) => x.pong?.requestId === requestId));
      };

      const listed = async (c: StreamClient, requestId: number) => {
        c.send({ listSubscriptions: { requestId } });
        const reply = await c.until(`subscriptions ${requestId}`, (m) => m.find((x) => x.subscriptions?.requestId === requestId)?.subscriptions);
        return (reply.subscriptions ?? []).map((s) => `${s.channel}@${s.conflateMs ?? 0}`).sort();
      };

      it('1004: a rate other than 0, 100 or 1000 fails every channel of the request and subscribes nothing', async () => {
        const { server, c } = await setup();
        c.subscribe([MINERS, 'status'], 250, 41);
        expect(await errorsFor(c, 41, 2)).toEqual([
          [ErrorCode.BadRate, MINERS],
          [ErrorCode.BadRate, 'status'],
        ]);
        await pingPong(c, 42);
        expect(c.acks().filter((a) => a.requestId === 41)).toEqual([]);
        expect(c.snapshots(MINERS)).toEqual([]);
        expect(await listed(c, 43)).toEqual([]);

        // The same channels at a valid rate work on the same connection.
        c.subscribe([MINERS], 100, 44);
        await c.until('snapshot at 100 ms', () => c.snapshots(MINERS).some((s) => (s.conflateMs ?? 0) === 100));
        await post(server, [trade('IREN', 49.5)]);
        await c.until('a conflated delta', () => c.deltas(MINERS, 100).length > 0);
        expect(c.closeEvent).toBeNull();
      });

      it('1005: unsubscribing what is not subscribed (another rate, another channel) changes nothing', async () => {
        const { server, c } = await setup();
        c.subscribe([MINERS], 100, 51);
        await c.until('snapshot', () => c.snapshots(MINERS).length > 0);
        c.send({ unsubscribe: { requestId: 52, channels: [MINERS], conflateMs: 0 } }); // subscribed at 100, not raw
        expect(await errorsFor(c, 52, 1)).toEqual([[ErrorCode.NotSubscribed, MINERS]]);
        c.send({ unsubscribe: { requestId: 53, channels: ['quotes.IREN', 'status'], conflateMs: 100 } });
        expect(await errorsFor(c, 53, 2)).toEqual([
          [ErrorCode.NotSubscribed, 'quotes.IREN'],
          [ErrorCode.NotSubscribed, 'status'],
        ]);
        await pingPong(c, 54);
        expect(c.acks().filter((a) => a.unsubscribed)).toEqual([]);
        expect(await listed(c, 55)).toEqual([`${MINERS}@100`]);

        // The subscription the bad requests named by mistake still delivers.
        await post(server, [trade('MARA', 16.5)]);
        await c.until('a delta after the errors', () => c.deltas(MINERS, 100).length > 0);
        // And a correct unsubscribe is acknowledged.
        c.send({ unsubscribe: { requestId: 56, channels: [MINERS], conflateMs: 100 } });
        await c.until('unsubscribe ack', () => c.acks().find((a) => a.requestId === 56 && a.unsubscribed));
        expect(c.errors().filter((e) => e.requestId === 56)).toEqual([]);
      });

      it('1006: a resume point for a channel not in the request fails alone; the channels asked for are served', async () => {
        const { server, c } = await setup();
        c.subscribe([MINERS], 0, 61);
        const snapshot = await c.until('snapshot', () => c.snapshots(MINERS)[0]);
        const point = { channel: MINERS, epoch: Number(snapshot.epoch ?? 0), lastSeq: Number(snapshot.seq ?? 0) };
        c.subscribe(['quotes.IREN'], 0, 62, [point]); // resume names index.miners, the request does not
        expect(await errorsFor(c, 62, 1)).toEqual([[ErrorCode.BadResume, MINERS]]);
        await c.until('quotes.IREN served', () => c.acks().find((a) => a.requestId === 62 && a.channel === 'quotes.IREN'));
        await c.until('quotes.IREN snapshot', () => c.snapshots('quotes.IREN').length > 0);
        await pingPong(c, 63);
        expect(await listed(c, 64)).toEqual([`${MINERS}@0`, 'quotes.IREN@0']);

        // Both subscriptions keep delivering, the resumed-by-mistake one without a break in its seqs.
        await post(server, [trade('IREN', 50.25)]);
        await post(server, [trade('IREN', 50.5)]);
        await c.until('deltas on both', () => c.deltas(MINERS).length >= 2 && c.deltas('quotes.IREN').length >= 2);
        expect(c.deltas(MINERS).map((d) => Number(d.seq))).toEqual([point.lastSeq + 1, point.lastSeq + 2]);
        expect(c.snapshots(MINERS)).toHaveLength(1);
        expect(c.closeEvent).toBeNull();
      });
    });
  }
}
