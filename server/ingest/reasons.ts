/**
 * Stable numeric codes for everything the ingest endpoint refuses. They are part of the public wire
 * contract (IngestReply.rejected[].reason and IngestReply.error.code, the status channel's reject
 * counters, /metrics): a code never changes meaning and is never reused. 30xx refuse one tick and the
 * rest of the batch goes on; 31xx refuse the whole batch.
 */

export const IngestReason = {
  UNKNOWN_SYMBOL: 3001,
  BAD_PRICE: 3002,
  BAD_SIZE: 3003,
  CROSSED_QUOTE: 3004,
  BAD_QUOTE: 3005,
  DUPLICATE_SEQ: 3006,
  OUT_OF_ORDER_SEQ: 3007,
  FUTURE_TIMESTAMP: 3008,
  BAD_TIMESTAMP: 3009,
  BAD_SYMBOL: 3010,
  BAD_KIND: 3011,
  MALFORMED_TICK: 3012,
  BAD_SEQ: 3013,
  PRICE_BAND: 3014,
  HALTED: 3015,
  UNKNOWN_ORIGINAL: 3016,
  ORIGINAL_TOO_OLD: 3017,
  ORIGINAL_OTHER_PUBLISHER: 3018,
  ORIGINAL_CANCELLED: 3019,
  BAD_ORIGINAL_SEQ: 3020,

  UNAUTHORIZED: 3100,
  UNDECODABLE: 3101,
  BATCH_TOO_LARGE: 3102,
  UNSUPPORTED_MEDIA_TYPE: 3103,
  LOG_UNAVAILABLE: 3104,
  NOT_ACTIVE: 3105,
  // Publisher keys and rates: numbered apart from the gate's own batch codes.
  SYMBOL_NOT_PERMITTED: 3110,
  PUBLISHER_RATE_LIMITED: 3111,
} as const;
export type IngestReason = (typeof IngestReason)[keyof typeof IngestReason];
export type IngestReasonName = keyof typeof IngestReason;

export interface IngestReasonInfo {
  readonly code: IngestReason;
  readonly name: IngestReasonName;
  /** 'tick': one tick refused, reported in IngestReply.rejected; 'batch': the whole batch, in IngestReply.error. */
  readonly scope: 'tick' | 'batch';
  /** One line of markdown for the README's table (scripts/readme-codes.ts writes it). */
  readonly description: string;
}

/** Every code, in code order: the README's table is generated from this (scripts/readme-codes.ts). */
export const INGEST_REASONS: readonly IngestReasonInfo[] = [
  {
    code: IngestReason.UNKNOWN_SYMBOL,
    name: 'UNKNOWN_SYMBOL',
    scope: 'tick',
    description: 'well-formed symbol that is in no loaded index',
  },
  {
    code: IngestReason.BAD_PRICE,
    name: 'BAD_PRICE',
    scope: 'tick',
    description:
      'trade price not a number, non-finite, below $0.0001, above maxPrice (1e7), or a market cap beyond the ' +
      'engine\'s exact range; a quote tick may send price 0 ("no last")',
  },
  {
    code: IngestReason.BAD_SIZE,
    name: 'BAD_SIZE',
    scope: 'tick',
    description: 'trade size not a number, negative, non-finite or above maxSize (1e12); fractional shares are fine',
  },
  {
    code: IngestReason.CROSSED_QUOTE,
    name: 'CROSSED_QUOTE',
    scope: 'tick',
    description: 'bid above ask while both are set (> 0); a locked quote (bid = ask) is accepted',
  },
  {
    code: IngestReason.BAD_QUOTE,
    name: 'BAD_QUOTE',
    scope: 'tick',
    description: 'bid, ask, bid size or ask size not a number, negative, non-finite or out of range (0 = side absent)',
  },
  {
    code: IngestReason.DUPLICATE_SEQ,
    name: 'DUPLICATE_SEQ',
    scope: 'tick',
    description: 'seq equal to the last accepted seq of this publisher for this symbol',
  },
  {
    code: IngestReason.OUT_OF_ORDER_SEQ,
    name: 'OUT_OF_ORDER_SEQ',
    scope: 'tick',
    description: 'seq lower than the last accepted seq of this publisher for this symbol',
  },
  {
    code: IngestReason.FUTURE_TIMESTAMP,
    name: 'FUTURE_TIMESTAMP',
    scope: 'tick',
    description: 'time_ms more than maxFutureMs (5 s) ahead of the server\'s market clock',
  },
  {
    code: IngestReason.BAD_TIMESTAMP,
    name: 'BAD_TIMESTAMP',
    scope: 'tick',
    description: 'time_ms missing, not a number, non-finite or ≤ 0',
  },
  {
    code: IngestReason.BAD_SYMBOL,
    name: 'BAD_SYMBOL',
    scope: 'tick',
    description: 'symbol missing, not a string, or not a ticker (`^[A-Z][A-Z0-9.-]{0,9}$`)',
  },
  {
    code: IngestReason.BAD_KIND,
    name: 'BAD_KIND',
    scope: 'tick',
    description:
      'kind is not TICK_TRADE (0), TICK_QUOTE (1), TICK_HALT (2), TICK_RESUME (3), TICK_CANCEL (4) or TICK_CORRECTION (5)',
  },
  {
    code: IngestReason.MALFORMED_TICK,
    name: 'MALFORMED_TICK',
    scope: 'tick',
    description: 'the tick is not an object (or reading it failed)',
  },
  {
    code: IngestReason.BAD_SEQ,
    name: 'BAD_SEQ',
    scope: 'tick',
    description: 'seq not an unsigned integer below 2^53 (0 or absent = the publisher does not sequence)',
  },
  {
    code: IngestReason.PRICE_BAND,
    name: 'PRICE_BAND',
    scope: 'tick',
    description:
      'trade outside its symbol\'s LULD-style band (see [Sources and the gate](#sources-and-the-gate)); does not ' +
      'move the reference',
  },
  {
    code: IngestReason.HALTED,
    name: 'HALTED',
    scope: 'tick',
    description: 'trade for a symbol halted by TICK_HALT and not yet resumed by TICK_RESUME (quotes are accepted)',
  },
  {
    code: IngestReason.UNKNOWN_ORIGINAL,
    name: 'UNKNOWN_ORIGINAL',
    scope: 'tick',
    description:
      'cancel/correction whose `originalSeq` names no trade this publisher sent for this symbol (never sent, ' +
      'refused, or a quote or status tick)',
  },
  {
    code: IngestReason.ORIGINAL_TOO_OLD,
    name: 'ORIGINAL_TOO_OLD',
    scope: 'tick',
    description:
      'cancel/correction of a trade the server no longer remembers: it keeps the last 64 accepted trades per ' +
      'symbol of the current trading day',
  },
  {
    code: IngestReason.ORIGINAL_OTHER_PUBLISHER,
    name: 'ORIGINAL_OTHER_PUBLISHER',
    scope: 'tick',
    description:
      'the remembered trade with that seq was sent by another publisher: a publisher withdraws or restates only ' +
      'its own trades',
  },
  {
    code: IngestReason.ORIGINAL_CANCELLED,
    name: 'ORIGINAL_CANCELLED',
    scope: 'tick',
    description: 'cancel/correction of a trade that was already cancelled',
  },
  {
    code: IngestReason.BAD_ORIGINAL_SEQ,
    name: 'BAD_ORIGINAL_SEQ',
    scope: 'tick',
    description: 'cancel/correction without `originalSeq`, or one that is not an unsigned integer below 2^53',
  },
  {
    code: IngestReason.UNAUTHORIZED,
    name: 'UNAUTHORIZED',
    scope: 'batch',
    description: 'missing or unknown publisher token (HTTP 401)',
  },
  {
    code: IngestReason.UNDECODABLE,
    name: 'UNDECODABLE',
    scope: 'batch',
    description:
      'not a valid PublisherMessage / IngestBatch in protobuf or in the protobuf JSON mapping (HTTP 400)',
  },
  {
    code: IngestReason.BATCH_TOO_LARGE,
    name: 'BATCH_TOO_LARGE',
    scope: 'batch',
    description: 'more than maxBatchTicks (10,000) ticks in one batch (HTTP 413)',
  },
  {
    code: IngestReason.UNSUPPORTED_MEDIA_TYPE,
    name: 'UNSUPPORTED_MEDIA_TYPE',
    scope: 'batch',
    description:
      '`POST /v1/quotes` with a Content-Type other than application/x-protobuf, application/protobuf or ' +
      'application/json (HTTP 415)',
  },
  {
    code: IngestReason.LOG_UNAVAILABLE,
    name: 'LOG_UNAVAILABLE',
    scope: 'batch',
    description:
      'an aggregator could not put the batch in its quote log (Redis down or slow, or the `--ack-durability` not ' +
      'confirmed in time): nothing of the batch is acknowledged; resend after `retry_after_ms` (HTTP 503). A resend ' +
      'with the same per-symbol `seq` is idempotent',
  },
  {
    code: IngestReason.NOT_ACTIVE,
    name: 'NOT_ACTIVE',
    scope: 'batch',
    description:
      'this aggregator is a standby (another holds the lease): nothing was applied; publish to the next ingest URL, ' +
      'or retry after `retryAfterMs` (HTTP 503; a websocket upgrade is refused with 503)',
  },
  {
    code: IngestReason.SYMBOL_NOT_PERMITTED,
    name: 'SYMBOL_NOT_PERMITTED',
    scope: 'batch',
    description:
      'the batch names a symbol outside the publisher key\'s symbols (`--publishers`); nothing of it is applied and ' +
      'the message lists the symbols (HTTP 403)',
  },
  {
    code: IngestReason.PUBLISHER_RATE_LIMITED,
    name: 'PUBLISHER_RATE_LIMITED',
    scope: 'batch',
    description:
      'more batches per second from this publisher than its rate: its key\'s `rate=` (`--publishers`), else ' +
      '`--ingest-batches-per-second` (default 1,000, burst twice that); nothing applied; `error.retryAfterMs` says when ' +
      'to send again (HTTP 429 with Retry-After)',
  },
];

const BY_CODE: ReadonlyMap<number, IngestReasonInfo> = new Map(INGEST_REASONS.map((r) => [r.code, r]));

/** The name of a code, or "UNKNOWN_<code>" for a number that is not one (never throws). */
export function ingestReasonName(code: number): string {
  return BY_CODE.get(code)?.name ?? `UNKNOWN_${code}`;
}
