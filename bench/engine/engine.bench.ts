import { IndexEngine } from '../../server/engine/index-engine.ts';
import { MarketEngine } from '../../server/engine/market-engine.ts';
import type { Slot, SymbolId } from '../../server/engine/ids.ts';
import type { Basket } from '../../server/market/basket-types.ts';
import { defaultBasketPaths, loadBasketFile } from '../../server/market/basket-file.ts';
import { human, summarize, type Summary } from '../lib/stats.ts';
import { countGcs, forceGc } from '../lib/gc-watch.ts';
import { markdownTable, writeChart, writeResults } from '../lib/report.ts';
import { chartDocument, type BarPanel } from '../lib/svg-chart.ts';
import { generatedBasket, printStream, type PrintStream } from './fixtures.ts';
import { NaiveIndex } from './naive-index.ts';
import { BatchRecomputeIndex, PlainIncrementalIndex } from './plain-index.ts';

/**
 * The engine's hot path against three baselines, alternated round by round in one process:
 * - plain incremental: objects per constituent, `sum += new − old` per print (the fair baseline);
 * - recompute once per batch: store the prices, recompute the index once per 1000 prints;
 * - recompute per print (naive): the whole index from scratch on every print.
 * Each run applies a fixed stream of prints; every 1000th print is followed by a share-count event,
 * and the dirty set is drained every 1000 prints as the frame builder would.
 */

let sink = 0;

/** Batches of 1000 prints, as the ingest gate hands them over; a share event and a drain after each. */
const BATCH = 1000;
const BATCHES_IN_STREAM = 1024;
const STREAM = BATCH * BATCHES_IN_STREAM;

function runEngine(engine: IndexEngine, s: PrintStream, batches: number, offset: number): void {
  const out = new Int32Array(engine.capacity);
  for (let b = 0; b < batches; b++) {
    const start = ((offset + b) % BATCHES_IN_STREAM) * BATCH;
    engine.applyTrades(s.slots, s.columns, start, start + BATCH);
    const last = start + BATCH - 1;
    engine.setShares(s.slots[last]! as Slot, s.shares[(last / BATCH) | 0]!, s.columns.times[last]!);
    engine.drainDirtyInto(out);
  }
  sink += engine.level;
}

function runMarket(market: MarketEngine, s: PrintStream, batches: number, offset: number): void {
  for (let b = 0; b < batches; b++) {
    const start = ((offset + b) % BATCHES_IN_STREAM) * BATCH;
    market.applyTrades(s.slots, s.columns, start, start + BATCH);
    const last = start + BATCH - 1;
    market.setShares(s.slots[last]! as SymbolId, s.shares[(last / BATCH) | 0]!, s.columns.times[last]!);
    market.drainDirtySymbols();
  }
  sink += market.indexes[0]!.level;
}

function runPlain(plain: PlainIncrementalIndex | BatchRecomputeIndex, s: PrintStream, batches: number, offset: number): void {
  for (let b = 0; b < batches; b++) {
    const start = ((offset + b) % BATCHES_IN_STREAM) * BATCH;
    plain.applyTrades(s.slots, s.columns, start, start + BATCH);
    const last = start + BATCH - 1;
    plain.setShares(s.slots[last]!, s.shares[(last / BATCH) | 0]!);
    sink += plain.drainDirty();
  }
  sink += plain.level;
}

function runNaive(naive: NaiveIndex, s: PrintStream, updates: number, offset: number): void {
  const { slots, shares } = s;
  const prices = s.columns.prices;
  for (let k = 0; k < updates; k++) {
    const at = (offset * BATCH + k) % STREAM;
    naive.applyTrade(slots[at]!, prices[at]!);
    if ((at % BATCH) === BATCH - 1) naive.setShares(slots[at]!, shares[(at / BATCH) | 0]!);
  }
  sink += naive.level;
}

function timed(fn: () => void, updates: number): number {
  const t0 = process.hrtime.bigint();
  fn();
  const ns = Number(process.hrtime.bigint() - t0);
  return (updates / ns) * 1e9;
}

interface CaseResult {
  case: string;
  constituents: number;
  updates_per_s: number;
  updates_per_s_min: number;
  updates_per_s_max: number;
  spread_pct: number;
  market_updates_per_s: number;
  /** Plain incremental (objects, sum += new − old): the fair baseline. */
  plain_updates_per_s: number;
  plain_spread_pct: number;
  ratio_vs_plain: number;
  /** Recompute once per batch of 1000 prints. */
  batch_recompute_updates_per_s: number;
  ratio_vs_batch_recompute: number;
  /** Recompute everything on every print (the naive baseline). */
  baseline_updates_per_s: number;
  baseline_spread_pct: number;
  ratio: number;
  rounds: number;
  heap_before_bytes: number;
  heap_after_bytes: number;
  gcs_during_10m_updates: number;
}

async function measureCase(name: string, basket: Basket, rounds: number): Promise<CaseResult> {
  // One basket only, so the market's symbol ids equal the index's slots and one stream serves both.
  const stream = printStream(basket, STREAM);
  const engine = new IndexEngine(basket);
  const market = new MarketEngine([basket]);
  const naive = new NaiveIndex(basket);
  const plain = new PlainIncrementalIndex(basket);
  const batch = new BatchRecomputeIndex(basket);
  const n = basket.constituents.length;
  const engineUpdates = 20_000_000;
  // Keep the baseline's round near the engine's in wall time: it costs O(n) per print.
  const naiveUpdates = Math.max(50_000, Math.floor(40_000_000 / n));

  // Warm-up: let V8 optimise every variant before anything is timed.
  runEngine(engine, stream, 2_000, 0);
  runMarket(market, stream, 2_000, 0);
  runNaive(naive, stream, naiveUpdates, 0);
  runPlain(plain, stream, 2_000, 0);
  runPlain(batch, stream, 2_000, 0);

  const e: number[] = [];
  const m: number[] = [];
  const b: number[] = [];
  const p: number[] = [];
  const q: number[] = [];
  // The plain baselines get fewer prints: they are slower, and a round should stay well under a second.
  const plainUpdates = engineUpdates / 4;
  for (let r = 0; r < rounds; r++) {
    const offset = r * 7919;
    e.push(timed(() => runEngine(engine, stream, engineUpdates / BATCH, offset), engineUpdates));
    p.push(timed(() => runPlain(plain, stream, plainUpdates / BATCH, offset), plainUpdates));
    b.push(timed(() => runNaive(naive, stream, naiveUpdates, offset), naiveUpdates));
    q.push(timed(() => runPlain(batch, stream, plainUpdates / BATCH, offset), plainUpdates));
    m.push(timed(() => runMarket(market, stream, engineUpdates / BATCH, offset), engineUpdates));
  }

  forceGc();
  const heapBefore = process.memoryUsage().heapUsed;
  const gcs = await countGcs(() => runEngine(engine, stream, 10_000_000 / BATCH, 0));
  const heapAfter = process.memoryUsage().heapUsed;
  if (!engine.verify().ok) throw new Error(`${name}: running sums drifted from a full recompute`);

  const es: Summary = summarize(e);
  const bs: Summary = summarize(b);
  const ps: Summary = summarize(p);
  const qs: Summary = summarize(q);
  return {
    case: name,
    constituents: n,
    updates_per_s: Math.round(es.median),
    updates_per_s_min: Math.round(es.min),
    updates_per_s_max: Math.round(es.max),
    spread_pct: Number(es.spreadPct.toFixed(1)),
    market_updates_per_s: Math.round(summarize(m).median),
    plain_updates_per_s: Math.round(ps.median),
    plain_spread_pct: Number(ps.spreadPct.toFixed(1)),
    ratio_vs_plain: Number((es.median / ps.median).toFixed(2)),
    batch_recompute_updates_per_s: Math.round(qs.median),
    ratio_vs_batch_recompute: Number((es.median / qs.median).toFixed(2)),
    baseline_updates_per_s: Math.round(bs.median),
    baseline_spread_pct: Number(bs.spreadPct.toFixed(1)),
    ratio: Number((es.median / bs.median).toFixed(1)),
    rounds,
    heap_before_bytes: heapBefore,
    heap_after_bytes: heapAfter,
    gcs_during_10m_updates: gcs.minor + gcs.major,
  };
}

export async function engineBench(full: boolean): Promise<CaseResult[]> {
  const rounds = full ? 15 : 5;
  const miners = await loadBasketFile(defaultBasketPaths()[0]!);
  const results = [
    await measureCase(`default basket (${miners.id})`, miners, rounds),
    await measureCase('generated 500', generatedBasket(500), rounds),
  ];
  const table = markdownTable(
    [
      'case',
      'constituents',
      'engine updates/s (median)',
      'spread',
      'via MarketEngine',
      'plain incremental (objects)',
      'engine ÷ plain',
      'recompute once per batch',
      'engine ÷ batch recompute',
      'recompute per print (naive)',
      'engine ÷ naive',
      'heap before → after 10M updates',
      'GCs during them',
    ],
    results.map((r) => [
      r.case,
      String(r.constituents),
      human(r.updates_per_s),
      `${r.spread_pct}%`,
      human(r.market_updates_per_s),
      `${human(r.plain_updates_per_s)} (±${r.plain_spread_pct}%)`,
      `${r.ratio_vs_plain}×`,
      human(r.batch_recompute_updates_per_s),
      `${r.ratio_vs_batch_recompute}×`,
      `${human(r.baseline_updates_per_s)} (±${r.baseline_spread_pct}%)`,
      `${r.ratio}×`,
      `${(r.heap_before_bytes / 2 ** 20).toFixed(2)} → ${(r.heap_after_bytes / 2 ** 20).toFixed(2)} MiB`,
      String(r.gcs_during_10m_updates),
    ]),
  );
  console.log(table);
  console.log(`(sink ${sink.toFixed(3)})`);
  writeResults('engine', results, table, [
    `Command: \`npm run bench -- engine${full ? ' --full' : ''}\`. ${rounds} rounds, engine and baseline alternated in each; spread = (max − min) / median.`,
    'Input: 1,024,000 fixed prints in batches of 1000 (random constituent, price within ±5% of the reference), a share-count event every 1000 prints, the dirty set drained every 1000.',
    'Baselines (bench/engine/plain-index.ts, naive-index.ts): plain incremental = an object per constituent, exact-cent running sums kept with sum += new − old, advancers/decliners adjusted on a change of side, a dirty flag and the milestone bounds checked per print — the engine\'s work without its tricks; recompute once per batch = prices stored, the index recomputed once per 1000 prints (less work than the engine here, where the result is read once per batch; it cannot give the index after each print); naive = recompute everything on every print.',
    'Targets (issue 15): ≥ 100 M prints/s on the 13-name basket, ≥ 2× the plain incremental baseline; 0 GCs over 10 M prints. Chart: bench/results/engine.svg.',
  ]);
  writeChart('engine', engineChart(results));
  return results;
}

function engineChart(results: readonly CaseResult[]): string {
  const panels: BarPanel[] = results.map((r) => ({
    kind: 'bar',
    title: `${r.case}, ${r.constituents} constituents`,
    unit: 'prints per second, median',
    bars: [
      { label: 'engine (IndexEngine)', value: r.updates_per_s, min: r.updates_per_s_min, max: r.updates_per_s_max, highlight: true, note: human(r.updates_per_s) },
      { label: 'via MarketEngine', value: r.market_updates_per_s, note: human(r.market_updates_per_s) },
      { label: 'plain incremental (objects)', value: r.plain_updates_per_s, note: `${human(r.plain_updates_per_s)} (engine ${r.ratio_vs_plain}×)` },
      { label: 'recompute once per batch', value: r.batch_recompute_updates_per_s, note: `${human(r.batch_recompute_updates_per_s)} (engine ${r.ratio_vs_batch_recompute}×)` },
      { label: 'recompute per print (naive)', value: r.baseline_updates_per_s, note: `${human(r.baseline_updates_per_s)} (engine ${r.ratio}×)` },
    ],
  }));
  return chartDocument(panels, { columns: 1, panelWidth: 640 });
}
