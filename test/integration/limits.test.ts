/**
 * Limits per address and per server as a client meets them, on both transports: connections from one
 * address, new connections per second from one address and overall (HTTP 429 at the upgrade with the
 * error code, retryAfterMs and Retry-After), subscriptions per connection, message size, message rate
 * (2003, then 4029 for a client that keeps sending), ingest batches per publisher (3111, HTTP 429), and
 * the cap on bytes queued across all connections (the largest queue is shed with 4000; new connections
 * get 503 / 2007 meanwhile). Each refusal is counted in /metrics under its limit, and a client within
 * the limits on the same server is unaffected.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { wire } from '../../proto/wire.ts';
import { CloseCode, ErrorCode } from '../../proto/codes.ts';
import { startServer, type HashcapServer, type ServerOverrides } from '../../server/app.ts';
import { startGateway } from '../../server/gateway-app.ts';
import { MemoryBus, MemoryHub } from '../../server/bus/index.ts';
import { parseConfig } from '../../server/config.ts';
import { IngestReason } from '../../server/ingest/reasons.ts';
import { StreamClient } from '../support/stream-client.ts';
import { upgradeFrom, type UpgradeResult } from '../support/upgrade.ts';
import { RawSubscriber } from './raw-subscriber.ts';
import { TRANSPORTS } from '../support/uws.ts';

const TOKEN = 'limits-token-0123456789abcdef';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function metric(server: HashcapServer, line: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? Number.NaN : Number(found.slice(line.length + 1));
}

const refusals = (server: HashcapServer, limit: string) => metric(server, `hashcap_limit_refusals_total{limit="${limit}"}`);

for (const kind of TRANSPORTS) {
  describe(`limits over ${kind}`, () => {
    const servers: HashcapServer[] = [];
    const sockets: UpgradeResult[] = [];
    const clients: StreamClient[] = [];

    afterEach(async () => {
      for (const s of sockets.splice(0)) s.socket.destroy();
      for (const c of clients.splice(0)) c.close();
      await Promise.all(servers.splice(0).map((s) => s.close()));
    });

    const start = async (flags: string[], overrides: ServerOverrides = {}) => {
      const config = parseConfig(['--port', '0', '--transport', kind, '--no-simulate', '--token', TOKEN, ...flags], {});
      const server = await startServer(config, () => {}, overrides);
      servers.push(server);
      expect(server.transport.name).toBe(kind);
      return server;
    };

    const upgrade = async (server: HashcapServer, from: string) => {
      const result = await upgradeFrom(from, server.port);
      sockets.push(result);
      return result;
    };

    it('connections per address: the one over gets 429 with code 2005 and Retry-After; another address still connects', async () => {
      const server = await start(['--max-connections-per-address', '3']);
      for (let i = 0; i < 3; i++) expect((await upgrade(server, '127.0.0.2')).status).toBe(101);
      const refused = await upgrade(server, '127.0.0.2');
      expect(refused.status).toBe(429);
      const body = JSON.parse(refused.body) as { code: number; retryAfterMs: number; message: string };
      expect(body.code).toBe(ErrorCode.TooManyConnections);
      expect(body.retryAfterMs).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect((await upgrade(server, '127.0.0.3')).status).toBe(101);
      // One closes: the address has room again.
      sockets[0]!.socket.destroy();
      await waitFor(() => server.gateway.counters.connections === 3);
      expect((await upgrade(server, '127.0.0.2')).status).toBe(101);
      expect(await refusals(server, 'connections_per_address')).toBe(1);
    });

    it('new connections per second per address: past the burst, 429 with code 2006 and a retryAfterMs that works', async () => {
      const server = await start(['--connects-per-second-per-address', '5']);
      const statuses: number[] = [];
      let refusal: UpgradeResult | null = null;
      for (let i = 0; i < 12; i++) {
        const r = await upgrade(server, '127.0.0.4');
        statuses.push(r.status);
        if (r.status !== 101) refusal ??= r;
      }
      // Burst of twice the rate; a few more may have refilled while the 12 ran.
      expect(statuses.filter((s) => s === 101).length).toBeGreaterThanOrEqual(10);
      expect(refusal?.status).toBe(429);
      const body = JSON.parse(refusal!.body) as { code: number; retryAfterMs: number };
      expect(body.code).toBe(ErrorCode.ConnectRateLimited);
      expect(body.retryAfterMs).toBeGreaterThan(0);
      expect((await upgrade(server, '127.0.0.5')).status).toBe(101);
      await sleep(body.retryAfterMs + 20);
      expect((await upgrade(server, '127.0.0.4')).status).toBe(101);
      expect(await refusals(server, 'connects_per_second_per_address')).toBeGreaterThanOrEqual(1);
    });

    it('new connections per second overall: every address is refused past the server-wide burst', async () => {
      const server = await start(['--connects-per-second', '3', '--connects-per-second-per-address', '0']);
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await upgrade(server, `127.0.0.${2 + i}`)).status);
      expect(statuses.slice(0, 6)).toEqual([101, 101, 101, 101, 101, 101]);
      expect(statuses.slice(6)).toContain(429);
      expect(await refusals(server, 'connects_per_second')).toBeGreaterThanOrEqual(1);
    });

    it('subscriptions, message size and message rate: typed errors, counted; a flood after them is closed with 4029', async () => {
      const server = await start(['--max-subscriptions', '2', '--max-message-bytes', '256', '--client-messages-per-second', '5']);
      const c = await StreamClient.connect(server.url);
      clients.push(c);
      c.subscribe(['index.miners', 'index.ai-hpc', 'status'], 0, 7);
      const tooMany = await c.until('2002', (m) => m.find((x) => x.error?.code === ErrorCode.TooManySubscriptions)?.error);
      expect(tooMany.channel).toBe('status');
      c.sendRaw(new Uint8Array(300));
      await c.until('2001', (m) => m.find((x) => x.error?.code === ErrorCode.MessageTooLarge));
      const ping = wire.ClientMessage.encode({ ping: { requestId: 1 } }).finish();
      for (let i = 0; i < 20; i++) c.sendRaw(ping);
      const limited = await c.until('2003', (m) => m.find((x) => x.error?.code === ErrorCode.RateLimited)?.error);
      expect(Number(limited.retryAfterMs)).toBeGreaterThan(0);
      expect(c.closeEvent).toBeNull();
      for (let i = 0; i < 150; i++) c.sendRaw(ping);
      const closed = await c.until('close', () => c.closeEvent);
      expect(closed.code).toBe(CloseCode.LimitExceeded);
      expect(await refusals(server, 'subscriptions_per_connection')).toBe(1);
      expect(await refusals(server, 'message_bytes')).toBe(1);
      expect(await refusals(server, 'client_messages_per_second')).toBeGreaterThanOrEqual(100);
    });

    it('ingest batches per second per publisher: 3111 with retryAfterMs (HTTP 429 and Retry-After); later batches go through', async () => {
      const server = await start(['--ingest-batches-per-second', '2']);
      const post = () =>
        fetch(`${server.url}/v1/quotes`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
          body: JSON.stringify({ ticks: [] }),
        });
      const statuses: number[] = [];
      let limited: Response | null = null;
      for (let i = 0; i < 6; i++) {
        const res = await post();
        statuses.push(res.status);
        if (res.status === 429) limited ??= res;
        else await res.arrayBuffer();
      }
      expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
      expect(limited).not.toBeNull();
      expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const reply = (await limited!.json()) as { error: { code: number; retryAfterMs: number } };
      expect(reply.error.code).toBe(IngestReason.PUBLISHER_RATE_LIMITED);
      expect(reply.error.retryAfterMs).toBeGreaterThan(0);
      await sleep(reply.error.retryAfterMs + 20);
      expect((await post()).status).toBe(200);
      expect(await refusals(server, 'ingest_batches_per_second')).toBeGreaterThanOrEqual(1);
      expect(await metric(server, 'hashcap_ingest_rejected_total{reason="PUBLISHER_RATE_LIMITED"}')).toBeGreaterThanOrEqual(1);
    });

    it('total queued bytes: over the cap the largest queue is shed (4000) and counted; a reader is unaffected', async () => {
      const server = await start(['--max-queued-bytes', String(256 * 1024)], {
        // The per-connection ladder must not act first: only the server-wide cap is under test.
        limits: { slowWarnBytes: 64 * 1024 * 1024, slowDegradeBytes: 64 * 1024 * 1024, slowCloseBytes: 64 * 1024 * 1024, closeGraceMs: 60_000 },
      });
      const reader = await StreamClient.connect(server.url);
      clients.push(reader);
      reader.subscribe(['quotes.*'], 0, 1);
      await reader.until('snapshot', (m) => m.some((x) => x.snapshot));
      const stalled = await RawSubscriber.connect(server.port);
      stalled.subscribe(['quotes.*'], 0, 1);
      await stalled.until('ack', () => stalled.messages().some((m) => m.ack));
      stalled.pause();
      const symbols = [...server.market.allSymbols()];
      let seq = 0;
      let busy: UpgradeResult | null = null;
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline && busy === null) {
        for (let i = 0; i < 20; i++) {
          server.ingest('pump', symbols.map((symbol) => ({ symbol, kind: 1, bid: 10 + (seq % 7) / 100, ask: 11, bidSize: 100 + seq, askSize: 100, timeMs: Date.now(), seq: ++seq })));
        }
        await sleep(5);
        if (server.gateway.slowConsumerActions().closed > 0) {
          const r = await upgradeFrom('127.0.0.6', server.port);
          if (r.status === 503) busy = r;
          else r.socket.destroy();
        }
      }
      expect(server.gateway.slowConsumerActions().closed).toBe(1);
      stalled.destroy();
      expect(await refusals(server, 'queued_bytes')).toBeGreaterThanOrEqual(1);
      expect(reader.closeEvent).toBeNull();
      // A new connection between the overflow and the shedding check gets 503 / 2007; the window is short.
      if (busy !== null) expect((JSON.parse(busy.body) as { code: number }).code).toBe(ErrorCode.ServerBusy);
    });
  });
}

async function waitFor(cond: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(10);
  }
}

describe('limits on a gateway (--role gateway)', () => {
  it('refuses past the per-address count and the subscription limit, and counts both in the gateway\'s /metrics', async () => {
    const hub = new MemoryHub();
    const aggregator = await startServer(parseConfig(['--role', 'aggregator', '--redis', 'redis://127.0.0.1:1', '--port', '0', '--no-simulate', '--token', TOKEN], {}), () => {}, { bus: new MemoryBus({ hub }) });
    const gateway = await startGateway(parseConfig(['--role', 'gateway', '--redis', 'redis://127.0.0.1:1', '--port', '0', '--max-connections-per-address', '2', '--max-subscriptions', '1'], {}), () => {}, { bus: new MemoryBus({ hub }) });
    const opened: UpgradeResult[] = [];
    try {
      for (let i = 0; i < 2; i++) opened.push(await upgradeFrom('127.0.0.7', gateway.port));
      expect(opened.map((o) => o.status)).toEqual([101, 101]);
      const refused = await upgradeFrom('127.0.0.7', gateway.port);
      expect(refused.status).toBe(429);
      expect((JSON.parse(refused.body) as { code: number }).code).toBe(ErrorCode.TooManyConnections);
      const c = await StreamClient.connect(gateway.url);
      c.subscribe(['index.miners', 'status'], 0, 3);
      const error = await c.until('2002', (m) => m.find((x) => x.error?.code === ErrorCode.TooManySubscriptions)?.error);
      expect(error.channel).toBe('status');
      c.close();
      const text = await (await fetch(`${gateway.url}/metrics`)).text();
      expect(text).toContain('hashcap_limit_refusals_total{limit="connections_per_address"} 1');
      expect(text).toContain('hashcap_limit_refusals_total{limit="subscriptions_per_connection"} 1');
    } finally {
      for (const o of opened) o.socket.destroy();
      await gateway.close();
      await aggregator.close();
    }
  });
});
