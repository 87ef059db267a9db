import { wire, type hashcap } from '../../proto/wire.ts';
import { MarketEngine } from '../../server/engine/market-engine.ts';
import { decodeIngestBatch, encodeIngestBatch } from '../../server/tick/codec.ts';
import { IngestGate, type ApplyResult } from '../../server/ingest/gate.ts';
import { TickColumns } from '../../server/tick/tick-columns.ts';
import { WireDecoder } from '../../server/tick/wire-decoder.ts';
import { MarketSimulator } from '../../server/sources/simulator/simulator.ts';
import { defaultBasketPaths, loadBasketFile } from '../../server/market/basket-file.ts';
import type { Basket } from '../../server/market/basket-types.ts';
import { loadavg } from 'node:os';
import { countGcs, forceGc } from '../lib/gc-watch.ts';
import { machine, markdownTable, writeChart, writeResults } from '../lib/report.ts';
import { chartDocument, type BarPanel } from '../lib/svg-chart.ts';
import { socketEndToEnd, type SocketE2eRow } from './socket-e2e.ts';
import { human, summarize } from '../lib/stats.ts';

/**
 * End-to-end ingest: a publisher's batch of 1,000 ticks decoded (protobuf or JSON), validated by the
 * ingest gate and applied to the market engine (default miners basket), the engine's dirty sets drained
 * after every batch as the feed does. Variants alternate round by round in one process; every variant
 * runs over the same fixed batches.
 *
 * Valid input round after round: the gate refuses a seq at or below the last one per (publisher,
 * symbol), and times more than 5 s ahead of its clock. Every pass over the fixtures therefore uses a
 * fresh publisher id (the seqs, which the simulator numbers per symbol, stay checked and increasing
 * within a pass), and the gate's clock is fixed one day after the fixtures' last tick. Each pass checks
 * that all of its ticks were accepted.
 *
 * Measurements are short (~0.1 s) and many (21 rounds, 61 with --full), so that on a shared machine
 * the variants of one round see about the same interference; ratios are medians of the per-round
 * ratios. Each round is also timed in process CPU time, which time spent descheduled does not inflate.
 */

const BATCH = 1000;
const FIXTURE_BATCHES = 128;
const FIXTURE_TICKS = BATCH * FIXTURE_BATCHES;
/** Regular session, 2026-11-20 09:30 New York. */
const START_MS = Date.parse('2026-11-20T14:30:00Z');
const SEED = 7;
/** The simulator's rate for fixtures and its own row: the top of the design's range (1 M quotes/s). */
const SIM_RATE = 1_000_000;

let sink = 0;

interface Fixtures {
  readonly proto: Uint8Array[];
  readonly json: string[];
  /** The same batches as a JSON publisher would write them by hand: JSON.stringify, numbers as numbers. */
  readonly plainJson: string[];
  /** The same batches decoded by the generated code and by the hand-written decoder (gate-only rows). */
  readonly generated: hashcap.v1.ITick[][];
  readonly handDecoded: hashcap.v1.ITick[][];
  readonly lastTimeMs: number;
  readonly protoBytes: number;
  readonly jsonBytes: number;
}

function simulator(basket: Basket): MarketSimulator {
  return new MarketSimulator(basket.constituents, { seed: SEED, startTimeMs: START_MS, rate: SIM_RATE });
}

function fixtures(basket: Basket): Fixtures {
  const sim = simulator(basket);
  const decoder = new WireDecoder();
  const proto: Uint8Array[] = [];
  const json: string[] = [];
  const plainJson: string[] = [];
  const generated: hashcap.v1.ITick[][] = [];
  const handDecoded: hashcap.v1.ITick[][] = [];
  let lastTimeMs = 0;
  let protoBytes = 0;
  let jsonBytes = 0;
  for (let b = 0; b < FIXTURE_BATCHES; b++) {
    const ticks = sim.nextBatch(BATCH, START_MS + 3_600_000);
    if (ticks.length !== BATCH) throw new Error(`simulator gave ${ticks.length} ticks, expected ${BATCH}`);
    lastTimeMs = Math.max(lastTimeMs, ticks[ticks.length - 1]!.timeMs!);
    const batch = { batchId: b + 1, ticks };
    const bytes = encodeIngestBatch(batch, 'proto');
    const text = encodeIngestBatch(batch, 'json');
    proto.push(bytes);
    json.push(text);
    plainJson.push(JSON.stringify(batch));
    // Copies, kept for the whole run: were the decoders' own objects kept alive this long, V8 would
    // start allocating those decoders' ticks straight in the old generation (allocation-site
    // pretenuring), slowing down the decode variants, which a server never does to itself.
    generated.push(wire.IngestBatch.decode(bytes).ticks.map((t) => wire.Tick.fromObject(wire.Tick.toObject(t as hashcap.v1.Tick))));
    handDecoded.push(decoder.ingestBatch(bytes).ticks.map((t) => ({ ...t })));
    protoBytes += bytes.length;
    jsonBytes += Buffer.byteLength(text);
  }
  return { proto, json, plainJson, generated, handDecoded, lastTimeMs, protoBytes, jsonBytes };
}

/** One engine + gate for all variants; publishers differ per pass. */
class Pipeline {
  readonly market: MarketEngine;
  readonly gate: IngestGate;
  private readonly dirty: Int32Array;
  private pass: number;

  constructor(basket: Basket, nowMs: number) {
    this.market = new MarketEngine([basket]);
    this.gate = new IngestGate(this.market, { now: () => nowMs });
    this.dirty = new Int32Array(Math.max(1, ...this.market.indexes.map((ix) => ix.capacity)));
    this.pass = 0;
  }

  publisher(variant: string): string {
    return `bench-${variant}-${this.pass++}`;
  }

  apply(publisher: string, ticks: readonly hashcap.v1.ITick[]): void {
    this.settle(this.gate.apply(publisher, ticks), ticks.length);
  }

  /** The server's protobuf path: the batch decoded straight into the gate's columns, then checked and applied. */
  applyBytes(publisher: string, decoder: WireDecoder, bytes: Uint8Array): void {
    decoder.ingestBatchInto(bytes, this.gate.input);
    this.settle(this.gate.applyInput(publisher), this.gate.input.length);
  }

  private settle(result: ApplyResult, count: number): void {
    if (result.accepted !== count) {
      const r = result.rejected[0];
      throw new Error(`the gate refused ${count - result.accepted} ticks (first: ${r?.reasonName} ${r?.detail}): fixtures are not valid`);
    }
    this.market.drainDirtySymbols();
    for (const ix of this.market.indexes) ix.drainDirtyInto(this.dirty);
  }
}

interface Variant {
  readonly name: string;
  /** Baseline variant name, for the ratio column. */
  readonly baseline: string | null;
  /** Passes over the fixtures per measurement (2 for the fast variants: each measurement is ~0.1 s). */
  readonly passes: number;
  readonly run: () => void;
}

interface Row {
  case: string;
  ticks_per_s: number;
  ticks_per_s_min: number;
  ticks_per_s_max: number;
  spread_pct: number;
  baseline: string | null;
  baseline_ticks_per_s: number | null;
  ratio: number | null;
  /** The same, per second of process CPU time (medians). */
  cpu_ticks_per_s: number;
  cpu_ratio: number | null;
  rounds: number;
  batch_ticks: number;
  gcs_per_million_ticks: number | null;
}

/**
 * Ticks per second of wall-clock time, and per second of this process's CPU time (user + system):
 * the second is not inflated by time spent descheduled when other processes share the cores.
 */
function timed(fn: () => void, ticks: number): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  fn();
  const ns = Number(process.hrtime.bigint() - t0);
  const c = process.cpuUsage(c0);
  return { wall: (ticks / ns) * 1e9, cpu: (ticks / (c.user + c.system)) * 1e6 };
}

const PROTO_E2E = 'protobuf: decode (generated) + gate + engine';
const PROTO_HAND_E2E = 'protobuf: decode (hand-written, into columns) + gate + engine';
const PROTO_TICKS_E2E = 'protobuf: decode (hand-written) to Tick objects + gate + engine';
const JSON_E2E = 'json: codec (parse + check + fromObject) + gate + engine';
const JSON_RAW_E2E = 'json: JSON.parse + fromObject + gate + engine';
const JSON_PLAIN_E2E = 'json: plain JSON.parse + gate + engine';
const JSON_PARSE_ONLY = 'JSON.parse only';
const PROTO_DECODE = 'protobuf decode only (generated)';
const PROTO_HAND_DECODE = 'protobuf decode only (hand-written, into columns)';
const GATE_ONLY = 'gate + engine only (generated ticks)';
const GATE_ONLY_HAND = 'gate + engine only (hand-decoded ticks as objects)';
const SIMULATOR = 'simulator nextBatch(1000)';

export async function ingestBench(full: boolean): Promise<Row[]> {
  const rounds = full ? 61 : 21;
  const loadBefore = loadavg()[0]!;
  const basket = await loadBasketFile(defaultBasketPaths()[0]!);
  const fx = fixtures(basket);
  const pipeline = new Pipeline(basket, fx.lastTimeMs + 86_400_000);
  const decoder = new WireDecoder();
  // Decode-only rows write into columns of their own (symbol ids of the same market).
  const decodeColumns = new TickColumns(pipeline.market);
  const sim = simulator(basket);
  // Far enough ahead that the simulator never runs dry: every call returns a full batch.
  const simUntil = START_MS + 30 * 86_400_000;

  const e2e = (variant: string, decode: (b: number) => readonly hashcap.v1.ITick[]) => () => {
    const publisher = pipeline.publisher(variant);
    for (let b = 0; b < FIXTURE_BATCHES; b++) pipeline.apply(publisher, decode(b));
  };
  const variants: Variant[] = [
    { name: PROTO_E2E, baseline: JSON_E2E, passes: 2, run: e2e('proto', (b) => wire.IngestBatch.decode(fx.proto[b]!).ticks) },
    {
      name: PROTO_HAND_E2E,
      baseline: JSON_E2E,
      passes: 2,
      run: () => {
        const publisher = pipeline.publisher('hand');
        for (let b = 0; b < FIXTURE_BATCHES; b++) pipeline.applyBytes(publisher, decoder, fx.proto[b]!);
      },
    },
    // What the columns replaced: a Tick object per tick, which the gate then reads back into its columns.
    { name: PROTO_TICKS_E2E, baseline: JSON_E2E, passes: 2, run: e2e('handticks', (b) => decoder.ingestBatch(fx.proto[b]!).ticks) },
    { name: JSON_E2E, baseline: JSON_E2E, passes: 1, run: e2e('json', (b) => decodeIngestBatch(fx.json[b]!, 'json').ticks ?? []) },
    {
      name: JSON_RAW_E2E,
      baseline: JSON_E2E,
      passes: 1,
      run: e2e('jsonraw', (b) => wire.IngestBatch.fromObject(JSON.parse(fx.json[b]!) as Record<string, unknown>).ticks),
    },
    {
      // The fastest JSON path there is: the parsed objects straight to the gate (which checks every field).
      name: JSON_PLAIN_E2E,
      baseline: JSON_E2E,
      passes: 1,
      run: e2e('jsonplain', (b) => (JSON.parse(fx.plainJson[b]!) as { ticks: unknown[] }).ticks as hashcap.v1.ITick[]),
    },
    {
      name: JSON_PARSE_ONLY,
      baseline: PROTO_HAND_DECODE,
      passes: 1,
      run: () => {
        for (let b = 0; b < FIXTURE_BATCHES; b++) sink += (JSON.parse(fx.plainJson[b]!) as { ticks: unknown[] }).ticks.length;
      },
    },
    {
      name: PROTO_DECODE,
      baseline: PROTO_E2E,
      passes: 2,
      run: () => {
        for (let b = 0; b < FIXTURE_BATCHES; b++) sink += wire.IngestBatch.decode(fx.proto[b]!).ticks.length;
      },
    },
    {
      name: PROTO_HAND_DECODE,
      baseline: PROTO_E2E,
      passes: 2,
      run: () => {
        for (let b = 0; b < FIXTURE_BATCHES; b++) sink += decoder.ingestBatchInto(fx.proto[b]!, decodeColumns) + decodeColumns.length;
      },
    },
    { name: GATE_ONLY, baseline: PROTO_E2E, passes: 2, run: e2e('gate', (b) => fx.generated[b]!) },
    { name: GATE_ONLY_HAND, baseline: PROTO_E2E, passes: 2, run: e2e('gatehand', (b) => fx.handDecoded[b]!) },
    {
      name: SIMULATOR,
      baseline: PROTO_E2E,
      passes: 2,
      run: () => {
        for (let b = 0; b < FIXTURE_BATCHES; b++) sink += sim.nextBatch(BATCH, simUntil).length;
      },
    },
  ];

  // Warm-up: every variant optimised (and the fixtures proven valid) before anything is timed.
  for (let i = 0; i < 3; i++) for (const v of variants) v.run();

  const samples = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  const cpuSamples = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  for (let r = 0; r < rounds; r++) {
    // Alternate: each round starts with a different variant.
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(k + r) % variants.length]!;
      const t = timed(() => {
        for (let p = 0; p < v.passes; p++) v.run();
      }, v.passes * FIXTURE_TICKS);
      samples.get(v.name)!.push(t.wall);
      cpuSamples.get(v.name)!.push(t.cpu);
    }
  }

  // Garbage per tick: GCs while running ~1M ticks of each end-to-end variant. Each count starts from
  // a full GC, so no variant is charged for the young generation the one before it left half full.
  const gcs = new Map<string, number>();
  for (const v of variants) {
    const passes = Math.max(1, Math.round(1_000_000 / FIXTURE_TICKS));
    forceGc();
    const counted = await countGcs(() => {
      for (let p = 0; p < passes; p++) v.run();
    });
    gcs.set(v.name, ((counted.minor + counted.major) * 1_000_000) / (passes * FIXTURE_TICKS));
  }

  const medians = new Map([...samples].map(([name, s]) => [name, summarize(s).median]));
  const cpuMedians = new Map([...cpuSamples].map(([name, s]) => [name, summarize(s).median]));
  /** Median over rounds of a/b measured in the same round: both saw about the same interference. */
  const pairedRatio = (from: Map<string, number[]>, a: string, b: string): number => {
    const xs = from.get(a)!;
    const ys = from.get(b)!;
    return summarize(xs.map((x, i) => x / ys[i]!)).median;
  };
  const rows: Row[] = variants.map((v) => {
    const s = summarize(samples.get(v.name)!);
    const base = v.baseline === null ? null : medians.get(v.baseline)!;
    const cpu = cpuMedians.get(v.name)!;
    return {
      case: v.name,
      ticks_per_s: Math.round(s.median),
      ticks_per_s_min: Math.round(s.min),
      ticks_per_s_max: Math.round(s.max),
      spread_pct: Number(s.spreadPct.toFixed(1)),
      baseline: v.baseline,
      baseline_ticks_per_s: base === null ? null : Math.round(base),
      ratio: v.baseline === null ? null : Number(pairedRatio(samples, v.name, v.baseline).toFixed(2)),
      cpu_ticks_per_s: Math.round(cpu),
      cpu_ratio: v.baseline === null ? null : Number(pairedRatio(cpuSamples, v.name, v.baseline).toFixed(2)),
      rounds,
      batch_ticks: BATCH,
      gcs_per_million_ticks: Number(gcs.get(v.name)!.toFixed(1)),
    };
  });

  const table = markdownTable(
    ['case', 'ticks/s (median)', 'best round', 'spread', 'per CPU-second (median)', 'baseline', 'ratio (wall / per CPU-s)', 'GCs per 1M ticks'],
    rows.map((r) => [
      r.case,
      human(r.ticks_per_s),
      human(r.ticks_per_s_max),
      `${r.spread_pct}%`,
      human(r.cpu_ticks_per_s),
      r.baseline === null ? '—' : `${r.baseline} (${human(r.baseline_ticks_per_s!)})`,
      r.ratio === null ? '—' : `${r.ratio}× / ${r.cpu_ratio}×`,
      String(r.gcs_per_million_ticks),
    ]),
  );
  const ratio = (a: string, b: string) => pairedRatio(samples, a, b).toFixed(2);
  const ratioCpu = (a: string, b: string) => pairedRatio(cpuSamples, a, b).toFixed(2);
  const notes = [
    `Command: \`npm run bench -- ingest${full ? ' --full' : ''}\`. ${rounds} rounds, the ${variants.length} variants alternated (each round starts with the next one); spread = (max − min) / median.`,
    `Input: ${FIXTURE_BATCHES} fixed batches of ${BATCH} ticks from the simulator (seed ${SEED}, ${SIM_RATE.toLocaleString('en-US')} ticks/s, 2026-11-20 from 09:30 New York, 40% trades), ` +
      `${(fx.protoBytes / FIXTURE_BATCHES / BATCH).toFixed(1)} bytes per tick as protobuf, ${(fx.jsonBytes / FIXTURE_BATCHES / BATCH).toFixed(1)} as JSON; default miners basket (${basket.constituents.length} constituents).`,
    'Valid input every round: each pass over the fixtures is sent under a fresh publisher id (seqs stay checked and increasing within a pass) and the gate clock is one day after the last tick; every pass asserts that all ticks were accepted.',
    `Ratios are medians over the rounds of the ratio measured within a round (both variants saw about the same interference). Protobuf / JSON end to end: ${ratio(PROTO_E2E, JSON_E2E)}× with the generated decoder, ${ratio(PROTO_HAND_E2E, JSON_E2E)}× with the hand-written one (server/tick/wire-decoder.ts, into the gate's columns; ${ratio(PROTO_TICKS_E2E, JSON_E2E)}× when it makes Tick objects instead); against plain JSON.parse straight into the gate ${ratio(PROTO_HAND_E2E, JSON_PLAIN_E2E)}× (per CPU-second ${ratioCpu(PROTO_HAND_E2E, JSON_PLAIN_E2E)}×); hand-written protobuf decode alone / JSON.parse alone ${ratio(PROTO_HAND_DECODE, JSON_PARSE_ONLY)}×. Hand-written / generated decoder: end to end ${ratio(PROTO_HAND_E2E, PROTO_E2E)}× (per CPU-second ${ratioCpu(PROTO_HAND_E2E, PROTO_E2E)}×), decode alone ${ratio(PROTO_HAND_DECODE, PROTO_DECODE)}× (${ratioCpu(PROTO_HAND_DECODE, PROTO_DECODE)}×).`,
    `Load average (1 min) before → after: ${loadBefore.toFixed(2)} → ${loadavg()[0]!.toFixed(2)} on ${machine().cores} cores. With other processes competing for the cores, wall-clock medians understate and scatter; "per CPU-second" divides by this process's CPU time (user + system, including V8's GC threads) and is the steadier comparison then.`,
    'Profile of the protobuf path: `npx tsx bench/ingest/profile-proto.ts [generated|hand|columns]`.',
  ];
  console.log(table);
  for (const n of notes.slice(2)) console.log(n);
  console.log(`(sink ${sink})`);

  // Through the sockets, with the feed, frame encode and publish: a real server in its own process.
  const socketRows = await socketEndToEnd({ ticksPerBatch: [1, 10, 1000], seconds: full ? 5 : 2, warmupS: full ? 1 : 0.5, rounds: full ? 3 : 1, pin: true });
  const socketTable = socketMarkdown(socketRows);
  console.log(`\n${socketTable}\n`);
  const socketNotes = [
    `Through the sockets (bench/ingest/socket-e2e.ts, ${full ? 3 : 1} round(s) of ${full ? 5 : 2} s per batch size): a hashcap server (uWS, no simulator) in its own process, pinned to its own core where there are two; a publisher keeps a fixed number of pre-encoded batches in flight over /v1/ingest (tick times set at send); one subscriber on index.miners counts the deltas and checks their seq. Per server CPU-second = batches or ticks ÷ the server process's CPU time (/proc utime + stime) in the window: what the server's path costs, whatever the generator managed.`,
    'Targets (issue 15): ≥ 5 M ticks per CPU-second at 1,000 ticks per batch; ≥ 200 k batches/s at 1 tick per batch. Chart: bench/results/ingest.svg.',
  ];
  writeResults('ingest', [...rows, ...socketRows], `${table}\n\n${socketTable}`, [...notes, ...socketNotes]);
  writeChart('ingest', ingestChart(rows, socketRows));
  return rows;
}

function socketMarkdown(rows: readonly SocketE2eRow[]): string {
  const sizes = [...new Set(rows.map((r) => r.ticks_per_batch))];
  return markdownTable(
    ['end to end through the sockets', 'batches/s (wall)', 'ticks/s (wall)', 'batches per server CPU-second', 'ticks per server CPU-second', 'server CPU', 'generator CPU', 'deltas per batch', 'seq gaps'],
    sizes.map((n) => {
      const g = rows.filter((r) => r.ticks_per_batch === n);
      const cell = (get: (r: SocketE2eRow) => number) => {
        const s = summarize(g.map(get));
        return g.length > 1 ? `${human(s.median)} (±${s.spreadPct.toFixed(0)}%)` : human(s.median);
      };
      return [
        `${n} tick${n === 1 ? '' : 's'} per batch`,
        cell((r) => r.batches_per_s),
        cell((r) => r.ticks_per_s),
        cell((r) => r.batches_per_server_cpu_s),
        cell((r) => r.ticks_per_server_cpu_s),
        `${summarize(g.map((r) => r.server_cpu_pct)).median.toFixed(0)}%`,
        `${summarize(g.map((r) => r.generator_cpu_pct)).median.toFixed(0)}%`,
        String(summarize(g.map((r) => r.deltas_per_batch)).median),
        String(g.reduce((s, r) => s + r.seq_gaps, 0)),
      ];
    }),
  );
}

function ingestChart(rows: readonly Row[], socketRows: readonly SocketE2eRow[]): string {
  const inProcess: BarPanel = {
    kind: 'bar',
    title: 'In process, batches of 1,000 ticks',
    unit: 'ticks per CPU-second, median',
    bars: rows.map((r) => ({ label: r.case.length > 48 ? `${r.case.slice(0, 47)}…` : r.case, value: r.cpu_ticks_per_s, highlight: r.case === PROTO_HAND_E2E })),
  };
  const sizes = [...new Set(socketRows.map((r) => r.ticks_per_batch))];
  const through: BarPanel = {
    kind: 'bar',
    title: 'Through the sockets, with feed and publish',
    unit: 'ticks per server CPU-second',
    xLog: true,
    bars: sizes.map((n) => {
      const g = socketRows.filter((r) => r.ticks_per_batch === n).map((r) => r.ticks_per_server_cpu_s);
      const s = summarize(g);
      return { label: `${n} tick${n === 1 ? '' : 's'} per batch`, value: s.median, min: s.min, max: s.max, highlight: true, note: `${human(s.median)} ticks, ${human(s.median / n)} batches` };
    }),
  };
  return chartDocument([inProcess, through], { columns: 1, panelWidth: 720 });
}
