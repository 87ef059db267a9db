/**
 * The hashcap client: one websocket (browser WebSocket or `ws`), subscriptions that survive it, and
 * the state of every subscribed channel rebuilt with the shared merge rule. The connection side lives
 * here — reconnect with full-jitter backoff and resume, reconnect advice, batching of subscribes, ping,
 * the staleness watchdog; the per-channel rules (seq, gaps, keyframes) live in subscription.ts.
 * Browser-safe: no Node modules, no Buffer.
 */
import { ErrorCode } from '../../proto/codes.ts';
import { Backoff } from './backoff.ts';
import { SUBPROTOCOLS, type WireFormat } from '../../proto/wire-format.ts';
import { decodeServerFrame, encodeClientMessage, streamUrl, type ClientMessage, type ServerMessage } from './codec.ts';
import { Emitter } from './emitter.ts';
import { Phase, Subscription, subscriptionKey, type SyncHost } from './subscription.ts';
import type {
  ChannelState,
  ConnectionState,
  HashcapClientOptions,
  HashcapEvents,
  Listener,
  Rate,
  TokenProvider,
  WebSocketFactory,
  WebSocketLike,
} from './types.ts';

const RATES: readonly number[] = [0, 100, 1000];
const DEFAULT_STALE_AFTER_MS = 3_000;
const PING_TIMEOUT_MS = 10_000;
/** Reconnect-advice: move within this share of the remaining window, leaving a margin before the deadline. */
const ADVICE_WINDOW_SHARE = 0.8;
/** The `error` event's code for a failure on this side (connect, send, a frame that does not decode). */
export const LOCAL_ERROR_CODE = 0;
/** Server error codes after which subscribing again cannot help (README, Errors). */
const PERMANENT_SUBSCRIBE_ERRORS: ReadonlySet<number> = new Set<ErrorCode>([
  ErrorCode.BadChannel,
  ErrorCode.UnknownChannel,
  ErrorCode.BadRate,
  ErrorCode.BadResume,
  ErrorCode.TooManySubscriptions,
  ErrorCode.ChannelNotPermitted,
]);
const OPEN = 1;

interface PendingPing {
  readonly startMs: number;
  readonly resolve: (rttMs: number) => void;
  readonly reject: (err: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

const monotonicNow = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class HashcapClient {
  private readonly url: string;
  private readonly format: WireFormat;
  private readonly WebSocketImpl: WebSocketFactory;
  private readonly tokenProvider: TokenProvider | null;
  /** The token comes from a function, so a new connection may get a fresh one (a fixed string cannot). */
  private readonly tokenRefreshes: boolean;
  /** A token is being fetched for the next socket (counts as connecting: no second socket meanwhile). */
  private fetchingToken: boolean;
  private readonly reconnectEnabled: boolean;
  private readonly backoff: Backoff;
  private readonly staleAfterMs: number;
  private readonly events: Emitter<HashcapEvents>;
  private readonly host: SyncHost;
  /** By the key the user asked for (channel × rate). */
  private readonly subs: Map<string, Subscription>;
  /** By the key the server serves it at (differs after a slow-consumer degrade). */
  private readonly routes: Map<string, Subscription>;
  private readonly pings: Map<number, PendingPing>;
  private socket: WebSocketLike | null;
  private stateValue: ConnectionState;
  /** close() was called: nothing reconnects after it. */
  private finished: boolean;
  private hasOpened: boolean;
  /** Sockets opened since the last one that reached 'open' (the `attempt` of 'reconnected'). */
  private attempts: number;
  /** When the last open connection was lost (0 while connected). */
  private downSinceMs: number;
  private nextRequestId: number;
  private flushQueued: boolean;
  private connectWaiters: { resolve: () => void; reject: (err: Error) => void }[];
  private reconnectTimer: ReturnType<typeof setTimeout> | null;
  private adviceTimer: ReturnType<typeof setTimeout> | null;
  private retryTimer: ReturnType<typeof setTimeout> | null;
  private staleTimer: ReturnType<typeof setInterval> | null;

  constructor(options: HashcapClientOptions) {
    this.url = streamUrl(options.url);
    this.format = options.format ?? 'proto';
    const impl = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketFactory }).WebSocket;
    if (!impl) throw new TypeError('no WebSocket implementation: pass options.WebSocket (e.g. `WebSocket` from the ws package)');
    this.WebSocketImpl = impl;
    const token = options.token;
    this.tokenProvider = token === undefined ? null : typeof token === 'function' ? token : () => token;
    this.tokenRefreshes = typeof token === 'function';
    this.fetchingToken = false;
    this.reconnectEnabled = options.reconnect?.enabled ?? true;
    const { enabled: _enabled, ...backoff } = options.reconnect ?? {};
    this.backoff = new Backoff(backoff);
    this.staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
    this.events = new Emitter();
    const verifyChecksums = options.verifyChecksums ?? true;
    this.host = {
      emit: (event, payload) => this.events.emit(event, payload),
      resubscribe: () => this.queueFlush(),
      verifyChecksums,
    };
    this.subs = new Map();
    this.routes = new Map();
    this.pings = new Map();
    this.socket = null;
    this.stateValue = 'closed';
    this.finished = false;
    this.hasOpened = false;
    this.attempts = 0;
    this.downSinceMs = 0;
    this.nextRequestId = 1;
    this.flushQueued = false;
    this.connectWaiters = [];
    this.reconnectTimer = null;
    this.adviceTimer = null;
    this.retryTimer = null;
    this.staleTimer = null;
  }

  get connectionState(): ConnectionState {
    return this.stateValue;
  }

  /** Resolves when the socket is open. With reconnect on, a failed first attempt is retried (with 'error' events). */
  connect(): Promise<void> {
    if (this.finished) return Promise.reject(new Error('client is closed'));
    if (this.stateValue === 'open') return Promise.resolve();
    const opened = new Promise<void>((resolve, reject) => this.connectWaiters.push({ resolve, reject }));
    if (this.socket === null && this.reconnectTimer === null && !this.fetchingToken) {
      this.setState('connecting');
      this.startStaleWatch();
      this.openSocket();
    }
    return opened;
  }

  /** Subscribes now or on the next open; kept across reconnects (resumed from the last seq). */
  subscribe(channels: readonly string[], options: { conflateMs?: Rate } = {}): void {
    const rate = checkRate(options.conflateMs ?? 0);
    const now = Date.now();
    for (const channel of channels) {
      const key = subscriptionKey(channel, rate);
      if (this.subs.has(key)) continue;
      const sub = new Subscription(channel, rate, now);
      this.subs.set(key, sub);
      this.routes.set(sub.servedKey, sub);
    }
    this.queueFlush();
  }

  unsubscribe(channels: readonly string[], options: { conflateMs?: Rate } = {}): void {
    const rate = checkRate(options.conflateMs ?? 0);
    const byServedRate = new Map<number, string[]>();
    for (const channel of channels) {
      const sub = this.subs.get(subscriptionKey(channel, rate));
      if (!sub) continue;
      this.subs.delete(sub.key);
      this.routes.delete(sub.servedKey);
      // Only what the server knows about needs telling; frames still in flight find no route.
      if (sub.phase !== Phase.Idle) {
        const list = byServedRate.get(sub.servedRate) ?? [];
        list.push(channel);
        byServedRate.set(sub.servedRate, list);
      }
    }
    for (const [conflateMs, list] of byServedRate) {
      this.send({ unsubscribe: { requestId: this.nextRequestId++, channels: list, conflateMs } });
    }
  }

  /** The rebuilt state (the SDK's own object, updated in place by deltas: read it, do not mutate it). */
  state(channel: string, conflateMs: Rate = 0): ChannelState | undefined {
    return this.subs.get(subscriptionKey(channel, conflateMs))?.state;
  }

  /** The seq of the last delta in `state(channel)`, or -1 before the first snapshot. */
  seq(channel: string, conflateMs: Rate = 0): number {
    return this.subs.get(subscriptionKey(channel, conflateMs))?.seq ?? -1;
  }

  on<K extends keyof HashcapEvents>(event: K, listener: Listener<HashcapEvents[K]>): () => void {
    return this.events.on(event, listener);
  }

  /** Round trip to the server in ms (measured with this side's clock only). */
  ping(): Promise<number> {
    if (!this.isOpen()) return Promise.reject(new Error('not connected'));
    const requestId = this.nextRequestId++;
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pings.delete(requestId);
        reject(new Error(`no pong within ${PING_TIMEOUT_MS} ms`));
      }, PING_TIMEOUT_MS);
      this.pings.set(requestId, { startMs: monotonicNow(), resolve, reject, timer });
      this.send({ ping: { requestId, clientTimeMs: Date.now() } });
    });
  }

  /** Closes for good: no reconnect, every timer cleared, pending pings and connects rejected. */
  close(): void {
    if (this.finished) return;
    this.finished = true;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) closeQuietly(socket, 1000, 'client closed');
    this.failPings('client closed');
    this.failConnectWaiters(new Error('client closed'));
    this.setState('closed');
  }

  // ------------------------------------------------------------------------------ connection

  private openSocket(): void {
    this.reconnectTimer = null;
    this.attempts++;
    const provider = this.tokenProvider;
    if (provider === null) {
      this.createSocket(this.url);
      return;
    }
    // Asked again on every attempt: the token of the last connection may be the one that expired.
    this.fetchingToken = true;
    new Promise<string>((resolve) => resolve(provider())).then(
      (token) => {
        this.fetchingToken = false;
        if (this.finished) return;
        if (typeof token !== 'string' || token === '') {
          this.events.emit('error', { code: LOCAL_ERROR_CODE, message: 'token provider returned no token' });
          this.onSocketClosed();
          return;
        }
        this.createSocket(urlWithToken(this.url, token));
      },
      (err: unknown) => {
        this.fetchingToken = false;
        if (this.finished) return;
        this.events.emit('error', { code: LOCAL_ERROR_CODE, message: `token provider failed: ${errorText(err)}` });
        this.onSocketClosed();
      },
    );
  }

  private createSocket(url: string): void {
    let socket: WebSocketLike;
    try {
      socket = new this.WebSocketImpl(url, [SUBPROTOCOLS[this.format]]);
    } catch (err) {
      this.events.emit('error', { code: LOCAL_ERROR_CODE, message: `cannot open ${this.url}: ${errorText(err)}` });
      this.onSocketClosed();
      return;
    }
    this.socket = socket;
    socket.binaryType = 'arraybuffer';
    // Handlers check `socket === this.socket`: a replaced socket's late events must not count.
    socket.onopen = () => {
      if (socket === this.socket) this.onOpen();
    };
    socket.onmessage = (ev) => {
      if (socket === this.socket) this.onFrame(ev.data);
    };
    socket.onerror = () => {
      if (socket === this.socket) this.events.emit('error', { code: LOCAL_ERROR_CODE, message: `websocket error on ${this.url}` });
    };
    socket.onclose = () => {
      if (socket !== this.socket) return;
      this.socket = null;
      this.onSocketClosed();
    };
  }

  private onOpen(): void {
    const attempt = this.attempts;
    this.attempts = 0;
    this.backoff.reset();
    const reconnected = this.hasOpened;
    this.hasOpened = true;
    this.setState('open');
    this.flush();
    if (reconnected) {
      const downtimeMs = this.downSinceMs > 0 ? Date.now() - this.downSinceMs : 0;
      this.downSinceMs = 0;
      this.events.emit('reconnected', { attempt, downtimeMs });
    }
    const waiters = this.connectWaiters;
    this.connectWaiters = [];
    for (const w of waiters) w.resolve();
  }

  private onSocketClosed(): void {
    this.clearAdvice();
    this.clearRetry(); // the next connection subscribes everything anyway
    this.failPings('connection lost');
    if (this.finished) return;
    if (this.stateValue === 'open') this.downSinceMs = Date.now();
    for (const sub of this.subs.values()) this.detach(sub);
    if (!this.reconnectEnabled) {
      this.finished = true;
      this.clearTimers();
      this.failConnectWaiters(new Error(`connection to ${this.url} closed`));
      this.setState('closed');
      return;
    }
    this.setState(this.hasOpened ? 'reconnecting' : 'connecting');
    this.reconnectTimer = setTimeout(() => this.openSocket(), this.backoff.next().delayMs);
  }

  /**
   * Moves to a new socket now, resuming every subscription (reconnect advice: the server is going
   * away; leaving before its deadline at a random moment spreads its clients over the window).
   */
  private reconnectNow(reason: string): void {
    const socket = this.socket;
    if (this.finished || socket === null) return;
    this.socket = null;
    closeQuietly(socket, 1000, reason);
    this.failPings(reason);
    this.clearRetry();
    if (this.stateValue === 'open') this.downSinceMs = Date.now();
    for (const sub of this.subs.values()) this.detach(sub);
    this.setState('reconnecting');
    this.openSocket();
  }

  private detach(sub: Subscription): void {
    if (sub.servedRate !== sub.rate) this.routes.delete(sub.servedKey);
    sub.detach();
    this.routes.set(sub.servedKey, sub);
  }

  // ------------------------------------------------------------------------------ frames

  private onFrame(data: unknown): void {
    const decoded = decodeServerFrame(data);
    if (!decoded.ok) {
      this.events.emit('error', { code: LOCAL_ERROR_CODE, message: `undecodable frame: ${decoded.reason}` });
      return;
    }
    const m: ServerMessage = decoded.message;
    const now = Date.now();
    if (m.delta) {
      const sub = this.route(m.delta.channel, m.delta.conflateMs);
      sub?.heard(now);
      sub?.onDelta(m.delta, this.host);
    } else if (m.snapshot) {
      const sub = this.route(m.snapshot.channel, m.snapshot.conflateMs);
      sub?.heard(now);
      sub?.onSnapshot(m.snapshot, this.host);
    } else if (m.heartbeat) {
      const sub = this.route(m.heartbeat.channel, m.heartbeat.conflateMs);
      sub?.heard(now);
      sub?.onHeartbeat(m.heartbeat, this.host);
    } else if (m.ack) {
      this.onAck(m.ack);
    } else if (m.error) {
      this.onError(m.error);
    } else if (m.pong) {
      const ping = this.pings.get(Number(m.pong.requestId ?? 0));
      if (ping) {
        this.pings.delete(Number(m.pong.requestId ?? 0));
        clearTimeout(ping.timer);
        ping.resolve(monotonicNow() - ping.startMs);
      }
    } else if (m.notice) {
      this.onNotice(m.notice);
    }
  }

  private route(channel: string | null | undefined, conflateMs: number | null | undefined): Subscription | undefined {
    return this.routes.get(subscriptionKey(channel ?? '', Number(conflateMs ?? 0)));
  }

  private onAck(ack: NonNullable<ServerMessage['ack']>): void {
    if (ack.unsubscribed === true) return;
    const rate = Number(ack.conflateMs ?? 0);
    const sub = this.route(ack.channel, rate);
    if (sub) {
      sub.onAck(ack, this.host);
      return;
    }
    // An Ack we did not ask for (request id 0) at a conflated rate: the slow-consumer ladder moved our
    // raw subscription there. Follow it (its snapshot replaces the state) rather than going stale.
    const raw = ack.requestId ? undefined : this.routes.get(subscriptionKey(ack.channel ?? '', 0));
    if (raw && raw.rate === 0 && isRate(rate)) {
      this.routes.delete(raw.servedKey);
      raw.servedRate = rate;
      this.routes.set(raw.servedKey, raw);
      raw.phase = Phase.AwaitingSnapshot;
    }
  }

  private onError(e: NonNullable<ServerMessage['error']>): void {
    const code = Number(e.code ?? 0);
    const requestId = Number(e.requestId ?? 0);
    this.events.emit('error', {
      code,
      message: e.message ?? '',
      ...(e.channel ? { channel: e.channel } : {}),
      ...(requestId ? { requestId } : {}),
    });
    if (e.channel && PERMANENT_SUBSCRIBE_ERRORS.has(code)) {
      // That channel will never be served: forget it, or every reconnect would ask again.
      for (const sub of [...this.subs.values()]) {
        if (sub.channel === e.channel && sub.requestId === requestId && sub.phase === Phase.Subscribing) {
          this.subs.delete(sub.key);
          this.routes.delete(sub.servedKey);
        }
      }
    } else if (code === ErrorCode.RateLimited && this.retryTimer === null) {
      // The server names no request: send again whatever is still waiting for its Ack.
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        for (const sub of this.subs.values()) if (sub.phase === Phase.Subscribing) sub.needsSend = true;
        this.flush();
      }, Math.max(1, Number(e.retryAfterMs ?? 0)));
    }
  }

  private onNotice(notice: NonNullable<ServerMessage['notice']>): void {
    this.events.emit('notice', notice);
    // token_expiring: the same move as reconnect advice, to a connection opened with a fresh token.
    if ((notice.kind === 'reconnect_advice' || (notice.kind === 'token_expiring' && this.tokenRefreshes)) && this.adviceTimer === null) {
      const windowMs = Math.max(0, Number(notice.deadlineMs ?? 0) - Date.now()) * ADVICE_WINDOW_SHARE;
      this.adviceTimer = setTimeout(() => {
        this.adviceTimer = null;
        this.reconnectNow(notice.kind === 'token_expiring' ? 'token expiring' : 'reconnect advice');
      }, Math.floor(Math.random() * windowMs));
    }
    // 'closing' (slow consumer) needs nothing here: the close that follows reconnects and resumes.
  }

  // ------------------------------------------------------------------------------ subscribing

  /** Subscribes issued in one turn go out as one message per rate (the server limits messages per second). */
  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      this.flush();
    });
  }

  private flush(): void {
    if (!this.isOpen()) return;
    const byRate = new Map<number, Subscription[]>();
    for (const sub of this.subs.values()) {
      if (!sub.needsSend) continue;
      sub.needsSend = false;
      const list = byRate.get(sub.servedRate) ?? [];
      list.push(sub);
      byRate.set(sub.servedRate, list);
    }
    for (const [conflateMs, list] of byRate) {
      const requestId = this.nextRequestId++;
      const resume = [];
      for (const sub of list) {
        const point = sub.resumePoint();
        if (point) resume.push(point);
        sub.resumeSent = point !== null;
        sub.requestId = requestId;
        sub.phase = Phase.Subscribing;
      }
      this.send({ subscribe: { requestId, channels: list.map((s) => s.channel), conflateMs, resume } });
    }
  }

  // ------------------------------------------------------------------------------ staleness

  /** One interval for all channels: a timer per channel would cost a timer per subscription. */
  private startStaleWatch(): void {
    if (this.staleTimer !== null || !(this.staleAfterMs > 0)) return;
    const tickMs = Math.max(25, Math.min(1000, Math.floor(this.staleAfterMs / 4)));
    this.staleTimer = setInterval(() => this.checkStale(), tickMs);
  }

  private checkStale(): void {
    const now = Date.now();
    for (const sub of this.subs.values()) {
      const silentMs = now - sub.lastHeardMs;
      if (sub.staleReported || silentMs < this.staleAfterMs) continue;
      sub.staleReported = true;
      this.events.emit('stale', { channel: sub.channel, conflateMs: sub.rate, silentMs });
    }
  }

  // ------------------------------------------------------------------------------ helpers

  private isOpen(): boolean {
    return this.socket !== null && this.stateValue === 'open' && this.socket.readyState === OPEN;
  }

  private send(message: ClientMessage): void {
    if (!this.isOpen()) return;
    try {
      this.socket!.send(encodeClientMessage(message, this.format));
    } catch (err) {
      this.events.emit('error', { code: LOCAL_ERROR_CODE, message: `send failed: ${errorText(err)}` });
    }
  }

  private setState(state: ConnectionState): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    this.events.emit('state', { state });
  }

  private failPings(reason: string): void {
    for (const ping of this.pings.values()) {
      clearTimeout(ping.timer);
      ping.reject(new Error(reason));
    }
    this.pings.clear();
  }

  private failConnectWaiters(err: Error): void {
    const waiters = this.connectWaiters;
    this.connectWaiters = [];
    for (const w of waiters) w.reject(err);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private clearAdvice(): void {
    if (this.adviceTimer !== null) clearTimeout(this.adviceTimer);
    this.adviceTimer = null;
  }

  private clearTimers(): void {
    this.clearAdvice();
    this.clearRetry();
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    if (this.staleTimer !== null) clearInterval(this.staleTimer);
    this.reconnectTimer = null;
    this.staleTimer = null;
  }
}

/** The stream URL with `?token=` added (the stream URL the client builds carries no query of its own). */
function urlWithToken(url: string, token: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}

function isRate(v: number): v is Rate {
  return RATES.includes(v);
}

function checkRate(v: number): Rate {
  if (!isRate(v)) throw new RangeError(`conflateMs must be 0, 100 or 1000 (got ${v})`);
  return v;
}

/** Closes a socket we are done with; its late events go to no-ops (ws throws on an 'error' nobody handles). */
function closeQuietly(socket: WebSocketLike, code: number, reason: string): void {
  socket.onopen = socket.onmessage = socket.onerror = socket.onclose = ignore;
  try {
    socket.close(code, reason);
  } catch {
    // Closing a socket that never opened may throw in some implementations; it is going away anyway.
  }
}

function ignore(): void {}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
