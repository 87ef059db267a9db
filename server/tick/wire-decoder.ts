/**
 * A hand-written protobuf decoder for the messages on the ingest path (IngestBatch, Tick) and the
 * recording's wrappers (RecordingChunk, RecordingHeader).
 *
 * Why not the generated `wire.IngestBatch.decode`: it builds a `wire.Tick` per tick whose own
 * properties are only the non-default fields, set in wire order, with `delete` for zeros; trades and
 * quotes (and ticks with or without conditions) then have different hidden classes, and every field
 * read in the gate goes polymorphic. This decoder writes each tick straight into reusable typed-array
 * columns (tick-columns.ts): no object per tick; the symbol's bytes are interned to its symbol id (no
 * string and no Map lookup per tick), doubles read through a DataView. `ingestBatchInto` /
 * `publisherMessageInto` are the ingest path; `ingestBatch`, `publisherMessage` and `chunk` make Ticks
 * of the same columns for readers that want objects (recordings, tests). The ingest bench measures the
 * difference (bench/ingest).
 *
 * It is also stricter, as a reader of stored files should be: a known field with the wrong wire type,
 * a varint longer than 10 bytes, a length past the end, a group, or invalid UTF-8 is an error (with
 * the byte offset), where protobufjs would skip or keep the field as unknown. Unknown fields with a
 * valid wire type are skipped, so newer writers stay readable.
 */
import { HashcapError, HashcapErrorCode } from '../errors.ts';
import { NO_CONDITIONS, type Tick } from './tick.ts';
import { INTERN_MAX_BYTES, NO_SYMBOL, NOT_ASCII, TickColumns } from './tick-columns.ts';
import { WIRE_TAGS as T } from './wire-tags.ts';

/** A decoding failure at `offset` (relative to the start of the bytes given to the decoder). */
export class WireDecodeError extends HashcapError {
  readonly offset: number;
  readonly detail: string;

  constructor(offset: number, detail: string) {
    super(HashcapErrorCode.WIRE_DECODE, `byte ${offset}: ${detail}`);
    this.offset = offset;
    this.detail = detail;
  }
}

export interface DecodedBatch {
  batchId: number;
  ticks: Tick[];
}

export interface DecodedChunk {
  publisher: string;
  batchId: number;
  ticks: Tick[];
}

export interface DecodedHeader {
  version: number;
  startedMs: number;
  basket: string;
}

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LEN = 2;
const WIRE_FIXED32 = 5;
const TWO_32 = 4294967296;
const INTERN_SLOTS = 512;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class WireDecoder {
  private buf: Uint8Array;
  private view: DataView;
  private pos: number;
  /** Interned condition strings: slot by hash, checked byte for byte on a hit. */
  private readonly interned: (string | undefined)[];
  /** Frozen one-element condition lists, by their interned string. */
  private readonly singletons: Map<string, string[]>;
  /** Where the object-making readers decode to (symbols as text only). */
  private readonly own: TickColumns;
  /** The columns being written, and the batch id read (a scalar: no result object per batch). */
  private cols: TickColumns;
  private batchId: number;

  constructor() {
    this.buf = new Uint8Array(0);
    this.view = new DataView(this.buf.buffer);
    this.pos = 0;
    this.interned = new Array<string | undefined>(INTERN_SLOTS).fill(undefined);
    this.singletons = new Map();
    this.own = new TickColumns(null);
    this.cols = this.own;
    this.batchId = 0;
  }

  /**
   * An IngestBatch message occupying all of `bytes`, into `columns` (their previous rows are
   * dropped); returns the batch id. On an error the columns hold a partial batch: do not use them.
   */
  ingestBatchInto(bytes: Uint8Array, columns: TickColumns): number {
    this.reset(bytes, columns);
    this.batchBody(bytes.length);
    return this.batchId;
  }

  /**
   * A PublisherMessage (what a publisher sends on /v1/ingest) into `columns`: its batch id, or -1 when
   * it carries no batch. Same strictness as `ingestBatchInto`.
   */
  publisherMessageInto(bytes: Uint8Array, columns: TickColumns): number {
    this.reset(bytes, columns);
    const end = bytes.length;
    let sawBatch = false;
    while (this.pos < end) {
      const at = this.pos;
      const tag = this.varint32(end);
      if (tag === T.TAG_PUBLISHER_BATCH) {
        const len = this.length(end);
        // A repeated embedded message merges into the one before it, as protobuf specifies.
        this.batchBody(this.pos + len);
        sawBatch = true;
      } else {
        this.unknown(tag, at, end, 1, 1);
      }
    }
    return sawBatch ? this.batchId : -1;
  }

  /** An IngestBatch message occupying all of `bytes`, as Ticks. */
  ingestBatch(bytes: Uint8Array): DecodedBatch {
    const batchId = this.ingestBatchInto(bytes, this.own);
    return { batchId, ticks: this.own.toTicks() };
  }

  /** A PublisherMessage as Ticks: its batch, or null when it carries none. */
  publisherMessage(bytes: Uint8Array): DecodedBatch | null {
    const batchId = this.publisherMessageInto(bytes, this.own);
    return batchId < 0 ? null : { batchId, ticks: this.own.toTicks() };
  }

  /** A RecordingChunk body occupying bytes[start, end). Offsets in errors are relative to `bytes`. */
  chunk(bytes: Uint8Array, start: number, end: number): DecodedChunk {
    this.reset(bytes, this.own);
    this.pos = start;
    let publisher = '';
    let sawBatch = false;
    while (this.pos < end) {
      const at = this.pos;
      const tag = this.varint32(end);
      if (tag === T.TAG_CHUNK_PUBLISHER) {
        publisher = this.string(end, false);
      } else if (tag === T.TAG_CHUNK_BATCH) {
        const len = this.length(end);
        // Each batch field restarts its id (the ticks accumulate), as before.
        this.batchId = 0;
        this.batchBody(this.pos + len);
        sawBatch = true;
      } else {
        this.unknown(tag, at, end, 1, 2);
      }
    }
    if (!sawBatch) throw new WireDecodeError(start, 'the chunk carries no batch');
    return { publisher, batchId: this.batchId, ticks: this.own.toTicks() };
  }

  /** A RecordingHeader body occupying bytes[start, end). */
  header(bytes: Uint8Array, start: number, end: number): DecodedHeader {
    this.reset(bytes, this.own);
    this.pos = start;
    const out: DecodedHeader = { version: 0, startedMs: 0, basket: '' };
    while (this.pos < end) {
      const at = this.pos;
      const tag = this.varint32(end);
      if (tag === T.TAG_HEADER_VERSION) out.version = this.varint64(end);
      else if (tag === T.TAG_HEADER_STARTED) out.startedMs = this.double(end);
      else if (tag === T.TAG_HEADER_BASKET) out.basket = this.string(end, false);
      else this.unknown(tag, at, end, 1, 3);
    }
    return out;
  }

  // ------------------------------------------------------------------------------------ internals

  private reset(bytes: Uint8Array, columns: TickColumns): void {
    if (bytes !== this.buf) {
      this.buf = bytes;
      this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    this.pos = 0;
    this.batchId = 0;
    this.cols = columns;
    columns.beginDecoded();
  }

  private batchBody(end: number): void {
    while (this.pos < end) {
      const at = this.pos;
      const tag = this.varint32(end);
      if (tag === T.TAG_BATCH_TICK) {
        const buf = this.buf;
        const p = this.pos;
        let len: number;
        // A Tick is 2–16383 bytes: its length is one or two varint bytes, read inline.
        if (p + 1 < end && buf[p]! >= 0x80 && buf[p + 1]! < 0x80) {
          len = (buf[p]! & 0x7f) | (buf[p + 1]! << 7);
          this.pos = p + 2;
        } else if (p < end && buf[p]! < 0x80) {
          len = buf[p]!;
          this.pos = p + 1;
        } else {
          len = this.varint32(end);
        }
        if (this.pos + len > end) throw new WireDecodeError(p, `length ${len} runs past the end of the message (${end - this.pos} bytes left)`);
        this.tick(this.pos + len);
      } else if (tag === T.TAG_BATCH_ID) {
        this.batchId = this.varint64(end);
      } else {
        this.unknown(tag, at, end, 1, 2);
      }
    }
  }

  /**
   * The hot loop: one Tick body ending at `end`, into the next row of the columns. Position lives in
   * a local; one-byte tags (every field here), doubles, short symbols and small seqs are read inline;
   * rarer shapes (long varints, non-ASCII strings, unknown fields) go through the general helpers.
   */
  private tick(end: number): void {
    const buf = this.buf;
    const view = this.view;
    const cols = this.cols;
    let pos = this.pos;
    let symbolId = NO_SYMBOL;
    let symbol = '';
    let kind = 0;
    let price = 0;
    let size = 0;
    let bid = 0;
    let ask = 0;
    let bidSize = 0;
    let askSize = 0;
    let timeMs = 0;
    let seq = 0;
    let originalSeq = 0;
    let conditions = NO_CONDITIONS;
    while (pos < end) {
      const at = pos;
      let tag = buf[pos]!;
      if (tag < 0x80) pos++;
      else {
        this.pos = pos;
        tag = this.varint32(end);
        pos = this.pos;
      }
      switch (tag) {
        case T.TAG_TICK_PRICE:
          if (pos + 8 > end) throw truncatedField(pos, end);
          price = view.getFloat64(pos, true);
          pos += 8;
          continue;
        case T.TAG_TICK_SIZE:
          if (pos + 8 > end) throw truncatedField(pos, end);
          size = view.getFloat64(pos, true);
          pos += 8;
          continue;
        case T.TAG_TICK_BID:
          if (pos + 8 > end) throw truncatedField(pos, end);
          bid = view.getFloat64(pos, true);
          pos += 8;
          continue;
        case T.TAG_TICK_ASK:
          if (pos + 8 > end) throw truncatedField(pos, end);
          ask = view.getFloat64(pos, true);
          pos += 8;
          continue;
        case T.TAG_TICK_BID_SIZE:
          if (pos + 8 > end) throw truncatedField(pos, end);
          bidSize = view.getFloat64(pos, true);
          pos += 8;
          continue;
        case T.TAG_TICK_ASK_SIZE:
          if (pos + 8 > end) throw truncatedField(pos, end);
          askSize = view.getFloat64(pos, true);
          pos += 8;
          continue;
        case T.TAG_TICK_TIME:
          if (pos + 8 > end) throw truncatedField(pos, end);
          timeMs = view.getFloat64(pos, true);
          pos += 8;
          continue;
        case T.TAG_TICK_SYMBOL: {
          const len = pos < end ? buf[pos]! : 0x80;
          if (len < 0x80 && len <= INTERN_MAX_BYTES && pos + 1 + len <= end) {
            const slot = cols.internAscii(buf, pos + 1, len);
            if (slot !== NOT_ASCII) {
              symbolId = cols.slotId(slot);
              symbol = cols.slotText(slot);
              pos += 1 + len;
              continue;
            }
          }
          // Long or non-ASCII: a string and a lookup (no symbol in an index is either).
          this.pos = pos;
          symbol = this.string(end, false);
          symbolId = cols.resolve(symbol);
          pos = this.pos;
          continue;
        }
        case T.TAG_TICK_SEQ: {
          // Up to three bytes (seq < 2^21) inline.
          const b0 = pos < end ? buf[pos]! : 0x80;
          if (b0 < 0x80) {
            seq = b0;
            pos += 1;
            continue;
          }
          const b1 = pos + 1 < end ? buf[pos + 1]! : 0x80;
          if (b1 < 0x80) {
            seq = (b0 & 0x7f) | (b1 << 7);
            pos += 2;
            continue;
          }
          const b2 = pos + 2 < end ? buf[pos + 2]! : 0x80;
          if (b2 < 0x80) {
            seq = (b0 & 0x7f) | ((b1 & 0x7f) << 7) | (b2 << 14);
            pos += 3;
            continue;
          }
          this.pos = pos;
          seq = this.varint64(end);
          pos = this.pos;
          continue;
        }
        case T.TAG_TICK_KIND:
          if (pos < end && buf[pos]! < 0x80) {
            kind = buf[pos]!;
            pos++;
            continue;
          }
          // int32: the low 32 bits of the varint, as protobuf decoders read enums.
          this.pos = pos;
          kind = this.varintLow32(end) | 0;
          pos = this.pos;
          continue;
        case T.TAG_TICK_ORIGINAL_SEQ:
          // Rare (cancels and corrections only): the general reader.
          this.pos = pos;
          originalSeq = this.varint64(end);
          pos = this.pos;
          continue;
        case T.TAG_TICK_CONDITION: {
          this.pos = pos;
          const c = this.string(end, true);
          pos = this.pos;
          if (conditions.length === 0) conditions = this.singleton(c);
          else if (Object.isFrozen(conditions)) conditions = [...conditions, c];
          else conditions.push(c);
          continue;
        }
        default:
          this.pos = pos;
          this.unknown(tag, at, end, 1, 12);
          pos = this.pos;
      }
    }
    this.pos = pos;
    const row = cols.addRow();
    if (row < 0) return;
    cols.symbolIds[row] = symbolId;
    cols.symbolTexts[row] = symbol;
    cols.kinds[row] = kind;
    cols.prices[row] = price;
    cols.sizes[row] = size;
    cols.bids[row] = bid;
    cols.asks[row] = ask;
    cols.bidSizes[row] = bidSize;
    cols.askSizes[row] = askSize;
    cols.times[row] = timeMs;
    cols.seqs[row] = seq;
    cols.originalSeqs[row] = originalSeq;
    cols.conditions[row] = conditions;
    cols.flags[row] = 0;
  }

  /** The interned string of ASCII bytes buf[start, start + len), or null if they are not all ASCII. */
  private internAscii(start: number, len: number): string | null {
    const buf = this.buf;
    const stop = start + len;
    let hash = len;
    for (let i = start; i < stop; i++) {
      const b = buf[i]!;
      if (b >= 0x80) return null;
      hash = Math.imul(hash ^ b, 0x01000193);
    }
    const slot = (hash >>> 0) & (INTERN_SLOTS - 1);
    const cached = this.interned[slot];
    if (cached !== undefined && cached.length === len && sameAscii(cached, buf, start)) return cached;
    let s = '';
    for (let i = start; i < stop; i++) s += String.fromCharCode(buf[i]!);
    this.interned[slot] = s;
    return s;
  }

  private singleton(c: string): string[] {
    let list = this.singletons.get(c);
    if (list === undefined) {
      list = Object.freeze([c]) as unknown as string[];
      if (this.singletons.size < INTERN_SLOTS) this.singletons.set(c, list);
    }
    return list;
  }

  /** Skips an unknown field, or refuses a known field number sent with the wrong wire type. */
  private unknown(tag: number, at: number, end: number, firstKnown: number, lastKnown: number): void {
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (field === 0) throw new WireDecodeError(at, 'field number 0 is invalid');
    if (field >= firstKnown && field <= lastKnown) {
      throw new WireDecodeError(at, `field ${field} has wire type ${wire}, which is not its type`);
    }
    switch (wire) {
      case WIRE_VARINT:
        this.varint64(end);
        return;
      case WIRE_FIXED64:
        this.need(8, end);
        this.pos += 8;
        return;
      case WIRE_LEN:
        this.pos += this.length(end);
        return;
      case WIRE_FIXED32:
        this.need(4, end);
        this.pos += 4;
        return;
      default:
        throw new WireDecodeError(at, `wire type ${wire} (field ${field}) is not supported`);
    }
  }

  private need(n: number, end: number): void {
    if (this.pos + n > end) throw new WireDecodeError(this.pos, `${n} bytes needed, ${end - this.pos} left in the message`);
  }

  /** A varint that must fit in 32 bits unsigned (tags, lengths). */
  private varint32(end: number): number {
    const buf = this.buf;
    let pos = this.pos;
    if (pos < end && buf[pos]! < 0x80) {
      this.pos = pos + 1;
      return buf[pos]!;
    }
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (pos >= end) throw new WireDecodeError(this.pos, 'varint runs past the end of the message');
      const b = buf[pos++]!;
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) {
        if (value >= TWO_32) break;
        this.pos = pos;
        return value;
      }
    }
    throw new WireDecodeError(this.pos, 'varint does not fit in 32 bits');
  }

  /** The low 32 bits of a varint of up to 10 bytes. */
  private varintLow32(end: number): number {
    const start = this.pos;
    const buf = this.buf;
    let low = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= end) throw new WireDecodeError(start, 'varint runs past the end of the message');
      const b = buf[this.pos++]!;
      if (i < 5) low |= (b & 0x7f) << (7 * i);
      if (b < 0x80) return low >>> 0;
    }
    throw new WireDecodeError(start, 'varint is longer than 10 bytes');
  }

  /** A uint64 varint as a number (exact below 2^53, like protobufjs with Long disabled). */
  private varint64(end: number): number {
    const start = this.pos;
    const buf = this.buf;
    if (start < end && buf[start]! < 0x80) {
      this.pos = start + 1;
      return buf[start]!;
    }
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= end) throw new WireDecodeError(start, 'varint runs past the end of the message');
      const b = buf[this.pos++]!;
      if (i < 4) lo |= (b & 0x7f) << (7 * i);
      else if (i === 4) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >>> 4;
      } else hi |= (b & 0x7f) << (7 * i - 32);
      if (b < 0x80) return (hi >>> 0) * TWO_32 + (lo >>> 0);
    }
    throw new WireDecodeError(start, 'varint is longer than 10 bytes');
  }

  private length(end: number): number {
    const at = this.pos;
    const len = this.varint32(end);
    if (this.pos + len > end) {
      throw new WireDecodeError(at, `length ${len} runs past the end of the message (${end - this.pos} bytes left)`);
    }
    return len;
  }

  private double(end: number): number {
    this.need(8, end);
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  private string(end: number, intern: boolean): string {
    const at = this.pos;
    const len = this.length(end);
    const start = this.pos;
    this.pos = start + len;
    if (len === 0) return '';
    if (intern && len <= INTERN_MAX_BYTES) {
      const s = this.internAscii(start, len);
      if (s !== null) return s;
    }
    try {
      return utf8.decode(this.buf.subarray(start, start + len));
    } catch {
      throw new WireDecodeError(at, 'string is not valid UTF-8');
    }
  }
}

function truncatedField(pos: number, end: number): WireDecodeError {
  return new WireDecodeError(pos, `8 bytes needed, ${end - pos} left in the message`);
}

function sameAscii(s: string, buf: Uint8Array, start: number): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== buf[start + i]) return false;
  return true;
}
