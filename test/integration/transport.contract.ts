import http from 'node:http';
/**
 * One contract, every transport (hono's router `common.case.test.ts` pattern): what the gateway and ingest
 * code rely on, checked against a real server on 127.0.0.1:0 with real `ws` clients and `fetch`. A
 * behaviour belongs here only if both implementations must show it identically.
 */
import { afterEach, describe, expect, it } from 'vitest';

import { SUBPROTOCOL_JSON, SUBPROTOCOL_PROTO } from '../../proto/wire-format.ts';
import {
  SendStatus,
  type Connection,
  type HttpHandler,
  type HttpRequest,
  type Transport,
  type TransportOptions,
  type UpgradeRequest,
} from '../../server/transport/types.ts';
import { upgradeRequest } from '../../bench/load/ws-frames.ts';
import { AsyncQueue, RecordingHandlers, ServerClosesFirstClient, TestClient, bytes, expectRefusal, withTimeout } from './transport.helpers.ts';

export type TransportFactory = (options: TransportOptions) => Promise<Transport>;

const STREAM = '/v1/stream';
const INGEST = '/v1/ingest';
const MAX_PAYLOAD = 64 * 1024;
const MAX_BODY = 1024;
const SOFT_LIMIT = 1024 * 1024;
const HARD_LIMIT = 16 * 1024 * 1024;

interface Server {
  readonly transport: Transport;
  readonly port: number;
  readonly stream: RecordingHandlers;
  readonly ingest: RecordingHandlers;
  readonly authorizeCalls: UpgradeRequest[];
  readonly httpRequests: HttpRequest[];
  url(path: string): string;
  connect(path?: string, protocols?: string[]): Promise<{ client: TestClient; conn: Connection }>;
}

interface ServerSetup {
  readonly port?: number;
  readonly stream?: RecordingHandlers;
  readonly http?: HttpHandler;
}

const defaultHttp: HttpHandler = (req) => {
  if (req.path === '/boom') throw new Error('handler failed');
  if (req.method === 'POST') return { status: 201, headers: { 'content-type': 'application/octet-stream' }, body: req.body };
  return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-hashcap': 'yes' }, body: 'ok' };
};

export function transportContract(name: 'uws' | 'ws', factory: TransportFactory): void {
  describe(`transport contract: ${name}`, () => {
    const cleanups: Array<() => Promise<void> | void> = [];

    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    function client(url: string, protocols?: string[], headers?: Record<string, string>): TestClient {
      const created = new TestClient(url, protocols, headers);
      cleanups.push(() => created.socket.terminate());
      return created;
    }

    async function start(setup: ServerSetup = {}): Promise<Server> {
      const stream = setup.stream ?? new RecordingHandlers();
      const authorizeCalls: UpgradeRequest[] = [];
      const ingest = new RecordingHandlers({
        authorize: (req) => {
          authorizeCalls.push(req);
          return req.query.get('token') === 'good' && req.headers['x-publisher'] === 'feed-1'
            ? { ok: true, user: { publisher: req.headers['x-publisher'] } }
            : { ok: false, status: 401, message: 'publisher token required' };
        },
      });
      const httpRequests: HttpRequest[] = [];
      const http = setup.http ?? defaultHttp;
      const transport = await factory({
        host: '127.0.0.1',
        port: setup.port ?? 0,
        websockets: { [STREAM]: stream.handlers, [INGEST]: ingest.handlers },
        http: (req) => {
          httpRequests.push(req);
          return http(req);
        },
        maxPayloadBytes: MAX_PAYLOAD,
        maxBodyBytes: MAX_BODY,
        backpressureBytes: SOFT_LIMIT,
        hardBackpressureBytes: HARD_LIMIT,
        idleTimeoutSeconds: 30,
      });
      cleanups.push(() => transport.close());
      const { port } = await transport.listen();
      const url = (path: string): string => `ws://127.0.0.1:${port}${path}`;
      const connect = async (path = STREAM, protocols?: string[]): Promise<{ client: TestClient; conn: Connection }> => {
        const opened = client(url(path), protocols ?? []);
        await opened.waitOpen();
        const handlers = path === INGEST ? ingest : stream;
        return { client: opened, conn: await handlers.opened.next('server open') };
      };
      return { transport, port, stream, ingest, authorizeCalls, httpRequests, url, connect };
    }

    it('listens on a real port when asked for port 0', async () => {
      const server = await start();
      expect(server.transport.name).toBe(name);
      expect(server.port).toBeGreaterThan(0);
      const { conn } = await server.connect();
      expect(conn.path).toBe(STREAM);
      expect(conn.remoteAddress).toBe('127.0.0.1');
      expect(server.transport.connectionCount).toBe(1);
    });

    describe('sub-protocols', () => {
      it('defaults to proto and sends no protocol when none is offered', async () => {
        const { client: c, conn } = await (await start()).connect(STREAM, []);
        expect(conn.format).toBe('proto');
        expect(c.socket.protocol).toBe('');
      });

      it('picks json when hashcap.v1.json is offered and the client sees it', async () => {
        const { client: c, conn } = await (await start()).connect(STREAM, [SUBPROTOCOL_JSON]);
        expect(conn.format).toBe('json');
        expect(c.socket.protocol).toBe(SUBPROTOCOL_JSON);
      });

      it('takes the first supported protocol in the client order', async () => {
        const server = await start();
        const json = await server.connect(STREAM, ['x.unknown', SUBPROTOCOL_JSON, SUBPROTOCOL_PROTO]);
        expect([json.conn.format, json.client.socket.protocol]).toEqual(['json', SUBPROTOCOL_JSON]);
        const proto = await server.connect(STREAM, [SUBPROTOCOL_PROTO, SUBPROTOCOL_JSON]);
        expect([proto.conn.format, proto.client.socket.protocol]).toEqual(['proto', SUBPROTOCOL_PROTO]);
      });

      it('accepts an offer of only unknown protocols as proto (a strict client then aborts)', async () => {
        const server = await start();
        const c = client(server.url(STREAM), ['x.unknown']);
        const conn = await server.stream.opened.next('server open');
        expect(conn.format).toBe('proto');
        await expect(withTimeout(c.opened, 'client verdict')).rejects.toThrow(/subprotocol/i);
      });
    });

    describe('messages', () => {
      it('hands the handler its own copy of each message with the frame type', async () => {
        const server = await start();
        const { client: c } = await server.connect();
        const payload = bytes(1000, 7);
        c.socket.send(payload);
        c.socket.send('héllo');
        const binary = await server.stream.messages.next('binary message');
        const text = await server.stream.messages.next('text message');
        expect(binary.data).toBeInstanceOf(Uint8Array);
        expect(binary.isBinary).toBe(true);
        expect(Buffer.from(binary.data).equals(Buffer.from(payload))).toBe(true); // still intact after later callbacks
        expect(text.isBinary).toBe(false);
        expect(Buffer.from(text.data).toString('utf8')).toBe('héllo');
      });

      it('sends bytes as a binary frame and a string as a text frame', async () => {
        const { client: c, conn } = await (await start()).connect();
        const payload = bytes(300, 3);
        expect(conn.send(payload)).toBe(SendStatus.Sent);
        expect(conn.send('snapshot ✓')).toBe(SendStatus.Sent);
        const first = await c.nextMessage();
        const second = await c.nextMessage();
        expect(first.isBinary).toBe(true);
        expect(first.data.equals(Buffer.from(payload))).toBe(true);
        expect(second.isBinary).toBe(false);
        expect(second.data.toString()).toBe('snapshot ✓');
      });

      it('closes a connection that sends more than maxPayloadBytes with 1009, and only that one', async () => {
        const server = await start();
        const big = await server.connect();
        const other = await server.connect();
        big.client.socket.send(new Uint8Array(MAX_PAYLOAD));
        expect((await server.stream.messages.next('message at the limit')).data.byteLength).toBe(MAX_PAYLOAD);
        big.client.socket.send(new Uint8Array(MAX_PAYLOAD + 1));
        expect((await big.client.waitClosed()).code).toBe(1009);
        const closed = await server.stream.closes.next('server close');
        expect([closed.conn.id, closed.code]).toEqual([big.conn.id, 1009]);
        other.client.socket.send('still here');
        expect(Buffer.from((await server.stream.messages.next('other message')).data).toString()).toBe('still here');
        expect(other.conn.send('yes')).toBe(SendStatus.Sent);
        expect((await other.client.nextMessage()).data.toString()).toBe('yes');
      });
    });

    describe('topics', () => {
      it('publishes to the subscribers of a topic only, and not after unsubscribe', async () => {
        const server = await start();
        const a = await server.connect();
        const b = await server.connect();
        const c = await server.connect();
        a.conn.subscribe('quotes');
        a.conn.subscribe('quotes');
        c.conn.subscribe('quotes');
        b.conn.subscribe('index');
        expect(server.transport.subscriberCount('quotes')).toBe(2);
        c.conn.unsubscribe('quotes');
        expect(server.transport.subscriberCount('quotes')).toBe(1);
        expect([a.conn.isSubscribed('quotes'), b.conn.isSubscribed('quotes'), c.conn.isSubscribed('quotes')]).toEqual([true, false, false]);
        expect(server.transport.subscriberCount('nobody')).toBe(0);

        const quote = bytes(64, 11);
        server.transport.publish('quotes', quote);
        server.transport.publish('index', '{"index":1}');
        for (const peer of [a, b, c]) peer.conn.send('end'); // per-connection order puts this after any publish

        const [gotA, gotB, gotC] = await Promise.all([a, b, c].map((peer) => peer.client.messagesUntil('end')));
        expect(gotA?.map((m) => [m.isBinary, m.data.equals(Buffer.from(quote))])).toEqual([[true, true]]);
        expect(gotB?.map((m) => [m.isBinary, m.data.toString()])).toEqual([[false, '{"index":1}']]);
        expect(gotC).toEqual([]);
      });

      it('delivers one published Uint8Array identically to 200 subscribers', async () => {
        const stream = new RecordingHandlers({ onOpen: (conn) => conn.subscribe('fan') });
        const server = await start({ stream });
        const clients = Array.from({ length: 200 }, () => client(server.url(STREAM)));
        await Promise.all(clients.map((c) => c.waitOpen()));
        expect(server.transport.subscriberCount('fan')).toBe(200);
        expect(server.transport.connectionCount).toBe(200);
        const frame = bytes(4096, 5);
        server.transport.publish('fan', frame);
        const received = await Promise.all(clients.map((c) => c.nextMessage()));
        for (const message of received) {
          expect(message.isBinary).toBe(true);
          expect(message.data.equals(Buffer.from(frame))).toBe(true);
        }
      });
    });

    describe('closing', () => {
      it('delivers a server close code and reason, and runs the close handler once', async () => {
        const server = await start();
        const { client: c, conn } = await server.connect();
        conn.close(4001, 'slow consumer');
        expect(conn.closed).toBe(true);
        expect(await c.waitClosed()).toEqual({ code: 4001, reason: 'slow consumer' });
        const closed = await server.stream.closes.next('server close');
        expect([closed.conn, closed.code]).toEqual([conn, 4001]);
        conn.close(4001, 'again');
        await server.transport.close();
        expect(server.stream.closeCalls.get(conn.id)).toBe(1);
        expect(server.transport.connectionCount).toBe(0);
      });

      it('runs the close handler with the code a client closed with', async () => {
        const server = await start();
        const { client: c, conn } = await server.connect();
        c.socket.close(4002, 'client leaving');
        const closed = await server.stream.closes.next('server close');
        expect([closed.conn, closed.code, closed.reason]).toEqual([conn, 4002, 'client leaving']);
        expect(conn.closed).toBe(true);
        expect(server.transport.connectionCount).toBe(0);
      });

      it('returns Dropped, without throwing, for sends on a closed connection', async () => {
        const server = await start();
        const byServer = await server.connect();
        byServer.conn.close(1000, 'done');
        const byClient = await server.connect();
        byClient.client.socket.close(1000);
        await server.stream.closes.next('first close');
        await server.stream.closes.next('second close');
        for (const conn of [byServer.conn, byClient.conn]) {
          expect(conn.closed).toBe(true);
          expect(conn.send(bytes(10))).toBe(SendStatus.Dropped);
          expect(conn.send('text')).toBe(SendStatus.Dropped);
          expect(conn.bufferedAmount()).toBe(0);
          expect(() => conn.subscribe('quotes')).not.toThrow();
          expect(conn.isSubscribed('quotes')).toBe(false);
          expect(() => conn.close(1000, 'twice')).not.toThrow();
        }
        expect(server.transport.subscriberCount('quotes')).toBe(0);
      });

      it('close() ends every connection with 1001 and frees the port', async () => {
        const server = await start();
        const first = await server.connect();
        const second = await server.connect(STREAM, [SUBPROTOCOL_JSON]);
        await server.transport.close();
        const expected = { code: 1001, reason: 'server shutting down' };
        expect(await first.client.waitClosed()).toEqual(expected);
        expect(await second.client.waitClosed()).toEqual(expected);
        expect((await server.stream.closes.next('close 1')).code).toBe(1001);
        expect((await server.stream.closes.next('close 2')).code).toBe(1001);
        expect(server.transport.connectionCount).toBe(0);

        const late = client(server.url(STREAM));
        await expect(withTimeout(late.opened, 'refused connect')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
        const again = await start({ port: server.port });
        expect(again.port).toBe(server.port);
        await again.connect();
      });

      it('refuses to listen on a port another server holds (no silent port sharing)', async () => {
        const server = await start();
        await expect(start({ port: server.port })).rejects.toThrow();
        const res = await fetch(`http://127.0.0.1:${server.port}/health`);
        expect(res.status).toBe(200);
      }, 15_000);

      it('frees the port at once even while an HTTP keep-alive connection is open (in-process restart)', async () => {
        const server = await start();
        const agent = new http.Agent({ keepAlive: true });
        cleanups.push(() => agent.destroy());
        const status = await new Promise<number>((resolve, reject) => {
          http.get({ host: '127.0.0.1', port: server.port, path: '/health', agent }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          }).on('error', reject);
        });
        expect(status).toBe(200);
        await server.transport.close();
        const again = await start({ port: server.port });
        expect(again.port).toBe(server.port);
      });

      it('listens again at once on its port after closing connections first (TIME_WAIT on the server side)', async () => {
        // Started on port 0, as tests and the ticker page's restart test do. Each connection below is
        // closed by the server first, leaving a TIME_WAIT socket on the server port for 60 s: a refused
        // upgrade, a terminated websocket, then a websocket open at shutdown.
        const server = await start();
        const refused = await ServerClosesFirstClient.open(server.port, upgradeRequest('127.0.0.1', server.port, '/nowhere'));
        await refused.head();
        expect(refused.status()).toBe(404);
        await refused.serverEnded();
        const terminated = await ServerClosesFirstClient.websocket(server.port, STREAM);
        (await server.stream.opened.next('server open')).terminate();
        await terminated.serverEnded();
        const open = await server.connect();
        await server.transport.close();
        expect((await open.client.waitClosed()).code).toBe(1001);

        const startedAt = Date.now();
        const again = await start({ port: server.port });
        expect(again.port).toBe(server.port);
        expect(Date.now() - startedAt).toBeLessThan(1_000); // at once, not after listen()'s retries
        await again.connect();
        expect((await fetch(`http://127.0.0.1:${again.port}/health`)).status).toBe(200);
      }, 15_000);
    });

    describe('upgrade', () => {
      it('answers a refused authorize with its status and never opens', async () => {
        const server = await start();
        const refused = await expectRefusal(`${server.url(INGEST)}?token=bad`);
        expect(refused).toEqual({ status: 401, body: 'publisher token required' });
        expect(server.ingest.openCount).toBe(0);
        expect(server.transport.connectionCount).toBe(0);
      });

      it('gives authorize the path, query, lower-case headers and address, and opens when it agrees', async () => {
        const server = await start();
        const c = client(`${server.url(INGEST)}?token=good`, [], { 'X-Publisher': 'feed-1' });
        await c.waitOpen();
        const conn = await server.ingest.opened.next('ingest open');
        expect([conn.path, conn.query.get('token')]).toEqual([INGEST, 'good']);
        // What authorize returned as `user` is on the connection by the time `open` runs.
        expect(server.ingest.userAtOpen[0]).toEqual({ publisher: 'feed-1' });
        const seen = server.authorizeCalls[0];
        expect(seen?.path).toBe(INGEST);
        expect(seen?.query.get('token')).toBe('good');
        expect(seen?.headers['x-publisher']).toBe('feed-1');
        expect(seen?.remoteAddress).toBe('127.0.0.1');
      });

      it('waits for an asynchronous authorize: opens with its user when it agrees, answers its status or 500 when it refuses or fails', async () => {
        const later = <T,>(value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), 30));
        const stream = new RecordingHandlers({
          authorize: (req) => {
            const who = req.query.get('who');
            if (who === 'fails') return later(null).then(() => Promise.reject(new Error('verifier crashed')));
            return who === 'bot' ? later({ ok: true, user: { subject: 'bot' } }) : later({ ok: false, status: 401, message: 'token required' });
          },
        });
        const server = await start({ stream });
        expect(await expectRefusal(`${server.url(STREAM)}?who=nobody`)).toEqual({ status: 401, body: 'token required' });
        expect((await expectRefusal(`${server.url(STREAM)}?who=fails`)).status).toBe(500);
        const c = client(`${server.url(STREAM)}?who=bot`);
        await c.waitOpen();
        await stream.opened.next('open after the asynchronous authorize');
        expect(stream.userAtOpen).toEqual([{ subject: 'bot' }]);
        expect(server.transport.connectionCount).toBe(1);
      });

      it('never opens a connection whose peer left while authorize was still deciding', async () => {
        let agree: (() => void) | null = null;
        const decided = new Promise<void>((resolve) => (agree = resolve));
        const asked = new AsyncQueue<true>();
        const stream = new RecordingHandlers({
          authorize: async () => {
            asked.push(true);
            await decided;
            return { ok: true };
          },
        });
        const server = await start({ stream });
        const leaver = client(server.url(STREAM));
        leaver.socket.on('error', () => {});
        await asked.next('authorize called');
        leaver.socket.terminate();
        await new Promise((r) => setTimeout(r, 100)); // the server sees the socket go
        agree!();
        await new Promise((r) => setTimeout(r, 100));
        expect(stream.openCount).toBe(0);
        expect(server.transport.connectionCount).toBe(0);
        // And the server goes on upgrading others.
        const stayer = client(server.url(STREAM));
        await stayer.waitOpen();
        expect(stream.openCount).toBe(1);
      });

      it('answers 404 to a websocket upgrade on an unknown path', async () => {
        const server = await start();
        expect((await expectRefusal(server.url('/v1/nope'))).status).toBe(404);
      });
    });

    describe('http', () => {
      it('routes a GET to the http handler and returns its status, headers and body', async () => {
        const server = await start();
        const res = await fetch(`http://127.0.0.1:${server.port}/health?verbose=1`, { headers: { 'X-Trace': 'abc' } });
        expect(res.status).toBe(200);
        expect(res.headers.get('x-hashcap')).toBe('yes');
        expect(await res.text()).toBe('ok');
        const req = server.httpRequests[0];
        expect(req?.method).toBe('GET');
        expect(req?.path).toBe('/health');
        expect(req?.query.get('verbose')).toBe('1');
        expect(req?.headers['x-trace']).toBe('abc');
        expect(req?.body.byteLength).toBe(0);
      });

      it('passes a POST body through byte for byte', async () => {
        const server = await start();
        const body = bytes(MAX_BODY, 9);
        const res = await fetch(`http://127.0.0.1:${server.port}/v1/admin/echo`, { method: 'POST', body });
        expect(res.status).toBe(201);
        expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(body))).toBe(true);
        expect(Buffer.from(server.httpRequests[0]?.body ?? []).equals(Buffer.from(body))).toBe(true);
      });

      it('answers 413 to a body over maxBodyBytes, declared or streamed', async () => {
        const server = await start();
        const declared = await fetch(`http://127.0.0.1:${server.port}/upload`, { method: 'POST', body: bytes(MAX_BODY + 1) });
        expect(declared.status).toBe(413);
        await declared.arrayBuffer();
        const chunks = [bytes(600), bytes(600)];
        const stream = new ReadableStream<Uint8Array>({
          pull(controller) {
            const chunk = chunks.shift();
            if (chunk === undefined) controller.close();
            else controller.enqueue(chunk);
          },
        });
        const streamed = await fetch(`http://127.0.0.1:${server.port}/upload`, { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
        expect(streamed.status).toBe(413);
        await streamed.arrayBuffer();
        expect(server.httpRequests).toHaveLength(0);
      });

      it('answers 500 when the handler throws and keeps serving', async () => {
        const server = await start();
        const failed = await fetch(`http://127.0.0.1:${server.port}/boom`);
        expect(failed.status).toBe(500);
        await failed.arrayBuffer();
        const next = await fetch(`http://127.0.0.1:${server.port}/health`);
        expect(next.status).toBe(200);
        expect(await next.text()).toBe('ok');
      });
    });

    describe('backpressure', () => {
      it('reports Backpressure, then Dropped past the hard limit, then drain once the client reads', async () => {
        const server = await start();
        const { client: c, conn } = await server.connect();
        c.socket.pause(); // stops reading the TCP socket, so the server's buffer has to grow
        const chunk = bytes(64 * 1024);
        const statuses = new Set<SendStatus>();
        let maxBuffered = 0;
        for (let i = 0; i < 1024; i += 1) {
          statuses.add(conn.send(chunk));
          maxBuffered = Math.max(maxBuffered, conn.bufferedAmount());
        }
        expect(maxBuffered).toBeGreaterThan(SOFT_LIMIT);
        expect(conn.bufferedAmount()).toBeGreaterThan(0);
        expect([...statuses].sort()).toEqual([SendStatus.Sent, SendStatus.Backpressure, SendStatus.Dropped]);
        expect(conn.send(chunk)).toBe(SendStatus.Dropped);

        c.socket.resume();
        expect(await server.stream.drains.next('drain', 15_000)).toBe(conn);
        expect(conn.bufferedAmount()).toBeLessThan(SOFT_LIMIT);
        expect(conn.send('after drain')).toBe(SendStatus.Sent);
      });

      it('never skips a published frame silently: past the hard limit the frame is counted, the connection leaves every topic at it and overflow is reported once', async () => {
        const server = await start();
        const { client: slow, conn } = await server.connect();
        const { client: healthy, conn: other } = await server.connect();
        conn.subscribe('t');
        conn.subscribe('u');
        other.subscribe('t');
        slow.socket.pause();
        server.transport.publish('t', 'before');
        // Fill its queue past the hard limit with direct sends (they have headroom beyond it).
        const chunk = bytes(64 * 1024);
        let sent = 0;
        for (; sent < 1024 && conn.bufferedAmount() <= HARD_LIMIT; sent += 1) expect(conn.send(chunk)).not.toBe(SendStatus.Dropped);
        expect(conn.bufferedAmount()).toBeGreaterThan(HARD_LIMIT);
        expect(server.transport.sendsDropped).toBe(0);

        server.transport.publish('t', 'missed');
        expect(server.transport.sendsDropped).toBe(1);
        expect(conn.isSubscribed('t')).toBe(false);
        expect(conn.isSubscribed('u')).toBe(false);
        expect(conn.overflowed).toBe(true);
        server.transport.publish('u', 'after'); // not subscribed any more: nothing to drop
        conn.subscribe('t'); // and it cannot come back for a frame after the missing one
        server.transport.publish('t', 'later');
        expect(server.transport.sendsDropped).toBe(1);
        expect(await server.stream.overflows.next('overflow')).toBe(conn);
        expect(other.isSubscribed('t')).toBe(true);
        expect((await healthy.messages.next('before')).data.toString()).toBe('before');
        expect((await healthy.messages.next('missed')).data.toString()).toBe('missed');
        expect((await healthy.messages.next('later')).data.toString()).toBe('later');

        slow.socket.resume();
        expect((await slow.messages.next('first', 15_000)).data.toString()).toBe('before');
        // Everything queued before the cut arrives, and no published frame after it.
        for (let i = 0; i < sent; i += 1) expect((await slow.messages.next('queued chunk', 15_000)).data.byteLength).toBe(chunk.byteLength);
        await new Promise((r) => setTimeout(r, 300));
        expect(slow.messages.size).toBe(0);
      });
    });
  });
}
