/**
 * Helpers for the transport contract suite: every wait is on an event with a deadline (no sleeps), and
 * every client and server a test creates is registered for cleanup, so a failing test cannot leak a
 * listening port into the next one.
 */
import { connect, type Socket } from 'node:net';
import { WebSocket, type RawData } from 'ws';

import { maskedFrame, OPCODE_CLOSE, responseHeadEnd, responseStatus, upgradeRequest } from '../../bench/load/ws-frames.ts';

import type { Connection, WebSocketHandlers } from '../../server/transport/types.ts';

export const WAIT_MS = 5_000;

export function withTimeout<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Items pushed by event handlers, taken in order by the test. */
export class AsyncQueue<T> {
  private readonly items: T[] = [];
  private readonly waiters: Array<(item: T) => void> = [];

  push(item: T): void {
    const waiter = this.waiters.shift();
    if (waiter === undefined) this.items.push(item);
    else waiter(item);
  }

  get size(): number {
    return this.items.length;
  }

  next(what: string, ms = WAIT_MS): Promise<T> {
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve(item);
    const taken = new Promise<T>((resolve) => this.waiters.push(resolve));
    return withTimeout(taken, what, ms);
  }
}

export interface ServerMessage {
  readonly conn: Connection;
  readonly data: Uint8Array;
  readonly isBinary: boolean;
}

export interface ServerClose {
  readonly conn: Connection;
  readonly code: number;
  readonly reason: string;
}

/** WebSocketHandlers that record every event for the test to await. */
export class RecordingHandlers {
  readonly opened = new AsyncQueue<Connection>();
  readonly messages = new AsyncQueue<ServerMessage>();
  readonly closes = new AsyncQueue<ServerClose>();
  readonly drains = new AsyncQueue<Connection>();
  readonly overflows = new AsyncQueue<Connection>();
  readonly closeCalls = new Map<number, number>();
  openCount = 0;
  /** conn.user as it was when `open` ran, per opened connection. */
  readonly userAtOpen: unknown[] = [];
  readonly handlers: WebSocketHandlers;

  constructor(extra: Partial<Pick<WebSocketHandlers, 'authorize'>> & { onOpen?: (conn: Connection) => void } = {}) {
    const { onOpen, authorize } = extra;
    this.handlers = {
      ...(authorize === undefined ? {} : { authorize }),
      open: (conn) => {
        this.openCount += 1;
        this.userAtOpen.push(conn.user);
        onOpen?.(conn);
        this.opened.push(conn);
      },
      message: (conn, data, isBinary) => this.messages.push({ conn, data, isBinary }),
      drain: (conn) => this.drains.push(conn),
      overflow: (conn) => this.overflows.push(conn),
      close: (conn, code, reason) => {
        this.closeCalls.set(conn.id, (this.closeCalls.get(conn.id) ?? 0) + 1);
        this.closes.push({ conn, code, reason });
      },
    };
  }
}

export interface ClientMessage {
  readonly data: Buffer;
  readonly isBinary: boolean;
}

/** A real `ws` client whose events are promises and queues. */
export class TestClient {
  readonly socket: WebSocket;
  readonly messages = new AsyncQueue<ClientMessage>();
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(url: string, protocols: string[] = [], headers: Record<string, string> = {}) {
    this.socket = new WebSocket(url, protocols, { headers });
    this.socket.on('message', (data: RawData, isBinary: boolean) => this.messages.push({ data: toBuffer(data), isBinary }));
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
    this.opened.catch(() => {}); // a test that expects failure awaits it; others must not see an unhandled rejection
    this.closed = new Promise((resolve) => {
      this.socket.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() }));
    });
    this.socket.on('error', () => {});
  }

  waitOpen(): Promise<void> {
    return withTimeout(this.opened, 'client open');
  }

  waitClosed(): Promise<{ code: number; reason: string }> {
    return withTimeout(this.closed, 'client close');
  }

  nextMessage(): Promise<ClientMessage> {
    return this.messages.next('client message');
  }

  /** Messages up to (not including) the text frame `marker`. */
  async messagesUntil(marker: string): Promise<ClientMessage[]> {
    const seen: ClientMessage[] = [];
    for (;;) {
      const message = await this.nextMessage();
      if (!message.isBinary && message.data.toString() === marker) return seen;
      seen.push(message);
    }
  }
}

function toBuffer(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? Buffer.from(data) : data;
}

/** Opens a websocket that the server must refuse; resolves with the HTTP status and body it answered. */
export function expectRefusal(url: string): Promise<{ status: number; body: string }> {
  const refused = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('unexpected-response', (req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
        req.destroy();
      });
    });
    socket.on('open', () => {
      reject(new Error('the upgrade was accepted'));
      socket.terminate();
    });
    socket.on('error', reject);
  });
  return withTimeout(refused, `refusal of ${url}`);
}

export function bytes(length: number, seed = 1): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i += 1) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

/**
 * A client on a bare socket that never hangs up first (node ends our side only once it reads the
 * server's FIN), so a connection the server ends is closed by the server first and leaves a TIME_WAIT
 * socket on the server's port. Like a browser, it answers a close frame and waits for the server to
 * close TCP. (`ws` clients and `fetch` race the server to close instead.)
 */
export class ServerClosesFirstClient {
  private readonly socket: Socket;
  private received = Buffer.alloc(0);
  private headEnd = -1;
  private closeCode: number | null = null;
  private onHead: (() => void) | null = null;
  private readonly ended: Promise<void>;

  private constructor(socket: Socket) {
    this.socket = socket;
    this.ended = new Promise((resolve) => socket.once('end', () => resolve()));
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => {});
  }

  /** Sends `request` (raw HTTP) as soon as connected. */
  /** The server's FIN, which comes before ours (node ends our side as soon as it reads it). */
  serverEnded(): Promise<void> {
    return withTimeout(this.ended, 'the server to close the connection');
  }

  static async open(port: number, request: string): Promise<ServerClosesFirstClient> {
    const socket = connect(port, '127.0.0.1');
    await withTimeout(new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject)), 'connect');
    socket.write(request);
    return new ServerClosesFirstClient(socket);
  }

  static async websocket(port: number, path: string): Promise<ServerClosesFirstClient> {
    const client = await ServerClosesFirstClient.open(port, upgradeRequest('127.0.0.1', port, path));
    await client.head();
    if (client.status() !== 101) throw new Error(`upgrade answered ${client.status()}`);
    return client;
  }

  /** Resolves once the HTTP response head has arrived (see `status`). */
  async head(): Promise<void> {
    if (this.headEnd === -1) await withTimeout(new Promise<void>((resolve) => (this.onHead = resolve)), 'response head');
  }

  status(): number {
    return this.headEnd === -1 ? 0 : responseStatus(this.received.subarray(0, this.headEnd));
  }

  /** The close code the server sent, once it also closed the TCP connection. */
  async closedByServer(): Promise<number | null> {
    await this.serverEnded();
    return this.closeCode;
  }

  private onData(chunk: Buffer): void {
    this.received = Buffer.concat([this.received, chunk]);
    if (this.headEnd === -1) this.headEnd = responseHeadEnd(this.received);
    if (this.headEnd !== -1 && this.status() === 101) this.readFrames();
    if (this.headEnd !== -1) this.onHead?.();
  }

  /** Server frames are unmasked; only the close frame matters here, and it is answered like a browser. */
  private readFrames(): void {
    let at = this.headEnd;
    for (;;) {
      if (this.received.length < at + 2) break;
      const opcode = this.received[at]! & 0x0f;
      let length = this.received[at + 1]! & 0x7f;
      let start = at + 2;
      if (length === 126) {
        if (this.received.length < at + 4) break;
        length = this.received.readUInt16BE(at + 2);
        start = at + 4;
      } else if (length === 127) {
        if (this.received.length < at + 10) break;
        length = Number(this.received.readBigUInt64BE(at + 2));
        start = at + 10;
      }
      if (this.received.length < start + length) break;
      const payload = this.received.subarray(start, start + length);
      if (opcode === OPCODE_CLOSE && this.closeCode === null) {
        this.closeCode = length >= 2 ? payload.readUInt16BE(0) : 1005;
        this.socket.write(maskedFrame(OPCODE_CLOSE, payload.subarray(0, Math.min(2, length)), 0x12345678));
      }
      at = start + length;
    }
    this.received = Buffer.concat([this.received.subarray(0, this.headEnd), this.received.subarray(at)]);
  }
}
