/**
 * How the transports write published frames: the ws transport frames each one once and writes a
 * subscriber's frames of a turn (or of the write window) in one socket write; with a write window both
 * transports keep who-gets-what and per-connection order exactly as an immediate publish would. Real
 * servers on 127.0.0.1:0, real `ws` clients.
 */
import { afterEach, describe, expect, it } from 'vitest';

import { createTransport } from '../../server/transport/create-transport.ts';
import type { Transport, TransportOptions } from '../../server/transport/types.ts';
import { WsTransport } from '../../server/transport/ws-transport.ts';
import { RecordingHandlers, TestClient } from './transport.helpers.ts';
import { TRANSPORTS } from '../support/uws.ts';

const STREAM = '/v1/stream';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function optionsWith(stream: RecordingHandlers, writeWindowMs = 0, writeWindowMaxMs = 0): TransportOptions {
  return {
    host: '127.0.0.1',
    port: 0,
    websockets: { [STREAM]: stream.handlers },
    http: () => ({ status: 204, body: '' }),
    maxPayloadBytes: 64 * 1024,
    maxBodyBytes: 1024,
    backpressureBytes: 1024 * 1024,
    hardBackpressureBytes: 16 * 1024 * 1024,
    idleTimeoutSeconds: 0,
    writeWindowMs,
    writeWindowMaxMs,
  };
}

async function connectClients(transport: Transport, stream: RecordingHandlers, n: number) {
  const { port } = await transport.listen();
  const peers = [];
  for (let i = 0; i < n; i++) {
    const client = new TestClient(`ws://127.0.0.1:${port}${STREAM}`);
    cleanups.push(() => client.socket.terminate());
    await client.waitOpen();
    peers.push({ client, conn: await stream.opened.next('open') });
  }
  return peers;
}

const texts = (messages: readonly { data: Buffer }[]) => messages.map((m) => m.data.toString());
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('ws transport fan-out writes', () => {
  it('writes the frames published in one turn to each subscriber in one write, in order', async () => {
    const stream = new RecordingHandlers();
    const transport = new WsTransport(optionsWith(stream));
    cleanups.push(() => transport.close());
    const peers = await connectClients(transport, stream, 50);
    for (const p of peers) p.conn.subscribe('t');
    const before = transport.writes;
    const published = Array.from({ length: 40 }, (_, i) => `frame ${i}`);
    for (const text of published) transport.publish('t', text);
    transport.publish('t', 'end');
    for (const p of peers) expect(texts(await p.client.messagesUntil('end'))).toEqual(published);
    expect(transport.writes - before).toBe(50);
  });

  it('gives subscribers of different topic sets exactly their frames, in publish order', async () => {
    const stream = new RecordingHandlers();
    const transport = new WsTransport(optionsWith(stream));
    cleanups.push(() => transport.close());
    const [both, onlyA, onlyB, none] = await connectClients(transport, stream, 4);
    both!.conn.subscribe('a');
    both!.conn.subscribe('b');
    onlyA!.conn.subscribe('a');
    onlyB!.conn.subscribe('b');
    for (let i = 0; i < 5; i++) {
      transport.publish('a', `a${i}`);
      transport.publish('b', new TextEncoder().encode(`b${i}`));
    }
    for (const p of [both, onlyA, onlyB, none]) p!.conn.send('end');
    const [gotBoth, gotA, gotB, gotNone] = await Promise.all([both, onlyA, onlyB, none].map((p) => p!.client.messagesUntil('end')));
    expect(texts(gotBoth!)).toEqual(['a0', 'b0', 'a1', 'b1', 'a2', 'b2', 'a3', 'b3', 'a4', 'b4']);
    expect(gotBoth!.map((m) => m.isBinary)).toEqual([false, true, false, true, false, true, false, true, false, true]);
    expect(texts(gotA!)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
    expect(texts(gotB!)).toEqual(['b0', 'b1', 'b2', 'b3', 'b4']);
    expect(gotNone).toEqual([]);
  });

  it('with a write window, writes the frames of several turns in one write per subscriber', async () => {
    const stream = new RecordingHandlers();
    const transport = new WsTransport(optionsWith(stream, 50));
    cleanups.push(() => transport.close());
    const peers = await connectClients(transport, stream, 10);
    for (const p of peers) p.conn.subscribe('t');
    const before = transport.writes;
    for (let i = 0; i < 5; i++) {
      transport.publish('t', `frame ${i}`);
      await turn();
    }
    transport.publish('t', 'end');
    for (const p of peers) expect(texts(await p.client.messagesUntil('end'))).toEqual(['frame 0', 'frame 1', 'frame 2', 'frame 3', 'frame 4']);
    expect(transport.writes - before).toBe(10);
    expect(transport.writeLatency.count).toBe(6);
  });
});

for (const kind of TRANSPORTS) {
  describe(`write window on ${kind}`, () => {
    it('keeps membership and per-connection order as of the publish', async () => {
      const stream = new RecordingHandlers();
      const transport = await createTransport(kind, optionsWith(stream, 200), (line) => {
        throw new Error(`unexpected fallback: ${line}`);
      });
      cleanups.push(() => transport.close());
      const [early, late] = await connectClients(transport, stream, 2);
      early!.conn.subscribe('t');
      transport.publish('t', 'held');
      // Joins after the publish: must not get it, although it has not been written yet.
      late!.conn.subscribe('t');
      // A direct send after the publish must not overtake it.
      early!.conn.send('direct');
      transport.publish('t', 'next');
      await turn();
      late!.conn.send('end');
      early!.conn.send('end');
      expect(texts(await early!.client.messagesUntil('end'))).toEqual(['held', 'direct', 'next']);
      expect(texts(await late!.client.messagesUntil('end'))).toEqual(['next']);
    });

    it('holds frames for the window, then delivers them, and counts their publish-to-write latency', async () => {
      const stream = new RecordingHandlers();
      const transport = await createTransport(kind, optionsWith(stream, 100), (line) => {
        throw new Error(`unexpected fallback: ${line}`);
      });
      cleanups.push(() => transport.close());
      const [peer] = await connectClients(transport, stream, 1);
      peer!.conn.subscribe('t');
      const start = performance.now();
      transport.publish('t', 'one');
      transport.publish('t', 'two');
      expect(texts([await peer!.client.nextMessage(), await peer!.client.nextMessage()])).toEqual(['one', 'two']);
      expect(performance.now() - start).toBeGreaterThanOrEqual(90);
      await new Promise((r) => setTimeout(r, 20));
      expect(transport.writeLatency.count).toBe(2);
      expect(transport.writeLatency.sumMs).toBeGreaterThanOrEqual(180);
    });

    it('stretches the window while the event loop is busy and keeps it short when quiet, order kept', async () => {
      const stream = new RecordingHandlers();
      const transport = await createTransport(kind, optionsWith(stream, 20, 600), (line) => {
        throw new Error(`unexpected fallback: ${line}`);
      });
      cleanups.push(() => transport.close());
      const [peer] = await connectClients(transport, stream, 1);
      peer!.conn.subscribe('t');
      // Quiet: the loop has mostly waited on sockets, so a frame waits about the quiet window.
      await new Promise((r) => setTimeout(r, 300));
      let start = performance.now();
      transport.publish('t', 'quiet');
      expect(texts([await peer!.client.nextMessage()])).toEqual(['quiet']);
      const quietMs = performance.now() - start;
      // Busy: 300 ms of work on the loop, then frames are held for (nearly) the loaded window.
      const until = performance.now() + 300;
      while (performance.now() < until) {
        // a loop with no idle time, as under heavy fan-out
      }
      start = performance.now();
      transport.publish('t', 'busy 1');
      transport.publish('t', 'busy 2');
      expect(texts([await peer!.client.nextMessage(), await peer!.client.nextMessage()])).toEqual(['busy 1', 'busy 2']);
      const busyMs = performance.now() - start;
      expect(quietMs).toBeLessThan(250);
      expect(busyMs).toBeGreaterThanOrEqual(450);
    });
  });
}
