/**
 * The frame builder's cost per ingest batch (Feed.afterBatch), where the per-symbol bars of issue 16
 * add work: every traded symbol's 1m and 5m bars are sampled after each batch, and their deltas are
 * built only for channels someone follows. Variants, alternated round by round in one process over the
 * same prints (50 trades and 50 quotes a batch, the simulator's batch at 2,000 ticks/s):
 *
 * - `page`: what one ticker page follows (index.miners, quotes.* and bars.miners.1m raw); symbol bars
 *   sampled, none followed;
 * - `page + every bars.<SYMBOL>`: the same plus every symbol's 1m and 5m bars followed raw (38 topics),
 *   the worst case of many drill-downs open at once;
 * - `aggregator`: with a bus (in memory), every channel at every rate is a topic and publishes there,
 *   followed or not (gateways' clients may follow any), and each topic's base is kept for late gateways.
 *
 * Rounds are short (~0.1 s) so that on a shared machine both variants of a round see the same
 * interference; the figure is the median of the rounds, with their spread.
 */
import { loadavg } from 'node:os';
import { MarketEngine } from '../../server/engine/market-engine.ts';
import type { SymbolId } from '../../server/engine/ids.ts';
import { DEFAULT_FEED_OPTIONS, Feed } from '../../server/feed/feed.ts';
import { parseChannel } from '../../server/feed/channels.ts';
import type { FramePublisher } from '../../server/feed/topic.ts';
import { defaultBasketPaths, loadBaskets } from '../../server/market/basket-file.ts';
import { Session } from '../../server/market/session-types.ts';
import { MemoryBus, MemoryHub } from '../../server/bus/memory-bus.ts';
import { markdownTable, writeResults } from '../lib/report.ts';
import { summarize } from '../lib/stats.ts';

const TRADES_PER_BATCH = 50;
const BATCH_MS = 50;

let sink = 0;

interface Variant {
  readonly name: string;
  readonly feed: Feed;
  readonly market: MarketEngine;
  clock: number;
  rnd: number;
}

async function variant(name: string, followSymbolBars: boolean, aggregator = false): Promise<Variant> {
  const market = new MarketEngine(await loadBaskets(defaultBasketPaths()));
  const out: FramePublisher = {
    publish: (_topic, data) => {
      sink += typeof data === 'string' ? data.length : data.byteLength;
    },
    // Protobuf subscribers only, as on the ticker page and in the fan-out bench: a JSON subscriber
    // would add a decode and a JSON text per frame (jsonOfProto), a quarter of the batch's time.
    subscriberCount: (topic) => (topic.endsWith('#json') ? 0 : 1),
  };
  const v: Variant = { name, market, clock: Date.parse('2026-11-20T14:30:00Z'), rnd: 7, feed: null as unknown as Feed };
  const bus = aggregator ? new MemoryBus({ hub: new MemoryHub() }) : null;
  const feed = new Feed(market, out, { now: () => v.clock, marketNow: () => v.clock }, { ...DEFAULT_FEED_OPTIONS, epoch: 1 }, bus);
  (v as { feed: Feed }).feed = feed;
  const channels = ['index.miners', 'quotes.*', 'bars.miners.1m'];
  if (followSymbolBars) for (const s of market.allSymbols()) channels.push(`bars.${s}.1m`, `bars.${s}.5m`);
  for (const c of channels) {
    const parsed = parseChannel(c, feed);
    if (!parsed.ok) throw new Error(parsed.message);
    feed.topic(parsed.spec, 0);
  }
  return v;
}

function batch(v: Variant): void {
  const n = v.market.symbolCount;
  for (let i = 0; i < TRADES_PER_BATCH; i++) {
    v.rnd = (v.rnd * 1103515245 + 12345) % 2147483648;
    const id = (v.rnd % n) as SymbolId;
    const q = v.market.quote(id);
    const price = Math.max(0.5, Math.round(q.last * (1 + (((v.rnd >> 8) % 5) - 2) * 0.0005) * 100) / 100);
    v.market.applyTrade(id, price, 100, v.clock, Session.Regular);
    v.market.applyQuote(id, price - 0.01, price + 0.01, 100, 200, v.clock);
  }
  v.feed.afterBatch();
  v.clock += BATCH_MS;
  // The server's timers (server/app.ts): conflated topics publish every 100 ms and 1 s.
  if (v.clock % 100 < BATCH_MS) v.feed.flushRate(100);
  if (v.clock % 1000 < BATCH_MS) v.feed.flushRate(1000);
}

export async function feedBench(full: boolean): Promise<unknown> {
  const rounds = full ? 61 : 21;
  const batchesPerRound = 200;
  const variants = [
    await variant('page', false),
    await variant('page + every bars.<SYMBOL> (38 topics)', true),
    await variant('aggregator (bus; every channel at 3 rates)', true, true),
  ];
  for (const v of variants) for (let i = 0; i < 2_000; i++) batch(v); // warm-up: JIT, and bars a day deep
  const samples = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  // CPU time too: on a shared machine wall time includes the rounds when another process had the core.
  const cpuSamples = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const v of r % 2 === 0 ? variants : [...variants].reverse()) {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < batchesPerRound; i++) batch(v);
      samples.get(v.name)!.push(Number(process.hrtime.bigint() - t0) / 1e3 / batchesPerRound);
      const c = process.cpuUsage(c0);
      cpuSamples.get(v.name)!.push((c.user + c.system) / batchesPerRound);
    }
  }
  const base = summarize(samples.get(variants[0]!.name)!).median;
  const rows = variants.map((v) => {
    const s = summarize(samples.get(v.name)!);
    const cpu = summarize(cpuSamples.get(v.name)!);
    return { variant: v.name, usPerBatch: s.median, spreadPct: s.spreadPct, cpuUsPerBatch: cpu.median, rounds: s.rounds, vsPage: s.median / base };
  });
  const table = markdownTable(
    ['variant', 'µs per batch (median)', 'spread', 'CPU µs per batch (median)', 'vs page'],
    rows.map((r) => [r.variant, r.usPerBatch.toFixed(1), `${r.spreadPct.toFixed(0)}%`, r.cpuUsPerBatch.toFixed(1), `${r.vsPage.toFixed(2)}×`]),
  );
  console.log(table);
  const load = loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`load average ${load}; ${TRADES_PER_BATCH} trades + ${TRADES_PER_BATCH} quotes a batch; sink ${sink}`);
  writeResults('feed', rows, table, [
    `Feed.afterBatch per batch of ${TRADES_PER_BATCH} trades and ${TRADES_PER_BATCH} quotes (default baskets), ${rounds} rounds of ${batchesPerRound} batches, variants alternated; load average ${load}.`,
    'Command: `npm run bench -- feed`.',
  ]);
  return rows;
}
