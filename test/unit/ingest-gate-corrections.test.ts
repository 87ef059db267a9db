/**
 * TICK_CANCEL and TICK_CORRECTION through the gate into the engine: a withdrawn or restated trade that
 * set a constituent's last price moves it back (or to the corrected price) and the index with it; an
 * older one moves no price; every refusal has its code and changes nothing.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MarketEngine } from '../../server/engine/market-engine.ts';
import type { SymbolId } from '../../server/engine/ids.ts';
import { IngestGate, type ApplyResult } from '../../server/ingest/gate.ts';
import { IngestReason } from '../../server/ingest/reasons.ts';
import { defaultBasketPaths, loadBasketFile } from '../../server/market/basket-file.ts';
import type { Basket } from '../../server/market/basket-types.ts';
import { tickBuilders } from '../support/ticks.ts';

/** Monday 2 February 2026, 10:00 New York: the regular session. */
const NOW = Date.UTC(2026, 1, 2, 15, 0, 0);
const { trade, cancel, correct, quote } = tickBuilders(NOW - 1000);

let baskets: Basket[];
beforeAll(async () => {
  baskets = await Promise.all(defaultBasketPaths().map((p) => loadBasketFile(p)));
});

let market: MarketEngine;
let gate: IngestGate;
beforeEach(() => {
  market = new MarketEngine(baskets);
  gate = new IngestGate(market, { now: () => NOW });
});

const last = (symbol: string) => market.quote(market.symbolId(symbol)!).last;
const volume = (symbol: string) => market.quote(market.symbolId(symbol)!).volume;
const close = (symbol: string) => market.quote(market.symbolId(symbol)!).previousClose;
const level = () => market.index('miners')!.level;
const reasons = (r: ApplyResult) => r.rejected.map((x) => x.reason);

function engineState(m: MarketEngine): unknown {
  return {
    indexes: m.indexes.map((ix) => ix.state()),
    constituents: m.indexes.map((ix) => ix.activeSlots().map((s) => ix.constituent(s))),
    quotes: m.allSymbols().map((_, i) => m.quote(i as SymbolId)),
  };
}

describe('cancels and corrections', () => {
  it('a cancel of the latest trade restores the previous standing price, and the level it had then', () => {
    const p = close('IREN');
    gate.apply('pub', [trade('IREN', p * 1.01, { seq: 1 })]);
    const levelAfterFirst = level();
    gate.apply('pub', [trade('IREN', p * 1.03, { seq: 2 })]);
    expect(level()).toBeGreaterThan(levelAfterFirst);
    const result = gate.apply('pub', [cancel('IREN', 2, { seq: 3 })]);
    expect(result).toMatchObject({ accepted: 1, rejected: [] });
    expect(last('IREN')).toBe(p * 1.01);
    expect(level()).toBe(levelAfterFirst);
    expect(volume('IREN')).toBe(100);
    expect(market.verify().ok).toBe(true);
    expect(gate.drainCorrections()).toEqual([
      expect.objectContaining({ kind: 'cancel', symbol: 'IREN', publisherId: 'pub', originalSeq: 2, lastBefore: p * 1.03, lastAfter: p * 1.01, restated: true }),
    ]);
  });

  it('a cancel of the only trade goes back to the previous close; a trade and its cancel in one batch change nothing', () => {
    const before = level();
    gate.apply('pub', [trade('MARA', close('MARA') * 1.02, { seq: 5 })]);
    gate.apply('pub', [cancel('MARA', 5)]);
    expect(last('MARA')).toBe(close('MARA'));
    expect(level()).toBe(before);
    expect(gate.apply('pub', [trade('RIOT', close('RIOT') * 0.98, { seq: 1 }), cancel('RIOT', 1, { seq: 2 })])).toMatchObject({ accepted: 2 });
    expect(last('RIOT')).toBe(close('RIOT'));
    expect(level()).toBe(before);
  });

  it('a cancel or correction of an older trade moves no price (accepted, counted, volume adjusted)', () => {
    const p = close('IREN');
    gate.apply('a', [trade('IREN', p * 1.01, { seq: 1 })]);
    gate.apply('b', [trade('IREN', p * 1.02, { seq: 1 })]);
    const state = level();
    expect(gate.apply('a', [cancel('IREN', 1, { seq: 2 })])).toMatchObject({ accepted: 1, rejected: [] });
    expect(last('IREN')).toBe(p * 1.02);
    expect(level()).toBe(state);
    expect(volume('IREN')).toBe(100);
    expect(gate.cancels).toBe(1);
    expect(gate.restatedPrices).toBe(0);
    expect(gate.drainCorrections()[0]).toMatchObject({ restated: false, lastBefore: p * 1.02, lastAfter: p * 1.02 });
    // b's trade stands; cancelling it now goes back past a's cancelled one to the previous close.
    gate.apply('b', [cancel('IREN', 1, { seq: 2 })]);
    expect(last('IREN')).toBe(p);
  });

  it('a correction of the latest trade sets the corrected price; an older corrected trade is what a later cancel restores', () => {
    const p = close('WULF');
    gate.apply('pub', [trade('WULF', p * 1.01, { seq: 1 }), trade('WULF', p * 1.02, { seq: 2 })]);
    gate.apply('pub', [correct('WULF', 2, p * 1.04, { size: 250 })]);
    expect(last('WULF')).toBe(p * 1.04);
    expect(volume('WULF')).toBe(350);
    gate.apply('pub', [correct('WULF', 1, p * 0.99)]);
    expect(last('WULF')).toBe(p * 1.04);
    gate.apply('pub', [cancel('WULF', 2)]);
    expect(last('WULF')).toBe(p * 0.99);
    expect(market.verify().ok).toBe(true);
    const events = gate.drainCorrections();
    expect(events.map((e) => [e.kind, e.restated])).toEqual([
      ['correction', true],
      ['correction', false],
      ['cancel', true],
    ]);
  });

  it('refusals have their codes and change nothing', () => {
    const p = close('IREN');
    gate.apply('a', [trade('IREN', p * 1.01, { seq: 10 }), quote('IREN', p, p * 1.01, { seq: 11 })]);
    gate.apply('b', [trade('IREN', p * 1.02, { seq: 20 })]);
    gate.apply('a', [cancel('CORZ', 1), trade('CORZ', close('CORZ'), { seq: 1 }), cancel('CORZ', 1)]);
    const before = engineState(market);
    const r = gate.apply('a', [
      cancel('IREN', 99), // never sent
      cancel('IREN', 11), // a quote
      cancel('IREN', 20), // b's
      cancel('CORZ', 1), // already cancelled
      cancel('IREN', 0),
      cancel('IREN', 1.5),
      { symbol: 'IREN', kind: 'TICK_CANCEL', timeMs: NOW - 1000 },
      correct('IREN', 10, -1),
      correct('IREN', 10, p, { size: -5 }),
      cancel('IREN', 10, { seq: 3 }), // its own seq is out of order
      { symbol: 'IREN', kind: 6, timeMs: NOW - 1000 },
    ]);
    expect(reasons(r)).toEqual([
      IngestReason.UNKNOWN_ORIGINAL,
      IngestReason.UNKNOWN_ORIGINAL,
      IngestReason.ORIGINAL_OTHER_PUBLISHER,
      IngestReason.ORIGINAL_CANCELLED,
      IngestReason.BAD_ORIGINAL_SEQ,
      IngestReason.BAD_ORIGINAL_SEQ,
      IngestReason.BAD_ORIGINAL_SEQ,
      IngestReason.BAD_PRICE,
      IngestReason.BAD_SIZE,
      IngestReason.OUT_OF_ORDER_SEQ,
      IngestReason.BAD_KIND,
    ]);
    expect(r.accepted).toBe(0);
    expect(engineState(market)).toEqual(before);
    expect(r.rejected[2]!.detail).toMatch(/another publisher/);
  });

  it('too old: beyond the remembered trades, or from before the day was rolled', () => {
    const small = new IngestGate(market, { now: () => NOW, tradeMemory: 2 });
    const p = close('IREN');
    small.apply('pub', [trade('IREN', p, { seq: 1 }), trade('IREN', p * 1.01, { seq: 2 }), trade('IREN', p * 1.02, { seq: 3 })]);
    expect(reasons(small.apply('pub', [cancel('IREN', 1)]))).toEqual([IngestReason.ORIGINAL_TOO_OLD]);
    // The remembered ones can still be withdrawn, down to the price before them (trade 1's).
    small.apply('pub', [cancel('IREN', 3), cancel('IREN', 2)]);
    expect(last('IREN')).toBe(p);
    small.apply('pub', [trade('IREN', p * 1.01, { seq: 4 })]);
    small.forgetTrades();
    expect(reasons(small.apply('pub', [cancel('IREN', 4)]))).toEqual([IngestReason.ORIGINAL_TOO_OLD]);
    expect(last('IREN')).toBe(p * 1.01);
  });

  it('property: the last price is always the newest trade still standing (or the previous close)', () => {
    const symbols = ['IREN', 'MARA'];
    type Op = { type: 'trade'; pub: number; sym: number; move: number } | { type: 'cancel' | 'correct'; pick: number; move: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ type: fc.constant('trade' as const), pub: fc.integer({ min: 0, max: 1 }), sym: fc.integer({ min: 0, max: 1 }), move: fc.integer({ min: -40, max: 40 }) }),
      fc.record({ type: fc.constantFrom('cancel' as const, 'correct' as const), pick: fc.nat(), move: fc.integer({ min: -40, max: 40 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.integer({ min: 1, max: 8 }), (ops, depth) => {
        const m = new MarketEngine(baskets);
        const g = new IngestGate(m, { now: () => NOW, tradeMemory: depth });
        const trades: { pub: number; sym: number; seq: number; price: number; standing: boolean; order: number }[] = [];
        const seqs = [0, 0];
        for (const o of ops) {
          if (o.type === 'trade') {
            const price = Math.round(close(symbols[o.sym]!) * (1 + o.move / 1000) * 100) / 100;
            const seq = ++seqs[o.pub]!;
            expect(g.apply(`p${o.pub}`, [trade(symbols[o.sym]!, price, { seq })]).accepted).toBe(1);
            trades.push({ pub: o.pub, sym: o.sym, seq, price, standing: true, order: trades.length });
            continue;
          }
          if (trades.length === 0) continue;
          const t = trades[o.pick % trades.length]!;
          const sym = symbols[t.sym]!;
          const sameSymbol = trades.filter((x) => x.sym === t.sym);
          const remembered = sameSymbol.indexOf(t) >= sameSymbol.length - depth;
          const price = Math.round(close(sym) * (1 + o.move / 1000) * 100) / 100;
          const tick = o.type === 'cancel' ? cancel(sym, t.seq) : correct(sym, t.seq, price);
          const r = g.apply(`p${t.pub}`, [tick]);
          const expected = !remembered ? IngestReason.ORIGINAL_TOO_OLD : !t.standing ? IngestReason.ORIGINAL_CANCELLED : 0;
          expect(r.rejected.map((x) => x.reason)).toEqual(expected === 0 ? [] : [expected]);
          if (expected === 0) {
            if (o.type === 'cancel') t.standing = false;
            else t.price = price;
          }
        }
        for (let s = 0; s < symbols.length; s++) {
          const standing = trades.filter((x) => x.sym === s && x.standing);
          const want = standing.length > 0 ? standing[standing.length - 1]!.price : close(symbols[s]!);
          expect(m.quote(m.symbolId(symbols[s]!)!).last).toBe(want);
        }
        expect(m.verify().ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
