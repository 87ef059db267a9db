/**
 * One interface for both websocket servers (uWebSockets.js and ws). The gateway and ingest code talk
 * only to this; both implementations pass the same contract suite (test/integration/transport.*).
 */

import type { WireFormat } from '../../proto/wire-format.ts';
import type { LatencyHistogram } from '../http/latency-histogram.ts';

/** Result of a send, as uWS reports it (ws reports Sent or Backpressure). */
export const SendStatus = {
  /** Written or queued below the backpressure limit. */
  Sent: 0,
  /** Queued, but the connection's buffer is building up: slow down. */
  Backpressure: 1,
  /** Not sent: the connection is over its hard backpressure limit or closed. */
  Dropped: 2,
} as const;
export type SendStatus = (typeof SendStatus)[keyof typeof SendStatus];

export interface UpgradeRequest {
  readonly path: string;
  readonly query: URLSearchParams;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly remoteAddress: string;
}

export type UpgradeDecision =
  /** `user` (e.g. the authenticated publisher) becomes `conn.user` before `open` runs. */
  | { readonly ok: true; readonly user?: unknown }
  | {
      readonly ok: false;
      readonly status: number;
      readonly message: string;
      /**
       * A limit's refusal: the body becomes `{"code", "message", "retryAfterMs"}` (a protocol Error in its
       * JSON mapping) and `Retry-After` carries the wait in whole seconds.
       */
      readonly code?: number;
      readonly retryAfterMs?: number;
    };

export interface Connection {
  /** Unique per transport instance, increasing. */
  readonly id: number;
  /** The websocket path it connected to, e.g. "/v1/stream". */
  readonly path: string;
  /** Chosen from the offered sub-protocols; proto when none was offered. */
  readonly format: WireFormat;
  readonly remoteAddress: string;
  readonly query: URLSearchParams;
  /** Binary frame for bytes, text frame for a string. Never throws (a closed connection: Dropped). */
  send(data: Uint8Array | string): SendStatus;
  /** Bytes queued for this connection and not yet written to the socket (frames still held by the write window not counted). */
  bufferedAmount(): number;
  /** Joins a topic: `Transport.publish(topic, …)` reaches it from now on. Idempotent. */
  subscribe(topic: string): void;
  unsubscribe(topic: string): void;
  isSubscribed(topic: string): boolean;
  /**
   * Closes with a websocket close code (1000, 4xxx) and a reason (≤ 123 bytes of UTF-8). The close frame
   * is queued behind whatever this connection still has buffered.
   */
  close(code: number, reason: string): void;
  /** Drops the TCP connection now, without a close frame and discarding anything still buffered. */
  terminate(): void;
  readonly closed: boolean;
  /** Taken out of every topic by the transport for being past the hard limit (`overflow` reports it). */
  readonly overflowed: boolean;
  /** State owned by whoever handles this path (the gateway's per-connection session). */
  user: unknown;
}

export interface WebSocketHandlers {
  /**
   * Before the upgrade: refuse with an HTTP status (e.g. 401 without a valid publisher token). May
   * answer later (a token signature to verify); the socket waits, and one that goes away meanwhile is
   * never upgraded.
   */
  authorize?(req: UpgradeRequest): UpgradeDecision | Promise<UpgradeDecision>;
  open(conn: Connection): void;
  /** `data` is the handler's own copy: it may be kept across awaits. */
  message(conn: Connection, data: Uint8Array, isBinary: boolean): void;
  /** The connection's buffer drained below the backpressure limit. */
  drain?(conn: Connection): void;
  /**
   * A frame could not be delivered to this connection (its queue was past the hard limit). The
   * transport has already taken it out of every topic, so it has no hole in its stream: it received
   * every frame of its topics up to the first one it missed, and nothing after. Called once per
   * connection, outside publish, so the handler may send (direct sends have headroom past the limit).
   */
  overflow?(conn: Connection): void;
  close(conn: Connection, code: number, reason: string): void;
}

export interface HttpRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
  readonly remoteAddress: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: Uint8Array | string;
}

export type HttpHandler = (req: HttpRequest) => HttpResponse | Promise<HttpResponse>;

export interface TransportOptions {
  readonly host: string;
  /** 0 picks a free port; `listen()` returns the real one. */
  readonly port: number;
  /** Websocket handlers by exact path ("/v1/stream", "/v1/ingest"). Other upgrade paths get 404. */
  readonly websockets: Readonly<Record<string, WebSocketHandlers>>;
  /** Every plain HTTP request (any method, any path). */
  readonly http: HttpHandler;
  /** Hard limit on one incoming websocket message; larger closes the connection with 1009. */
  readonly maxPayloadBytes: number;
  /** Hard limit on one HTTP request body; larger gets 413. */
  readonly maxBodyBytes: number;
  /** Queue size past which sends report Backpressure (the gateway's ladder acts well before the hard limit). */
  readonly backpressureBytes: number;
  /**
   * A published frame is not delivered to a connection whose queue is past this: the transport counts
   * it in `sendsDropped`, takes the connection out of every topic and reports `overflow`. Direct sends
   * may go CONTROL_HEADROOM_BYTES further (so a connection cut off can still be told why) and are
   * Dropped, and counted, past that. The gateway's ladder acts long before either.
   */
  readonly hardBackpressureBytes: number;
  /** Idle connections (no data, no pong) are closed after this many seconds; 0 disables. */
  readonly idleTimeoutSeconds: number;
  /**
   * Share the port with other processes (SO_REUSEPORT: the kernel spreads connections among them), for
   * several gateways on one machine. Off, a taken port is an error.
   */
  readonly reusePort?: boolean;
  /**
   * Published frames are written to each subscriber at most once per this many ms (0, the default: once
   * per event-loop turn), all frames of the window in one write. Who receives a frame is still decided
   * when it is published, and a direct send or close writes what is pending first, so order is kept.
   */
  readonly writeWindowMs?: number;
  /**
   * Under load the window stretches up to this (server/transport/write-window.ts: by event-loop
   * utilisation), so more frames share a write; a quiet server keeps `writeWindowMs`. Absent or not
   * above `writeWindowMs`: a fixed window.
   */
  readonly writeWindowMaxMs?: number;
  /** Serve https:// and wss:// with this certificate (PEM files); absent: plain http:// and ws://. */
  readonly tls?: TlsFiles;
}

export interface TlsFiles {
  /** PEM certificate chain, leaf first. */
  readonly certFile: string;
  /** PEM private key of the leaf certificate. */
  readonly keyFile: string;
}

export interface Transport {
  readonly name: 'uws' | 'ws';
  listen(): Promise<{ readonly port: number }>;
  /**
   * Sends the same bytes to every connection subscribed to `topic`. The caller encodes once; the
   * transport never re-encodes or copies per subscriber beyond what its socket writes need.
   */
  publish(topic: string, data: Uint8Array | string): void;
  subscriberCount(topic: string): number;
  readonly connectionCount: number;
  /** Frames not delivered since start: publishes past the hard limit, direct sends past it plus headroom. */
  readonly sendsDropped: number;
  /** Published → written to the subscribers' sockets, per frame (see each transport for where "written" is measured). */
  readonly writeLatency: LatencyHistogram;
  /** The write window in force, ms (0: none); it stretches under load (see `writeWindowMaxMs`). */
  readonly writeWindowMs: number;
  /** Stops listening and closes every connection (1001, "server shutting down"). */
  close(): Promise<void>;
}

export type TransportKind = 'uws' | 'ws';
