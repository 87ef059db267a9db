/**
 * The publisher endpoints: the `/v1/ingest` websocket (PublisherMessage in, IngestReply out, one for
 * one) and `POST /v1/quotes` (one IngestBatch per request). Both need a publisher token, from an
 * `Authorization: Bearer <token>` header or a `?token=` query parameter (browsers cannot set headers on
 * a websocket).
 *
 * Frames are decoded by their type, whatever sub-protocol the connection chose: a text frame is JSON,
 * a binary frame is protobuf — unless it starts with '{', which no PublisherMessage encoding can (that
 * would be field 15 as a group), so a JSON client that sends its text as a binary frame still works.
 * The reply is in the format the message was decoded as, so every client gets back what it speaks.
 * An undecodable message is answered with an error reply (3101) and the connection stays open.
 */
import { createHash, randomBytes } from 'node:crypto';
import { CloseCode } from '../../proto/codes.ts';
import type { hashcap } from '../../proto/wire.ts';
import { HashcapError, HashcapErrorCode } from '../errors.ts';
import type {
  Connection,
  HttpRequest,
  HttpResponse,
  UpgradeDecision,
  UpgradeRequest,
  WebSocketHandlers,
} from '../transport/types.ts';
import type { WireFormat } from '../../proto/wire-format.ts';
import { decodeIngestBatch, decodeIngestBatchInto, decodePublisherMessage, decodePublisherMessageInto, encodeIngestReply } from '../tick/codec.ts';
import type { TickInput } from '../tick/tick.ts';
import { bearerToken } from '../auth/bearer.ts';
import type { PublisherKeyring } from '../auth/publisher-keys.ts';
import type { ApplyResult } from './gate.ts';
import type { IngestPipeline } from './pipeline.ts';
import { IngestReason } from './reasons.ts';
import { errorFields, logger } from '../log.ts';
import { PublisherRateLimiter } from '../limits/publisher-rate.ts';

export const INGEST_WS_PATH = '/v1/ingest';
export const INGEST_HTTP_PATH = '/v1/quotes';

/** Publisher tokens: a set of valid tokens, or a lookup from token to publisher id. */
export type TokenCheck = ReadonlySet<string> | ((token: string) => string | undefined);

/** A publisher's batch as received: its bytes, and what they are (for a log that keeps them as sent). */
export interface RawBatch {
  readonly bytes: Uint8Array | string;
  /** 'message': a PublisherMessage (websocket); 'batch': an IngestBatch (POST /v1/quotes). */
  readonly envelope: 'message' | 'batch';
  readonly format: WireFormat;
}

/** What a logged ingest (an aggregator's quote log, server/durability) answers for one batch. */
export interface LoggedResult {
  /** The gate's result once the batch is logged and applied; a batch error (LOG_UNAVAILABLE) when it was not logged. */
  readonly result: ApplyResult;
  readonly logged: boolean;
  /** With an error: when to try again. */
  readonly retryAfterMs?: number;
}

/**
 * A batch's way in when the server logs batches before applying them: the batch goes through the same
 * pipeline, after its log append. The raw bytes are only valid during the call (copy before any await).
 */
export type LoggedSubmit = (publisherId: string, ticks: readonly unknown[] | null, raw: RawBatch) => Promise<LoggedResult>;

export interface IngestEndpointOptions {
  /** Every accepted batch goes through it: the gate, the engine, then the recorder and the feed. */
  readonly pipeline: IngestPipeline;
  /**
   * With a set, a publisher's id is derived from its token (a hash prefix, so the token itself never
   * shows in metrics or logs); with a function, it is whatever the function returns.
   */
  readonly tokens: TokenCheck;
  /**
   * Publisher keys (`--publishers`): each batch is checked against its publisher's symbols before the
   * gate sees it (3110). `tokens` should then be `keyring.identify`, `batchRateFor` `keyring.rateOf`.
   */
  readonly keyring?: PublisherKeyring;
  /** Larger batches are refused whole (3102; HTTP 413). Default: the gate's maxBatchTicks. */
  readonly maxBatchTicks?: number;
  /** Batches per second per publisher (burst twice that), checked before decoding; 0 or absent = unlimited. */
  readonly batchesPerSecond?: number;
  /** A publisher's own batch rate where it has one (e.g. a publisher-keys file); undefined = batchesPerSecond. */
  readonly batchRateFor?: (publisherId: string) => number | undefined;
  readonly now?: () => number;
  /** Where a bug in the endpoint goes instead of the event loop. Default: the process's log (server/log.ts), level error. */
  readonly onError?: (error: unknown) => void;
  /** With a quote log (an aggregator on Redis): batches are logged, then applied, then acknowledged. */
  readonly submit?: LoggedSubmit;
  /**
   * Asked before every batch and every websocket upgrade: null to go on, or why this server takes no
   * quotes now (a standby aggregator) — the batch is refused whole and changes nothing.
   */
  readonly admission?: () => IngestRefusal | null;
}

/** A whole-batch refusal that is not the batch's fault: HTTP 503 with Retry-After. */
export interface IngestRefusal {
  readonly code: IngestReason;
  readonly message: string;
  readonly retryAfterMs: number;
}

export interface IngestEndpoint {
  readonly websocket: WebSocketHandlers;
  /** Batches refused for rate since start (/metrics). */
  readonly rateLimited: () => number;
  handleHttp(req: HttpRequest): Promise<HttpResponse> | HttpResponse;
  /** Closes the open /v1/ingest connections of these publishers (a revoked key); returns how many. */
  disconnect(publisherIds: readonly string[], code: number, reason: string): number;
}

/** A new publisher token: 32 random bytes, base64url (43 characters). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The publisher id a token set gives a token: not the token, but stable for it. */
export function publisherIdOfToken(token: string): string {
  return `pub-${createHash('sha256').update(token).digest('hex').slice(0, 12)}`;
}

interface PublisherSession {
  readonly publisherId: string;
}

const PROTO_TYPES = new Set(['application/x-protobuf', 'application/protobuf']);
const JSON_TYPE = 'application/json';
const OPEN_BRACE = 0x7b;

export function createIngestEndpoint(options: IngestEndpointOptions): IngestEndpoint {
  const { pipeline } = options;
  const gate = pipeline.gate;
  const maxBatchTicks = options.maxBatchTicks ?? gate.maxBatchTicks;
  const onError = options.onError ?? ((error: unknown) => logger().error(errorFields(error), 'ingest: unexpected failure'));
  const resolve = tokenResolver(options.tokens);
  const keyring = options.keyring;
  const open = new Set<Connection>();
  const now = options.now ?? Date.now;
  const rate = new PublisherRateLimiter(options.batchesPerSecond ?? 0, options.batchRateFor);

  /** A refusal reply when `publisherId` is over its batch rate; null when the batch may go on. */
  function overRate(publisherId: string): hashcap.v1.IIngestReply | null {
    const retryAfterMs = rate.take(publisherId, now());
    if (retryAfterMs === 0) return null;
    gate.recordBatchError(IngestReason.PUBLISHER_RATE_LIMITED);
    const reply = errorReply(0, IngestReason.PUBLISHER_RATE_LIMITED, `more than ${rate.rateOf(publisherId)} batches per second from this publisher`);
    reply.error!.retryAfterMs = retryAfterMs;
    return reply;
  }
  const admission = options.admission ?? (() => null);
  /**
   * Protobuf batches are decoded straight into the gate's columns; publisher keys check the columns'
   * symbols. With a quote log the batch is then handed on as its bytes (`ticks` null): the columns are
   * the next batch's by the time the append is done, so the log decodes it again when it applies it.
   */
  const columnSymbol = (index: number): unknown => gate.input.symbolTexts[index];

  function publisherOf(headers: Readonly<Record<string, string>>, query: URLSearchParams): string | undefined {
    const token = tokenFrom(headers, query);
    return token === undefined ? undefined : resolve(token);
  }

  /**
   * Validates and applies one decoded batch: `ticks` as objects, or null when the batch was decoded
   * into the gate's columns (`gate.input`). The reply, whatever went wrong. Never throws (nor rejects).
   */
  function ingest(
    publisherId: string,
    batchId: number,
    decoded: readonly TickInput[] | null,
    raw: RawBatch,
  ): hashcap.v1.IIngestReply | Promise<hashcap.v1.IIngestReply> {
    const notAdmitted = admission();
    if (notAdmitted !== null) {
      gate.recordBatchError(notAdmitted.code);
      return errorReply(batchId, notAdmitted.code, notAdmitted.message, notAdmitted.retryAfterMs);
    }
    const count = decoded === null ? gate.input.length : decoded.length;
    if (count > maxBatchTicks) {
      gate.recordBatchError(IngestReason.BATCH_TOO_LARGE);
      return errorReply(batchId, IngestReason.BATCH_TOO_LARGE, `${count} ticks in one batch; the limit is ${maxBatchTicks}`);
    }
    const refusal =
      keyring === undefined
        ? null
        : decoded === null
          ? keyring.check(publisherId, count, columnSymbol)
          : keyring.checkTicks(publisherId, decoded);
    if (refusal !== null) {
      gate.recordBatchError(IngestReason.SYMBOL_NOT_PERMITTED);
      const message = `publisher ${publisherId} may not publish ${refusal.symbols.join(', ') || 'anything (its key was revoked)'}`;
      return errorReply(batchId, IngestReason.SYMBOL_NOT_PERMITTED, message);
    }
    if (options.submit !== undefined) {
      return options.submit(publisherId, decoded, raw).then(
        (r) => replyOf(batchId, r.result, r.logged, r.retryAfterMs),
        (error: unknown) => {
          onError(error);
          return errorReply(batchId, IngestReason.LOG_UNAVAILABLE, 'the batch could not be logged', 1000);
        },
      );
    }
    if (decoded === null) return replyOf(batchId, pipeline.applyInput(publisherId), false, undefined);
    return replyOf(batchId, pipeline.apply(publisherId, decoded), false, undefined);
  }

  const websocket: WebSocketHandlers = {
    authorize(req: UpgradeRequest): UpgradeDecision {
      const publisherId = publisherOf(req.headers, req.query);
      if (publisherId === undefined) {
        gate.recordBatchError(IngestReason.UNAUTHORIZED);
        return { ok: false, status: 401, message: 'missing or invalid publisher token' };
      }
      const refusal = admission();
      if (refusal !== null) {
        gate.recordBatchError(refusal.code);
        return { ok: false, status: 503, message: `${refusal.code} ${refusal.message}` };
      }
      // The transport puts this on the connection (conn.user) before `open`.
      return { ok: true, user: { publisherId } satisfies PublisherSession };
    },

    open(conn: Connection): void {
      if ((conn.user as PublisherSession | undefined)?.publisherId === undefined) {
        // Only reachable if a transport skipped `authorize`.
        conn.close(CloseCode.Unauthorized, 'unauthorized');
        return;
      }
      open.add(conn);
    },

    message(conn: Connection, data: Uint8Array, isBinary: boolean): void {
      const session = conn.user as PublisherSession | undefined;
      if (session === undefined) return;
      const format: WireFormat = isBinary && data[0] !== OPEN_BRACE ? 'proto' : 'json';
      let reply: hashcap.v1.IIngestReply | Promise<hashcap.v1.IIngestReply> | null = overRate(session.publisherId);
      if (reply === null) {
        try {
          const raw: RawBatch = { bytes: data, envelope: 'message', format };
          if (format === 'proto') {
            reply = ingest(session.publisherId, decodePublisherMessageInto(data, gate.input), null, raw);
          } else {
            const batch = decodePublisherMessage(data, format).batch!;
            reply = ingest(session.publisherId, batch.batchId ?? 0, batch.ticks ?? [], raw);
          }
        } catch (error) {
          reply = failure(error);
        }
      }
      if (reply instanceof Promise) reply.then((r) => conn.send(encodeIngestReply(r, format)));
      else conn.send(encodeIngestReply(reply, format));
    },

    close(conn: Connection): void {
      open.delete(conn);
    },
  };

  function disconnect(publisherIds: readonly string[], code: number, reason: string): number {
    const ids = new Set(publisherIds);
    let closed = 0;
    for (const conn of [...open]) {
      if (!ids.has((conn.user as PublisherSession).publisherId)) continue;
      conn.close(code, reason);
      open.delete(conn);
      closed++;
    }
    return closed;
  }

  function failure(error: unknown): hashcap.v1.IIngestReply {
    if (error instanceof HashcapError && error.code === HashcapErrorCode.INGEST_UNDECODABLE) {
      gate.recordBatchError(IngestReason.UNDECODABLE);
      return errorReply(0, IngestReason.UNDECODABLE, error.message);
    }
    onError(error);
    return errorReply(0, IngestReason.UNDECODABLE, 'the batch could not be processed');
  }

  function handleHttp(req: HttpRequest): HttpResponse | Promise<HttpResponse> {
    if (req.path !== INGEST_HTTP_PATH) return plain(404, `no such path: ${req.path}`);
    if (req.method !== 'POST') {
      const headers = { allow: 'POST', 'content-type': 'text/plain; charset=utf-8' };
      return { status: 405, headers, body: `${INGEST_HTTP_PATH} takes POST\n` };
    }
    const format = formatOfContentType(req.headers['content-type']);
    const replyFormat: WireFormat = format ?? 'json';
    const publisherId = publisherOf(req.headers, req.query);
    if (publisherId === undefined) {
      gate.recordBatchError(IngestReason.UNAUTHORIZED);
      return reply(401, errorReply(0, IngestReason.UNAUTHORIZED, 'missing or invalid publisher token'), replyFormat, {
        'www-authenticate': 'Bearer',
      });
    }
    if (format === undefined) {
      gate.recordBatchError(IngestReason.UNSUPPORTED_MEDIA_TYPE);
      const given = req.headers['content-type'] ?? '(none)';
      return reply(
        415,
        errorReply(
          0,
          IngestReason.UNSUPPORTED_MEDIA_TYPE,
          `Content-Type ${given} is not supported: send application/x-protobuf, application/protobuf or application/json`,
        ),
        'json',
      );
    }
    const limited = overRate(publisherId);
    if (limited !== null) {
      return reply(429, limited, format, { 'retry-after': String(Math.ceil((limited.error!.retryAfterMs ?? 0) / 1000)) });
    }
    let batchId: number;
    let ticks: readonly TickInput[] | null = null;
    try {
      if (format === 'proto' && typeof req.body !== 'string') {
        batchId = decodeIngestBatchInto(req.body, gate.input);
      } else {
        const batch = decodeIngestBatch(req.body, format);
        batchId = batch.batchId ?? 0;
        ticks = batch.ticks ?? [];
      }
    } catch (error) {
      return reply(400, failure(error), format);
    }
    const result = ingest(publisherId, batchId, ticks, { bytes: req.body, envelope: 'batch', format });
    const respond = (r: hashcap.v1.IIngestReply): HttpResponse => {
      const code = r.error?.code;
      const status = code === undefined || code === null ? 200 : (HTTP_STATUS_OF_BATCH_ERROR.get(code) ?? 400);
      const headers: Record<string, string> = r.error?.retryAfterMs ? { 'retry-after': String(Math.ceil(r.error.retryAfterMs / 1000)) } : {};
      return reply(status, r, format, headers);
    };
    return result instanceof Promise ? result.then(respond) : respond(result);
  }

  return { websocket, handleHttp, disconnect, rateLimited: () => rate.refused };
}

const HTTP_STATUS_OF_BATCH_ERROR: ReadonlyMap<number, number> = new Map([
  [IngestReason.BATCH_TOO_LARGE, 413],
  [IngestReason.SYMBOL_NOT_PERMITTED, 403],
  [IngestReason.PUBLISHER_RATE_LIMITED, 429],
  [IngestReason.LOG_UNAVAILABLE, 503],
  [IngestReason.NOT_ACTIVE, 503],
]);

// ------------------------------------------------------------------------------------------ helpers

function tokenResolver(tokens: TokenCheck): (token: string) => string | undefined {
  if (typeof tokens === 'function') return tokens;
  return (token) => (tokens.has(token) ? publisherIdOfToken(token) : undefined);
}

/** `Authorization: Bearer <token>` (scheme case-insensitive) first, then `?token=` (server/auth/bearer.ts). */
export const tokenFrom = bearerToken;

function formatOfContentType(contentType: string | undefined): WireFormat | undefined {
  if (contentType === undefined) return undefined;
  const media = contentType.split(';', 1)[0]!.trim().toLowerCase();
  if (PROTO_TYPES.has(media)) return 'proto';
  if (media === JSON_TYPE) return 'json';
  return undefined;
}

function errorReply(batchId: number, code: IngestReason, message: string, retryAfterMs?: number): hashcap.v1.IIngestReply {
  return { batchId, accepted: 0, rejected: [], error: retryAfterMs === undefined ? { code, message } : { code, message, retryAfterMs } };
}

function replyOf(batchId: number, result: ApplyResult, logged: boolean, retryAfterMs: number | undefined): hashcap.v1.IIngestReply {
  if (result.error !== null) return errorReply(batchId, result.error.code, result.error.message, retryAfterMs);
  return logged ? { batchId, accepted: result.accepted, rejected: result.rejected, logged } : { batchId, accepted: result.accepted, rejected: result.rejected };
}

function reply(status: number, body: hashcap.v1.IIngestReply, format: WireFormat, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: { 'content-type': format === 'proto' ? 'application/x-protobuf' : 'application/json; charset=utf-8', ...headers },
    body: encodeIngestReply(body, format),
  };
}

function plain(status: number, text: string): HttpResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `${text}\n` };
}
