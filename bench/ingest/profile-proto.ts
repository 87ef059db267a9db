/**
 * CPU profile of the end-to-end protobuf ingest path (decode → gate → engine), self time per function:
 *
 *   npx tsx bench/ingest/profile-proto.ts [generated|hand|columns] [seconds]
 *
 * `columns` is the server's path (decoded straight into the gate's columns); `hand` the same decoder
 * making Tick objects; `generated` protobufjs.
 *
 * Profiles in-process through node:inspector (the same sampling profiler as `node --cpu-prof`), after a
 * warm-up, and writes the raw profile to <tmpdir>/hashcap-ingest-proto-<decoder>.cpuprofile for Chrome
 * DevTools or speedscope.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wire } from '../../proto/wire.ts';
import { MarketEngine } from '../../server/engine/market-engine.ts';
import { IngestGate } from '../../server/ingest/gate.ts';
import { WireDecoder } from '../../server/tick/wire-decoder.ts';
import { MarketSimulator } from '../../server/sources/simulator/simulator.ts';
import { defaultBasketPaths, loadBasketFile } from '../../server/market/basket-file.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
}

const decoderName = process.argv[2] === 'hand' || process.argv[2] === 'columns' ? process.argv[2] : 'generated';
const seconds = Number(process.argv[3] ?? 5);
const basket = await loadBasketFile(defaultBasketPaths()[0]!);
const startMs = Date.parse('2026-11-20T14:30:00Z');
const sim = new MarketSimulator(basket.constituents, { seed: 7, startTimeMs: startMs, rate: 1_000_000 });
const batches: Uint8Array[] = [];
let lastMs = 0;
for (let b = 0; b < 128; b++) {
  const ticks = sim.nextBatch(1000, startMs + 3_600_000);
  lastMs = ticks[ticks.length - 1]!.timeMs!;
  batches.push(wire.IngestBatch.encode({ batchId: b + 1, ticks }).finish());
}
const market = new MarketEngine([basket]);
const gate = new IngestGate(market, { now: () => lastMs + 86_400_000 });
const hand = new WireDecoder();
let pass = 0;
const run = (): void => {
  const publisher = `profile-${pass++}`;
  for (const bytes of batches) {
    if (decoderName === 'columns') {
      hand.ingestBatchInto(bytes, gate.input);
      if (gate.applyInput(publisher).accepted !== gate.input.length) throw new Error('fixtures refused');
    } else {
      const ticks = decoderName === 'hand' ? hand.ingestBatch(bytes).ticks : wire.IngestBatch.decode(bytes).ticks;
      if (gate.apply(publisher, ticks).accepted !== ticks.length) throw new Error('fixtures refused');
    }
    market.drainDirtySymbols();
  }
};
for (let i = 0; i < 10; i++) run();

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
const t0 = performance.now();
let ticks = 0;
while (performance.now() - t0 < seconds * 1000) {
  run();
  ticks += batches.length * 1000;
}
const elapsed = performance.now() - t0;
const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
session.disconnect();

const out = join(tmpdir(), `hashcap-ingest-proto-${decoderName}.cpuprofile`);
writeFileSync(out, JSON.stringify(profile));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
for (const id of profile.samples) {
  const f = byId.get(id)!.callFrame;
  const key = `${f.functionName || '(anonymous)'}  ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + 1);
}
console.log(`decoder: ${decoderName}; ${((ticks / elapsed) * 1000 / 1e6).toFixed(2)} M ticks/s while profiling; ${profile.samples.length} samples; ${out}`);
for (const [key, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  console.log(`${((100 * n) / profile.samples.length).toFixed(1).padStart(5)}%  ${key}`);
}
