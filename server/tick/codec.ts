/**
 * Publisher messages on the wire: binary protobuf, or the standard protobuf JSON mapping as text.
 *
 * Decoding never lets a TypeError or a protobufjs error escape: anything that is not a well-formed
 * message is a HashcapError 'INGEST_UNDECODABLE' whose message says what was wrong and where. The JSON
 * path checks the shape before `fromObject` sees it, because `fromObject` coerces silently
 * (`"price": []` would become 0, `"price": true` 1, an unknown field would vanish); here a field of the
 * wrong type or an unknown field refuses the batch with its path, e.g. `batch.ticks[3].price`.
 * Values of the right type but out of range (NaN, a negative size, an unknown kind number) decode fine
 * and are refused per tick by the gate, with a reason code the publisher can act on.
 *
 * JSON follows the mapping: lowerCamelCase names (the proto snake_case names are accepted too), 64-bit
 * integers as numbers or decimal strings, doubles as numbers or strings (including "NaN", "Infinity"),
 * enums by name or number, null = default. Each tick is read by tick/json.ts, the one JSON tick reader
 * (the NDJSON recording reader uses it too), into the same fixed-shape object the protobuf decoder makes.
 */
import { WireDecoder } from './wire-decoder.ts';
import { readJsonTick, TickJsonError, jsonUint64 } from './json.ts';
import type { Tick } from './tick.ts';
import type { TickColumns } from './tick-columns.ts';
import { wire, type hashcap } from '../../proto/wire.ts';
import { HashcapError, HashcapErrorCode } from '../errors.ts';
import type { WireFormat } from '../../proto/wire-format.ts';

/**
 * Binary batches go through the hand-written decoder (wire-decoder.ts): straight into the gate's
 * columns on the ingest path (`decodePublisherMessageInto`, `decodeIngestBatchInto`), or as fixed-shape
 * Tick objects for everyone else. Decoding is synchronous, so one instance serves every call.
 */
const decoder = new WireDecoder();

type IngestReply = hashcap.v1.IngestReply;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const JSON_REPLY_OPTIONS = { longs: String, enums: String, json: true } as const;

// ---------------------------------------------------------------------------------------- decoding

/**
 * A PublisherMessage from a websocket frame: bytes are protobuf when `format` is 'proto', UTF-8 JSON
 * when 'json'; a string is always JSON. The message must carry a batch (the only publisher message in v1).
 */
export function decodePublisherMessage(data: Uint8Array | string, format: WireFormat): hashcap.v1.IPublisherMessage {
  let message: hashcap.v1.IPublisherMessage;
  if (typeof data !== 'string' && format === 'proto') {
    message = { batch: decodeProto(() => decoder.publisherMessage(data), 'PublisherMessage') };
  } else {
    const json = parseJson(data);
    const obj = expectObject(json, 'message');
    if (!Object.hasOwn(obj, 'batch') && ['ticks', 'batchId', 'batch_id'].some((k) => Object.hasOwn(obj, k))) {
      throw undecodable('a PublisherMessage is {"batch": {...}}: wrap the IngestBatch in "batch"');
    }
    checkKeys(obj, PUBLISHER_MESSAGE_FIELDS, '');
    const batch = field(obj, 'batch');
    message = batch == null ? {} : { batch: readBatch(batch, 'batch') };
  }
  if (message.batch == null) throw undecodable('the PublisherMessage carries no batch');
  return message;
}

/** An IngestBatch alone (the body of POST /v1/quotes): protobuf bytes, or JSON bytes / text. */
export function decodeIngestBatch(data: Uint8Array | string, format: WireFormat): hashcap.v1.IIngestBatch {
  if (typeof data !== 'string' && format === 'proto') {
    return decodeProto(() => decoder.ingestBatch(data), 'IngestBatch');
  }
  return readBatch(parseJson(data), '');
}

/**
 * A protobuf PublisherMessage straight into `columns` (the ingest gate's `input`): no object per
 * tick. Returns the batch id. Same errors as `decodePublisherMessage`; after one, the columns hold no
 * usable batch.
 */
export function decodePublisherMessageInto(data: Uint8Array, columns: TickColumns): number {
  const batchId = decodeProto(() => decoder.publisherMessageInto(data, columns), 'PublisherMessage');
  if (batchId < 0) throw undecodable('the PublisherMessage carries no batch');
  return batchId;
}

/** A protobuf IngestBatch (the body of POST /v1/quotes) straight into `columns`; returns the batch id. */
export function decodeIngestBatchInto(data: Uint8Array, columns: TickColumns): number {
  return decodeProto(() => decoder.ingestBatchInto(data, columns), 'IngestBatch');
}

/** For publishers (the simulator, tests, the SDK): the message in either format. */
export function encodePublisherMessage(message: hashcap.v1.IPublisherMessage, format: 'proto'): Uint8Array;
export function encodePublisherMessage(message: hashcap.v1.IPublisherMessage, format: 'json'): string;
export function encodePublisherMessage(message: hashcap.v1.IPublisherMessage, format: WireFormat): Uint8Array | string;
export function encodePublisherMessage(message: hashcap.v1.IPublisherMessage, format: WireFormat): Uint8Array | string {
  if (format === 'proto') return wire.PublisherMessage.encode(message).finish();
  return JSON.stringify(wire.PublisherMessage.toObject(wire.PublisherMessage.fromObject(message), JSON_REPLY_OPTIONS));
}

export function encodeIngestBatch(batch: hashcap.v1.IIngestBatch, format: 'proto'): Uint8Array;
export function encodeIngestBatch(batch: hashcap.v1.IIngestBatch, format: 'json'): string;
export function encodeIngestBatch(batch: hashcap.v1.IIngestBatch, format: WireFormat): Uint8Array | string;
export function encodeIngestBatch(batch: hashcap.v1.IIngestBatch, format: WireFormat): Uint8Array | string {
  if (format === 'proto') return wire.IngestBatch.encode(batch).finish();
  return JSON.stringify(wire.IngestBatch.toObject(wire.IngestBatch.fromObject(batch), JSON_REPLY_OPTIONS));
}

// ---------------------------------------------------------------------------------------- replies

/** An IngestReply as protobuf bytes or as JSON text (64-bit ints as strings, enums by name). */
export function encodeIngestReply(reply: hashcap.v1.IIngestReply, format: 'proto'): Uint8Array;
export function encodeIngestReply(reply: hashcap.v1.IIngestReply, format: 'json'): string;
export function encodeIngestReply(reply: hashcap.v1.IIngestReply, format: WireFormat): Uint8Array | string;
export function encodeIngestReply(reply: hashcap.v1.IIngestReply, format: WireFormat): Uint8Array | string {
  if (format === 'proto') return wire.IngestReply.encode(reply).finish();
  const message = reply instanceof wire.IngestReply ? reply : wire.IngestReply.fromObject(reply);
  return JSON.stringify(wire.IngestReply.toObject(message, JSON_REPLY_OPTIONS));
}

/** For publishers and tests: an IngestReply from either format. Same errors as the decoders above. */
export function decodeIngestReply(data: Uint8Array | string, format: WireFormat): IngestReply {
  if (typeof data !== 'string' && format === 'proto') {
    return decodeProto(() => wire.IngestReply.decode(data), 'IngestReply');
  }
  const json = parseJson(data);
  expectObject(json, 'reply');
  return fromObject(() => wire.IngestReply.fromObject(json as Record<string, unknown>));
}

// ---------------------------------------------------------------------------------------- internals

function undecodable(message: string, cause?: unknown): HashcapError {
  return new HashcapError(HashcapErrorCode.INGEST_UNDECODABLE, message, cause === undefined ? undefined : { cause });
}

function decodeProto<T>(decode: () => T, type: string): T {
  try {
    return decode();
  } catch (error) {
    throw undecodable(`not a protobuf ${type}: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}

/** fromObject after our checks should not fail; if it does, it is still the input's fault. */
function fromObject<T>(convert: () => T): T {
  try {
    return convert();
  } catch (error) {
    throw undecodable(`invalid message: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}

function parseJson(data: Uint8Array | string): unknown {
  let text: string;
  if (typeof data === 'string') text = data;
  else {
    try {
      text = utf8.decode(data);
    } catch (error) {
      throw undecodable('JSON body is not valid UTF-8', error);
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const offset = jsonErrorOffset(text);
    const where = offset < 0 ? '' : ` at position ${offset} (${lineAndColumn(text, offset)})`;
    throw undecodable(`invalid JSON${where}: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}

function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return `line ${line}, column ${offset - start + 1}`;
}

const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const JSON_ESCAPE = /["\\/bfnrt]|u[0-9a-fA-F]{4}/y;

/**
 * Offset of the first syntax error in text that JSON.parse refused (V8's messages give it only for
 * some errors), or -1. A plain scanner with an explicit stack, so deep nesting cannot overflow; it
 * runs only on the error path.
 */
export function jsonErrorOffset(s: string): number {
  const n = s.length;
  const stack: number[] = []; // 0 = in an array, 1 = in an object
  let i = 0;
  const skipSpace = (): void => {
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  /** A string starting at i; leaves i after it, or at the offending character. */
  const string = (): boolean => {
    if (s[i] !== '"') return false;
    i++;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        JSON_ESCAPE.lastIndex = i + 1;
        if (!JSON_ESCAPE.test(s)) return false;
        i = JSON_ESCAPE.lastIndex;
      } else i++;
    }
    return false;
  };
  const key = (): boolean => {
    skipSpace();
    if (!string()) return false;
    skipSpace();
    if (s[i] !== ':') return false;
    i++;
    return true;
  };
  for (;;) {
    // Expecting a value.
    skipSpace();
    if (i >= n) return n;
    const c = s[i];
    if (c === '{') {
      i++;
      skipSpace();
      if (s[i] === '}') i++;
      else {
        stack.push(1);
        if (!key()) return i;
        continue;
      }
    } else if (c === '[') {
      i++;
      skipSpace();
      if (s[i] === ']') i++;
      else {
        stack.push(0);
        continue;
      }
    } else if (c === '"') {
      if (!string()) return i;
    } else if (s.startsWith('true', i)) i += 4;
    else if (s.startsWith('false', i)) i += 5;
    else if (s.startsWith('null', i)) i += 4;
    else {
      JSON_NUMBER.lastIndex = i;
      if (!JSON_NUMBER.test(s)) return i;
      i = JSON_NUMBER.lastIndex;
    }
    // After a value: close containers, or a comma and the next member.
    for (;;) {
      skipSpace();
      if (stack.length === 0) return i < n ? i : -1;
      const inObject = stack[stack.length - 1] === 1;
      if (s[i] === ',') {
        i++;
        if (inObject && !key()) return i;
        break;
      }
      if (s[i] === (inObject ? '}' : ']')) {
        i++;
        stack.pop();
        continue;
      }
      return i;
    }
  }
}

type JsonObject = Record<string, unknown>;

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `a string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

function expectObject(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw undecodable(`${path || 'the body'} must be a JSON object, got ${kindOf(value)}`);
  }
  return value as JsonObject;
}

/** JSON name → canonical (lowerCamelCase) name, for every field we accept. */
type FieldNames = ReadonlyMap<string, string>;

function fieldNames(...pairs: (readonly [string, string] | string)[]): FieldNames {
  return new Map(pairs.map((p) => (typeof p === 'string' ? [p, p] : [p[0], p[1]])));
}

const PUBLISHER_MESSAGE_FIELDS = fieldNames('batch');
const BATCH_FIELDS = fieldNames('batchId', ['batch_id', 'batchId'], 'ticks');
/** Unknown or doubled (camelCase and snake_case) fields refuse the message: a typo must not vanish. */
function checkKeys(obj: JsonObject, names: FieldNames, path: string): void {
  const seen = new Set<string>();
  for (const key of Object.keys(obj)) {
    const canonical = names.get(key);
    if (canonical === undefined) {
      throw undecodable(`${path ? `${path}: ` : ''}unknown field ${JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key)}`);
    }
    if (seen.has(canonical)) throw undecodable(`${path ? `${path}: ` : ''}field ${canonical} is given twice`);
    seen.add(canonical);
  }
}

/** Own properties only: a missing field never picks up something from Object.prototype. */
function field(obj: JsonObject, canonical: string, snake?: string): unknown {
  if (Object.hasOwn(obj, canonical)) return obj[canonical];
  if (snake !== undefined && Object.hasOwn(obj, snake)) return obj[snake];
  return undefined;
}

function at(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

/** An IngestBatch in the JSON mapping: its ticks as the same fixed-shape objects the protobuf decoder makes. */
function readBatch(value: unknown, path: string): { batchId: number; ticks: Tick[] } {
  const obj = expectObject(value, path);
  checkKeys(obj, BATCH_FIELDS, path);
  const idPath = at(path, 'batchId');
  let batchId: number;
  try {
    batchId = jsonUint64(idPath, field(obj, 'batchId', 'batch_id'));
  } catch (error) {
    throw undecodable(error instanceof TickJsonError ? error.message : String(error));
  }
  const ticks = field(obj, 'ticks');
  const out: Tick[] = [];
  if (ticks != null) {
    if (!Array.isArray(ticks)) throw undecodable(`${at(path, 'ticks')} must be an array, got ${kindOf(ticks)}`);
    for (let i = 0; i < ticks.length; i++) {
      const tick: unknown = ticks[i];
      // The path is spelled out only for an error: nothing is formatted per good tick.
      if (typeof tick !== 'object' || tick === null || Array.isArray(tick)) expectObject(tick, `${at(path, 'ticks')}[${i}]`);
      try {
        out.push(readJsonTick(tick));
      } catch (error) {
        if (error instanceof TickJsonError) throw undecodable(error.at(`${at(path, 'ticks')}[${i}]`));
        throw error;
      }
    }
  }
  return { batchId, ticks: out };
}
