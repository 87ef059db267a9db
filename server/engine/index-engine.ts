import type { Basket, Constituent } from '../market/basket-types.ts';
import { Session } from '../market/session-types.ts';
import { HashcapError, HashcapErrorCode } from '../errors.ts';
import { DirtySet } from './dirty-set.ts';
import { EngineEventKind, EventRing } from './event-ring.ts';
import type { Slot } from './ids.ts';
import { tradeColumns, type TradeColumns } from './trade-columns.ts';
import { capCents, centsToUsd, MAX_EXACT_CENTS, priceTicks, PRICE_SCALE } from './money.ts';

export interface IndexEngineOptions {
  /**
   * A milestone crossed upwards is reported again on the way down only once the total falls this
   * fraction below it, so a total hovering at $100B does not flood the status channel.
   */
  readonly milestoneHysteresis?: number;
  /** Restore a divisor (e.g. from the persisted state) instead of basing the level on the file. */
  readonly divisor?: number;
  /** How many milestone/divisor events may wait for the frame builder. */
  readonly eventCapacity?: number;
}

export interface ConstituentState {
  readonly slot: Slot;
  readonly ticker: string;
  readonly name: string;
  readonly last: number;
  readonly previousClose: number;
  readonly change: number;
  readonly changePct: number;
  /** After the regular session: change since today's last regular-session print; null before one. */
  readonly changeSinceClose: number | null;
  readonly shares: number;
  readonly floatFactor: number;
  readonly capFactor: number;
  readonly marketCapUsd: number;
  /** Share of the index's float- and cap-adjusted value, in [0, 1]. */
  readonly weight: number;
  /**
   * Index points this constituent's price move adds to the level's change: its value now minus its
   * value at the previous close with today's shares and factors, over the divisor.
   */
  readonly contribution: number;
  readonly session: Session;
  /** Epoch ms of the last print, or 0 when there was none since the engine started. */
  readonly lastTimeMs: number;
  readonly halted: boolean;
  readonly stale: boolean;
}

export interface IndexState {
  readonly id: string;
  readonly name: string;
  readonly level: number;
  readonly previousLevel: number;
  readonly change: number;
  readonly changePct: number;
  readonly totalMarketCapUsd: number;
  readonly previousMarketCapUsd: number;
  readonly marketCapChangeUsd: number;
  readonly divisor: number;
  /**
   * Index points by which intraday divisor events (share-count, factor or membership changes at prices
   * away from the previous close) separate the day's change from the sum of the constituents'
   * contributions: change = Σ contribution + eventAdjustment. Zero on a day without such events.
   */
  readonly eventAdjustment: number;
  readonly advancers: number;
  readonly decliners: number;
  readonly unchanged: number;
  /** True while any constituent is halted or stale: the level is not fully tradeable. */
  readonly indicative: boolean;
  /** Milestones (USD) the total is currently at or above. */
  readonly milestonesReached: readonly number[];
  readonly nextMilestoneUsd: number | null;
  readonly lastTimeMs: number;
  readonly updates: number;
}

export interface VerifyResult {
  readonly ok: boolean;
  readonly marketCapCents: { readonly running: number; readonly recomputed: number };
  readonly previousMarketCapCents: { readonly running: number; readonly recomputed: number };
  readonly previousIndexCents: { readonly running: number; readonly recomputed: number };
  readonly indexCents: { readonly running: number; readonly recomputed: number };
  readonly advancers: { readonly running: number; readonly recomputed: number };
  readonly decliners: { readonly running: number; readonly recomputed: number };
}

const INITIAL_SPARE_SLOTS = 8;
/** Session.Regular as a literal constant: a module-object property load per print is measurable. */
const SESSION_REGULAR = Session.Regular;
/** Prints per member in a run from which `applyTrades` consumes the run once (see there). */
const BATCH_ONCE_PRINTS_PER_MEMBER = 16;

/**
 * One market-cap-weighted index, updated in O(1) per trade print.
 *
 * Every per-constituent figure lives in a typed array indexed by slot; each print replaces one term of
 * the running sums (`sum += new - old`) in whole cents, so there is no drift to correct, and nothing is
 * allocated. Derived figures (level, weights, contributions) are computed when read, not per print
 * (a weight kept per slot would go stale whenever another member prints).
 * The divisor moves only on membership, share-count and factor events, so the level is continuous.
 */
export class IndexEngine {
  readonly id: string;
  readonly name: string;
  readonly baseLevel: number;

  private slots: number;
  private activeCount: number;
  private tickers: string[];
  private names: string[];
  private readonly slotByTicker: Map<string, Slot>;

  private priceT: Float64Array;
  private prevCloseT: Float64Array;
  /** Last regular-session print (ticks), NaN until there is one: tomorrow's previous close. */
  private regularCloseT: Float64Array;
  private shares: Float64Array;
  private floatF: Float64Array;
  private capF: Float64Array;
  /** floatF·capF, precomputed so a print does one multiplication for it. */
  private factor: Float64Array;
  private mcapC: Float64Array;
  private idxC: Float64Array;
  private prevMcapC: Float64Array;
  private prevIdxC: Float64Array;
  private sign: Int8Array;
  private lastTime: Float64Array;
  private session: Uint8Array;
  private active: Uint8Array;
  private halted: Uint8Array;
  private stale: Uint8Array;

  private sumMcapC: number;
  private sumIdxC: number;
  /** True while every member's float and cap factors are 1: the print loop then skips the adjusted term. */
  private unadjusted: boolean;
  private sumPrevMcapC: number;
  private sumPrevIdxC: number;
  private divisorValue: number;
  /** The official previous close of the level: fixed through the day, moved only by `rollDay`. */
  private previousLevelValue: number;
  private advancers: number;
  private decliners: number;
  private haltedCount: number;
  private staleCount: number;
  private updateCount: number;

  private readonly milestonesUsd: Float64Array;
  private readonly milestoneUpC: Float64Array;
  private readonly milestoneDownC: Float64Array;
  /** How many milestones the total is at or above; they always form a prefix of the sorted list. */
  private reached: number;
  private nextUpC: number;
  private nextDownC: number;

  private readonly dirty: DirtySet;
  private readonly events: EventRing;
  private readonly scratch: TradeColumns;
  private readonly scratchSlots: Int32Array;
  private indexDirty: boolean;

  // Scratch of applyTradesBatchOnce, per slot: the index of the member's last print in the run (-1
  // outside a run), its lowest and highest price; the members printed, and their last prints compacted.
  private lastPrintAt: Int32Array;
  private runHigh: Float64Array;
  private runLow: Float64Array;
  private touched: Int32Array;
  private onceSlots: Int32Array;
  private onceColumns: TradeColumns;

  constructor(basket: Basket, options: IndexEngineOptions = {}) {
    const n = basket.constituents.length;
    if (n === 0) throw new HashcapError(HashcapErrorCode.ENGINE_EMPTY_BASKET, `basket ${basket.id} has no constituents`);
    const capacity = n + INITIAL_SPARE_SLOTS;
    this.id = basket.id;
    this.name = basket.name;
    this.baseLevel = basket.baseLevel;
    this.slots = 0;
    this.activeCount = 0;
    this.tickers = [];
    this.names = [];
    this.slotByTicker = new Map();

    this.priceT = new Float64Array(capacity);
    this.prevCloseT = new Float64Array(capacity);
    this.regularCloseT = new Float64Array(capacity).fill(Number.NaN);
    this.shares = new Float64Array(capacity);
    this.floatF = new Float64Array(capacity);
    this.capF = new Float64Array(capacity);
    this.factor = new Float64Array(capacity);
    this.mcapC = new Float64Array(capacity);
    this.idxC = new Float64Array(capacity);
    this.prevMcapC = new Float64Array(capacity);
    this.prevIdxC = new Float64Array(capacity);
    this.sign = new Int8Array(capacity);
    this.lastTime = new Float64Array(capacity);
    this.session = new Uint8Array(capacity);
    this.active = new Uint8Array(capacity);
    this.halted = new Uint8Array(capacity);
    this.stale = new Uint8Array(capacity);

    this.sumMcapC = 0;
    this.sumIdxC = 0;
    this.unadjusted = true;
    this.sumPrevMcapC = 0;
    this.sumPrevIdxC = 0;
    this.divisorValue = 1;
    this.previousLevelValue = 0;
    this.advancers = 0;
    this.decliners = 0;
    this.haltedCount = 0;
    this.staleCount = 0;
    this.updateCount = 0;

    const hysteresis = options.milestoneHysteresis ?? 0.001;
    if (!(hysteresis >= 0 && hysteresis < 1)) {
      throw new HashcapError(HashcapErrorCode.ENGINE_OPTION, `milestoneHysteresis must be in [0, 1), got ${hysteresis}`);
    }
    const sorted = [...basket.milestonesUsd].sort((a, b) => a - b);
    this.milestonesUsd = Float64Array.from(sorted);
    this.milestoneUpC = Float64Array.from(sorted, (usd) => usd * 100);
    this.milestoneDownC = Float64Array.from(sorted, (usd) => usd * 100 * (1 - hysteresis));
    this.reached = 0;
    this.nextUpC = Number.POSITIVE_INFINITY;
    this.nextDownC = Number.NEGATIVE_INFINITY;

    this.dirty = new DirtySet(capacity);
    this.events = new EventRing(options.eventCapacity ?? 4096);
    this.scratch = tradeColumns(1);
    this.scratchSlots = new Int32Array(1);
    this.indexDirty = true;
    this.lastPrintAt = new Int32Array(capacity).fill(-1);
    this.runHigh = new Float64Array(capacity);
    this.runLow = new Float64Array(capacity);
    this.touched = new Int32Array(capacity);
    this.onceSlots = new Int32Array(capacity);
    this.onceColumns = tradeColumns(capacity);

    for (const c of basket.constituents) this.placeConstituent(c, c.previousClose);
    if (options.divisor !== undefined) {
      if (!(options.divisor > 0 && Number.isFinite(options.divisor))) {
        throw new HashcapError(HashcapErrorCode.ENGINE_OPTION, `divisor must be a positive number, got ${options.divisor}`);
      }
      this.divisorValue = options.divisor;
    } else {
      // Base the level on the file's reference prices, which are its previous closes.
      this.divisorValue = this.sumPrevIdxC / basket.baseLevel;
    }
    this.previousLevelValue = this.sumPrevIdxC / this.divisorValue;
    // Start with `reached` consistent with the opening total, reporting nothing for it.
    while (this.reached < sorted.length && this.sumMcapC >= this.milestoneUpC[this.reached]!) this.reached++;
    this.refreshMilestoneBounds();
  }

  // ---------------------------------------------------------------- hot path

  /** Applies one trade print. Convenient for tests and slow paths; the ingest path uses `applyTrades`. */
  applyTrade(slot: Slot, priceUsd: number, timeMs: number, session: Session): void {
    const one = this.scratch;
    one.prices[0] = priceUsd;
    one.times[0] = timeMs;
    one.sessions[0] = session;
    this.scratchSlots[0] = slot;
    this.applyTradesPrintByPrint(this.scratchSlots, one, 0, 1);
  }

  /**
   * Applies prints `start..end-1` of a columnar batch whose `slots` column holds this index's slots.
   * O(1) per print and no allocation. The ingest gate has validated every price (finite, positive) and
   * resolved every slot; the engine trusts both. The result (state, events, dirty set) is the same as
   * applying the prints one by one; a run longer than the membership updates each member once.
   */
  applyTrades(slots: Int32Array, columns: TradeColumns, start: number, end: number): void {
    // Batch-once costs a fixed amount per member printed (bounds, compaction) and saves about half a
    // print-by-print update per print: it pays from about ten prints per member (measured break-even,
    // bench/engine/batch-once.bench.ts: 0.6× at 100 prints over 13 members, 1.9× at 1,000).
    if (end - start >= BATCH_ONCE_PRINTS_PER_MEMBER * this.activeCount) this.applyTradesBatchOnce(slots, columns, start, end);
    else this.applyTradesPrintByPrint(slots, columns, start, end);
  }

  /**
   * Applies a run of prints as if print by print, but updates each printed member once, with its last
   * print of the run. What that leaves out is provably invisible: nothing reads the engine between two
   * prints of one `applyTrades` call (the gate flushes the trades before a quote, halt or correction,
   * and the feed reads after the batch), the sums are exact integers (so the final sums do not depend
   * on the path), advancers/decliners depend on the final prices only, `updates` still counts every
   * print, and the dirty set gets the members in the order of their first print.
   *
   * Two things the path could change fall back to print by print, for that run only:
   * - a milestone crossing in the middle of the run (the total goes over and back): the first pass
   *   bounds every intermediate total by each member's lowest and highest print of the run (a market
   *   cap is monotonic in the price); if that range reaches a milestone bound, every crossing is
   *   reported at the print that made it, as before;
   * - a run spanning two sessions (the last regular-session print, tomorrow's previous close, may not
   *   be a member's last print): at most a few runs a day.
   * No allocation: the passes use per-slot scratch arrays.
   */
  applyTradesBatchOnce(slots: Int32Array, columns: TradeColumns, start: number, end: number): void {
    const { prices, times, sessions } = columns;
    const lastAt = this.lastPrintAt;
    const high = this.runHigh;
    const low = this.runLow;
    const touched = this.touched;
    const members = this.activeCount;
    const session = sessions[start]!;
    let otherSession = 0;
    let m = 0;
    let k = start;
    // Until every member has printed: each one's first print, in order, starts its range.
    for (; k < end && m < members; k++) {
      const slot = slots[k]!;
      const p = prices[k]!;
      if (lastAt[slot]! < 0) {
        touched[m++] = slot;
        high[slot] = p;
        low[slot] = p;
      } else {
        if (p > high[slot]!) high[slot] = p;
        if (p < low[slot]!) low[slot] = p;
      }
      lastAt[slot] = k;
      otherSession |= sessions[k]! ^ session;
    }
    const firstPassEnd = k;
    // The rest of the run only widens the ranges (branches measured faster than Math.max/min here).
    for (; k < end; k++) {
      const slot = slots[k]!;
      const p = prices[k]!;
      if (p > high[slot]!) high[slot] = p;
      if (p < low[slot]!) low[slot] = p;
      otherSession |= sessions[k]! ^ session;
    }
    // Each member's last print: scanning back, until every member is found or the first pass's
    // notes take over (a handful of prints with a small basket).
    let found = 0;
    for (let j = end - 1; j >= firstPassEnd && found < m; j--) {
      const slot = slots[j]!;
      if (lastAt[slot]! < j) {
        lastAt[slot] = j;
        found++;
      }
    }

    // Bounds of every total the run passes through: each member at its old value or one of its prints.
    const shares = this.shares;
    const mcapC = this.mcapC;
    let up = 0;
    let down = 0;
    for (let i = 0; i < m; i++) {
      const slot = touched[i]!;
      const sh = shares[slot]!;
      const old = mcapC[slot]!;
      const hi = Math.floor((Math.floor(high[slot]! * PRICE_SCALE + 0.5) * sh) / 100 + 0.5);
      const lo = Math.floor((Math.floor(low[slot]! * PRICE_SCALE + 0.5) * sh) / 100 + 0.5);
      if (hi > old) up += hi - old;
      if (lo < old) down += lo - old;
    }
    if (otherSession !== 0 || this.sumMcapC + up >= this.nextUpC || this.sumMcapC + down < this.nextDownC) {
      for (let i = 0; i < m; i++) lastAt[touched[i]!] = -1;
      this.applyTradesPrintByPrint(slots, columns, start, end);
      return;
    }

    // The last print of each member, in the order of their first print, applied as a run of its own.
    const onceSlots = this.onceSlots;
    const once = this.onceColumns;
    for (let i = 0; i < m; i++) {
      const slot = touched[i]!;
      const last = lastAt[slot]!;
      onceSlots[i] = slot;
      once.prices[i] = prices[last]!;
      once.times[i] = times[last]!;
      once.sessions[i] = session;
      lastAt[slot] = -1;
    }
    this.applyTradesPrintByPrint(onceSlots, once, 0, m);
    this.updateCount += end - start - m;
  }

  /**
   * Applies every print in turn: the reference for `applyTradesBatchOnce`, and the path for short runs.
   *
   * Written for V8: prices and times are read from the columns here, never passed as arguments (a
   * double crossing a call V8 does not inline is boxed — an allocation per print); the arrays and the
   * running sums live in locals for the whole batch and are written back once, so no print waits on
   * the previous one's store; rounding is Math.floor(x + 0.5) (see money.ts roundHalfUp).
   */
  applyTradesPrintByPrint(slots: Int32Array, columns: TradeColumns, start: number, end: number): void {
    const { prices, times, sessions } = columns;
    const shares = this.shares;
    const factor = this.factor;
    const mcapC = this.mcapC;
    const idxC = this.idxC;
    const priceT = this.priceT;
    const regularCloseT = this.regularCloseT;
    const prevCloseT = this.prevCloseT;
    const signs = this.sign;
    const lastTime = this.lastTime;
    const lastSession = this.session;
    const dirty = this.dirty;
    const nextUpC = this.nextUpC;
    const nextDownC = this.nextDownC;
    const unadjusted = this.unadjusted;
    let sumMcapC = this.sumMcapC;
    let sumIdxC = this.sumIdxC;
    let advancers = this.advancers;
    let decliners = this.decliners;

    for (let k = start; k < end; k++) {
      const slot = slots[k]!;
      const ticks = Math.floor(prices[k]! * PRICE_SCALE + 0.5);
      const session = sessions[k]!;
      const sh = shares[slot]!;
      const mcap = Math.floor((ticks * sh) / 100 + 0.5);
      sumMcapC += mcap - mcapC[slot]!;
      mcapC[slot] = mcap;
      if (unadjusted) {
        // No float or cap factors in this index: its value is the market cap, and its sum is
        // set from the market-cap sum after the loop (both are exact integers).
        idxC[slot] = mcap;
      } else {
        const idx = Math.floor((ticks * sh * factor[slot]!) / 100 + 0.5);
        sumIdxC += idx - idxC[slot]!;
        idxC[slot] = idx;
      }
      priceT[slot] = ticks;
      if (session === SESSION_REGULAR) regularCloseT[slot] = ticks;

      // Up/down vs the previous close, without a branch: whether a price is above or below its
      // close is a coin flip for the CPU's predictor, and the branch cost 20% of the update.
      const prev = prevCloseT[slot]!;
      const sign = Number(ticks > prev) - Number(ticks < prev);
      const oldSign = signs[slot]!;
      signs[slot] = sign;
      const up = (sign + (sign & 1)) >> 1; // 1 if sign is 1, else 0
      const oldUp = (oldSign + (oldSign & 1)) >> 1;
      advancers += up - oldUp;
      decliners += (sign & 1) - up - ((oldSign & 1) - oldUp);
      lastTime[slot] = times[k]!;
      lastSession[slot] = session;
      dirty.mark(slot);
      if (sumMcapC >= nextUpC || sumMcapC < nextDownC) {
        // Rare: write the state back, record the crossing, and pick up the new bounds.
        this.sumMcapC = sumMcapC;
        this.sumIdxC = unadjusted ? sumMcapC : sumIdxC;
        this.crossMilestones(times[k]!);
        return this.applyTradesAfterCrossing(slots, columns, k + 1, end, advancers, decliners, start);
      }
    }
    this.sumMcapC = sumMcapC;
    this.sumIdxC = unadjusted ? sumMcapC : sumIdxC;
    this.advancers = advancers;
    this.decliners = decliners;
    this.updateCount += end - start;
    if (end > start) this.indexDirty = true;
  }

  /** Continues a batch after a milestone crossing moved the bounds the loop had cached. */
  private applyTradesAfterCrossing(
    slots: Int32Array,
    columns: TradeColumns,
    from: number,
    end: number,
    advancers: number,
    decliners: number,
    batchStart: number,
  ): void {
    this.advancers = advancers;
    this.decliners = decliners;
    this.updateCount += from - batchStart;
    this.indexDirty = true;
    this.applyTradesPrintByPrint(slots, columns, from, end);
  }

  // ---------------------------------------------------------------- divisor events

  /** A new share count (buyback, issuance, split already reflected in price). Keeps the level continuous. */
  setShares(slot: Slot, shares: number, timeMs: number): void {
    this.requireActive(slot);
    checkShares(shares, this.tickers[slot]!);
    const before = this.sumIdxC;
    this.shares[slot] = shares;
    this.retermSlot(slot);
    this.rebaseDivisor(before, timeMs, slot);
  }

  /** New float or capping factor from the methodology. Keeps the level continuous. */
  setFactors(slot: Slot, floatFactor: number, capFactor: number, timeMs: number): void {
    this.requireActive(slot);
    checkFactor(floatFactor, 'floatFactor');
    checkFactor(capFactor, 'capFactor');
    const before = this.sumIdxC;
    this.floatF[slot] = floatFactor;
    this.capF[slot] = capFactor;
    this.factor[slot] = floatFactor * capFactor;
    this.retermSlot(slot);
    this.refreshUnadjusted();
    this.rebaseDivisor(before, timeMs, slot);
  }

  /** Adds a member at `priceUsd` (its last trade; its previous close if it has not traded). */
  addConstituent(c: Constituent, priceUsd: number, timeMs: number): Slot {
    if (this.slotByTicker.has(c.ticker)) {
      throw new HashcapError(HashcapErrorCode.ENGINE_DUPLICATE, `${c.ticker} is already in index ${this.id}`);
    }
    const before = this.sumIdxC;
    const slot = this.placeConstituent(c, priceUsd);
    this.rebaseDivisor(before, timeMs, slot);
    return slot;
  }

  /** Removes a member; its slot is retired (never reused) so slots held elsewhere stay meaningful. */
  removeConstituent(slot: Slot, timeMs: number): void {
    this.requireActive(slot);
    if (this.activeCount === 1) {
      throw new HashcapError(HashcapErrorCode.ENGINE_EMPTY_BASKET, `cannot remove the last constituent of ${this.id}`);
    }
    const before = this.sumIdxC;
    const s = this.sign[slot]!;
    if (s === 1) this.advancers--;
    else if (s === -1) this.decliners--;
    this.sign[slot] = 0;
    if (this.halted[slot] === 1) this.haltedCount--;
    if (this.stale[slot] === 1) this.staleCount--;
    this.halted[slot] = 0;
    this.stale[slot] = 0;
    this.sumMcapC -= this.mcapC[slot]!;
    this.sumIdxC -= this.idxC[slot]!;
    this.sumPrevMcapC -= this.prevMcapC[slot]!;
    this.sumPrevIdxC -= this.prevIdxC[slot]!;
    this.mcapC[slot] = 0;
    this.idxC[slot] = 0;
    this.prevMcapC[slot] = 0;
    this.prevIdxC[slot] = 0;
    this.active[slot] = 0;
    this.activeCount--;
    this.slotByTicker.delete(this.tickers[slot]!);
    this.rebaseDivisor(before, timeMs, slot);
  }

  // ---------------------------------------------------------------- flags and day roll

  setHalted(slot: Slot, halted: boolean): void {
    this.requireActive(slot);
    const v = halted ? 1 : 0;
    if (this.halted[slot] === v) return;
    this.halted[slot] = v;
    this.haltedCount += halted ? 1 : -1;
    this.dirty.mark(slot);
    this.indexDirty = true;
  }

  setStale(slot: Slot, stale: boolean): void {
    this.requireActive(slot);
    const v = stale ? 1 : 0;
    if (this.stale[slot] === v) return;
    this.stale[slot] = v;
    this.staleCount += stale ? 1 : -1;
    this.dirty.mark(slot);
    this.indexDirty = true;
  }

  /**
   * Starts a new trading day: each constituent's previous close becomes its last regular-session print
   * (the official close), or stays as it was if it did not trade in the regular session.
   */
  rollDay(): void {
    // The previous-close sums are updated term by term in recomputePrevTerms, so they are not reset.
    this.advancers = 0;
    this.decliners = 0;
    for (let slot = 0; slot < this.slots; slot++) {
      if (this.active[slot] === 0) continue;
      const close = this.regularCloseT[slot]!;
      if (!Number.isNaN(close)) this.prevCloseT[slot] = close;
      this.regularCloseT[slot] = Number.NaN;
      this.recomputePrevTerms(slot);
      const p = this.priceT[slot]!;
      const prev = this.prevCloseT[slot]!;
      const s = p > prev ? 1 : p < prev ? -1 : 0;
      this.sign[slot] = s;
      if (s === 1) this.advancers++;
      else if (s === -1) this.decliners++;
      this.dirty.mark(slot);
    }
    this.previousLevelValue = this.sumPrevIdxC / this.divisorValue;
    this.indexDirty = true;
  }

  // ---------------------------------------------------------------- reading

  get size(): number {
    return this.activeCount;
  }

  get updates(): number {
    return this.updateCount;
  }

  get divisor(): number {
    return this.divisorValue;
  }

  get level(): number {
    return this.sumIdxC / this.divisorValue;
  }

  get totalMarketCapCents(): number {
    return this.sumMcapC;
  }

  tickerOf(slot: Slot): string {
    return this.tickers[slot]!;
  }

  slotOf(ticker: string): Slot | undefined {
    return this.slotByTicker.get(ticker);
  }

  /** Slots of the current members, in the order they were added. */
  activeSlots(): Slot[] {
    const out: Slot[] = [];
    for (let slot = 0; slot < this.slots; slot++) if (this.active[slot] === 1) out.push(slot as Slot);
    return out;
  }

  isActive(slot: Slot): boolean {
    return slot >= 0 && slot < this.slots && this.active[slot] === 1;
  }

  /** True if any print or flag changed since the last `drainDirty`. */
  get hasChanges(): boolean {
    return this.indexDirty;
  }

  /**
   * Slots whose own inputs (price, flags, shares, factors) changed since the last drain (no allocation:
   * fills `out`, sized at least `capacity`). Not the only slots whose figures moved: a weight is a share
   * of the index total and a contribution is over the divisor, so when either moves, every member's
   * does: `weightOf` and `contributionOf` are the figures that depend on more than the slot's own
   * inputs. A reader publishing them re-derives them for all members once per batch (see the feed);
   * marking every slot on every print would make a print O(members).
   */
  drainDirtyInto(out: Int32Array): number {
    this.indexDirty = false;
    return this.dirty.drainInto(out);
  }

  drainDirty(): Slot[] {
    this.indexDirty = false;
    return this.dirty.drain() as Slot[];
  }

  get capacity(): number {
    return this.priceT.length;
  }

  drainEvents(): ReturnType<EventRing['drain']> {
    return this.events.drain();
  }

  get eventsDropped(): number {
    return this.events.dropped;
  }

  constituent(slot: Slot): ConstituentState {
    const last = this.priceT[slot]! / PRICE_SCALE;
    const prev = this.prevCloseT[slot]! / PRICE_SCALE;
    const regularClose = this.regularCloseT[slot]!;
    const session = this.session[slot]! as Session;
    return {
      slot,
      ticker: this.tickers[slot]!,
      name: this.names[slot]!,
      last,
      previousClose: prev,
      change: (this.priceT[slot]! - this.prevCloseT[slot]!) / PRICE_SCALE,
      changePct: ((this.priceT[slot]! - this.prevCloseT[slot]!) / this.prevCloseT[slot]!) * 100,
      changeSinceClose:
        session === Session.Post && !Number.isNaN(regularClose)
          ? (this.priceT[slot]! - regularClose) / PRICE_SCALE
          : null,
      shares: this.shares[slot]!,
      floatFactor: this.floatF[slot]!,
      capFactor: this.capF[slot]!,
      marketCapUsd: centsToUsd(this.mcapC[slot]!),
      weight: this.weightOf(slot),
      contribution: this.contributionOf(slot),
      session,
      lastTimeMs: this.lastTime[slot]!,
      halted: this.halted[slot] === 1,
      stale: this.stale[slot] === 1,
    };
  }

  /**
   * The member's share of the index's adjusted value. Depends on the index total, so it moves for every
   * member whenever any member prints (see drainDirtyInto).
   */
  weightOf(slot: Slot): number {
    return this.sumIdxC > 0 ? this.idxC[slot]! / this.sumIdxC : 0;
  }

  /** Index points of the member's own move since the previous close. Depends on the divisor. */
  contributionOf(slot: Slot): number {
    return (this.idxC[slot]! - this.prevIdxC[slot]!) / this.divisorValue;
  }

  /** Every milestone of the basket (USD, ascending), reached or not. */
  allMilestonesUsd(): number[] {
    return Array.from(this.milestonesUsd);
  }

  state(): IndexState {
    const level = this.level;
    const previousLevel = this.previousLevelValue;
    const reached = Array.from(this.milestonesUsd.subarray(0, this.reached));
    const next = this.reached < this.milestonesUsd.length ? this.milestonesUsd[this.reached]! : null;
    return {
      id: this.id,
      name: this.name,
      level,
      previousLevel,
      change: level - previousLevel,
      changePct: previousLevel > 0 ? ((level - previousLevel) / previousLevel) * 100 : 0,
      totalMarketCapUsd: centsToUsd(this.sumMcapC),
      previousMarketCapUsd: centsToUsd(this.sumPrevMcapC),
      marketCapChangeUsd: centsToUsd(this.sumMcapC - this.sumPrevMcapC),
      divisor: this.divisorValue,
      eventAdjustment: this.sumPrevIdxC / this.divisorValue - previousLevel,
      advancers: this.advancers,
      decliners: this.decliners,
      unchanged: this.activeCount - this.advancers - this.decliners,
      indicative: this.haltedCount + this.staleCount > 0,
      milestonesReached: reached,
      nextMilestoneUsd: next,
      lastTimeMs: this.latestPrintTime(),
      updates: this.updateCount,
    };
  }

  /**
   * Recomputes every running sum from the per-constituent arrays and the arrays from the prices.
   * The running sums are exact integers, so anything but equality is a bug, not rounding.
   */
  verify(): VerifyResult {
    let mcap = 0;
    let idx = 0;
    let prevMcap = 0;
    let prevIdx = 0;
    let adv = 0;
    let dec = 0;
    for (let slot = 0; slot < this.slots; slot++) {
      if (this.active[slot] === 0) continue;
      const ticks = this.priceT[slot]!;
      mcap += capCents(ticks, this.shares[slot]!, 1);
      idx += capCents(ticks, this.shares[slot]!, this.factor[slot]!);
      prevMcap += capCents(this.prevCloseT[slot]!, this.shares[slot]!, 1);
      prevIdx += capCents(this.prevCloseT[slot]!, this.shares[slot]!, this.factor[slot]!);
      const prev = this.prevCloseT[slot]!;
      if (ticks > prev) adv++;
      else if (ticks < prev) dec++;
    }
    return {
      ok:
        mcap === this.sumMcapC &&
        idx === this.sumIdxC &&
        prevMcap === this.sumPrevMcapC &&
        prevIdx === this.sumPrevIdxC &&
        adv === this.advancers &&
        dec === this.decliners,
      marketCapCents: { running: this.sumMcapC, recomputed: mcap },
      previousMarketCapCents: { running: this.sumPrevMcapC, recomputed: prevMcap },
      previousIndexCents: { running: this.sumPrevIdxC, recomputed: prevIdx },
      indexCents: { running: this.sumIdxC, recomputed: idx },
      advancers: { running: this.advancers, recomputed: adv },
      decliners: { running: this.decliners, recomputed: dec },
    };
  }

  // ---------------------------------------------------------------- internals

  /** Derived on read rather than stored per print: a double field written per print costs a box. */
  private latestPrintTime(): number {
    let latest = 0;
    for (let slot = 0; slot < this.slots; slot++) if (this.lastTime[slot]! > latest) latest = this.lastTime[slot]!;
    return latest;
  }

  private placeConstituent(c: Constituent, priceUsd: number): Slot {
    checkShares(c.sharesOutstanding, c.ticker);
    checkFactor(c.floatFactor, 'floatFactor');
    checkFactor(c.capFactor, 'capFactor');
    if (!(priceUsd > 0 && Number.isFinite(priceUsd))) {
      throw new HashcapError(HashcapErrorCode.ENGINE_PRICE, `${c.ticker}: price must be positive and finite, got ${priceUsd}`);
    }
    if (!(c.previousClose > 0 && Number.isFinite(c.previousClose))) {
      throw new HashcapError(HashcapErrorCode.ENGINE_PRICE, `${c.ticker}: previous close must be positive, got ${c.previousClose}`);
    }
    if (this.slots === this.priceT.length) this.grow(this.slots * 2);
    const slot = this.slots++ as Slot;
    this.tickers[slot] = c.ticker;
    this.names[slot] = c.name;
    this.slotByTicker.set(c.ticker, slot);
    this.active[slot] = 1;
    this.activeCount++;
    this.shares[slot] = c.sharesOutstanding;
    this.floatF[slot] = c.floatFactor;
    this.capF[slot] = c.capFactor;
    this.factor[slot] = c.floatFactor * c.capFactor;
    if (this.factor[slot] !== 1) this.unadjusted = false;
    this.prevCloseT[slot] = priceTicks(c.previousClose);
    this.priceT[slot] = priceTicks(priceUsd);
    this.regularCloseT[slot] = Number.NaN;
    this.recomputePrevTerms(slot);
    this.retermSlot(slot);
    const ticks = this.priceT[slot]!;
    const prev = this.prevCloseT[slot]!;
    const s = ticks > prev ? 1 : ticks < prev ? -1 : 0;
    this.sign[slot] = s;
    if (s === 1) this.advancers++;
    else if (s === -1) this.decliners++;
    this.dirty.mark(slot);
    this.indexDirty = true;
    return slot;
  }

  /** Recomputes one slot's terms at its current price after its shares or factors changed. */
  private retermSlot(slot: number): void {
    const ticks = this.priceT[slot]!;
    const mcap = capCents(ticks, this.shares[slot]!, 1);
    const idx = capCents(ticks, this.shares[slot]!, this.factor[slot]!);
    if (!(mcap <= MAX_EXACT_CENTS)) {
      throw new HashcapError(HashcapErrorCode.ENGINE_RANGE, `${this.tickers[slot]}: market cap beyond exact range`);
    }
    this.sumMcapC += mcap - this.mcapC[slot]!;
    this.sumIdxC += idx - this.idxC[slot]!;
    this.mcapC[slot] = mcap;
    this.idxC[slot] = idx;
    // The previous close is restated with today's shares, so the day's change is not distorted.
    this.recomputePrevTerms(slot);
    this.dirty.mark(slot);
    this.indexDirty = true;
  }

  private recomputePrevTerms(slot: number): void {
    const prev = this.prevCloseT[slot]!;
    const mcap = capCents(prev, this.shares[slot]!, 1);
    const idx = capCents(prev, this.shares[slot]!, this.factor[slot]!);
    this.sumPrevMcapC += mcap - this.prevMcapC[slot]!;
    this.sumPrevIdxC += idx - this.prevIdxC[slot]!;
    this.prevMcapC[slot] = mcap;
    this.prevIdxC[slot] = idx;
  }

  /** Scales the divisor so the level after an event equals the level before it. */
  private rebaseDivisor(beforeIdxC: number, timeMs: number, slot: number): void {
    const after = this.sumIdxC;
    if (beforeIdxC > 0 && after > 0) this.divisorValue = (this.divisorValue * after) / beforeIdxC;
    this.events.push(
      EngineEventKind.DivisorChange,
      timeMs,
      this.divisorValue,
      centsToUsd(this.sumMcapC),
      this.tickers[slot] ?? '',
    );
    this.indexDirty = true;
    if (this.sumMcapC >= this.nextUpC || this.sumMcapC < this.nextDownC) this.crossMilestones(timeMs);
  }

  /** Off the hot path: the total left the band between the nearest milestones. */
  private crossMilestones(timeMs: number): void {
    const total = this.sumMcapC;
    const usd = centsToUsd(total);
    while (this.reached < this.milestoneUpC.length && total >= this.milestoneUpC[this.reached]!) {
      this.events.push(EngineEventKind.MilestoneUp, timeMs, this.milestonesUsd[this.reached]!, usd, '');
      this.reached++;
    }
    while (this.reached > 0 && total < this.milestoneDownC[this.reached - 1]!) {
      this.reached--;
      this.events.push(EngineEventKind.MilestoneDown, timeMs, this.milestonesUsd[this.reached]!, usd, '');
    }
    this.refreshMilestoneBounds();
  }

  private refreshMilestoneBounds(): void {
    const m = this.reached;
    this.nextUpC = m < this.milestoneUpC.length ? this.milestoneUpC[m]! : Number.POSITIVE_INFINITY;
    this.nextDownC = m > 0 ? this.milestoneDownC[m - 1]! : Number.NEGATIVE_INFINITY;
  }

  private refreshUnadjusted(): void {
    let all = true;
    for (let slot = 0; slot < this.slots; slot++) if (this.active[slot] === 1 && this.factor[slot] !== 1) all = false;
    this.unadjusted = all;
  }

  private requireActive(slot: Slot): void {
    if (!this.isActive(slot)) {
      throw new HashcapError(HashcapErrorCode.ENGINE_SLOT, `slot ${slot} is not a member of index ${this.id}`);
    }
  }

  private grow(capacity: number): void {
    this.priceT = growF64(this.priceT, capacity);
    this.prevCloseT = growF64(this.prevCloseT, capacity);
    this.regularCloseT = growF64(this.regularCloseT, capacity);
    this.shares = growF64(this.shares, capacity);
    this.floatF = growF64(this.floatF, capacity);
    this.capF = growF64(this.capF, capacity);
    this.factor = growF64(this.factor, capacity);
    this.mcapC = growF64(this.mcapC, capacity);
    this.idxC = growF64(this.idxC, capacity);
    this.prevMcapC = growF64(this.prevMcapC, capacity);
    this.prevIdxC = growF64(this.prevIdxC, capacity);
    this.lastTime = growF64(this.lastTime, capacity);
    const sign = new Int8Array(capacity);
    sign.set(this.sign);
    this.sign = sign;
    this.session = growU8(this.session, capacity);
    this.active = growU8(this.active, capacity);
    this.halted = growU8(this.halted, capacity);
    this.stale = growU8(this.stale, capacity);
    this.dirty.grow(capacity);
    const lastPrintAt = new Int32Array(capacity).fill(-1);
    lastPrintAt.set(this.lastPrintAt);
    this.lastPrintAt = lastPrintAt;
    this.runHigh = new Float64Array(capacity);
    this.runLow = new Float64Array(capacity);
    this.touched = new Int32Array(capacity);
    this.onceSlots = new Int32Array(capacity);
    this.onceColumns = tradeColumns(capacity);
  }
}

function growF64(a: Float64Array, capacity: number): Float64Array {
  const b = new Float64Array(capacity);
  b.set(a);
  return b;
}

function growU8(a: Uint8Array, capacity: number): Uint8Array {
  const b = new Uint8Array(capacity);
  b.set(a);
  return b;
}

function checkShares(shares: number, ticker: string): void {
  if (!(Number.isSafeInteger(shares) && shares > 0)) {
    throw new HashcapError(HashcapErrorCode.ENGINE_SHARES, `${ticker}: shares must be a positive integer, got ${shares}`);
  }
}

function checkFactor(value: number, name: string): void {
  if (!(value > 0 && value <= 1)) {
    throw new HashcapError(HashcapErrorCode.ENGINE_FACTOR, `${name} must be in (0, 1], got ${value}`);
  }
}
