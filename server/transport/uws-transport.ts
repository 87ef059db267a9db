/**
 * The fast transport: uWebSockets.js. The native module is handed in (see create-transport.ts) so that
 * importing this file never loads it; only `import type` refers to the package here.
 *
 * uWS rules this file is shaped around:
 * - Buffers handed to callbacks (messages, HTTP body chunks) are neutered when the callback returns, so
 *   every one is copied into a fresh Uint8Array before anyone else sees it.
 * - HttpRequest is only valid synchronously; everything needed later is read before the first await, and
 *   an aborted HttpResponse must never be touched again (onAborted sets a flag every write checks).
 * - Writes made outside a uWS callback (timers, promises, Redis) are corked: one syscall per batch, and no
 *   "writes must be made from within a corked callback" warning. `send` corks through a per-connection
 *   trampoline so a send allocates no closure. `app.publish` has no app-level cork; uWS writes each
 *   subscriber's copy of the frame itself.
 * - A closed uWS.WebSocket throws on every call, so each Connection keeps its own `closed` flag, set in the
 *   close handler (which uWS runs synchronously, also from inside `end()`), and checks it first.
 * - uWS aborts the TCP connection, with no close frame, on a message over maxPayloadLength. To give peers
 *   the 1009 the contract promises, uWS's limit is set above ours (see `uwsPayloadLimit`) and messages
 *   between the two are closed with 1009 here; only absurdly large ones still get the abort, and their
 *   close handler is reported as 1009 as well.
 * - uWS skips a published frame, without telling anyone, for a subscriber whose queue is past its
 *   maxBackpressure: a silent hole in that subscriber's seqs. So uWS's own limit is set CONTROL_HEADROOM_BYTES
 *   above ours and the hard limit is enforced here: before each publish, every connection last seen with a
 *   long queue ("watched") that is subscribed to the topic and past the limit is counted as a drop and taken
 *   out of all its topics (so it misses that frame and every later one, never one in the middle), and the
 *   gateway hears `overflow`. A connection not watched is checked whenever its queue is read (the gateway's
 *   ladder reads every one each 100 ms); found past uWS's own limit, uWS may have dropped a frame, and that
 *   is counted and cut off the same way.
 * - With a write window (`writeWindowMs` > 0; its length from write-window.ts, longer under load)
 *   published frames are held and handed to `app.publish` in a row from one timer, where uWS writes each subscriber's frames of that burst together. Anything that
 *   could observe the order first publishes what is held: a direct send, subscribe, unsubscribe, close or
 *   a cut-off, so membership and order are those of an immediate publish.
 * - idleTimeout must be 0 or 8…960 s with a 4 s resolution (uWS terminates the process otherwise), so the
 *   configured value is rounded up to the next multiple of 4 within that range.
 */
import type * as uWS from 'uWebSockets.js';

import { HashcapError, HashcapErrorCode } from '../errors.ts';
import {
  MESSAGE_TOO_BIG_CODE,
  MESSAGE_TOO_BIG_REASON,
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
  parseProtocolHeader,
  readTlsFiles,
  responseHeaderEntries,
  runHttpHandler,
  statusLine,
  truncateCloseReason,
  upgradeRefusal,
} from './common.ts';
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
import type { WireFormat } from '../../proto/wire-format.ts';
import { FrameStamps, LatencyHistogram } from '../http/latency-histogram.ts';
import { WriteWindow } from './write-window.ts';

export type UwsModule = typeof uWS;

/**
 * uWS sets SO_REUSEPORT on an explicit port, so a second server on a taken port would start without
 * an error and silently take half the connections; the exclusive flag makes it fail instead (SO_REUSEADDR
 * is still set, see listen()). The native listen accepts (host, port, options, cb) although the typings
 * only declare (port, options, cb); it calls back before returning.
 */
function listenExclusive(app: uWS.TemplatedApp, host: string, port: number, shared = false): Promise<uWS.us_listen_socket | false> {
  const EXCLUSIVE_PORT = 1; // uWS.ListenOptions.LIBUS_LISTEN_EXCLUSIVE_PORT (a const enum in the typings)
  // Shared (--reuse-port): uWS's own SO_REUSEPORT is what several gateways on one port want.
  const DEFAULT = 0;
  type Listen = (h: string, p: number, o: number, c: (socket: uWS.us_listen_socket | false) => void) => void;
  return new Promise((resolve) => (app.listen as unknown as Listen)(host, port, shared ? DEFAULT : EXCLUSIVE_PORT, resolve));
}

/** How long a fixed port is retried when uWS cannot listen on it (see listen()). */
const LISTEN_RETRY_MS = 3_000;
/** Port 0: how many picked ports may be taken by someone else before listen() gives up. */
const FREE_PORT_ATTEMPTS = 5;

/** `ws.send` results (uWS docs): 0 backpressure built up, 1 written, 2 dropped over maxBackpressure. */
const UWS_DROPPED = 2;
/** uWS reports its own oversized-message abort as code 1006 with this text. */
const UWS_TOO_BIG_TEXT = 'Received too big message';
const utf8 = new TextDecoder();

/** Per-socket data; uWS copies these properties onto the WebSocket object, which getUserData() returns. */
interface SocketData {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly remoteAddress: string;
  readonly format: WireFormat;
  conn: UwsConnection | null;
  /** From the authorize hook; becomes conn.user. */
  readonly user: unknown;
}

type UwsSocket = uWS.WebSocket<SocketData>;

/** What a connection needs from its transport to enforce the hard limit. */
interface UwsHost {
  /** Queues at least this long are watched on every publish. */
  readonly watchBytes: number;
  /** Published frames are not delivered past this. */
  readonly hardBytes: number;
  /** uWS's own maxBackpressure: past this uWS drops sends by itself. */
  readonly nativeLimitBytes: number;
  setWatched(conn: UwsConnection, watched: boolean): void;
  cutOff(conn: UwsConnection, dropped: number): void;
  /** Publishes frames held by the write window now, before anything that could overtake them. */
  publishHeld(): void;
}

/** uWS idleTimeout: 0, or 8…960 seconds in steps of 4 (its timer resolution); rounded up, never down. */
export function uwsIdleTimeout(seconds: number): number {
  if (seconds <= 0) return 0;
  return Math.min(960, Math.max(8, Math.ceil(seconds / 4) * 4));
}

/** Head-room over our limit so oversized messages reach JS and can be closed with 1009, bounded at 2×. */
export function uwsPayloadLimit(maxPayloadBytes: number): number {
  return maxPayloadBytes + Math.max(maxPayloadBytes, 4096);
}

class UwsConnection implements Connection {
  readonly id: number;
  readonly path: string;
  readonly format: WireFormat;
  readonly remoteAddress: string;
  readonly query: URLSearchParams;
  readonly handlers: WebSocketHandlers;
  user: unknown = undefined;
  /** The last send reported Backpressure: report `drain` once the buffer is back under the soft limit. */
  pressured = false;
  /** Missed a frame (or would have): out of every topic for good, see `UwsHost.cutOff`. */
  overflowed = false;
  watched = false;
  private readonly ws: UwsSocket;
  private readonly host: UwsHost;
  private readonly backpressureBytes: number;
  private isClosed = false;
  private pendingData: Uint8Array | string = '';
  private pendingBinary = false;
  private sendResult = 1;
  private readonly corkedSend: () => void;

  constructor(id: number, ws: UwsSocket, handlers: WebSocketHandlers, backpressureBytes: number, host: UwsHost) {
    const data = ws.getUserData();
    this.id = id;
    this.path = data.path;
    this.format = data.format;
    this.remoteAddress = data.remoteAddress;
    this.query = data.query;
    this.handlers = handlers;
    this.ws = ws;
    this.host = host;
    this.backpressureBytes = backpressureBytes;
    this.corkedSend = () => {
      this.sendResult = this.ws.send(this.pendingData, this.pendingBinary);
    };
  }

  get closed(): boolean {
    return this.isClosed;
  }

  send(data: Uint8Array | string): SendStatus {
    if (this.isClosed) return SendStatus.Dropped;
    this.host.publishHeld();
    this.pendingData = data;
    this.pendingBinary = typeof data !== 'string';
    this.ws.cork(this.corkedSend);
    this.pendingData = '';
    if (this.sendResult === UWS_DROPPED) {
      this.host.cutOff(this, 1);
      return SendStatus.Dropped;
    }
    const buffered = this.ws.getBufferedAmount();
    this.observe(buffered);
    if (buffered <= this.backpressureBytes) return SendStatus.Sent;
    this.pressured = true;
    return SendStatus.Backpressure;
  }

  bufferedAmount(): number {
    if (this.isClosed) return 0;
    const buffered = this.ws.getBufferedAmount();
    this.observe(buffered);
    return buffered;
  }

  /**
   * Every read of the queue length keeps the watch list current. A queue found past uWS's own limit
   * (it grew from below the watch level to there between two reads) may already have had a publish
   * skipped by uWS: it is cut off and counted as one drop, the most that can have gone unseen.
   */
  private observe(buffered: number): void {
    if (this.overflowed) return;
    if (buffered > this.host.nativeLimitBytes) {
      this.host.cutOff(this, 1);
      return;
    }
    const watch = buffered >= this.host.watchBytes;
    if (watch !== this.watched) this.host.setWatched(this, watch);
  }

  /** Checked before a publish to `topic`: would this frame be dropped, or go past the hard limit? */
  overLimitFor(topic: string): boolean {
    return !this.isClosed && !this.overflowed && this.ws.getBufferedAmount() > this.host.hardBytes && this.ws.isSubscribed(topic);
  }

  /** Leaves every topic; a connection that missed a frame must not receive the ones after it. */
  leaveAllTopics(): void {
    if (this.isClosed) return;
    for (const topic of this.ws.getTopics()) this.ws.unsubscribe(topic);
  }

  subscribe(topic: string): void {
    if (this.isClosed || this.overflowed) return;
    this.host.publishHeld();
    this.ws.subscribe(topic);
  }

  unsubscribe(topic: string): void {
    if (this.isClosed) return;
    this.host.publishHeld();
    this.ws.unsubscribe(topic);
  }

  isSubscribed(topic: string): boolean {
    return !this.isClosed && this.ws.isSubscribed(topic);
  }

  /** uWS runs the close handler synchronously inside `end()`, so `closed` is true when this returns. */
  close(code: number, reason: string): void {
    if (this.isClosed) return;
    assertSendableCloseCode(code);
    const shortReason = truncateCloseReason(reason);
    this.host.publishHeld();
    this.ws.cork(() => this.ws.end(code, shortReason));
  }

  /** uWS's close() aborts the socket and runs the close handler synchronously (code 1006). */
  terminate(): void {
    if (this.isClosed) return;
    this.ws.close();
  }

  markClosed(): void {
    this.isClosed = true;
    this.pressured = false;
  }

  /** From uWS's drain callback, which fires on every partial flush: report only the crossing. */
  onWritable(): void {
    if (!this.pressured || this.isClosed || this.ws.getBufferedAmount() >= this.backpressureBytes) return;
    this.pressured = false;
    this.handlers.drain?.(this);
  }
}

/** One HTTP request/response pair; remembers whether the response may still be written. */
class HttpExchange {
  private readonly res: uWS.HttpResponse;
  private readonly headOnly: boolean;
  private finished = false;

  constructor(res: uWS.HttpResponse, method: string) {
    this.res = res;
    this.headOnly = method === 'HEAD';
    res.onAborted(() => {
      this.finished = true;
    });
  }

  get done(): boolean {
    return this.finished;
  }

  respond(response: HttpResponse, closeConnection: boolean): void {
    if (this.finished) return;
    this.finished = true;
    const res = this.res;
    res.cork(() => {
      res.writeStatus(statusLine(response.status));
      for (const [name, value] of responseHeaderEntries(response)) res.writeHeader(name, value);
      // uWS has no way to close an idle keep-alive socket, and one would outlive close(): a client
      // could keep talking to a stopped server. Plain HTTP is not the hot path here (the feed and
      // ingest run over websockets): every response tells the client to close its connection. (uWS
      // itself only closes it when closeConnection is set, i.e. while shutting down; see listen().)
      res.writeHeader('connection', 'close');
      if (this.headOnly) res.endWithoutBody(Buffer.byteLength(response.body), closeConnection);
      else res.end(response.body, closeConnection);
    });
  }
}

export class UwsTransport implements Transport, UwsHost {
  readonly name = 'uws';
  readonly watchBytes: number;
  readonly hardBytes: number;
  readonly nativeLimitBytes: number;
  private readonly watched = new Set<UwsConnection>();
  /**
   * Published → handed to uWS, plus the rest of that event-loop turn: uWS writes a publish made outside
   * its callbacks at the end of the turn, so "written" is measured at the next setImmediate.
   */
  readonly writeLatency = new LatencyHistogram();
  private readonly window: WriteWindow;
  private heldTopics: string[] = [];
  private heldFrames: (Uint8Array | string)[] = [];
  private spareTopics: string[] = [];
  private spareFrames: (Uint8Array | string)[] = [];
  private windowTimer: NodeJS.Timeout | null = null;
  private readonly stamps = new FrameStamps();
  private stampsScheduled = false;
  private readonly publishHeldBound: () => void;
  private readonly observeWrittenBound: () => void;
  private readonly overflows: OverflowReporter<UwsConnection>;
  private readonly options: TransportOptions;
  private readonly uws: UwsModule;
  private readonly app: uWS.TemplatedApp;
  private readonly connections = new Set<UwsConnection>();
  private listenSocket: uWS.us_listen_socket | null = null;
  private closing = false;
  private nextId = 1;

  constructor(options: TransportOptions, uws: UwsModule) {
    this.options = options;
    this.uws = uws;
    this.window = new WriteWindow(options.writeWindowMs ?? 0, options.writeWindowMaxMs ?? 0);
    this.publishHeldBound = () => this.publishHeld();
    this.observeWrittenBound = () => {
      this.stampsScheduled = false;
      // Frames published since, and still held by the window, are not written yet (the newest stamps).
      this.stamps.flushInto(this.writeLatency, performance.now(), this.stamps.pending - this.heldTopics.length);
    };
    this.hardBytes = options.hardBackpressureBytes;
    this.nativeLimitBytes = options.hardBackpressureBytes + CONTROL_HEADROOM_BYTES;
    // Below half the hard limit a queue cannot pass it within one ladder check (100 ms) at any rate we
    // publish; the soft limit is lower still in every configuration we run.
    this.watchBytes = Math.min(options.backpressureBytes, Math.floor(options.hardBackpressureBytes / 2));
    this.overflows = new OverflowReporter((conn) => {
      if (!conn.closed) conn.handlers.overflow?.(conn);
    });
    if (options.tls !== undefined) readTlsFiles(options.tls); // a bad file is a typed error here, not a uWS log line
    this.app = options.tls === undefined ? uws.App() : uws.SSLApp({ cert_file_name: options.tls.certFile, key_file_name: options.tls.keyFile });
    for (const [path, handlers] of Object.entries(options.websockets)) this.app.ws<SocketData>(path, this.behavior(path, handlers));
    this.app.any('/*', (res, req) => this.handleHttp(res, req));
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

  setWatched(conn: UwsConnection, watched: boolean): void {
    conn.watched = watched;
    if (watched) this.watched.add(conn);
    else this.watched.delete(conn);
  }

  cutOff(conn: UwsConnection, dropped: number): void {
    this.publishHeld();
    if (!this.overflows.cutOff(conn, dropped)) return;
    conn.leaveAllTopics();
    this.setWatched(conn, false);
  }

  /**
   * uSockets sets SO_REUSEADDR on a listen socket only when it is given a fixed port, never for port 0,
   * and accepted sockets inherit the flag. Without it, every connection the server closed first (a
   * refused upgrade, a terminated, oversized or idle websocket, a response sent while shutting down)
   * leaves a TIME_WAIT socket that makes the port unbindable, by anyone, for 60 s, so a server first
   * started on port 0 could not be restarted on the port it got. Port 0 is therefore resolved here: a throwaway
   * listen on port 0 picks the port (it accepts nothing, so closing it leaves nothing behind) and the
   * real listen takes that port as a fixed one, flag included.
   *
   * uWS reports only failure, not why. A fixed port still held by a previous server that is shutting
   * down (a supervisor starting the new one early) is retried for LISTEN_RETRY_MS before giving up, so a
   * port another server keeps holding fails after that delay.
   */
  async listen(): Promise<{ readonly port: number }> {
    const { host, port } = this.options;
    if (port === 0) return this.listenOnFreePort(host);
    const deadline = Date.now() + LISTEN_RETRY_MS;
    for (;;) {
      const listenSocket = await listenExclusive(this.app, host, port, this.options.reusePort === true);
      if (listenSocket !== false) return this.listening(listenSocket);
      if (Date.now() >= deadline) throw new HashcapError(HashcapErrorCode.TRANSPORT_LISTEN_FAILED, `uws: cannot listen on ${host}:${port}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** See listen(). Another process may take the picked port in the moment between; then pick again. */
  private async listenOnFreePort(host: string): Promise<{ readonly port: number }> {
    for (let attempt = 0; attempt < FREE_PORT_ATTEMPTS; attempt += 1) {
      const probe = await listenExclusive(this.app, host, 0);
      if (probe === false) break;
      const picked = this.uws.us_socket_local_port(probe);
      this.uws.us_listen_socket_close(probe);
      const listenSocket = await listenExclusive(this.app, host, picked);
      if (listenSocket !== false) return this.listening(listenSocket);
    }
    throw new HashcapError(HashcapErrorCode.TRANSPORT_LISTEN_FAILED, `uws: cannot listen on ${host}:0`);
  }

  private listening(listenSocket: uWS.us_listen_socket): { readonly port: number } {
    this.listenSocket = listenSocket;
    return { port: this.uws.us_socket_local_port(listenSocket) };
  }

  publish(topic: string, data: Uint8Array | string): void {
    this.stamps.stamp(performance.now());
    if (this.windowTimer === null && this.window.next() <= 0) {
      this.publishNow(topic, data);
      return this.observeWrittenSoon();
    }
    // The hard limit is judged as of the publish (a held frame is not in uWS's queue yet, so publishNow checks again).
    if (this.watched.size > 0) {
      for (const conn of this.watched) if (conn.overLimitFor(topic)) this.cutOff(conn, 1);
    }
    this.heldTopics.push(topic);
    this.heldFrames.push(data);
    this.windowTimer ??= setTimeout(this.publishHeldBound, this.window.current);
  }

  publishHeld(): void {
    if (this.windowTimer !== null) {
      clearTimeout(this.windowTimer);
      this.windowTimer = null;
    }
    if (this.heldTopics.length === 0) return;
    // Taken first: a cut-off inside publishNow calls back here and must find nothing held.
    const topics = this.heldTopics;
    const frames = this.heldFrames;
    this.heldTopics = this.spareTopics;
    this.heldFrames = this.spareFrames;
    for (let i = 0; i < topics.length; i++) this.publishNow(topics[i]!, frames[i]!);
    topics.length = 0;
    frames.length = 0;
    this.spareTopics = topics;
    this.spareFrames = frames;
    this.observeWrittenSoon();
  }

  private observeWrittenSoon(): void {
    if (this.stampsScheduled) return;
    this.stampsScheduled = true;
    setImmediate(this.observeWrittenBound);
  }

  private publishNow(topic: string, data: Uint8Array | string): void {
    if (this.watched.size > 0) {
      for (const conn of this.watched) if (conn.overLimitFor(topic)) this.cutOff(conn, 1);
    }
    this.app.publish(topic, data, typeof data !== 'string');
  }

  subscriberCount(topic: string): number {
    return this.app.numSubscribers(topic);
  }

  /**
   * Stops listening and ends every websocket with 1001 (HTTP responses never keep a connection open).
   * uWS closes the listen socket and runs every close handler synchronously, so this is done on return.
   */
  close(): Promise<void> {
    if (this.closing) return Promise.resolve();
    this.publishHeld();
    this.closing = true;
    if (this.listenSocket !== null) this.uws.us_listen_socket_close(this.listenSocket);
    this.listenSocket = null;
    for (const conn of [...this.connections]) conn.close(SHUTDOWN_CODE, SHUTDOWN_REASON);
    return Promise.resolve();
  }

  private behavior(path: string, handlers: WebSocketHandlers): uWS.WebSocketBehavior<SocketData> {
    const { options } = this;
    return {
      compression: this.uws.DISABLED,
      maxPayloadLength: uwsPayloadLimit(options.maxPayloadBytes),
      maxBackpressure: this.nativeLimitBytes,
      closeOnBackpressureLimit: 0, // typed as a number in uWS's d.ts; 0 = keep slow sockets (we cut them off)
      idleTimeout: uwsIdleTimeout(options.idleTimeoutSeconds),
      sendPingsAutomatically: options.idleTimeoutSeconds > 0,
      upgrade: (res, req, context) => this.onUpgrade(path, handlers, res, req, context),
      open: (ws) => this.onOpen(ws, handlers),
      message: (ws, message, isBinary) => this.onMessage(ws, message, isBinary),
      drain: (ws) => ws.getUserData().conn?.onWritable(),
      close: (ws, code, message) => this.onClose(ws, code, utf8.decode(message)),
    };
  }

  private onUpgrade(path: string, handlers: WebSocketHandlers, res: uWS.HttpResponse, req: uWS.HttpRequest, context: uWS.us_socket_context_t): void {
    if (this.closing) return refuseNow(res, 503, SHUTDOWN_REASON);
    const headers = readHeaders(req);
    const request: UpgradeRequest = {
      path,
      query: new URLSearchParams(req.getQuery()),
      headers,
      remoteAddress: utf8.decode(res.getRemoteAddressAsText()),
    };
    const decision = decideUpgrade(handlers, request);
    if (!(decision instanceof Promise)) return this.completeUpgrade(res, request, headers, decision, context);
    // uWS: an upgrade answered later must watch for the peer going away, and cork what it writes then.
    let aborted = false;
    res.onAborted(() => {
      aborted = true;
    });
    void decision.then((later) => {
      if (aborted) return;
      res.cork(() => {
        if (this.closing) refuseNow(res, 503, SHUTDOWN_REASON);
        else this.completeUpgrade(res, request, headers, later, context);
      });
    });
  }

  private completeUpgrade(
    res: uWS.HttpResponse,
    request: UpgradeRequest,
    headers: Readonly<Record<string, string>>,
    decision: UpgradeDecision,
    context: uWS.us_socket_context_t,
  ): void {
    if (!decision.ok) return refuseUpgrade(res, decision);
    const choice = chooseSubprotocol(parseProtocolHeader(headers['sec-websocket-protocol']));
    const data: SocketData = { path: request.path, query: request.query, remoteAddress: request.remoteAddress, format: choice.format, conn: null, user: decision.user };
    res.upgrade(data, headers['sec-websocket-key'] ?? '', choice.protocol ?? '', headers['sec-websocket-extensions'] ?? '', context);
  }

  private onOpen(ws: UwsSocket, handlers: WebSocketHandlers): void {
    const conn = new UwsConnection(this.nextId++, ws, handlers, this.options.backpressureBytes, this);
    conn.user = ws.getUserData().user;
    ws.getUserData().conn = conn;
    this.connections.add(conn);
    handlers.open(conn);
  }

  private onMessage(ws: UwsSocket, message: ArrayBuffer, isBinary: boolean): void {
    const conn = ws.getUserData().conn;
    if (conn === null || conn.closed) return;
    if (message.byteLength > this.options.maxPayloadBytes) return conn.close(MESSAGE_TOO_BIG_CODE, MESSAGE_TOO_BIG_REASON);
    conn.handlers.message(conn, new Uint8Array(message.slice(0)), isBinary);
  }

  private onClose(ws: UwsSocket, code: number, reason: string): void {
    const conn = ws.getUserData().conn;
    if (conn === null || conn.closed) return;
    conn.markClosed();
    this.connections.delete(conn);
    this.setWatched(conn, false);
    const reported = code === 1006 && reason === UWS_TOO_BIG_TEXT ? MESSAGE_TOO_BIG_CODE : code;
    conn.handlers.close(conn, reported, reason);
  }

  /** Everything that is not a websocket upgrade on a known path. */
  private handleHttp(res: uWS.HttpResponse, req: uWS.HttpRequest): void {
    const url = req.getUrl();
    const headers = readHeaders(req);
    if (headers['upgrade']?.toLowerCase() === 'websocket') {
      // uWS only yields a known path here when the handshake itself is malformed.
      return handlersFor(this.options.websockets, url) === undefined ? refuseNow(res, 404, 'not found') : refuseNow(res, 400, 'bad websocket handshake');
    }
    const method = req.getMethod().toUpperCase();
    const exchange = new HttpExchange(res, method);
    const partial = { method, path: url, query: new URLSearchParams(req.getQuery()), headers, remoteAddress: utf8.decode(res.getRemoteAddressAsText()) };
    if (Number(headers['content-length'] ?? 0) > this.options.maxBodyBytes) return exchange.respond(TOO_LARGE_RESPONSE, false);
    const chunks: Uint8Array[] = [];
    let total = 0;
    res.onData((chunk, isLast) => {
      if (exchange.done) return;
      total += chunk.byteLength;
      if (total > this.options.maxBodyBytes) return exchange.respond(TOO_LARGE_RESPONSE, false);
      chunks.push(new Uint8Array(chunk.slice(0)));
      if (isLast) void this.answer(exchange, { ...partial, body: concatChunks(chunks, total) });
    });
  }

  private async answer(exchange: HttpExchange, req: HttpRequest): Promise<void> {
    const response = await runHttpHandler(this.options.http, req);
    exchange.respond(response, this.closing);
  }
}

/** A refused upgrade, with a limit's code and Retry-After when it carries one. */
function refuseUpgrade(res: uWS.HttpResponse, decision: Extract<UpgradeDecision, { ok: false }>): void {
  const refusal = upgradeRefusal(decision);
  res.writeStatus(statusLine(refusal.status));
  for (const [name, value] of refusal.headers) res.writeHeader(name, value);
  res.end(refusal.body, true);
}

/** Answers inside the uWS callback that received the request (already corked there). */
function refuseNow(res: uWS.HttpResponse, status: number, message: string): void {
  res.writeStatus(statusLine(status)).writeHeader('content-type', 'text/plain; charset=utf-8').end(message, true);
}

function readHeaders(req: uWS.HttpRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  req.forEach((name, value) => {
    const previous = headers[name];
    headers[name] = previous === undefined ? value : `${previous}, ${value}`;
  });
  return headers;
}
