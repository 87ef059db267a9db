/**
 * Inspect and convert recordings:
 *
 *   npx tsx server/sources/recording/cli.ts info <file>          header, batches, ticks, publishers, time span
 *   npx tsx server/sources/recording/cli.ts convert <in> <out>   re-encode (format from out's name: .bin, .ndjson, + .gz)
 *
 * A corrupt file stops with its typed error (file, line or byte offset) and exit code 1.
 */
import { pathToFileURL } from 'node:url';
import { HashcapError } from '../../errors.ts';
import { SESSION_NAMES } from '../../market/session-types.ts';
import { sessionAt } from '../../market/sessions.ts';
import { Recorder } from './recorder.ts';
import { RecordingReader } from './reader.ts';

export interface RecordingInfo {
  readonly format: string;
  readonly compressed: boolean;
  readonly started: string;
  readonly basket: string;
  readonly batches: number;
  readonly ticks: number;
  readonly publishers: Record<string, number>;
  readonly ticksBySession: Record<string, number>;
  readonly firstTick: string | null;
  readonly lastTick: string | null;
  readonly largestBatch: number;
}

export async function recordingInfo(path: string): Promise<RecordingInfo> {
  const reader = await RecordingReader.open(path);
  const publishers: Record<string, number> = {};
  const bySession = [0, 0, 0, 0];
  let first = Infinity;
  let last = -Infinity;
  let largest = 0;
  for await (const batch of reader) {
    publishers[batch.publisher] = (publishers[batch.publisher] ?? 0) + batch.ticks.length;
    largest = Math.max(largest, batch.ticks.length);
    for (const t of batch.ticks) {
      if (!(t.timeMs > 0 && t.timeMs < 8.64e15)) continue;
      first = Math.min(first, t.timeMs);
      last = Math.max(last, t.timeMs);
      bySession[sessionAt(t.timeMs)]!++;
    }
  }
  const h = reader.header;
  return {
    format: h.format,
    compressed: h.compressed,
    started: new Date(h.startedMs).toISOString(),
    basket: h.basket,
    batches: reader.batches,
    ticks: reader.ticks,
    publishers,
    ticksBySession: Object.fromEntries(SESSION_NAMES.map((name, i) => [name, bySession[i]!])),
    firstTick: Number.isFinite(first) ? new Date(first).toISOString() : null,
    lastTick: Number.isFinite(last) ? new Date(last).toISOString() : null,
    largestBatch: largest,
  };
}

/** Re-encodes `from` into `to` (format and gzip from `to`'s name), batch for batch, header kept. */
export async function convertRecording(from: string, to: string): Promise<{ batches: number; ticks: number; bytes: number }> {
  const reader = await RecordingReader.open(from);
  const recorder = Recorder.open(to, { startedMs: reader.header.startedMs, basket: reader.header.basket, flushIntervalMs: 0 });
  try {
    for await (const batch of reader) recorder.record(batch.publisher, batch.ticks);
  } finally {
    recorder.close();
  }
  const stats = recorder.stats;
  if (stats.failed) throw stats.failed;
  return { batches: stats.batches, ticks: stats.ticks, bytes: stats.bytesWritten };
}

const USAGE = 'usage: cli.ts info <file> | cli.ts convert <in> <out>';

async function main(args: readonly string[]): Promise<number> {
  const [command, a, b] = args;
  if (command === 'info' && a !== undefined) {
    console.log(JSON.stringify(await recordingInfo(a), null, 2));
    return 0;
  }
  if (command === 'convert' && a !== undefined && b !== undefined) {
    const r = await convertRecording(a, b);
    console.log(`${b}: ${r.ticks} ticks in ${r.batches} batches, ${r.bytes} bytes`);
    return 0;
  }
  console.error(USAGE);
  return 2;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof HashcapError ? `${error.code}: ${error.message}` : error);
      process.exit(1);
    },
  );
}
