/**
 * The simulator's public types (options, events, stats, the live loop's handle) and the checks its
 * options go through: a bad option is a HashcapError 'SIM_OPTION' naming it.
 */
import { HashcapError, HashcapErrorCode } from '../../errors.ts';
import type { Tick } from '../../tick/tick.ts';
import { DEFAULT_INTENSITY_PROFILE, type IntensityProfile } from './schedule.ts';

export interface SimulatorSymbol {
  readonly ticker: string;
  /** Previous close in USD: the starting price. */
  readonly previousClose: number;
}

export interface SimulatorOptions {
  /** Any 32-bit integer; it fixes every parameter and draw. */
  readonly seed: number;
  /** Simulated exchange time at the start, epoch ms (floored to a whole ms). */
  readonly startTimeMs: number;
  /** Simulated ms per real ms for the live clock (`advanceTo`, `startLive`). Default 1. */
  readonly speed?: number;
  /** Bitcoin spot at the start, USD. Default 122,000. */
  readonly btcSpot?: number;
  /**
   * Target ticks per real second over all symbols at mid-regular-session intensity. Per symbol and
   * simulated second that is rate / (speed · symbols), shared out by activity weight. Default 1000.
   */
  readonly rate?: number;
  /** Share of arrivals that are trades (the rest are quotes). Default 0.4. */
  readonly tradeFraction?: number;
  /** Probability that a trade is a bad print (10–50 % off). Default 0 (off); e.g. 1/20,000. */
  readonly badPrintRate?: number;
  /** Expected halts per symbol per regular-session hour. Default 0.01 (about one a day over 13 symbols); 0 disables. */
  readonly haltRate?: number;
  /** Session intensity shape; fields not given keep their defaults. */
  readonly intensity?: Partial<IntensityProfile>;
  /** Most events kept for `drainEvents` between drains; later ones are counted in stats.droppedEvents. Default 10,000. */
  readonly maxPendingEvents?: number;
}

/** The per-symbol model, fixed by the seed and the ticker. */
export type HaltReason = 'LUDP' | 'T1';

export type SimEvent =
  | {
      readonly type: 'halt';
      readonly symbol: string;
      readonly timeMs: number;
      /** When the simulator will resume it. */
      readonly resumeAtMs: number;
      /** LUDP: limit-up/limit-down pause (5 min); T1: news pending (10–30 min). */
      readonly reason: HaltReason;
    }
  | { readonly type: 'resume'; readonly symbol: string; readonly timeMs: number }
  | {
      readonly type: 'bad-print';
      readonly symbol: string;
      /** The seq of the offending trade tick. */
      readonly seq: number;
      readonly timeMs: number;
      readonly price: number;
      /** The last good trade price (or the previous close before any trade) it deviates from. */
      readonly referencePrice: number;
    };

export interface SimulatorStats {
  readonly ticks: number;
  readonly trades: number;
  readonly quotes: number;
  readonly badPrints: number;
  readonly halts: number;
  readonly resumes: number;
  /** Arrivals that fell on a halted symbol and were not printed. */
  readonly suppressed: number;
  /** Times the live loop skipped ahead because it had fallen too far behind real time. */
  readonly lagSkips: number;
  readonly droppedEvents: number;
}

export interface LiveOptions {
  /** Real ms between batches (≥ 1). */
  readonly batchIntervalMs: number;
  /** Changes the rate (see SimulatorOptions.rate) before starting. */
  readonly rate?: number;
  /** Most ticks per batch; the rest follow in later batches. Default 8× the expected batch, 1000–10,000. */
  readonly maxBatchTicks?: number;
  /** If the simulator is still more than this many real ms behind after a batch, skip ahead. Default 5000. */
  readonly maxLagMs?: number;
  /**
   * Receives each non-empty batch (the array is the caller's). If it returns a promise, no new batch is
   * produced until that settles (the simulator falls behind and eventually skips ahead instead of
   * queueing without bound); a rejection stops the loop like a throw.
   */
  readonly onBatch: (ticks: Tick[]) => void | Promise<void>;
  /** Called once with the error if onBatch throws or rejects; the loop is stopped. Default: rethrow. */
  readonly onError?: (error: unknown) => void;
  /** Real clock, epoch ms. Default Date.now. */
  readonly now?: () => number;
}

export interface LiveHandle {
  /** Stops the loop; idempotent. No batch is delivered after it returns. */
  stop(): void;
  readonly running: boolean;
  /** Batches delivered so far. */
  readonly batches: number;
}

/** Matches the ingest gate's default batch limit. */
export const DEFAULT_MAX_BATCH_TICKS = 10_000;
export const MAX_EPOCH_MS = 8.64e15;
export const MAX_SYMBOLS = 100_000;

export function fail(message: string): never {
  throw new HashcapError(HashcapErrorCode.SIM_OPTION, message);
}

export function option(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value >= min && value <= max)) {
    fail(`${name} must be a number in [${min}, ${max}], got ${String(value)}`);
  }
  return value;
}

export function intensityProfile(overrides: Partial<IntensityProfile> | undefined): IntensityProfile {
  if (overrides === undefined) return DEFAULT_INTENSITY_PROFILE;
  if (overrides === null || typeof overrides !== 'object') fail('intensity must be an object');
  const d = DEFAULT_INTENSITY_PROFILE;
  return {
    preMarket: option('intensity.preMarket', overrides.preMarket, d.preMarket, 0, 1000),
    afterHours: option('intensity.afterHours', overrides.afterHours, d.afterHours, 0, 1000),
    openingBurstPeak: option('intensity.openingBurstPeak', overrides.openingBurstPeak, d.openingBurstPeak, 0, 1000),
    openingBurstDecayMs: option('intensity.openingBurstDecayMs', overrides.openingBurstDecayMs, d.openingBurstDecayMs, 1, 86_400_000),
    closingRampPeak: option('intensity.closingRampPeak', overrides.closingRampPeak, d.closingRampPeak, 0, 1000),
    closingRampMs: option('intensity.closingRampMs', overrides.closingRampMs, d.closingRampMs, 1, 86_400_000),
  };
}
