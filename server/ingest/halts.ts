/**
 * Trading halts, as publishers report them with TICK_HALT / TICK_RESUME ticks.
 *
 * A halted symbol is flagged in every index that holds it (`MarketEngine.setHalted`, which marks those
 * indexes `indicative`; the feed publishes the flag on the index and status channels). While it is
 * halted the gate refuses its trades (HALTED) and still accepts its quotes, which do not move an index.
 * A halt of a halted symbol and a resume of a trading one change nothing.
 */
import type { MarketEngine } from '../engine/market-engine.ts';
import type { SymbolId } from '../engine/ids.ts';

export class HaltBook {
  private readonly market: MarketEngine;
  private readonly halted: Uint8Array;
  private haltedCount: number;

  constructor(market: MarketEngine) {
    this.market = market;
    this.halted = new Uint8Array(market.symbolCount);
    this.haltedCount = 0;
  }

  isHalted(id: number): boolean {
    return this.halted[id] === 1;
  }

  /** Halts a symbol; true when it was trading. */
  halt(id: number): boolean {
    if (this.halted[id] === 1) return false;
    this.halted[id] = 1;
    this.haltedCount++;
    this.market.setHalted(id as SymbolId, true);
    return true;
  }

  /** Lifts a halt; true when the symbol was halted. */
  resume(id: number): boolean {
    if (this.halted[id] !== 1) return false;
    this.halted[id] = 0;
    this.haltedCount--;
    this.market.setHalted(id as SymbolId, false);
    return true;
  }

  get size(): number {
    return this.haltedCount;
  }

  /** The halted symbols, in symbol-id (basket) order. */
  haltedSymbols(): string[] {
    const out: string[] = [];
    if (this.haltedCount === 0) return out;
    const symbols = this.market.allSymbols();
    for (let id = 0; id < symbols.length; id++) if (this.halted[id] === 1) out.push(symbols[id]!);
    return out;
  }
}
