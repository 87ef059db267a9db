import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import protobuf from 'protobufjs';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { wire, type hashcap } from '../../proto/wire.ts';
import { HashcapError } from '../../server/errors.ts';
import { MarketEngine } from '../../server/engine/market-engine.ts';
import { IngestGate } from '../../server/ingest/gate.ts';
import { IngestPipeline } from '../../server/ingest/pipeline.ts';
import { MarketSimulator } from '../../server/sources/simulator/simulator.ts';
import { RecordingCode, RecordingError } from '../../server/sources/recording/errors.ts';
import { BINARY_MAGIC } from '../../server/sources/recording/format.ts';
import { canonicalTick, type Tick } from '../../server/tick/tick.ts';
import { makeSampleDay, SAMPLE_DAY_PATH } from '../../server/sources/recording/make-sample.ts';
import { Recorder, type RecorderOptions } from '../../server/sources/recording/recorder.ts';
import { readRecording, RecordingReader, type RecordedBatch } from '../../server/sources/recording/reader.ts';
import { WireDecodeError, WireDecoder } from '../../server/tick/wire-decoder.ts';
import { defaultBasketPaths, loadBasketFile } from '../../server/market/basket-file.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TMP = mkdtempSync(join(tmpdir(), 'hashcap-recording-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

let fileCounter = 0;
const tmpFile = (name: string) => join(TMP, `${fileCounter++}-${name}`);

const basket = await loadBasketFile(defaultBasketPaths()[0]!);
const OPEN_MS = Date.parse('2026-11-20T14:30:00Z');

interface Batch {
  readonly publisher: string;
  readonly ticks: readonly hashcap.v1.ITick[];
}

/** Simulated ticks over `seconds` from the open, cut into 100 ms batches (empty ones left out). */
function simulatedBatches(seconds: number, rate: number, publisher = 'simulator'): Batch[] {
  const sim = new MarketSimulator(basket.constituents, { seed: 7, startTimeMs: OPEN_MS, rate });
  const out: Batch[] = [];
  for (let t = OPEN_MS + 100; t <= OPEN_MS + seconds * 1000; t += 100) {
    const ticks = sim.nextBatch(10_000, t);
    if (ticks.length > 0) out.push({ publisher, ticks });
  }
  return out;
}

function record(path: string, batches: readonly Batch[], options: RecorderOptions = {}): Recorder {
  const recorder = Recorder.open(path, { basket: 'miners', startedMs: OPEN_MS, flushIntervalMs: 0, ...options });
  for (const b of batches) recorder.record(b.publisher, b.ticks);
  recorder.close();
  return recorder;
}

/** What a reader must give back for `batches`: canonical ticks, numbered batches. */
function expected(batches: readonly Batch[]): { publisher: string; batchId: number; ticks: Tick[] }[] {
  return batches.map((b, i) => ({ publisher: b.publisher, batchId: i + 1, ticks: b.ticks.map(canonicalTick) }));
}

function strip(batches: readonly RecordedBatch[]): { publisher: string; batchId: number; ticks: Tick[] }[] {
  return batches.map((b) => ({ publisher: b.publisher, batchId: b.batchId, ticks: b.ticks.map((t) => ({ ...t, conditions: [...t.conditions] })) }));
}

/** Reads everything; returns the batches read before an error, and the error. */
async function readUntilError(path: string): Promise<{ batches: RecordedBatch[]; error: unknown }> {
  const batches: RecordedBatch[] = [];
  try {
    const reader = await RecordingReader.open(path);
    for await (const b of reader) batches.push(b);
    return { batches, error: null };
  } catch (error) {
    return { batches, error };
  }
}

async function expectRecordingError(path: string, code: RecordingCode): Promise<{ error: RecordingError; batches: RecordedBatch[] }> {
  const { batches, error } = await readUntilError(path);
  expect(error, `reading ${path}`).toBeInstanceOf(RecordingError);
  const e = error as RecordingError;
  expect(e.code, e.message).toBe(code);
  expect(e.message.startsWith(path)).toBe(true);
  return { error: e, batches };
}

const FORMATS = [
  ['NDJSON', 'day.ndjson'],
  ['NDJSON gzip', 'day.ndjson.gz'],
  ['binary', 'day.bin'],
  ['binary gzip', 'day.bin.gz'],
] as const;

describe('recorder → reader round trip', () => {
  const batches = simulatedBatches(10, 300);

  for (const [label, name] of FORMATS) {
    it(`${label}: gives back every batch, its publisher and its ticks exactly as recorded`, async () => {
      const path = tmpFile(name);
      const recorder = record(path, batches);
      expect(recorder.stats).toMatchObject({ batches: batches.length, ticks: batches.reduce((n, b) => n + b.ticks.length, 0), failed: null });
      const { header, batches: got } = await readRecording(path);
      expect(header).toEqual({
        version: 1,
        format: name.includes('.bin') ? 'binary' : 'ndjson',
        startedMs: OPEN_MS,
        basket: 'miners',
        compressed: name.endsWith('.gz'),
      });
      expect(strip(got)).toEqual(expected(batches));
      for (const b of got) expect(b.timeMs).toBe(Math.max(...b.ticks.map((t) => t.timeMs)));
    });
  }

  it('NDJSON: a header line, then each tick in the protobuf JSON mapping plus "batch" and "publisher"', async () => {
    const path = tmpFile('map.ndjson');
    const ticks: hashcap.v1.ITick[] = [
      { symbol: 'IREN', kind: wire.TickKind.TICK_TRADE, price: 48.45, size: 100, timeMs: OPEN_MS, seq: 9_007_199_254_740_991, conditions: ['@', 'T'] },
      { symbol: 'MARA', kind: wire.TickKind.TICK_QUOTE, bid: 15.8, ask: 15.9, bidSize: 300, askSize: 200, timeMs: OPEN_MS + 1 },
    ];
    record(path, [{ publisher: 'pub "1"', ticks }]);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines[0]).toBe('{"hashcap_recording":1,"format":"ndjson","started":"2026-11-20T14:30:00.000Z","basket":"miners"}');
    expect(lines[1]).toBe(
      '{"batch":1,"publisher":"pub \\"1\\"","symbol":"IREN","kind":"TICK_TRADE","price":48.45,"size":100,"timeMs":1795185000000,"seq":"9007199254740991","conditions":["@","T"]}',
    );
    expect(lines[3]).toBe('');
    for (const [i, line] of lines.slice(1, 3).entries()) {
      const { batch, publisher, ...tick } = JSON.parse(line) as Record<string, unknown>;
      expect(batch).toBe(1);
      expect(publisher).toBe('pub "1"');
      // What a protobuf library makes of the line is the tick that was recorded.
      const parsed = wire.Tick.toObject(wire.Tick.fromObject(tick), { longs: Number, enums: Number, defaults: true });
      expect(parsed).toEqual(wire.Tick.toObject(wire.Tick.fromObject(ticks[i]!), { longs: Number, enums: Number, defaults: true }));
    }
  });

  it('binary: what protobufjs makes of the file with recording.proto (compiled at runtime) is what the reader gives', async () => {
    const path = tmpFile('schema.bin');
    const small = batches.slice(0, 20);
    record(path, small);
    const root = new protobuf.Root();
    protobuf.parse(readFileSync(join(ROOT, 'proto', 'hashcap.proto'), 'utf8'), root, { keepCase: false });
    protobuf.parse(readFileSync(join(ROOT, 'server', 'sources', 'recording', 'recording.proto'), 'utf8'), root, { keepCase: false });
    root.resolveAll();
    const Header = root.lookupType('hashcap.recording.v1.RecordingHeader');
    const Chunk = root.lookupType('hashcap.recording.v1.RecordingChunk');
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 7).toString('latin1')).toBe(BINARY_MAGIC);
    const reader = protobuf.Reader.create(bytes.subarray(7));
    const toObject = { longs: Number, enums: Number, defaults: true } as const;
    expect(Header.toObject(Header.decodeDelimited(reader), toObject)).toEqual({ version: 1, startedMs: OPEN_MS, basket: 'miners' });
    const chunks: unknown[] = [];
    while (reader.pos < reader.len) chunks.push(Chunk.toObject(Chunk.decodeDelimited(reader), toObject));
    const { batches: got } = await readRecording(path);
    expect(chunks).toEqual(
      got.map((b) => ({
        publisher: b.publisher,
        batch: { batchId: b.batchId, ticks: b.ticks.map((t) => ({ ...t, conditions: [...t.conditions] })) },
      })),
    );
  });

  const doubleArb = fc.oneof(
    fc.double(),
    fc.constantFrom(0, -0, 0.1, 48.45, 1e-300, 5e-324, Number.MAX_VALUE, 1795185000000.5),
  );
  const tickArb: fc.Arbitrary<hashcap.v1.ITick> = fc.record(
    {
      symbol: fc.oneof(fc.constantFrom('IREN', 'MARA', 'BRK.B', ''), fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 })),
      kind: fc.oneof(fc.constantFrom(0, 1, 4, 5), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })) as fc.Arbitrary<hashcap.v1.TickKind>,
      price: doubleArb,
      size: doubleArb,
      bid: doubleArb,
      ask: doubleArb,
      bidSize: doubleArb,
      askSize: doubleArb,
      timeMs: doubleArb,
      seq: fc.oneof(fc.constantFrom(0, 1, 127, 128, 2 ** 32, Number.MAX_SAFE_INTEGER), fc.maxSafeNat()),
      conditions: fc.array(fc.oneof(fc.constantFrom('T', '@', ''), fc.string({ maxLength: 5 }), fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 3 }),
      originalSeq: fc.oneof(fc.constantFrom(0, 1, 128, Number.MAX_SAFE_INTEGER), fc.maxSafeNat()),
    },
    { requiredKeys: [] },
  );
  const batchesArb = fc.array(
    fc.record({ publisher: fc.oneof(fc.constantFrom('simulator', ''), fc.string({ maxLength: 20 })), ticks: fc.array(tickArb, { minLength: 1, maxLength: 5 }) }),
    { maxLength: 6 },
  );

  it('property: any ticks (every double, every kind number, any strings) round-trip in both formats', async () => {
    await fc.assert(
      fc.asyncProperty(batchesArb, fc.constantFrom('p.ndjson', 'p.bin'), async (bs, name) => {
        const path = tmpFile(name);
        record(path, bs);
        const { batches: got } = await readRecording(path);
        expect(strip(got)).toEqual(expected(bs));
      }),
      { numRuns: 150 },
    );
  });

  it('the hand-written decoder reads what the generated encoder writes like the generated decoder does', () => {
    fc.assert(
      fc.property(fc.array(tickArb, { maxLength: 5 }), fc.maxSafeNat(), (ticks, batchId) => {
        const bytes = wire.IngestBatch.encode({ batchId, ticks }).finish();
        const generated = wire.IngestBatch.decode(bytes);
        const hand = new WireDecoder().ingestBatch(bytes);
        expect(hand.batchId).toBe(generated.batchId);
        expect(hand.ticks.map((t) => ({ ...t, conditions: [...t.conditions] }))).toEqual(generated.ticks.map((t) => canonicalOf(t as hashcap.v1.Tick)));
        const message = new WireDecoder().publisherMessage(wire.PublisherMessage.encode({ batch: { batchId, ticks } }).finish());
        expect(message).toEqual(hand);
      }),
      { numRuns: 300 },
    );
    expect(new WireDecoder().publisherMessage(new Uint8Array(0))).toBeNull();
  });

  it('the hand-written decoder refuses malformed protobuf with a typed error and its offset, never anything else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        for (const decode of [(b: Uint8Array) => new WireDecoder().ingestBatch(b), (b: Uint8Array) => new WireDecoder().publisherMessage(b)]) {
          try {
            decode(bytes);
          } catch (error) {
            expect(error).toBeInstanceOf(WireDecodeError);
            expect((error as WireDecodeError).code).toBe('WIRE_DECODE');
            expect((error as WireDecodeError).offset).toBeGreaterThanOrEqual(0);
            expect((error as WireDecodeError).offset).toBeLessThanOrEqual(bytes.length);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});

/** A generated wire.Tick as a plain tick, field for field (defaults from its prototype; -0 kept). */
function canonicalOf(t: hashcap.v1.Tick): Tick {
  return {
    symbol: t.symbol,
    kind: t.kind,
    price: t.price,
    size: t.size,
    bid: t.bid,
    ask: t.ask,
    bidSize: t.bidSize,
    askSize: t.askSize,
    timeMs: t.timeMs,
    seq: Number(t.seq),
    conditions: [...t.conditions],
    originalSeq: Number(t.originalSeq),
  };
}

describe('what gets recorded', () => {
  it('a recorder listening to the ingest pipeline keeps only what the gate accepted, in order, with the publisher', async () => {
    const market = new MarketEngine([basket]);
    const gate = new IngestGate(market, { now: () => OPEN_MS + 60_000 });
    const path = tmpFile('gate.bin');
    const recorder = Recorder.open(path, { flushIntervalMs: 0 });
    const pipeline = new IngestPipeline(gate, [recorder]);
    const good = (seq: number, price: number) => ({ symbol: 'IREN', price, size: 100, timeMs: OPEN_MS + seq, seq });
    pipeline.apply('p1', [good(1, 48), { symbol: 'NOPE', price: 1, size: 1, timeMs: OPEN_MS }, good(2, 48.1), good(2, 48.2), good(3, 48.3)]);
    pipeline.apply('p2', [{ symbol: 'MARA', kind: 'TICK_QUOTE', bid: 15.8, ask: 15.9, timeMs: OPEN_MS }]);
    pipeline.apply('p2', [{ symbol: 'MARA', price: -1, timeMs: OPEN_MS }]); // all rejected: nothing recorded
    gate.apply('p3', [good(1, 50)]); // past the pipeline: not recorded
    recorder.close();
    const { batches } = await readRecording(path);
    expect(batches.map((b) => [b.publisher, b.batchId, b.ticks.map((t) => t.price || t.bid)])).toEqual([
      ['p1', 1, [48, 48.1, 48.3]],
      ['p2', 2, [15.8]],
    ]);
    expect(batches[1]!.ticks[0]!.kind).toBe(wire.TickKind.TICK_QUOTE);
  });
});

describe('cancels and corrections', () => {
  for (const name of ['corrections.ndjson', 'corrections.bin']) {
    it(`${name}: a recorded cancel and correction replay to the same engine state, tick for tick`, async () => {
      const live = new MarketEngine([basket]);
      const gate = new IngestGate(live, { now: () => OPEN_MS + 60_000 });
      const path = tmpFile(name);
      const recorder = Recorder.open(path, { flushIntervalMs: 0 });
      const pipeline = new IngestPipeline(gate, [recorder]);
      const at = (ms: number) => OPEN_MS + ms;
      const batches: { publisher: string; ticks: hashcap.v1.ITick[] }[] = [
        { publisher: 'a', ticks: [{ symbol: 'IREN', price: 48, size: 100, timeMs: at(1), seq: 1 }, { symbol: 'IREN', price: 48.4, size: 50, timeMs: at(2), seq: 2 }] },
        { publisher: 'b', ticks: [{ symbol: 'MARA', price: 15.9, size: 10, timeMs: at(3), seq: 7 }] },
        { publisher: 'a', ticks: [{ symbol: 'IREN', kind: wire.TickKind.TICK_CANCEL, timeMs: at(4), seq: 3, originalSeq: 2 }] },
        { publisher: 'b', ticks: [{ symbol: 'MARA', kind: wire.TickKind.TICK_CORRECTION, price: 15.7, size: 20, timeMs: at(5), seq: 8, originalSeq: 7 }] },
        // Refused (already cancelled): not recorded.
        { publisher: 'a', ticks: [{ symbol: 'IREN', kind: wire.TickKind.TICK_CANCEL, timeMs: at(6), seq: 4, originalSeq: 2 }] },
      ];
      for (const b of batches) pipeline.apply(b.publisher, b.ticks);
      recorder.close();
      expect(live.quote(live.symbolId('IREN')!).last).toBe(48);
      expect(live.quote(live.symbolId('MARA')!).last).toBe(15.7);

      const { batches: read } = await readRecording(path);
      expect(read.map((b) => b.ticks.map((t) => [t.kind, t.originalSeq]))).toEqual([
        [[0, 0], [0, 0]],
        [[0, 0]],
        [[wire.TickKind.TICK_CANCEL, 2]],
        [[wire.TickKind.TICK_CORRECTION, 7]],
      ]);
      const replayed = new MarketEngine([basket]);
      const replayGate = new IngestGate(replayed, { now: () => OPEN_MS + 60_000 });
      for (const b of read) expect(replayGate.apply(b.publisher, b.ticks).rejected).toEqual([]);
      const view = (m: MarketEngine) => ({
        indexes: m.indexes.map((ix) => ix.state()),
        constituents: m.indexes.map((ix) => ix.activeSlots().map((s) => ix.constituent(s))),
        quotes: m.allSymbols().map((sym) => m.quote(m.symbolId(sym)!)),
      });
      expect(view(replayed)).toEqual(view(live));
    });
  }
});

describe('buffering', () => {
  it('writes in buffer-sized blocks, never per tick or per batch, and flushes what is left on close', () => {
    const path = tmpFile('buffered.bin');
    const bufferBytes = 64 * 1024;
    const recorder = Recorder.open(path, { bufferBytes, flushIntervalMs: 0 });
    const sim = new MarketSimulator(basket.constituents, { seed: 3, startTimeMs: OPEN_MS, rate: 10_000 });
    const ticks = sim.nextBatch(20_000, OPEN_MS + 3_600_000);
    for (const t of ticks) {
      recorder.record('one-at-a-time', [t]);
      // Bounded: a full buffer is written out at once.
      expect(recorder.stats.bufferedBytes).toBeLessThan(bufferBytes);
    }
    const before = recorder.stats;
    expect(before.writes).toBeLessThanOrEqual(Math.ceil(before.bytesWritten / bufferBytes) + 1);
    expect(before.bufferedBytes).toBeGreaterThan(0);
    expect(statSync(path).size).toBe(before.bytesWritten);
    const after = recorder.close();
    expect(after.bufferedBytes).toBe(0);
    expect(statSync(path).size).toBe(after.bytesWritten);
    expect(after.bytesWritten).toBe(before.bytesWritten + before.bufferedBytes);
    expect(after).toMatchObject({ batches: ticks.length, ticks: ticks.length, writes: before.writes + 1, failed: null });
  });

  it('flushes on a timer, so a quiet feed still reaches the disk', async () => {
    const path = tmpFile('timer.ndjson');
    const recorder = Recorder.open(path, { flushIntervalMs: 20 });
    recorder.record('p', [{ symbol: 'IREN', price: 1, timeMs: OPEN_MS }]);
    const headerOnly = statSync(path).size;
    await new Promise((r) => setTimeout(r, 120));
    expect(statSync(path).size).toBeGreaterThan(headerOnly);
    recorder.close();
  });

  it('typed errors for a file it cannot create or write, and for bad options; record never throws after close', () => {
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e;
      }
      return null;
    };
    expect(err(() => Recorder.open(join(TMP, 'no', 'such', 'dir.bin')))).toMatchObject({ code: 'RECORDING_IO' });
    expect(err(() => Recorder.open('/dev/full', { onError: () => {} }))).toMatchObject({ code: 'RECORDING_IO' });
    expect(err(() => Recorder.open(tmpFile('x.bin'), { bufferBytes: 0 }))).toMatchObject({ code: 'RECORDING_OPTION' });
    expect(err(() => Recorder.open(tmpFile('x.bin'), { format: 'csv' as never }))).toMatchObject({ code: 'RECORDING_OPTION' });
    const recorder = Recorder.open(tmpFile('closed.bin'));
    recorder.close();
    recorder.record('p', [{ symbol: 'IREN', price: 1, timeMs: OPEN_MS }]);
    expect(recorder.stats.droppedTicks).toBe(1);
    expect(recorder.close().batches).toBe(0);
  });
});

describe('streaming read', () => {
  const big = simulatedBatches(30, 500);

  for (const name of ['big.bin', 'big.ndjson.gz']) {
    it(`${name}: the first batch comes after one read chunk, not after the whole file`, async () => {
      const path = tmpFile(name);
      record(path, big);
      const size = statSync(path).size;
      expect(size).toBeGreaterThan(8 * 64 * 1024);
      const reader = await RecordingReader.open(path, { chunkBytes: 64 * 1024 });
      const first = await reader.next();
      expect(first?.batchId).toBe(1);
      expect(reader.bytesRead).toBeLessThanOrEqual(2 * 64 * 1024);
      let n = 1;
      let maxRead = 0;
      for await (const b of reader) {
        n++;
        expect(b.batchId).toBe(n);
        maxRead = reader.bytesRead;
      }
      expect(n).toBe(big.length);
      expect(maxRead).toBe(size);
    });
  }
});

describe('corrupt files: typed errors with the file and the line or byte offset', () => {
  const batches = simulatedBatches(2, 20).slice(0, 6);

  async function ndjsonLines(): Promise<string[]> {
    const path = tmpFile('base.ndjson');
    record(path, batches);
    return readFileSync(path, 'utf8').split('\n');
  }

  it('NDJSON: a line that is not JSON, a wrong type, an unknown field', async () => {
    const lines = await ndjsonLines();
    const firstOfBatch3 = lines.findIndex((l) => l.startsWith('{"batch":3,'));
    const cases: [string, (l: string) => string, RegExp][] = [
      ['not JSON', (l) => l.slice(0, -3), /not valid JSON/],
      ['wrong type', (l) => l.replace(/"price":[0-9.]+/, '"price":"cheap"'), /price: must be a number, got a string "cheap"/],
      ['unknown field', (l) => l.replace('"symbol"', '"ticker"'), /unknown field "ticker"/],
      ['kind', (l) => l.replace(/"kind":"TICK_[A-Z]+"/, '"kind":"TICK_BOGUS"'), /kind: must be one of TICK_TRADE, TICK_QUOTE, .*, got a string "TICK_BOGUS"/],
      ['array', () => '[1,2]', /line: must be a JSON object/],
      ['doubled field', (l) => l.replace('"timeMs"', '"time_ms":1,"timeMs"'), /field timeMs is given twice/],
      ['no batch', (l) => l.replace(/"batch":\d+,/, ''), /batch: is missing/],
      ['publisher', (l) => l.replace('"publisher":"simulator"', '"publisher":7'), /publisher: must be a string/],
    ];
    for (const [label, mutate, message] of cases) {
      const path = tmpFile(`${label.replace(/ /g, '-')}.ndjson`);
      const copy = [...lines];
      copy[firstOfBatch3] = mutate(copy[firstOfBatch3]!);
      writeFileSync(path, copy.join('\n'));
      const { error, batches: before } = await expectRecordingError(path, RecordingCode.CORRUPT);
      expect(error.line, label).toBe(firstOfBatch3 + 1);
      expect(error.message, label).toContain(`${path}:${firstOfBatch3 + 1}: `);
      expect(error.message, label).toMatch(message);
      // Everything before the bad line was delivered.
      expect(before.map((b) => b.batchId), label).toEqual([1, 2]);
    }
  });

  it('NDJSON: a cut-off last line is RECORDING_TRUNCATED with its line; a file cut at a line end is fine', async () => {
    const lines = await ndjsonLines();
    const text = lines.join('\n');
    const lastLine = lines.length - 1; // the last element is '' after the final newline
    const { error, batches: before } = await expectRecordingError(
      (() => {
        const p = tmpFile('cut.ndjson');
        writeFileSync(p, text.slice(0, text.length - 10));
        return p;
      })(),
      RecordingCode.TRUNCATED,
    );
    expect(error.line).toBe(lastLine);
    expect(error.message).toMatch(/cut off/);
    expect(before.length).toBeGreaterThan(0);
    const whole = tmpFile('whole-lines.ndjson');
    writeFileSync(whole, lines.slice(0, 4).join('\n')); // last line complete, no final newline: accepted
    expect((await readUntilError(whole)).error).toBeNull();
  });

  it('NDJSON: header problems — not a recording, another version, bad fields — and batch order', async () => {
    const lines = await ndjsonLines();
    const write = (name: string, content: string | Buffer) => {
      const p = tmpFile(name);
      writeFileSync(p, content);
      return p;
    };
    expect((await expectRecordingError(write('v2.ndjson', lines.join('\n').replace('"hashcap_recording":1', '"hashcap_recording":2')), RecordingCode.VERSION)).error.line).toBe(1);
    expect((await expectRecordingError(write('nohdr.ndjson', lines.slice(1).join('\n')), RecordingCode.CORRUPT)).error.message).toMatch(
      /not a hashcap recording/,
    );
    await expectRecordingError(write('csv.ndjson', 'ticker,price\nIREN,1\n'), RecordingCode.CORRUPT);
    await expectRecordingError(write('empty.ndjson', ''), RecordingCode.CORRUPT);
    await expectRecordingError(write('started.ndjson', lines.join('\n').replace(/"started":"[^"]+"/, '"started":"yesterday"')), RecordingCode.CORRUPT);
    const swapped = [...lines];
    const b2 = swapped.findIndex((l) => l.startsWith('{"batch":2,'));
    swapped.splice(b2, 0, swapped.find((l) => l.startsWith('{"batch":5,'))!);
    const { error } = await expectRecordingError(write('order.ndjson', swapped.join('\n')), RecordingCode.CORRUPT);
    expect(error.line).toBe(b2 + 2);
    expect(error.message).toMatch(/batch numbers must increase/);
    const bad = Buffer.concat([Buffer.from(`${lines[0]}\n`), Buffer.from([0xff, 0xfe, 0x0a])]);
    expect((await expectRecordingError(write('utf8.ndjson', bad), RecordingCode.CORRUPT)).error.line).toBe(2);
    const long = `${lines[0]}\n${'x'.repeat(2 * 1024 * 1024)}`;
    expect((await expectRecordingError(write('long.ndjson', long), RecordingCode.CORRUPT)).error.message).toMatch(/longer than/);
  });

  it('binary: a file cut anywhere is RECORDING_TRUNCATED at the offset of the cut record, after the whole ones', async () => {
    const path = tmpFile('base.bin');
    record(path, batches);
    const bytes = readFileSync(path);
    const { batches: all } = await readRecording(path);
    const offsets = all.map((b) => b.offset!);
    const ends = [...offsets.slice(1), bytes.length];
    // Every cut in the magic and header and around each record boundary, and a stride elsewhere.
    const cuts = new Set<number>();
    for (let i = 0; i <= offsets[0]! + 16; i++) cuts.add(i);
    for (const o of ends) for (let d = -3; d <= 3; d++) if (o + d > 0 && o + d < bytes.length) cuts.add(o + d);
    for (let i = 0; i < bytes.length; i += 11) cuts.add(i);
    for (const cut of [...cuts].sort((a, b) => a - b)) {
      const p = tmpFile('cut.bin');
      writeFileSync(p, bytes.subarray(0, cut));
      const { batches: got, error } = await readUntilError(p);
      if (cut === 0) {
        expect(error).toMatchObject({ code: RecordingCode.CORRUPT });
        continue;
      }
      const whole = ends.filter((e) => e <= cut).length;
      if (ends.includes(cut) || cut === offsets[0]) {
        expect(error, `cut at ${cut}`).toBeNull();
      } else {
        expect(error, `cut at ${cut}`).toBeInstanceOf(RecordingError);
        const e = error as RecordingError;
        expect(e.code, `cut at ${cut}: ${e.message}`).toBe(RecordingCode.TRUNCATED);
        if (cut > offsets[0]!) expect(e.offset).toBe(offsets[whole]);
      }
      expect(got.length, `cut at ${cut}`).toBe(whole);
    }
  });

  it('binary: another version, a bad length, a bad field — each names its byte offset', async () => {
    const path = tmpFile('base.bin');
    record(path, batches);
    const bytes = readFileSync(path);
    const { batches: all } = await readRecording(path);
    const write = (name: string, content: Buffer) => {
      const p = tmpFile(name);
      writeFileSync(p, content);
      return p;
    };
    const v2 = Buffer.from(bytes);
    v2[5] = '2'.charCodeAt(0);
    expect((await expectRecordingError(write('v2.bin', v2), RecordingCode.VERSION)).error.message).toMatch(/version 2/);

    const third = all[2]!.offset!;
    const huge = Buffer.concat([bytes.subarray(0, third), Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]), bytes.subarray(third)]);
    const { error: e1, batches: before } = await expectRecordingError(write('huge.bin', huge), RecordingCode.CORRUPT);
    expect(e1.offset).toBe(third);
    expect(e1.message).toContain(`at byte ${third}: record length`);
    expect(before.length).toBe(2);

    // The first byte after the record's length prefix is the chunk's first tag: make it wire type 7.
    let firstTag = third;
    while (bytes[firstTag]! >= 0x80) firstTag++;
    firstTag++;
    const badTag = Buffer.from(bytes);
    badTag[firstTag] = 0x0f;
    const { error: e2 } = await expectRecordingError(write('tag.bin', badTag), RecordingCode.CORRUPT);
    expect(e2.offset).toBe(third);
    expect(e2.detail).toMatch(/wire type/);

    const notRec = write('text.bin', Buffer.from('hello, world\n'));
    expect((await expectRecordingError(notRec, RecordingCode.CORRUPT)).error.message).toMatch(/not a hashcap recording/);
    await expectRecordingError(write('magic-only.bin', Buffer.from(BINARY_MAGIC)), RecordingCode.TRUNCATED);
    await expectRecordingError(write('gz-cut.bin.gz', gzipSync(bytes).subarray(0, 200)), RecordingCode.TRUNCATED);
    const missing = join(TMP, 'missing.bin');
    await expect(RecordingReader.open(missing)).rejects.toMatchObject({ code: RecordingCode.IO });
  });
});

describe('garbage in: only typed errors', () => {
  const KNOWN: readonly string[] = Object.values(RecordingCode);

  async function onlyTypedErrors(content: Uint8Array, name: string): Promise<RecordingError | null> {
    const path = tmpFile(name);
    writeFileSync(path, content);
    const { error } = await readUntilError(path);
    if (error === null) return null;
    expect(error).toBeInstanceOf(HashcapError);
    expect(error).toBeInstanceOf(RecordingError);
    const e = error as RecordingError;
    expect(KNOWN).toContain(e.code);
    expect(e.message.startsWith(path)).toBe(true);
    return e;
  }

  const validBinary = (() => {
    const p = tmpFile('valid.bin');
    record(p, simulatedBatches(2, 1000).slice(0, 4));
    return readFileSync(p);
  })();
  const validNdjson = (() => {
    const p = tmpFile('valid.ndjson');
    record(p, simulatedBatches(2, 1000).slice(0, 4));
    return readFileSync(p, 'utf8');
  })();
  const headerEnd = validBinary.indexOf(0x0a) + 1 + 1 + validBinary[validBinary.indexOf(0x0a) + 1]!;
  const mutation = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }));

  it('random bytes, alone or after a valid magic and header', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.constantFrom(0, 1, 2), async (bytes, prefix) => {
        const head = prefix === 0 ? new Uint8Array(0) : prefix === 1 ? Buffer.from(BINARY_MAGIC) : validBinary.subarray(0, headerEnd);
        await onlyTypedErrors(Buffer.concat([head, bytes]), 'garbage.bin');
      }),
      { numRuns: 300 },
    );
  });

  it('a valid binary recording with bytes changed, inserted or cut', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.option(fc.nat()), async (changes, cut) => {
        const bytes = Buffer.from(validBinary);
        for (const [at, value] of changes) bytes[at % bytes.length] = value;
        await onlyTypedErrors(cut === null ? bytes : bytes.subarray(0, cut % bytes.length), 'mutated.bin');
      }),
      { numRuns: 300 },
    );
  });

  it('NDJSON: garbage lines after the header, mutated lines, JSON of every shape', async () => {
    const lines = validNdjson.split('\n');
    const lineArb = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.json({ maxDepth: 2 }),
      fc.tuple(fc.constantFrom(...lines.slice(1, -1)), fc.nat(), fc.string({ maxLength: 3 })).map(([l, at, s]) => l.slice(0, at % l.length) + s + l.slice(at % l.length)),
      fc.constantFrom(...lines.slice(1)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { maxLength: 8 }), fc.boolean(), async (body, newline) => {
        const text = [lines[0]!, ...body].join('\n') + (newline ? '\n' : '');
        const error = await onlyTypedErrors(Buffer.from(text), 'garbage.ndjson');
        if (error !== null) {
          expect(error.line).not.toBeNull();
          expect(error.line!).toBeLessThanOrEqual(Buffer.from(text).toString('utf8').split('\n').length);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the sample day', () => {
  it('regenerating it gives the shipped file byte for byte', async () => {
    const path = tmpFile('sample-day.bin');
    await makeSampleDay(path);
    const fresh = readFileSync(path);
    const shipped = readFileSync(SAMPLE_DAY_PATH);
    expect(fresh.length).toBe(shipped.length);
    expect(fresh.equals(shipped)).toBe(true);
    expect(shipped.length).toBeLessThan(5 * 1024 * 1024);
  });
});
