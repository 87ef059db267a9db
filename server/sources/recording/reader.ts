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
import { BinaryParser } from './binary.ts';
import { optionError, RecordingCode, RecordingError } from './errors.ts';
import { BINARY_MAGIC_PREFIX, type FormatParser, type Limits, type RecordedBatch, type RecordingFormat, type RecordingHeader } from './format.ts';
import { NdjsonParser } from './ndjson.ts';

export type { RecordedBatch } from './format.ts';

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

const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;
const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(Number.isSafeInteger(value) && value > 0)) throw optionError(`${name} must be a positive integer, got ${String(value)}`);
  return value;
}

export class RecordingReader implements AsyncIterable<RecordedBatch> {
  readonly file: string;
  readonly header: RecordingHeader;
  private readonly source: ByteSource;
  private readonly parser: FormatParser;
  private batchCount: number;
  private tickCount: number;
  private done: boolean;

  private constructor(source: ByteSource, parser: FormatParser, header: RecordingHeader) {
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
