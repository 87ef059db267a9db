import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wire, type hashcap } from '../../proto/wire.ts';
import { MarketEngine } from '../../server/engine/market-engine.ts';
import type { SymbolId } from '../../server/engine/ids.ts';
import { IngestGate, type ApplyResult } from '../../server/ingest/gate.ts';
import { IngestPipeline, type BatchListener } from '../../server/ingest/pipeline.ts';
import { loadBasketFile, defaultBasketPaths } from '../../server/market/basket-file.ts';
import type { Basket } from '../../server/market/basket-types.ts';
import { WireDecoder } from '../../server/tick/wire-decoder.ts';
import { canonicalTick, type Tick } from '../../server/tick/tick.ts';
import { TickColumns } from '../../server/tick/tick-columns.ts';
import { captureImage, restoreImage } from '../../server/durability/state-image.ts';

/** Monday 2 February 2026, 10:00 New York: the regular session. */
const NOW = Date.UTC(2026, 1, 2, 15, 0, 0);

let baskets: Basket[];
beforeAll(async () => {
  baskets = await Promise.all(defaultBasketPaths().map((p) => loadBasketFile(p)));
});

/** Everything observable about the engine and the gate, for comparing two of them. */
function state(market: MarketEngine, gate: IngestGate, publishers: readonly string[]): unknown {
  return {
    indexes: market.indexes.map((ix) => ix.state()),
    constituents: market.indexes.map((ix) => ix.activeSlots().map((s) => ix.constituent(s))),
    quotes: market.allSymbols().map((_, i) => market.quote(i as SymbolId)),
    seqs: publishers.map((p) => market.allSymbols().map((s) => gate.lastSeq(p, s))),
    halted: gate.haltedSymbols(),
    bands: market.allSymbols().map((s) => gate.priceBand(s, NOW)),
    counts: [gate.accepted, gate.rejected, gate.cancels, gate.corrections, gate.restatedPrices, gate.rejectCounts()],
    dirty: market.drainDirtySymbols(),
  };
}

function world(): { market: MarketEngine; gate: IngestGate } {
  const market = new MarketEngine(baskets);
  return { market, gate: new IngestGate(market, { now: () => NOW }) };
}

/**
 * Ticks of every shape the wire can carry, mostly plausible (so trades get past the band and seqs
 * and originals line up often) and often not: unknown, malformed, long and non-ASCII symbols; kind
 * numbers outside the enum; NaN, ±Infinity, -0, 0 and out-of-band prices; times at 0 or in the future;
 * seqs repeated, out of order or beyond 2^53; conditions.
 */
function tickArb(symbols: readonly string[], closes: readonly number[]): fc.Arbitrary<hashcap.v1.ITick> {
  const symbolIndex = fc.nat(symbols.length - 1);
  const symbol = fc.oneof(
    { weight: 12, arbitrary: symbolIndex.map((i) => symbols[i]!) },
    { weight: 1, arbitrary: fc.constantFrom('NOPE', 'bad sym', '', 'ÄBC', 'X'.repeat(40), 'ZZZZZZZZZZZ', 'IREN\u0000') },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  const odd = fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0, -1, 1e-9, 1e13);
  const factor = fc.oneof({ weight: 8, arbitrary: fc.double({ min: 0.97, max: 1.03, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(0.5, 2, 10) });
  const kind = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(0, 0, 0, 1, 1, 2, 3, 4, 5) }, { weight: 1, arbitrary: fc.constantFrom(6, 7, -1, 1000) });
  const time = fc.oneof({ weight: 12, arbitrary: fc.integer({ min: NOW - 60_000, max: NOW }) }, { weight: 1, arbitrary: fc.constantFrom(0, -5, NOW + 3_600_000, 9e15, Number.NaN) });
  const seq = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 40 }) }, { weight: 1, arbitrary: fc.constantFrom(2 ** 53 + 2, 2 ** 60) });
  return fc
    .record({
      s: symbolIndex,
      symbol,
      kind,
      factor,
      price: fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: odd }),
      size: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 10_000 }) }, { weight: 1, arbitrary: odd }),
      spread: fc.double({ min: -0.01, max: 0.02, noNaN: true }),
      quoteOdd: fc.oneof({ weight: 10, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: odd }),
      time,
      seq,
      originalSeq: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant(2 ** 54)),
      conditions: fc.oneof({ weight: 6, arbitrary: fc.constant([] as string[]) }, { weight: 1, arbitrary: fc.array(fc.constantFrom('T', 'Z', '@', 'é'), { maxLength: 2 }) }),
    })
    .map((r) => {
      const close = closes[symbols.indexOf(r.symbol)] ?? closes[r.s]!;
      const price = r.price ?? Math.round(close * r.factor * 100) / 100;
      const bid = r.quoteOdd ?? Math.round(close * 100) / 100;
      return {
        symbol: r.symbol,
        kind: r.kind as hashcap.v1.TickKind,
        price,
        size: r.size,
        bid,
        ask: Math.round((bid + close * r.spread) * 100) / 100,
        bidSize: 300,
        askSize: r.quoteOdd === undefined ? 200 : r.quoteOdd,
        timeMs: r.time,
        seq: r.seq,
        originalSeq: r.originalSeq,
        conditions: r.conditions,
      };
    });
}

describe('decoding straight into columns', () => {
  it('property: bytes → columns → gate gives the same results, rejections and state as Tick objects → gate', () => {
    const symbols = world().market.allSymbols();
    const closes = symbols.map((_, i) => world().market.quote(i as SymbolId).previousClose);
    const batch = fc.array(tickArb(symbols, closes), { minLength: 0, maxLength: 40 });
    const publisher = fc.constantFrom('pub-a', 'pub-b');
    fc.assert(
      fc.property(fc.array(fc.tuple(publisher, batch), { minLength: 1, maxLength: 5 }), (batches) => {
        const byTicks = world();
        const byColumns = world();
        const decoder = new WireDecoder();
        for (const [pub, ticks] of batches) {
          const bytes = wire.IngestBatch.encode({ batchId: 1, ticks }).finish();
          const objects = decoder.ingestBatch(bytes).ticks;
          const expected = byTicks.gate.apply(pub, objects);
          decoder.ingestBatchInto(bytes, byColumns.gate.input);
          const got = byColumns.gate.applyInput(pub);
          expect(got).toEqual(expected);
          expect(byColumns.gate.drainCorrections()).toEqual(byTicks.gate.drainCorrections());
          // The columns give listeners back the ticks that were sent.
          expect(byColumns.gate.input.toTicks()).toEqual(objects);
        }
        expect(state(byColumns.market, byColumns.gate, ['pub-a', 'pub-b'])).toEqual(state(byTicks.market, byTicks.gate, ['pub-a', 'pub-b']));
      }),
      { numRuns: 150 },
    );
  });

  it('property: the generated decoder\'s objects (fields absent, defaults on the prototype) go through the same checks', () => {
    const symbols = world().market.allSymbols();
    const closes = symbols.map((_, i) => world().market.quote(i as SymbolId).previousClose);
    fc.assert(
      fc.property(fc.array(tickArb(symbols, closes), { maxLength: 40 }), (ticks) => {
        const byObjects = world();
        const byColumns = world();
        const bytes = wire.IngestBatch.encode({ ticks }).finish();
        const expected: ApplyResult = byObjects.gate.apply('p', wire.IngestBatch.decode(bytes).ticks);
        new WireDecoder().ingestBatchInto(bytes, byColumns.gate.input);
        expect(byColumns.gate.applyInput('p')).toEqual(expected);
        expect(state(byColumns.market, byColumns.gate, ['p'])).toEqual(state(byObjects.market, byObjects.gate, ['p']));
      }),
      { numRuns: 100 },
    );
  });

  it('resolves symbols to this market\'s ids without a string per tick, and still names an unknown symbol in its rejection', () => {
    const { market, gate } = world();
    const close = market.quote(market.symbolId('IREN')!).previousClose;
    const ticks = [
      { symbol: 'IREN', price: close, size: 1, timeMs: NOW - 10 },
      { symbol: 'NOPE', price: close, size: 1, timeMs: NOW - 10 },
      { symbol: 'IREN', price: close, size: 2, timeMs: NOW - 5 },
      { symbol: 'not a ticker', price: close, size: 1, timeMs: NOW - 10 },
    ];
    const decoder = new WireDecoder();
    decoder.ingestBatchInto(wire.IngestBatch.encode({ ticks }).finish(), gate.input);
    const cols = gate.input;
    expect([...cols.symbolIds.subarray(0, 4)]).toEqual([market.symbolId('IREN'), -1, market.symbolId('IREN'), -1]);
    // Interned: the same string object for the same symbol in every row.
    expect(cols.symbolTexts[0]).toBe(cols.symbolTexts[2]);
    const result = gate.applyInput('p');
    expect(result.accepted).toBe(2);
    expect(result.rejected.map((r) => [r.index, r.reasonName, r.symbol, r.detail])).toEqual([
      [1, 'UNKNOWN_SYMBOL', 'NOPE', 'NOPE is in no loaded index'],
      [3, 'BAD_SYMBOL', 'not a ticker', 'symbol string "not a ticker" is not a ticker (1–10 of A–Z 0–9 . -, starting with a letter)'],
    ]);
    expect(market.quote(market.symbolId('IREN')!).volume).toBe(3);
  });

  it('interning is per market: columns of another market resolve the same bytes to its own ids', () => {
    const a = new TickColumns({ symbolId: (s) => (s === 'IREN' ? 7 : undefined) });
    const b = new TickColumns({ symbolId: (s) => (s === 'IREN' ? 2 : undefined) });
    const bytes = wire.IngestBatch.encode({ ticks: [{ symbol: 'IREN', price: 1, timeMs: NOW }] }).finish();
    const decoder = new WireDecoder();
    decoder.ingestBatchInto(bytes, a);
    decoder.ingestBatchInto(bytes, b);
    expect([a.symbolIds[0], b.symbolIds[0]]).toEqual([7, 2]);
  });

  it('an oversized batch is refused whole with its count, and does not grow the columns past the batch limit', () => {
    const market = new MarketEngine(baskets);
    const gate = new IngestGate(market, { now: () => NOW, maxBatchTicks: 300 });
    const ticks = Array.from({ length: 5000 }, () => ({ symbol: 'IREN', price: 10, timeMs: NOW }));
    new WireDecoder().ingestBatchInto(wire.IngestBatch.encode({ ticks }).finish(), gate.input);
    expect(gate.input.length).toBe(5000);
    expect(gate.input.capacity).toBeLessThanOrEqual(300);
    expect(gate.applyInput('p')).toEqual({
      accepted: 0,
      rejected: [],
      error: { code: 3102, message: '5000 ticks in one batch; the limit is 300' },
    });
    expect(market.quote(market.symbolId('IREN')!).volume).toBe(0);
  });

  it('the columns are scratch: a checkpoint image of the gate leaves them out, and restores into a fresh gate', () => {
    const live = world();
    const close = live.market.quote(live.market.symbolId('IREN')!).previousClose;
    const ticks = Array.from({ length: 1000 }, (_, k) => ({ symbol: 'IREN', price: close, size: 1, timeMs: NOW - 1000 + k, seq: k + 1, conditions: ['T'] }));
    new WireDecoder().ingestBatchInto(wire.IngestBatch.encode({ ticks }).finish(), live.gate.input);
    expect(live.gate.applyInput('p').accepted).toBe(1000);
    const image = captureImage({ market: live.market, gate: live.gate });
    expect(Object.keys((image as { gate: object }).gate)).not.toContain('input');
    const restored = world();
    restoreImage({ market: restored.market, gate: restored.gate }, image);
    expect(state(restored.market, restored.gate, ['p'])).toEqual(state(live.market, live.gate, ['p']));
  });

  it('listeners get the batch as columns and build exactly the accepted ticks from them', () => {
    const { market, gate } = world();
    const close = market.quote(market.symbolId('IREN')!).previousClose;
    const seen: Tick[][] = [];
    const listener: BatchListener = {
      batchApplied(_publisherId, batch, result) {
        const rejected = new Set(result.rejected.map((r) => r.index));
        const ticks: Tick[] = [];
        for (let i = 0; i < batch.length; i++) if (!rejected.has(i)) ticks.push(batch.tick(i));
        seen.push(ticks);
      },
    };
    const pipeline = new IngestPipeline(gate, [listener]);
    const ticks = [
      { symbol: 'IREN', kind: 0, price: close, size: 5, timeMs: NOW - 10, seq: 1, conditions: ['T'] },
      { symbol: 'IREN', kind: 0, price: -1, size: 5, timeMs: NOW - 10, seq: 2 },
      { symbol: 'IREN', kind: 1, bid: close, ask: close + 0.01, bidSize: 1, askSize: 2, timeMs: NOW - 9, seq: 3 },
    ];
    new WireDecoder().ingestBatchInto(wire.IngestBatch.encode({ ticks }).finish(), gate.input);
    expect(pipeline.applyInput('p').accepted).toBe(2);
    pipeline.apply('q', ticks);
    expect(seen).toEqual([
      [canonicalTick(ticks[0]), canonicalTick(ticks[2])],
      [canonicalTick(ticks[0]), canonicalTick(ticks[2])],
    ]);
  });
});
