/**
 * Reads a recording (NDJSON or binary, plain or gzipped: detected from the bytes, not the name) as a
 * stream of batches. It holds one read chunk and the batch being built, never the whole file, and
 * yields each batch as soon as it is complete.
 *
 * Anything wrong with the file is a RecordingError naming the file and the line (NDJSON) or the
 * record's byte offset (binary): RECORDING_CORRUPT for bytes that are not a valid record,
 * RECORDING_TRUNCATED when the file ends inside a record, RECORDING_VERSION for a format version this
 * reader does not know, RECORDING_IO when the file cannot be read. Every batch before the bad record is
 * delivered first; the error comes from the call that would have returned the bad one.
 */
import { Buffer } from 'node:buffer';
import { DEFAULT_MAX_BATCH_TICKS } from '../../ingest/gate.ts';
import { ByteSource, DEFAULT_READ_CHUNK_BYTES } from './byte-source.ts';
import { errorText, optionError, RecordingCode, RecordingError } from './errors.ts';
import {
  BINARY_MAGIC,
  BINARY_MAGIC_PREFIX,
  FORMAT_VERSION,
  type RecordingFormat,
  type RecordingHeader,
} from './format.ts';
import type { Tick } from '../../tick/tick.ts';
import { WireDecodeError, WireDecoder } from '../../tick/wire-decoder.ts';
import { describeJson, readJsonTick, TickJsonError } from '../../tick/json.ts';

export interface ReaderOptions {
  /** Bytes per file read. Default 64 KiB. */
  readonly chunkBytes?: number;
  /** A batch with more ticks is refused as corrupt (bounds memory). Default: the gate's limit, 10,000. */
  readonly maxBatchTicks?: number;
  /** Binary: a record longer than this is refused as corrupt (bounds memory). Default 16 MiB. */
  readonly maxRecordBytes?: number;
  /** NDJSON: a line longer than this is refused as corrupt (bounds memory). Default 1 MiB. */
  readonly maxLineBytes?: number;
}

export interface RecordedBatch {
  readonly publisher: string;
  /** The recording's batch number (1, 2, …). */
  readonly batchId: number;
  readonly ticks: Tick[];
  /** The newest tick time in the batch (epoch ms): when the batch happened. */
  readonly timeMs: number;
  /** Where the batch starts: its first line (NDJSON) or its record's byte offset (binary). */
  readonly line: number | null;
  readonly offset: number | null;
}

const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;
const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
const MAX_VARINT32_BYTES = 5;

interface Limits {
  readonly maxBatchTicks: number;
  readonly maxRecordBytes: number;
  readonly maxLineBytes: number;
}

interface Parser {
  readonly format: RecordingFormat;
  header(): Promise<{ version: number; startedMs: number; basket: string }>;
  next(): Promise<RecordedBatch | null>;
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(Number.isSafeInteger(value) && value > 0)) throw optionError(`${name} must be a positive integer, got ${String(value)}`);
  return value;
}

export class RecordingReader implements AsyncIterable<RecordedBatch> {
  readonly file: string;
  readonly header: RecordingHeader;
  private readonly source: ByteSource;
  private readonly parser: Parser;
  private batchCount: number;
  private tickCount: number;
  private done: boolean;

  private constructor(source: ByteSource, parser: Parser, header: RecordingHeader) {
    this.file = source.file;
    this.source = source;
    this.parser = parser;
    this.header = header;
    this.batchCount = 0;
    this.tickCount = 0;
    this.done = false;
  }

  /** Opens a recording and reads its header. */
  static async open(path: string, options: ReaderOptions = {}): Promise<RecordingReader> {
    const limits: Limits = {
      maxBatchTicks: positiveInteger('maxBatchTicks', options.maxBatchTicks, DEFAULT_MAX_BATCH_TICKS),
      maxRecordBytes: positiveInteger('maxRecordBytes', options.maxRecordBytes, DEFAULT_MAX_RECORD_BYTES),
      maxLineBytes: positiveInteger('maxLineBytes', options.maxLineBytes, DEFAULT_MAX_LINE_BYTES),
    };
    const chunkBytes = positiveInteger('chunkBytes', options.chunkBytes, DEFAULT_READ_CHUNK_BYTES);
    const source = await ByteSource.open(path, chunkBytes);
    try {
      const first = await source.next();
      if (first === null) throw new RecordingError(RecordingCode.CORRUPT, { file: path }, 'the file is empty: not a hashcap recording');
      const parser = detect(first) === 'binary' ? new BinaryParser(source, first, limits) : new NdjsonParser(source, first, limits);
      const h = await parser.header();
      const header: RecordingHeader = {
        version: h.version,
        format: parser.format,
        startedMs: h.startedMs,
        basket: h.basket,
        compressed: source.compressed,
      };
      return new RecordingReader(source, parser, header);
    } catch (error) {
      await source.close();
      throw error;
    }
  }

  /** The next batch, or null after the last one (the file is then closed). */
  async next(): Promise<RecordedBatch | null> {
    if (this.done) return null;
    let batch: RecordedBatch | null;
    try {
      batch = await this.parser.next();
    } catch (error) {
      await this.close();
      throw error;
    }
    if (batch === null) {
      await this.close();
      return null;
    }
    this.batchCount++;
    this.tickCount += batch.ticks.length;
    return batch;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<RecordedBatch, void, undefined> {
    try {
      for (;;) {
        const batch = await this.next();
        if (batch === null) return;
        yield batch;
      }
    } finally {
      await this.close();
    }
  }

  /** Bytes read from the file so far (compressed bytes for a gzip file). */
  get bytesRead(): number {
    return this.source.bytesRead;
  }

  get batches(): number {
    return this.batchCount;
  }

  get ticks(): number {
    return this.tickCount;
  }

  async close(): Promise<void> {
    this.done = true;
    await this.source.close();
  }
}

/** Header and every batch of a (small) recording, for tests and tools. */
export async function readRecording(path: string, options: ReaderOptions = {}): Promise<{ header: RecordingHeader; batches: RecordedBatch[] }> {
  const reader = await RecordingReader.open(path, options);
  const batches: RecordedBatch[] = [];
  for await (const batch of reader) batches.push(batch);
  return { header: reader.header, batches };
}

function detect(first: Buffer): RecordingFormat {
  const head = first.subarray(0, BINARY_MAGIC_PREFIX.length).toString('latin1');
  if (BINARY_MAGIC_PREFIX.startsWith(head)) return 'binary';
  return 'ndjson';
}

function newestTime(ticks: readonly Tick[], fallback: number): number {
  let newest = -Infinity;
  for (const t of ticks) if (t.timeMs > newest) newest = t.timeMs;
  return Number.isFinite(newest) ? newest : fallback;
}

// ------------------------------------------------------------------------------------ binary

class BinaryParser implements Parser {
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

// ------------------------------------------------------------------------------------ NDJSON

interface TickLine {
  readonly batch: number;
  readonly publisher: string;
  readonly tick: Tick;
  readonly line: number;
}

class LineError extends Error {
  readonly field: string;
  constructor(field: string, detail: string) {
    super(detail);
    this.field = field;
  }
}

/** The keys of a tick line that are not Tick fields: read here, skipped by the tick reader. */
const LINE_KEYS: ReadonlySet<string> = new Set(['batch', 'publisher']);

/**
 * One tick line: the Tick in the protobuf JSON mapping (read by tick/json.ts, the reader the ingest
 * codec uses, so a line is accepted exactly when the same tick sent to /v1/ingest as JSON would
 * decode) plus "batch" and "publisher".
 */
function parseTickLine(value: unknown): { batch: number; publisher: string; tick: Tick } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new LineError('line', `must be a JSON object, got ${describeJson(value)}`);
  }
  const o = value as Record<string, unknown>;
  const batch = Object.hasOwn(o, 'batch') ? o['batch'] : undefined;
  if (batch === undefined) throw new LineError('batch', 'is missing');
  if (!(typeof batch === 'number' && Number.isSafeInteger(batch) && batch >= 0)) {
    throw new LineError('batch', `must be a non-negative integer, got ${describeJson(batch)}`);
  }
  const publisher = Object.hasOwn(o, 'publisher') ? o['publisher'] : undefined;
  if (publisher === undefined) throw new LineError('publisher', 'is missing');
  if (typeof publisher !== 'string') throw new LineError('publisher', `must be a string, got ${describeJson(publisher)}`);
  let tick: Tick;
  try {
    tick = readJsonTick(o, LINE_KEYS);
  } catch (error) {
    if (error instanceof TickJsonError) throw new LineError(error.field === '' ? 'tick' : error.field, error.detail);
    throw error;
  }
  return { batch, publisher, tick };
}

class NdjsonParser implements Parser {
  readonly format = 'ndjson' as const;
  private readonly source: ByteSource;
  private readonly limits: Limits;
  private readonly utf8: TextDecoder;
  private text: string;
  private textPos: number;
  private lineNo: number;
  private eof: boolean;
  /** The first tick of the next batch, read ahead to find where the current one ends. */
  private pending: TickLine | null;
  /** An error met while reading ahead: thrown by the next call, after the batch before it. */
  private pendingError: unknown;
  private lastTimeMs: number;

  constructor(source: ByteSource, first: Buffer, limits: Limits) {
    this.source = source;
    this.limits = limits;
    this.utf8 = new TextDecoder('utf-8', { fatal: true });
    this.text = '';
    this.textPos = 0;
    this.lineNo = 0;
    this.eof = false;
    this.pending = null;
    this.pendingError = null;
    this.lastTimeMs = 0;
    this.append(first);
  }

  private fail(code: RecordingCode, line: number, detail: string, cause?: unknown): RecordingError {
    return new RecordingError(code, { file: this.source.file, line }, detail, cause === undefined ? undefined : { cause });
  }

  private append(chunk: Buffer): void {
    let decoded: string;
    try {
      decoded = this.utf8.decode(chunk, { stream: true });
    } catch (error) {
      // Name the line the bad bytes are on: count the lines before the first replacement character.
      const lossy = new TextDecoder('utf-8').decode(chunk);
      const before = this.text.slice(this.textPos) + lossy.slice(0, Math.max(0, lossy.indexOf('\uFFFD')));
      let line = this.lineNo + 1;
      for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
      throw this.fail(RecordingCode.CORRUPT, line, 'invalid UTF-8', error);
    }
    this.text = this.textPos >= this.text.length ? decoded : this.text.slice(this.textPos) + decoded;
    this.textPos = 0;
  }

  /** The next line (without its newline) and whether it had one; null at the end of the file. */
  private async line(): Promise<{ text: string; terminated: boolean } | null> {
    for (;;) {
      const nl = this.text.indexOf('\n', this.textPos);
      if (nl >= 0) {
        let end = nl;
        if (end > this.textPos && this.text.charCodeAt(end - 1) === 0x0d) end--;
        const line = this.text.slice(this.textPos, end);
        this.textPos = nl + 1;
        this.lineNo++;
        return { text: line, terminated: true };
      }
      if (this.text.length - this.textPos > this.limits.maxLineBytes) {
        throw this.fail(RecordingCode.CORRUPT, this.lineNo + 1, `line is longer than ${this.limits.maxLineBytes} characters`);
      }
      if (this.eof) {
        if (this.textPos >= this.text.length) return null;
        const line = this.text.slice(this.textPos);
        this.textPos = this.text.length;
        this.lineNo++;
        return { text: line, terminated: false };
      }
      const chunk = await this.source.next();
      if (chunk === null) {
        this.eof = true;
        try {
          const tail = this.utf8.decode();
          if (tail.length > 0) this.text = this.text.slice(this.textPos) + tail;
        } catch (error) {
          throw this.fail(RecordingCode.TRUNCATED, this.lineNo + 1, 'the file ends inside a UTF-8 character', error);
        }
        if (this.textPos > 0 && this.textPos < this.text.length) {
          this.text = this.text.slice(this.textPos);
          this.textPos = 0;
        }
      } else {
        this.append(chunk);
      }
    }
  }

  private parseJson(line: { text: string; terminated: boolean }): unknown {
    try {
      return JSON.parse(line.text);
    } catch (error) {
      if (!line.terminated) {
        throw this.fail(RecordingCode.TRUNCATED, this.lineNo, 'the last line is cut off (no newline at the end of the file, and not valid JSON)', error);
      }
      throw this.fail(RecordingCode.CORRUPT, this.lineNo, `not valid JSON: ${errorText(error)}`, error);
    }
  }

  async header(): Promise<{ version: number; startedMs: number; basket: string }> {
    const first = await this.line();
    if (first === null) throw this.fail(RecordingCode.CORRUPT, 1, 'the file is empty: not a hashcap recording');
    const text = first.text.charCodeAt(0) === 0xfeff ? first.text.slice(1) : first.text;
    if (!text.trimStart().startsWith('{')) {
      throw this.fail(RecordingCode.CORRUPT, 1, `not a hashcap recording (expected ${JSON.stringify(BINARY_MAGIC)} or an NDJSON header line)`);
    }
    const value = this.parseJson({ text, terminated: first.terminated });
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, 'hashcap_recording')) {
      throw this.fail(RecordingCode.CORRUPT, 1, 'not a hashcap recording: the first line has no "hashcap_recording"');
    }
    const h = value as Record<string, unknown>;
    const version = h['hashcap_recording'];
    if (version !== FORMAT_VERSION) {
      if (typeof version === 'number' && Number.isInteger(version) && version > 0) {
        throw this.fail(RecordingCode.VERSION, 1, `NDJSON recording version ${version}; this reader knows version ${FORMAT_VERSION}`);
      }
      throw this.fail(RecordingCode.CORRUPT, 1, `hashcap_recording must be a version number, got ${describeJson(version)}`);
    }
    if (h['format'] !== 'ndjson') throw this.fail(RecordingCode.CORRUPT, 1, `format must be "ndjson", got ${describeJson(h['format'])}`);
    const started = h['started'];
    const startedMs = typeof started === 'number' ? started : typeof started === 'string' ? Date.parse(started) : Number.NaN;
    if (!Number.isFinite(startedMs)) {
      throw this.fail(RecordingCode.CORRUPT, 1, `started must be an ISO time or epoch ms, got ${describeJson(started)}`);
    }
    const basket = h['basket'] ?? '';
    if (typeof basket !== 'string') throw this.fail(RecordingCode.CORRUPT, 1, `basket must be a string, got ${describeJson(basket)}`);
    return { version, startedMs, basket };
  }

  private async tickLine(): Promise<TickLine | null> {
    for (;;) {
      const line = await this.line();
      if (line === null) return null;
      if (line.text.trim().length === 0) continue;
      const value = this.parseJson(line);
      try {
        const { batch, publisher, tick } = parseTickLine(value);
        return { batch, publisher, tick, line: this.lineNo };
      } catch (error) {
        if (error instanceof LineError) throw this.fail(RecordingCode.CORRUPT, this.lineNo, `${error.field}: ${error.message}`);
        throw error;
      }
    }
  }

  async next(): Promise<RecordedBatch | null> {
    if (this.pendingError !== null) {
      const error = this.pendingError;
      this.pendingError = null;
      throw error;
    }
    const first = this.pending ?? (await this.tickLine());
    this.pending = null;
    if (first === null) return null;
    const ticks: Tick[] = [first.tick];
    for (;;) {
      let t: TickLine | null;
      try {
        t = await this.tickLine();
      } catch (error) {
        this.pendingError = error;
        break;
      }
      if (t === null) break;
      if (t.batch === first.batch) {
        if (t.publisher !== first.publisher) {
          this.pendingError = this.fail(
            RecordingCode.CORRUPT,
            t.line,
            `batch ${t.batch} has ticks of publisher ${JSON.stringify(first.publisher)} and ${JSON.stringify(t.publisher)}`,
          );
          break;
        }
        if (ticks.length >= this.limits.maxBatchTicks) {
          throw this.fail(RecordingCode.CORRUPT, t.line, `batch ${t.batch} has more than ${this.limits.maxBatchTicks} ticks`);
        }
        ticks.push(t.tick);
      } else if (t.batch < first.batch) {
        this.pendingError = this.fail(RecordingCode.CORRUPT, t.line, `batch ${t.batch} follows batch ${first.batch}: batch numbers must increase`);
        break;
      } else {
        this.pending = t;
        break;
      }
    }
    const timeMs = newestTime(ticks, this.lastTimeMs);
    this.lastTimeMs = timeMs;
    return { publisher: first.publisher, batchId: first.batch, ticks, timeMs, line: first.line, offset: null };
  }
}
