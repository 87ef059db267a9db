/**
 * Deterministic trades for the open-loop publisher: a seeded random walk in whole cents per
 * constituent, starting from the prices in the channel's snapshot. Every tick moves its symbol's
 * price by 1–3 cents (never 0), so every batch changes the index and produces exactly one delta.
 * Ticks carry seq 0 ("not sequenced"), so runs can repeat against a long-lived server without
 * DUPLICATE_SEQ rejections, and `timeMs` = the publisher's clock at send, which the server passes
 * through as the delta's eventTimeMs: publish → receive latency.
 */
import type { hashcap } from '../../proto/wire.ts';
import { Prng } from './prng.ts';

export interface SymbolPrice {
  readonly symbol: string;
  readonly price: number;
}

export class TickSource {
  private readonly symbols: string[];
  private readonly cents: Int32Array;
  private readonly floor: Int32Array;
  private readonly rng: Prng;

  constructor(start: readonly SymbolPrice[], seed: number) {
    if (start.length === 0) throw new Error('TickSource needs at least one symbol');
    this.symbols = start.map((s) => s.symbol);
    this.cents = Int32Array.from(start.map((s) => Math.max(100, Math.round(s.price * 100))));
    // Keep every walk within ±50% of where it started: prices stay plausible for any run length.
    this.floor = Int32Array.from(this.cents, (c) => Math.max(50, Math.round(c * 0.5)));
    this.rng = new Prng(seed);
  }

  next(count: number, timeMs: number): hashcap.v1.ITick[] {
    const ticks: hashcap.v1.ITick[] = [];
    for (let i = 0; i < count; i++) {
      const k = this.rng.below(this.symbols.length);
      const step = 1 + this.rng.below(3);
      let c = this.cents[k]!;
      const down = this.rng.next() < 0.5;
      c = down ? c - step : c + step;
      if (c < this.floor[k]! || c > this.floor[k]! * 3) c = down ? c + 2 * step : c - 2 * step;
      this.cents[k] = c;
      ticks.push({ symbol: this.symbols[k]!, kind: 0, price: c / 100, size: 100 * (1 + this.rng.below(5)), timeMs, seq: 0 });
    }
    return ticks;
  }
}

/** The constituents and last prices of an index snapshot. */
export function pricesFromSnapshot(snapshot: hashcap.v1.ISnapshot | null): SymbolPrice[] {
  const constituents = snapshot?.state?.index?.constituents ?? [];
  return constituents
    .filter((c) => typeof c.ticker === 'string' && c.ticker !== '' && !c.halted)
    .map((c) => ({ symbol: c.ticker!, price: Number(c.last ?? c.previousClose ?? 10) || 10 }));
}
