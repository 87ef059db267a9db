/**
 * The durable formats on their own: a checkpoint reads back only when whole (every flipped byte and
 * every truncation is caught), the state image of a busy engine and gate restored into fresh ones gives
 * the same state and the same future decisions, and a quote-log record gives back the batch as sent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MarketEngine } from '../../server/engine/market-engine.ts';
import type { SymbolId } from '../../server/engine/ids.ts';
import { IngestGate } from '../../server/ingest/gate.ts';
import { defaultBasketPaths, loadBaskets } from '../../server/market/basket-file.ts';
import { decodeCheckpoint, encodeCheckpoint } from '../../server/durability/checkpoint.ts';
import { captureImage, restoreImage } from '../../server/durability/state-image.ts';
import { decodeBatchRecord, decodeBatchRecordInto, encodeBatchRecord } from '../../server/durability/batch-record.ts';
import { TickColumns } from '../../server/tick/tick-columns.ts';
import { HashcapError } from '../../server/errors.ts';
import { encodeIngestBatch, encodePublisherMessage } from '../../server/tick/codec.ts';
import { tradeBatches } from '../support/aggregator.ts';

const header = { streamId: '1700000000000-3', createdAtMs: 1, basketFingerprint: 'abc', tradingDay: '2026-12-04' };

describe('checkpoint format', () => {
  const bytes = encodeCheckpoint(header, { prices: new Float64Array([1.5, Number.NaN, -0]), seqs: new Map([['pub', 7]]) });

  it('reads back what was written', () => {
    const cp = decodeCheckpoint(bytes);
    expect(cp.header).toEqual(header);
    expect(cp.image).toEqual({ prices: new Float64Array([1.5, Number.NaN, -0]), seqs: new Map([['pub', 7]]) });
  });

  it('refuses any single flipped byte and any truncation with CHECKPOINT_CORRUPT', () => {
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (at, mask) => {
        const damaged = Buffer.from(bytes);
        damaged[at] = damaged[at]! ^ mask;
        expect(() => decodeCheckpoint(damaged)).toThrow(expect.objectContaining({ code: 'CHECKPOINT_CORRUPT' }) as unknown as Error);
      }),
    );
    for (let n = 0; n < bytes.length; n++) {
      expect(() => decodeCheckpoint(bytes.subarray(0, n)), `cut to ${n} bytes`).toThrow(HashcapError);
    }
  });
});

describe('state image', () => {
  it('a fresh engine and gate restored from the image of a busy pair hold the same state and decide the same', async () => {
    const baskets = await loadBaskets(defaultBasketPaths());
    const build = () => {
      const market = new MarketEngine(baskets);
      let now = Date.now();
      const gate = new IngestGate(market, { now: () => now });
      return { market, gate, setNow: (t: number) => (now = t) };
    };
    const live = build();
    const symbols = live.market.allSymbols();
    const closes = symbols.map((s) => live.market.quote(live.market.symbolId(s) as SymbolId).previousClose);
    const batches = tradeBatches(symbols, closes, 200, 5);
    for (const b of batches.slice(0, 150)) live.gate.apply('p', b);

    const restored = build();
    restoreImage({ market: restored.market, gate: restored.gate }, captureImage({ market: live.market, gate: live.gate }));
    const quotes = (m: MarketEngine) => symbols.map((s) => m.quote(m.symbolId(s) as SymbolId));
    expect(quotes(restored.market)).toEqual(quotes(live.market));
    expect(restored.market.indexes.map((ix) => [ix.level, ix.totalMarketCapCents])).toEqual(live.market.indexes.map((ix) => [ix.level, ix.totalMarketCapCents]));
    // The same later batches (and a resend of an old one) get the same decisions and the same state.
    for (const b of [batches[100]!, ...batches.slice(150)]) {
      expect(restored.gate.apply('p', b)).toEqual(live.gate.apply('p', b));
    }
    expect(quotes(restored.market)).toEqual(quotes(live.market));
    expect(restored.gate.rejectCounts()).toEqual(live.gate.rejectCounts());
    expect(restored.market.verify().ok).toBe(true);
  });

  it('without the restore, the fresh pair differs (the comparison above can fail)', async () => {
    const baskets = await loadBaskets(defaultBasketPaths());
    const live = new MarketEngine(baskets);
    const gate = new IngestGate(live);
    const symbols = live.allSymbols();
    const closes = symbols.map((s) => live.quote(live.symbolId(s) as SymbolId).previousClose);
    for (const b of tradeBatches(symbols, closes, 20, 5)) gate.apply('p', b);
    const fresh = new MarketEngine(baskets);
    expect(fresh.indexes[0]!.level).not.toBe(live.indexes[0]!.level);
  });
});

describe('quote-log record', () => {
  const ticks = [{ symbol: 'IREN', kind: 0, price: 12.34, size: 100, timeMs: 1_700_000_000_000, seq: 3 }];

  it('keeps the publisher, the market time and the ticks, from in-process ticks and from each raw form', () => {
    const forms = [
      null,
      { bytes: encodePublisherMessage({ batch: { batchId: 9, ticks } }, 'proto'), envelope: 'message' as const, format: 'proto' as const },
      { bytes: encodePublisherMessage({ batch: { batchId: 9, ticks } }, 'json'), envelope: 'message' as const, format: 'json' as const },
      { bytes: encodeIngestBatch({ ticks }, 'proto'), envelope: 'batch' as const, format: 'proto' as const },
      { bytes: new TextEncoder().encode(encodeIngestBatch({ ticks }, 'json')), envelope: 'batch' as const, format: 'json' as const },
    ];
    for (const raw of forms) {
      const record = decodeBatchRecord(encodeBatchRecord('pub-é', 1_700_000_000_123.5, ticks, raw));
      expect(record.publisherId).toBe('pub-é');
      expect(record.marketTimeMs).toBe(1_700_000_000_123.5);
      expect(record.ticks).toMatchObject(ticks);
    }
  });

  it('decodes a protobuf record straight into columns (the same ticks, no objects) and a JSON one into objects', async () => {
    const baskets = await loadBaskets(defaultBasketPaths());
    const two = [...ticks, { symbol: 'WULF', kind: 1, price: 0, bid: 10.01, ask: 10.03, bidSize: 5, askSize: 7, timeMs: 1_700_000_000_001, seq: 4 }];
    const market = new MarketEngine(baskets);
    const columns = new TickColumns(market);
    for (const format of ['proto', 'json'] as const) {
      for (const envelope of ['message', 'batch'] as const) {
        const bytes = envelope === 'message' ? encodePublisherMessage({ batch: { batchId: 9, ticks: two } }, format) : encodeIngestBatch({ ticks: two }, format);
        const raw = { bytes: typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes, envelope, format };
        const record = encodeBatchRecord('pub', 1_700_000_000_123.5, two, raw);
        const batch = decodeBatchRecordInto(record, columns);
        expect([batch.publisherId, batch.marketTimeMs, batch.count]).toEqual(['pub', 1_700_000_000_123.5, 2]);
        if (format === 'proto') {
          expect(batch.ticks).toBeNull();
          expect([columns.tick(0), columns.tick(1)]).toMatchObject(two);
          expect(columns.symbolIds[0]).toBe(market.symbolId('IREN'));
        } else {
          expect(batch.ticks).toMatchObject(two);
        }
      }
    }
  });

  it('refuses a truncated or unknown record with QUOTE_LOG_ENTRY', () => {
    const bytes = encodeBatchRecord('p', 1, ticks, null);
    expect(() => decodeBatchRecord(bytes.subarray(0, 5))).toThrow(expect.objectContaining({ code: 'QUOTE_LOG_ENTRY' }) as unknown as Error);
    const other = bytes.slice();
    other[0] = 9;
    expect(() => decodeBatchRecord(other)).toThrow(/version 9/);
  });
});
