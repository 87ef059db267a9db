import type { Basket } from '../market/basket-types.ts';
import type { Session } from '../market/session-types.ts';
import { HashcapError, HashcapErrorCode } from '../errors.ts';
import { DirtySet } from './dirty-set.ts';
import type { Slot, SymbolId } from './ids.ts';
import { IndexEngine, type IndexEngineOptions } from './index-engine.ts';
import { tradeColumns, type TradeColumns } from './trade-columns.ts';

export interface QuoteState {
  readonly symbol: string;
  readonly last: number;
  readonly lastSize: number;
  readonly bid: number;
  readonly ask: number;
  readonly bidSize: number;
  readonly askSize: number;
  /** Shares traded since the engine started or the day rolled. */
  readonly volume: number;
  readonly previousClose: number;
  readonly session: Session;
  /** Epoch ms of the last trade or quote update, 0 before any. */
  readonly timeMs: number;
}

/**
 * Where one index's prints come from: its slot for each symbol id (-1 if not a member), and reusable
 * columns into which a batch's member prints are compacted.
 */
interface Route {
  readonly index: IndexEngine;
  slotOfSymbol: Int32Array;
  /** True while symbol id === slot for every member, so batches pass through without a copy. */
  identity: boolean;
  slots: Int32Array;
  columns: TradeColumns;
}

/**
 * The universe of symbols across every loaded index. Symbol ids are given in basket order, so the first
 * index's slots equal the symbol ids and a batch passes to it untouched; other indexes receive a
 * compacted copy holding only their members' prints. Per-symbol top of book (bid/ask, sizes, volume)
 * is carried here for display; the index uses trades only.
 */
export class MarketEngine {
  readonly indexes: readonly IndexEngine[];
  private readonly routes: Route[];
  private readonly symbols: string[];
  private readonly idBySymbol: Map<string, SymbolId>;

  private readonly last: Float64Array;
  private readonly lastSize: Float64Array;
  private readonly bid: Float64Array;
  private readonly ask: Float64Array;
  private readonly bidSize: Float64Array;
  private readonly askSize: Float64Array;
  private readonly volume: Float64Array;
  private readonly previousClose: Float64Array;
  private readonly session: Uint8Array;
  private readonly time: Float64Array;
  private readonly dirty: DirtySet;
  private readonly scratch: TradeColumns;
  private readonly scratchIds: Int32Array;

  constructor(baskets: readonly Basket[], options: IndexEngineOptions = {}) {
    if (baskets.length === 0) throw new HashcapError(HashcapErrorCode.ENGINE_NO_INDEX, 'at least one basket is required');
    const ids = new Set<string>();
    for (const b of baskets) {
      if (ids.has(b.id)) throw new HashcapError(HashcapErrorCode.ENGINE_DUPLICATE, `two baskets have the id ${b.id}`);
      ids.add(b.id);
    }
    this.indexes = baskets.map((b) => new IndexEngine(b, options));
    this.symbols = [];
    this.idBySymbol = new Map();
    const firstClose: number[] = [];
    for (const b of baskets) {
      for (const c of b.constituents) {
        if (!this.idBySymbol.has(c.ticker)) {
          this.idBySymbol.set(c.ticker, this.symbols.length as SymbolId);
          this.symbols.push(c.ticker);
          firstClose.push(c.previousClose);
        }
      }
    }
    const n = this.symbols.length;
    this.routes = this.indexes.map((index) => ({
      index,
      slotOfSymbol: new Int32Array(n),
      identity: false,
      slots: new Int32Array(0),
      columns: tradeColumns(0),
    }));
    this.rebuildMembership();

    this.last = Float64Array.from(firstClose);
    this.lastSize = new Float64Array(n);
    this.bid = new Float64Array(n).fill(Number.NaN);
    this.ask = new Float64Array(n).fill(Number.NaN);
    this.bidSize = new Float64Array(n);
    this.askSize = new Float64Array(n);
    this.volume = new Float64Array(n);
    this.previousClose = Float64Array.from(firstClose);
    this.session = new Uint8Array(n);
    this.time = new Float64Array(n);
    this.dirty = new DirtySet(n);
    this.scratch = tradeColumns(1);
    this.scratchIds = new Int32Array(1);
  }

  get symbolCount(): number {
    return this.symbols.length;
  }

  symbolId(symbol: string): SymbolId | undefined {
    return this.idBySymbol.get(symbol);
  }

  symbolName(id: SymbolId): string {
    return this.symbols[id]!;
  }

  allSymbols(): readonly string[] {
    return this.symbols;
  }

  index(id: string): IndexEngine | undefined {
    return this.indexes.find((ix) => ix.id === id);
  }

  /** One trade print (convenience; the ingest path uses `applyTrades`). */
  applyTrade(id: SymbolId, price: number, size: number, timeMs: number, session: Session): void {
    const one = this.scratch;
    one.prices[0] = price;
    one.sizes[0] = size;
    one.times[0] = timeMs;
    one.sessions[0] = session;
    this.scratchIds[0] = id;
    this.applyTrades(this.scratchIds, one, 0, 1);
  }

  /**
   * Prints `start..end-1` of a columnar batch whose `ids` column holds symbol ids: updates each symbol's
   * state, then hands the batch to every index. No allocation once the route buffers fit the batch size.
   */
  applyTrades(ids: Int32Array, columns: TradeColumns, start: number, end: number): void {
    const { prices, sizes, times, sessions } = columns;
    const last = this.last;
    const lastSize = this.lastSize;
    const volume = this.volume;
    const session = this.session;
    const time = this.time;
    const dirty = this.dirty;
    for (let k = start; k < end; k++) {
      const id = ids[k]!;
      last[id] = prices[k]!;
      lastSize[id] = sizes[k]!;
      volume[id] = volume[id]! + sizes[k]!;
      session[id] = sessions[k]!;
      time[id] = times[k]!;
      dirty.mark(id);
    }
    this.routeToIndexes(ids, columns, start, end);
  }

  /**
   * A trade withdrawn or restated by its publisher (a cancel or a correction) that had set the last
   * price: the last price goes to `price` (the trade that now stands, or the corrected one) and every
   * index takes it as it takes a print at `timeMs`, so the level, change, weights and bars follow. Unlike
   * a print it adds no size to the volume: the volume moves by `volumeDelta` (minus a cancelled size, or
   * a correction's size difference).
   */
  restateLast(id: SymbolId, price: number, size: number, volumeDelta: number, timeMs: number, session: Session): void {
    this.adjustVolume(id, volumeDelta);
    const one = this.scratch;
    one.prices[0] = price;
    one.sizes[0] = size;
    one.times[0] = timeMs;
    one.sessions[0] = session;
    this.scratchIds[0] = id;
    this.last[id] = price;
    this.lastSize[id] = size;
    this.session[id] = session;
    this.time[id] = timeMs;
    this.dirty.mark(id);
    this.routeToIndexes(this.scratchIds, one, 0, 1);
  }

  /** A cancelled or corrected trade that did not set the last price changes only the volume. */
  adjustVolume(id: SymbolId, volumeDelta: number): void {
    if (volumeDelta === 0) return;
    this.volume[id] = Math.max(0, this.volume[id]! + volumeDelta);
    this.dirty.mark(id);
  }

  private routeToIndexes(ids: Int32Array, columns: TradeColumns, start: number, end: number): void {
    for (const route of this.routes) {
      if (route.identity) route.index.applyTrades(ids, columns, start, end);
      else this.routeCompacted(route, ids, columns, start, end);
    }
  }

  private routeCompacted(route: Route, ids: Int32Array, columns: TradeColumns, start: number, end: number): void {
    if (route.slots.length < end - start) {
      route.slots = new Int32Array(end - start);
      route.columns = tradeColumns(end - start);
    }
    const map = route.slotOfSymbol;
    const out = route.columns;
    const slots = route.slots;
    let m = 0;
    for (let k = start; k < end; k++) {
      const slot = map[ids[k]!]!;
      if (slot < 0) continue;
      slots[m] = slot;
      out.prices[m] = columns.prices[k]!;
      out.sizes[m] = columns.sizes[k]!;
      out.times[m] = columns.times[k]!;
      out.sessions[m] = columns.sessions[k]!;
      m++;
    }
    if (m > 0) route.index.applyTrades(slots, out, 0, m);
  }

  /** A top-of-book update: carried for display, does not move the index. */
  applyQuote(id: SymbolId, bid: number, ask: number, bidSize: number, askSize: number, timeMs: number): void {
    this.bid[id] = bid;
    this.ask[id] = ask;
    this.bidSize[id] = bidSize;
    this.askSize[id] = askSize;
    this.time[id] = timeMs;
    this.dirty.mark(id);
  }

  /** A company's new share count applies to every index that holds it. */
  setShares(id: SymbolId, shares: number, timeMs: number): void {
    this.forEachMembership(id, (index, slot) => index.setShares(slot, shares, timeMs));
  }

  setHalted(id: SymbolId, halted: boolean): void {
    this.forEachMembership(id, (index, slot) => index.setHalted(slot, halted));
    this.dirty.mark(id);
  }

  setStale(id: SymbolId, stale: boolean): void {
    this.forEachMembership(id, (index, slot) => index.setStale(slot, stale));
    this.dirty.mark(id);
  }

  /** Starts a new trading day in every index; per-symbol previous close follows the symbol's first index. */
  rollDay(): void {
    for (const ix of this.indexes) ix.rollDay();
    for (let id = 0; id < this.symbols.length; id++) {
      this.volume[id] = 0;
      const route = this.routes.find((r) => r.slotOfSymbol[id]! >= 0);
      if (route) this.previousClose[id] = route.index.constituent(route.slotOfSymbol[id]! as Slot).previousClose;
      this.dirty.mark(id);
    }
  }

  /** Call after adding or removing constituents of an index, so routing follows. */
  rebuildMembership(): void {
    for (const route of this.routes) {
      route.slotOfSymbol.fill(-1);
      let identity = true;
      for (const slot of route.index.activeSlots()) {
        const id = this.idBySymbol.get(route.index.constituent(slot).ticker);
        if (id === undefined) {
          throw new HashcapError(HashcapErrorCode.ENGINE_SYMBOL, `${route.index.constituent(slot).ticker} is not in the universe`);
        }
        route.slotOfSymbol[id] = slot;
        if ((id as number) !== (slot as number)) identity = false;
      }
      // Identity also needs every symbol in a batch to be a member.
      route.identity = identity && route.index.size === this.symbols.length;
    }
  }

  quote(id: SymbolId): QuoteState {
    return {
      symbol: this.symbols[id]!,
      last: this.last[id]!,
      lastSize: this.lastSize[id]!,
      bid: this.bid[id]!,
      ask: this.ask[id]!,
      bidSize: this.bidSize[id]!,
      askSize: this.askSize[id]!,
      volume: this.volume[id]!,
      previousClose: this.previousClose[id]!,
      session: this.session[id]! as Session,
      timeMs: this.time[id]!,
    };
  }

  /** Symbols whose quote changed since the last drain. */
  drainDirtySymbols(): SymbolId[] {
    return this.dirty.drain() as SymbolId[];
  }

  /** Checks every index's running sums against a full recompute. */
  verify(): { ok: boolean; failures: string[] } {
    const failures: string[] = [];
    for (const ix of this.indexes) {
      const r = ix.verify();
      if (!r.ok) failures.push(`${ix.id}: ${JSON.stringify(r)}`);
    }
    return { ok: failures.length === 0, failures };
  }

  private forEachMembership(id: SymbolId, fn: (index: IndexEngine, slot: Slot) => void): void {
    for (const route of this.routes) {
      const slot = route.slotOfSymbol[id]!;
      if (slot >= 0) fn(route.index, slot as Slot);
    }
  }
}
