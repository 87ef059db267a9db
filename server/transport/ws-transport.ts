/**
 * The portable transport: node:http + `ws`, for machines where the uWebSockets.js binary does not load.
 * It mirrors uWS semantics so the gateway cannot tell them apart, and does uWS's fan-out work itself:
 * - publish frames a message once (`WebSocket.Sender.frame`: header and payload joined into one buffer)
 *   and appends that buffer to each subscriber's pending run; the runs are written at the end of the
 *   event-loop turn (or of the write window, `writeWindowMs`, stretched under load by write-window.ts),
 *   one `write` per subscriber. Subscribers
 *   that received the same frames in the same order share one joined buffer (`PendingRun`), so a turn
 *   costs one copy per distinct sequence of frames and one write per subscriber, whatever the frame count;
 * - the writes go straight to the connection's TCP socket, the one ws itself writes to. Nothing
 *   reorders them: ws writes its own frames (ping, pong, close) to that socket at once, since it queues
 *   only while compressing (off here); a control frame may land between two messages, which RFC 6455
 *   allows. A direct `send` and a `close` first write the connection's pending run, so they never
 *   overtake a frame published before them, and `terminate` discards it;
 * - membership is decided when a frame is published, not when it is written, exactly as with an
 *   immediate write: a subscriber that joins after a publish does not get that frame;
 * - publish checks the hard limit before appending (queued = the socket's buffer + the pending run): a
 *   subscriber past it misses the frame, which is counted, and is taken out of every topic so it never
 *   receives a later one (no hole), and `overflow` is reported after the publish; a direct send may go
 *   CONTROL_HEADROOM_BYTES further before it is Dropped (counted too). The soft limit is checked after
 *   appending (Backpressure), like uWS's;
 * - `drain` is found by polling `bufferedAmount` every few ms, only for connections whose last send said
 *   Backpressure. The alternative, the socket's 'drain' event, only fires once the buffer is
 *   completely empty; polling fires as soon as the buffer crosses below the soft limit (what uWS
 *   reports) and costs nothing while nobody is slow;
 * - a server-side `close()` marks the connection closed and runs the close handler at once, as uWS does,
 *   while the socket finishes the closing handshake in the background;
 * - idle peers are found with ping/pong: a connection silent for a whole half-timeout tick after a ping
 *   is terminated, so a dead peer goes within `idleTimeoutSeconds`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

import * as wsModule from 'ws';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

import { FrameStamps, LatencyHistogram } from '../http/latency-histogram.ts';

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
  readTlsFiles,
  responseHeaderEntries,
  runHttpHandler,
  splitUrl,
  statusLine,
  truncateCloseReason,
  upgradeRefusal,
} from './common.ts';
import { TopicRegistry } from './topic-registry.ts';
import { WriteWindow } from './write-window.ts';
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
const OPCODE_TEXT = 1;
const OPCODE_BINARY = 2;

interface FrameOptions {
  readonly fin: boolean;
  readonly opcode: number;
  readonly mask: boolean;
  readonly readOnly: boolean;
  readonly rsv1: boolean;
}
/** ws's own framing (`WebSocket.Sender`; its ESM entry exports it as `Sender`, @types/ws declares neither). Unmasked, it returns [header, payload]. */
const Sender = (wsModule as unknown as { Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] } }).Sender;
const BINARY_FRAME: FrameOptions = { fin: true, opcode: OPCODE_BINARY, mask: false, readOnly: true, rsv1: false };
const TEXT_FRAME: FrameOptions = { fin: true, opcode: OPCODE_TEXT, mask: false, readOnly: true, rsv1: false };

/** `data` as one websocket frame (header + payload in one buffer), as a server sends it (unmasked). */
export function frameOnce(data: Uint8Array | string): Buffer {
  const binary = typeof data !== 'string';
  const payload = binary ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);
  const parts = Sender.frame(payload, binary ? BINARY_FRAME : TEXT_FRAME);
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/**
 * The frames a connection has been given since its last write, as a path in a per-turn tree: the root
 * is "nothing yet", each node one more frame. Subscribers handed the same frames in the same order
 * walk the same path, so they end on the same node and share its joined buffer. A node remembers the
 * last child it made: every member of a topic appends the same frame in one publish loop, so the
 * lookup is one comparison; a miss only makes a new node (less sharing, never a wrong byte).
 */
class PendingRun {
  readonly parent: PendingRun | null;
  readonly frame: Buffer | null;
  /** Bytes from the root through this node. */
  readonly bytes: number;
  private lastFrame: Buffer | null;
  private lastChild: PendingRun | null;
  private joined: Buffer | null;

  constructor(parent: PendingRun | null, frame: Buffer | null) {
    this.parent = parent;
    this.frame = frame;
    this.bytes = (parent === null ? 0 : parent.bytes) + (frame === null ? 0 : frame.byteLength);
    this.lastFrame = null;
    this.lastChild = null;
    this.joined = null;
  }

  append(frame: Buffer): PendingRun {
    if (this.lastFrame === frame) return this.lastChild!;
    const child = new PendingRun(this, frame);
    this.lastFrame = frame;
    this.lastChild = child;
    return child;
  }

  /** Every frame from the root to here in one buffer, built once for all who share the node. */
  bytesToWrite(): Buffer {
    if (this.joined !== null) return this.joined;
    if (this.parent === null || this.parent.frame === null) {
      this.joined = this.frame ?? Buffer.alloc(0);
      return this.joined;
    }
    const frames: Buffer[] = [];
    for (let node: PendingRun | null = this; node !== null && node.frame !== null; node = node.parent) frames.push(node.frame);
    frames.reverse();
    this.joined = Buffer.concat(frames, this.bytes);
    return this.joined;
  }
}

/** What a connection needs from its transport. */
interface WsHost {
  readonly options: TransportOptions;
  readonly topics: TopicRegistry<WsConnection>;
  watchDrain(conn: WsConnection): void;
  finish(conn: WsConnection, code: number, reason: string): void;
  cutOff(conn: WsConnection, dropped: number): void;
  /** The root of this turn's pending runs; a connection with something to write joins the write list. */
  readonly turnRoot: PendingRun;
  enqueueWrite(conn: WsConnection): void;
  countWrite(): void;
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
  /** On the transport's write list for this turn. */
  queuedForWrite = false;
  /** The last send or publish put it past the soft limit; the drain poll watches it. */
  pressured = false;
  private readonly host: WsHost;
  /** The TCP socket under `socket`: published frames are written here directly. */
  private readonly raw: Duplex;
  private isClosed = false;
  private run: PendingRun | null = null;
  /** The socket's queue when the run began (it only shrinks until we write again). */
  private queuedAtRunStart = 0;

  constructor(id: number, req: UpgradeRequest, handlers: WebSocketHandlers, socket: WebSocket, raw: Duplex, host: WsHost) {
    this.id = id;
    this.path = req.path;
    this.format = socket.protocol === SUBPROTOCOL_JSON ? 'json' : 'proto';
    this.remoteAddress = req.remoteAddress;
    this.query = req.query;
    this.handlers = handlers;
    this.socket = socket;
    this.raw = raw;
    this.host = host;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  private get writable(): boolean {
    return !this.isClosed && this.socket.readyState === this.socket.OPEN && !this.raw.destroyed;
  }

  send(data: Uint8Array | string): SendStatus {
    if (!this.writable) return SendStatus.Dropped;
    if (this.socket.bufferedAmount + this.pendingBytes() > this.host.options.hardBackpressureBytes + CONTROL_HEADROOM_BYTES) {
      this.host.cutOff(this, 1);
      return SendStatus.Dropped;
    }
    // What was published to it before this send goes out before it.
    this.writeRun();
    const binary = typeof data !== 'string';
    const payload = binary ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);
    const [header, body] = Sender.frame(payload, binary ? BINARY_FRAME : TEXT_FRAME);
    // Header and payload in one writev, without copying a large payload.
    this.raw.cork();
    this.raw.write(header!);
    if (body !== undefined) this.raw.write(body);
    this.raw.uncork();
    this.host.countWrite();
    return this.softStatus(this.socket.bufferedAmount);
  }

  /** A published frame, already framed; false when the connection is past the hard limit and must be cut off. */
  publishFrame(frame: Buffer): boolean {
    if (!this.writable) return true;
    let run = this.run;
    if (run === null) {
      run = this.host.turnRoot;
      this.queuedAtRunStart = this.socket.bufferedAmount;
      if (!this.queuedForWrite) this.host.enqueueWrite(this);
    }
    const queued = this.queuedAtRunStart + run.bytes;
    if (queued > this.host.options.hardBackpressureBytes) return false;
    this.run = run.append(frame);
    if (!this.pressured) this.softStatus(queued + frame.byteLength);
    return true;
  }

  private softStatus(queued: number): SendStatus {
    if (queued <= this.host.options.backpressureBytes) return SendStatus.Sent;
    this.host.watchDrain(this);
    return SendStatus.Backpressure;
  }

  /** Writes the pending run in one write; called at the end of the turn or window, and before a send or close. */
  writeRun(): void {
    const run = this.run;
    if (run === null) return;
    this.run = null;
    if (!this.writable) return;
    this.raw.write(run.bytesToWrite());
    this.host.countWrite();
  }

  /**
   * The socket's queue. Frames waiting for the end of the turn or window are left out, as uWS leaves
   * out frames held by its window: counted, they would come and go with every write while a stalled
   * reader's kernel buffer still takes bytes, and the slow-consumer ladder would read that as progress.
   * The limits count them (`publishFrame`, `send`).
   */
  bufferedAmount(): number {
    if (this.isClosed) return 0;
    return this.socket.bufferedAmount;
  }

  private pendingBytes(): number {
    return this.run === null ? 0 : this.run.bytes;
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
    this.writeRun();
    this.socket.close(code, shortReason);
    this.host.finish(this, code, shortReason);
  }

  terminate(): void {
    if (this.isClosed) return;
    this.run = null;
    this.socket.terminate();
    this.host.finish(this, 1006, '');
  }

  /** Returns false when it was already closed, so the close handler runs exactly once. */
  markClosed(): boolean {
    if (this.isClosed) return false;
    this.isClosed = true;
    this.run = null;
    this.host.topics.removeMember(this);
    return true;
  }
}

export class WsTransport implements Transport, WsHost {
  readonly name = 'ws';
  readonly options: TransportOptions;
  readonly topics = new TopicRegistry<WsConnection>();
  /** Published → written to every subscriber's socket (handed to the kernel, or queued in Node if it is full). */
  readonly writeLatency = new LatencyHistogram();
  turnRoot = new PendingRun(null, null);
  /** Socket writes issued (one per subscriber per turn or window, plus one per direct send). */
  writes = 0;
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<WsConnection>();
  /** Raw sockets until their TCP connection is gone (outlives `connections` during the closing handshake). */
  private readonly sockets = new Set<WebSocket>();
  private readonly pressured = new Set<WsConnection>();
  private readonly overflows = new OverflowReporter<WsConnection>((conn) => {
    if (!conn.closed) conn.handlers.overflow?.(conn);
  });
  private readonly window: WriteWindow;
  private toWrite: WsConnection[] = [];
  private spareToWrite: WsConnection[] = [];
  private writeScheduled = false;
  private readonly stamps = new FrameStamps();
  private readonly writeAllBound: () => void;
  private drainTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private shutdown: Promise<void> | null = null;

  constructor(options: TransportOptions) {
    this.options = options;
    this.window = new WriteWindow(options.writeWindowMs ?? 0, options.writeWindowMaxMs ?? 0);
    this.writeAllBound = () => this.writeAll();
    const onRequest = (req: IncomingMessage, res: ServerResponse): void => void this.handleHttp(req, res);
    // An https.Server is an http.Server underneath (same request, upgrade and close API).
    this.server = options.tls === undefined ? createServer(onRequest) : createTlsServer(readTlsFiles(options.tls), onRequest);
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

  get writeWindowMs(): number {
    return this.window.current;
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

  /** Frames once, appends to each member's pending run; the writes happen at the end of the turn or window. */
  publish(topic: string, data: Uint8Array | string): void {
    const members = this.topics.members(topic);
    if (members === undefined || members.size === 0) return;
    const frame = frameOnce(data);
    let over: WsConnection[] | null = null;
    for (const conn of members) {
      if (!conn.publishFrame(frame)) (over ??= []).push(conn);
    }
    this.stamps.stamp(performance.now());
    // Cut off after the walk: the member set is live.
    if (over !== null) for (const conn of over) this.cutOff(conn, 1);
    this.scheduleWrite();
  }

  enqueueWrite(conn: WsConnection): void {
    conn.queuedForWrite = true;
    this.toWrite.push(conn);
  }

  countWrite(): void {
    this.writes++;
  }

  private scheduleWrite(): void {
    if (this.writeScheduled) return;
    this.writeScheduled = true;
    const windowMs = this.window.next();
    if (windowMs > 0) setTimeout(this.writeAllBound, windowMs);
    else setImmediate(this.writeAllBound);
  }

  /** One write per connection with pending frames; the next turn starts a fresh tree. */
  private writeAll(): void {
    this.writeScheduled = false;
    const list = this.toWrite;
    this.toWrite = this.spareToWrite;
    this.turnRoot = new PendingRun(null, null);
    for (let i = 0; i < list.length; i++) {
      const conn = list[i]!;
      conn.queuedForWrite = false;
      conn.writeRun();
    }
    list.length = 0;
    this.spareToWrite = list;
    this.stamps.flushInto(this.writeLatency, performance.now());
  }

  subscriberCount(topic: string): number {
    return this.topics.count(topic);
  }

  close(): Promise<void> {
    this.shutdown ??= this.shutDown();
    return this.shutdown;
  }

  watchDrain(conn: WsConnection): void {
    conn.pressured = true;
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
    if (decision instanceof Promise) void decision.then((later) => this.completeUpgrade(req, socket, head, upgrade, handlers, later));
    else this.completeUpgrade(req, socket, head, upgrade, handlers, decision);
  }

  private completeUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, upgrade: UpgradeRequest, handlers: WebSocketHandlers, decision: UpgradeDecision): void {
    // An asynchronous decision: the peer may have gone, or the server begun to close, meanwhile.
    if (socket.destroyed) return;
    if (this.shutdown !== null) return rejectUpgrade(socket, 503, SHUTDOWN_REASON);
    if (!decision.ok) return refuseUpgrade(socket, decision);
    this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws, socket, upgrade, handlers, decision.user));
  }

  private open(socket: WebSocket, raw: Duplex, req: UpgradeRequest, handlers: WebSocketHandlers, user: unknown): void {
    const conn = new WsConnection(this.nextId++, req, handlers, socket, raw, this);
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
        conn.pressured = false;
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
    for (const conn of this.pressured) conn.pressured = false;
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
