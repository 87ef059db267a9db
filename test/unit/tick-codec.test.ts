import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wire, type hashcap } from '../../proto/wire.ts';
import { HashcapError } from '../../server/errors.ts';
import {
  decodeIngestBatch,
  decodeIngestReply,
  decodePublisherMessage,
  encodeIngestBatch,
  encodeIngestReply,
  encodePublisherMessage,
  jsonErrorOffset,
} from '../../server/tick/codec.ts';
import { IngestReason } from '../../server/ingest/reasons.ts';

const NOW = Date.UTC(2026, 1, 2, 15, 0, 0);

const batch: hashcap.v1.IIngestBatch = {
  batchId: 42,
  ticks: [
    { symbol: 'IREN', kind: wire.TickKind.TICK_TRADE, price: 48.45, size: 100, timeMs: NOW, seq: 1, conditions: ['@', 'T'] },
    { symbol: 'MARA', kind: wire.TickKind.TICK_QUOTE, bid: 15.8, ask: 15.9, bidSize: 300, askSize: 200, timeMs: NOW + 1, seq: 2 },
    { symbol: 'RIOT', price: 20.5, size: 0.5, timeMs: NOW + 2 },
  ],
};

/** The canonical JSON view of a batch, to compare decodings. */
function view(b: hashcap.v1.IIngestBatch | null | undefined): unknown {
  return wire.IngestBatch.toObject(wire.IngestBatch.fromObject(b ?? {}), { longs: Number, enums: Number, defaults: true });
}

function positiveZeros(value: unknown): unknown {
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) return value.map(positiveZeros);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, positiveZeros(v)]));
  }
  return value;
}

function undecodable(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(HashcapError);
    expect((error as HashcapError).code).toBe('INGEST_UNDECODABLE');
    return (error as HashcapError).message;
  }
  throw new Error('expected INGEST_UNDECODABLE');
}

describe('codec: round trips', () => {
  it('proto and JSON give the same PublisherMessage', () => {
    const proto = encodePublisherMessage({ batch }, 'proto');
    const json = encodePublisherMessage({ batch }, 'json');
    expect(proto).toBeInstanceOf(Uint8Array);
    expect(typeof json).toBe('string');
    const a = decodePublisherMessage(proto, 'proto');
    const b = decodePublisherMessage(json, 'json');
    const c = decodePublisherMessage(new TextEncoder().encode(json), 'json');
    expect(view(a.batch)).toEqual(view(batch));
    expect(view(b.batch)).toEqual(view(batch));
    expect(view(c.batch)).toEqual(view(batch));
    expect(a.batch!.ticks![0]!.conditions).toEqual(['@', 'T']);
  });

  it('proto and JSON give the same IngestBatch (the HTTP body)', () => {
    expect(view(decodeIngestBatch(encodeIngestBatch(batch, 'proto'), 'proto'))).toEqual(view(batch));
    expect(view(decodeIngestBatch(encodeIngestBatch(batch, 'json'), 'json'))).toEqual(view(batch));
  });

  it('property: any batch survives both formats alike', () => {
    const arbTick = fc.record(
      {
        symbol: fc.string({ maxLength: 12 }),
        kind: fc.constantFrom(0, 1),
        price: fc.double({ noNaN: true }),
        size: fc.double({ noNaN: true }),
        bid: fc.double(),
        ask: fc.double(),
        bidSize: fc.double({ noNaN: true }),
        askSize: fc.double({ noNaN: true }),
        timeMs: fc.double(),
        seq: fc.nat(),
        conditions: fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.record({ batchId: fc.nat(), ticks: fc.array(arbTick, { maxLength: 10 }) }), (b) => {
        const fromProto = decodeIngestBatch(encodeIngestBatch(b, 'proto'), 'proto');
        const fromJson = decodeIngestBatch(encodeIngestBatch(b, 'json'), 'json');
        // JSON has no -0 (JSON.stringify(-0) is "0"); the gate treats both zeros alike.
        expect(positiveZeros(view(fromJson))).toEqual(positiveZeros(view(fromProto)));
        expect(view(fromProto)).toEqual(view(b));
      }),
      { numRuns: 200 },
    );
  });

  it('accepts the JSON mapping in full: snake_case names, numeric strings, enum names, null = default', () => {
    const text = JSON.stringify({
      batch: {
        batch_id: '9007199254740991',
        ticks: [
          { symbol: 'IREN', kind: 'TICK_QUOTE', bid_size: '100', ask_size: 1e2, time_ms: `${NOW}`, seq: '17', bid: '48.4', ask: 48.5 },
          { symbol: 'IREN', kind: 1, price: 'NaN', size: 'Infinity', bid: '-Infinity', conditions: null, seq: null },
          { symbol: 'IREN', price: '1e1', timeMs: null },
        ],
      },
    });
    const b = decodePublisherMessage(text, 'json').batch!;
    expect(b.batchId).toBe(Number.MAX_SAFE_INTEGER);
    const [t0, t1, t2] = b.ticks!;
    expect(t0).toMatchObject({ symbol: 'IREN', kind: 1, bidSize: 100, askSize: 100, timeMs: NOW, seq: 17, bid: 48.4, ask: 48.5 });
    expect(t1!.price).toBeNaN();
    expect(t1!.size).toBe(Infinity);
    expect(t1!.bid).toBe(-Infinity);
    expect(t2).toMatchObject({ price: 10, timeMs: 0, kind: 0 });
  });

  it('keeps an unknown kind number for the gate to refuse (as protobuf does)', () => {
    expect(decodePublisherMessage('{"batch":{"ticks":[{"kind":7}]}}', 'json').batch!.ticks![0]!.kind).toBe(7);
  });
});

describe('codec: errors say what was wrong', () => {
  it.each([
    ['bad JSON', '{"batch": ]}', /^invalid JSON at position 10 \(line 1, column 11\): Unexpected token/],
    ['truncated JSON', '{"batch": ', /^invalid JSON at position 10 \(line 1, column 11\): Unexpected end/],
    ['bad JSON on line 3', '{\n "batch": {\n  "ticks": [1,]}}', /^invalid JSON at position 28 \(line 3, column 15\)/],
    ['not an object', '[1,2]', /must be a JSON object, got an array/],
    ['a bare number', '42', /must be a JSON object, got number 42/],
    ['ticks not an array', '{"batch":{"ticks":{"0":{}}}}', /batch\.ticks must be an array/],
    ['a tick not an object', '{"batch":{"ticks":[1]}}', /batch\.ticks\[0\] must be a JSON object/],
    ['price of the wrong type', '{"batch":{"ticks":[{},{"price":[]}]}}', /batch\.ticks\[1\]\.price must be a number, got an array/],
    ['price true', '{"batch":{"ticks":[{"price":true}]}}', /price must be a number, got boolean true/],
    ['a non-numeric string', '{"batch":{"ticks":[{"size":"12abc"}]}}', /size must be a number/],
    ['symbol a number', '{"batch":{"ticks":[{"symbol":5}]}}', /symbol must be a string/],
    ['unknown enum name', '{"batch":{"ticks":[{"kind":"TICK_BOTH"}]}}', /kind must be one of TICK_TRADE, TICK_QUOTE, TICK_HALT, TICK_RESUME/],
    ['negative seq', '{"batch":{"ticks":[{"seq":-1}]}}', /seq must be an unsigned integer/],
    ['fractional batch id', '{"batch":{"batchId":1.5}}', /batchId must be an unsigned integer/],
    ['conditions not strings', '{"batch":{"ticks":[{"conditions":[1]}]}}', /conditions must be an array of strings/],
    ['unknown field', '{"batch":{"ticks":[{"bidsize":1}]}}', /unknown field "bidsize"/],
    ['field twice', '{"batch":{"ticks":[{"time_ms":1,"timeMs":2}]}}', /timeMs is given twice/],
    ['unknown top-level field', '{"batch":{},"extra":1}', /unknown field "extra"/],
    ['a bare IngestBatch', '{"batchId":1,"ticks":[]}', /wrap the IngestBatch in "batch"/],
    ['no batch', '{}', /carries no batch/],
    ['__proto__ key', '{"batch":{"__proto__":{"ticks":[]}}}', /unknown field "__proto__"/],
  ])('%s', (_name, text, pattern) => {
    expect(undecodable(() => decodePublisherMessage(text, 'json'))).toMatch(pattern);
  });

  it('property: the JSON error position is found exactly when JSON.parse fails', () => {
    const nearlyJson = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', ']', '}', '"', ':', 'x', '\\', '-', '.', '\u0001', ' '))
      .map(([text, at, junk]) => {
        const k = at % (text.length + 1);
        return text.slice(0, k) + junk + text.slice(k + (junk === '' ? 1 : 0));
      });
    fc.assert(
      fc.property(fc.oneof(nearlyJson, fc.json(), fc.string()), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const offset = jsonErrorOffset(text);
        if (valid) expect(offset).toBe(-1);
        else expect(offset).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses JSON bytes that are not UTF-8', () => {
    expect(undecodable(() => decodePublisherMessage(new Uint8Array([0x7b, 0xff, 0x7d]), 'json'))).toMatch(/not valid UTF-8/);
  });

  it('refuses protobuf garbage with the decoder text', () => {
    expect(undecodable(() => decodePublisherMessage(new Uint8Array([0x0a, 0x05, 0x01]), 'proto'))).toMatch(
      /^not a protobuf PublisherMessage: byte \d+: .*past the end/,
    );
    expect(undecodable(() => decodeIngestBatch(new Uint8Array([0x12, 0xff, 0xff, 0xff, 0xff, 0x0f]), 'proto'))).toMatch(
      /^not a protobuf IngestBatch/,
    );
  });

  it('an empty protobuf message carries no batch; an empty batch is fine', () => {
    expect(undecodable(() => decodePublisherMessage(new Uint8Array(0), 'proto'))).toMatch(/carries no batch/);
    const empty = decodePublisherMessage(encodePublisherMessage({ batch: {} }, 'proto'), 'proto');
    expect(empty.batch!.ticks ?? []).toEqual([]);
    expect(decodeIngestBatch(new Uint8Array(0), 'proto').ticks ?? []).toEqual([]);
  });
});

describe('codec: replies', () => {
  const reply: hashcap.v1.IIngestReply = {
    batchId: 42,
    accepted: 2,
    rejected: [{ index: 1, reason: IngestReason.BAD_PRICE, reasonName: 'BAD_PRICE', symbol: 'IREN', detail: 'price NaN' }],
  };

  it('encodes JSON in the protobuf JSON mapping (64-bit ints as strings)', () => {
    const text = encodeIngestReply(reply, 'json');
    expect(JSON.parse(text)).toEqual({
      batchId: '42',
      accepted: 2,
      rejected: [{ index: 1, reason: 3002, reasonName: 'BAD_PRICE', symbol: 'IREN', detail: 'price NaN' }],
    });
    const error = encodeIngestReply({ error: { code: IngestReason.UNDECODABLE, message: 'x' } }, 'json');
    expect(JSON.parse(error)).toEqual({ error: { code: 3101, message: 'x' } });
  });

  it('round-trips through both formats', () => {
    const a = decodeIngestReply(encodeIngestReply(reply, 'proto'), 'proto');
    const b = decodeIngestReply(encodeIngestReply(reply, 'json'), 'json');
    expect(a.toJSON()).toEqual(b.toJSON());
    expect(a.rejected[0]).toMatchObject({ index: 1, reason: 3002, symbol: 'IREN' });
  });
});

// ------------------------------------------------------------------------------------------ property

/** Either a HashcapError INGEST_UNDECODABLE or a message with a batch whose ticks are Tick objects. */
function decodesOrRefuses(decode: () => hashcap.v1.IPublisherMessage | hashcap.v1.IIngestBatch): void {
  let result: hashcap.v1.IPublisherMessage | hashcap.v1.IIngestBatch;
  try {
    result = decode();
  } catch (error) {
    expect(error).toBeInstanceOf(HashcapError);
    expect((error as HashcapError).code).toBe('INGEST_UNDECODABLE');
    expect((error as HashcapError).message.length).toBeGreaterThan(0);
    return;
  }
  const b = 'batch' in result ? result.batch : result;
  expect(b).toBeTruthy();
  for (const t of (b as hashcap.v1.IngestBatch).ticks ?? []) {
    // Binary batches come from the hand-written decoder as plain objects, JSON ones as wire.Tick:
    // what the gate relies on is the fields' types.
    expect(typeof t).toBe('object');
    expect(typeof t.symbol).toBe('string');
    expect((t.conditions ?? []).every((c: unknown) => typeof c === 'string')).toBe(true);
    for (const key of ['price', 'size', 'bid', 'ask', 'bidSize', 'askSize', 'timeMs', 'seq', 'kind'] as const) {
      expect(typeof t[key]).toBe('number');
    }
  }
}

const arbTickJson = fc.dictionary(
  fc.constantFrom(
    ...['symbol', 'kind', 'price', 'size', 'bid', 'ask', 'bidSize', 'bid_size', 'askSize', 'timeMs', 'time_ms', 'seq'],
    ...['conditions', 'x'],
  ),
  fc.oneof(fc.jsonValue(), fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e3', 'TICK_QUOTE', '12', '-5')),
);
const arbShapedJson = fc.oneof(
  fc.jsonValue(),
  fc.record({ batch: fc.jsonValue() }),
  fc.record({ batch: fc.record({ batchId: fc.jsonValue(), ticks: fc.jsonValue() }, { requiredKeys: [] }) }),
  fc.record({
    batch: fc.record(
      { batchId: fc.oneof(fc.nat(), fc.string()), ticks: fc.array(fc.oneof(arbTickJson, fc.jsonValue()), { maxLength: 5 }) },
      { requiredKeys: [] },
    ),
  }),
);

describe('codec: property — garbage is refused with a typed error or decodes to a valid batch', () => {
  it('random bytes as protobuf', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        decodesOrRefuses(() => decodePublisherMessage(bytes, 'proto'));
        decodesOrRefuses(() => decodeIngestBatch(bytes, 'proto'));
        decodesOrRefuses(() => decodePublisherMessage(bytes, 'json'));
      }),
      { numRuns: 1000 },
    );
  });

  it('mutated valid protobuf', () => {
    const valid = encodePublisherMessage({ batch }, 'proto');
    fc.assert(
      fc.property(
        fc.nat({ max: valid.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        fc.nat({ max: valid.length }),
        (at, byte, cut) => {
          const bytes = valid.slice(0, Math.max(cut, at + 1));
          bytes[at] = byte;
          decodesOrRefuses(() => decodePublisherMessage(bytes, 'proto'));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('random text and JSON of random shapes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), arbShapedJson.map((v) => JSON.stringify(v))), (text) => {
        decodesOrRefuses(() => decodePublisherMessage(text, 'json'));
        decodesOrRefuses(() => decodeIngestBatch(text, 'json'));
      }),
      { numRuns: 1000 },
    );
  });
});
