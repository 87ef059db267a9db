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
 *
 * This file holds what the formats share (version, magic, header, the parser contract); each format's
 * writer and parser live in ndjson.ts and binary.ts, and reader.ts picks one by the file's first bytes.
 */
import { Buffer } from 'node:buffer';
import type { Tick } from '../../tick/tick.ts';

export const FORMAT_VERSION = 1;
export const BINARY_MAGIC = 'HCREC1\n';
export const BINARY_MAGIC_BYTES: Uint8Array = Buffer.from(BINARY_MAGIC, 'latin1');
/** What every binary magic starts with, whatever its version. */
export const BINARY_MAGIC_PREFIX = 'HCREC';

export type RecordingFormat = 'ndjson' | 'binary';

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

/** The format a path implies: `.bin` / `.bin.gz` → binary, anything else → NDJSON. */
export function formatOfPath(path: string): RecordingFormat {
  return /\.bin(\.gz)?$/i.test(path) ? 'binary' : 'ndjson';
}

export function isGzipPath(path: string): boolean {
  return /\.gz$/i.test(path);
}

// ------------------------------------------------------------------------------------ reading

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

/** Bounds a format parser enforces, so a corrupt file cannot make the reader hold unbounded memory. */
export interface Limits {
  readonly maxBatchTicks: number;
  readonly maxRecordBytes: number;
  readonly maxLineBytes: number;
}

/** One format's reader: the header first, then batches until null. */
export interface FormatParser {
  readonly format: RecordingFormat;
  header(): Promise<{ version: number; startedMs: number; basket: string }>;
  next(): Promise<RecordedBatch | null>;
}

/** The newest tick time of a batch, or `fallback` for a batch without a finite one. */
export function newestTime(ticks: readonly Tick[], fallback: number): number {
  let newest = -Infinity;
  for (const t of ticks) if (t.timeMs > newest) newest = t.timeMs;
  return Number.isFinite(newest) ? newest : fallback;
}
