/**
 * The publisher endpoints on a real server (both transports), with real `ws` clients and `fetch`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, type RawData } from 'ws';
import type { hashcap } from '../../proto/wire.ts';
import { MarketEngine } from '../../server/engine/market-engine.ts';
import { decodeIngestReply, encodeIngestBatch, encodePublisherMessage } from '../../server/tick/codec.ts';
import { createIngestEndpoint, generateToken, INGEST_HTTP_PATH, INGEST_WS_PATH } from '../../server/ingest/endpoint.ts';
import { IngestGate } from '../../server/ingest/gate.ts';
import { IngestPipeline } from '../../server/ingest/pipeline.ts';
import { INGEST_REASONS, IngestReason } from '../../server/ingest/reasons.ts';
import { defaultBasketPaths, loadBasketFile } from '../../server/market/basket-file.ts';
import { createTransport } from '../../server/transport/create-transport.ts';
import { SUBPROTOCOL_JSON, SUBPROTOCOL_PROTO } from '../../proto/wire-format.ts';
import type { Transport } from '../../server/transport/types.ts';
import { tickBuilders } from '../support/ticks.ts';
import { TRANSPORTS } from '../support/uws.ts';

const WAIT_MS = 5_000;

/** fetch's BodyInit wants an ArrayBuffer-backed view. */
const body = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);
const PROTO = 'application/x-protobuf';

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** A websocket client whose frames are queued for the test to take in order. */
class Client {
  readonly ws: WebSocket;
  private readonly frames: { data: RawData; isBinary: boolean }[] = [];
  private readonly waiters: ((frame: { data: RawData; isBinary: boolean }) => void)[] = [];

  constructor(url: string, protocols: string[] = [], headers: Record<string, string> = {}) {
    this.ws = new WebSocket(url, protocols, { headers });
    // Terminating a refused or half-open client emits an error; the tests check outcomes explicitly.
    this.ws.on('error', () => {});
    this.ws.on('message', (data, isBinary) => {
      const waiter = this.waiters.shift();
      if (waiter) waiter({ data, isBinary });
      else this.frames.push({ data, isBinary });
    });
  }

  opened(): Promise<void> {
    return withTimeout(
      new Promise((resolve, reject) => {
        this.ws.once('open', () => resolve());
        this.ws.once('error', reject);
      }),
      'open',
    );
  }

  /** The HTTP status of a refused upgrade. */
  refused(): Promise<number> {
    return withTimeout(
      new Promise((resolve, reject) => {
        this.ws.once('unexpected-response', (req, res) => {
          resolve(res.statusCode ?? 0);
          req.destroy();
        });
        this.ws.once('open', () => reject(new Error('upgrade was accepted')));
      }),
      'refusal',
    );
  }

  async reply(): Promise<{ reply: hashcap.v1.IngestReply; isBinary: boolean }> {
    const frame =
      this.frames.shift() ??
      (await withTimeout(new Promise<{ data: RawData; isBinary: boolean }>((r) => this.waiters.push(r)), 'reply'));
    const bytes = new Uint8Array(frame.data as Buffer);
    const reply = decodeIngestReply(frame.isBinary ? bytes : Buffer.from(bytes).toString('utf8'), frame.isBinary ? 'proto' : 'json');
    return { reply, isBinary: frame.isBinary };
  }

  close(): void {
    this.ws.terminate();
  }
}

const NOW = Date.now();
const { trade, quote } = tickBuilders(NOW - 1000);

for (const kind of TRANSPORTS) {
  describe(`ingest over ${kind}`, () => {
    const token = generateToken();
    let market: MarketEngine;
    let gate: IngestGate;
    let transport: Transport;
    let port = 0;
    let applied = 0;
    const clients: Client[] = [];

    function client(path: string, protocols: string[] = [], headers: Record<string, string> = {}): Client {
      const c = new Client(`ws://127.0.0.1:${port}${path}`, protocols, headers);
      clients.push(c);
      return c;
    }

    beforeAll(async () => {
      const baskets = await Promise.all(defaultBasketPaths().map((p) => loadBasketFile(p)));
      market = new MarketEngine(baskets);
      gate = new IngestGate(market, { maxBatchTicks: 50 });
      const pipeline = new IngestPipeline(gate, [{ batchApplied: () => applied++ }]);
      const endpoint = createIngestEndpoint({ pipeline, tokens: new Set([token]) });
      transport = await createTransport(kind, {
        host: '127.0.0.1',
        port: 0,
        websockets: { [INGEST_WS_PATH]: endpoint.websocket },
        http: (req) => endpoint.handleHttp(req),
        maxPayloadBytes: 1 << 20,
        maxBodyBytes: 1 << 20,
        backpressureBytes: 1 << 20,
        hardBackpressureBytes: 1 << 22,
        idleTimeoutSeconds: 0,
      }, (line) => {
        throw new Error(`unexpected transport fallback: ${line}`);
      });
      ({ port } = await transport.listen());
    });

    beforeEach(() => {
      applied = 0;
    });

    afterAll(async () => {
      for (const c of clients) c.close();
      await transport?.close();
    });

    const price = (symbol: string) => market.quote(market.symbolId(symbol)!).last;

    it('refuses an upgrade without a token or with a bad one: 401', async () => {
      expect(await client(INGEST_WS_PATH).refused()).toBe(401);
      expect(await client(`${INGEST_WS_PATH}?token=nope`).refused()).toBe(401);
      expect(await client(INGEST_WS_PATH, [], { authorization: 'Bearer nope' }).refused()).toBe(401);
    });

    it('acks a protobuf batch with counts and per-tick reasons, and applies the good ticks', async () => {
      const c = client(`${INGEST_WS_PATH}?token=${token}`, [SUBPROTOCOL_PROTO]);
      await c.opened();
      c.ws.send(
        encodePublisherMessage(
          {
            batch: {
              batchId: 7,
              ticks: [trade('IREN', 50.5, { seq: 1 }), trade('IREN', -1), trade('AAPL', 10), trade('MARA', 16.25)],
            },
          },
          'proto',
        ),
      );
      const { reply, isBinary } = await c.reply();
      expect(isBinary).toBe(true);
      expect(reply.batchId).toBe(7);
      expect(reply.accepted).toBe(2);
      expect(reply.rejected.map((r) => [r.index, r.reason, r.reasonName, r.symbol])).toEqual([
        [1, IngestReason.BAD_PRICE, 'BAD_PRICE', 'IREN'],
        [2, IngestReason.UNKNOWN_SYMBOL, 'UNKNOWN_SYMBOL', 'AAPL'],
      ]);
      expect(reply.error).toBeFalsy();
      expect(price('IREN')).toBe(50.5);
      expect(price('MARA')).toBe(16.25);
      expect(applied).toBe(1);

      // A duplicate seq from the same publisher is refused; the pipeline's listeners are not called for nothing.
      c.ws.send(encodePublisherMessage({ batch: { batchId: 8, ticks: [trade('IREN', 51, { seq: 1 })] } }, 'proto'));
      const again = (await c.reply()).reply;
      expect([again.batchId, again.accepted, again.rejected[0]?.reason]).toEqual([8, 0, IngestReason.DUPLICATE_SEQ]);
      expect(applied).toBe(1);
    });

    it('speaks JSON on the hashcap.v1.json sub-protocol, with a header token', async () => {
      const c = client(INGEST_WS_PATH, [SUBPROTOCOL_JSON], { authorization: `Bearer ${token}` });
      await c.opened();
      expect(c.ws.protocol).toBe(SUBPROTOCOL_JSON);
      const ticks = [
        { symbol: 'RIOT', kind: 'TICK_TRADE', price: 21.5, size: 10, timeMs: NOW - 500 },
        { symbol: 'RIOT', kind: 'TICK_QUOTE', bid: 22, ask: 21, timeMs: NOW - 400 },
      ];
      c.ws.send(JSON.stringify({ batch: { batchId: '11', ticks } }));
      const { reply, isBinary } = await c.reply();
      expect(isBinary).toBe(false);
      expect(reply.batchId).toBe(11);
      expect(reply.accepted).toBe(1);
      expect(reply.rejected.map((r) => r.reasonName)).toEqual(['CROSSED_QUOTE']);
      expect(price('RIOT')).toBe(21.5);
      expect(applied).toBe(1);
    });

    it('answers garbage with an error reply and keeps the connection working', async () => {
      const c = client(`${INGEST_WS_PATH}?token=${token}`, [SUBPROTOCOL_PROTO]);
      await c.opened();
      c.ws.send(new Uint8Array([0x0a, 0x05, 0x01]));
      const bad = (await c.reply()).reply;
      expect(bad.error?.code).toBe(IngestReason.UNDECODABLE);
      expect(bad.error?.message).toMatch(/not a protobuf PublisherMessage/);

      c.ws.send('{"batch": [');
      const badJson = await c.reply();
      expect(badJson.isBinary).toBe(false);
      expect(badJson.reply.error?.code).toBe(IngestReason.UNDECODABLE);
      expect(badJson.reply.error?.message).toMatch(/invalid JSON at position/);

      const tooMany = Array.from({ length: 51 }, () => trade('CIFR', 25));
      c.ws.send(encodePublisherMessage({ batch: { batchId: 3, ticks: tooMany } }, 'proto'));
      const large = (await c.reply()).reply;
      expect([large.batchId, large.error?.code]).toEqual([3, IngestReason.BATCH_TOO_LARGE]);

      c.ws.send(encodePublisherMessage({ batch: { batchId: 4, ticks: [trade('CIFR', 26.75)] } }, 'proto'));
      const good = (await c.reply()).reply;
      expect([good.batchId, good.accepted, good.error ?? null]).toEqual([4, 1, null]);
      expect(price('CIFR')).toBe(26.75);
      expect(c.ws.readyState).toBe(WebSocket.OPEN);
      expect(applied).toBe(1);
    });

    it('decodes by frame type on either sub-protocol', async () => {
      const c = client(`${INGEST_WS_PATH}?token=${token}`, [SUBPROTOCOL_JSON]);
      await c.opened();
      // Protobuf in a binary frame on a JSON connection: protobuf back.
      c.ws.send(encodePublisherMessage({ batch: { batchId: 1, ticks: [trade('WULF', 12)] } }, 'proto'));
      const a = await c.reply();
      expect([a.isBinary, a.reply.accepted]).toEqual([true, 1]);
      // JSON sent as a binary frame: recognised by its '{'.
      c.ws.send(Buffer.from(encodePublisherMessage({ batch: { batchId: 2, ticks: [trade('WULF', 12.5)] } }, 'json')));
      const b = await c.reply();
      expect([b.isBinary, b.reply.batchId, b.reply.accepted]).toEqual([false, 2, 1]);
      expect(price('WULF')).toBe(12.5);
    });

    describe('POST /v1/quotes', () => {
      const url = () => `http://127.0.0.1:${port}${INGEST_HTTP_PATH}`;
      const auth = { authorization: `Bearer ${token}` };

      it('takes a protobuf body and answers in protobuf', async () => {
        const batch = encodeIngestBatch({ batchId: 21, ticks: [trade('CLSK', 17.5), trade('CLSK', Number.NaN)] }, 'proto');
        const res = await fetch(url(), { method: 'POST', headers: { ...auth, 'content-type': PROTO }, body: body(batch) });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/x-protobuf');
        const reply = decodeIngestReply(new Uint8Array(await res.arrayBuffer()), 'proto');
        expect([reply.batchId, reply.accepted, reply.rejected.map((r) => r.reasonName)]).toEqual([21, 1, ['BAD_PRICE']]);
        expect(price('CLSK')).toBe(17.5);
        expect(applied).toBe(1);
      });

      it('takes a JSON body (token in the query) and answers in JSON', async () => {
        const json = JSON.stringify({ batchId: 22, ticks: [{ symbol: 'CORZ', price: '22.5', size: 5, timeMs: NOW - 100 }] });
        const res = await fetch(`${url()}?token=${token}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: json,
        });
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ batchId: '22', accepted: 1 });
        expect(price('CORZ')).toBe(22.5);
        const empty = body(encodeIngestBatch({}, 'proto'));
        const proto = await fetch(url(), { method: 'POST', headers: { ...auth, 'content-type': 'application/protobuf' }, body: empty });
        expect(proto.status).toBe(200);
      });

      it('401 without a valid token, with an IngestReply carrying 3100', async () => {
        const headers = { 'content-type': 'application/json' };
        const res = await fetch(url(), { method: 'POST', headers, body: '{"ticks":[]}' });
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer');
        expect(await res.json()).toMatchObject({ error: { code: IngestReason.UNAUTHORIZED } });
        const wrong = { authorization: 'Bearer wrong', 'content-type': PROTO };
        const bad = await fetch(url(), { method: 'POST', headers: wrong, body: new Uint8Array(0) });
        expect(bad.status).toBe(401);
        expect(decodeIngestReply(new Uint8Array(await bad.arrayBuffer()), 'proto').error?.code).toBe(IngestReason.UNAUTHORIZED);
      });

      it('415 for another content type', async () => {
        const res = await fetch(url(), { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: 'hello' });
        expect(res.status).toBe(415);
        expect(await res.json()).toMatchObject({ error: { code: IngestReason.UNSUPPORTED_MEDIA_TYPE } });
      });

      it('400 for an undecodable body, 413 for too many ticks', async () => {
        const json = { ...auth, 'content-type': 'application/json' };
        const res = await fetch(url(), { method: 'POST', headers: json, body: '{"ticks": 5}' });
        expect(res.status).toBe(400);
        const reply = (await res.json()) as { error: { code: number; message: string } };
        expect(reply.error.code).toBe(IngestReason.UNDECODABLE);
        expect(reply.error.message).toBe('ticks must be an array, got number 5');
        const garbage = new Uint8Array([0xff, 0xff]);
        const proto = await fetch(url(), { method: 'POST', headers: { ...auth, 'content-type': PROTO }, body: garbage });
        expect(proto.status).toBe(400);
        const big = encodeIngestBatch({ batchId: 5, ticks: Array.from({ length: 51 }, () => trade('HUT', 50)) }, 'proto');
        const large = await fetch(url(), { method: 'POST', headers: { ...auth, 'content-type': PROTO }, body: body(big) });
        expect(large.status).toBe(413);
        expect(decodeIngestReply(new Uint8Array(await large.arrayBuffer()), 'proto').error?.code).toBe(IngestReason.BATCH_TOO_LARGE);
        expect(applied).toBe(0);
      });

      it('405 for another method', async () => {
        const res = await fetch(url(), { headers: auth });
        expect(res.status).toBe(405);
        expect(res.headers.get('allow')).toBe('POST');
      });
    });

    it('counts every refusal by reason: one per refused upgrade or batch, one per refused tick', async () => {
      const counts = () => new Map(INGEST_REASONS.map((r) => [r.name, gate.rejectCount(r.code)]));
      const before = counts();
      const batchErrorsBefore = gate.batchErrors;
      const post = (headers: Record<string, string>, payload: string | Uint8Array<ArrayBuffer>) =>
        fetch(`http://127.0.0.1:${port}${INGEST_HTTP_PATH}`, { method: 'POST', headers, body: payload });

      // UNAUTHORIZED: two refused upgrades and a refused POST.
      expect(await client(INGEST_WS_PATH).refused()).toBe(401);
      expect(await client(`${INGEST_WS_PATH}?token=nope`).refused()).toBe(401);
      expect((await post({ authorization: 'Bearer nope', 'content-type': PROTO }, new Uint8Array(0))).status).toBe(401);
      // UNSUPPORTED_MEDIA_TYPE, and UNDECODABLE over HTTP.
      const auth = { authorization: `Bearer ${token}` };
      expect((await post({ ...auth, 'content-type': 'text/plain' }, 'hello')).status).toBe(415);
      expect((await post({ ...auth, 'content-type': 'application/json' }, '{"ticks": 5}')).status).toBe(400);
      // UNDECODABLE and BATCH_TOO_LARGE over the websocket, then a batch with refused ticks.
      const c = client(`${INGEST_WS_PATH}?token=${token}`, [SUBPROTOCOL_PROTO]);
      await c.opened();
      c.ws.send(new Uint8Array([0xff, 0xff]));
      expect((await c.reply()).reply.error?.code).toBe(IngestReason.UNDECODABLE);
      c.ws.send(encodePublisherMessage({ batch: { batchId: 1, ticks: Array.from({ length: 51 }, () => trade('HUT', 50)) } }, 'proto'));
      expect((await c.reply()).reply.error?.code).toBe(IngestReason.BATCH_TOO_LARGE);
      const ticks = [trade('HUT', -1), trade('HUT', 0), trade('BTDR', 13), quote('BTDR', 13.2, 13.1)];
      c.ws.send(encodePublisherMessage({ batch: { batchId: 2, ticks } }, 'proto'));
      expect((await c.reply()).reply.accepted).toBe(1);

      const after = counts();
      const changed = Object.fromEntries([...after].filter(([name, n]) => n !== before.get(name)).map(([name, n]) => [name, n - before.get(name)!]));
      expect(changed).toEqual({ UNAUTHORIZED: 3, UNSUPPORTED_MEDIA_TYPE: 1, UNDECODABLE: 2, BATCH_TOO_LARGE: 1, BAD_PRICE: 2, CROSSED_QUOTE: 1 });
      // Refused ticks are not batch errors; everything else is.
      expect(gate.batchErrors - batchErrorsBefore).toBe(7);
      expect(market.verify().ok).toBe(true);
    });
  });
}
