/**
 * Half-open connections: a peer that completes the websocket handshake and then goes silent — its
 * socket stays open, it reads nothing and answers no ping — is closed by the server within the
 * documented bound (`--idle-timeout` seconds; uws rounds up to a multiple of 4 from 8 and checks every
 * 4 s, so idle + 4 s), on both transports, whether or not data is flowing towards it. A peer that keeps
 * answering pings stays connected.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type HashcapServer } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { StreamClient } from '../support/stream-client.ts';
import { RawSubscriber } from './raw-subscriber.ts';
import { TRANSPORTS } from '../support/uws.ts';

const TOKEN = 'half-open-token-0123456789abcdef';
const IDLE_S = 8; // the smallest uws accepts
/** The documented bound: the idle timeout plus uws's 4 s timer granularity. */
const BOUND_MS = (IDLE_S + 4) * 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const kind of TRANSPORTS) {
  describe(`half-open connections over ${kind}`, () => {
    let server: HashcapServer | null = null;
    const raws: RawSubscriber[] = [];
    const clients: StreamClient[] = [];

    afterEach(async () => {
      for (const r of raws.splice(0)) r.destroy();
      for (const c of clients.splice(0)) c.close();
      await server?.close();
      server = null;
    });

    it(`a silent peer (handshake done, then nothing: no reads, no pongs, no FIN) is closed within ${BOUND_MS / 1000} s while a live one stays`, async () => {
      const config = parseConfig(['--port', '0', '--transport', kind, '--no-simulate', '--token', TOKEN, '--idle-timeout', String(IDLE_S)], {});
      server = await startServer(config, () => {});
      const s = server;
      const live = await StreamClient.connect(s.url); // `ws` answers pings by itself
      clients.push(live);
      live.subscribe(['quotes.*'], 0, 1);
      const idle = await RawSubscriber.connect(s.port);
      raws.push(idle);
      const busy = await RawSubscriber.connect(s.port);
      raws.push(busy);
      busy.subscribe(['quotes.*'], 0, 1);
      await busy.until('ack', () => busy.messages().some((m) => m.ack));
      expect(s.gateway.counters.connections).toBe(3);
      idle.pause();
      busy.pause();
      const silentFrom = Date.now();
      // Data keeps flowing towards the silent `busy` peer: sending to it must not keep it alive.
      const symbols = [...s.market.allSymbols()];
      let seq = 0;
      while (s.gateway.counters.connections > 1 && Date.now() - silentFrom < BOUND_MS + 4_000) {
        s.ingest('pump', symbols.slice(0, 3).map((symbol) => ({ symbol, kind: 1, bid: 10, ask: 11, bidSize: 100 + (seq % 50), askSize: 100, timeMs: Date.now(), seq: ++seq })));
        await sleep(50);
      }
      const closedAfterMs = Date.now() - silentFrom;
      expect(s.gateway.counters.connections).toBe(1);
      expect(s.transport.connectionCount).toBe(1);
      expect(closedAfterMs).toBeLessThanOrEqual(BOUND_MS + 500);
      // Not before the peer had been silent for most of the timeout: it is the idle rule, not something else.
      expect(closedAfterMs).toBeGreaterThanOrEqual((IDLE_S / 2) * 1000);
      expect(live.closeEvent).toBeNull();
      live.send({ ping: { requestId: 9 } });
      await live.until('pong', (m) => m.some((x) => x.pong?.requestId === 9));
    }, 40_000);
  });
}
