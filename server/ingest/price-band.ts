/**
 * LULD-style price bands for trade prints (modelled on the Limit Up-Limit Down plan).
 *
 * Reference price, per symbol: the mean of the accepted trade prices of the last `windowMs` (5 minutes)
 * of market time — the trades' own time_ms, measured back from the newest accepted trade's. When that
 * window holds no trade, the reference in effect at the last accepted trade stays in effect (as in
 * LULD); before any accepted trade it is the previous close.
 *
 * Band, from the reference price P and the symbol's LULD tier, in the regular session:
 *   P > $3           ±10% (Tier 2, every miner today), ±5% (Tier 1)
 *   $0.75 ≤ P ≤ $3   ±20%
 *   P < $0.75        ±min($0.15, 75%)
 * and twice as wide outside the regular session (thin pre- and post-market books). Edges are inclusive.
 * A trade outside the band is refused by the gate (PRICE_BAND) and does not move the reference; only
 * accepted trades are recorded.
 *
 * After a halt is lifted (`reanchor`), the first accepted trade is not banded and starts the reference
 * afresh, as LULD bands restart from the reopening price: a symbol that reopens far from where it was
 * halted would otherwise have every later print refused against the stale reference.
 *
 * A real move past the band without a halt (an overnight gap at the first pre-market prints, news
 * while a feed carries no halt messages) would otherwise lock the symbol out for good, since refused
 * prints never move the reference. So a move is confirmed by persistence: `confirmPrints` consecutive
 * refused trades on the same side of the band within `confirmMs` re-anchor the band on the last of
 * them, which is accepted. One stray bad print, or a few, stays refused.
 *
 * Cost: the window is a ring of `windowMs / bucketMs` buckets per symbol (300 one-second buckets by
 * default) with a running sum and count, in typed arrays allocated once. Recording a trade is O(1) plus
 * expiring the buckets that time has passed (each bucket expires at most once, at most one full ring
 * after a long silence); nothing is allocated. Sums are kept in whole $0.0001 ticks, so adding and
 * expiring prints is exact and the reference never drifts. A print counts while it is less than
 * `windowMs` old, to the bucket: at most `windowMs`, at least `windowMs - bucketMs`.
 */
import { PRICE_SCALE } from '../engine/money.ts';

/** LULD tier: 1 (S&P 500, Russell 1000, some ETPs) or 2 (every other NMS stock, e.g. the miners). */
export type LuldTier = 1 | 2;

export interface PriceBandOptions {
  /** LULD tier by symbol; symbols not listed take `defaultTier`. Symbols not in the universe are ignored. */
  readonly tiers?: Readonly<Record<string, LuldTier>>;
  /** Default 2. */
  readonly defaultTier?: LuldTier;
  /** Length of the reference window in market time. Default 300,000 (5 minutes). */
  readonly windowMs?: number;
  /** Width of one bucket of the ring; must divide `windowMs`. Default 1000. */
  readonly bucketMs?: number;
  /** Consecutive out-of-band trades on one side that confirm a move and re-anchor the band. Default 5; 0 never. */
  readonly confirmPrints?: number;
  /** ...within this much market time from the first of them. Default 60,000. */
  readonly confirmMs?: number;
}

/** One symbol's band, for messages, tests and diagnostics. */
export interface PriceBand {
  readonly reference: number;
  readonly halfWidth: number;
  readonly lower: number;
  readonly upper: number;
  readonly tier: LuldTier;
  readonly regular: boolean;
  /** True right after a resume: the next accepted trade is not banded and sets the reference. */
  readonly unanchored: boolean;
}

export const DEFAULT_BAND_WINDOW_MS = 300_000;
export const DEFAULT_BAND_BUCKET_MS = 1000;
export const DEFAULT_LULD_TIER: LuldTier = 2;
export const DEFAULT_CONFIRM_PRINTS = 5;
export const DEFAULT_CONFIRM_MS = 60_000;

/**
 * Half the width of the band around `reference`, in dollars. Written to be inlined on the tick path
 * (numbers in, a number out, no allocation).
 */
export function bandHalfWidth(reference: number, tier: number, regular: boolean): number {
  let width: number;
  if (reference > 3) width = tier === 1 ? reference * 0.05 : reference * 0.1;
  else if (reference >= 0.75) width = reference * 0.2;
  else width = Math.min(0.15, reference * 0.75);
  return regular ? width : width * 2;
}

/**
 * Whether `price` is inside [reference - halfWidth, reference + halfWidth]. The tolerance absorbs the
 * rounding of reference × percentage (a price exactly on an edge is inside) and is far below the
 * $0.0001 price grid, so a price one tick outside is outside.
 */
export function inBand(price: number, reference: number, halfWidth: number): boolean {
  const tolerance = 1e-9 + reference * 1e-12;
  return price >= reference - halfWidth - tolerance && price <= reference + halfWidth + tolerance;
}

// Slots of the scratch array (doubles never cross a call on the tick path: see the README).
const S_SUM = 0;
const S_COUNT = 1;
const S_BUCKET = 2;
const EMPTY = -1;

export class PriceBands {
  readonly windowMs: number;
  readonly bucketMs: number;
  /** Buckets per symbol. */
  readonly buckets: number;

  private readonly symbols: readonly string[];
  private readonly tier: Uint8Array;
  private readonly previousClose: Float64Array;
  /** Reference in effect at the last accepted trade ($), NaN before any. */
  private readonly lastReference: Float64Array;
  /** Newest bucket number recorded per symbol, EMPTY before any. */
  private readonly head: Float64Array;
  /** Sum (in $0.0001 ticks) and count of the prints in the window ending at `head`. */
  private readonly sum: Float64Array;
  private readonly count: Float64Array;
  /** The ring, symbol after symbol: bucket number held (EMPTY for none), its tick sum and print count. */
  private readonly bucketNo: Float64Array;
  private readonly bucketSum: Float64Array;
  private readonly bucketCount: Float64Array;
  private readonly unanchored: Uint8Array;
  private readonly scratch: Float64Array;
  readonly confirmPrints: number;
  readonly confirmMs: number;
  /** The current run of refused trades per symbol: side (+1 above, -1 below, 0 none), count, first time. */
  private readonly runSide: Int8Array;
  private readonly runCount: Float64Array;
  private readonly runStartMs: Float64Array;

  constructor(symbols: readonly string[], previousCloses: ArrayLike<number>, options: PriceBandOptions = {}) {
    const windowMs = options.windowMs ?? DEFAULT_BAND_WINDOW_MS;
    const bucketMs = options.bucketMs ?? DEFAULT_BAND_BUCKET_MS;
    if (!Number.isInteger(bucketMs) || bucketMs < 1) throw new RangeError(`price band bucketMs must be an integer >= 1, got ${String(bucketMs)}`);
    if (!Number.isInteger(windowMs) || windowMs < bucketMs || windowMs % bucketMs !== 0) {
      throw new RangeError(`price band windowMs must be a whole number of buckets (${bucketMs} ms), got ${String(windowMs)}`);
    }
    const defaultTier = options.defaultTier ?? DEFAULT_LULD_TIER;
    checkTier('defaultTier', defaultTier);
    this.windowMs = windowMs;
    this.bucketMs = bucketMs;
    this.buckets = windowMs / bucketMs;
    this.symbols = symbols;
    const n = symbols.length;
    this.tier = new Uint8Array(n).fill(defaultTier);
    for (const [symbol, tier] of Object.entries(options.tiers ?? {})) {
      checkTier(`tiers.${symbol}`, tier);
      const id = symbols.indexOf(symbol);
      if (id >= 0) this.tier[id] = tier;
    }
    this.previousClose = new Float64Array(n);
    for (let id = 0; id < n; id++) this.setPreviousClose(id, previousCloses[id] ?? NaN);
    this.lastReference = new Float64Array(n).fill(NaN);
    this.head = new Float64Array(n).fill(EMPTY);
    this.sum = new Float64Array(n);
    this.count = new Float64Array(n);
    this.bucketNo = new Float64Array(n * this.buckets).fill(EMPTY);
    this.bucketSum = new Float64Array(n * this.buckets);
    this.bucketCount = new Float64Array(n * this.buckets);
    this.unanchored = new Uint8Array(n);
    this.scratch = new Float64Array(3);
    const confirmPrints = options.confirmPrints ?? DEFAULT_CONFIRM_PRINTS;
    const confirmMs = options.confirmMs ?? DEFAULT_CONFIRM_MS;
    if (!Number.isInteger(confirmPrints) || confirmPrints < 0) throw new RangeError(`confirmPrints must be an integer >= 0, got ${String(confirmPrints)}`);
    if (!(confirmMs > 0)) throw new RangeError(`confirmMs must be > 0, got ${String(confirmMs)}`);
    this.confirmPrints = confirmPrints;
    this.confirmMs = confirmMs;
    this.runSide = new Int8Array(n);
    this.runCount = new Float64Array(n);
    this.runStartMs = new Float64Array(n);
  }

  /**
   * For trade `k`, which `admits` refused: counts it into the symbol's run of refusals and returns true
   * when the run confirms a move (see the module comment). The band is then re-anchored, so the trade
   * is admitted and, once recorded, becomes the new reference.
   */
  confirmsMove(id: number, prices: Float64Array, times: Float64Array, k: number): boolean {
    if (this.confirmPrints === 0) return false;
    const time = times[k]!;
    const side = prices[k]! > this.referenceAt(id, times, k) ? 1 : -1;
    if (this.runSide[id] !== side || time - this.runStartMs[id]! > this.confirmMs) {
      this.runSide[id] = side;
      this.runCount[id] = 1;
      this.runStartMs[id] = time;
    } else {
      this.runCount[id] = this.runCount[id]! + 1;
    }
    if (this.runCount[id]! < this.confirmPrints) return false;
    this.reanchor(id);
    return true;
  }

  /** The fallback reference before a symbol's first accepted trade (after a day roll, the new close). */
  setPreviousClose(id: number, price: number): void {
    if (!(price > 0 && Number.isFinite(price))) throw new RangeError(`previous close of ${this.symbols[id]} must be > 0, got ${String(price)}`);
    this.previousClose[id] = price;
  }

  tierOf(id: number): LuldTier {
    return this.tier[id] as LuldTier;
  }

  /**
   * Whether trade `k` of the columns (its price and time) is inside symbol `id`'s band. Reads only: a
   * trade the gate then refuses for another reason leaves no trace.
   */
  admits(id: number, prices: Float64Array, times: Float64Array, k: number, regular: boolean): boolean {
    if (this.unanchored[id] === 1) return true;
    const reference = this.referenceAt(id, times, k);
    return inBand(prices[k]!, reference, bandHalfWidth(reference, this.tier[id]!, regular));
  }

  /** Records accepted trade `k` of the columns: it enters the window and the reference. */
  record(id: number, prices: Float64Array, times: Float64Array, k: number): void {
    const nb = this.buckets;
    const bucket = Math.floor(times[k]! / this.bucketMs);
    const head = this.head[id]!;
    if (bucket > head) {
      this.scratch[S_BUCKET] = bucket;
      this.window(id);
      this.sum[id] = this.scratch[S_SUM]!;
      this.count[id] = this.scratch[S_COUNT]!;
      this.head[id] = bucket;
    } else if (bucket <= head - nb) {
      // Older than the window: it was accepted, but it no longer says anything about the price now.
      // (Never right after `reanchor`, which empties the head.)
      return;
    }
    const ticks = Math.floor(prices[k]! * PRICE_SCALE + 0.5);
    const j = id * nb + (bucket % nb);
    if (this.bucketNo[j] !== bucket) {
      // The slot held an expired bucket, already out of the running sum.
      this.bucketNo[j] = bucket;
      this.bucketSum[j] = 0;
      this.bucketCount[j] = 0;
    }
    this.bucketSum[j] = this.bucketSum[j]! + ticks;
    this.bucketCount[j] = this.bucketCount[j]! + 1;
    const sum = this.sum[id]! + ticks;
    const count = this.count[id]! + 1;
    this.sum[id] = sum;
    this.count[id] = count;
    this.lastReference[id] = sum / count / PRICE_SCALE;
    this.unanchored[id] = 0;
    this.runSide[id] = 0;
    this.runCount[id] = 0;
  }

  /**
   * Forgets the window and the reference (a resumed halt): the next accepted trade is not banded and
   * becomes the reference.
   */
  reanchor(id: number): void {
    const nb = this.buckets;
    this.bucketNo.fill(EMPTY, id * nb, (id + 1) * nb);
    this.bucketSum.fill(0, id * nb, (id + 1) * nb);
    this.bucketCount.fill(0, id * nb, (id + 1) * nb);
    this.sum[id] = 0;
    this.count[id] = 0;
    this.head[id] = EMPTY;
    this.unanchored[id] = 1;
  }

  /** The band a trade of symbol `id` at `timeMs` would be checked against (off the tick path: allocates). */
  band(id: number, timeMs: number, regular: boolean): PriceBand {
    const times = Float64Array.of(timeMs);
    const reference = this.referenceAt(id, times, 0);
    const tier = this.tier[id] as LuldTier;
    const halfWidth = bandHalfWidth(reference, tier, regular);
    return {
      reference,
      halfWidth,
      lower: Math.max(0, reference - halfWidth),
      upper: reference + halfWidth,
      tier,
      regular,
      unanchored: this.unanchored[id] === 1,
    };
  }

  /** Reference price ($) for a trade at times[k]: the window's mean, else the last reference, else the previous close. */
  private referenceAt(id: number, times: Float64Array, k: number): number {
    const bucket = Math.floor(times[k]! / this.bucketMs);
    let sum = this.sum[id]!;
    let count = this.count[id]!;
    if (bucket > this.head[id]! && count > 0) {
      this.scratch[S_BUCKET] = bucket;
      this.window(id);
      sum = this.scratch[S_SUM]!;
      count = this.scratch[S_COUNT]!;
    }
    if (count > 0) return sum / count / PRICE_SCALE;
    const last = this.lastReference[id]!;
    return last > 0 ? last : this.previousClose[id]!;
  }

  /**
   * Sum and count (into the scratch) of the window of symbol `id` moved forward to end at the bucket in
   * the scratch (> head): the running figures less every bucket that falls out. Changes nothing else.
   * Bucket numbers are beyond the small-integer range, so the bucket goes through the scratch too.
   */
  private window(id: number): void {
    const bucket = this.scratch[S_BUCKET]!;
    const nb = this.buckets;
    const head = this.head[id]!;
    let sum = this.sum[id]!;
    let count = this.count[id]!;
    if (head === EMPTY || bucket - head >= nb || count === 0) {
      sum = 0;
      count = 0;
    } else {
      const base = id * nb;
      const bucketNo = this.bucketNo;
      // Buckets head-nb+1 … bucket-nb leave the window (fewer than nb of them).
      for (let b = head - nb + 1; b <= bucket - nb; b++) {
        const j = base + (b % nb);
        if (bucketNo[j] === b) {
          sum -= this.bucketSum[j]!;
          count -= this.bucketCount[j]!;
        }
      }
      if (count === 0) sum = 0;
    }
    this.scratch[S_SUM] = sum;
    this.scratch[S_COUNT] = count;
  }
}

function checkTier(name: string, tier: unknown): void {
  if (tier !== 1 && tier !== 2) throw new RangeError(`price band ${name} must be LULD tier 1 or 2, got ${String(tier)}`);
}
