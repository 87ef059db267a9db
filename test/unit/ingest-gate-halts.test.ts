import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MarketEngine } from '../../server/engine/market-engine.ts';
import type { SymbolId } from '../../server/engine/ids.ts';
import { IngestGate, type ApplyResult } from '../../server/ingest/gate.ts';
import { decodeIngestBatch, encodeIngestBatch } from '../../server/tick/codec.ts';
import { IngestReason } from '../../server/ingest/reasons.ts';
import { loadBasketFile, defaultBasketPaths } from '../../server/market/basket-file.ts';
import type { Basket } from '../../server/market/basket-types.ts';
import { wire } from '../../proto/wire.ts';
import { tickBuilders } from '../support/ticks.ts';

/** Monday 2 February 2026, 10:00 New York: the regular session. */
const NOW = Date.UTC(2026, 1, 2, 15, 0, 0);

let baskets: Basket[];
beforeAll(async () => {
  baskets = await Promise.all(defaultBasketPaths().map((p) => loadBasketFile(p)));
});

let market: MarketEngine;
let gate: IngestGate;
let clock: number;
beforeEach(() => {
  market = new MarketEngine(baskets);
  clock = NOW;
  gate = new IngestGate(market, { now: () => clock });
});

const { trade, quote, halt, resume } = tickBuilders(NOW - 1000);

function id(symbol: string): SymbolId {
  return market.symbolId(symbol)!;
}
function reasons(result: ApplyResult): number[] {
  return result.rejected.map((r) => r.reason);
}
function indicative(index: string): boolean {
  return market.index(index)!.state().indicative;
}
function haltedFlag(index: string, symbol: string): boolean {
  const ix = market.index(index)!;
  const slot = ix.activeSlots().find((s) => ix.constituent(s).ticker === symbol)!;
  return ix.constituent(slot).halted;
}

describe('halts: TICK_HALT and TICK_RESUME', () => {
  it('the schema has the two kinds', () => {
    expect(wire.TickKind.TICK_HALT).toBe(2);
    expect(wire.TickKind.TICK_RESUME).toBe(3);
  });

  it('a halt flags the symbol in every index, which turns indicative; trades are refused, quotes accepted', () => {
    expect(gate.apply('pub', [trade('IREN', 50)]).accepted).toBe(1);
    expect([indicative('miners'), indicative('ai-hpc')]).toEqual([false, false]);
    market.drainDirtySymbols();

    expect(gate.apply('pub', [halt('IREN')])).toEqual({ accepted: 1, rejected: [], error: null });
    expect(gate.haltedSymbols()).toEqual(['IREN']);
    expect([indicative('miners'), indicative('ai-hpc')]).toEqual([true, true]);
    expect([haltedFlag('miners', 'IREN'), haltedFlag('ai-hpc', 'IREN')]).toEqual([true, true]);
    expect(market.drainDirtySymbols()).toEqual([id('IREN')]);

    const level = market.index('miners')!.state().level;
    const r = gate.apply('pub', [trade('IREN', 50.5), quote('IREN', 50.4, 50.6, { price: 51 }), trade('MARA', 16)]);
    expect(r.accepted).toBe(2);
    expect(reasons(r)).toEqual([IngestReason.HALTED]);
    expect(r.rejected[0]).toMatchObject({ index: 0, reasonName: 'HALTED', symbol: 'IREN', detail: 'IREN is halted: trades are refused until a TICK_RESUME' });
    expect(market.quote(id('IREN'))).toMatchObject({ last: 50, bid: 50.4, ask: 50.6 });
    // Only MARA moved the index.
    const reference = new MarketEngine(baskets);
    new IngestGate(reference, { now: () => NOW }).apply('pub', [trade('IREN', 50), trade('MARA', 16)]);
    expect(market.index('miners')!.state().level).toBe(reference.index('miners')!.state().level);
    expect(market.index('miners')!.state().level).not.toBe(level);
    expect(gate.rejectCount(IngestReason.HALTED)).toBe(1);
  });

  it('a resume lifts the halt and the indicative flag', () => {
    gate.apply('pub', [halt('IREN'), halt('MARA')]);
    expect(gate.haltedSymbols()).toEqual(['IREN', 'MARA']);
    expect(gate.apply('pub', [resume('IREN')]).accepted).toBe(1);
    expect(gate.haltedSymbols()).toEqual(['MARA']);
    expect(indicative('ai-hpc')).toBe(false); // MARA is not in ai-hpc
    expect(indicative('miners')).toBe(true);
    expect(gate.apply('pub', [resume('MARA')]).accepted).toBe(1);
    expect(indicative('miners')).toBe(false);
    expect(gate.apply('pub', [trade('IREN', 49), trade('MARA', 16)]).accepted).toBe(2);
  });

  it('applies halts and resumes in batch order, between the trades around them', () => {
    const r = gate.apply('pub', [trade('IREN', 49), halt('IREN'), trade('IREN', 50), resume('IREN'), trade('IREN', 51)]);
    expect(r.accepted).toBe(4);
    expect(r.rejected.map((x) => [x.index, x.reason])).toEqual([[2, IngestReason.HALTED]]);
    expect(market.quote(id('IREN')).last).toBe(51);
    expect(market.quote(id('IREN')).volume).toBe(200);
    expect(gate.haltedSymbols()).toEqual([]);
  });

  it('the first trade after a resume restarts the band reference (LULD reopening)', () => {
    expect(reasons(gate.apply('pub', [trade('IREN', 60)]))).toEqual([IngestReason.PRICE_BAND]);
    gate.apply('pub', [halt('IREN'), resume('IREN')]);
    expect(gate.priceBand('IREN')!.unanchored).toBe(true);
    // Reopens 24% above the close: accepted, and now the reference.
    expect(gate.apply('pub', [trade('IREN', 60)]).accepted).toBe(1);
    expect(gate.priceBand('IREN')).toMatchObject({ reference: 60, unanchored: false });
    expect(reasons(gate.apply('pub', [trade('IREN', 48.45)]))).toEqual([IngestReason.PRICE_BAND]);
    expect(gate.apply('pub', [trade('IREN', 55)]).accepted).toBe(1);
  });

  it('a refused first trade after a resume does not use up the reopening', () => {
    gate.apply('pub', [halt('IREN'), resume('IREN'), trade('IREN', 60, { seq: 4 })]);
    expect(gate.priceBand('IREN')!.reference).toBe(60);
    gate.apply('pub', [halt('IREN'), resume('IREN')]);
    expect(reasons(gate.apply('pub', [trade('IREN', 70, { seq: 4 })]))).toEqual([IngestReason.DUPLICATE_SEQ]);
    expect(gate.priceBand('IREN')!.unanchored).toBe(true);
    expect(gate.apply('pub', [trade('IREN', 70, { seq: 5 })]).accepted).toBe(1);
  });

  it('halting a halted symbol and resuming a trading one change nothing (and do not restart the band)', () => {
    gate.apply('pub', [halt('IREN')]);
    market.drainDirtySymbols();
    expect(gate.apply('pub', [halt('IREN')]).accepted).toBe(1);
    expect(market.drainDirtySymbols()).toEqual([]);
    expect(gate.apply('pub', [resume('MARA')]).accepted).toBe(1);
    expect(market.drainDirtySymbols()).toEqual([]);
    expect(gate.priceBand('MARA')!.unanchored).toBe(false);
    expect(reasons(gate.apply('pub', [trade('MARA', 25)]))).toEqual([IngestReason.PRICE_BAND]);
    expect(gate.haltedSymbols()).toEqual(['IREN']);
  });

  it('refuses a malformed halt with the usual reasons, and changes nothing', () => {
    const r = gate.apply('pub', [
      halt('AAPL'),
      resume('XYZ'),
      halt('iren'),
      halt('IREN', { timeMs: 0 }),
      halt('IREN', { timeMs: NOW + 60_000 }),
      halt('IREN', { seq: 'x' }),
      { symbol: 'IREN', kind: 'TICK_PAUSE', timeMs: NOW },
    ]);
    expect(r.accepted).toBe(0);
    expect(reasons(r)).toEqual([
      IngestReason.UNKNOWN_SYMBOL,
      IngestReason.UNKNOWN_SYMBOL,
      IngestReason.BAD_SYMBOL,
      IngestReason.BAD_TIMESTAMP,
      IngestReason.FUTURE_TIMESTAMP,
      IngestReason.BAD_SEQ,
      IngestReason.BAD_KIND,
    ]);
    expect(r.rejected.at(-1)!.detail).toContain('TICK_HALT (2), TICK_RESUME (3), TICK_CANCEL (4) or TICK_CORRECTION (5)');
    expect(gate.haltedSymbols()).toEqual([]);
    expect(indicative('miners')).toBe(false);
  });

  it('sequences halts like any tick: a duplicate or older seq is refused', () => {
    expect(gate.apply('pub', [halt('IREN', { seq: 10 })]).accepted).toBe(1);
    expect(reasons(gate.apply('pub', [resume('IREN', { seq: 10 })]))).toEqual([IngestReason.DUPLICATE_SEQ]);
    expect(reasons(gate.apply('pub', [resume('IREN', { seq: 9 })]))).toEqual([IngestReason.OUT_OF_ORDER_SEQ]);
    expect(gate.haltedSymbols()).toEqual(['IREN']);
    expect(gate.apply('pub', [resume('IREN', { seq: 11 })]).accepted).toBe(1);
    expect(gate.lastSeq('pub', 'IREN')).toBe(11);
  });

  it('reads only symbol, time and seq: other fields of a halt are ignored', () => {
    const r = gate.apply('pub', [halt('IREN', { price: -5, size: 'x', bid: NaN, ask: 1, bidSize: -1 })]);
    expect(r.accepted).toBe(1);
    expect(market.quote(id('IREN'))).toMatchObject({ last: 48.45, volume: 0 });
  });

  it('accepts the JSON enum names and the protobuf encoding', () => {
    expect(gate.apply('pub', [{ symbol: 'IREN', kind: 'TICK_HALT', timeMs: NOW }]).accepted).toBe(1);
    expect(gate.haltedSymbols()).toEqual(['IREN']);
    expect(gate.apply('pub', [{ symbol: 'IREN', kind: 'TICK_RESUME', timeMs: NOW }]).accepted).toBe(1);
    const bytes = encodeIngestBatch({ batchId: 1, ticks: [{ symbol: 'HUT', kind: wire.TickKind.TICK_HALT, timeMs: NOW, seq: 1 }] }, 'proto');
    const batch = decodeIngestBatch(bytes, 'proto');
    expect(gate.apply('pub', batch.ticks ?? []).accepted).toBe(1);
    expect(gate.haltedSymbols()).toEqual(['HUT']);
  });
});
