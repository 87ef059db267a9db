/**
 * Staleness: a symbol that has had no accepted trade for `staleAfterMs` (default 60 s) of the regular
 * session is flagged stale in every index that holds it (`MarketEngine.setStale`, which marks those
 * indexes `indicative`; the feed publishes the flag).
 *
 * - Silence is counted from the later of the symbol's last accepted trade and the regular open, so at
 *   09:30 every symbol gets `staleAfterMs` to print before it is flagged.
 * - Outside the regular session nothing is stale (thin pre- and post-market trading is normal), and a
 *   sweep there clears every flag.
 * - A halted symbol is not stale (the halt explains the silence); after a resume its silence is
 *   counted from the resume.
 * - A new trade clears the flag at the next sweep.
 *
 * Times are the server's market clock (the gate's `now`): a trade counts when the gate accepted it,
 * whatever its exchange time_ms, so a late-reported print still shows the symbol is alive and a
 * publisher's clock skew cannot make a symbol look stale.
 *
 * Cost: the gate stores the batch's clock reading into `lastTradeMs[id]` for each accepted trade (one
 * store); `sweep` is O(symbols) and allocates nothing unless the New York day changed since the last
 * sweep. A timer calls it (e.g. every second).
 */
import type { MarketEngine } from '../engine/market-engine.ts';
import type { SymbolId } from '../engine/ids.ts';
import { dayBoundaries } from '../market/sessions.ts';

export const DEFAULT_STALE_AFTER_MS = 60_000;

export interface HaltState {
  isHalted(id: number): boolean;
}

export class StalenessMonitor {
  readonly staleAfterMs: number;
  /**
   * Market-clock time at which each symbol's last trade was accepted (0 = none yet), written by the
   * gate. A resume writes it too, so silence restarts from there.
   */
  readonly lastTradeMs: Float64Array;

  private readonly market: MarketEngine;
  private readonly halts: HaltState;
  private readonly stale: Uint8Array;
  private staleCount: number;
  // The New York day of the last sweep: [dayStartMs, dayEndMs), and its regular session.
  private dayStartMs: number;
  private dayEndMs: number;
  private regularOpenMs: number;
  private regularCloseMs: number;

  constructor(market: MarketEngine, halts: HaltState, staleAfterMs: number = DEFAULT_STALE_AFTER_MS) {
    if (typeof staleAfterMs !== 'number' || !(staleAfterMs > 0) || !Number.isFinite(staleAfterMs)) {
      throw new RangeError(`staleAfterMs must be a finite number > 0, got ${String(staleAfterMs)}`);
    }
    this.staleAfterMs = staleAfterMs;
    this.market = market;
    this.halts = halts;
    this.lastTradeMs = new Float64Array(market.symbolCount);
    this.stale = new Uint8Array(market.symbolCount);
    this.staleCount = 0;
    this.dayStartMs = NaN;
    this.dayEndMs = NaN;
    this.regularOpenMs = NaN;
    this.regularCloseMs = NaN;
  }

  /**
   * Flags and unflags symbols as of market time `nowMs`; returns how many are stale. A time that is not
   * a finite epoch time is ignored (a timer must not throw), and the flags stay as they were.
   */
  sweep(nowMs: number): number {
    if (typeof nowMs !== 'number' || !(Math.abs(nowMs) <= 8.64e15)) return this.staleCount;
    if (!(nowMs >= this.dayStartMs && nowMs < this.dayEndMs)) {
      const day = dayBoundaries(nowMs);
      this.dayStartMs = day.dayStartMs;
      this.dayEndMs = day.dayEndMs;
      this.regularOpenMs = day.regularOpenMs;
      this.regularCloseMs = day.regularCloseMs;
    }
    const regular = nowMs >= this.regularOpenMs && nowMs < this.regularCloseMs;
    const n = this.stale.length;
    if (!regular) {
      if (this.staleCount > 0) for (let id = 0; id < n; id++) this.set(id, false);
      return 0;
    }
    const open = this.regularOpenMs;
    const limit = this.staleAfterMs;
    const last = this.lastTradeMs;
    for (let id = 0; id < n; id++) {
      const since = last[id]! > open ? last[id]! : open;
      this.set(id, nowMs - since >= limit && !this.halts.isHalted(id));
    }
    return this.staleCount;
  }

  /** Unflags a symbol now (it was halted: the halt flag explains it). */
  clear(id: number): void {
    this.set(id, false);
  }

  isStale(id: number): boolean {
    return this.stale[id] === 1;
  }

  get size(): number {
    return this.staleCount;
  }

  /** The stale symbols, in symbol-id (basket) order. */
  staleSymbols(): string[] {
    const out: string[] = [];
    if (this.staleCount === 0) return out;
    const symbols = this.market.allSymbols();
    for (let id = 0; id < symbols.length; id++) if (this.stale[id] === 1) out.push(symbols[id]!);
    return out;
  }

  private set(id: number, stale: boolean): void {
    const v = stale ? 1 : 0;
    if (this.stale[id] === v) return;
    this.stale[id] = v;
    this.staleCount += stale ? 1 : -1;
    this.market.setStale(id as SymbolId, stale);
  }
}
