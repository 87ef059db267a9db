/**
 * The portable transport: node:http + `ws`, for machines where the uWebSockets.js binary does not load.
 * It mirrors uWS semantics so the gateway cannot tell them apart:
 * - publish walks our own topic registry and hands the *same* bytes object to every `socket.send` (a
 *   string is encoded once per publish, not once per subscriber);
 * - publish checks the hard limit before writing: a subscriber past it misses the frame, which is counted,
 *   and is taken out of every topic so it never receives a later one (no hole), and `overflow` is
 *   reported after the publish; a direct send may go CONTROL_HEADROOM_BYTES further before it is Dropped
 *   (counted too). The soft limit is checked after writing (Backpressure), like uWS's;
 * - `drain` is found by polling `bufferedAmount` every few ms, only for connections whose last send said
 *   Backpressure. The alternative, the private `_socket` 'drain' event, only fires once the buffer is
 *   completely empty and relies on ws internals; polling uses the public API, fires as soon as the buffer
 *   crosses below the soft limit (what uWS reports) and costs nothing while nobody is slow;
 * - a server-side `close()` marks the connection closed and runs the close handler at once, as uWS does,
 *   while the socket finishes the closing handshake in the background;
 * - idle peers are found with ping/pong: a connection silent for a whole half-timeout tick after a ping
 *   is terminated, so a dead peer goes within `idleTimeoutSeconds`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

import { WebSocketServer, type RawData, type WebSocket } from 'ws';

import { HashcapError, HashcapErrorCode } from '../errors.ts';
import {
  INTERNAL_ERROR_RESPONSE,
  MESSAGE_TOO_BIG_CODE,
  SHUTDOWN_CODE,
  SHUTDOWN_REASON,
  TOO_LARGE_RESPONSE,
  CONTROL_HEADROOM_BYTES,
  assertSendableCloseCode,
  chooseSubprotocol,
  concatChunks,
  decideUpgrade,
  handlersFor,
  OverflowReporter,
  responseHeaderEntries,
  runHttpHandler,
  splitUrl,
  statusLine,
  truncateCloseReason,
  upgradeRefusal,
} from './common.ts';
import { TopicRegistry } from './topic-registry.ts';
import { SUBPROTOCOL_JSON, type WireFormat } from '../../proto/wire-format.ts';
import {
  SendStatus,
  type Connection,
  type HttpRequest,
  type HttpResponse,
  type Transport,
  type TransportOptions,
  type UpgradeDecision,
  type UpgradeRequest,
  type WebSocketHandlers,
} from './types.ts';

const DRAIN_POLL_MS = 5;
/** How long `close()` lets peers answer the closing handshake before their sockets are destroyed. */
const SHUTDOWN_GRACE_MS = 2_000;
const BINARY = { binary: true } as const;
const TEXT = { binary: false } as const;

/** What a connection needs from its transport. */
interface WsHost {
  readonly options: TransportOptions;
  readonly topics: TopicRegistry<WsConnection>;
  watchDrain(conn: WsConnection): void;
  finish(conn: WsConnection, code: number, reason: string): void;
  cutOff(conn: WsConnection, dropped: number): void;
}

class WsConnection implements Connection {
  readonly id: number;
  readonly path: string;
  readonly format: WireFormat;
  readonly remoteAddress: string;
  readonly query: URLSearchParams;
  readonly handlers: WebSocketHandlers;
  readonly socket: WebSocket;
  user: unknown = undefined;
  /** Heard from since the last heartbeat tick. */
  alive = true;
  /** Missed a published frame: out of every topic for good. */
  overflowed = false;
  private readonly host: WsHost;
  private isClosed = false;

  constructor(id: number, req: UpgradeRequest, handlers: WebSocketHandlers, socket: WebSocket, host: WsHost) {
    this.id = id;
    this.path = req.path;
    this.format = socket.protocol === SUBPROTOCOL_JSON ? 'json' : 'proto';
    this.remoteAddress = req.remoteAddress;
    this.query = req.query;
    this.handlers = handlers;
    this.socket = socket;
    this.host = host;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  send(data: Uint8Array | string): SendStatus {
    if (this.isClosed || this.socket.readyState !== this.socket.OPEN) return SendStatus.Dropped;
    if (this.socket.bufferedAmount > this.host.options.hardBackpressureBytes + CONTROL_HEADROOM_BYTES) {
      this.host.cutOff(this, 1);
      return SendStatus.Dropped;
    }
    return this.write(data, typeof data !== 'string');
  }

  /** A published frame; false when the connection is past the hard limit and must be cut off. */
  publishFrame(data: Uint8Array | string, binary: boolean): boolean {
    if (this.isClosed || this.socket.readyState !== this.socket.OPEN) return true;
    if (this.socket.bufferedAmount > this.host.options.hardBackpressureBytes) return false;
    this.write(data, binary);
    return true;
  }

  /** `data` is shared with other subscribers: ws writes it as is (no copy when the server does not mask). */
  private write(data: Uint8Array | string, binary: boolean): SendStatus {
    const limits = this.host.options;
    this.socket.send(data, binary ? BINARY : TEXT);
    if (this.socket.bufferedAmount <= limits.backpressureBytes) return SendStatus.Sent;
    this.host.watchDrain(this);
    return SendStatus.Backpressure;
  }

  bufferedAmount(): number {
    return this.isClosed ? 0 : this.socket.bufferedAmount;
  }

  subscribe(topic: string): void {
    if (!this.isClosed && !this.overflowed) this.host.topics.add(topic, this);
  }

  unsubscribe(topic: string): void {
    this.host.topics.remove(topic, this);
  }

  isSubscribed(topic: string): boolean {
    return this.host.topics.has(topic, this);
  }

  close(code: number, reason: string): void {
    if (this.isClosed) return;
    assertSendableCloseCode(code);
    const shortReason = truncateCloseReason(reason);
    this.socket.close(code, shortReason);
    this.host.finish(this, code, shortReason);
  }

  terminate(): void {
    if (this.isClosed) return;
    this.socket.terminate();
    this.host.finish(this, 1006, '');
  }

  /** Returns false when it was already closed, so the close handler runs exactly once. */
  markClosed(): boolean {
    if (this.isClosed) return false;
    this.isClosed = true;
    this.host.topics.removeMember(this);
    return true;
  }
}

export class WsTransport implements Transport, WsHost {
  readonly name = 'ws';
  readonly options: TransportOptions;
  readonly topics = new TopicRegistry<WsConnection>();
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<WsConnection>();
  /** Raw sockets until their TCP connection is gone (outlives `connections` during the closing handshake). */
  private readonly sockets = new Set<WebSocket>();
  private readonly pressured = new Set<WsConnection>();
  private readonly overflows = new OverflowReporter<WsConnection>((conn) => {
    if (!conn.closed) conn.handlers.overflow?.(conn);
  });
  private drainTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private shutdown: Promise<void> | null = null;

  constructor(options: TransportOptions) {
    this.options = options;
    this.server = createServer((req, res) => void this.handleHttp(req, res));
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.handleUpgrade(req, socket, head));
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      maxPayload: options.maxPayloadBytes,
      perMessageDeflate: false,
      handleProtocols: (offered: Set<string>) => chooseSubprotocol(offered).protocol ?? false,
    });
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  get sendsDropped(): number {
    return this.overflows.dropped;
  }

  cutOff(conn: WsConnection, dropped: number): void {
    if (this.overflows.cutOff(conn, dropped)) this.topics.removeMember(conn);
  }

  listen(): Promise<{ readonly port: number }> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => {
        reject(new HashcapError(HashcapErrorCode.TRANSPORT_LISTEN_FAILED, `ws: cannot listen on ${this.options.host}:${this.options.port}: ${err.message}`, { cause: err }));
      };
      this.server.once('error', onError);
      // reusePort: Node 22.12+ (server/reuse-port.ts refuses --reuse-port with ws on older Node, which ignores it).
      this.server.listen({ port: this.options.port, host: this.options.host, ...(this.options.reusePort === true && { reusePort: true }) }, () => {
        this.server.off('error', onError);
        this.startHeartbeat();
        resolve({ port: (this.server.address() as AddressInfo).port });
      });
    });
  }

  publish(topic: string, data: Uint8Array | string): void {
    const members = this.topics.members(topic);
    if (members === undefined) return;
    const binary = typeof data !== 'string';
    const payload = binary ? data : Buffer.from(data);
    let over: WsConnection[] | null = null;
    for (const conn of members) {
      if (!conn.publishFrame(payload, binary)) (over ??= []).push(conn);
    }
    // Cut off after the walk: the member set is live.
    if (over !== null) for (const conn of over) this.cutOff(conn, 1);
  }

  subscriberCount(topic: string): number {
    return this.topics.count(topic);
  }

  close(): Promise<void> {
    this.shutdown ??= this.shutDown();
    return this.shutdown;
  }

  watchDrain(conn: WsConnection): void {
    this.pressured.add(conn);
    this.drainTimer ??= setInterval(() => this.pollDrain(), DRAIN_POLL_MS).unref();
  }

  finish(conn: WsConnection, code: number, reason: string): void {
    if (!conn.markClosed()) return;
    this.connections.delete(conn);
    this.pressured.delete(conn);
    conn.handlers.close(conn, code, reason);
  }

  private handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', ignore);
    const { path, query } = splitUrl(req.url ?? '/');
    const handlers = handlersFor(this.options.websockets, path);
    if (handlers === undefined) return rejectUpgrade(socket, 404, 'not found');
    if (this.shutdown !== null) return rejectUpgrade(socket, 503, SHUTDOWN_REASON);
    const upgrade: UpgradeRequest = { path, query, headers: flattenHeaders(req), remoteAddress: req.socket.remoteAddress ?? '' };
    const decision = decideUpgrade(handlers, upgrade);
    if (!decision.ok) return refuseUpgrade(socket, decision);
    this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws, upgrade, handlers, decision.user));
  }

  private open(socket: WebSocket, req: UpgradeRequest, handlers: WebSocketHandlers, user: unknown): void {
    const conn = new WsConnection(this.nextId++, req, handlers, socket, this);
    conn.user = user;
    this.connections.add(conn);
    this.sockets.add(socket);
    socket.on('message', (data: RawData, isBinary: boolean) => {
      conn.alive = true;
      if (!conn.closed) handlers.message(conn, ownedBytes(data), isBinary);
    });
    socket.on('pong', () => {
      conn.alive = true;
    });
    // ws has already answered a protocol error (e.g. 1009 for an oversized message) with a close frame.
    socket.on('error', (err: Error) => this.finish(conn, closeCodeForError(err), err.message));
    socket.on('close', (code: number, reason: Buffer) => {
      this.sockets.delete(socket);
      this.finish(conn, code, reason.toString());
    });
    handlers.open(conn);
  }

  private pollDrain(): void {
    for (const conn of this.pressured) {
      if (conn.closed || conn.bufferedAmount() < this.options.backpressureBytes) {
        this.pressured.delete(conn);
        if (!conn.closed) conn.handlers.drain?.(conn);
      }
    }
    if (this.pressured.size === 0 && this.drainTimer !== null) {
      clearInterval(this.drainTimer);
      this.drainTimer = null;
    }
  }

  private startHeartbeat(): void {
    const idleMs = this.options.idleTimeoutSeconds * 1000;
    if (idleMs <= 0) return;
    this.heartbeatTimer = setInterval(() => this.heartbeat(), idleMs / 2).unref();
  }

  private heartbeat(): void {
    for (const conn of this.connections) {
      if (!conn.alive) {
        conn.socket.terminate();
        continue;
      }
      conn.alive = false;
      conn.socket.ping();
    }
  }

  private async handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let response: HttpResponse;
    try {
      const body = await readBody(req, this.options.maxBodyBytes);
      response = body === null ? TOO_LARGE_RESPONSE : await runHttpHandler(this.options.http, toHttpRequest(req, body));
    } catch {
      return; // The client went away while sending its body: nobody to answer.
    }
    try {
      writeResponse(res, response, this.shutdown !== null);
    } catch {
      // A header value Node refuses (e.g. a newline in it): answer 500 if nothing went out yet.
      if (res.headersSent) return void res.destroy();
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      writeResponse(res, INTERNAL_ERROR_RESPONSE, this.shutdown !== null);
    }
  }

  private async shutDown(): Promise<void> {
    this.stopTimers();
    const serverClosed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const conn of [...this.connections]) conn.close(SHUTDOWN_CODE, SHUTDOWN_REASON);
    // Peers that never answer the closing handshake must not hold shutdown (or the port) hostage.
    const force = setTimeout(() => {
      for (const socket of this.sockets) socket.terminate();
      this.server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    await serverClosed;
    clearTimeout(force);
    this.wss.close();
  }

  private stopTimers(): void {
    if (this.heartbeatTimer !== null) clearInterval(this.heartbeatTimer);
    if (this.drainTimer !== null) clearInterval(this.drainTimer);
    this.heartbeatTimer = null;
    this.drainTimer = null;
    this.pressured.clear();
  }
}

function ignore(): void {}

/** A copy the handler owns: ws hands out views into socket chunks, which would pin them in memory. */
function ownedBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return concatChunks(data.map((chunk) => new Uint8Array(chunk)), totalLength(data));
  return new Uint8Array(data instanceof ArrayBuffer ? data.slice(0) : data);
}

function totalLength(chunks: readonly Uint8Array[]): number {
  let total = 0;
  for (const chunk of chunks) total += chunk.byteLength;
  return total;
}

/** The close code ws put in its close frame when it failed the connection (see ws `lib/receiver.js`). */
function closeCodeForError(err: Error): number {
  const code = (err as Error & { code?: unknown }).code;
  if (code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return MESSAGE_TOO_BIG_CODE;
  if (code === 'WS_ERR_INVALID_UTF8') return 1007;
  return 1002;
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function toHttpRequest(req: IncomingMessage, body: Uint8Array): HttpRequest {
  const { path, query } = splitUrl(req.url ?? '/');
  return {
    method: req.method ?? 'GET',
    path,
    query,
    headers: flattenHeaders(req),
    body,
    remoteAddress: req.socket.remoteAddress ?? '',
  };
}

/** Resolves null when the body is over `limit` (the rest is read and discarded so keep-alive survives). */
function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      req.resume();
      resolve(null);
      return;
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    const onData = (chunk: Buffer): void => {
      total += chunk.byteLength;
      if (total <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.resume();
      resolve(null);
    };
    req.on('data', onData);
    req.on('end', () => resolve(concatChunks(chunks, total)));
    req.on('error', reject);
  });
}

function writeResponse(res: ServerResponse, response: HttpResponse, closing: boolean): void {
  if (res.destroyed || res.writableEnded) return;
  res.statusCode = response.status;
  for (const [name, value] of responseHeaderEntries(response)) res.setHeader(name, value);
  res.setHeader('content-length', Buffer.byteLength(response.body));
  if (closing) res.setHeader('connection', 'close');
  res.end(response.body);
}

/** A refused upgrade, with a limit's code and Retry-After when it carries one. */
function refuseUpgrade(socket: Duplex, decision: Extract<UpgradeDecision, { ok: false }>): void {
  const refusal = upgradeRefusal(decision);
  const body = Buffer.from(refusal.body);
  const head =
    `HTTP/1.1 ${statusLine(refusal.status)}\r\n` +
    'Connection: close\r\n' +
    refusal.headers.map(([name, value]) => `${name}: ${value}\r\n`).join('') +
    `Content-Length: ${body.byteLength}\r\n\r\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(Buffer.concat([Buffer.from(head), body]));
}

function rejectUpgrade(socket: Duplex, status: number, message: string): void {
  refuseUpgrade(socket, { ok: false, status, message });
}
