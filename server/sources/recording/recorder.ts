/**
 * Records what the ingest gate accepted to a file, NDJSON or binary (format.ts), optionally gzipped.
 *
 * Each `record` call encodes its batch at once into one in-memory buffer (so later changes to the tick
 * objects do not matter) and returns; the buffer goes to the file in one write when it reaches
 * `bufferBytes`, every `flushIntervalMs`, and on `flush` / `close`. No file call per tick or per batch.
 *
 * Writes are synchronous on purpose: memory stays bounded by `bufferBytes` plus one batch with no
 * write queue, and a disk slower than the feed slows ingest down rather than growing memory or
 * dropping prints. At 1 M ticks/s that is about one 256 KiB write every 3 ms, tens of microseconds each
 * on a local disk. With gzip, each flushed buffer becomes one gzip member (a multi-member file that
 * gunzip and the reader read as one stream).
 *
 * `record` never throws: a write error stops the recording (stats.failed, onError once) and the server
 * goes on ingesting; later batches are counted in stats.droppedTicks.
 */
import { Buffer } from 'node:buffer';
import { closeSync, openSync, writeSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { ApplyResult } from '../../ingest/gate.ts';
import type { BatchListener } from '../../ingest/pipeline.ts';
import { canonicalTick, type Tick, type TickInput } from '../../tick/tick.ts';
import type { TickBatch } from '../../tick/tick-columns.ts';
import { ByteWriter, writeChunk } from '../../tick/wire-writer.ts';
import { errorText, optionError, RecordingCode, RecordingError } from './errors.ts';
import { binaryPreamble } from './binary.ts';
import { formatOfPath, isGzipPath, type RecordingFormat } from './format.ts';
import { ndjsonBatch, ndjsonHeaderLine } from './ndjson.ts';
import { errorFields, logger } from '../../log.ts';

export interface RecorderOptions {
  /** Default from the file name: `.bin` / `.bin.gz` binary, anything else NDJSON. */
  readonly format?: RecordingFormat;
  /** Gzip the file. Default: the name ends in `.gz`. */
  readonly gzip?: boolean;
  /** Which basket(s) the ticks were accepted against, for the header (a label, e.g. "miners"). */
  readonly basket?: string;
  /** The header's start time, epoch ms. Default Date.now(). */
  readonly startedMs?: number;
  /** The buffer is written out when it holds this many bytes. Default 256 KiB. */
  readonly bufferBytes?: number;
  /** Also write out whatever is buffered this often (ms; 0 = never on a timer). Default 1000. */
  readonly flushIntervalMs?: number;
  /** Called once if writing fails (the recording then stops). Default: the process's log (server/log.ts), level error. */
  readonly onError?: (error: RecordingError) => void;
}

export interface RecorderStats {
  readonly batches: number;
  readonly ticks: number;
  /** Bytes written to the file (after gzip). */
  readonly bytesWritten: number;
  /** Write calls made. */
  readonly writes: number;
  /** Bytes encoded but not written yet. */
  readonly bufferedBytes: number;
  /** Ticks not recorded because the recorder had failed or was closed. */
  readonly droppedTicks: number;
  readonly failed: RecordingError | null;
}

const DEFAULT_BUFFER_BYTES = 256 * 1024;
const DEFAULT_FLUSH_INTERVAL_MS = 1000;
/**
 * Fastest deflate level: recording runs on the ingest path. On simulator ticks (binary) it takes
 * about half of level 6's time per tick, for files about 30% larger (13 instead of 10 bytes a tick).
 */
const GZIP_OPTIONS = { level: 1 } as const;

export class Recorder implements BatchListener {
  readonly path: string;
  readonly format: RecordingFormat;
  readonly gzip: boolean;
  readonly bufferBytes: number;

  private fd: number;
  private readonly writer: ByteWriter;
  private readonly onError: (error: RecordingError) => void;
  private readonly timer: NodeJS.Timeout | null;
  private batchCount: number;
  private tickCount: number;
  private bytesOut: number;
  private writeCount: number;
  private dropped: number;
  private failure: RecordingError | null;
  private closed: boolean;
  private lastPublisher: string;
  private lastPublisherJson: string;

  private constructor(path: string, fd: number, format: RecordingFormat, options: RecorderOptions, bufferBytes: number, flushIntervalMs: number) {
    this.path = path;
    this.fd = fd;
    this.format = format;
    this.gzip = options.gzip ?? isGzipPath(path);
    this.bufferBytes = bufferBytes;
    this.writer = new ByteWriter(Math.min(bufferBytes, 1024 * 1024) + 4096);
    this.onError = options.onError ?? ((error) => logger().error(errorFields(error), `recording stopped: ${error.message}`));
    this.batchCount = 0;
    this.tickCount = 0;
    this.bytesOut = 0;
    this.writeCount = 0;
    this.dropped = 0;
    this.failure = null;
    this.closed = false;
    this.lastPublisher = '';
    this.lastPublisherJson = '""';
    const startedMs = options.startedMs ?? Date.now();
    const basket = options.basket ?? '';
    if (format === 'binary') this.writer.bytes(binaryPreamble(startedMs, basket));
    else this.appendText(ndjsonHeaderLine(startedMs, basket));
    // The header goes out at once, so even an empty recording is a valid file.
    this.flush();
    this.timer = flushIntervalMs > 0 ? setInterval(() => this.flush(), flushIntervalMs) : null;
    this.timer?.unref();
  }

  /** Creates (or truncates) `path` and writes the header. Throws RecordingError (RECORDING_IO, RECORDING_OPTION). */
  static open(path: string, options: RecorderOptions = {}): Recorder {
    const format = options.format ?? formatOfPath(path);
    if (format !== 'ndjson' && format !== 'binary') throw optionError(`format must be "ndjson" or "binary", got ${String(format)}`);
    const bufferBytes = options.bufferBytes ?? DEFAULT_BUFFER_BYTES;
    if (!(Number.isSafeInteger(bufferBytes) && bufferBytes >= 1)) throw optionError(`bufferBytes must be a positive integer, got ${String(bufferBytes)}`);
    const flushIntervalMs = options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
    if (!(flushIntervalMs >= 0 && flushIntervalMs <= 2 ** 31 - 1)) {
      throw optionError(`flushIntervalMs must be a number of ms >= 0, got ${String(flushIntervalMs)}`);
    }
    if (options.startedMs !== undefined && !Number.isFinite(options.startedMs)) {
      throw optionError(`startedMs must be an epoch time in ms, got ${String(options.startedMs)}`);
    }
    let fd: number;
    try {
      fd = openSync(path, 'w');
    } catch (error) {
      throw new RecordingError(RecordingCode.IO, { file: path }, `cannot create the recording: ${errorText(error)}`, { cause: error });
    }
    const recorder = new Recorder(path, fd, format, options, bufferBytes, flushIntervalMs);
    if (recorder.failure) {
      recorder.close();
      throw recorder.failure;
    }
    return recorder;
  }

  /**
   * Records one batch of accepted ticks from `publisherId`, in the order the gate applied them. An
   * empty batch records nothing.
   */
  record(publisherId: string, ticks: readonly (TickInput | unknown)[]): void {
    if (ticks.length === 0) return;
    if (this.closed || this.failure !== null) {
      this.dropped += ticks.length;
      return;
    }
    const canonical: Tick[] = new Array<Tick>(ticks.length);
    for (let i = 0; i < ticks.length; i++) canonical[i] = canonicalTick(ticks[i]);
    this.append(publisherId, canonical);
  }

  /**
   * As a listener of the ingest pipeline: records every batch the gate accepts, whoever published it
   * (the endpoint, `server.ingest`, the simulator, a replay), everything but its rejections. One call
   * per batch; one Tick per accepted tick, made from the gate's columns.
   */
  batchApplied(publisherId: string, batch: TickBatch, result: ApplyResult): void {
    if (result.error !== null || result.accepted === 0) return;
    if (this.closed || this.failure !== null) {
      this.dropped += result.accepted;
      return;
    }
    const accepted: Tick[] = new Array<Tick>(result.accepted);
    const rejected = result.rejected;
    let r = 0;
    let n = 0;
    for (let i = 0; i < batch.length; i++) {
      while (r < rejected.length && rejected[r]!.index < i) r++;
      if (r < rejected.length && rejected[r]!.index === i) continue;
      accepted[n++] = batch.tick(i);
    }
    accepted.length = n;
    if (n > 0) this.append(publisherId, accepted);
  }

  /** Records the ticks of a batch that `gate.apply` accepted: everything but its rejections. */
  recordAccepted(publisherId: string, ticks: readonly (TickInput | unknown)[], result: ApplyResult): void {
    if (result.error !== null || result.accepted === 0) return;
    if (result.rejected.length === 0) {
      this.record(publisherId, ticks);
      return;
    }
    const accepted: unknown[] = [];
    let r = 0;
    const rejected = result.rejected;
    for (let i = 0; i < ticks.length; i++) {
      while (r < rejected.length && rejected[r]!.index < i) r++;
      if (r < rejected.length && rejected[r]!.index === i) continue;
      accepted.push(ticks[i]);
    }
    this.record(publisherId, accepted);
  }

  /** Writes out whatever is buffered. */
  flush(): void {
    const w = this.writer;
    if (w.pos === 0 || this.failure !== null || this.fd < 0) return;
    const data = this.gzip ? gzipSync(w.buf.subarray(0, w.pos), GZIP_OPTIONS) : w.buf.subarray(0, w.pos);
    w.pos = 0;
    try {
      let off = 0;
      while (off < data.length) off += writeSync(this.fd, data, off, data.length - off);
      this.writeCount++;
      this.bytesOut += data.length;
    } catch (error) {
      this.fail(error);
    }
  }

  /** Flushes and closes the file; idempotent. */
  close(): RecorderStats {
    if (!this.closed) {
      this.flush();
      this.closed = true;
      if (this.timer) clearInterval(this.timer);
      try {
        closeSync(this.fd);
      } catch (error) {
        this.fail(error);
      }
      this.fd = -1;
    }
    return this.stats;
  }

  get stats(): RecorderStats {
    return {
      batches: this.batchCount,
      ticks: this.tickCount,
      bytesWritten: this.bytesOut,
      writes: this.writeCount,
      bufferedBytes: this.writer.pos,
      droppedTicks: this.dropped,
      failed: this.failure,
    };
  }

  get closedOrFailed(): boolean {
    return this.closed || this.failure !== null;
  }

  // ------------------------------------------------------------------------------------ internals

  private append(publisherId: string, ticks: Tick[]): void {
    const batch = this.batchCount + 1;
    if (this.format === 'binary') {
      writeChunk(this.writer, publisherId, batch, ticks);
    } else {
      if (publisherId !== this.lastPublisher) {
        this.lastPublisher = publisherId;
        this.lastPublisherJson = JSON.stringify(publisherId);
      }
      this.appendText(ndjsonBatch(batch, this.lastPublisherJson, ticks));
    }
    this.batchCount = batch;
    this.tickCount += ticks.length;
    if (this.writer.pos >= this.bufferBytes) this.flush();
  }

  private appendText(text: string): void {
    const w = this.writer;
    const bytes = Buffer.byteLength(text, 'utf8');
    w.ensure(bytes);
    w.pos += w.buf.write(text, w.pos, bytes, 'utf8');
  }

  private fail(error: unknown): void {
    if (this.failure !== null) return;
    this.failure = new RecordingError(RecordingCode.IO, { file: this.path }, `cannot write the recording: ${errorText(error)}`, { cause: error });
    this.writer.pos = 0;
    try {
      this.onError(this.failure);
    } catch {
      // A throwing error handler must not take the ingest path down with it.
    }
  }
}

