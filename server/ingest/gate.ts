/**
 * The ingest gate: the one place a publisher's ticks are checked before they reach the engine.
 *
 * Every tick is validated on its own; a refused tick changes nothing (not the engine, not the
 * publisher's sequence state, no counter but the reject counters) and is reported with a stable reason
 * code, while the rest of its batch goes on. Accepted trades are compacted into reusable columns and
 * handed to `MarketEngine.applyTrades` in batch order; an accepted quote first flushes the trades
 * before it, so trades and quotes reach the engine in exactly the order the publisher sent them.
 *
 * Sequence numbers (Tick.seq) are tracked per (publisher, symbol). seq 0 — which is also what an
 * absent seq decodes to — means "this publisher does not sequence": no duplicate or order check, and
 * the stored last seq is left as it was. A seq > 0 must be greater than the last accepted one for
 * that publisher and symbol (gaps are fine: a publisher may number per symbol or across symbols).
 *
 * Market checks, after a tick is well-formed:
 * - Price bands (price-band.ts): a trade outside its symbol's LULD-style band around the reference
 *   price (the mean of the accepted trades of the last 5 minutes) is refused with PRICE_BAND and does
 *   not move the reference. Quotes are not banded.
 * - Halts (halts.ts): TICK_HALT / TICK_RESUME ticks halt and resume a symbol, in batch order. A halted
 *   symbol's trades are refused with HALTED; its quotes are accepted (they do not move an index).
 * - Staleness (staleness.ts): each accepted trade stores the batch's clock reading; `sweepStaleness`,
 *   called by a timer, flags symbols silent for `staleAfterMs` of the regular session.
 * - Corrections and cancels (trade-memory.ts): every accepted trade is remembered (the last
 *   `tradeMemory` per symbol); a TICK_CANCEL or TICK_CORRECTION names one of the publisher's own trades
 *   by its seq (`original_seq`). If that trade set the symbol's last price (it is the newest trade still
 *   standing), the engine's last price goes back to the newest earlier trade still standing (cancel) or
 *   to the corrected price (correction); otherwise only the volume moves. Either way the tick is accepted
 *   and the change is reported (`drainCorrections`, for a status notice). Refusals: BAD_ORIGINAL_SEQ,
 *   UNKNOWN_ORIGINAL, ORIGINAL_TOO_OLD, ORIGINAL_OTHER_PUBLISHER, ORIGINAL_CANCELLED. They are allowed
 *   while a symbol is halted, and not banded: they restate history the exchange already printed.
 * Checks run in this order, so a tick gets the first reason that applies: symbol, kind, time, price,
 * size (or the quote fields), halt, band, and seq last.
 *
 * Missing fields take their proto3 defaults (0, '', TICK_TRADE), as they would after a protobuf
 * decode; a field of the wrong type (a price sent as a string by a JSON publisher that bypassed the
 * codec) is a rejection, never an exception. `apply` does not throw on any input.
 *
 * The gate reads one shape: a batch in columns (`input`, tick-columns.ts). A protobuf batch is decoded
 * straight into them (`applyInput`: symbols already resolved to ids, no object per tick); ticks given
 * as objects (`apply`) are copied into the same columns first, with missing or mistyped fields flagged,
 * so both take the same checks in the same order and get the same rejections word for word.
 *
 * The per-tick loop allocates nothing on the accept path: values go from the input columns into the
 * trade columns (or the quote and seq scratch arrays), the symbol id into a scalar field, and the price
 * band reads the trade's price and time out of the columns; no double crosses a call V8 might not
 * inline (it would be boxed, one allocation per tick). Strings and Rejection objects are made only for
 * refused ticks; details that quote a tick's numbers are written by small methods that read them from
 * the columns by row (only ints cross the call), or after `check` has returned, from the scratch
 * (band, duplicate seq): formatting a double inside `check`, even on a refusal path, made V8 box it
 * on every tick.
 */
import type { MarketEngine } from '../engine/market-engine.ts';
import type { SymbolId } from '../engine/ids.ts';
import { MAX_EXACT_CENTS, PRICE_SCALE } from '../engine/money.ts';
import { tradeColumns, type TradeColumns } from '../engine/trade-columns.ts';
import { SessionClock } from '../market/sessions.ts';
import { Session } from '../market/session-types.ts';
import { HaltBook } from './halts.ts';
import { PriceBands, type PriceBand, type PriceBandOptions } from './price-band.ts';
import { IngestReason, ingestReasonName, INGEST_REASONS, type IngestReasonName } from './reasons.ts';
import { DEFAULT_STALE_AFTER_MS, StalenessMonitor } from './staleness.ts';
import { NOT_FOUND, OTHER_PUBLISHER, TOO_OLD, TradeMemory } from './trade-memory.ts';
import { TICK_CANCEL, TICK_CORRECTION, TICK_HALT, TICK_QUOTE, TICK_RESUME, TICK_TRADE, type TickInput } from '../tick/tick.ts';
import {
  F_ASK,
  F_ASK_SIZE,
  F_BID,
  F_BID_SIZE,
  F_KIND,
  F_ORIGINAL_SEQ,
  F_PRICE,
  F_SEQ,
  F_SIZE,
  F_SYMBOL,
  F_TIME,
  ROW_FLAGS,
  ROW_THREW,
  TickColumns,
  WRONG_SHIFT,
} from '../tick/tick-columns.ts';

/** One refused tick. Field for field an `hashcap.v1.IRejection`, so it goes into an IngestReply as is. */
export interface Rejection {
  /** Position of the tick in the batch. */
  readonly index: number;
  readonly reason: IngestReason;
  readonly reasonName: string;
  /** The tick's symbol when it had a string one ('' otherwise), cut to 32 characters. */
  readonly symbol: string;
  readonly detail: string;
}

/** The whole batch was refused (nothing in it was applied). */
export interface BatchError {
  readonly code: IngestReason;
  readonly message: string;
}

export interface ApplyResult {
  readonly accepted: number;
  readonly rejected: Rejection[];
  /** Set when the whole batch was refused; then `accepted` is 0 and `rejected` empty. */
  readonly error: BatchError | null;
}

/** A cancel or correction the gate applied (for the status channel's notice). */
export interface CorrectionEvent {
  readonly kind: 'cancel' | 'correction';
  readonly symbol: string;
  readonly publisherId: string;
  /** The seq of the trade cancelled or corrected, and its price and size before. */
  readonly originalSeq: number;
  readonly originalPrice: number;
  readonly originalSize: number;
  /** A correction's new price and size (the original's for a cancel). */
  readonly correctedPrice: number;
  readonly correctedSize: number;
  /** The symbol's last price before and after: equal when the trade was not the latest standing one. */
  readonly lastBefore: number;
  readonly lastAfter: number;
  /** True when the trade had set the last price, so the last price (and the indexes) moved. */
  readonly restated: boolean;
  readonly timeMs: number;
}

export interface IngestGateOptions {
  /** Server clock, epoch ms; read once per batch. Default Date.now. */
  readonly now?: () => number;
  /** How far ahead of the server clock a tick's time may be. Default 5000. */
  readonly maxFutureMs?: number;
  /** Larger batches are refused whole (BATCH_TOO_LARGE). Default 10,000. */
  readonly maxBatchTicks?: number;
  /** Highest trade price, bid or ask accepted. Default 1e7. */
  readonly maxPrice?: number;
  /** Highest trade, bid or ask size accepted. Default 1e12 (keeps the volume sum finite). */
  readonly maxSize?: number;
  /** LULD tiers per symbol (default Tier 2), and the reference window. See price-band.ts. */
  readonly priceBands?: PriceBandOptions;
  /** Regular-session silence after which `sweepStaleness` flags a symbol stale. Default 60,000. */
  readonly staleAfterMs?: number;
  /** Accepted trades remembered per symbol, for cancels and corrections. Default 64. */
  readonly tradeMemory?: number;
}

export interface RejectCount {
  readonly reason: IngestReason;
  readonly name: IngestReasonName;
  readonly count: number;
}

export const DEFAULT_MAX_FUTURE_MS = 5000;
export const DEFAULT_MAX_BATCH_TICKS = 10_000;
export const DEFAULT_MAX_PRICE = 1e7;
export const DEFAULT_MAX_SIZE = 1e12;
export const DEFAULT_TRADE_MEMORY = 64;

/** The smallest price the engine can represent ($0.0001); anything lower would round to zero. */
const MIN_PRICE = 1 / PRICE_SCALE;
/** SessionClock's (and Date's) range. */
const MAX_EPOCH_MS = 8.64e15;
const TICKER_RE = /^[A-Z][A-Z0-9.\-]{0,9}$/;
/** Reject counters are indexed by code - CODE_BASE (codes are 3001…3199). */
const CODE_BASE = 3000;
const CODE_SPAN = 200;
const INITIAL_CAPACITY = 256;
/** Re-anchor events kept between drains (the status channel drains them a few times a second). */
const MAX_PENDING_REANCHORS = 100;
/** Correction events kept between drains (drained after every batch). */
const MAX_PENDING_CORRECTIONS = 100;

// Slots of the quote scratch array.
const Q_BID = 0;
const Q_ASK = 1;
const Q_BID_SIZE = 2;
const Q_ASK_SIZE = 3;
const Q_TIME = 4;
// Slots of the seq scratch array: the accepted tick's seq (0 = unsequenced), and for a refused one its
// seq and the last accepted seq (for the detail, written off the hot path).
const S_SEQ = 0;
const S_REFUSED = 1;
const S_LAST = 2;
// Slots of the correction scratch array: a correction's price and size, the original seq, the tick's time.
const C_PRICE = 0;
const C_SIZE = 1;
const C_ORIGINAL = 2;
const C_TIME = 3;

const MISSING_SYMBOL = 1 << F_SYMBOL;
const WRONG_SYMBOL = 1 << (F_SYMBOL + WRONG_SHIFT);
const WRONG_KIND = 1 << (F_KIND + WRONG_SHIFT);
const MISSING_TIME = 1 << F_TIME;
const WRONG_TIME = 1 << (F_TIME + WRONG_SHIFT);
const MISSING_PRICE = 1 << F_PRICE;
const WRONG_PRICE = 1 << (F_PRICE + WRONG_SHIFT);
const WRONG_SIZE = 1 << (F_SIZE + WRONG_SHIFT);
const WRONG_BID = 1 << (F_BID + WRONG_SHIFT);
const WRONG_ASK = 1 << (F_ASK + WRONG_SHIFT);
const WRONG_BID_SIZE = 1 << (F_BID_SIZE + WRONG_SHIFT);
const WRONG_ASK_SIZE = 1 << (F_ASK_SIZE + WRONG_SHIFT);
const WRONG_SEQ = 1 << (F_SEQ + WRONG_SHIFT);
const MISSING_ORIGINAL = 1 << F_ORIGINAL_SEQ;
const WRONG_ORIGINAL = 1 << (F_ORIGINAL_SEQ + WRONG_SHIFT);

export class IngestGate {
  readonly maxFutureMs: number;
  readonly maxBatchTicks: number;
  readonly maxPrice: number;
  readonly maxSize: number;
  readonly staleAfterMs: number;

  private readonly market: MarketEngine;
  private readonly now: () => number;
  private readonly clock: SessionClock;
  /**
   * Highest trade price per symbol id: maxPrice, or lower where a bigger price would take the market
   * cap out of the engine's exact range.
   */
  private readonly maxPriceOf: Float64Array;
  /** Last accepted seq per symbol id, per publisher (0 = none yet). */
  private readonly seqByPublisher: Map<string, Float64Array>;
  private readonly bands: PriceBands;
  private readonly halts: HaltBook;
  private readonly reanchorEvents: { symbol: string; price: number; timeMs: number }[];
  private readonly staleness: StalenessMonitor;
  /** `staleness.lastTradeMs`: one store per accepted trade. */
  private readonly lastTradeMs: Float64Array;
  private readonly memory: TradeMemory;
  /** Publisher ids by number, for the trade memory (numbers are never reused). */
  private readonly publisherNumbers: Map<string, number>;
  private readonly correctionEvents: CorrectionEvent[];
  private readonly correction: Float64Array;

  /**
   * The batch being checked: the decoder writes into it (`publisherMessageInto`), `apply` fills it
   * from objects. One per gate, reused batch after batch; its symbol ids are this market's. Scratch,
   * not state, and defined non-enumerable in the constructor so that a checkpoint, which walks own
   * enumerable fields (durability/state-image.ts), neither carries nor restores the last batch.
   */
  declare readonly input: TickColumns;
  private columns: TradeColumns;
  private ids: Int32Array;
  private readonly quote: Float64Array;
  private readonly seq: Float64Array;

  // Per batch / per tick scratch, written by `check`. Fields are all set in the constructor so the
  // object keeps one shape.
  private batchSeqs: Float64Array | null;
  private batchPublisherId: string;
  private batchPublisher: number;
  /** The trade-memory entry a cancel or correction names (set by `check`). */
  private tickEntry: number;
  private batchNowMs: number;
  private futureLimitMs: number;
  private tickId: number;
  private tickKind: number;
  private tickSymbol: string;
  private detail: string;

  private acceptedCount: number;
  private rejectedCount: number;
  private batchErrorCount: number;
  private cancelCount: number;
  private correctionCount: number;
  private restatedCount: number;
  private readonly rejectsByCode: Float64Array;

  constructor(market: MarketEngine, options: IngestGateOptions = {}) {
    this.market = market;
    this.now = options.now ?? Date.now;
    this.maxFutureMs = checkOption('maxFutureMs', options.maxFutureMs ?? DEFAULT_MAX_FUTURE_MS, 0);
    this.maxBatchTicks = checkOption('maxBatchTicks', options.maxBatchTicks ?? DEFAULT_MAX_BATCH_TICKS, 1);
    this.maxPrice = checkOption('maxPrice', options.maxPrice ?? DEFAULT_MAX_PRICE, MIN_PRICE);
    this.maxSize = checkOption('maxSize', options.maxSize ?? DEFAULT_MAX_SIZE, 0);
    this.clock = new SessionClock();
    this.maxPriceOf = new Float64Array(market.symbolCount);
    this.seqByPublisher = new Map();
    const symbols = market.allSymbols();
    this.bands = new PriceBands(
      symbols,
      symbols.map((_, id) => market.quote(id as SymbolId).previousClose),
      options.priceBands,
    );
    this.halts = new HaltBook(market);
    this.reanchorEvents = [];
    this.staleness = new StalenessMonitor(market, this.halts, options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS);
    this.staleAfterMs = this.staleness.staleAfterMs;
    this.lastTradeMs = this.staleness.lastTradeMs;
    const depth = options.tradeMemory ?? DEFAULT_TRADE_MEMORY;
    if (!(Number.isSafeInteger(depth) && depth >= 1 && depth <= 4096)) {
      throw new RangeError(`IngestGate option tradeMemory must be an integer in [1, 4096], got ${String(depth)}`);
    }
    this.memory = new TradeMemory(
      symbols.map((_, id) => market.quote(id as SymbolId).last),
      depth,
    );
    this.publisherNumbers = new Map();
    this.correctionEvents = [];
    this.correction = new Float64Array(4);
    const capacity = Math.min(INITIAL_CAPACITY, this.maxBatchTicks);
    Object.defineProperty(this, 'input', { value: new TickColumns(market, capacity, this.maxBatchTicks), enumerable: false });
    this.columns = tradeColumns(capacity);
    this.ids = new Int32Array(capacity);
    this.quote = new Float64Array(5);
    this.seq = new Float64Array(3);
    this.batchSeqs = null;
    this.batchPublisherId = '';
    this.batchPublisher = 0;
    this.tickEntry = -1;
    this.batchNowMs = 0;
    this.futureLimitMs = 0;
    this.tickId = 0;
    this.tickKind = 0;
    this.tickSymbol = '';
    this.detail = '';
    this.acceptedCount = 0;
    this.rejectedCount = 0;
    this.batchErrorCount = 0;
    this.cancelCount = 0;
    this.correctionCount = 0;
    this.restatedCount = 0;
    this.rejectsByCode = new Float64Array(CODE_SPAN);
    this.refreshLimits();
  }

  /**
   * Recomputes the per-symbol price ceiling from the engine's current share counts and memberships, and
   * takes the previous closes again (the price-band reference before a symbol's first trade).
   * Call it after `market.setShares`, a membership change or `market.rollDay`; until then the gate keeps
   * the old ceiling (share counts move by a few percent, far inside the margin below).
   *
   * The engine keeps market caps as exact integers of cents: price ticks × shares must stay below
   * 2^53, and so must the sum over an index. A trade priced beyond that would silently break the
   * running sums, so it is refused here (BAD_PRICE) rather than trusted.
   */
  refreshLimits(): void {
    const maxPriceOf = this.maxPriceOf;
    maxPriceOf.fill(this.maxPrice);
    for (let id = 0; id < this.market.symbolCount; id++) {
      this.bands.setPreviousClose(id, this.market.quote(id as SymbolId).previousClose);
    }
    for (const index of this.market.indexes) {
      const slots = index.activeSlots();
      // Exact product ticks·shares, and room for every member in the index's running sum (in cents).
      const maxTicksTimesShares = Math.min(MAX_EXACT_CENTS, Math.floor((MAX_EXACT_CENTS * 100) / Math.max(1, slots.length)));
      for (const slot of slots) {
        const c = index.constituent(slot);
        const id = this.market.symbolId(c.ticker);
        if (id === undefined) continue;
        const ceiling = (Math.floor(maxTicksTimesShares / c.shares) - 1) / PRICE_SCALE;
        if (ceiling < maxPriceOf[id]!) maxPriceOf[id] = ceiling;
      }
    }
  }

  /**
   * Validates and applies one batch from `publisherId`. Never throws: bad ticks come back in
   * `rejected`, a batch that is not an array or too large comes back as `error`.
   */
  apply(publisherId: string, ticks: readonly TickInput[] | readonly unknown[]): ApplyResult {
    if (!Array.isArray(ticks)) {
      return this.refuse(IngestReason.UNDECODABLE, `ticks must be an array, got ${describeValue(ticks)}`);
    }
    if (ticks.length > this.maxBatchTicks) {
      return this.refuse(IngestReason.BATCH_TOO_LARGE, `${ticks.length} ticks in one batch; the limit is ${this.maxBatchTicks}`);
    }
    this.input.fillFromInputs(ticks);
    return this.applyInput(publisherId);
  }

  /**
   * Validates and applies the batch in `input` (a decoder wrote it there: `WireDecoder.ingestBatchInto`
   * or `publisherMessageInto` with `gate.input`). The same checks, results and rejections as `apply`
   * with the same ticks as objects. Never throws.
   */
  applyInput(publisherId: string): ApplyResult {
    const input = this.input;
    const count = input.length;
    if (count > this.maxBatchTicks) {
      return this.refuse(IngestReason.BATCH_TOO_LARGE, `${count} ticks in one batch; the limit is ${this.maxBatchTicks}`);
    }
    if (this.ids.length < count) this.grow(count);

    const market = this.market;
    const ids = this.ids;
    const columns = this.columns;
    const rejected: Rejection[] = [];
    this.batchSeqs = this.seqByPublisher.get(publisherId) ?? null;
    this.batchPublisherId = publisherId;
    let publisher = this.publisherNumbers.get(publisherId);
    if (publisher === undefined) {
      publisher = this.publisherNumbers.size + 1;
      this.publisherNumbers.set(publisherId, publisher);
    }
    this.batchPublisher = publisher;
    const now = Number(this.now());
    // A broken clock must not switch the future check off (NaN would pass every comparison).
    const batchNowMs = Number.isFinite(now) ? now : Date.now();
    this.batchNowMs = batchNowMs;
    this.futureLimitMs = batchNowMs + this.maxFutureMs;
    const bands = this.bands;
    const lastTradeMs = this.lastTradeMs;

    let n = 0; // trades compacted into the columns
    let flushed = 0; // trades already handed to the engine
    let accepted = 0;
    for (let i = 0; i < count; i++) {
      const reason = this.check(i, n);
      if (reason !== 0) {
        if (reason === IngestReason.PRICE_BAND) this.describeBandRefusal(n);
        else if (reason === IngestReason.DUPLICATE_SEQ || reason === IngestReason.OUT_OF_ORDER_SEQ) this.describeSeqRefusal(reason);
        this.reject(rejected, i, reason);
        continue;
      }
      const id = this.tickId;
      const seq = this.seq[S_SEQ]!;
      if (seq > 0) {
        let seqs = this.batchSeqs;
        if (seqs === null) {
          seqs = new Float64Array(market.symbolCount);
          this.seqByPublisher.set(publisherId, seqs);
          this.batchSeqs = seqs;
        }
        seqs[id] = seq;
      }
      const kind = this.tickKind;
      if (kind === TICK_TRADE) {
        ids[n] = id;
        bands.record(id, columns.prices, columns.times, n);
        this.memory.record(id, publisher, this.seq, S_SEQ, columns, n);
        lastTradeMs[id] = this.batchNowMs;
        n++;
      } else {
        if (n > flushed) {
          market.applyTrades(ids, columns, flushed, n);
          flushed = n;
        }
        if (kind === TICK_QUOTE) this.quoteToEngine(id);
        else if (kind === TICK_HALT) this.halt(id);
        else if (kind === TICK_RESUME) this.resume(id);
        else this.applyCorrection(id, kind);
      }
      accepted++;
    }
    if (n > flushed) market.applyTrades(ids, columns, flushed, n);
    this.batchSeqs = null;
    this.batchPublisherId = '';
    this.acceptedCount += accepted;
    return { accepted, rejected, error: null };
  }

  /** Ticks accepted since start. */
  get accepted(): number {
    return this.acceptedCount;
  }

  /** Ticks refused since start (whole-batch refusals not included: see `batchErrors`). */
  get rejected(): number {
    return this.rejectedCount;
  }

  /**
   * Batches refused whole since start (unauthorized, undecodable, too large, wrong media type), and
   * publisher websockets refused at the upgrade (unauthorized).
   */
  get batchErrors(): number {
    return this.batchErrorCount;
  }

  /** TICK_CANCEL / TICK_CORRECTION ticks accepted since start, and how many of them moved a last price. */
  get cancels(): number {
    return this.cancelCount;
  }

  get corrections(): number {
    return this.correctionCount;
  }

  get restatedPrices(): number {
    return this.restatedCount;
  }

  /** Cancels and corrections applied since the last call (oldest first; at most 100 are kept). */
  drainCorrections(): CorrectionEvent[] {
    return this.correctionEvents.splice(0);
  }

  /**
   * Forgets the remembered trades: call when a new trading day starts, so that yesterday's trades can
   * no longer be cancelled or corrected into today's prices (ORIGINAL_TOO_OLD).
   */
  forgetTrades(): void {
    this.memory.forgetAll();
  }

  /** How many times a code was reported (per tick for 30xx, per batch for 31xx). */
  rejectCount(code: IngestReason): number {
    return this.rejectsByCode[code - CODE_BASE] ?? 0;
  }

  /** Every code reported at least once, in code order: for /metrics and the status channel. */
  rejectCounts(): RejectCount[] {
    const out: RejectCount[] = [];
    for (const r of INGEST_REASONS) {
      const count = this.rejectsByCode[r.code - CODE_BASE]!;
      if (count > 0) out.push({ reason: r.code, name: r.name, count });
    }
    return out;
  }

  /**
   * Counts a batch the endpoint refused before it reached `apply` (unauthorized, undecodable, …), so
   * that every refusal shows in the same counters.
   */
  recordBatchError(code: IngestReason): void {
    this.batchErrorCount++;
    const k = code - CODE_BASE;
    if (k >= 0 && k < CODE_SPAN) this.rejectsByCode[k] = this.rejectsByCode[k]! + 1;
  }

  /** Symbols halted by a TICK_HALT and not yet resumed, in basket order. */
  haltedSymbols(): string[] {
    return this.halts.haltedSymbols();
  }

  /** Symbols flagged stale by the last `sweepStaleness`, in basket order. */
  staleSymbols(): string[] {
    return this.staleness.staleSymbols();
  }

  /**
   * Flags symbols with no accepted trade for `staleAfterMs` of the regular session as stale, and unflags
   * the others (all of them outside the regular session). O(symbols); call it from a timer with the
   * market clock. Returns how many are stale.
   */
  sweepStaleness(nowMarketMs: number = Number(this.now())): number {
    return this.staleness.sweep(nowMarketMs);
  }

  /**
   * The price band a trade of `symbol` at market time `timeMs` (default now) would be checked against,
   * or undefined for a symbol in no index.
   */
  priceBand(symbol: string, timeMs: number = Number(this.now())): PriceBand | undefined {
    const id = this.market.symbolId(symbol);
    if (id === undefined) return undefined;
    const regular = Math.abs(timeMs) <= MAX_EPOCH_MS && this.clock.sessionAt(timeMs) === Session.Regular;
    return this.bands.band(id, timeMs, regular);
  }

  /** Last accepted seq of a publisher for a symbol; 0 when it has sent none (or does not sequence). */
  lastSeq(publisherId: string, symbol: string): number {
    const id = this.market.symbolId(symbol);
    if (id === undefined) return 0;
    return this.seqByPublisher.get(publisherId)?.[id] ?? 0;
  }

  // ------------------------------------------------------------------------------------------ internals

  private refuse(code: IngestReason, message: string): ApplyResult {
    this.recordBatchError(code);
    return { accepted: 0, rejected: [], error: { code, message } };
  }

  /**
   * Only an int crosses this call: whether or not V8 inlines it into `apply`, the small `applyQuote`
   * fits inside it, so the quote's doubles are not boxed on the way to the engine.
   */
  private quoteToEngine(id: number): void {
    const q = this.quote;
    this.market.applyQuote(id as SymbolId, q[Q_BID]!, q[Q_ASK]!, q[Q_BID_SIZE]!, q[Q_ASK_SIZE]!, q[Q_TIME]!);
  }

  private halt(id: number): void {
    if (this.halts.halt(id)) this.staleness.clear(id);
  }

  private resume(id: number): void {
    if (!this.halts.resume(id)) return;
    // LULD-style reopening: the first trade sets a fresh reference; silence counts from the resume.
    this.bands.reanchor(id);
    this.lastTradeMs[id] = this.batchNowMs;
  }

  private grow(count: number): void {
    const capacity = Math.min(Math.max(count, this.ids.length * 2), Math.max(count, this.maxBatchTicks));
    this.columns = tradeColumns(capacity);
    this.ids = new Int32Array(capacity);
  }

  private reject(rejected: Rejection[], index: number, reason: number): void {
    const code = reason as IngestReason;
    rejected.push({ index, reason: code, reasonName: ingestReasonName(code), symbol: this.tickSymbol, detail: this.detail });
    this.rejectedCount++;
    this.rejectsByCode[code - CODE_BASE] = this.rejectsByCode[code - CODE_BASE]! + 1;
  }

  /**
   * Checks row `i` of the batch. On success returns 0 and leaves the parsed values in `tickId`,
   * `tickKind`, the seq scratch and, for a trade, column slot `slot` (for a quote, the quote scratch).
   * On failure returns the reason code and leaves a message in `detail`. Writes no state but the
   * scratch, so a refused tick changes nothing. A field flagged missing or mistyped (only ticks given
   * as objects can be) is refused where its check comes, worded from the value as given (`raw`).
   */
  private check(i: number, slot: number): number {
    const b = this.input;
    const flags = b.flags[i]!;
    this.tickSymbol = '';
    if ((flags & ROW_FLAGS) !== 0) {
      if ((flags & ROW_THREW) === 0) {
        this.detail = `a tick must be an object, got ${describeValue(b.source(i))}`;
        return IngestReason.MALFORMED_TICK;
      }
      // Only a hostile object (a throwing getter, a revoked proxy) gets here; decoded input cannot.
      if ((flags & (MISSING_SYMBOL | WRONG_SYMBOL)) === 0) this.tickSymbol = cut(b.symbolTexts[i]!);
      this.detail = `reading the tick failed: ${b.rowError(i)}`;
      return IngestReason.MALFORMED_TICK;
    }

    // Symbol.
    if ((flags & (MISSING_SYMBOL | WRONG_SYMBOL)) !== 0) {
      this.detail = (flags & MISSING_SYMBOL) !== 0 ? 'symbol is missing' : `symbol must be a string, got ${describeValue(b.raw(i, F_SYMBOL))}`;
      return IngestReason.BAD_SYMBOL;
    }
    const symbol = b.symbolTexts[i]!;
    this.tickSymbol = cut(symbol);
    const id = b.symbolIds[i]!;
    if (id < 0) {
      if (!TICKER_RE.test(symbol)) {
        this.detail = `symbol ${describeValue(symbol)} is not a ticker (1–10 of A–Z 0–9 . -, starting with a letter)`;
        return IngestReason.BAD_SYMBOL;
      }
      this.detail = `${symbol} is in no loaded index`;
      return IngestReason.UNKNOWN_SYMBOL;
    }

    // Kind: proto3 default TICK_TRADE; the enum names are accepted too (JSON publishers: the columns
    // hold them as numbers).
    const kind = b.kinds[i]!;
    if ((flags & WRONG_KIND) !== 0 || kind < TICK_TRADE || kind > TICK_CORRECTION) {
      this.detail =
        'kind must be TICK_TRADE (0), TICK_QUOTE (1), TICK_HALT (2), TICK_RESUME (3), TICK_CANCEL (4) or ' +
        `TICK_CORRECTION (5), got ${describeValue(b.raw(i, F_KIND))}`;
      return IngestReason.BAD_KIND;
    }

    // Time.
    if ((flags & (MISSING_TIME | WRONG_TIME)) !== 0) {
      this.detail = (flags & MISSING_TIME) !== 0 ? 'time_ms is missing' : `time_ms must be a number, got ${describeValue(b.raw(i, F_TIME))}`;
      return IngestReason.BAD_TIMESTAMP;
    }
    const time = b.times[i]!;
    if (!(time > 0 && time <= MAX_EPOCH_MS)) {
      this.detail = `time_ms must be a positive epoch time in ms, got ${describeValue(b.raw(i, F_TIME))}`;
      return IngestReason.BAD_TIMESTAMP;
    }
    if (time > this.futureLimitMs) return this.futureTime(i);

    if (kind === TICK_TRADE) {
      if ((flags & (MISSING_PRICE | WRONG_PRICE)) !== 0) {
        this.detail = (flags & MISSING_PRICE) !== 0 ? 'a trade needs a price' : `price must be a number, got ${describeValue(b.raw(i, F_PRICE))}`;
        return IngestReason.BAD_PRICE;
      }
      const price = b.prices[i]!;
      if (!(price >= MIN_PRICE && price <= this.maxPriceOf[id]!)) {
        this.detail = `trade price must be in [${MIN_PRICE}, ${this.maxPriceOf[id]}], got ${describeValue(b.raw(i, F_PRICE))}`;
        return IngestReason.BAD_PRICE;
      }
      if ((flags & WRONG_SIZE) !== 0) {
        this.detail = `size must be a number, got ${describeValue(b.raw(i, F_SIZE))}`;
        return IngestReason.BAD_SIZE;
      }
      const size = b.sizes[i]!; // a missing size is 0
      if (!(size >= 0 && size <= this.maxSize)) {
        this.detail = `size must be in [0, ${this.maxSize}], got ${describeValue(b.raw(i, F_SIZE))}`;
        return IngestReason.BAD_SIZE;
      }
      // Into the columns now (slot `slot` is only taken if the tick is accepted): the band reads the
      // price and time from there.
      const columns = this.columns;
      columns.prices[slot] = price;
      columns.sizes[slot] = size + 0; // -0 → 0
      columns.times[slot] = time;
      const session = this.clock.sessionAt(time);
      columns.sessions[slot] = session;
      if (this.halts.isHalted(id)) {
        this.detail = `${symbol} is halted: trades are refused until a TICK_RESUME`;
        return IngestReason.HALTED;
      }
      if (!this.bands.admits(id, columns.prices, columns.times, slot, session === Session.Regular)) {
        this.tickId = id; // for the detail (`describeBandRefusal`)
        if (!this.bands.confirmsMove(id, columns.prices, columns.times, slot)) return IngestReason.PRICE_BAND;
        this.recordReanchor(symbol, price, time);
      }
    } else if (kind === TICK_QUOTE) {
      // A quote may carry the last trade's price (0 = none): checked like a trade price, but only a
      // trade tick moves the last price and the index.
      const price = b.prices[i]!;
      if ((flags & WRONG_PRICE) !== 0 || (price !== 0 && !(price >= MIN_PRICE && price <= this.maxPrice))) {
        this.detail = `price on a quote must be 0 or in [${MIN_PRICE}, ${this.maxPrice}], got ${describeValue(b.raw(i, F_PRICE))}`;
        return IngestReason.BAD_PRICE;
      }
      // Each field is checked here rather than in a helper: a helper V8 does not inline (this function
      // is large) would box every double it is passed or returns, one allocation per field per quote.
      // Absent = 0 = side absent; -0 + 0 = 0.
      const maxPrice = this.maxPrice;
      const maxSize = this.maxSize;
      const rawBid = b.bids[i]!;
      if ((flags & WRONG_BID) !== 0 || !(rawBid >= 0 && rawBid <= maxPrice)) return this.badQuote('bid', i, F_BID, maxPrice);
      const bid = rawBid + 0;
      const rawAsk = b.asks[i]!;
      if ((flags & WRONG_ASK) !== 0 || !(rawAsk >= 0 && rawAsk <= maxPrice)) return this.badQuote('ask', i, F_ASK, maxPrice);
      const ask = rawAsk + 0;
      const rawBidSize = b.bidSizes[i]!;
      if ((flags & WRONG_BID_SIZE) !== 0 || !(rawBidSize >= 0 && rawBidSize <= maxSize)) return this.badQuote('bid_size', i, F_BID_SIZE, maxSize);
      const bidSize = rawBidSize + 0;
      const rawAskSize = b.askSizes[i]!;
      if ((flags & WRONG_ASK_SIZE) !== 0 || !(rawAskSize >= 0 && rawAskSize <= maxSize)) return this.badQuote('ask_size', i, F_ASK_SIZE, maxSize);
      const askSize = rawAskSize + 0;
      if (bid > 0 && ask > 0 && bid > ask) return this.crossedQuote(i);
      // Read only if the tick is accepted (the seq check below may still refuse it).
      const quote = this.quote;
      quote[Q_BID] = bid;
      quote[Q_ASK] = ask;
      quote[Q_BID_SIZE] = bidSize;
      quote[Q_ASK_SIZE] = askSize;
      quote[Q_TIME] = time;
    } else if (kind === TICK_CANCEL || kind === TICK_CORRECTION) {
      const reason = this.checkCorrection(i, id, kind);
      if (reason !== 0) return reason;
    }
    // TICK_HALT / TICK_RESUME: symbol, time and seq only; the other fields are ignored. One call site
    // for the seq check (a cancel's is inside checkCorrection): each inlined copy costs V8's inlining
    // budget for `check`, and past it the band's helpers stop being inlined and box their doubles.
    if (kind < TICK_CANCEL) {
      const reason = this.checkSeq(i, id);
      if (reason !== 0) return reason;
    }
    this.tickId = id;
    this.tickKind = kind;
    return 0;
  }

  /**
   * Last, so that only an otherwise valid tick can be a duplicate. Puts the seq in the seq scratch.
   * A duplicate or out-of-order seq gets its detail later (`describeSeqRefusal`): formatting the
   * numbers here made V8 box them on every tick, refused or not.
   */
  private checkSeq(i: number, id: number): number {
    const b = this.input;
    const raw = b.seqs[i]!;
    if ((b.flags[i]! & WRONG_SEQ) !== 0 || !(raw >= 0 && raw <= Number.MAX_SAFE_INTEGER && Math.floor(raw) === raw)) return this.badSeq(i);
    const scratch = this.seq;
    if (raw === 0) {
      scratch[S_SEQ] = 0; // absent, 0 or -0: the publisher does not sequence
      return 0;
    }
    const seqs = this.batchSeqs;
    const last = seqs === null ? 0 : seqs[id]!;
    if (raw <= last) {
      scratch[S_REFUSED] = raw;
      scratch[S_LAST] = last;
      return raw === last ? IngestReason.DUPLICATE_SEQ : IngestReason.OUT_OF_ORDER_SEQ;
    }
    scratch[S_SEQ] = raw;
    return 0;
  }

  /**
   * A TICK_CANCEL or TICK_CORRECTION: a correction's price and size are checked like a trade's (not
   * banded), then original_seq, the tick's own seq, and the trade it names. Leaves the entry in
   * `tickEntry` and the values in the correction scratch. Off the trade path: only cancels and
   * corrections come here.
   */
  private checkCorrection(i: number, id: number, kind: number): number {
    const c = this.correction;
    const b = this.input;
    const time = b.times[i]!;
    const flags = b.flags[i]!;
    if (kind === TICK_CORRECTION) {
      const price = b.prices[i]!;
      if ((flags & (MISSING_PRICE | WRONG_PRICE)) !== 0 || !(price >= MIN_PRICE && price <= this.maxPriceOf[id]!)) {
        this.detail = `a correction's price must be in [${MIN_PRICE}, ${this.maxPriceOf[id]}], got ${describeValue(b.raw(i, F_PRICE))}`;
        return IngestReason.BAD_PRICE;
      }
      const size = b.sizes[i]!; // a missing size is 0
      if ((flags & WRONG_SIZE) !== 0 || !(size >= 0 && size <= this.maxSize)) {
        this.detail = `size must be a number in [0, ${this.maxSize}], got ${describeValue(b.raw(i, F_SIZE))}`;
        return IngestReason.BAD_SIZE;
      }
      c[C_PRICE] = price;
      c[C_SIZE] = size + 0;
    }
    const original = b.originalSeqs[i]!;
    if ((flags & (MISSING_ORIGINAL | WRONG_ORIGINAL)) !== 0 || !(original > 0 && original <= Number.MAX_SAFE_INTEGER && Math.floor(original) === original)) {
      this.detail =
        (flags & WRONG_ORIGINAL) === 0 && original === 0
          ? 'a cancel or correction needs original_seq: the seq of the trade it withdraws or restates'
          : `original_seq must be an unsigned integer below 2^53, got ${describeValue(b.raw(i, F_ORIGINAL_SEQ))}`;
      return IngestReason.BAD_ORIGINAL_SEQ;
    }
    const reason = this.checkSeq(i, id);
    if (reason !== 0) return reason;
    const seqs = this.batchSeqs;
    const entry = this.memory.find(id, this.batchPublisher, original, seqs === null ? 0 : seqs[id]!);
    const symbol = this.tickSymbol;
    if (entry === NOT_FOUND) {
      this.detail = `no trade of ${symbol} with seq ${original} was accepted from this publisher`;
      return IngestReason.UNKNOWN_ORIGINAL;
    }
    if (entry === TOO_OLD) {
      this.detail =
        `the trade of ${symbol} with seq ${original} is no longer remembered (the last ${this.memory.depth} ` +
        'trades per symbol of the current trading day are)';
      return IngestReason.ORIGINAL_TOO_OLD;
    }
    if (entry === OTHER_PUBLISHER) {
      this.detail = `the remembered trade of ${symbol} with seq ${original} was sent by another publisher`;
      return IngestReason.ORIGINAL_OTHER_PUBLISHER;
    }
    if (this.memory.isCancelled(entry)) {
      this.detail = `the trade of ${symbol} with seq ${original} was already cancelled`;
      return IngestReason.ORIGINAL_CANCELLED;
    }
    c[C_ORIGINAL] = original;
    c[C_TIME] = time;
    this.tickEntry = entry;
    return 0;
  }

  /**
   * Applies an accepted cancel or correction (trades before it in the batch are already in the engine).
   * When the trade it names is the newest one standing, the last price moves to what stands after it.
   */
  private applyCorrection(id: number, kind: number): void {
    const memory = this.memory;
    const c = this.correction;
    const entry = this.tickEntry;
    const latest = memory.latestStanding(id);
    const lastBefore = latest >= 0 ? memory.priceOf(latest) : memory.basePriceOf(id);
    const originalPrice = memory.priceOf(entry);
    const originalSize = memory.sizeOf(entry);
    const cancel = kind === TICK_CANCEL;
    const correctedPrice = cancel ? originalPrice : c[C_PRICE]!;
    const correctedSize = cancel ? originalSize : c[C_SIZE]!;
    if (cancel) {
      memory.cancel(entry);
      this.cancelCount++;
    } else {
      memory.restate(entry, correctedPrice, correctedSize);
      this.correctionCount++;
    }
    const volumeDelta = cancel ? -originalSize : correctedSize - originalSize;
    const restated = entry === latest;
    let lastAfter = lastBefore;
    if (restated) {
      const now = memory.latestStanding(id);
      lastAfter = now >= 0 ? memory.priceOf(now) : memory.basePriceOf(id);
      const size = now >= 0 ? memory.sizeOf(now) : memory.baseSizeOf(id);
      const session = now >= 0 ? memory.sessionOf(now) : memory.baseSessionOf(id);
      this.market.restateLast(id as SymbolId, lastAfter, size, volumeDelta, c[C_TIME]!, session as Session);
      this.restatedCount++;
    } else {
      this.market.adjustVolume(id as SymbolId, volumeDelta);
    }
    this.correctionEvents.push({
      kind: cancel ? 'cancel' : 'correction',
      symbol: this.tickSymbol,
      publisherId: this.batchPublisherId,
      originalSeq: c[C_ORIGINAL]!,
      originalPrice,
      originalSize,
      correctedPrice,
      correctedSize,
      lastBefore,
      lastAfter,
      restated,
      timeMs: c[C_TIME]!,
    });
    if (this.correctionEvents.length > MAX_PENDING_CORRECTIONS) this.correctionEvents.shift();
  }

  private describeSeqRefusal(reason: number): void {
    const seq = this.seq[S_REFUSED]!;
    const last = this.seq[S_LAST]!;
    this.detail =
      reason === IngestReason.DUPLICATE_SEQ ? `seq ${seq} was already accepted` : `seq ${seq} is below the last accepted seq ${last}`;
  }

  /** A confirmed move re-anchored a band: kept (bounded) for the status channel. */
  private recordReanchor(symbol: string, price: number, timeMs: number): void {
    this.reanchorEvents.push({ symbol, price, timeMs });
    if (this.reanchorEvents.length > MAX_PENDING_REANCHORS) this.reanchorEvents.shift();
  }

  /** Bands re-anchored by a confirmed move since the last call (oldest first). */
  drainReanchors(): { symbol: string; price: number; timeMs: number }[] {
    return this.reanchorEvents.splice(0);
  }

  /** The detail of a PRICE_BAND refusal: the trade is in column slot `slot`, its symbol id in `tickId`. */
  private describeBandRefusal(slot: number): void {
    const columns = this.columns;
    const price = columns.prices[slot]!;
    const regular = columns.sessions[slot] === Session.Regular;
    const b = this.bands.band(this.tickId, columns.times[slot]!, regular);
    const pct = b.reference > 3 ? (b.tier === 1 ? '5%' : '10%') : b.reference >= 0.75 ? '20%' : 'min($0.15, 75%)';
    this.detail =
      `trade price ${price} is outside the price band [${round4(b.lower)}, ${round4(b.upper)}]: reference ` +
      `${round4(b.reference)} ±${pct}${regular ? '' : ' doubled outside the regular session'} (LULD tier ${b.tier})`;
  }

  // Refusal details that quote the tick's numbers: read from the columns here, off the tick path, so
  // that only ints cross the call (a double passed or formatted in `check` would be boxed per tick).

  private badSeq(i: number): number {
    const b = this.input;
    this.detail =
      (b.flags[i]! & WRONG_SEQ) !== 0
        ? `seq must be a number, got ${describeValue(b.raw(i, F_SEQ))}`
        : `seq must be an unsigned integer below 2^53, got ${describeValue(b.raw(i, F_SEQ))}`;
    return IngestReason.BAD_SEQ;
  }

  private futureTime(i: number): number {
    const time = this.input.times[i]!;
    const ahead = Math.round(time - this.futureLimitMs + this.maxFutureMs);
    this.detail = `time_ms ${time} is ${ahead} ms ahead of the server clock (limit ${this.maxFutureMs} ms)`;
    return IngestReason.FUTURE_TIMESTAMP;
  }

  private crossedQuote(i: number): number {
    this.detail = `bid ${this.input.bids[i]! + 0} is above ask ${this.input.asks[i]! + 0}`;
    return IngestReason.CROSSED_QUOTE;
  }

  private badQuote(name: string, i: number, field: number, max: number): number {
    this.detail = `${name} must be a number in [0, ${max}] (0 = none), got ${describeValue(this.input.raw(i, field))}`;
    return IngestReason.BAD_QUOTE;
  }
}

function cut(symbol: string): string {
  return symbol.length <= 32 ? symbol : symbol.slice(0, 32);
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

function checkOption(name: string, value: number, min: number): number {
  if (typeof value !== 'number' || !(value >= min)) {
    throw new RangeError(`IngestGate option ${name} must be a number >= ${min}, got ${String(value)}`);
  }
  return value;
}

/** A short, safe rendering of any value for a rejection's detail. */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'string': {
      const s = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
      return `string ${s}`;
    }
    case 'undefined':
      return 'undefined';
    case 'bigint':
      return `bigint ${value > 10n ** 20n ? '(huge)' : String(value)}`;
    case 'boolean':
      return `boolean ${String(value)}`;
    case 'object':
      return value === null ? 'null' : Array.isArray(value) ? 'an array' : 'an object';
    default:
      return `a ${typeof value}`;
  }
}
