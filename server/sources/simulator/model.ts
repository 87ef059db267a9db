/**
 * The price-factor model's parameters and price grid. Each symbol's log price moves with bitcoin (β),
 * a sector factor (γ) and its own noise, with parameters drawn from the seed and the ticker alone
 * (`symbolModel`), so adding a symbol changes no other symbol's tape. Prices are integers of $0.0001
 * on the $0.01 grid at or above $1; trade and quote sizes come from Pareto lot tables.
 */
import { Prng, deriveSeed } from './prng.ts';
import { TRADING_YEAR_VARIANCE_MS } from './schedule.ts';

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

/** Prices are handled as integers of $0.0001. */
export const UNITS_PER_USD = 10_000;
/** At and above $1 (10,000 units) prices move in cents (100 units). */
export const CENT_UNITS = 100;
const LOG_MIN_MID = Math.log(2 / UNITS_PER_USD);

const MS_PER_YEAR = 365.25 * 86_400_000;
const BTC_VOL = 0.5;
const SECTOR_VOL = 0.55;
/** The common factors are resampled when at least this much simulated time has passed. */
const FACTOR_STEP_MS = 1;

export const EXTENDED_SPREAD_WIDEN = 3.5;
export const TRADE_SIZE_ALPHA = 1.5;
export const QUOTE_SIZE_ALPHA = 1.3;
export const MAX_LOTS = 50;
export const MAX_EXTENDED_QUOTE_LOTS = 10;
export const MIXED_LOT_SHARE = 0.08;

/** Lot-size tables are indexed by the top LOT_TABLE_BITS of a uniform 32-bit draw. */
const LOT_TABLE_BITS = 12;
const LOT_TABLE_SIZE = 1 << LOT_TABLE_BITS;
export const LOT_TABLE_SHIFT = 32 - LOT_TABLE_BITS;

/** Largest price on the grid at or below u (u ≥ 0). */
export function floorToGrid(u: number): number {
  const f = Math.floor(u);
  return f >= UNITS_PER_USD ? f - (f % CENT_UNITS) : f;
}

/** Smallest price on the grid at or above u. */
export function ceilToGrid(u: number): number {
  const c = Math.ceil(u);
  return c > UNITS_PER_USD ? Math.ceil(c / CENT_UNITS) * CENT_UNITS : c;
}

/**
 * A discretised Pareto lot count, min(cap, floor(scale · U^(−1/α))), as a lookup table over the
 * quantiles of U: one table read per size instead of a pow, and the same numbers on every platform.
 */
export function lotTable(scale: number, alpha: number, cap: number): Uint8Array {
  const table = new Uint8Array(LOT_TABLE_SIZE);
  for (let k = 0; k < LOT_TABLE_SIZE; k++) {
    const u = (k + 0.5) / LOT_TABLE_SIZE;
    table[k] = Math.min(cap, Math.floor(scale * Math.pow(u, -1 / alpha)));
  }
  return table;
}

export function roundToGrid(u: number): number {
  const r = Math.round(u);
  return r >= UNITS_PER_USD ? Math.round(r / CENT_UNITS) * CENT_UNITS : r;
}

/** The seed-and-ticker-derived parameters of one symbol (independent of the other symbols). */
export function symbolModel(seed: number, ticker: string, previousClose: number): SymbolModel {
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

/**
 * The correlated random walk itself: Δlog P_i = β_i·ΔB + γ_i·ΔS + σ_e,i·ΔW_i. Bitcoin (B, calendar
 * time) and the sector (S, trading-variance time) are sampled lazily, only when a print needs them;
 * each symbol catches up with them, plus its own noise, at its next print. O(1) per print whatever the
 * time step, nothing allocated.
 */
export class PriceWalk {
  /** Each symbol's log mid price (USD) as of its last print. */
  readonly logMid: Float64Array;
  /** Bitcoin's log return since the start, as of the last sample. */
  btcLog: number;
  private btcTimeMs: number;
  private sectorLog: number;
  private sectorVariance: number;
  private readonly beta: Float64Array;
  private readonly gamma: Float64Array;
  private readonly idioPerSqrtMs: Float64Array;
  private readonly btcAt: Float64Array;
  private readonly sectorAt: Float64Array;
  private readonly varianceAt: Float64Array;

  constructor(models: readonly SymbolModel[], startTimeMs: number) {
    const n = models.length;
    this.logMid = new Float64Array(n);
    this.btcLog = 0;
    this.btcTimeMs = startTimeMs;
    this.sectorLog = 0;
    this.sectorVariance = 0;
    this.beta = new Float64Array(n);
    this.gamma = new Float64Array(n);
    this.idioPerSqrtMs = new Float64Array(n);
    this.btcAt = new Float64Array(n);
    this.sectorAt = new Float64Array(n);
    this.varianceAt = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const m = models[i]!;
      this.beta[i] = m.beta;
      this.gamma[i] = m.sectorLoading;
      this.idioPerSqrtMs[i] = m.idioVol / Math.sqrt(TRADING_YEAR_VARIANCE_MS);
      const closeUnits = Math.max(1, roundToGrid(m.previousClose * UNITS_PER_USD));
      this.logMid[i] = Math.log(closeUnits / UNITS_PER_USD);
    }
  }

  /** Moves the factors to market time `t` (trading variance `v`) and symbol `i` to them: `logMid[i]`. */
  advance(i: number, t: number, v: number, rng: Prng): void {
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
  }
}
