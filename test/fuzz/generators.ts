/**
 * Seeded inputs for every fuzz target: fast-check arbitraries for structured garbage (objects of the
 * right shape with wrong values, random JSON, random bytes) and mutators of valid frames (bit flips,
 * truncations, byte insertions, deletions, duplicated or swapped chunks). Every stream is a function of
 * (target, seed, index), so a failure names an input that can be regenerated alone.
 */
import fc from 'fast-check';
import { wire, type hashcap } from '../../proto/wire.ts';
import { readFileSync } from 'node:fs';
import { Prng } from '../../bench/load/prng.ts';
import { parseBasket } from '../../server/market/basket.ts';

/** The publisher token of the servers under fuzz. */
export const FUZZ_TOKEN = 'fuzz-token-0123456789abcdefghij';

export const SYMBOLS = ['IREN', 'WULF', 'HUT', 'RIOT', 'CIFR', 'CLSK', 'BITF', 'MARA', 'CORZ'] as const;

export type FrameInput = { readonly bytes: Uint8Array; readonly text: boolean };

// ------------------------------------------------------------------------------------------- mutators

/** One to four mutations of `valid`, chosen by `rng`. Never returns the input unchanged by construction. */
export function mutate(valid: Uint8Array, rng: Prng): Uint8Array {
  let out: Uint8Array = Uint8Array.from(valid);
  const rounds = 1 + rng.below(4);
  for (let r = 0; r < rounds; r++) {
    const op = rng.below(7);
    const at = out.length === 0 ? 0 : rng.below(out.length);
    if (op === 0 && out.length > 0) {
      out[at] = out[at]! ^ (1 << rng.below(8)); // bit flip
    } else if (op === 1) {
      out = out.slice(0, rng.below(out.length + 1)); // truncation
    } else if (op === 2) {
      const extra = Uint8Array.from({ length: 1 + rng.below(8) }, () => interestingByte(rng));
      out = concat(out.subarray(0, at), extra, out.subarray(at)); // insertion
    } else if (op === 3 && out.length > 0) {
      const n = 1 + rng.below(Math.min(16, out.length - at));
      out = concat(out.subarray(0, at), out.subarray(at + n)); // deletion
    } else if (op === 4 && out.length > 0) {
      const n = 1 + rng.below(Math.min(32, out.length - at));
      out = concat(out.subarray(0, at + n), out.subarray(at, at + n), out.subarray(at + n)); // duplicated chunk
    } else if (op === 5 && out.length > 0) {
      out[at] = interestingByte(rng); // overwrite with an edge value (varint continuation, 0xff, quote, brace…)
    } else {
      const a = rng.below(out.length + 1);
      const b = rng.below(out.length + 1);
      const [lo, hi] = a < b ? [a, b] : [b, a];
      out = concat(out.subarray(hi), out.subarray(lo, hi), out.subarray(0, lo)); // rotate around a chunk
    }
  }
  return out;
}

const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0x22, 0x7b, 0x7d, 0x5b, 0x5d, 0x2c, 0x3a, 0x0a, 0x2d, 0x30, 0x39, 0xc0, 0xe0, 0xf0];

function interestingByte(rng: Prng): number {
  return rng.below(2) === 0 ? INTERESTING[rng.below(INTERESTING.length)]! : rng.below(256);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

// ----------------------------------------------------------------------------------- structured garbage

const weirdNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, -1, 1e308, -1e308, 2 ** 53, 2 ** 64, Number.NaN, Number.POSITIVE_INFINITY, 0.0001, 1e-9),
  fc.nat({ max: 10_000 }).map((n) => n / 100),
);
const weirdString = fc.oneof(fc.string(), fc.constantFrom(...SYMBOLS, '', ' ', 'IREN ', 'iren', 'A'.repeat(300), '\u0000', '💥', '__proto__', 'constructor'));
const weirdValue = fc.oneof(weirdNumber, weirdString, fc.boolean(), fc.constant(null), fc.array(weirdNumber, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }));

/** A tick-shaped object whose fields are sometimes right, sometimes anything. */
const tickObject = fc.record(
  {
    symbol: fc.oneof(fc.constantFrom(...SYMBOLS), weirdValue),
    kind: fc.oneof(fc.integer({ min: -1, max: 7 }), fc.constantFrom('TICK_TRADE', 'TICK_QUOTE', 'TICK_BOGUS'), weirdValue),
    price: fc.oneof(fc.double({ min: 1, max: 100, noNaN: true }), weirdValue),
    size: fc.oneof(fc.integer({ min: 1, max: 10_000 }), weirdValue),
    bid: weirdValue,
    ask: weirdValue,
    timeMs: fc.oneof(fc.constant(0), fc.integer({ min: -1, max: 2 ** 31 }), fc.constant('now'), weirdValue),
    seq: fc.oneof(fc.nat(), fc.constantFrom('18446744073709551615', '-1', '1e3'), weirdValue),
    originalSeq: weirdValue,
  },
  { requiredKeys: [] },
);

const batchObject = fc.record({ batchId: fc.oneof(fc.nat(), weirdValue), ticks: fc.oneof(fc.array(tickObject, { maxLength: 6 }), weirdValue) }, { requiredKeys: [] });

/** JSON text: the right shapes with wrong values, or any JSON at all, or not quite JSON. */
export function jsonGarbage(shape: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    shape.map((v) => JSON.stringify(v) ?? 'null'),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 200 }),
    fc.constantFrom('', '{', '{}', '[]', 'null', '{"batch":', '{"subscribe":{"channels":[1,2]}}', '{"__proto__":{"x":1}}', '{"ping":{"requestId":"x"}}'),
  );
}

const channelName = fc.oneof(
  fc.constantFrom('index.miners', 'index.ai-hpc', 'quotes.*', 'quotes.IREN', 'status', 'bars.miners.1m', 'bars.miners.5m', 'index.', 'quotes.', 'bars.miners.7m', 'index.nope', 'x'.repeat(500)),
  fc.string({ maxLength: 40 }),
);
const clientObject = fc.oneof(
  fc.record({ subscribe: fc.record({ requestId: weirdValue, channels: fc.oneof(fc.array(channelName, { maxLength: 5 }), weirdValue), conflateMs: fc.oneof(fc.constantFrom(0, 100, 1000, 7), weirdValue), resume: fc.oneof(fc.array(fc.record({ channel: channelName, epoch: weirdValue, lastSeq: weirdValue }), { maxLength: 2 }), weirdValue) }, { requiredKeys: [] }) }),
  fc.record({ unsubscribe: fc.record({ requestId: weirdValue, channels: fc.array(channelName, { maxLength: 3 }), conflateMs: weirdValue }, { requiredKeys: [] }) }),
  fc.record({ ping: fc.record({ requestId: weirdValue, clientTimeMs: weirdValue }, { requiredKeys: [] }) }),
  fc.record({ listSubscriptions: fc.record({ requestId: weirdValue }, { requiredKeys: [] }) }),
  fc.dictionary(fc.string({ maxLength: 12 }), weirdValue, { maxKeys: 3 }),
);

export const publisherJsonGarbage = jsonGarbage(fc.oneof(fc.record({ batch: batchObject }), batchObject));
export const batchJsonGarbage = jsonGarbage(fc.oneof(batchObject, fc.record({ batch: batchObject })));
export const clientJsonGarbage = jsonGarbage(clientObject);
export const randomBytes = fc.uint8Array({ maxLength: 512 });

// ------------------------------------------------------------------------------------------ valid seeds

/** Previous closes of the shipped miners basket: valid prints stay inside their price bands. */
const CLOSES: ReadonlyMap<string, number> = new Map(
  parseBasket(readFileSync(new URL('../../data/baskets/miners.basket.csv', import.meta.url), 'utf8'), 'miners.basket.csv').constituents.map((c) => [c.ticker, c.previousClose]),
);
const TRADED = SYMBOLS.filter((s) => CLOSES.has(s));

/** Valid ticks for the fuzz's valid traffic and as seeds for mutation (within 1% of the previous close). */
export function validTicks(rng: Prng, nowMs: number, seqBase: number, n: number): hashcap.v1.ITick[] {
  const ticks: hashcap.v1.ITick[] = [];
  for (let i = 0; i < n; i++) {
    const symbol = TRADED[rng.below(TRADED.length)]!;
    const price = Math.round(CLOSES.get(symbol)! * (0.99 + rng.below(200) / 10_000) * 100) / 100;
    ticks.push(
      rng.below(3) === 0
        ? { symbol, kind: 1, bid: price - 0.01, ask: price + 0.01, bidSize: 100, askSize: 200, timeMs: nowMs, seq: seqBase + i }
        : { symbol, kind: 0, price, size: 100 * (1 + rng.below(9)), timeMs: nowMs, seq: seqBase + i },
    );
  }
  return ticks;
}

export function publisherFrames(rng: Prng, nowMs: number): FrameInput[] {
  const frames: FrameInput[] = [];
  for (let i = 0; i < 8; i++) {
    const batch = { batchId: i + 1, ticks: validTicks(rng, nowMs, 1_000_000 + i * 10, 1 + rng.below(4)) };
    frames.push({ bytes: wire.PublisherMessage.encode({ batch }).finish(), text: false });
    const json = wire.PublisherMessage.toObject(wire.PublisherMessage.fromObject({ batch }), { json: true, longs: String, enums: String });
    frames.push({ bytes: Buffer.from(JSON.stringify(json)), text: true });
  }
  return frames;
}

export function clientMessages(): hashcap.v1.IClientMessage[] {
  return [
    { subscribe: { requestId: 1, channels: ['index.miners', 'quotes.IREN'], conflateMs: 0 } },
    { subscribe: { requestId: 2, channels: ['status', 'bars.miners.1m'], conflateMs: 100, resume: [{ channel: 'status', epoch: 1, lastSeq: 5 }] } },
    { unsubscribe: { requestId: 3, channels: ['index.miners'], conflateMs: 0 } },
    { listSubscriptions: { requestId: 4 } },
    { ping: { requestId: 5, clientTimeMs: 1763649000000 } },
  ];
}

export function clientFrames(format: 'proto' | 'json'): Uint8Array[] {
  return clientMessages().map((m) =>
    format === 'proto'
      ? wire.ClientMessage.encode(m).finish()
      : Buffer.from(JSON.stringify(wire.ClientMessage.toObject(wire.ClientMessage.fromObject(m), { json: true, longs: String, enums: String }))),
  );
}

// ------------------------------------------------------------------------------------------- streams

/**
 * `count` inputs: about a third from `arbitrary` (structured garbage), the rest mutations of `seeds`.
 * Generated in blocks so 100,000 inputs never sit in memory at once.
 */
export function* inputStream<T>(seed: number, count: number, arbitrary: fc.Arbitrary<T>, seeds: readonly T[], mutateOne: (seed: T, rng: Prng) => T): Generator<T> {
  const rng = new Prng(seed);
  const BLOCK = 1000;
  for (let start = 0; start < count; start += BLOCK) {
    const n = Math.min(BLOCK, count - start);
    const structured = fc.sample(arbitrary, { seed: seed + start, numRuns: Math.ceil(n / 3) });
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (i % 3 === 0 && k < structured.length) yield structured[k++]!;
      else yield mutateOne(seeds[rng.below(seeds.length)]!, rng);
    }
  }
}
