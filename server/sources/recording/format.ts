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
import { nameOfKind, type Tick } from '../../tick/tick.ts';
import { TAG_HEADER_BASKET, TAG_HEADER_STARTED, TAG_HEADER_VERSION } from '../../tick/wire-tags.ts';
import { ByteWriter } from '../../tick/wire-writer.ts';

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
export function ndjsonBatch(batch: number, publisherJson: string, ticks: readonly Tick[]): string {
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

/** The format a path implies: `.bin` / `.bin.gz` → binary, anything else → NDJSON. */
export function formatOfPath(path: string): RecordingFormat {
  return /\.bin(\.gz)?$/i.test(path) ? 'binary' : 'ndjson';
}

export function isGzipPath(path: string): boolean {
  return /\.gz$/i.test(path);
}
