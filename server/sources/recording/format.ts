/**
 * The two recording formats, version 1. Both hold the same thing: the ticks the ingest gate accepted,
 * in order, cut into the batches they arrived in, each batch with its publisher id.
 *
 * NDJSON (`.ndjson`, `.ndjson.gz`, `.jsonl`): a header line, then one line per tick — the Tick in the
 * protobuf JSON mapping (lowerCamelCase, enums by name, uint64 as a decimal string, fields at their
 * default omitted except symbol, kind and timeMs) plus `"batch"` (the recording's batch number: lines
 * with the same number form one batch) and `"publisher"`:
 *
 *   {"hashcap_recording":1,"format":"ndjson","started":"2026-11-20T08:59:00.000Z","basket":"miners"}
 *   {"batch":1,"publisher":"simulator","symbol":"IREN","kind":"TICK_TRADE","price":61.12,…,"timeMs":1763629140123,"seq":"1"}
 *
 * Binary (`.bin`): the magic `HCREC1\n`, then varint-length-prefixed protobuf messages (see
 * recording.proto): one RecordingHeader, then one RecordingChunk per batch (publisher + IngestBatch,
 * whose batch_id is the recording's batch number). Either format may be gzipped; readers detect it.
 *
 * The major version is in the magic and in `hashcap_recording`; a reader refuses other versions with
 * RECORDING_VERSION. Fields may be added to the messages (and to the JSON lines, as new keys) only in a
 * new version, because readers here refuse unknown JSON keys to catch typos and corruption. One
 * exception, made before any file had one: `originalSeq` (Tick.original_seq, on TICK_CANCEL and
 * TICK_CORRECTION lines only) is part of version 1; files without corrections are unchanged, and a
 * reader from before it refuses a line with it (unknown field) rather than replaying a cancel wrongly.
 * NDJSON tick lines are read by the one JSON tick reader (../../tick/json.ts), the one the ingest codec uses.
 */
import { Buffer } from 'node:buffer';
import { wire, type hashcap } from '../../../proto/wire.ts';

export const FORMAT_VERSION = 1;
export const BINARY_MAGIC = 'HCREC1\n';
export const BINARY_MAGIC_BYTES: Uint8Array = Buffer.from(BINARY_MAGIC, 'latin1');
/** What every binary magic starts with, whatever its version. */
export const BINARY_MAGIC_PREFIX = 'HCREC';

export type RecordingFormat = 'ndjson' | 'binary';

export const KIND_TRADE = 0;
export const KIND_QUOTE = 1;

/** TickKind names by number and numbers by name, from the generated enum (so new kinds need no change here). */
const KIND_LOOKUP = wire.TickKind as unknown as Readonly<Record<string | number, string | number | undefined>>;

/** The enum number of a TickKind name, or undefined for a name that is not one. */
export function kindOfName(name: string): number | undefined {
  const n = Object.hasOwn(KIND_LOOKUP, name) ? KIND_LOOKUP[name] : undefined;
  return typeof n === 'number' ? n : undefined;
}

/** The name of a TickKind number, or undefined for an unknown number (kept as a number, as protobuf does). */
export function nameOfKind(kind: number): string | undefined {
  const name = KIND_LOOKUP[kind];
  return typeof name === 'string' ? name : undefined;
}

/**
 * A tick as readers hand it out: every field present (proto3 defaults where the file had none), in
 * one fixed order, so every tick has the same hidden class for the gate's property reads.
 */
export interface RecordedTick {
  symbol: string;
  kind: hashcap.v1.TickKind;
  price: number;
  size: number;
  bid: number;
  ask: number;
  bidSize: number;
  askSize: number;
  timeMs: number;
  seq: number;
  /** Shared, frozen when empty: treat as read-only. */
  conditions: string[];
  /** TICK_CANCEL / TICK_CORRECTION: the seq of the trade they withdraw or restate; 0 otherwise. */
  originalSeq: number;
}

export interface RecordingHeader {
  readonly version: number;
  readonly format: RecordingFormat;
  /** When the recording started, epoch ms. */
  readonly startedMs: number;
  /** Which basket(s) the ticks were accepted against, e.g. "miners" or "miners,ai-hpc" (a label). */
  readonly basket: string;
  /** True when the file is gzipped. */
  readonly compressed: boolean;
}

export const NO_CONDITIONS = Object.freeze([]) as unknown as string[];

export function makeTick(
  symbol: string,
  kind: number,
  price: number,
  size: number,
  bid: number,
  ask: number,
  bidSize: number,
  askSize: number,
  timeMs: number,
  seq: number,
  conditions: string[],
  originalSeq: number,
): RecordedTick {
  return { symbol, kind: kind as hashcap.v1.TickKind, price, size, bid, ask, bidSize, askSize, timeMs, seq, conditions, originalSeq };
}

// ------------------------------------------------------------------------------------ canonical ticks

type Fields = Record<string, unknown>;

/** A finite or non-finite double; anything that is not a number is its default 0; -0 becomes 0. */
function dbl(v: unknown): number {
  return typeof v === 'number' ? v + 0 : 0;
}

/**
 * A tick as the recorder writes it, from whatever the gate accepted (a decoded wire.Tick, or a plain
 * object passed to `server.ingest`): kind as a number (the gate also takes the enum names), fields the
 * gate does not read (conditions) kept only when well-formed, anything missing at its proto3 default.
 * The gate only accepts ticks whose checked fields have the right types, so nothing here loses data
 * for an accepted tick.
 */
export function canonicalTick(value: unknown): RecordedTick {
  const t = (typeof value === 'object' && value !== null ? value : {}) as Fields;
  const symbol = typeof t['symbol'] === 'string' ? t['symbol'] : '';
  const rawKind = t['kind'];
  const kind =
    typeof rawKind === 'string'
      ? (kindOfName(rawKind) ?? KIND_TRADE)
      : typeof rawKind === 'number' && Number.isInteger(rawKind) && rawKind >= -0x80000000 && rawKind <= 0x7fffffff
        ? rawKind | 0
        : KIND_TRADE;
  const rawSeq = t['seq'];
  const seq = typeof rawSeq === 'number' && rawSeq > 0 && Number.isSafeInteger(rawSeq) ? rawSeq : 0;
  const rawOriginal = t['originalSeq'];
  const originalSeq = typeof rawOriginal === 'number' && rawOriginal > 0 && Number.isSafeInteger(rawOriginal) ? rawOriginal : 0;
  const rawConditions = t['conditions'];
  let conditions = NO_CONDITIONS;
  if (Array.isArray(rawConditions) && rawConditions.length > 0 && rawConditions.every((c) => typeof c === 'string')) {
    conditions = rawConditions.slice() as string[];
  }
  return makeTick(
    symbol,
    kind,
    dbl(t['price']),
    dbl(t['size']),
    dbl(t['bid']),
    dbl(t['ask']),
    dbl(t['bidSize']),
    dbl(t['askSize']),
    dbl(t['timeMs']),
    seq,
    conditions,
    originalSeq,
  );
}

// ------------------------------------------------------------------------------------ NDJSON

export function ndjsonHeaderLine(startedMs: number, basket: string): string {
  return `${JSON.stringify({ hashcap_recording: FORMAT_VERSION, format: 'ndjson', started: new Date(startedMs).toISOString(), basket })}\n`;
}

/** A double per the JSON mapping: a number, or "NaN" / "Infinity" / "-Infinity". */
function jsonDouble(v: number): string {
  return Number.isFinite(v) ? String(v) : `"${String(v)}"`;
}

const KIND_JSON: readonly string[] = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => {
  const name = nameOfKind(k);
  return name === undefined ? String(k) : `"${name}"`;
});

function kindName(kind: number): string {
  if (kind >= 0 && kind < KIND_JSON.length) return KIND_JSON[kind]!;
  const name = nameOfKind(kind);
  return name === undefined ? String(kind) : `"${name}"`;
}

/**
 * One batch as NDJSON lines (each ending in "\n"). `publisherJson` is JSON.stringify(publisher), made
 * once per batch.
 */
export function ndjsonBatch(batch: number, publisherJson: string, ticks: readonly RecordedTick[]): string {
  const head = `{"batch":${batch},"publisher":${publisherJson},"symbol":`;
  let out = '';
  for (const t of ticks) {
    let line = `${head}${JSON.stringify(t.symbol)},"kind":${kindName(t.kind)}`;
    if (t.price !== 0) line += `,"price":${jsonDouble(t.price)}`;
    if (t.size !== 0) line += `,"size":${jsonDouble(t.size)}`;
    if (t.bid !== 0) line += `,"bid":${jsonDouble(t.bid)}`;
    if (t.ask !== 0) line += `,"ask":${jsonDouble(t.ask)}`;
    if (t.bidSize !== 0) line += `,"bidSize":${jsonDouble(t.bidSize)}`;
    if (t.askSize !== 0) line += `,"askSize":${jsonDouble(t.askSize)}`;
    line += `,"timeMs":${jsonDouble(t.timeMs)}`;
    if (t.seq !== 0) line += `,"seq":"${t.seq}"`;
    if (t.conditions.length > 0) line += `,"conditions":${JSON.stringify(t.conditions)}`;
    if (t.originalSeq !== 0) line += `,"originalSeq":"${t.originalSeq}"`;
    out += `${line}}\n`;
  }
  return out;
}

// ------------------------------------------------------------------------------------ binary encoding

/** Bytes of a varint for a non-negative integer below 2^53. */
export function varintSize(n: number): number {
  if (n < 0x80) return 1;
  if (n < 0x4000) return 2;
  if (n < 0x200000) return 3;
  let size = 4;
  n = Math.floor(n / 0x10000000);
  while (n > 0) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

/** UTF-8 length of a string; the common all-ASCII case without a call into C++. */
function utf8Length(s: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) return Buffer.byteLength(s, 'utf8');
  }
  return s.length;
}

/** Protobuf field sizes, proto3 defaults omitted (as every protobuf encoder does). */
function stringFieldSize(s: string): number {
  if (s.length === 0) return 0;
  const n = utf8Length(s);
  return 1 + varintSize(n) + n;
}

function doubleFieldSize(v: number): number {
  return Object.is(v, 0) ? 0 : 9;
}

/** Encoded size of a Tick's body (without its own tag and length). */
function tickSize(t: RecordedTick): number {
  let size = stringFieldSize(t.symbol);
  if (t.kind !== 0) size += 1 + (t.kind < 0 ? 10 : varintSize(t.kind));
  size += doubleFieldSize(t.price) + doubleFieldSize(t.size) + doubleFieldSize(t.bid) + doubleFieldSize(t.ask);
  size += doubleFieldSize(t.bidSize) + doubleFieldSize(t.askSize) + doubleFieldSize(t.timeMs);
  if (t.seq !== 0) size += 1 + varintSize(t.seq);
  for (const c of t.conditions) {
    const n = utf8Length(c);
    size += 1 + varintSize(n) + n;
  }
  if (t.originalSeq !== 0) size += 1 + varintSize(t.originalSeq);
  return size;
}

/** A growable byte buffer with the few protobuf primitives the recorder needs. */
export class ByteWriter {
  buf: Buffer;
  pos: number;
  private view: DataView;

  constructor(capacity = 4096) {
    this.buf = Buffer.allocUnsafe(capacity);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    this.pos = 0;
  }

  ensure(extra: number): void {
    const need = this.pos + extra;
    if (need <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.byteLength);
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /**
   * A varint for an integer in [0, 2^53), or a negative int32 (10 bytes, two's complement). The caller
   * has ensured room (at most 10 bytes).
   */
  varint(n: number): void {
    const buf = this.buf;
    if (n < 0x80 && n >= 0) {
      buf[this.pos++] = n;
      return;
    }
    if (n < 0) {
      // Negative int32 enum values: sign-extended to 64 bits.
      let lo = n >>> 0;
      for (let i = 0; i < 4; i++) {
        buf[this.pos++] = (lo & 0x7f) | 0x80;
        lo >>>= 7;
      }
      // 4 bits of lo left, plus 3 bits of the all-ones high word.
      buf[this.pos++] = (lo & 0x0f) | 0x70 | 0x80;
      for (let i = 0; i < 4; i++) buf[this.pos++] = 0xff;
      buf[this.pos++] = 0x01;
      return;
    }
    while (n >= 0x80) {
      buf[this.pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    buf[this.pos++] = n;
  }

  /** A string of known UTF-8 length (room ensured by the caller). */
  string(s: string, byteLength: number): void {
    this.varint(byteLength);
    if (byteLength === s.length) {
      // All ASCII: no call into C++ for a four-letter ticker.
      const buf = this.buf;
      let pos = this.pos;
      for (let i = 0; i < s.length; i++) buf[pos++] = s.charCodeAt(i);
      this.pos = pos;
    } else {
      this.pos += this.buf.write(s, this.pos, byteLength, 'utf8');
    }
  }

  stringField(tag: number, s: string): void {
    if (s.length === 0) return;
    const n = utf8Length(s);
    this.ensure(10 + n);
    this.varint(tag);
    this.string(s, n);
  }

  /** A double field unless it is +0 (room ensured by the caller: 9 bytes). */
  doubleField(tag: number, v: number): void {
    if (Object.is(v, 0)) return;
    this.buf[this.pos] = tag;
    this.view.setFloat64(this.pos + 1, v, true);
    this.pos += 9;
  }

  /** The bytes written so far (a copy: the writer is reused). */
  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.pos));
    this.pos = 0;
    return out;
  }
}

// Field tags: (field number << 3) | wire type. Every tag here is below 128: one byte.
const TAG_TICK_SYMBOL = (1 << 3) | 2;
const TAG_TICK_KIND = (2 << 3) | 0;
const TAG_TICK_PRICE = (3 << 3) | 1;
const TAG_TICK_SIZE = (4 << 3) | 1;
const TAG_TICK_BID = (5 << 3) | 1;
const TAG_TICK_ASK = (6 << 3) | 1;
const TAG_TICK_BID_SIZE = (7 << 3) | 1;
const TAG_TICK_ASK_SIZE = (8 << 3) | 1;
const TAG_TICK_TIME = (9 << 3) | 1;
const TAG_TICK_SEQ = (10 << 3) | 0;
const TAG_TICK_CONDITION = (11 << 3) | 2;
const TAG_TICK_ORIGINAL_SEQ = (12 << 3) | 0;
const TAG_BATCH_ID = (1 << 3) | 0;
const TAG_BATCH_TICK = (2 << 3) | 2;
const TAG_CHUNK_PUBLISHER = (1 << 3) | 2;
const TAG_CHUNK_BATCH = (2 << 3) | 2;
const TAG_PUBLISHER_BATCH = (1 << 3) | 2;
const TAG_HEADER_VERSION = (1 << 3) | 0;
const TAG_HEADER_STARTED = (2 << 3) | 1;
const TAG_HEADER_BASKET = (3 << 3) | 2;

/** One Tick body; room for it (its computed size) has been ensured. */
function writeTick(w: ByteWriter, t: RecordedTick): void {
  if (t.symbol.length > 0) {
    w.varint(TAG_TICK_SYMBOL);
    w.string(t.symbol, utf8Length(t.symbol));
  }
  if (t.kind !== 0) {
    w.varint(TAG_TICK_KIND);
    w.varint(t.kind);
  }
  w.doubleField(TAG_TICK_PRICE, t.price);
  w.doubleField(TAG_TICK_SIZE, t.size);
  w.doubleField(TAG_TICK_BID, t.bid);
  w.doubleField(TAG_TICK_ASK, t.ask);
  w.doubleField(TAG_TICK_BID_SIZE, t.bidSize);
  w.doubleField(TAG_TICK_ASK_SIZE, t.askSize);
  w.doubleField(TAG_TICK_TIME, t.timeMs);
  if (t.seq !== 0) {
    w.varint(TAG_TICK_SEQ);
    w.varint(t.seq);
  }
  // Repeated strings keep empty elements, so these are written even when empty.
  for (const c of t.conditions) {
    w.varint(TAG_TICK_CONDITION);
    w.string(c, utf8Length(c));
  }
  if (t.originalSeq !== 0) {
    w.varint(TAG_TICK_ORIGINAL_SEQ);
    w.varint(t.originalSeq);
  }
}

/** Tick sizes of the batch being written (reused). */
let tickSizes = new Int32Array(1024);

/**
 * Appends one length-prefixed RecordingChunk {publisher, IngestBatch{batch_id, ticks}} to `w`.
 * Sizes are computed first, so every length prefix is a minimal varint and the bytes are canonical.
 */
export function writeChunk(w: ByteWriter, publisher: string, batchId: number, ticks: readonly RecordedTick[]): void {
  if (tickSizes.length < ticks.length) tickSizes = new Int32Array(Math.max(ticks.length, tickSizes.length * 2));
  const sizes = tickSizes;
  let batchSize = batchId !== 0 ? 1 + varintSize(batchId) : 0;
  for (let i = 0; i < ticks.length; i++) {
    const size = tickSize(ticks[i]!);
    sizes[i] = size;
    batchSize += 1 + varintSize(size) + size;
  }
  const publisherBytes = utf8Length(publisher);
  const chunkSize = (publisherBytes > 0 ? 1 + varintSize(publisherBytes) + publisherBytes : 0) + 1 + varintSize(batchSize) + batchSize;
  w.ensure(varintSize(chunkSize) + chunkSize);
  w.varint(chunkSize);
  if (publisherBytes > 0) {
    w.varint(TAG_CHUNK_PUBLISHER);
    w.string(publisher, publisherBytes);
  }
  w.varint(TAG_CHUNK_BATCH);
  w.varint(batchSize);
  if (batchId !== 0) {
    w.varint(TAG_BATCH_ID);
    w.varint(batchId);
  }
  for (let i = 0; i < ticks.length; i++) {
    w.varint(TAG_BATCH_TICK);
    w.varint(sizes[i]!);
    writeTick(w, ticks[i]!);
  }
}

/** The magic and the length-prefixed RecordingHeader. */
export function binaryPreamble(startedMs: number, basket: string): Buffer {
  const body = new ByteWriter(64);
  body.ensure(20);
  body.varint(TAG_HEADER_VERSION);
  body.varint(FORMAT_VERSION);
  body.doubleField(TAG_HEADER_STARTED, startedMs);
  body.stringField(TAG_HEADER_BASKET, basket);
  const header = body.take();
  const w = new ByteWriter(BINARY_MAGIC_BYTES.length + 10 + header.length);
  w.bytes(BINARY_MAGIC_BYTES);
  w.varint(header.length);
  w.bytes(header);
  return w.take();
}

export const BINARY_TAGS = {
  TAG_TICK_SYMBOL,
  TAG_TICK_KIND,
  TAG_TICK_PRICE,
  TAG_TICK_SIZE,
  TAG_TICK_BID,
  TAG_TICK_ASK,
  TAG_TICK_BID_SIZE,
  TAG_TICK_ASK_SIZE,
  TAG_TICK_TIME,
  TAG_TICK_SEQ,
  TAG_TICK_CONDITION,
  TAG_TICK_ORIGINAL_SEQ,
  TAG_BATCH_ID,
  TAG_BATCH_TICK,
  TAG_CHUNK_PUBLISHER,
  TAG_CHUNK_BATCH,
  TAG_PUBLISHER_BATCH,
  TAG_HEADER_VERSION,
  TAG_HEADER_STARTED,
  TAG_HEADER_BASKET,
} as const;

/** The format a path implies: `.bin` / `.bin.gz` → binary, anything else → NDJSON. */
export function formatOfPath(path: string): RecordingFormat {
  return /\.bin(\.gz)?$/i.test(path) ? 'binary' : 'ndjson';
}

export function isGzipPath(path: string): boolean {
  return /\.gz$/i.test(path);
}
