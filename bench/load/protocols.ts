/**
 * What a counting subscriber must know about each server it can load: the upgrade path and headers,
 * what to send once the websocket is open, and how to tell a delta from everything else by looking at
 * no more than the first two bytes of a message (or, for NATS, a byte-level scan of the text protocol).
 * Nothing here decodes a payload.
 */
import { wire } from '../../proto/wire.ts';
import { scanJsonSeq, scanProtoSeq, seqReset, type SeqScanState } from './seq-scan.ts';
import { maskedFrame, OPCODE_BINARY, OPCODE_TEXT } from './ws-frames.ts';

export type ProtocolName = 'hashcap' | 'naive-ws' | 'socketio' | 'nats';
export const PROTOCOLS: readonly ProtocolName[] = ['hashcap', 'naive-ws', 'socketio', 'nats'];

/** What a complete message was, as far as counting goes. */
export const Kind = {
  Other: 0,
  Delta: 1,
  Snapshot: 2,
  Heartbeat: 3,
  Notice: 4,
  Error: 5,
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

/** The part of a counting subscriber a protocol may touch (the seq scan state included). */
export interface CountingConnection extends SeqScanState {
  /** First two bytes of the message just completed (-1 when shorter). */
  readonly b0: number;
  readonly b1: number;
  /** Scratch for streaming scanners (NATS): numbers only, so nothing is allocated per message. */
  scanState: number;
  scanNum: number;
  scanC0: number;
  scanC1: number;
  scanSkip: number;
  write(frame: Buffer): void;
  /** The server confirmed the subscription: count from here. */
  markReady(): void;
  count(kind: Kind): void;
}

export interface CountingProtocol {
  readonly name: ProtocolName;
  /** Request target for the upgrade (path and query). */
  readonly path: string;
  /** Extra request header lines, each ending in \r\n. */
  readonly headers: string;
  /** Sent right after the 101 (already masked); null for nothing. Shared by every connection. */
  readonly openFrames: Buffer | null;
  /** True when the 101 alone means subscribed (the server broadcasts to every connection). */
  readonly readyOnOpen: boolean;
  /** A complete data message (message-level protocols). */
  onMessage(c: CountingConnection, opcode: number, length: number): void;
  /** Every payload byte range, for protocols framed inside the websocket stream (NATS). */
  onBytes: ((c: CountingConnection, buf: Buffer, start: number, end: number) => void) | null;
  /**
   * Reads the seq of message-level protocols from each payload byte range (see seq-scan.ts); the
   * subscriber restarts it at each message. Null where `onBytes` reads it (NATS).
   */
  scanSeq: ((c: SeqScanState, buf: Uint8Array, start: number, end: number) => void) | null;
  /** True when deltas continue from a snapshot's seq (hashcap); false when seq starts at 1 (the peers). */
  readonly seqFromSnapshot: boolean;
}

const MASK = 0x1f2e3d4c;

// ---------------------------------------------------------------------------------------- hashcap

/** First byte of a ServerMessage: the oneof's field tag (field number << 3 | length-delimited). */
const TAG_ACK = 0x0a;
const TAG_ERROR = 0x12;
const TAG_SNAPSHOT = 0x1a;
const TAG_DELTA = 0x22;
const TAG_HEARTBEAT = 0x2a;
const TAG_NOTICE = 0x42;

export function subscribeBytes(channel: string, conflateMs = 0, requestId = 1): Uint8Array {
  return wire.ClientMessage.encode({ subscribe: { requestId, channels: [channel], conflateMs } }).finish();
}

export function hashcapProtocol(path: string, channel: string): CountingProtocol {
  return {
    name: 'hashcap',
    path,
    headers: 'Sec-WebSocket-Protocol: hashcap.v1.proto\r\n',
    openFrames: maskedFrame(OPCODE_BINARY, subscribeBytes(channel), MASK),
    readyOnOpen: false,
    onMessage(c) {
      switch (c.b0) {
        case TAG_DELTA:
          c.count(Kind.Delta);
          break;
        case TAG_SNAPSHOT:
          // The snapshot after the ack: subscribed (again, after a reconnect).
          c.count(Kind.Snapshot);
          c.markReady();
          break;
        case TAG_HEARTBEAT:
          c.count(Kind.Heartbeat);
          break;
        case TAG_NOTICE:
          c.count(Kind.Notice);
          break;
        case TAG_ERROR:
          c.count(Kind.Error);
          break;
        case TAG_ACK:
        default:
          c.count(Kind.Other);
      }
    },
    onBytes: null,
    scanSeq: scanProtoSeq,
    seqFromSnapshot: true,
  };
}

// ---------------------------------------------------------------------------------------- naive ws

/** The naive server sends every connection every message: each text message is a delta. */
export function naiveWsProtocol(path: string): CountingProtocol {
  return {
    name: 'naive-ws',
    path,
    headers: '',
    openFrames: null,
    readyOnOpen: true,
    onMessage(c, opcode) {
      c.count(opcode === OPCODE_TEXT ? Kind.Delta : Kind.Other);
    },
    onBytes: null,
    scanSeq: scanJsonSeq,
    seqFromSnapshot: false,
  };
}

// ---------------------------------------------------------------------------------------- socket.io

const CH_0 = 0x30;
const CH_2 = 0x32;
const CH_4 = 0x34;

/**
 * Engine.IO v4 over a websocket: the server opens with "0{…}", we connect to the main namespace with
 * "40", it answers "40{sid}", then events come as "42[…]". Engine.IO pings are "2"; the pong is "3".
 */
export function socketIoProtocol(): CountingProtocol {
  const connect = maskedFrame(OPCODE_TEXT, Buffer.from('40'), MASK);
  const pong = maskedFrame(OPCODE_TEXT, Buffer.from('3'), MASK);
  return {
    name: 'socketio',
    path: '/socket.io/?EIO=4&transport=websocket',
    headers: '',
    openFrames: null,
    readyOnOpen: false,
    onMessage(c, _opcode, length) {
      if (c.b0 === CH_4 && c.b1 === CH_2) c.count(Kind.Delta);
      else if (c.b0 === CH_2 && length === 1) {
        c.write(pong);
        c.count(Kind.Heartbeat);
      } else if (c.b0 === CH_0) {
        c.write(connect);
        c.count(Kind.Other);
      } else if (c.b0 === CH_4 && c.b1 === CH_0) {
        c.markReady();
        c.count(Kind.Other);
      } else if (c.b0 === CH_4 && c.b1 === CH_4) c.count(Kind.Error);
      else c.count(Kind.Other);
    },
    onBytes: null,
    scanSeq: scanJsonSeq,
    seqFromSnapshot: false,
  };
}

// ---------------------------------------------------------------------------------------- NATS

export const NATS_SUBJECT = 'md';
const N_LINE = 0;
const N_SKIP = 1;
const LF = 0x0a;
const SPACE = 0x20;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const CH_M = 0x4d;
const CH_P = 0x50;
const CH_I = 0x49;
const CH_O = 0x4f;
const CH_MINUS = 0x2d;

/**
 * The NATS text protocol inside websocket frames (a frame may hold many messages or part of one).
 * A byte scanner: the first two characters of each line say what it is; for `MSG <subject> <sid> <n>`
 * the last number is the payload size, which is skipped, not read. PING is answered with PONG; the
 * PONG to our own PING after SUB says the subscription is in place. The payload (the same protobuf
 * ServerMessage hashcap sends) is scanned for its seq only; the delta is counted once it has passed.
 */
export function natsProtocol(path: string): CountingProtocol {
  const open = maskedFrame(
    OPCODE_BINARY,
    Buffer.from(`CONNECT {"verbose":false,"pedantic":false}\r\nSUB ${NATS_SUBJECT} 1\r\nPING\r\n`),
    MASK,
  );
  const pong = maskedFrame(OPCODE_BINARY, Buffer.from('PONG\r\n'), MASK);
  return {
    name: 'nats',
    path,
    headers: '',
    openFrames: open,
    readyOnOpen: false,
    onMessage() {},
    onBytes(c, buf, start, end) {
      let i = start;
      while (i < end) {
        if (c.scanState === N_SKIP) {
          const take = Math.min(c.scanSkip, end - i);
          // The last two bytes of the skip are the CRLF after the payload.
          const payload = Math.min(take, c.scanSkip - 2);
          if (payload > 0) scanProtoSeq(c, buf, i, i + payload);
          c.scanSkip -= take;
          i += take;
          if (c.scanSkip === 0) {
            c.scanState = N_LINE;
            c.count(Kind.Delta);
          }
          continue;
        }
        const b = buf[i++]!;
        if (b === LF) {
          const c0 = c.scanC0;
          const c1 = c.scanC1;
          const size = c.scanNum;
          c.scanC0 = -1;
          c.scanC1 = -1;
          c.scanNum = 0;
          if (c0 === CH_M) {
            seqReset(c);
            c.scanSkip = size + 2;
            c.scanState = N_SKIP;
          } else if (c0 === CH_P && c1 === CH_I) {
            c.write(pong);
            c.count(Kind.Heartbeat);
          } else if (c0 === CH_P && c1 === CH_O) {
            c.markReady();
            c.count(Kind.Other);
          } else if (c0 === CH_MINUS) c.count(Kind.Error);
          else if (c0 !== -1) c.count(Kind.Other);
          continue;
        }
        if (c.scanC0 === -1) c.scanC0 = b;
        else if (c.scanC1 === -1) c.scanC1 = b;
        if (b >= DIGIT_0 && b <= DIGIT_9) c.scanNum = c.scanNum * 10 + (b - DIGIT_0);
        else if (b === SPACE) c.scanNum = 0;
      }
    },
    scanSeq: null,
    seqFromSnapshot: false,
  };
}

export function countingProtocol(name: ProtocolName, path: string, channel: string): CountingProtocol {
  switch (name) {
    case 'hashcap':
      return hashcapProtocol(path, channel);
    case 'naive-ws':
      return naiveWsProtocol(path);
    case 'socketio':
      return socketIoProtocol();
    case 'nats':
      return natsProtocol(path);
  }
}
