/**
 * Pieces both transports must agree on byte for byte: sub-protocol choice, close-code rules, HTTP status
 * lines, body limits and the 500 fallback. Keeping them here is what makes the two implementations pass
 * one contract suite instead of two slightly different ones.
 */
import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { createSecureContext } from 'node:tls';

import { CloseCode } from '../../proto/codes.ts';
import { SUBPROTOCOL_JSON, SUBPROTOCOL_PROTO, type WireFormat } from '../../proto/wire-format.ts';
import { HashcapError, HashcapErrorCode } from '../errors.ts';
import {
  type HttpHandler,
  type HttpRequest,
  type HttpResponse,
  type TlsFiles,
  type UpgradeDecision,
  type UpgradeRequest,
  type WebSocketHandlers,
} from './types.ts';

export const SHUTDOWN_CODE = CloseCode.GoingAway;
export const SHUTDOWN_REASON = 'server shutting down';
export const MESSAGE_TOO_BIG_CODE = CloseCode.TooBig;
export const MESSAGE_TOO_BIG_REASON = 'message too big';
/**
 * How far past `hardBackpressureBytes` a direct send (ack, snapshot, notice) may still queue. A
 * connection cut off from its topics for being over the limit must still get its `closing` notice.
 */
export const CONTROL_HEADROOM_BYTES = 1024 * 1024;
/** RFC 6455 §5.5: a control frame payload is ≤ 125 bytes, 2 of which carry the code. */
const MAX_CLOSE_REASON_BYTES = 123;

export interface SubprotocolChoice {
  readonly format: WireFormat;
  /** The protocol to echo in `Sec-WebSocket-Protocol`, or null to send no header. */
  readonly protocol: string | null;
}

const NO_PROTOCOL: SubprotocolChoice = { format: 'proto', protocol: null };

/** Splits a `Sec-WebSocket-Protocol` request header ("a, b,c") into its tokens, in client order. */
export function parseProtocolHeader(header: string | undefined): string[] {
  if (header === undefined || header === '') return [];
  return header
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '');
}

/**
 * First offered protocol we support wins. Nothing offered, or nothing we support offered: proto and no
 * response header. In the second case standards-following clients (browsers, `ws`) abort the handshake
 * themselves because their offer was not echoed; we still accept so lenient clients keep working.
 */
export function chooseSubprotocol(offered: Iterable<string>): SubprotocolChoice {
  for (const protocol of offered) {
    if (protocol === SUBPROTOCOL_PROTO) return { format: 'proto', protocol };
    if (protocol === SUBPROTOCOL_JSON) return { format: 'json', protocol };
  }
  return NO_PROTOCOL;
}

/** "404 Not Found": uWS wants the whole status line, and unknown codes still need a reason phrase. */
export function statusLine(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? 'Unknown'}`;
}

/** Codes an endpoint may put in a close frame (RFC 6455 §7.4; 1004–1006 and 1015 are reserved). */
export function isSendableCloseCode(code: number): boolean {
  if (!Number.isInteger(code)) return false;
  if (code >= 3000 && code <= 4999) return true;
  return code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006;
}

export function assertSendableCloseCode(code: number): void {
  if (!isSendableCloseCode(code)) {
    throw new HashcapError(HashcapErrorCode.TRANSPORT_BAD_CLOSE_CODE, `websocket close code ${code} cannot be sent`);
  }
}

/** Cuts a close reason to 123 bytes of UTF-8 without splitting a character. */
export function truncateCloseReason(reason: string): string {
  if (Buffer.byteLength(reason) <= MAX_CLOSE_REASON_BYTES) return reason;
  let bytes = 0;
  let end = 0;
  for (const char of reason) {
    bytes += Buffer.byteLength(char);
    if (bytes > MAX_CLOSE_REASON_BYTES) break;
    end += char.length;
  }
  return reason.slice(0, end);
}

const ACCEPT: UpgradeDecision = { ok: true };
const UPGRADE_FAILED: UpgradeDecision = { ok: false, status: 500, message: 'internal error' };

/**
 * Runs the path's authorize hook; a hook that throws (or rejects) refuses with 500 rather than tearing
 * the socket down. A hook that answers at once is answered at once: only an asynchronous one (a token
 * to verify) costs the upgrade a turn of the event loop.
 */
export function decideUpgrade(handlers: WebSocketHandlers, req: UpgradeRequest): UpgradeDecision | Promise<UpgradeDecision> {
  if (handlers.authorize === undefined) return ACCEPT;
  try {
    const decision = handlers.authorize(req);
    return decision instanceof Promise ? decision.catch(() => UPGRADE_FAILED) : decision;
  } catch {
    return UPGRADE_FAILED;
  }
}

/**
 * The certificate and key as PEM, checked by building a TLS context from them, so a wrong file is a
 * TLS_CONFIG error naming it at start on either transport (uWS would only log and serve nothing).
 */
export function readTlsFiles(tls: TlsFiles): { readonly cert: Buffer; readonly key: Buffer } {
  const read = (file: string, what: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new HashcapError(HashcapErrorCode.TLS_CONFIG, `${what} ${file} cannot be read: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const cert = read(tls.certFile, 'TLS certificate');
  const key = read(tls.keyFile, 'TLS key');
  try {
    createSecureContext({ cert, key });
  } catch (err) {
    // OpenSSL's text names the problem (no start line, key values mismatch), never the key's bytes.
    const why = err instanceof Error ? err.message : String(err);
    throw new HashcapError(HashcapErrorCode.TLS_CONFIG, `TLS certificate ${tls.certFile} and key ${tls.keyFile} do not make a TLS context: ${why}`);
  }
  return { cert, key };
}

/** The HTTP answer to a refused upgrade: plain text, or for a limit the Error as JSON with Retry-After. */
export function upgradeRefusal(decision: Extract<UpgradeDecision, { ok: false }>): { status: number; headers: Array<[string, string]>; body: string } {
  if (decision.code === undefined) return { status: decision.status, headers: [['content-type', 'text/plain; charset=utf-8']], body: decision.message };
  const retryAfterMs = decision.retryAfterMs ?? 0;
  const headers: Array<[string, string]> = [['content-type', 'application/json; charset=utf-8']];
  if (retryAfterMs > 0) headers.push(['retry-after', String(Math.ceil(retryAfterMs / 1000))]);
  return { status: decision.status, headers, body: JSON.stringify({ code: decision.code, message: decision.message, retryAfterMs }) };
}

export const TOO_LARGE_RESPONSE: HttpResponse = {
  status: 413,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: 'request body too large',
};

export const INTERNAL_ERROR_RESPONSE: HttpResponse = {
  status: 500,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: 'internal error',
};

/** Awaits the HTTP handler; a throw or rejection becomes a 500 so one bad request never stops the server. */
export async function runHttpHandler(handler: HttpHandler, req: HttpRequest): Promise<HttpResponse> {
  try {
    const response = await handler(req);
    return isValidStatus(response.status) && hasSafeHeaders(response) ? response : INTERNAL_ERROR_RESPONSE;
  } catch {
    return INTERNAL_ERROR_RESPONSE;
  }
}

const UNSAFE_HEADER_TEXT = /[\r\n\0]/;

/** uWS writes header text verbatim: a CR or LF in a handler's header would split the response. */
function hasSafeHeaders(response: HttpResponse): boolean {
  if (response.headers === undefined) return true;
  return Object.entries(response.headers).every(([name, value]) => !UNSAFE_HEADER_TEXT.test(name) && !UNSAFE_HEADER_TEXT.test(value));
}

export function isValidStatus(status: number): boolean {
  return Number.isInteger(status) && status >= 200 && status <= 599;
}

/** Headers the transport computes itself; a handler-supplied value would corrupt the framing. */
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection']);

export function responseHeaderEntries(response: HttpResponse): Array<[string, string]> {
  if (response.headers === undefined) return [];
  return Object.entries(response.headers).filter(([name]) => !FRAMING_HEADERS.has(name.toLowerCase()));
}

/** "/v1/stream?x=1" → path and query, without normalising the path (uWS does not either). */
export function splitUrl(url: string): { path: string; query: URLSearchParams } {
  const mark = url.indexOf('?');
  if (mark === -1) return { path: url, query: new URLSearchParams() };
  return { path: url.slice(0, mark), query: new URLSearchParams(url.slice(mark + 1)) };
}

/** Handlers for an exact websocket path; own properties only, so "/constructor" is not a route. */
export function handlersFor(
  websockets: Readonly<Record<string, WebSocketHandlers>>,
  path: string,
): WebSocketHandlers | undefined {
  return Object.hasOwn(websockets, path) ? websockets[path] : undefined;
}

/** Joins body chunks that were already copied out of their transport buffers. */
export function concatChunks(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * Connections cut off from their topics for being past the hard limit (a frame not delivered, counted
 * in `dropped`). Each is reported once to `report`, after the current turn of the event loop: never
 * from inside a publish, whose loop over subscribers must not see its members' handlers run.
 */
export class OverflowReporter<C extends { overflowed: boolean }> {
  dropped = 0;
  private readonly pending: C[] = [];
  private scheduled = false;
  private readonly report: (conn: C) => void;
  private readonly flushBound: () => void;

  constructor(report: (conn: C) => void) {
    this.report = report;
    this.flushBound = () => this.flush();
  }

  /** Counts `frames` not delivered to `conn`; true the first time, when the caller detaches it from its topics. */
  cutOff(conn: C, frames: number): boolean {
    this.dropped += frames;
    if (conn.overflowed) return false;
    conn.overflowed = true;
    this.pending.push(conn);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flushBound);
    }
    return true;
  }

  private flush(): void {
    this.scheduled = false;
    for (const conn of this.pending.splice(0)) this.report(conn);
  }
}
