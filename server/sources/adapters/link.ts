/**
 * One websocket that reconnects with jittered backoff until stopped: the adapter runner keeps one to
 * the provider and one to hashcap. It reports opens, messages, refusals and closes to its hooks, and
 * counts a connection as healthy only after it stayed up `stableAfterMs` (so a link that drops right
 * after connecting keeps backing off).
 *
 * Given several URLs (one ingest URL per aggregator: one active, the others standby), it tries them in
 * turn: every close or refused upgrade moves it on to the next, so a publisher finds the active one.
 */
import WebSocket, { type RawData } from 'ws';
import { Backoff, type BackoffOptions } from '../../../client/sdk/backoff.ts';
import type { RunnerEvent, Side } from './runner-stats.ts';

/**
 * The SDK's backoff and floor, with windows from 500 ms up to 30 s: providers limit logins per key
 * (Alpaca answers a burst with 406 "connection limit exceeded"), so an adapter backs off further.
 */
export const PROVIDER_BACKOFF: Partial<BackoffOptions> = { baseMs: 500, maxMs: 30_000 };

export interface LinkHooks {
  open(ws: WebSocket): void;
  message(data: RawData, isBinary: boolean): void;
  /** The upgrade was answered with an HTTP status instead of 101. */
  refused(status: number): void;
  closed(wasOpen: boolean): void;
}

/** One websocket that reconnects with backoff until stopped. */
export class Link {
  readonly backoff: Backoff;
  ws: WebSocket | null;
  isOpen: boolean;
  lastSeenMs: number;
  openedAtMs: number;
  private stopped: boolean;
  private reconnectTimer: NodeJS.Timeout | null;
  private stableTimer: NodeJS.Timeout | null;
  private closedWaiters: (() => void)[];
  private readonly urls: readonly string[];
  private readonly displayUrls: readonly string[];
  /** Which of `urls` the current or next connection uses. */
  private urlIndex: number;

  constructor(
    private readonly side: Side,
    url: string | readonly string[],
    displayUrl: string | readonly string[],
    private readonly wsOptions: WebSocket.ClientOptions,
    backoff: Partial<BackoffOptions>,
    private readonly stableAfterMs: number,
    private readonly hooks: LinkHooks,
    private readonly emit: (event: RunnerEvent) => void,
    private readonly onAttempt: () => void,
  ) {
    this.urls = typeof url === 'string' ? [url] : url;
    this.displayUrls = typeof displayUrl === 'string' ? [displayUrl] : displayUrl;
    if (this.urls.length === 0 || this.urls.length !== this.displayUrls.length) throw new RangeError('a link needs one or more URLs, each with its display form');
    this.urlIndex = 0;
    this.backoff = new Backoff({ ...PROVIDER_BACKOFF, ...backoff });
    this.ws = null;
    this.isOpen = false;
    this.lastSeenMs = 0;
    this.openedAtMs = 0;
    this.stopped = false;
    this.reconnectTimer = null;
    this.stableTimer = null;
    this.closedWaiters = [];
  }

  connect(): void {
    this.reconnectTimer = null;
    if (this.stopped) return;
    this.onAttempt();
    this.emit({ side: this.side, type: 'connecting', url: this.displayUrls[this.urlIndex]!, attempt: this.backoff.attempt });
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.urls[this.urlIndex]!, this.wsOptions);
    } catch (error) {
      this.emit({ side: this.side, type: 'socket-error', message: errorText(error) });
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.on('open', () => {
      if (this.ws !== ws) return;
      this.isOpen = true;
      this.lastSeenMs = Date.now();
      this.openedAtMs = this.lastSeenMs;
      this.emit({ side: this.side, type: 'open' });
      this.hooks.open(ws);
    });
    ws.on('message', (data, isBinary) => {
      if (this.ws !== ws) return;
      this.lastSeenMs = Date.now();
      this.hooks.message(data, isBinary);
    });
    ws.on('pong', () => {
      if (this.ws === ws) this.lastSeenMs = Date.now();
    });
    ws.on('ping', () => {
      if (this.ws === ws) this.lastSeenMs = Date.now();
    });
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      if (this.ws === ws) this.hooks.refused(res.statusCode ?? 0);
      // We listen, so ws leaves aborting to us: this emits 'error' then 'close'.
      ws.terminate();
    });
    ws.on('error', (error) => {
      if (this.ws === ws) this.emit({ side: this.side, type: 'socket-error', message: errorText(error) });
    });
    ws.on('close', (code, reason) => {
      if (this.ws !== ws) return;
      const wasOpen = this.isOpen;
      this.ws = null;
      this.isOpen = false;
      this.clearStable();
      this.emit({ side: this.side, type: 'disconnected', code, reason: reason.toString('utf8'), wasOpen });
      this.hooks.closed(wasOpen);
      for (const w of this.closedWaiters.splice(0)) w();
      if (!this.stopped) this.scheduleReconnect();
    });
  }

  /** The connection did what it is for (authenticated, accepted): if it stays up, reset the backoff. */
  markHealthy(): void {
    const ws = this.ws;
    this.clearStable();
    this.stableTimer = setTimeout(() => {
      this.stableTimer = null;
      if (this.ws === ws && this.isOpen) this.backoff.reset();
    }, this.stableAfterMs);
  }

  send(data: string | Uint8Array): boolean {
    const ws = this.ws;
    if (ws === null || !this.isOpen || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(data);
    return true;
  }

  /** Closes the current socket (a reconnect follows unless stopped). */
  drop(code = 1000, reason = ''): void {
    const ws = this.ws;
    if (ws === null) return;
    if (ws.readyState === WebSocket.OPEN) ws.close(code, reason);
    else ws.terminate();
    // A peer that does not answer the closing handshake must not hold us.
    const t = setTimeout(() => {
      if (this.ws === ws) ws.terminate();
    }, 1000);
    t.unref();
  }

  kill(): void {
    this.ws?.terminate();
  }

  /** Stops reconnecting and closes; resolves once the socket is closed. */
  stop(reason: string): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.clearStable();
    if (this.ws === null) return Promise.resolve();
    const closed = new Promise<void>((resolve) => this.closedWaiters.push(resolve));
    this.drop(1000, reason);
    return closed;
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer !== null) return;
    this.urlIndex = (this.urlIndex + 1) % this.urls.length;
    const step = this.backoff.next();
    this.emit({ side: this.side, type: 'reconnect-scheduled', ...step });
    this.reconnectTimer = setTimeout(() => this.connect(), step.delayMs);
  }

  private clearStable(): void {
    if (this.stableTimer !== null) clearTimeout(this.stableTimer);
    this.stableTimer = null;
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
