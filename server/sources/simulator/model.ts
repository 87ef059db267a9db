/**
 * The price-factor model's parameters and price grid. Each symbol's log price moves with bitcoin (β),
 * a sector factor (γ) and its own noise, with parameters drawn from the seed and the ticker alone
 * (`symbolModel`), so adding a symbol changes no other symbol's tape. Prices are integers of $0.0001
 * on the $0.01 grid at or above $1; trade and quote sizes come from Pareto lot tables.
 */
import { Prng, deriveSeed } from './prng.ts';

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
export const LOG_MIN_MID = Math.log(2 / UNITS_PER_USD);

export const MS_PER_YEAR = 365.25 * 86_400_000;
export const BTC_VOL = 0.5;
export const SECTOR_VOL = 0.55;
/** The common factors are resampled when at least this much simulated time has passed. */
export const FACTOR_STEP_MS = 1;

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
