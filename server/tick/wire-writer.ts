/**
 * The hand-written protobuf writer of ticks: sizes computed first, so every length prefix is a minimal
 * varint and the bytes are canonical (what protobufjs writes for the same message, defaults omitted).
 * The binary recording writes its chunks with it; `wire-decoder.ts` reads them back.
 */
import { Buffer } from 'node:buffer';
import type { Tick } from './tick.ts';
import {
  TAG_BATCH_ID,
  TAG_BATCH_TICK,
  TAG_CHUNK_BATCH,
  TAG_CHUNK_PUBLISHER,
  TAG_TICK_ASK,
  TAG_TICK_ASK_SIZE,
  TAG_TICK_BID,
  TAG_TICK_BID_SIZE,
  TAG_TICK_CONDITION,
  TAG_TICK_KIND,
  TAG_TICK_ORIGINAL_SEQ,
  TAG_TICK_PRICE,
  TAG_TICK_SEQ,
  TAG_TICK_SIZE,
  TAG_TICK_SYMBOL,
  TAG_TICK_TIME,
} from './wire-tags.ts';

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
export function utf8Length(s: string): number {
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
function tickSize(t: Tick): number {
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

  /** A double, always (room ensured by the caller: 8 bytes). */
  double(v: number): void {
    this.view.setFloat64(this.pos, v, true);
    this.pos += 8;
  }

  /**
   * Starts a length-delimited field whose length is not known yet: one byte is kept for it, which `end`
   * fills in (moving the body on when the length needs more than one byte).
   */
  begin(): number {
    this.ensure(1);
    return this.pos++;
  }

  end(lengthAt: number): void {
    const length = this.pos - lengthAt - 1;
    if (length < 0x80) {
      this.buf[lengthAt] = length;
      return;
    }
    const extra = varintSize(length) - 1;
    this.ensure(extra);
    this.buf.copyWithin(lengthAt + 1 + extra, lengthAt + 1, this.pos);
    const after = this.pos + extra;
    this.pos = lengthAt;
    this.varint(length);
    this.pos = after;
  }

  /** The bytes written so far (a copy: the writer is reused). */
  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.pos));
    this.pos = 0;
    return out;
  }
}

/** One Tick body; room for it (its computed size) has been ensured. */
function writeTick(w: ByteWriter, t: Tick): void {
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
export function writeChunk(w: ByteWriter, publisher: string, batchId: number, ticks: readonly Tick[]): void {
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

