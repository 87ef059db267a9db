/**
 * The counting client's byte-level parts, against streams cut at every possible place: a load report
 * is only as good as the frame and message counts under it, and TCP may split anything anywhere.
 */
import { describe, expect, it } from 'vitest';
import { wire } from '../../proto/wire.ts';
import { peerDeltaJson, peerDeltaProto } from '../../bench/peers/payload.ts';
import { Kind, natsProtocol, socketIoProtocol, type CountingConnection } from '../../bench/load/protocols.ts';
import { scanJsonSeq, scanProtoSeq, seqDone, seqReset, SeqTracker, type SeqScanState } from '../../bench/load/seq-scan.ts';
import { maskedFrame, OPCODE_BINARY, OPCODE_TEXT, WsFrameParser, type FrameSink } from '../../bench/load/ws-frames.ts';

/** A server frame (unmasked), optionally not final. */
function serverFrame(opcode: number, payload: Buffer, fin = true): Buffer {
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0, len]) : len < 65536 ? Buffer.from([0, 126, len >> 8, len & 255]) : Buffer.alloc(10);
  if (len >= 65536) {
    head[1] = 127;
    head.writeUInt32BE(Math.floor(len / 2 ** 32), 2);
    head.writeUInt32BE(len >>> 0, 6);
  }
  head[0] = (fin ? 0x80 : 0) | opcode;
  return Buffer.concat([head, payload]);
}

class Recorder implements FrameSink {
  messages: { opcode: number; length: number; first: number }[] = [];
  pings: string[] = [];
  closes: number[] = [];
  private first = -1;
  onData(buf: Buffer, start: number, _end: number, pos: number): void {
    if (pos === 0) this.first = buf[start]!;
  }
  onMessageEnd(opcode: number, length: number): void {
    this.messages.push({ opcode, length, first: length > 0 ? this.first : -1 });
  }
  onPing(payload: Buffer): void {
    this.pings.push(payload.toString());
  }
  onClose(code: number): void {
    this.closes.push(code);
  }
}

/** Feeds `stream` split into chunks of `size` bytes (and, separately, at every single cut point). */
function parse(stream: Buffer, size: number): Recorder {
  const r = new Recorder();
  const p = new WsFrameParser(r);
  for (let i = 0; i < stream.length; i += size) p.push(Buffer.from(stream.subarray(i, i + size)));
  return r;
}

const STREAM = Buffer.concat([
  serverFrame(OPCODE_BINARY, Buffer.from([0x22, 1, 2, 3])),
  serverFrame(OPCODE_TEXT, Buffer.alloc(300, 0x61)),
  serverFrame(0x9, Buffer.from('hb')),
  serverFrame(OPCODE_BINARY, Buffer.alloc(70_000, 0x1a)),
  serverFrame(OPCODE_TEXT, Buffer.from('42["md",'), false),
  serverFrame(0x9, Buffer.from('mid')),
  serverFrame(0x0, Buffer.from('{}]')),
  serverFrame(OPCODE_BINARY, Buffer.alloc(0)),
  serverFrame(0x8, Buffer.from([0x03, 0xe9])),
]);

describe('WsFrameParser', () => {
  const whole = parse(STREAM, STREAM.length);

  it('finds every message, its length and first byte, pings and the close code', () => {
    expect(whole.messages).toEqual([
      { opcode: OPCODE_BINARY, length: 4, first: 0x22 },
      { opcode: OPCODE_TEXT, length: 300, first: 0x61 },
      { opcode: OPCODE_BINARY, length: 70_000, first: 0x1a },
      { opcode: OPCODE_TEXT, length: 11, first: 0x34 },
      { opcode: OPCODE_BINARY, length: 0, first: -1 },
    ]);
    expect(whole.pings).toEqual(['hb', 'mid']);
    expect(whole.closes).toEqual([1001]);
  });

  it('gives the same result however the stream is cut', () => {
    for (const size of [1, 2, 3, 7, 125, 126, 4096]) {
      const r = parse(STREAM, size);
      expect(r.messages, `chunks of ${size}`).toEqual(whole.messages);
      expect(r.pings).toEqual(whole.pings);
      expect(r.closes).toEqual(whole.closes);
    }
  });

  it('masks client frames so that unmasking gives the payload back', () => {
    const payload = Buffer.from('CONNECT {}\r\nSUB md 1\r\n');
    const f = maskedFrame(OPCODE_BINARY, payload, 0x01020304);
    expect(f[0]).toBe(0x82);
    expect(f[1]).toBe(0x80 | payload.length);
    const key = f.subarray(2, 6);
    const unmasked = Buffer.from(f.subarray(6).map((b, i) => b ^ key[i % 4]!));
    expect(unmasked.equals(payload)).toBe(true);
  });
});

/** A counting connection that records what a protocol counted and wrote. */
class FakeConnection implements CountingConnection {
  b0 = -1;
  b1 = -1;
  scanState = 0;
  scanNum = 0;
  scanC0 = -1;
  scanC1 = -1;
  scanSkip = 0;
  seqState = 0;
  seqVal = 0;
  seqMul = 1;
  seqSkip = 0;
  /** The seq read for each delta counted (-1: none). */
  seqs: number[] = [];
  ready = 0;
  writes: string[] = [];
  counts = new Map<Kind, number>();
  write(frame: Buffer): void {
    // Client frames are masked: unmask to read them back.
    const len = frame[1]! & 0x7f;
    const key = frame.subarray(2, 6);
    this.writes.push(Buffer.from(frame.subarray(6, 6 + len).map((b, i) => b ^ key[i % 4]!)).toString());
  }
  markReady(): void {
    this.ready++;
  }
  count(kind: Kind): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    if (kind === Kind.Delta) this.seqs.push(seqDone(this));
  }
}

describe('NATS scanner', () => {
  const payload = Buffer.from('MSG md 1 5\r\n\r\nMSG'); // a payload that looks like protocol
  const stream = Buffer.concat([
    Buffer.from('INFO {"server_id":"x","max_payload":1048576}\r\nPONG\r\n'),
    Buffer.from(`MSG md 1 ${payload.length}\r\n`),
    payload,
    Buffer.from('\r\nPING\r\n'),
    Buffer.from('MSG md 1 3\r\nabc\r\n-ERR \'Slow Consumer\'\r\n'),
  ]);

  it('counts MSGs without reading their payloads, answers PING, and is ready at PONG, however cut', () => {
    const nats = natsProtocol('/');
    for (const size of [1, 2, 5, 13, stream.length]) {
      const c = new FakeConnection();
      for (let i = 0; i < stream.length; i += size) {
        const chunk = Buffer.from(stream.subarray(i, i + size));
        nats.onBytes!(c, chunk, 0, chunk.length);
      }
      expect(c.counts.get(Kind.Delta), `chunks of ${size}`).toBe(2);
      expect(c.counts.get(Kind.Heartbeat)).toBe(1);
      expect(c.counts.get(Kind.Error)).toBe(1);
      expect(c.ready).toBe(1);
      expect(c.writes).toEqual(['PONG\r\n']);
    }
  });
});

describe('Socket.IO classifier', () => {
  it('connects on the open packet, is ready on the connect ack, answers pings and counts events', () => {
    const sio = socketIoProtocol();
    const c = new FakeConnection();
    const message = (text: string) => {
      c.b0 = text.charCodeAt(0);
      c.b1 = text.length > 1 ? text.charCodeAt(1) : -1;
      sio.onMessage(c, OPCODE_TEXT, text.length);
    };
    message('0{"sid":"a","pingInterval":25000}');
    message('40{"sid":"b"}');
    message('42["md",{}]');
    message('2');
    message('42["md",{}]');
    expect(c.writes).toEqual(['40', '3']);
    expect(c.ready).toBe(1);
    expect(c.counts.get(Kind.Delta)).toBe(2);
    expect(c.counts.get(Kind.Heartbeat)).toBe(1);
  });
});

/** Runs a seq scanner over `bytes` cut into chunks of `size`; returns the seq read (-1: none). */
function scanCut(scan: (c: SeqScanState, b: Uint8Array, s: number, e: number) => void, bytes: Uint8Array, size: number): number {
  const c: SeqScanState = { seqState: 0, seqVal: 0, seqMul: 1, seqSkip: 0 };
  seqReset(c);
  for (let i = 0; i < bytes.length; i += size) {
    const chunk = Buffer.from(bytes.subarray(i, Math.min(bytes.length, i + size)));
    scan(c, chunk, 0, chunk.length);
  }
  return seqDone(c);
}

describe('seq scanners (every subscriber checks contiguity)', () => {
  const seqs = [1, 127, 128, 300, 2 ** 31 + 5, 2 ** 45 + 3];

  it('read the seq of a hashcap delta and snapshot, however the bytes are cut', () => {
    for (const seq of seqs) {
      const delta = wire.ServerMessage.encode({ delta: { channel: 'index.miners', conflateMs: 250, epoch: 1_795_254_561_115, seq, sendTimeMs: 1.5, changes: {} } }).finish();
      const snapshot = wire.ServerMessage.encode({ snapshot: { channel: 'quotes.IREN', epoch: 7, seq, keyframe: true } }).finish();
      for (const size of [1, 2, 3, 5, 17, delta.length]) {
        expect(scanCut(scanProtoSeq, delta, size), `delta seq ${seq}, chunks of ${size}`).toBe(seq);
        expect(scanCut(scanProtoSeq, snapshot, size), `snapshot seq ${seq}, chunks of ${size}`).toBe(seq);
      }
    }
  });

  it('find no seq in messages that have none', () => {
    const heartbeat = wire.ServerMessage.encode({ heartbeat: { channel: 'index.miners', seq: 5, serverTimeMs: 5 } }).finish();
    const seqZero = wire.ServerMessage.encode({ delta: { channel: 'index.miners', seq: 0, sendTimeMs: 3 } }).finish();
    expect(scanCut(scanProtoSeq, heartbeat, 1)).toBe(-1);
    expect(scanCut(scanProtoSeq, seqZero, 1)).toBe(-1);
    expect(scanCut(scanJsonSeq, Buffer.from('{"delta":{"seq":"x"}}'), 1)).toBe(-1);
  });

  it('read the seq of the JSON peers’ payload (naive ws text, Socket.IO event), however cut', () => {
    for (const seq of seqs.filter((s) => s < 2 ** 40)) {
      const json = Buffer.from(peerDeltaJson(seq, 1_795_254_561_115.25));
      const event = Buffer.from(`42["md",${peerDeltaJson(seq, 3)}]`);
      for (const size of [1, 2, 4, 7, json.length]) {
        expect(scanCut(scanJsonSeq, json, size), `seq ${seq}, chunks of ${size}`).toBe(seq);
        expect(scanCut(scanJsonSeq, event, size)).toBe(seq);
      }
    }
    expect(scanCut(scanJsonSeq, Buffer.from('{"seq_x":9,""seq":12}'), 1)).toBe(12);
  });

  it('read the seq inside NATS MSG payloads and count each delta once it has passed, however cut', () => {
    const nats = natsProtocol('/');
    const msg = (seq: number) => {
      const p = Buffer.from(peerDeltaProto(seq, 2));
      return Buffer.concat([Buffer.from(`MSG md 1 ${p.length}\r\n`), p, Buffer.from('\r\n')]);
    };
    const stream = Buffer.concat([Buffer.from('PONG\r\n'), msg(1), msg(2), Buffer.from('PING\r\n'), msg(4)]);
    for (const size of [1, 3, 11, stream.length]) {
      const c = new FakeConnection();
      for (let i = 0; i < stream.length; i += size) {
        const chunk = Buffer.from(stream.subarray(i, i + size));
        nats.onBytes!(c, chunk, 0, chunk.length);
      }
      expect(c.seqs, `chunks of ${size}`).toEqual([1, 2, 4]);
    }
  });

  it('count gaps and duplicates exactly, from the snapshot seq (hashcap) or from 1 (peers)', () => {
    const hashcap = new SeqTracker(false);
    hashcap.snapshot(40);
    for (const s of [41, 42, 45, 45, 44, 46, -1]) hashcap.delta(s);
    expect([hashcap.base, hashcap.last, hashcap.gaps, hashcap.duplicates, hashcap.unreadable]).toEqual([40, 46, 2, 2, 1]);
    const peer = new SeqTracker(true);
    for (const s of [3, 4, 5]) peer.delta(s);
    expect([peer.last, peer.gaps]).toEqual([5, 2]);
  });
});
