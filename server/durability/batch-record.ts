/**
 * One quote-log entry: a batch as its publisher sent it, who sent it, and the market-clock time the
 * server gave it. The time is what makes a replay exact: the gate's decisions (the future-timestamp
 * check, staleness, sessions) read the clock, and on replay they read this instead.
 *
 * The payload is the publisher's own bytes when there are some (a protobuf PublisherMessage from the
 * websocket, a POST body), so logging costs no re-encoding; in-process batches (the simulator) are
 * encoded as an IngestBatch. Replay decodes with the same decoders the endpoint uses, so the gate sees
 * the same values.
 *
 * Layout (little-endian): u8 version (1) · u8 payload kind · f64 market time ms · u16 publisher id
 * length · publisher id (UTF-8) · payload.
 */
import type { hashcap } from '../../proto/wire.ts';
import { HashcapError, HashcapErrorCode } from '../errors.ts';
import type { RawBatch } from '../ingest/endpoint.ts';
import { decodeIngestBatch, decodeIngestBatchInto, decodePublisherMessage, decodePublisherMessageInto, encodeIngestBatch } from '../tick/codec.ts';
import type { TickColumns } from '../tick/tick-columns.ts';

const VERSION = 1;
const HEADER = 1 + 1 + 8 + 2;

export const PayloadKind = { IngestBatchProto: 0, IngestBatchJson: 1, PublisherMessageProto: 2, PublisherMessageJson: 3 } as const;
export type PayloadKind = (typeof PayloadKind)[keyof typeof PayloadKind];

export interface BatchRecord {
  readonly marketTimeMs: number;
  readonly publisherId: string;
  readonly ticks: readonly unknown[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeBatchRecord(publisherId: string, marketTimeMs: number, ticks: readonly unknown[], raw: RawBatch | null): Uint8Array {
  let kind: PayloadKind;
  let payload: Uint8Array;
  if (raw !== null) {
    const json = raw.format === 'json' || typeof raw.bytes === 'string';
    kind = raw.envelope === 'message' ? (json ? PayloadKind.PublisherMessageJson : PayloadKind.PublisherMessageProto) : json ? PayloadKind.IngestBatchJson : PayloadKind.IngestBatchProto;
    payload = typeof raw.bytes === 'string' ? encoder.encode(raw.bytes) : raw.bytes;
  } else {
    kind = PayloadKind.IngestBatchProto;
    payload = encodeIngestBatch({ ticks: ticks as hashcap.v1.ITick[] }, 'proto');
  }
  const id = encoder.encode(publisherId);
  if (id.length > 0xffff) throw new HashcapError(HashcapErrorCode.QUOTE_LOG_ENTRY, 'publisher id longer than 65535 bytes');
  const out = new Uint8Array(HEADER + id.length + payload.length);
  const view = new DataView(out.buffer);
  out[0] = VERSION;
  out[1] = kind;
  view.setFloat64(2, marketTimeMs, true);
  view.setUint16(10, id.length, true);
  out.set(id, HEADER);
  out.set(payload, HEADER + id.length);
  return out;
}

interface RecordParts {
  readonly kind: number;
  readonly marketTimeMs: number;
  readonly publisherId: string;
  readonly payload: Uint8Array;
}

function recordParts(bytes: Uint8Array): RecordParts {
  if (bytes.length < HEADER) throw new HashcapError(HashcapErrorCode.QUOTE_LOG_ENTRY, `a quote-log entry of ${bytes.length} bytes is truncated`);
  if (bytes[0] !== VERSION) throw new HashcapError(HashcapErrorCode.QUOTE_LOG_ENTRY, `quote-log entry version ${bytes[0]} is not ${VERSION}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kind = bytes[1]!;
  const marketTimeMs = view.getFloat64(2, true);
  const idLength = view.getUint16(10, true);
  if (bytes.length < HEADER + idLength) throw new HashcapError(HashcapErrorCode.QUOTE_LOG_ENTRY, 'a quote-log entry is truncated in its publisher id');
  const publisherId = decoder.decode(bytes.subarray(HEADER, HEADER + idLength));
  return { kind, marketTimeMs, publisherId, payload: bytes.subarray(HEADER + idLength) };
}

function unknownKind(kind: number): HashcapError {
  return new HashcapError(HashcapErrorCode.QUOTE_LOG_ENTRY, `quote-log payload kind ${kind} is unknown`);
}

export function decodeBatchRecord(bytes: Uint8Array): BatchRecord {
  const { kind, marketTimeMs, publisherId, payload } = recordParts(bytes);
  let batch: hashcap.v1.IIngestBatch;
  switch (kind) {
    case PayloadKind.IngestBatchProto:
      batch = decodeIngestBatch(payload, 'proto');
      break;
    case PayloadKind.IngestBatchJson:
      batch = decodeIngestBatch(payload, 'json');
      break;
    case PayloadKind.PublisherMessageProto:
      batch = decodePublisherMessage(payload, 'proto').batch!;
      break;
    case PayloadKind.PublisherMessageJson:
      batch = decodePublisherMessage(payload, 'json').batch!;
      break;
    default:
      throw unknownKind(kind);
  }
  return { marketTimeMs, publisherId, ticks: batch.ticks ?? [] };
}

/** A logged batch ready to apply: its ticks as objects, or null when they were decoded into the gate's columns. */
export interface LoggedBatch {
  readonly marketTimeMs: number;
  readonly publisherId: string;
  /** null: a protobuf payload, now in `columns` (apply it with the gate's `applyInput`, before anything else decodes there). */
  readonly ticks: readonly unknown[] | null;
  /** Ticks in the batch. */
  readonly count: number;
}

/**
 * `decodeBatchRecord` for applying: a protobuf payload (what publishers send) is decoded straight into
 * `columns` — the gate's `input` — with no object per tick, as the endpoint decodes a live batch; a JSON
 * payload comes back as objects.
 */
export function decodeBatchRecordInto(bytes: Uint8Array, columns: TickColumns): LoggedBatch {
  const parts = recordParts(bytes);
  const { kind, marketTimeMs, publisherId, payload } = parts;
  switch (kind) {
    case PayloadKind.IngestBatchProto:
      decodeIngestBatchInto(payload, columns);
      return { marketTimeMs, publisherId, ticks: null, count: columns.length };
    case PayloadKind.PublisherMessageProto:
      decodePublisherMessageInto(payload, columns);
      return { marketTimeMs, publisherId, ticks: null, count: columns.length };
    case PayloadKind.IngestBatchJson:
    case PayloadKind.PublisherMessageJson: {
      const ticks = decodeBatchRecord(bytes).ticks;
      return { marketTimeMs, publisherId, ticks, count: ticks.length };
    }
    default:
      throw unknownKind(kind);
  }
}
