/**
 * The built-in market simulator: a deterministic, session-aware tape of trades and quotes for a set of
 * symbols, produced as ingest ticks. It does no I/O; the caller hands the batches to the ingest gate or
 * posts them to a server's ingest endpoint.
 *
 * Model
 * - Prices are correlated random walks in log space. For symbol i between two of its prints:
 *     Δlog P_i = β_i·ΔB + γ_i·ΔS + σ_e,i·ΔW_i
 *   B is bitcoin's log price (σ 50 %/yr in calendar time: it trades around the clock, so the miners
 *   gap overnight with it), S a sector factor and W_i idiosyncratic noise (both in trading time: the
 *   variance clock runs at 1 in the regular session, 0.15 in extended hours and 0 when closed). Per
 *   symbol, from the seed and the ticker: total volatility 60–120 %/yr, of which 20–35 % of the variance
 *   from bitcoin and 30–45 % from the sector. Every factor is a Brownian motion sampled exactly at the
 *   instants it is needed (lazily, per symbol), so the cost per tick is O(1) whatever the time step.
 * - Arrivals are a Poisson process whose intensity follows the session (none when closed, thin pre- and
 *   after-hours, an opening burst after 09:30, a closing ramp into 16:00), drawn exactly by the
 *   time-change method over piecewise-constant segments (simulator-schedule.ts). Each arrival picks a
 *   symbol by its activity weight and is a trade (prob. `tradeFraction`) or a quote.
 * - Quotes: a spread of a few ticks around the model price (a few bp; ×3.5 in extended hours), sizes in
 *   round lots. Trades print at the bid, the ask or the midpoint; sizes are odd lots (1–99), round lots
 *   with a Pareto tail (100–5,000) and some mixed lots. Prices sit on the $0.01 grid at or above $1 and
 *   the $0.0001 grid below it; the simulator works in integer units of $0.0001 so that holds exactly.
 * - Rare events: trading halts (a Poisson process in regular-session time; the halted symbol prints
 *   nothing until it resumes) and, when `badPrintRate` > 0, bad prints 10–50 % away from the last good
 *   trade. Both are reported through `drainEvents()` and counted in `stats`.
 *
 * Determinism: the same symbols, options and sequence of calls give identical ticks. More than that, the
 * tick stream does not depend on how it is cut into batches (event times are drawn ahead, one at a
 * time, independently of the windows asked for), so a live run at any batch interval reproduces the
 * stream of an offline run with the same seed, unless its lag guard had to skip ahead.
 */
import type { hashcap } from '../../../proto/wire.ts';
import { HashcapError } from '../../errors.ts';
import { NO_CONDITIONS, TICK_QUOTE, TICK_TRADE, type Tick } from '../../tick/tick.ts';
import { Session } from '../../market/session-types.ts';
import { Prng, deriveSeed } from './prng.ts';
import { SimClock } from './clock.ts';
import {
  DEFAULT_INTENSITY_PROFILE,
  SessionSchedule,
  TRADING_YEAR_VARIANCE_MS,
  type IntensityProfile,
} from './schedule.ts';

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
export interface SymbolModel {
  readonly ticker: string;
  readonly previousClose: number;
  /** Total annualised volatility. */
  readonly annualVol: number;
  /** Loading on bitcoin's log return. */
  readonly beta: number;
  /** Loading on the sector factor. */
  readonly sectorLoading: number;
  /** Annualised idiosyncratic volatility (trading time). */
  readonly idioVol: number;
  /** Relative share of the arrivals (mean 1 over the symbols). */
  readonly activity: number;
  /** Typical regular-session quoted spread as a fraction of the price. */
  readonly spreadFraction: number;
  /** Share of trades that are odd lots. */
  readonly oddLotShare: number;
  /** Multiplier of round-lot trade sizes (bigger for cheap stocks). */
  readonly lotScale: number;
}

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

// ---------------------------------------------------------------------------------------------------

/** Form T: a trade outside the regular session. */
const FORM_T = Object.freeze(['T']) as unknown as string[];

/** Prices are handled as integers of $0.0001. */
const UNITS_PER_USD = 10_000;
/** At and above $1 (10,000 units) prices move in cents (100 units). */
const CENT_UNITS = 100;
const LOG_MIN_MID = Math.log(2 / UNITS_PER_USD);

const MS_PER_YEAR = 365.25 * 86_400_000;
const BTC_VOL = 0.5;
const SECTOR_VOL = 0.55;
const MS_PER_HOUR = 3_600_000;
/** A walk for the next arrival that finds none within this much simulated time stops at a checkpoint. */
const WALK_HORIZON_MS = 7 * 86_400_000;
const MIN_REMAINING = 1e-12;
/** The common factors are resampled when at least this much simulated time has passed. */
const FACTOR_STEP_MS = 1;

const EXTENDED_SPREAD_WIDEN = 3.5;
const TRADE_SIZE_ALPHA = 1.5;
const QUOTE_SIZE_ALPHA = 1.3;
const MAX_LOTS = 50;
const MAX_EXTENDED_QUOTE_LOTS = 10;
const MIXED_LOT_SHARE = 0.08;

/** Lot-size tables are indexed by the top LOT_TABLE_BITS of a uniform 32-bit draw. */
const LOT_TABLE_BITS = 12;
const LOT_TABLE_SIZE = 1 << LOT_TABLE_BITS;
const LOT_TABLE_SHIFT = 32 - LOT_TABLE_BITS;

/** Matches the ingest gate's default batch limit. */
const DEFAULT_MAX_BATCH_TICKS = 10_000;
const MAX_EPOCH_MS = 8.64e15;
const MAX_SYMBOLS = 100_000;

function fail(message: string): never {
  throw new HashcapError('SIM_OPTION', message);
}

function option(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value >= min && value <= max)) {
    fail(`${name} must be a number in [${min}, ${max}], got ${String(value)}`);
  }
  return value;
}

/** Largest price on the grid at or below u (u ≥ 0). */
function floorToGrid(u: number): number {
  const f = Math.floor(u);
  return f >= UNITS_PER_USD ? f - (f % CENT_UNITS) : f;
}

/** Smallest price on the grid at or above u. */
function ceilToGrid(u: number): number {
  const c = Math.ceil(u);
  return c > UNITS_PER_USD ? Math.ceil(c / CENT_UNITS) * CENT_UNITS : c;
}

/**
 * A discretised Pareto lot count, min(cap, floor(scale · U^(−1/α))), as a lookup table over the
 * quantiles of U: one table read per size instead of a pow, and the same numbers on every platform.
 */
function lotTable(scale: number, alpha: number, cap: number): Uint8Array {
  const table = new Uint8Array(LOT_TABLE_SIZE);
  for (let k = 0; k < LOT_TABLE_SIZE; k++) {
    const u = (k + 0.5) / LOT_TABLE_SIZE;
    table[k] = Math.min(cap, Math.floor(scale * Math.pow(u, -1 / alpha)));
  }
  return table;
}

function roundToGrid(u: number): number {
  const r = Math.round(u);
  return r >= UNITS_PER_USD ? Math.round(r / CENT_UNITS) * CENT_UNITS : r;
}

export class MarketSimulator {
  readonly symbols: readonly string[];
  readonly seed: number;
  readonly startTimeMs: number;
  readonly speed: number;
  readonly clock: SimClock;
  readonly tradeFraction: number;
  readonly badPrintRate: number;
  readonly haltRate: number;

  private readonly n: number;
  private readonly models: readonly SymbolModel[];
  private readonly bySymbol: Map<string, number>;
  private readonly rng: Prng;
  private readonly haltRng: Prng;
  private readonly badRng: Prng;
  private readonly tickSchedule: SessionSchedule;
  private readonly haltSchedule: SessionSchedule;
  private readonly varianceSchedule: SessionSchedule;
  private readonly btcStart: number;

  // Per-symbol parameters and state, indexed by symbol number.
  private readonly cumActivity: Float64Array;
  private readonly beta: Float64Array;
  private readonly gamma: Float64Array;
  private readonly idioPerSqrtMs: Float64Array;
  private readonly spreadFraction: Float64Array;
  private readonly oddLotShare: Float64Array;
  private readonly tradeLots: readonly Uint8Array[];
  private readonly quoteLots: readonly Uint8Array[];
  private readonly extendedQuoteLots: Uint8Array;
  private readonly logMid: Float64Array;
  private readonly btcAt: Float64Array;
  private readonly sectorAt: Float64Array;
  private readonly varianceAt: Float64Array;
  private readonly lastUnits: Float64Array;
  private readonly bidUnits: Float64Array;
  private readonly askUnits: Float64Array;
  private readonly seqs: Float64Array;
  private readonly halted: Uint8Array;
  private readonly resumeAt: Float64Array;

  private rate: number;
  private totalActivity: number;
  /** Arrivals per simulated ms at intensity 1, over all symbols. */
  private arrivalsPerMs: number;

  // Global factors, sampled lazily: value and the clock reading it was sampled at.
  private btcLog: number;
  private btcTimeMs: number;
  private sectorLog: number;
  private sectorVariance: number;

  // The last processed arrival (or restart point) and the next one, drawn ahead.
  private lastT: number;
  private lastV: number;
  private pendT: number;
  private pendV: number;
  private pendIsArrival: boolean;
  private pendSession: Session;
  /** Unit-mean exponential still to spend when pend is a checkpoint rather than an arrival. */
  private pendRemaining: number;

  // The next halt (or a checkpoint of its walk), and the earliest scheduled resume.
  private haltT: number;
  private haltIsHalt: boolean;
  private haltRemaining: number;
  private haltRegularCloseMs: number;
  private resumeT: number;

  /** Every event with time < dueMs + 1 (i.e. floor(time) ≤ dueMs) is processed unless `backlogged`. */
  private dueMs: number;
  private lastEmittedMs: number;

  private events: SimEvent[];
  private readonly maxPendingEvents: number;
  private live: LiveHandle | null;

  private nTicks: number;
  private nTrades: number;
  private nQuotes: number;
  private nBadPrints: number;
  private nHalts: number;
  private nResumes: number;
  private nSuppressed: number;
  private nLagSkips: number;
  private nDroppedEvents: number;
  private batchCounter: number;

  constructor(symbols: readonly SimulatorSymbol[], options: SimulatorOptions) {
    if (!Array.isArray(symbols) || symbols.length === 0) fail('symbols must be a non-empty array');
    if (symbols.length > MAX_SYMBOLS) fail(`at most ${MAX_SYMBOLS} symbols, got ${symbols.length}`);
    if (options === null || typeof options !== 'object') fail('options must be an object');
    if (!Number.isInteger(options.seed)) fail(`seed must be an integer, got ${String(options.seed)}`);
    if (typeof options.startTimeMs !== 'number' || !(Math.abs(options.startTimeMs) < MAX_EPOCH_MS - WALK_HORIZON_MS * 4)) {
      fail(`startTimeMs must be a finite epoch time in ms, got ${String(options.startTimeMs)}`);
    }
    this.seed = options.seed | 0;
    this.startTimeMs = Math.floor(options.startTimeMs);
    this.speed = option('speed', options.speed, 1, Number.MIN_VALUE, 1e9);
    this.btcStart = option('btcSpot', options.btcSpot, 122_000, Number.MIN_VALUE, 1e12);
    this.rate = option('rate', options.rate, 1000, 0, 1e9);
    this.tradeFraction = option('tradeFraction', options.tradeFraction, 0.4, 0, 1);
    this.badPrintRate = option('badPrintRate', options.badPrintRate, 0, 0, 1);
    this.haltRate = option('haltRate', options.haltRate, 0.01, 0, 3600);
    this.maxPendingEvents = option('maxPendingEvents', options.maxPendingEvents, 10_000, 0, 1e9);
    const profile = intensityProfile(options.intensity);

    const n = symbols.length;
    this.n = n;
    this.bySymbol = new Map();
    const models: SymbolModel[] = [];
    for (let i = 0; i < n; i++) {
      const s = symbols[i];
      if (s === null || typeof s !== 'object') fail(`symbols[${i}] must be an object`);
      if (typeof s.ticker !== 'string' || s.ticker.length === 0) fail(`symbols[${i}].ticker must be a non-empty string`);
      if (this.bySymbol.has(s.ticker)) fail(`symbol ${s.ticker} is listed twice`);
      if (typeof s.previousClose !== 'number' || !(s.previousClose > 0 && s.previousClose < 1e9)) {
        fail(`symbols[${i}].previousClose (${s.ticker}) must be a positive price, got ${String(s.previousClose)}`);
      }
      this.bySymbol.set(s.ticker, i);
      models.push(symbolModel(this.seed, s.ticker, s.previousClose));
    }
    // Activity weights are normalised to mean 1 so `rate` means what it says.
    const meanActivity = models.reduce((sum, m) => sum + m.activity, 0) / n;
    this.models = models.map((m) => ({ ...m, activity: m.activity / meanActivity }));
    this.symbols = symbols.map((s) => s.ticker);

    this.cumActivity = new Float64Array(n);
    this.beta = new Float64Array(n);
    this.gamma = new Float64Array(n);
    this.idioPerSqrtMs = new Float64Array(n);
    this.spreadFraction = new Float64Array(n);
    this.oddLotShare = new Float64Array(n);
    const lotTables = new Map<string, Uint8Array>();
    const cachedLotTable = (scale: number, alpha: number, cap: number): Uint8Array => {
      const key = `${scale}/${alpha}/${cap}`;
      let table = lotTables.get(key);
      if (table === undefined) lotTables.set(key, (table = lotTable(scale, alpha, cap)));
      return table;
    };
    this.tradeLots = this.models.map((m) => cachedLotTable(m.lotScale, TRADE_SIZE_ALPHA, MAX_LOTS));
    this.quoteLots = this.models.map((m) => cachedLotTable(m.lotScale, QUOTE_SIZE_ALPHA, MAX_LOTS));
    this.extendedQuoteLots = cachedLotTable(1, QUOTE_SIZE_ALPHA, MAX_EXTENDED_QUOTE_LOTS);
    this.logMid = new Float64Array(n);
    this.btcAt = new Float64Array(n);
    this.sectorAt = new Float64Array(n);
    this.varianceAt = new Float64Array(n);
    this.lastUnits = new Float64Array(n);
    this.bidUnits = new Float64Array(n);
    this.askUnits = new Float64Array(n);
    this.seqs = new Float64Array(n);
    this.halted = new Uint8Array(n);
    this.resumeAt = new Float64Array(n).fill(Infinity);
    let cum = 0;
    for (let i = 0; i < n; i++) {
      const m = this.models[i]!;
      cum += m.activity;
      this.cumActivity[i] = cum;
      this.beta[i] = m.beta;
      this.gamma[i] = m.sectorLoading;
      this.idioPerSqrtMs[i] = m.idioVol / Math.sqrt(TRADING_YEAR_VARIANCE_MS);
      this.spreadFraction[i] = m.spreadFraction;
      this.oddLotShare[i] = m.oddLotShare;
      const closeUnits = Math.max(1, roundToGrid(m.previousClose * UNITS_PER_USD));
      this.logMid[i] = Math.log(closeUnits / UNITS_PER_USD);
      this.lastUnits[i] = closeUnits;
      this.bidUnits[i] = NaN;
      this.askUnits[i] = NaN;
    }
    this.totalActivity = cum;
    this.arrivalsPerMs = this.rate / (1000 * this.speed);

    this.rng = new Prng(deriveSeed(this.seed, 'arrivals'));
    this.haltRng = new Prng(deriveSeed(this.seed, 'halts'));
    this.badRng = new Prng(deriveSeed(this.seed, 'bad-prints'));
    this.tickSchedule = new SessionSchedule(profile, true);
    this.haltSchedule = new SessionSchedule(profile, false);
    this.varianceSchedule = new SessionSchedule(profile, false);
    this.clock = new SimClock(this.startTimeMs, this.speed);

    this.btcLog = 0;
    this.btcTimeMs = this.startTimeMs;
    this.sectorLog = 0;
    this.sectorVariance = 0;

    this.lastT = this.startTimeMs;
    this.lastV = 0;
    this.pendT = Infinity;
    this.pendV = 0;
    this.pendIsArrival = false;
    this.pendSession = Session.Closed;
    this.pendRemaining = 0;
    this.haltT = Infinity;
    this.haltIsHalt = false;
    this.haltRemaining = 0;
    this.haltRegularCloseMs = 0;
    this.resumeT = Infinity;
    this.dueMs = this.startTimeMs;
    this.lastEmittedMs = this.startTimeMs;
    this.events = [];
    this.live = null;
    this.nTicks = 0;
    this.nTrades = 0;
    this.nQuotes = 0;
    this.nBadPrints = 0;
    this.nHalts = 0;
    this.nResumes = 0;
    this.nSuppressed = 0;
    this.nLagSkips = 0;
    this.nDroppedEvents = 0;
    this.batchCounter = 0;

    this.walkArrival(this.startTimeMs, 0, this.rng.exponential());
    this.walkHalt(this.startTimeMs, this.haltRng.exponential());
  }

  // ------------------------------------------------------------------------------------- reading

  /** Simulated time the tape has been produced up to (behind the last requested time while backlogged). */
  get simTimeMs(): number {
    return this.backlogged ? this.lastEmittedMs : this.dueMs;
  }

  /** True when ticks due by the last requested time are still waiting (maxTicks cut the last batch). */
  get backlogged(): boolean {
    const limit = this.dueMs + 1;
    return this.pendT < limit || this.haltT < limit || this.resumeT < limit;
  }

  /** Current target rate (see SimulatorOptions.rate). */
  get ticksPerSecond(): number {
    return this.rate;
  }

  /** Bitcoin spot in USD as of the last arrival processed. */
  get btcSpot(): number {
    return this.btcStart * Math.exp(this.btcLog);
  }

  get stats(): SimulatorStats {
    return {
      ticks: this.nTicks,
      trades: this.nTrades,
      quotes: this.nQuotes,
      badPrints: this.nBadPrints,
      halts: this.nHalts,
      resumes: this.nResumes,
      suppressed: this.nSuppressed,
      lagSkips: this.nLagSkips,
      droppedEvents: this.nDroppedEvents,
    };
  }

  /** The model parameters of every symbol, in constructor order. */
  get model(): readonly SymbolModel[] {
    return this.models;
  }

  isHalted(ticker: string): boolean {
    return this.halted[this.indexOf(ticker)] === 1;
  }

  /** Last good trade price (the previous close before the first trade), and the last quote (NaN before one). */
  priceOf(ticker: string): { last: number; bid: number; ask: number; seq: number; halted: boolean } {
    const i = this.indexOf(ticker);
    return {
      last: this.lastUnits[i]! / UNITS_PER_USD,
      bid: this.bidUnits[i]! / UNITS_PER_USD,
      ask: this.askUnits[i]! / UNITS_PER_USD,
      seq: this.seqs[i]!,
      halted: this.halted[i] === 1,
    };
  }

  /** Halts, resumes and bad prints since the last drain, in time order; clears the list. */
  drainEvents(): SimEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  // ------------------------------------------------------------------------------------- producing

  /**
   * Advances simulated time to `untilTimeMs` (never backwards: an earlier time advances nothing) and
   * returns the ticks due by then, at most `maxTicks` of them in time order; the rest come first in
   * later calls. Every tick's time_ms is a whole ms in (previous target, untilTimeMs] (from the start
   * time on the first call).
   */
  nextBatch(maxTicks: number, untilTimeMs: number): Tick[] {
    if (!Number.isInteger(maxTicks) || maxTicks < 0) fail(`maxTicks must be a non-negative integer, got ${String(maxTicks)}`);
    if (typeof untilTimeMs !== 'number' || !(Math.abs(untilTimeMs) < MAX_EPOCH_MS - WALK_HORIZON_MS * 4)) {
      fail(`untilTimeMs must be a finite epoch time in ms, got ${String(untilTimeMs)}`);
    }
    const until = Math.floor(untilTimeMs);
    if (until > this.dueMs) this.dueMs = until;
    const limit = this.dueMs + 1;
    const out: Tick[] = [];
    while (out.length < maxTicks) {
      const tp = this.pendT;
      const th = this.haltT;
      const tr = this.resumeT;
      if (tr <= tp && tr <= th) {
        if (tr >= limit) break;
        this.processResumes(tr);
      } else if (th <= tp) {
        if (th >= limit) break;
        this.processHalt();
      } else {
        if (tp >= limit) break;
        if (this.pendIsArrival) this.processArrival(out);
        else this.walkArrival(this.pendT, this.pendV, this.pendRemaining);
      }
    }
    return out;
  }

  /** `nextBatch` wrapped as an IngestBatch with an increasing batch id (from 1). */
  nextIngestBatch(maxTicks: number, untilTimeMs: number): hashcap.v1.IIngestBatch {
    const ticks = this.nextBatch(maxTicks, untilTimeMs);
    return { batchId: ++this.batchCounter, ticks };
  }

  /**
   * `nextBatch` up to the simulated time of a real instant on `clock` (anchored by the first call).
   * maxTicks defaults to 10,000, the ingest gate's default batch limit.
   */
  advanceTo(realNowMs: number, maxTicks: number = DEFAULT_MAX_BATCH_TICKS): Tick[] {
    return this.nextBatch(maxTicks, this.clock.simTimeAt(realNowMs));
  }

  /**
   * Jumps to `timeMs` without printing what would have traded in between (halts and resumes still take
   * place). Prices move over the gap as they would have. Used by the live loop when it falls behind.
   */
  skipTo(timeMs: number): void {
    if (typeof timeMs !== 'number' || !(Math.abs(timeMs) < MAX_EPOCH_MS - WALK_HORIZON_MS * 4)) {
      fail(`timeMs must be a finite epoch time in ms, got ${String(timeMs)}`);
    }
    const target = Math.floor(timeMs);
    if (target > this.dueMs) this.dueMs = target;
    const limit = this.dueMs + 1;
    for (;;) {
      const th = this.haltT;
      const tr = this.resumeT;
      if (tr <= th) {
        if (tr >= limit) break;
        this.processResumes(tr);
      } else {
        if (th >= limit) break;
        this.processHalt();
      }
    }
    if (this.pendT < limit) {
      this.restartArrivalsAt(limit);
      this.lastEmittedMs = this.dueMs;
    }
  }

  /** Changes the target rate (see SimulatorOptions.rate) from the current simulated time on. */
  setRate(rate: number): void {
    if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1e9)) fail(`rate must be a number in [0, 1e9], got ${String(rate)}`);
    this.rate = rate;
    this.arrivalsPerMs = this.rate / (1000 * this.speed);
    // Arrivals are memoryless, so redrawing the next one at the new rate from now on is exact.
    this.restartArrivalsAt(this.backlogged ? this.lastT : this.dueMs + 1);
  }

  /**
   * Runs the simulator against the real clock: every `batchIntervalMs` it produces the ticks due by
   * now (`advanceTo`) and hands a non-empty batch to `onBatch`. One live loop at a time.
   */
  startLive(options: LiveOptions): LiveHandle {
    if (this.live !== null && this.live.running) throw new HashcapError('SIM_LIVE_RUNNING', 'this simulator already has a live loop');
    if (options === null || typeof options !== 'object' || typeof options.onBatch !== 'function') {
      fail('startLive needs options with an onBatch function');
    }
    const interval = option('batchIntervalMs', options.batchIntervalMs, 0, 1, 2_147_483_647);
    if (options.rate !== undefined) this.setRate(options.rate);
    const expected = (this.rate * interval) / 1000;
    const maxBatch = Math.floor(
      option('maxBatchTicks', options.maxBatchTicks, Math.min(DEFAULT_MAX_BATCH_TICKS, Math.max(1000, Math.ceil(expected * 8))), 1, 1e9),
    );
    const maxLagSimMs = option('maxLagMs', options.maxLagMs, 5000, 0, 1e12) * this.speed;
    const now = options.now ?? Date.now;
    const { onBatch, onError } = options;
    if (!this.clock.anchored) this.clock.anchor(now());

    let running = true;
    let inFlight = false;
    let batches = 0;
    let timer: ReturnType<typeof setInterval> | undefined;
    const stop = (): void => {
      if (!running) return;
      running = false;
      if (timer !== undefined) clearInterval(timer);
      if (this.live === handle) this.live = null;
    };
    const failLoop = (error: unknown): void => {
      if (!running) return;
      stop();
      if (onError) onError(error);
      else throw error;
    };
    const settle = (): void => {
      inFlight = false;
    };
    const rejectLoop = (error: unknown): void => {
      inFlight = false;
      try {
        failLoop(error);
      } catch (rethrown: unknown) {
        // Without onError a rejected batch surfaces like an exception thrown from a timer.
        queueMicrotask(() => {
          throw rethrown;
        });
      }
    };
    const step = (): void => {
      if (!running || inFlight) return;
      let result: void | Promise<void>;
      try {
        const target = this.clock.simTimeAt(now());
        const ticks = this.nextBatch(maxBatch, target);
        if (this.backlogged && target - this.simTimeMs > maxLagSimMs) {
          this.skipTo(target);
          this.nLagSkips++;
        }
        if (ticks.length === 0) return;
        batches++;
        result = onBatch(ticks);
      } catch (error: unknown) {
        failLoop(error);
        return;
      }
      if (result instanceof Promise) {
        inFlight = true;
        result.then(settle, rejectLoop);
      }
    };
    const handle: LiveHandle = {
      stop,
      get running() {
        return running;
      },
      get batches() {
        return batches;
      },
    };
    this.live = handle;
    timer = setInterval(step, interval);
    return handle;
  }

  // ------------------------------------------------------------------------------------- internals

  private indexOf(ticker: string): number {
    const i = this.bySymbol.get(ticker);
    if (i === undefined) throw new HashcapError('SIM_SYMBOL', `unknown symbol ${JSON.stringify(ticker)}`);
    return i;
  }

  /**
   * Draws the next arrival by the time-change method: spend a unit exponential `e` against the
   * integrated intensity, segment by segment, from (t, v). Sets pend*; stops at a checkpoint after
   * WALK_HORIZON_MS so a near-zero rate cannot walk the calendar for ever.
   */
  private walkArrival(t: number, v: number, e: number): void {
    const schedule = this.tickSchedule;
    const perMs = this.arrivalsPerMs;
    if (!(perMs > 0)) {
      // Rate 0: nothing arrives until setRate restarts the walk.
      this.pendT = Infinity;
      this.pendV = v;
      this.pendIsArrival = false;
      this.pendRemaining = e;
      return;
    }
    const horizon = t + WALK_HORIZON_MS;
    for (;;) {
      schedule.locate(t);
      const end = schedule.segEnd;
      const lambda = perMs * schedule.segIntensity;
      if (lambda > 0) {
        const dt = e / lambda;
        const at = t + dt;
        if (at < end) {
          this.pendT = at;
          this.pendV = v + schedule.segWeight * dt;
          this.pendIsArrival = true;
          this.pendSession = schedule.segSession;
          return;
        }
        e -= lambda * (end - t);
        if (e < MIN_REMAINING) e = MIN_REMAINING;
      }
      v += schedule.segWeight * (end - t);
      t = end;
      if (t >= horizon) {
        this.pendT = t;
        this.pendV = v;
        this.pendIsArrival = false;
        this.pendRemaining = e;
        return;
      }
    }
  }

  /** Forgets the drawn arrival and draws afresh from `t` (memoryless, so still exact). */
  private restartArrivalsAt(t: number): void {
    if (t > this.lastT) {
      this.lastV += this.varianceSchedule.integrateWeight(this.lastT, t);
      this.lastT = t;
    }
    this.walkArrival(this.lastT, this.lastV, this.rng.exponential());
  }

  /** Like walkArrival, for the halt process, whose intensity is haltRate in the regular session only. */
  private walkHalt(t: number, e: number): void {
    const perMs = (this.haltRate * this.n) / MS_PER_HOUR;
    if (!(perMs > 0)) {
      this.haltT = Infinity;
      return;
    }
    const schedule = this.haltSchedule;
    const horizon = t + WALK_HORIZON_MS;
    for (;;) {
      schedule.locate(t);
      const end = schedule.segEnd;
      if (schedule.segSession === Session.Regular) {
        const at = t + e / perMs;
        if (at < end) {
          this.haltT = at;
          this.haltIsHalt = true;
          this.haltRegularCloseMs = end;
          return;
        }
        e -= perMs * (end - t);
        if (e < MIN_REMAINING) e = MIN_REMAINING;
      }
      t = end;
      if (t >= horizon) {
        this.haltT = t;
        this.haltIsHalt = false;
        this.haltRemaining = e;
        return;
      }
    }
  }

  private processHalt(): void {
    const t = this.haltT;
    if (!this.haltIsHalt) {
      this.walkHalt(t, this.haltRemaining);
      return;
    }
    const rng = this.haltRng;
    const i = rng.int(this.n);
    const news = rng.next() < 0.2;
    const duration = news ? 600_000 + rng.int(1_200_001) : 300_000;
    if (this.halted[i] === 0) {
      // A halt that would run past the close ends at the close (the stock then trades after hours).
      const resume = Math.min(Math.floor(t) + duration, this.haltRegularCloseMs);
      this.halted[i] = 1;
      this.resumeAt[i] = resume;
      if (resume < this.resumeT) this.resumeT = resume;
      this.nHalts++;
      this.pushEvent({
        type: 'halt',
        symbol: this.symbols[i]!,
        timeMs: Math.floor(t),
        resumeAtMs: resume,
        reason: news ? 'T1' : 'LUDP',
      });
    }
    this.walkHalt(t, rng.exponential());
  }

  private processResumes(t: number): void {
    let next = Infinity;
    for (let i = 0; i < this.n; i++) {
      const r = this.resumeAt[i]!;
      if (r <= t) {
        this.halted[i] = 0;
        this.resumeAt[i] = Infinity;
        this.nResumes++;
        this.pushEvent({ type: 'resume', symbol: this.symbols[i]!, timeMs: r });
      } else if (r < next) {
        next = r;
      }
    }
    this.resumeT = next;
  }

  private pushEvent(event: SimEvent): void {
    if (this.events.length < this.maxPendingEvents) this.events.push(event);
    else this.nDroppedEvents++;
  }

  /** The hot path: one arrival becomes (at most) one tick. */
  private processArrival(out: Tick[]): void {
    const rng = this.rng;
    const t = this.pendT;
    const v = this.pendV;
    const session = this.pendSession;
    this.lastT = t;
    this.lastV = v;

    // Pick the symbol by activity weight (binary search over the cumulative weights).
    const cum = this.cumActivity;
    const x = rng.next() * this.totalActivity;
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    const i = lo;

    if (this.halted[i] === 1) {
      this.nSuppressed++;
    } else {
      this.emitTick(out, i, t, v, session);
    }
    this.walkArrival(t, v, rng.exponential());
  }

  private emitTick(out: Tick[], i: number, t: number, v: number, session: Session): void {
    const rng = this.rng;

    // Bring the common factors to this instant (exact Brownian increments over the elapsed clocks).
    // They are sampled at most once per simulated ms: at very high rates many prints share a sample,
    // which saves two normals per tick and changes nothing visible.
    const dtBtc = t - this.btcTimeMs;
    if (dtBtc >= FACTOR_STEP_MS) {
      this.btcLog += BTC_VOL * Math.sqrt(dtBtc / MS_PER_YEAR) * rng.normal();
      this.btcTimeMs = t;
      const dvSector = v - this.sectorVariance;
      if (dvSector > 0) {
        this.sectorLog += SECTOR_VOL * Math.sqrt(dvSector / TRADING_YEAR_VARIANCE_MS) * rng.normal();
        this.sectorVariance = v;
      }
    }
    // …and the symbol to them, plus its own noise since its last print.
    let logMid =
      this.logMid[i]! + this.beta[i]! * (this.btcLog - this.btcAt[i]!) + this.gamma[i]! * (this.sectorLog - this.sectorAt[i]!);
    const dv = v - this.varianceAt[i]!;
    if (dv > 0) logMid += this.idioPerSqrtMs[i]! * Math.sqrt(dv) * rng.normal();
    if (logMid < LOG_MIN_MID) logMid = LOG_MIN_MID;
    this.logMid[i] = logMid;
    this.btcAt[i] = this.btcLog;
    this.sectorAt[i] = this.sectorLog;
    this.varianceAt[i] = v;

    // Quote around the model price, in units of $0.0001.
    const extended = session !== Session.Regular;
    const midUnits = Math.exp(logMid) * UNITS_PER_USD;
    const tickUnits = midUnits >= UNITS_PER_USD ? CENT_UNITS : 1;
    const widen = extended ? EXTENDED_SPREAD_WIDEN : 1;
    let spreadTicks = Math.round((midUnits * this.spreadFraction[i]! * widen * (0.5 + rng.next())) / tickUnits);
    if (spreadTicks < 1) spreadTicks = 1;
    const half = (spreadTicks * tickUnits) / 2;
    let bid = floorToGrid(midUnits - half);
    if (bid < 1) bid = 1;
    let ask = ceilToGrid(midUnits + half);
    if (ask <= bid) ask = ceilToGrid(bid + 1);
    this.bidUnits[i] = bid;
    this.askUnits[i] = ask;
    const quoteLots = extended ? this.extendedQuoteLots : this.quoteLots[i]!;
    const bidSize = 100 * quoteLots[rng.nextUint32() >>> LOT_TABLE_SHIFT]!;
    const askSize = 100 * quoteLots[rng.nextUint32() >>> LOT_TABLE_SHIFT]!;

    const seq = this.seqs[i]! + 1;
    this.seqs[i] = seq;
    const timeMs = Math.floor(t);
    this.lastEmittedMs = timeMs;
    this.nTicks++;

    if (rng.next() < this.tradeFraction) {
      // Trade: at the bid, at the ask, or at the midpoint.
      const side = rng.next();
      let price = side < 0.45 ? bid : side < 0.9 ? ask : roundToGrid((bid + ask) / 2);
      if (price < bid) price = bid;
      else if (price > ask) price = ask;
      let size: number;
      const sizeDraw = rng.next();
      if (sizeDraw < this.oddLotShare[i]!) {
        size = 1 + rng.int(99);
      } else {
        size = 100 * this.tradeLots[i]![rng.nextUint32() >>> LOT_TABLE_SHIFT]!;
        if (sizeDraw > 1 - MIXED_LOT_SHARE) size += 1 + rng.int(99);
      }
      this.nTrades++;
      if (this.badPrintRate > 0 && this.badRng.next() < this.badPrintRate) {
        price = this.badPrint(i, seq, timeMs);
      } else {
        this.lastUnits[i] = price;
      }
      out.push({
        symbol: this.symbols[i]!,
        kind: TICK_TRADE,
        price: price / UNITS_PER_USD,
        size,
        bid: bid / UNITS_PER_USD,
        ask: ask / UNITS_PER_USD,
        bidSize,
        askSize,
        timeMs,
        seq,
        conditions: extended ? FORM_T : NO_CONDITIONS,
        originalSeq: 0,
      });
    } else {
      this.nQuotes++;
      out.push({
        symbol: this.symbols[i]!,
        kind: TICK_QUOTE,
        price: this.lastUnits[i]! / UNITS_PER_USD,
        size: 0,
        bid: bid / UNITS_PER_USD,
        ask: ask / UNITS_PER_USD,
        bidSize,
        askSize,
        timeMs,
        seq,
        conditions: NO_CONDITIONS,
        originalSeq: 0,
      });
    }
  }

  /** A price 10–50 % away from the last good trade (in units), rounded away from it; recorded. */
  private badPrint(i: number, seq: number, timeMs: number): number {
    const rng = this.badRng;
    const reference = this.lastUnits[i]!;
    const deviation = 0.1 + 0.4 * rng.next();
    const down = rng.next() < 0.5;
    let price = down ? floorToGrid(reference * (1 - deviation)) : ceilToGrid(reference * (1 + deviation));
    if (price < 1) price = ceilToGrid(reference * (1 + deviation));
    this.nBadPrints++;
    this.pushEvent({
      type: 'bad-print',
      symbol: this.symbols[i]!,
      seq,
      timeMs,
      price: price / UNITS_PER_USD,
      referencePrice: reference / UNITS_PER_USD,
    });
    return price;
  }
}

function intensityProfile(overrides: Partial<IntensityProfile> | undefined): IntensityProfile {
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

/** The seed-and-ticker-derived parameters of one symbol (independent of the other symbols). */
function symbolModel(seed: number, ticker: string, previousClose: number): SymbolModel {
  const rng = new Prng(deriveSeed(seed, ticker));
  const annualVol = 0.6 + 0.6 * rng.next();
  const btcShare = 0.2 + 0.15 * rng.next();
  const sectorShare = 0.3 + 0.15 * rng.next();
  return {
    ticker,
    previousClose,
    annualVol,
    beta: (annualVol * Math.sqrt(btcShare)) / BTC_VOL,
    sectorLoading: (annualVol * Math.sqrt(sectorShare)) / SECTOR_VOL,
    idioVol: annualVol * Math.sqrt(1 - btcShare - sectorShare),
    activity: 0.5 + rng.next(),
    spreadFraction: (3 + 7 * rng.next()) / 10_000,
    oddLotShare: 0.15 + 0.2 * rng.next(),
    lotScale: previousClose < 5 ? 3 : previousClose < 20 ? 2 : 1,
  };
}
