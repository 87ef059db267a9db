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
 * Missing fields take their proto3 defaults (0, '', TICK_TRADE), as they would after a protobuf
 * decode; a field of the wrong type (a price sent as a string by a JSON publisher that bypassed the
 * codec) is a rejection, never an exception. `apply` does not throw on any input.
 *
 * The per-tick loop allocates nothing on the accept path: parsed values go straight into the typed
 * columns, the symbol id and seq into scalar fields; strings and Rejection objects are made only for
 * refused ticks.
 */
import type { hashcap } from '../../proto/wire.ts';
import type { MarketEngine } from '../engine/market-engine.ts';
import type { SymbolId } from '../engine/ids.ts';
import { MAX_EXACT_CENTS, PRICE_SCALE } from '../engine/money.ts';
import { tradeColumns, type TradeColumns } from '../engine/trade-columns.ts';
import { SessionClock } from '../market/sessions.ts';
import { IngestReason, ingestReasonName, INGEST_REASONS, type IngestReasonName } from './reasons.ts';

/** What the gate normally receives: ticks decoded by the codec. Anything else is refused per tick. */
export type TickInput = hashcap.v1.ITick;

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

/** The smallest price the engine can represent ($0.0001); anything lower would round to zero. */
const MIN_PRICE = 1 / PRICE_SCALE;
/** SessionClock's (and Date's) range. */
const MAX_EPOCH_MS = 8.64e15;
const TICKER_RE = /^[A-Z][A-Z0-9.\-]{0,9}$/;
const KIND_TRADE = 0;
const KIND_QUOTE = 1;
/** Reject counters are indexed by code - CODE_BASE (codes are 3001…3199). */
const CODE_BASE = 3000;
const CODE_SPAN = 200;
const INITIAL_CAPACITY = 256;

// Slots of the quote scratch array.
const Q_BID = 0;
const Q_ASK = 1;
const Q_BID_SIZE = 2;
const Q_ASK_SIZE = 3;
const Q_TIME = 4;

type TickFields = Record<string, unknown>;

export class IngestGate {
  readonly maxFutureMs: number;
  readonly maxBatchTicks: number;
  readonly maxPrice: number;
  readonly maxSize: number;

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

  private columns: TradeColumns;
  private ids: Int32Array;
  private readonly quote: Float64Array;

  // Per batch / per tick scratch, written by `check`. Fields are all set in the constructor so the
  // object keeps one shape.
  private batchSeqs: Float64Array | null;
  private futureLimitMs: number;
  private tickId: number;
  private tickKind: number;
  private tickSeq: number;
  private tickSymbol: string;
  private detail: string;

  private acceptedCount: number;
  private rejectedCount: number;
  private batchErrorCount: number;
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
    const capacity = Math.min(INITIAL_CAPACITY, this.maxBatchTicks);
    this.columns = tradeColumns(capacity);
    this.ids = new Int32Array(capacity);
    this.quote = new Float64Array(5);
    this.batchSeqs = null;
    this.futureLimitMs = 0;
    this.tickId = 0;
    this.tickKind = 0;
    this.tickSeq = 0;
    this.tickSymbol = '';
    this.detail = '';
    this.acceptedCount = 0;
    this.rejectedCount = 0;
    this.batchErrorCount = 0;
    this.rejectsByCode = new Float64Array(CODE_SPAN);
    this.refreshLimits();
  }

  /**
   * Recomputes the per-symbol price ceiling from the engine's current share counts and memberships.
   * Call it after `market.setShares` or a membership change; until then the gate keeps the old ceiling
   * (share counts move by a few percent, far inside the margin below).
   *
   * The engine keeps market caps as exact integers of cents: price ticks × shares must stay below
   * 2^53, and so must the sum over an index. A trade priced beyond that would silently break the
   * running sums, so it is refused here (BAD_PRICE) rather than trusted.
   */
  refreshLimits(): void {
    const maxPriceOf = this.maxPriceOf;
    maxPriceOf.fill(this.maxPrice);
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
    const count = ticks.length;
    if (count > this.maxBatchTicks) {
      return this.refuse(IngestReason.BATCH_TOO_LARGE, `${count} ticks in one batch; the limit is ${this.maxBatchTicks}`);
    }
    if (this.ids.length < count) this.grow(count);

    const market = this.market;
    const ids = this.ids;
    const columns = this.columns;
    const quote = this.quote;
    const rejected: Rejection[] = [];
    this.batchSeqs = this.seqByPublisher.get(publisherId) ?? null;
    const now = Number(this.now());
    // A broken clock must not switch the future check off (NaN would pass every comparison).
    this.futureLimitMs = (Number.isFinite(now) ? now : Date.now()) + this.maxFutureMs;

    let n = 0; // trades compacted into the columns
    let flushed = 0; // trades already handed to the engine
    let accepted = 0;
    for (let i = 0; i < count; i++) {
      const tick: unknown = ticks[i];
      let reason: number;
      try {
        reason = this.check(tick, n);
      } catch (error) {
        // Only a hostile object (a throwing getter, a revoked proxy) gets here; decoded input cannot.
        reason = IngestReason.MALFORMED_TICK;
        this.detail = `reading the tick failed: ${errorText(error)}`;
      }
      if (reason !== 0) {
        this.reject(rejected, i, reason);
        continue;
      }
      const id = this.tickId;
      const seq = this.tickSeq;
      if (seq > 0) {
        let seqs = this.batchSeqs;
        if (seqs === null) {
          seqs = new Float64Array(market.symbolCount);
          this.seqByPublisher.set(publisherId, seqs);
          this.batchSeqs = seqs;
        }
        seqs[id] = seq;
      }
      if (this.tickKind === KIND_TRADE) {
        ids[n] = id;
        n++;
      } else {
        if (n > flushed) {
          market.applyTrades(ids, columns, flushed, n);
          flushed = n;
        }
        market.applyQuote(id as SymbolId, quote[Q_BID]!, quote[Q_ASK]!, quote[Q_BID_SIZE]!, quote[Q_ASK_SIZE]!, quote[Q_TIME]!);
      }
      accepted++;
    }
    if (n > flushed) market.applyTrades(ids, columns, flushed, n);
    this.batchSeqs = null;
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
   * Checks one tick. On success returns 0 and leaves the parsed values in `tickId`, `tickKind`,
   * `tickSeq` and, for a trade, column slot `slot` (for a quote, the quote scratch). On failure returns
   * the reason code and leaves a message in `detail`. Reads each field once and writes no state but
   * the scratch, so a refused tick changes nothing.
   */
  private check(value: unknown, slot: number): number {
    this.tickSymbol = '';
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.detail = `a tick must be an object, got ${describeValue(value)}`;
      return IngestReason.MALFORMED_TICK;
    }
    const t = value as TickFields;

    // Symbol.
    const symbol = t['symbol'];
    if (typeof symbol !== 'string') {
      this.detail = symbol == null ? 'symbol is missing' : `symbol must be a string, got ${describeValue(symbol)}`;
      return IngestReason.BAD_SYMBOL;
    }
    this.tickSymbol = symbol.length <= 32 ? symbol : symbol.slice(0, 32);
    const id = this.market.symbolId(symbol);
    if (id === undefined) {
      if (!TICKER_RE.test(symbol)) {
        this.detail = `symbol ${describeValue(symbol)} is not a ticker (1–10 of A–Z 0–9 . -, starting with a letter)`;
        return IngestReason.BAD_SYMBOL;
      }
      this.detail = `${symbol} is in no loaded index`;
      return IngestReason.UNKNOWN_SYMBOL;
    }

    // Kind: proto3 default TICK_TRADE; the enum names are accepted too (JSON publishers).
    const rawKind = t['kind'];
    let kind: number;
    if (rawKind === KIND_TRADE || rawKind === KIND_QUOTE) kind = rawKind;
    else if (rawKind == null || rawKind === 'TICK_TRADE') kind = KIND_TRADE;
    else if (rawKind === 'TICK_QUOTE') kind = KIND_QUOTE;
    else {
      this.detail = `kind must be TICK_TRADE (0) or TICK_QUOTE (1), got ${describeValue(rawKind)}`;
      return IngestReason.BAD_KIND;
    }

    // Time.
    const time = t['timeMs'];
    if (typeof time !== 'number') {
      this.detail = time == null ? 'time_ms is missing' : `time_ms must be a number, got ${describeValue(time)}`;
      return IngestReason.BAD_TIMESTAMP;
    }
    if (!(time > 0 && time <= MAX_EPOCH_MS)) {
      this.detail = `time_ms must be a positive epoch time in ms, got ${describeValue(time)}`;
      return IngestReason.BAD_TIMESTAMP;
    }
    if (time > this.futureLimitMs) {
      const ahead = Math.round(time - this.futureLimitMs + this.maxFutureMs);
      this.detail = `time_ms ${time} is ${ahead} ms ahead of the server clock (limit ${this.maxFutureMs} ms)`;
      return IngestReason.FUTURE_TIMESTAMP;
    }

    if (kind === KIND_TRADE) {
      const price = t['price'];
      if (typeof price !== 'number') {
        this.detail = price == null ? 'a trade needs a price' : `price must be a number, got ${describeValue(price)}`;
        return IngestReason.BAD_PRICE;
      }
      if (!(price >= MIN_PRICE && price <= this.maxPriceOf[id]!)) {
        this.detail = `trade price must be in [${MIN_PRICE}, ${this.maxPriceOf[id]}], got ${describeValue(price)}`;
        return IngestReason.BAD_PRICE;
      }
      const rawSize = t['size'];
      let size = 0;
      if (typeof rawSize === 'number') size = rawSize;
      else if (rawSize != null) {
        this.detail = `size must be a number, got ${describeValue(rawSize)}`;
        return IngestReason.BAD_SIZE;
      }
      if (!(size >= 0 && size <= this.maxSize)) {
        this.detail = `size must be in [0, ${this.maxSize}], got ${describeValue(size)}`;
        return IngestReason.BAD_SIZE;
      }
      const reason = this.checkSeq(t, id);
      if (reason !== 0) return reason;
      const columns = this.columns;
      columns.prices[slot] = price;
      columns.sizes[slot] = size + 0; // -0 → 0
      columns.times[slot] = time;
      columns.sessions[slot] = this.clock.sessionAt(time);
    } else {
      // A quote may carry the last trade's price (0 = none): checked like a trade price, but only a
      // trade tick moves the last price and the index.
      const price = t['price'];
      if (price != null && price !== 0) {
        if (typeof price !== 'number' || !(price >= MIN_PRICE && price <= this.maxPrice)) {
          this.detail = `price on a quote must be 0 or in [${MIN_PRICE}, ${this.maxPrice}], got ${describeValue(price)}`;
          return IngestReason.BAD_PRICE;
        }
      }
      const rawBid = t['bid'];
      const bid = quoteValue(rawBid, this.maxPrice);
      if (bid < 0) return this.badQuote('bid', rawBid, this.maxPrice);
      const rawAsk = t['ask'];
      const ask = quoteValue(rawAsk, this.maxPrice);
      if (ask < 0) return this.badQuote('ask', rawAsk, this.maxPrice);
      const rawBidSize = t['bidSize'];
      const bidSize = quoteValue(rawBidSize, this.maxSize);
      if (bidSize < 0) return this.badQuote('bid_size', rawBidSize, this.maxSize);
      const rawAskSize = t['askSize'];
      const askSize = quoteValue(rawAskSize, this.maxSize);
      if (askSize < 0) return this.badQuote('ask_size', rawAskSize, this.maxSize);
      if (bid > 0 && ask > 0 && bid > ask) {
        this.detail = `bid ${bid} is above ask ${ask}`;
        return IngestReason.CROSSED_QUOTE;
      }
      const reason = this.checkSeq(t, id);
      if (reason !== 0) return reason;
      const quote = this.quote;
      quote[Q_BID] = bid;
      quote[Q_ASK] = ask;
      quote[Q_BID_SIZE] = bidSize;
      quote[Q_ASK_SIZE] = askSize;
      quote[Q_TIME] = time;
    }
    this.tickId = id;
    this.tickKind = kind;
    return 0;
  }

  /** Last, so that only an otherwise valid tick can be a duplicate. Sets `tickSeq`. */
  private checkSeq(t: TickFields, id: number): number {
    const raw = t['seq'];
    let seq = 0;
    if (typeof raw === 'number') seq = raw;
    else if (raw != null) {
      this.detail = `seq must be a number, got ${describeValue(raw)}`;
      return IngestReason.BAD_SEQ;
    }
    if (seq !== 0) {
      if (!(seq > 0 && seq <= Number.MAX_SAFE_INTEGER && Math.floor(seq) === seq)) {
        this.detail = `seq must be an unsigned integer below 2^53, got ${describeValue(seq)}`;
        return IngestReason.BAD_SEQ;
      }
      const seqs = this.batchSeqs;
      const last = seqs === null ? 0 : seqs[id]!;
      if (seq === last) {
        this.detail = `seq ${seq} was already accepted`;
        return IngestReason.DUPLICATE_SEQ;
      }
      if (seq < last) {
        this.detail = `seq ${seq} is below the last accepted seq ${last}`;
        return IngestReason.OUT_OF_ORDER_SEQ;
      }
    }
    this.tickSeq = seq + 0; // -0 → 0
    return 0;
  }

  private badQuote(field: string, raw: unknown, max: number): number {
    this.detail = `${field} must be a number in [0, ${max}] (0 = none), got ${describeValue(raw)}`;
    return IngestReason.BAD_QUOTE;
  }
}

/** A quote field as a number ≥ 0 (absent = 0, -0 = 0), or -1 when it is not acceptable. */
function quoteValue(raw: unknown, max: number): number {
  if (raw == null) return 0;
  if (typeof raw !== 'number' || !(raw >= 0 && raw <= max)) return -1;
  return raw + 0;
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

function errorText(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'unprintable error';
  }
}
