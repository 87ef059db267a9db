/**
 * The gate's memory of recent accepted trades, per symbol, so that a publisher's TICK_CANCEL or
 * TICK_CORRECTION can be applied: which trade it names (publisher + seq), whether that trade is the
 * one that set the symbol's last price, and what the price goes back to when it is withdrawn.
 *
 * A fixed ring of `depth` entries per symbol in typed arrays (seq, price, size, session, publisher,
 * cancelled), so recording a trade is a handful of stores and no allocation. When an entry is
 * overwritten, its price (if it still stands) becomes the symbol's `base`: the standing price before
 * every remembered trade. So the last price after withdrawing the latest standing trade is the newest
 * earlier entry still standing, or the base (the previous close before any trade of the session).
 *
 * Publishers are numbered by the gate (`publisherNumber`); seqs are per publisher, so an entry matches
 * a cancel only by (publisher, seq).
 */
import type { TradeColumns } from '../engine/trade-columns.ts';

/** `find` results that are not an entry. */
export const NOT_FOUND = -1;
export const TOO_OLD = -2;
export const OTHER_PUBLISHER = -3;

export class TradeMemory {
  readonly depth: number;
  private readonly seq: Float64Array;
  private readonly price: Float64Array;
  private readonly size: Float64Array;
  private readonly session: Uint8Array;
  private readonly publisher: Int32Array;
  private readonly cancelled: Uint8Array;
  /** Next slot to write, per symbol (0 … depth-1). */
  private readonly head: Int32Array;
  private readonly count: Int32Array;
  /** 1 once a symbol's memory has lost an entry (overwritten or forgotten): older seqs are "too old". */
  private readonly forgot: Uint8Array;
  private readonly basePrice: Float64Array;
  private readonly baseSize: Float64Array;
  private readonly baseSession: Uint8Array;

  constructor(previousCloses: readonly number[], depth: number) {
    const n = previousCloses.length;
    this.depth = depth;
    this.seq = new Float64Array(n * depth);
    this.price = new Float64Array(n * depth);
    this.size = new Float64Array(n * depth);
    this.session = new Uint8Array(n * depth);
    this.publisher = new Int32Array(n * depth);
    this.cancelled = new Uint8Array(n * depth);
    this.head = new Int32Array(n);
    this.count = new Int32Array(n);
    this.forgot = new Uint8Array(n);
    this.basePrice = Float64Array.from(previousCloses);
    this.baseSize = new Float64Array(n);
    this.baseSession = new Uint8Array(n);
  }

  /**
   * Remembers an accepted trade: symbol `id`, by publisher number `publisher`, seq `seqs[seqAt]` (0 =
   * unsequenced: it can be withdrawn by nobody, but it stands), price, size and session from column
   * slot `slot`. Only integers and arrays cross this call, so no double is boxed.
   */
  record(id: number, publisher: number, seqs: Float64Array, seqAt: number, columns: TradeColumns, slot: number): void {
    const depth = this.depth;
    const head = this.head[id]!;
    const e = id * depth + head;
    if (this.count[id] === depth) {
      // The oldest entry leaves: if it still stands, it is now the price before everything remembered.
      if (this.cancelled[e] === 0) {
        this.basePrice[id] = this.price[e]!;
        this.baseSize[id] = this.size[e]!;
        this.baseSession[id] = this.session[e]!;
      }
      this.forgot[id] = 1;
    } else {
      this.count[id] = this.count[id]! + 1;
    }
    this.seq[e] = seqs[seqAt]!;
    this.price[e] = columns.prices[slot]!;
    this.size[e] = columns.sizes[slot]!;
    this.session[e] = columns.sessions[slot]!;
    this.publisher[e] = publisher;
    this.cancelled[e] = 0;
    this.head[id] = head + 1 === depth ? 0 : head + 1;
  }

  /**
   * The entry of the trade `publisher` sent for symbol `id` with seq `seq`, or NOT_FOUND, TOO_OLD (it
   * may have been one of the forgotten trades: `seq` is at most `lastSeq`, the publisher's last accepted
   * seq for the symbol, and older than what is remembered of that publisher) or OTHER_PUBLISHER (the
   * remembered trade with that seq is someone else's).
   */
  find(id: number, publisher: number, seq: number, lastSeq: number): number {
    const depth = this.depth;
    const base = id * depth;
    let other = false;
    let oldestOwn = Number.POSITIVE_INFINITY;
    for (let i = 0, n = this.count[id]!; i < n; i++) {
      const e = base + this.newest(id, i);
      if (this.publisher[e] !== publisher) {
        if (this.seq[e] === seq) other = true;
        continue;
      }
      const s = this.seq[e]!;
      if (s === seq) return e;
      if (s > 0 && s < oldestOwn) oldestOwn = s;
    }
    if (this.forgot[id] === 1 && seq <= lastSeq && seq < oldestOwn) return TOO_OLD;
    return other ? OTHER_PUBLISHER : NOT_FOUND;
  }

  isCancelled(entry: number): boolean {
    return this.cancelled[entry] === 1;
  }

  priceOf(entry: number): number {
    return this.price[entry]!;
  }

  sizeOf(entry: number): number {
    return this.size[entry]!;
  }

  sessionOf(entry: number): number {
    return this.session[entry]!;
  }

  seqOf(entry: number): number {
    return this.seq[entry]!;
  }

  /** The newest entry of symbol `id` still standing, or -1 when none is (the base price stands). */
  latestStanding(id: number): number {
    const base = id * this.depth;
    for (let i = 0, n = this.count[id]!; i < n; i++) {
      const e = base + this.newest(id, i);
      if (this.cancelled[e] === 0) return e;
    }
    return -1;
  }

  cancel(entry: number): void {
    this.cancelled[entry] = 1;
  }

  restate(entry: number, price: number, size: number): void {
    this.price[entry] = price;
    this.size[entry] = size;
  }

  basePriceOf(id: number): number {
    return this.basePrice[id]!;
  }

  baseSizeOf(id: number): number {
    return this.baseSize[id]!;
  }

  baseSessionOf(id: number): number {
    return this.baseSession[id]!;
  }

  /**
   * Forgets every remembered trade (a new trading day: yesterday's trades can no longer be withdrawn
   * from today's prices); the price each symbol stands at becomes its base.
   */
  forgetAll(): void {
    for (let id = 0; id < this.head.length; id++) {
      if (this.count[id] === 0) continue;
      const e = this.latestStanding(id);
      if (e >= 0) {
        this.basePrice[id] = this.price[e]!;
        this.baseSize[id] = this.size[e]!;
        this.baseSession[id] = this.session[e]!;
      }
      this.count[id] = 0;
      this.head[id] = 0;
      this.forgot[id] = 1;
    }
  }

  /** The slot of the i-th newest entry of symbol `id` (0 = newest). */
  private newest(id: number, i: number): number {
    const k = this.head[id]! - 1 - i;
    return k >= 0 ? k : k + this.depth;
  }
}
