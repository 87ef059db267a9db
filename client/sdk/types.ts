/**
 * The public surface of the TypeScript SDK (`@hashcap/client`): one implementation for browsers and
 * Node. Bots and the ticker page depend on these types only.
 */
import type { hashcap } from '../../proto/wire.ts';

export type ChannelState = hashcap.v1.IChannelState;
export type Rate = 0 | 100 | 1000;
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/**
 * A handler slot both the DOM's WebSocket and `ws` fit: their event types differ, so the parameter is
 * checked bivariantly (method syntax) instead of strictly, which would reject both.
 */
type Handler<E> = { bivarianceHack(ev: E): void }['bivarianceHack'];

/** A WebSocket constructor: the browser's global, or `ws` in Node. */
export interface WebSocketLike {
  readonly readyState: number;
  readonly protocol: string;
  binaryType: string;
  /** `Uint8Array<ArrayBuffer>`: the DOM's send does not take views of a SharedArrayBuffer. */
  send(data: Uint8Array<ArrayBuffer> | string): void;
  close(code?: number, reason?: string): void;
  onopen: Handler<unknown> | null;
  onclose: Handler<{ code: number; reason: string }> | null;
  onerror: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
}
export type WebSocketFactory = new (url: string, protocols?: string | string[]) => WebSocketLike;

export interface HashcapClientOptions {
  /** Server base URL (http://host:port) or the stream URL (ws://host:port/v1/stream). */
  readonly url: string;
  /** Wire format: binary protobuf (default) or JSON. */
  readonly format?: 'proto' | 'json';
  /** WebSocket implementation; defaults to globalThis.WebSocket (browsers, Node ≥ 22). */
  readonly WebSocket?: WebSocketFactory;
  /**
   * Full-jitter exponential backoff between reconnects: attempt n waits random(minMs, min(maxMs, baseMs·2^n)),
   * defaults 250 ms, 10 s and a floor of 100 ms; options that would retry at once throw a RangeError.
   */
  readonly reconnect?: { readonly baseMs?: number; readonly maxMs?: number; readonly minMs?: number; readonly enabled?: boolean };
  /** A channel with no data and no heartbeat for this long emits 'stale' (default 3000 ms). */
  readonly staleAfterMs?: number;
  /** Check keyframe checksums against the rebuilt state; a mismatch resyncs (default true). */
  readonly verifyChecksums?: boolean;
  /**
   * The subscriber token for a server run with `--auth required`: a string, or a function the client
   * calls again before every connect and reconnect, so a long-running bot always presents a fresh one
   * (it is sent as `?token=` on the stream URL, the one way a browser can). When the server says the
   * token is about to expire (notice `token_expiring`), the client moves to a new connection with a
   * new token before the deadline and resumes every subscription from its last seq.
   */
  readonly token?: string | TokenProvider;
}

/** Returns a current token (e.g. fetched from the operator's token service). A throw or rejection is an 'error' event and a retry with backoff. */
export type TokenProvider = () => string | Promise<string>;

export interface SnapshotEvent {
  readonly channel: string;
  readonly conflateMs: Rate;
  readonly epoch: number;
  readonly seq: number;
  readonly state: ChannelState;
  /** false when a resume could not be served from history (a fresh state replaced the old one). */
  readonly recovered: boolean;
}

export interface DeltaEvent {
  readonly channel: string;
  readonly conflateMs: Rate;
  readonly seq: number;
  readonly changes: ChannelState;
  /** The state after applying the changes (the SDK's own object: read it, do not keep mutating it). */
  readonly state: ChannelState;
  readonly eventTimeMs: number;
  readonly sendTimeMs: number;
}

export interface HashcapEvents {
  snapshot: SnapshotEvent;
  delta: DeltaEvent;
  /** A seq was skipped: the SDK resumes that channel from its last seq. */
  gap: { readonly channel: string; readonly conflateMs: Rate; readonly expected: number; readonly received: number };
  /** A channel's state was replaced from the server (after a gap, a checksum mismatch, a new epoch, or an unrecoverable resume). */
  resync: { readonly channel: string; readonly conflateMs: Rate; readonly reason: 'gap' | 'checksum' | 'epoch' | 'unrecovered' };
  /** A keyframe's checksum matched the rebuilt state. */
  verified: { readonly channel: string; readonly conflateMs: Rate; readonly seq: number };
  reconnected: { readonly attempt: number; readonly downtimeMs: number };
  stale: { readonly channel: string; readonly conflateMs: Rate; readonly silentMs: number };
  /** A typed error from the server (ErrorCode, the README's table), or a local one (LOCAL_ERROR_CODE). */
  error: { readonly code: number; readonly message: string; readonly channel?: string; readonly requestId?: number };
  /** Server notices: slow-consumer warnings, reconnect advice, closing. */
  notice: hashcap.v1.INotice;
  state: { readonly state: ConnectionState };
}

export type Listener<T> = (event: T) => void;
