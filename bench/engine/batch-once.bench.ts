/**
 * Batch-once against print-by-print (issue 15 item 10): the same prints, the same engine, the same run
 * boundaries, at 1, 10, 100 and 1,000 prints per `applyTrades` run, variants alternated round by round
 * in one process. A share-count event and a dirty drain follow every 1,000 prints whatever the run
 * size, so every variant does the same work per 1,000 prints. When bench/engine/plain-index.ts (the
 * plain incremental baseline, objects and `sum += new − old`, from the `sweep` branch) is present, it
 * runs in the same rounds, so the ratio against it comes from the same run.
 *
 * Quietly, alone on the machine: `npx tsx bench/engine/batch-once.bench.ts` (about a minute; `--full` for
 * 11 rounds). Writes bench/results/engine-batch-once.json and .md.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { IndexEngine } from '../../server/engine/index-engine.ts';
import type { Slot } from '../../server/engine/ids.ts';
import type { TradeColumns } from '../../server/engine/trade-columns.ts';
import type { Basket } from '../../server/market/basket-types.ts';
import { defaultBasketPaths, loadBasketFile } from '../../server/market/basket-file.ts';
import { human, summarize } from '../lib/stats.ts';
import { countGcs, forceGc } from '../lib/gc-watch.ts';
import { markdownTable, writeResults } from '../lib/report.ts';
import { generatedBasket, printStream, type PrintStream } from './fixtures.ts';

const EVENT_EVERY = 1000;
const STREAM = 1_024_000;
const RUN_SIZES = [1, 10, 100, 1000] as const;

/** What the plain baseline offers (bench/engine/plain-index.ts on the sweep branch). */
interface PlainBaseline {
  applyTrades(slots: Int32Array, columns: TradeColumns, start: number, end: number): void;
  setShares(slot: number, shares: number): void;
  drainDirty(): number;
  readonly level: number;
}
type PlainConstructor = new (basket: Basket) => PlainBaseline;

let sink = 0;

/*
 * One driver per variant, each calling its method directly: a shared driver taking the method as a
 * closure made the call megamorphic and measured the harness (a call per print at runs of 1).
 * `prints` prints from `offset` in runs of `runSize`, a share event and a drain every 1,000.
 */
function driveOnce(engine: IndexEngine, out: Int32Array, s: PrintStream, runSize: number, prints: number, offset: number): void {
  for (let done = 0; done < prints; done += EVENT_EVERY) {
    const base = (offset + done) % STREAM;
    for (let k = 0; k < EVENT_EVERY; k += runSize) engine.applyTradesBatchOnce(s.slots, s.columns, base + k, base + k + runSize);
    const last = base + EVENT_EVERY - 1;
    engine.setShares(s.slots[last]! as Slot, s.shares[(last / EVENT_EVERY) | 0]!, s.columns.times[last]!);
    engine.drainDirtyInto(out);
  }
}

function driveEach(engine: IndexEngine, out: Int32Array, s: PrintStream, runSize: number, prints: number, offset: number): void {
  for (let done = 0; done < prints; done += EVENT_EVERY) {
    const base = (offset + done) % STREAM;
    for (let k = 0; k < EVENT_EVERY; k += runSize) engine.applyTradesPrintByPrint(s.slots, s.columns, base + k, base + k + runSize);
    const last = base + EVENT_EVERY - 1;
    engine.setShares(s.slots[last]! as Slot, s.shares[(last / EVENT_EVERY) | 0]!, s.columns.times[last]!);
    engine.drainDirtyInto(out);
  }
}

function driveAuto(engine: IndexEngine, out: Int32Array, s: PrintStream, runSize: number, prints: number, offset: number): void {
  for (let done = 0; done < prints; done += EVENT_EVERY) {
    const base = (offset + done) % STREAM;
    for (let k = 0; k < EVENT_EVERY; k += runSize) engine.applyTrades(s.slots, s.columns, base + k, base + k + runSize);
    const last = base + EVENT_EVERY - 1;
    engine.setShares(s.slots[last]! as Slot, s.shares[(last / EVENT_EVERY) | 0]!, s.columns.times[last]!);
    engine.drainDirtyInto(out);
  }
}

function drivePlain(plain: PlainBaseline, s: PrintStream, runSize: number, prints: number, offset: number): void {
  for (let done = 0; done < prints; done += EVENT_EVERY) {
    const base = (offset + done) % STREAM;
    for (let k = 0; k < EVENT_EVERY; k += runSize) plain.applyTrades(s.slots, s.columns, base + k, base + k + runSize);
    const last = base + EVENT_EVERY - 1;
    plain.setShares(s.slots[last]!, s.shares[(last / EVENT_EVERY) | 0]!);
    sink += plain.drainDirty();
  }
}

/** Prints per second of wall time and per CPU-second of this process (the fairer figure on a shared box). */
function timed(fn: () => void, prints: number): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  fn();
  const ns = Number(process.hrtime.bigint() - t0);
  const c = process.cpuUsage(c0);
  return { wall: (prints / ns) * 1e9, cpu: (prints / (c.user + c.system)) * 1e6 };
}

interface Row {
  case: string;
  constituents: number;
  run_size: number;
  batch_once_prints_per_s: number;
  batch_once_spread_pct: number;
  print_by_print_prints_per_s: number;
  print_by_print_spread_pct: number;
  ratio_once_vs_each: number;
  batch_once_wall_prints_per_s: number;
  print_by_print_wall_prints_per_s: number;
  apply_trades_prints_per_s: number;
  plain_prints_per_s: number | null;
  plain_spread_pct: number | null;
  ratio_apply_trades_vs_plain: number | null;
  gcs_during_10m_prints_batch_once: number;
  rounds: number;
  loadavg_1m_start: number;
  loadavg_1m_end: number;
}

async function measure(name: string, basket: Basket, runSize: number, rounds: number, Plain: PlainConstructor | null): Promise<Row> {
  const stream = printStream(basket, STREAM);
  const once = new IndexEngine(basket);
  const each = new IndexEngine(basket);
  const auto = new IndexEngine(basket);
  const plain = Plain ? new Plain(basket) : null;
  const out = new Int32Array(once.capacity);
  const variants: { name: string; run: (prints: number, offset: number) => void; wall: number[]; cpu: number[] }[] = [
    { name: 'once', run: (p, o) => driveOnce(once, out, stream, runSize, p, o), wall: [], cpu: [] },
    { name: 'each', run: (p, o) => driveEach(each, out, stream, runSize, p, o), wall: [], cpu: [] },
    { name: 'auto', run: (p, o) => driveAuto(auto, out, stream, runSize, p, o), wall: [], cpu: [] },
  ];
  if (plain) variants.push({ name: 'plain', run: (p, o) => drivePlain(plain, stream, runSize, p, o), wall: [], cpu: [] });
  // Runs of one print cost a call each: fewer prints keep a round well under a second.
  const prints = runSize === 1 ? 2_000_000 : 8_000_000;
  const load0 = loadavg()[0]!;
  for (const v of variants) v.run(1_000_000, 0); // warm-up: every variant optimised before timing
  for (let r = 0; r < rounds; r++) {
    const offset = ((r * 7919) % (STREAM / EVENT_EVERY)) * EVENT_EVERY;
    // Rotate the order too, so no variant always runs right after the same one.
    for (let i = 0; i < variants.length; i++) {
      const v = variants[(i + r) % variants.length]!;
      const t = timed(() => v.run(prints, offset), prints);
      v.wall.push(t.wall);
      v.cpu.push(t.cpu);
    }
  }
  // The same prints went into both engines: anything but identical state means batch-once is wrong.
  const a = JSON.stringify(once.state());
  const b = JSON.stringify(each.state());
  if (a !== b || !once.verify().ok) throw new Error(`${name} run ${runSize}: batch-once and print-by-print disagree\n${a}\n${b}`);
  sink += once.level + each.level + auto.level + (plain?.level ?? 0);

  forceGc();
  const gcs = await countGcs(() => variants[0]!.run(10_000_000, 0));
  const load1 = loadavg()[0]!;
  // Per CPU-second: on a loaded machine the wall-clock rate mostly measures the other processes.
  const s = (n: string) => summarize(variants.find((v) => v.name === n)!.cpu);
  const wall = (n: string) => Math.round(summarize(variants.find((v) => v.name === n)!.wall).median);
  const os = s('once');
  const es = s('each');
  const as = s('auto');
  const ps = plain ? s('plain') : null;
  return {
    case: name,
    constituents: basket.constituents.length,
    run_size: runSize,
    batch_once_prints_per_s: Math.round(os.median),
    batch_once_spread_pct: Number(os.spreadPct.toFixed(1)),
    print_by_print_prints_per_s: Math.round(es.median),
    print_by_print_spread_pct: Number(es.spreadPct.toFixed(1)),
    ratio_once_vs_each: Number((os.median / es.median).toFixed(2)),
    batch_once_wall_prints_per_s: wall('once'),
    print_by_print_wall_prints_per_s: wall('each'),
    apply_trades_prints_per_s: Math.round(as.median),
    plain_prints_per_s: ps ? Math.round(ps.median) : null,
    plain_spread_pct: ps ? Number(ps.spreadPct.toFixed(1)) : null,
    ratio_apply_trades_vs_plain: ps ? Number((as.median / ps.median).toFixed(2)) : null,
    gcs_during_10m_prints_batch_once: gcs.minor + gcs.major,
    rounds,
    loadavg_1m_start: Number(load0.toFixed(1)),
    loadavg_1m_end: Number(load1.toFixed(1)),
  };
}

async function loadPlain(): Promise<PlainConstructor | null> {
  const file = join(dirname(fileURLToPath(import.meta.url)), 'plain-index.ts');
  if (!existsSync(file)) return null;
  const mod = (await import(pathToFileURL(file).href)) as { PlainIncrementalIndex?: PlainConstructor };
  return mod.PlainIncrementalIndex ?? null;
}

export async function batchOnceBench(full: boolean): Promise<Row[]> {
  const rounds = full ? 11 : 5;
  const Plain = await loadPlain();
  const miners = await loadBasketFile(defaultBasketPaths()[0]!);
  const rows: Row[] = [];
  for (const [name, basket] of [[`default basket (${miners.id})`, miners], ['generated 500', generatedBasket(500)]] as const) {
    for (const runSize of RUN_SIZES) rows.push(await measure(name, basket, runSize, rounds, Plain));
  }
  const table = markdownTable(
    ['case', 'prints per run', 'batch-once (prints per CPU-s)', 'print by print', 'once ÷ each', 'applyTrades (picks)', 'plain incremental (objects)', 'applyTrades ÷ plain', 'GCs / 10 M prints', 'load avg'],
    rows.map((r) => [
      r.case,
      String(r.run_size),
      `${human(r.batch_once_prints_per_s)} (±${r.batch_once_spread_pct}%)`,
      `${human(r.print_by_print_prints_per_s)} (±${r.print_by_print_spread_pct}%)`,
      `${r.ratio_once_vs_each}×`,
      human(r.apply_trades_prints_per_s),
      r.plain_prints_per_s === null ? 'n/a (plain-index.ts absent)' : `${human(r.plain_prints_per_s)} (±${r.plain_spread_pct}%)`,
      r.ratio_apply_trades_vs_plain === null ? '' : `${r.ratio_apply_trades_vs_plain}×`,
      String(r.gcs_during_10m_prints_batch_once),
      `${r.loadavg_1m_start} → ${r.loadavg_1m_end}`,
    ]),
  );
  console.log(table);
  console.log(`(sink ${sink.toFixed(3)})`);
  writeResults('engine-batch-once', rows, table, [
    `Command: \`npx tsx bench/engine/batch-once.bench.ts${full ? ' --full' : ''}\`. Prints per CPU-second of the bench process (wall-clock rates in the JSON), median of ${rounds} rounds (spread = (max − min) / median); variants alternated and rotated round by round in one process.`,
    'Input: the engine bench\'s fixed stream (1,024,000 prints, random constituent, random-walk prices within ±5% of the reference), cut into runs of the given size; a share-count event and a dirty drain after every 1,000 prints in every variant.',
    'batch-once = IndexEngine.applyTradesBatchOnce (each printed member updated once per run with its last print; print by print if the run could reach a milestone bound); print by print = applyTradesPrintByPrint; applyTrades = what the gate calls (batch-once from 16 prints per member in a run, print by print below). Both engines\' states are compared after the rounds and must be identical.',
  ]);
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await batchOnceBench(process.argv.includes('--full'));
}
