/**
 * The durable ingest path keeps no batch once it is answered: a batch's decoded ticks (1,000 tick objects
 * from a large publisher batch) kept alive after the ack pile up in the old space, and every full GC then
 * has to walk them — the ~0.2 s ack stalls the durability bench showed. A real redis-server holds the log.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { hashcap } from '../../proto/wire.ts';
import { MarketEngine } from '../../server/engine/market-engine.ts';
import type { SymbolId } from '../../server/engine/ids.ts';
import { IngestGate } from '../../server/ingest/gate.ts';
import { IngestPipeline } from '../../server/ingest/pipeline.ts';
import { DEFAULT_FEED_OPTIONS, Feed } from '../../server/feed/feed.ts';
import { MemoryBus } from '../../server/bus/index.ts';
import { defaultBasketPaths, loadBaskets } from '../../server/market/basket-file.ts';
import { BatchClock, tradingDayCursor, type AggregatorCore } from '../../server/durability/aggregator-core.ts';
import { HeldBus } from '../../server/durability/held-bus.ts';
import { restoreAggregator, type DurableAggregator } from '../../server/durability/restore.ts';
import { tradeBatches } from '../support/aggregator.ts';
import { IN_CI, redisMissing, startRedis, type RedisServer } from '../support/redis.ts';

const missing = redisMissing();
if (missing !== null && IN_CI) throw new Error(missing);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe.skipIf(missing !== null)('durable ingest memory', () => {
  let redis: RedisServer;
  let durable: DurableAggregator;
  let batches: hashcap.v1.ITick[][];

  beforeAll(async () => {
    redis = await startRedis();
    const baskets = await loadBaskets(defaultBasketPaths());
    const market = new MarketEngine(baskets);
    const clock = new BatchClock(() => Date.now());
    const gate = new IngestGate(market, { now: clock.now });
    const output = new HeldBus(new MemoryBus(), false);
    const feed = new Feed(market, { publish() {}, subscriberCount: () => 0 }, { now: () => Date.now(), marketNow: clock.now }, { ...DEFAULT_FEED_OPTIONS, epoch: Date.now() }, output);
    const pipeline = new IngestPipeline(gate, [{ batchApplied: () => feed.afterBatch() }]);
    const core: AggregatorCore = { market, gate, feed, pipeline, clock, tradingDay: tradingDayCursor(market, gate), output };
    durable = await restoreAggregator({ core, quoteLog: { url: redis.url }, log: () => {}, checkpointIntervalMs: 3_600_000 });
    const symbols = market.allSymbols();
    batches = tradeBatches(symbols, symbols.map((s) => market.quote(market.symbolId(s) as SymbolId).previousClose), 50);
  });

  afterAll(async () => {
    await durable?.close();
    await redis?.stop();
  });

  it('lets go of every batch it has acknowledged', async () => {
    const sent: WeakRef<object>[] = [];
    // Ticks only this path holds (copies), so only the ingest path can keep them alive.
    const acks = batches.map((b) => {
      const ticks = b.map((t) => ({ ...t }));
      sent.push(new WeakRef(ticks));
      return durable.ingest.submit('publisher', ticks);
    });
    for (const ack of await Promise.all(acks)) expect(ack.logged).toBe(true);
    expect(durable.ingest.applied).toBe(batches.length);
    // A WeakRef's target lives to the end of the job that made it: collect in a later one.
    await new Promise((resolve) => setTimeout(resolve, 10));
    gc();
    expect(sent.filter((ref) => ref.deref() !== undefined).length, 'acknowledged batches still held').toBe(0);
  });
});
