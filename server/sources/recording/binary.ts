/**
 * The binary recording (`.bin`, optionally gzipped): the magic `HCREC1\n`, then varint-length-prefixed
 * protobuf messages (recording.proto): one RecordingHeader, then one RecordingChunk per batch. The
 * preamble the recorder writes (its chunks are written by ../../tick/wire-writer.ts) and the parser the
 * reader uses (chunks decoded by ../../tick/wire-decoder.ts).
 */
import { Buffer } from 'node:buffer';
import { TAG_HEADER_BASKET, TAG_HEADER_STARTED, TAG_HEADER_VERSION } from '../../tick/wire-tags.ts';
import { WireDecodeError, WireDecoder } from '../../tick/wire-decoder.ts';
import { ByteWriter } from '../../tick/wire-writer.ts';
import type { ByteSource } from './byte-source.ts';
import { errorText, RecordingCode, RecordingError } from './errors.ts';
import { BINARY_MAGIC, BINARY_MAGIC_BYTES, FORMAT_VERSION, newestTime, type FormatParser, type Limits, type RecordedBatch } from './format.ts';

const MAX_VARINT32_BYTES = 5;

// ------------------------------------------------------------------------------------ writing

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

// ------------------------------------------------------------------------------------ reading

export class BinaryParser implements FormatParser {
  readonly format = 'binary' as const;
  private readonly source: ByteSource;
  private readonly limits: Limits;
  private readonly decoder: WireDecoder;
  /** Unparsed bytes: buf[pos…] is at file offset base + pos (uncompressed). */
  private buf: Buffer;
  private pos: number;
  private base: number;
  private eof: boolean;
  private lastTimeMs: number;

  constructor(source: ByteSource, first: Buffer, limits: Limits) {
    this.source = source;
    this.limits = limits;
    this.decoder = new WireDecoder();
    this.buf = first;
    this.pos = 0;
    this.base = 0;
    this.eof = false;
    this.lastTimeMs = 0;
  }

  private fail(code: RecordingCode, offset: number, detail: string, cause?: unknown): RecordingError {
    return new RecordingError(code, { file: this.source.file, offset }, detail, cause === undefined ? undefined : { cause });
  }

  /** Makes at least `n` unparsed bytes available; false if the file ends first. */
  private async fill(n: number): Promise<boolean> {
    let available = this.buf.length - this.pos;
    if (available >= n) return true;
    // Collect chunks first and join once, so a record spanning many chunks is copied once.
    const parts = available > 0 ? [this.buf.subarray(this.pos)] : [];
    while (available < n && !this.eof) {
      const chunk = await this.source.next();
      if (chunk === null) this.eof = true;
      else {
        parts.push(chunk);
        available += chunk.length;
      }
    }
    this.base += this.pos;
    this.pos = 0;
    this.buf = parts.length === 1 ? parts[0]! : Buffer.concat(parts, available);
    return available >= n;
  }

  async header(): Promise<{ version: number; startedMs: number; basket: string }> {
    const magicLength = BINARY_MAGIC.length;
    if (!(await this.fill(magicLength))) {
      const have = this.buf.subarray(this.pos).toString('latin1');
      if (BINARY_MAGIC.startsWith(have)) throw this.fail(RecordingCode.TRUNCATED, 0, 'the file ends inside the magic (HCREC1)');
    }
    const magic = this.buf.subarray(this.pos, this.pos + magicLength).toString('latin1');
    if (magic !== BINARY_MAGIC) {
      // HCREC<version>\n: another version of this format, or not a recording at all.
      await this.fill(16);
      const head = this.buf.subarray(this.pos, this.pos + 16).toString('latin1');
      const m = /^HCREC(\d{1,8})\n/.exec(head);
      if (m) throw this.fail(RecordingCode.VERSION, 0, `binary recording version ${m[1]}; this reader knows version ${FORMAT_VERSION}`);
      throw this.fail(RecordingCode.CORRUPT, 0, `not a hashcap recording (expected ${JSON.stringify(BINARY_MAGIC)} or an NDJSON header line)`);
    }
    this.pos += magicLength;
    const record = await this.record();
    if (record === null) throw this.fail(RecordingCode.TRUNCATED, magicLength, 'the file ends after the magic: the header is missing');
    let h;
    try {
      h = this.decoder.header(this.buf, record.start, record.end);
    } catch (error) {
      throw this.decodeFailure(error, record.offset, 'header');
    }
    if (h.version !== FORMAT_VERSION) {
      throw this.fail(RecordingCode.VERSION, record.offset, `header says version ${h.version}; this reader knows version ${FORMAT_VERSION}`);
    }
    if (!Number.isFinite(h.startedMs)) throw this.fail(RecordingCode.CORRUPT, record.offset, `header: started_ms ${h.startedMs} is not a time`);
    return h;
  }

  /** The next length-prefixed record: its body is buf[start, end); null at a clean end of file. */
  private async record(): Promise<{ offset: number; start: number; end: number } | null> {
    const offset = this.base + this.pos;
    let length = 0;
    let prefix = 0;
    for (;;) {
      if (!(await this.fill(prefix + 1))) {
        if (prefix === 0) return null;
        throw this.fail(RecordingCode.TRUNCATED, offset, 'the file ends inside a record length');
      }
      const b = this.buf[this.pos + prefix]!;
      length += (b & 0x7f) * 2 ** (7 * prefix);
      prefix++;
      if (b < 0x80) break;
      if (prefix === MAX_VARINT32_BYTES) throw this.fail(RecordingCode.CORRUPT, offset, 'record length is not a valid varint');
    }
    if (length > this.limits.maxRecordBytes) {
      throw this.fail(RecordingCode.CORRUPT, offset, `record length ${length} is over the limit of ${this.limits.maxRecordBytes} bytes`);
    }
    if (!(await this.fill(prefix + length))) {
      const have = this.buf.length - this.pos - prefix;
      throw this.fail(RecordingCode.TRUNCATED, offset, `the last record is cut off: ${have} of its ${length} bytes are in the file`);
    }
    const start = this.pos + prefix;
    this.pos = start + length;
    return { offset, start, end: start + length };
  }

  private decodeFailure(error: unknown, recordOffset: number, what: string): RecordingError {
    if (error instanceof WireDecodeError) {
      return this.fail(RecordingCode.CORRUPT, recordOffset, `${what} record: ${error.detail} (at byte ${this.base + error.offset})`, error);
    }
    return this.fail(RecordingCode.CORRUPT, recordOffset, `${what} record: ${errorText(error)}`, error);
  }

  async next(): Promise<RecordedBatch | null> {
    const record = await this.record();
    if (record === null) return null;
    let chunk;
    try {
      chunk = this.decoder.chunk(this.buf, record.start, record.end);
    } catch (error) {
      throw this.decodeFailure(error, record.offset, 'batch');
    }
    if (chunk.ticks.length > this.limits.maxBatchTicks) {
      throw this.fail(RecordingCode.CORRUPT, record.offset, `batch of ${chunk.ticks.length} ticks is over the limit of ${this.limits.maxBatchTicks}`);
    }
    const timeMs = newestTime(chunk.ticks, this.lastTimeMs);
    this.lastTimeMs = timeMs;
    return { publisher: chunk.publisher, batchId: chunk.batchId, ticks: chunk.ticks, timeMs, line: null, offset: record.offset };
  }
}