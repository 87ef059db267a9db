/**
 * Regenerates the shipped sample day, data/recordings/sample-day.bin, deterministically:
 *
 *   npx tsx server/sources/recording/make-sample.ts [out-path]
 *
 * The built-in simulator (seed 7) over Friday 2026-11-20 from the pre-market open (04:00 New York) to
 * the end of after-hours (20:00), at a modest rate, one batch per simulated second, over the symbols of
 * the default baskets — what `--record` on a server running the simulator writes, since the gate
 * accepts every simulator tick (the replay test checks that a fresh gate accepts the whole file). The
 * ticks are recorded as produced rather than passed through a gate here, so that the file's bytes do
 * not change when the gate's market checks do.
 *
 * The file is binary and uncompressed on purpose: its bytes depend only on this code, so a test can
 * regenerate it and compare byte for byte. (Gzip would make it about 7× smaller, but deflate output is
 * not guaranteed identical across zlib builds.)
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MarketEngine } from '../../engine/market-engine.ts';
import { defaultBasketPaths, loadBaskets } from '../../market/basket-file.ts';
import { dayInfo } from '../../market/sessions.ts';
import { MarketSimulator } from '../simulator/simulator.ts';
import { Recorder, type RecorderStats } from './recorder.ts';

export const SAMPLE_DAY = {
  seed: 7,
  date: '2026-11-20',
  /** Simulated ticks per second at mid-regular-session intensity (over all 13 symbols). */
  rate: 1.5,
  /** Simulated ms per batch. */
  batchMs: 1000,
  publisher: 'simulator',
} as const;

export const SAMPLE_DAY_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data', 'recordings', 'sample-day.bin');

export interface SampleDayResult extends RecorderStats {
  readonly path: string;
  readonly fromMs: number;
  readonly toMs: number;
}

export async function makeSampleDay(path: string = SAMPLE_DAY_PATH): Promise<SampleDayResult> {
  const day = dayInfo(SAMPLE_DAY.date);
  if (!day.isTradingDay) throw new Error(`${SAMPLE_DAY.date} is not a trading day`);
  const fromMs = day.preOpenMs;
  const toMs = day.postCloseMs;
  const baskets = await loadBaskets(defaultBasketPaths());
  const market = new MarketEngine(baskets);
  const simulator = new MarketSimulator(
    market.allSymbols().map((ticker) => ({ ticker, previousClose: market.quote(market.symbolId(ticker)!).previousClose })),
    { seed: SAMPLE_DAY.seed, startTimeMs: fromMs, rate: SAMPLE_DAY.rate },
  );
  const recorder = Recorder.open(path, { format: 'binary', gzip: false, basket: baskets.map((b) => b.id).join(','), startedMs: fromMs, flushIntervalMs: 0 });
  try {
    for (let t = fromMs + SAMPLE_DAY.batchMs; t <= toMs; t += SAMPLE_DAY.batchMs) {
      recorder.record(SAMPLE_DAY.publisher, simulator.nextBatch(10_000, t));
    }
  } finally {
    recorder.close();
  }
  const stats = recorder.stats;
  if (stats.failed) throw stats.failed;
  return { ...stats, path, fromMs, toMs };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = process.argv[2] ?? SAMPLE_DAY_PATH;
  const result = await makeSampleDay(out);
  console.log(
    `${result.path}: ${result.ticks} ticks in ${result.batches} batches, ${result.bytesWritten} bytes, ` +
      `${new Date(result.fromMs).toISOString()} → ${new Date(result.toMs).toISOString()}`,
  );
}
