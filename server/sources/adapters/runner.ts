/**
 * The adapter's connection loop: one websocket to the provider, one to hashcap's `/v1/ingest`, each
 * reconnecting on its own (link.ts) with full-jitter exponential backoff (the SDK's, client/sdk/backoff.ts).
 *
 * Provider side: open → (greeting → send auth →) authenticated → subscribe to every symbol, again on
 * every new connection (resubscribe). A refused login (`auth-failed`, or HTTP 401/403 at the upgrade)
 * closes the socket and retries under the same backoff, which only resets once a connection has stayed
 * authenticated for `stableAfterMs`, so a bad key or a provider that drops us right after login
 * cannot make the loop spin. No greeting/authentication within `authTimeoutMs`, or no frame (not
 * even a pong to our pings) within `idleTimeoutMs`, counts as a dead connection.
 *
 * Hashcap side: ticks are queued and sent as IngestBatches every `batchIntervalMs`, or as soon as
 * `maxBatchTicks` are waiting; at most `maxInflightBatches` await their IngestReply. While hashcap is
 * unreachable ticks wait in the queue (oldest dropped beyond `maxPendingTicks`, counted). Batches sent
 * but not acknowledged when the connection drops are sent again after reconnecting, in order: the gate
 * refuses a tick it already applied as DUPLICATE_SEQ (counted, harmless), since every trade carries a
 * seq. The publisher token goes in an `Authorization: Bearer` header, never in the URL. With several
 * hashcap URLs (an active aggregator and its standbys), a refused upgrade (HTTP 503 from a standby) or a
 * NOT_ACTIVE reply (the aggregator stepped down) moves on to the next URL, and the batch is sent again there;
 * so does LOG_UNAVAILABLE (nothing was applied), to the same URL when there is one.
 *
 * Everything that happens is an event (`onEvent`) and a counter (`stats()`); `stop()` sends what is
 * queued (for up to `drainMs`), closes both sockets and stops every timer.
 */
import type { RawData } from 'ws';
import type { hashcap } from '../../../proto/wire.ts';
import { HashcapError, HashcapErrorCode } from '../../errors.ts';
import { decodeIngestReply, encodePublisherMessage } from '../../tick/codec.ts';
import type { BackoffOptions } from '../../../client/sdk/backoff.ts';
import { TICK_QUOTE, TICK_TRADE, type Tick } from '../../tick/tick.ts';
import { errorText, Link } from './link.ts';
import { IngestReason } from '../../ingest/reasons.ts';
import { PublishQueue, type SendBatch } from './publish-queue.ts';
import type { ProviderAdapter, ProviderEvent } from './provider.ts';
import { emptyStats, type RunnerEvent, type RunnerStats } from './runner-stats.ts';
import { errorFields, logger } from '../../log.ts';

export type { RunnerEvent, RunnerStats, Side } from './runner-stats.ts';

export interface RunnerOptions {
  readonly adapter: ProviderAdapter;
  /** Symbols to subscribe to (deduplicated, order kept). */
  readonly symbols: readonly string[];
  /**
   * The hashcap server: `ws(s)://host:port`, `http(s)://…` (becomes ws(s)), with or without `/v1/ingest`;
   * or one per aggregator (active and standbys), tried in turn.
   */
  readonly hashcapUrl: string | readonly string[];
  readonly hashcapToken: string;
  /** Send what is queued at least this often. Default 100 ms. */
  readonly batchIntervalMs?: number;
  /** Ticks per IngestBatch; a full batch is sent at once. Default 500. */
  readonly maxBatchTicks?: number;
  /** Batches awaiting their reply at most. Default 8. */
  readonly maxInflightBatches?: number;
  /** Queue limit while hashcap is unreachable; the oldest ticks go first. Default 200,000. */
  readonly maxPendingTicks?: number;
  /** Backoff for both connections (each has its own state). Default: PROVIDER_BACKOFF. */
  readonly backoff?: Partial<BackoffOptions>;
  /** A connection that stayed up (and authenticated) this long resets its backoff. Default 10 s. */
  readonly stableAfterMs?: number;
  /** Greeting + authentication must complete within this. Default 10 s. */
  readonly authTimeoutMs?: number;
  /** No frame in this long (we ping at half of it) → reconnect. Default 30 s. */
  readonly idleTimeoutMs?: number;
  /** A batch unanswered this long → reconnect hashcap. Default 15 s. */
  readonly replyTimeoutMs?: number;
  /** IngestBatch encoding. Default 'proto'. */
  readonly format?: 'proto' | 'json';
  readonly onEvent?: (event: RunnerEvent) => void;
}

export const INGEST_PATH = '/v1/ingest';

/** The `/v1/ingest` websocket URL of a hashcap server given as ws(s):// or http(s)://, path optional. */
export function ingestUrlOf(base: string): string {
  let u: URL;
  try {
    u = new URL(base);
  } catch {
    throw new HashcapError(HashcapErrorCode.ADAPTER_CONFIG, `hashcap URL ${JSON.stringify(base)} is not a URL (expected e.g. ws://localhost:8080)`);
  }
  if (u.protocol === 'http:') u.protocol = 'ws:';
  else if (u.protocol === 'https:') u.protocol = 'wss:';
  if (u.protocol !== 'ws:' && u.protocol !== 'wss:') {
    throw new HashcapError(HashcapErrorCode.ADAPTER_CONFIG, `hashcap URL ${JSON.stringify(base)} must start with ws://, wss://, http:// or https://`);
  }
  if (!u.pathname.endsWith(INGEST_PATH)) u.pathname = u.pathname.replace(/\/+$/, '') + INGEST_PATH;
  return u.toString();
}

export class AdapterRunner {
  readonly adapter: ProviderAdapter;
  readonly symbols: readonly string[];
  readonly ingestUrl: string;
  readonly ingestUrls: readonly string[];

  private readonly provider: Link;
  private readonly hashcap: Link;
  private readonly onEvent: (event: RunnerEvent) => void;
  private readonly batchIntervalMs: number;
  private readonly maxBatchTicks: number;
  private readonly maxInflight: number;
  private readonly maxPending: number;
  private readonly authTimeoutMs: number;
  private readonly idleTimeoutMs: number;
  private readonly replyTimeoutMs: number;
  private readonly format: 'proto' | 'json';
  private readonly counters: RunnerStats;

  private readonly queue: PublishQueue;
  private readonly sendBatchBound: SendBatch;
  private authSent: boolean;
  private authenticated: boolean;
  private authTimer: NodeJS.Timeout | null;
  private timers: NodeJS.Timeout[];
  private started: boolean;
  private stopping: Promise<RunnerStats> | null;

  constructor(options: RunnerOptions) {
    const symbols = [...new Set(options.symbols)];
    if (symbols.length === 0) throw new HashcapError(HashcapErrorCode.ADAPTER_CONFIG, 'no symbols to subscribe to');
    if (options.hashcapToken === '') throw new HashcapError(HashcapErrorCode.ADAPTER_CONFIG, 'the hashcap ingest token is empty');
    this.adapter = options.adapter;
    this.symbols = symbols;
    this.ingestUrls = (typeof options.hashcapUrl === 'string' ? [options.hashcapUrl] : options.hashcapUrl).map(ingestUrlOf);
    if (this.ingestUrls.length === 0) throw new HashcapError(HashcapErrorCode.ADAPTER_CONFIG, 'no hashcap URL');
    this.ingestUrl = this.ingestUrls[0]!;
    this.onEvent = options.onEvent ?? (() => {});
    this.batchIntervalMs = positive('batchIntervalMs', options.batchIntervalMs ?? 100);
    this.maxBatchTicks = positive('maxBatchTicks', options.maxBatchTicks ?? 500);
    this.maxInflight = positive('maxInflightBatches', options.maxInflightBatches ?? 8);
    this.maxPending = positive('maxPendingTicks', options.maxPendingTicks ?? 200_000);
    this.authTimeoutMs = positive('authTimeoutMs', options.authTimeoutMs ?? 10_000);
    this.idleTimeoutMs = positive('idleTimeoutMs', options.idleTimeoutMs ?? 30_000);
    this.replyTimeoutMs = positive('replyTimeoutMs', options.replyTimeoutMs ?? 15_000);
    const stableAfterMs = positive('stableAfterMs', options.stableAfterMs ?? 10_000);
    this.format = options.format ?? 'proto';
    this.counters = emptyStats();
    this.queue = new PublishQueue(this.maxBatchTicks, this.maxInflight, this.maxPending, this.counters.hashcap, (event) => this.emit(event));
    this.sendBatchBound = (batchId, ticks) => this.sendBatch(batchId, ticks);
    this.authSent = false;
    this.authenticated = false;
    this.authTimer = null;
    this.timers = [];
    this.started = false;
    this.stopping = null;

    const emit = (event: RunnerEvent) => this.emit(event);
    const backoff = options.backoff ?? {};
    this.provider = new Link(
      'provider',
      this.adapter.url,
      this.adapter.displayUrl,
      { handshakeTimeout: this.authTimeoutMs },
      backoff,
      stableAfterMs,
      {
        open: () => this.providerOpen(),
        message: (data) => this.providerMessage(data),
        refused: (status) => this.providerRefused(status),
        closed: (wasOpen) => this.providerClosed(wasOpen),
      },
      emit,
      () => this.counters.provider.attempts++,
    );
    this.hashcap = new Link(
      'hashcap',
      this.ingestUrls,
      this.ingestUrls,
      { handshakeTimeout: this.authTimeoutMs, headers: { authorization: `Bearer ${options.hashcapToken}` } },
      backoff,
      stableAfterMs,
      {
        open: () => this.hashcapOpen(),
        message: (data, isBinary) => this.hashcapMessage(data, isBinary),
        refused: (status) => this.hashcapRefused(status),
        closed: (wasOpen) => this.hashcapClosed(wasOpen),
      },
      emit,
      () => this.counters.hashcap.attempts++,
    );
  }

  /** Connects both sides. */
  start(): this {
    if (this.started) throw new HashcapError(HashcapErrorCode.ADAPTER_STATE, 'the runner was already started');
    this.started = true;
    this.timers.push(setInterval(() => this.flush(), this.batchIntervalMs));
    const tick = Math.max(10, Math.min(1000, Math.floor(Math.min(this.idleTimeoutMs, this.replyTimeoutMs) / 4)));
    this.timers.push(setInterval(() => this.housekeeping(), tick));
    this.hashcap.connect();
    this.provider.connect();
    return this;
  }

  /** A snapshot of the counters. */
  stats(): RunnerStats {
    const s = this.counters;
    return {
      provider: { ...s.provider },
      hashcap: { ...s.hashcap, rejectsByReason: { ...s.hashcap.rejectsByReason }, pending: this.queue.pendingTicks, inflight: this.queue.inflightTicks },
    };
  }

  /** Whether the provider connection is authenticated and subscribed. */
  get providerReady(): boolean {
    return this.provider.isOpen && this.authenticated;
  }

  get hashcapReady(): boolean {
    return this.hashcap.isOpen;
  }

  /**
   * Stops both loops: closes the provider socket, sends what is queued while hashcap is connected (for
   * up to `drainMs`), closes the hashcap socket. Idempotent; resolves with the final counters.
   */
  stop(drainMs = 2000): Promise<RunnerStats> {
    this.stopping ??= this.doStop(drainMs);
    return this.stopping;
  }

  private async doStop(drainMs: number): Promise<RunnerStats> {
    this.clearAuthTimer();
    await this.provider.stop('adapter stopping');
    const deadline = Date.now() + drainMs;
    while (this.hashcap.isOpen && !this.queue.idle && Date.now() < deadline) {
      this.flush();
      await new Promise((r) => setTimeout(r, 10));
    }
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.hashcap.stop('adapter stopping');
    const stats = this.stats();
    this.emit({ side: 'runner', type: 'stopped', stats });
    return stats;
  }

  // ---------------------------------------------------------------------------------------- provider

  private providerOpen(): void {
    this.counters.provider.opens++;
    this.authSent = false;
    this.authenticated = false;
    if (this.adapter.handshake === 'url') {
      this.providerEvent({ type: 'authenticated', message: 'credentials accepted at the upgrade' });
      return;
    }
    this.clearAuthTimer();
    this.authTimer = setTimeout(() => {
      this.authTimer = null;
      if (!this.authenticated && this.provider.isOpen) {
        this.emit({ side: 'provider', type: 'timeout', what: 'auth', afterMs: this.authTimeoutMs });
        this.provider.drop(1000, 'authentication timeout');
      }
    }, this.authTimeoutMs);
  }

  private providerMessage(data: RawData): void {
    this.counters.provider.frames++;
    const result = this.adapter.parse(rawText(data));
    for (const event of result.events) this.providerEvent(event);
    if (result.ticks.length > 0) {
      for (const t of result.ticks) {
        if (t.kind === TICK_TRADE) this.counters.provider.trades++;
        else if (t.kind === TICK_QUOTE) this.counters.provider.quotes++;
        else this.counters.provider.corrections++;
      }
      this.enqueue(result.ticks);
    }
  }

  private providerEvent(event: ProviderEvent): void {
    const c = this.counters.provider;
    switch (event.type) {
      case 'connected':
        if (this.adapter.handshake === 'greeting' && !this.authSent) {
          const auth = this.adapter.authMessage();
          if (auth !== null) this.provider.send(auth);
          this.authSent = true;
        }
        break;
      case 'authenticated':
        if (this.authenticated) break;
        this.authenticated = true;
        c.authenticated++;
        this.clearAuthTimer();
        this.emit({ side: 'provider', ...event });
        this.subscribe();
        this.provider.markHealthy();
        return;
      case 'auth-failed':
        c.authFailures++;
        this.emit({ side: 'provider', ...event });
        this.provider.drop(1000, 'authentication failed');
        return;
      case 'subscribed':
        c.subscribeAcks++;
        break;
      case 'error':
        c.errors++;
        break;
      case 'ping':
        c.pings++;
        break;
      case 'malformed':
        c.malformed++;
        break;
      case 'unhandled':
        c.unhandled++;
        break;
    }
    this.emit({ side: 'provider', ...event });
  }

  private subscribe(): void {
    const frames = this.adapter.subscribeMessages(this.symbols);
    for (const frame of frames) this.provider.send(frame);
    this.counters.provider.subscribesSent++;
    this.emit({ side: 'provider', type: 'subscribe-sent', symbols: this.symbols, frames: frames.length });
  }

  private providerRefused(status: number): void {
    if (status === 401 || status === 403) {
      this.providerEvent({ type: 'auth-failed', code: status, message: `the provider refused the connection: HTTP ${status} (check the credentials)` });
    } else {
      this.emit({ side: 'provider', type: 'socket-error', message: `the provider answered the upgrade with HTTP ${status}` });
    }
  }

  private providerClosed(wasOpen: boolean): void {
    if (wasOpen) this.counters.provider.disconnects++;
    this.clearAuthTimer();
    this.authenticated = false;
    this.authSent = false;
  }

  private clearAuthTimer(): void {
    if (this.authTimer !== null) clearTimeout(this.authTimer);
    this.authTimer = null;
  }

  // ---------------------------------------------------------------------------------------- hashcap

  private enqueue(ticks: readonly Tick[]): void {
    if (this.queue.enqueue(ticks)) this.flush();
  }

  private flush(): void {
    this.queue.flush(this.hashcap.isOpen, this.sendBatchBound);
  }

  private sendBatch(batchId: number, ticks: Tick[]): 'sent' | 'blocked' | 'dropped' {
    let data: string | Uint8Array;
    try {
      data = encodePublisherMessage({ batch: { batchId, ticks: ticks as hashcap.v1.ITick[] } }, this.format);
    } catch (error) {
      // Cannot happen with ticks from our parsers; never lose the loop over it.
      this.emit({ side: 'hashcap', type: 'batch-error', batchId, code: 0, message: `could not encode the batch: ${errorText(error)}` });
      return 'dropped';
    }
    return this.hashcap.send(data) ? 'sent' : 'blocked';
  }

  private hashcapOpen(): void {
    this.counters.hashcap.opens++;
    this.hashcap.markHealthy();
    this.flush();
  }

  private hashcapMessage(data: RawData, isBinary: boolean): void {
    let reply: hashcap.v1.IngestReply;
    try {
      // Replies come in the format of the batch: protobuf (binary) or JSON (text).
      const proto = isBinary && rawBytes(data)[0] !== 0x7b;
      reply = decodeIngestReply(proto ? rawBytes(data) : rawText(data), proto ? 'proto' : 'json');
    } catch (error) {
      this.emit({ side: 'hashcap', type: 'bad-reply', message: errorText(error) });
      return;
    }
    const c = this.counters.hashcap;
    const batchId = Number(reply.batchId ?? 0);
    const code = reply.error?.code;
    if (code === IngestReason.NOT_ACTIVE || code === IngestReason.LOG_UNAVAILABLE) {
      // Nothing was applied (a standby, or the quote log unavailable): the batch stays in flight, is requeued
      // on close, and is sent again after the reconnect, to the next URL.
      this.emit({ side: 'hashcap', type: 'batch-error', batchId, code, message: reply.error?.message ?? '' });
      this.hashcap.drop(1000, 'standby');
      return;
    }
    this.queue.acknowledge(batchId);
    const error = reply.error;
    if (error != null && (error.code ?? 0) !== 0) {
      c.batchErrors++;
      this.emit({ side: 'hashcap', type: 'batch-error', batchId, code: error.code ?? 0, message: error.message ?? '' });
    }
    c.accepted += reply.accepted ?? 0;
    const rejected = reply.rejected ?? [];
    if (rejected.length > 0) {
      c.rejected += rejected.length;
      const byReason: Record<string, number> = {};
      for (const r of rejected) {
        const name = r.reasonName || String(r.reason ?? 0);
        byReason[name] = (byReason[name] ?? 0) + 1;
        c.rejectsByReason[name] = (c.rejectsByReason[name] ?? 0) + 1;
      }
      const sample = rejected.slice(0, 3).map((r) => `${r.symbol ?? ''} ${r.reasonName ?? r.reason}: ${r.detail ?? ''}`);
      this.emit({ side: 'hashcap', type: 'rejected', batchId, count: rejected.length, byReason, sample });
    }
    this.flush();
  }

  private hashcapRefused(status: number): void {
    if (status === 401 || status === 403) {
      this.counters.hashcap.authFailures++;
      this.emit({
        side: 'hashcap',
        type: 'auth-failed',
        code: status,
        message: `hashcap refused the publisher token: HTTP ${status} (check HASHCAP_INGEST_TOKEN against the server's --token)`,
      });
    } else {
      this.emit({ side: 'hashcap', type: 'socket-error', message: `hashcap answered the upgrade with HTTP ${status}` });
    }
  }

  private hashcapClosed(wasOpen: boolean): void {
    if (wasOpen) this.counters.hashcap.disconnects++;
    this.queue.requeueInflight();
  }

  // ---------------------------------------------------------------------------------------- both

  private housekeeping(): void {
    const now = Date.now();
    for (const link of [this.provider, this.hashcap]) {
      if (!link.isOpen) continue;
      const quiet = now - link.lastSeenMs;
      if (quiet > this.idleTimeoutMs) {
        this.emit({ side: link === this.provider ? 'provider' : 'hashcap', type: 'timeout', what: 'idle', afterMs: quiet });
        link.kill();
      } else if (quiet > this.idleTimeoutMs / 2) {
        link.ws?.ping();
      }
    }
    if (this.hashcap.isOpen) {
      const oldest = this.queue.oldestSentAtMs();
      if (oldest !== null && now - oldest > this.replyTimeoutMs) {
        this.emit({ side: 'hashcap', type: 'timeout', what: 'reply', afterMs: now - oldest });
        this.hashcap.kill();
      }
    }
  }

  private emit(event: RunnerEvent): void {
    try {
      this.onEvent(event);
    } catch (error) {
      // A listener's bug must not break the connection loop.
      logger().error(errorFields(error), 'adapter: onEvent threw');
    }
  }
}

function positive(name: string, value: number): number {
  if (!(typeof value === 'number' && value > 0 && Number.isFinite(value))) {
    throw new HashcapError(HashcapErrorCode.ADAPTER_CONFIG, `${name} must be a positive number, got ${String(value)}`);
  }
  return value;
}

function rawBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

function rawText(data: RawData): string {
  const bytes = rawBytes(data);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
