/**
 * The batch pipeline: every accepted batch reaches the engine first, then each listener in the order
 * the pipeline was built with (the recorder before the feed), with the cancels and corrections it
 * applied; a refused batch reaches no listener; a listener that throws keeps neither the others nor the
 * publisher's result from happening. And the simulator's halts reach the gate as full ticks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MarketEngine } from '../../server/engine/market-engine.ts';
import { IngestGate } from '../../server/ingest/gate.ts';
import { IngestPipeline, type BatchListener } from '../../server/ingest/pipeline.ts';
import { defaultBasketPaths, loadBasketFile } from '../../server/market/basket-file.ts';
import type { Basket } from '../../server/market/basket-types.ts';
import { withHalts } from '../../server/sources/simulator/halts.ts';
import { haltTick, makeTick, NO_CONDITIONS, resumeTick, TICK_HALT, TICK_RESUME, TICK_TRADE, tradeTick } from '../../server/tick/tick.ts';
import { tickBuilders } from '../support/ticks.ts';

/** Monday 2 February 2026, 10:00 New York: the regular session. */
const NOW = Date.UTC(2026, 1, 2, 15, 0, 0);
const { trade, cancel } = tickBuilders(NOW - 1000);

let baskets: Basket[];
beforeAll(async () => {
  baskets = await Promise.all(defaultBasketPaths().map((p) => loadBasketFile(p)));
});

describe('IngestPipeline', () => {
  it('applies the batch to the engine, then tells the listeners in order, with the corrections it applied', () => {
    const market = new MarketEngine(baskets);
    const gate = new IngestGate(market, { now: () => NOW });
    const heard: string[] = [];
    const listener = (name: string): BatchListener => ({
      batchApplied(publisherId, ticks, result, corrections) {
        const price = market.quote(market.symbolId('IREN')!).last;
        heard.push(`${name} ${publisherId} ${ticks.length} ${result.accepted} ${corrections.map((c) => c.kind).join(',')} last=${price}`);
      },
    });
    const pipeline = new IngestPipeline(gate, [listener('recorder'), listener('feed')]);
    const close = market.quote(market.symbolId('IREN')!).previousClose;
    const p1 = Math.round(close * 101) / 100;
    const p2 = Math.round(close * 102) / 100;
    pipeline.apply('pub', [trade('IREN', p1, { seq: 1 }), trade('IREN', p2, { seq: 2 })]);
    expect(pipeline.apply('pub', [trade('NOPE', 1)]).accepted).toBe(0);
    pipeline.apply('pub', [cancel('IREN', 2, { seq: 3 })]);
    expect(heard).toEqual([
      `recorder pub 2 2  last=${p2}`,
      `feed pub 2 2  last=${p2}`,
      `recorder pub 1 1 cancel last=${p1}`,
      `feed pub 1 1 cancel last=${p1}`,
    ]);
    // Drained by the pipeline: nothing left for anyone else to announce twice.
    expect(gate.drainCorrections()).toEqual([]);
  });

  it('a listener that throws does not keep the next one from the batch, nor the result from the publisher', () => {
    const market = new MarketEngine(baskets);
    const gate = new IngestGate(market, { now: () => NOW });
    const errors: unknown[] = [];
    let fed = 0;
    const pipeline = new IngestPipeline(
      gate,
      [
        {
          batchApplied() {
            throw new Error('disk full');
          },
        },
        { batchApplied: () => fed++ },
      ],
      { onError: (e) => errors.push(e) },
    );
    const close = market.quote(market.symbolId('MARA')!).previousClose;
    expect(pipeline.apply('pub', [trade('MARA', close)])).toEqual({ accepted: 1, rejected: [], error: null });
    expect(fed).toBe(1);
    expect(errors.map((e) => (e as Error).message)).toEqual(['disk full']);
  });
});

describe('the simulator halts as ticks', () => {
  it('merges halts and resumes as full ticks from the tick module, in time order, after trades at equal times', () => {
    const t1 = tradeTick('IREN', 50, 100, NOW, 1, NO_CONDITIONS);
    const t2 = tradeTick('MARA', 16, 100, NOW + 10, 2, NO_CONDITIONS);
    const merged = withHalts(
      [t1, t2],
      [
        { type: 'halt', symbol: 'IREN', timeMs: NOW, resumeAtMs: NOW + 300_000, reason: 'LUDP' },
        { type: 'bad-print', symbol: 'MARA', seq: 2, timeMs: NOW, price: 1, referencePrice: 16 },
        { type: 'resume', symbol: 'IREN', timeMs: NOW + 5 },
      ],
    );
    expect(merged).toEqual([t1, haltTick('IREN', NOW), resumeTick('IREN', NOW + 5), t2]);
    expect(merged.map((t) => t.kind)).toEqual([TICK_TRADE, TICK_HALT, TICK_RESUME, TICK_TRADE]);
    // Every field present, in the one order: the gate sees one shape whatever made the tick.
    expect(Object.keys(merged[1]!)).toEqual(Object.keys(makeTick('X', 0, 0, 0, 0, 0, 0, 0, 0, 0, NO_CONDITIONS, 0)));
  });
});
