/**
 * A tick in the protobuf JSON mapping reaches hashcap two ways: a publisher's JSON batch (/v1/ingest,
 * POST /v1/quotes) and a line of an NDJSON recording (--replay). Both must accept exactly the same
 * ticks with the same values, or a recorded day would not replay as it was ingested (or a tick the
 * endpoint took would make its own recording unreadable). Checked from the outside: the codec's
 * decodeIngestBatch against the recording reader on a real file, at the edges of every bounded field.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeIngestBatch } from '../../server/tick/codec.ts';
import { readRecording } from '../../server/sources/recording/reader.ts';

const TMP = mkdtempSync(join(tmpdir(), 'hashcap-tick-json-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
let files = 0;

const HEADER = '{"hashcap_recording":1,"format":"ndjson","started":"2026-11-20T14:30:00.000Z","basket":"miners"}';

type Outcome = { ok: true; value: unknown } | { ok: false };

/** `fieldJson` is the raw JSON text of one field (`"seq":…`), so numbers keep their exact spelling. */
function viaCodec(fieldJson: string, pick: (t: Record<string, unknown>) => unknown): Outcome {
  try {
    const batch = decodeIngestBatch(`{"ticks":[{"symbol":"IREN","timeMs":1763649000000,${fieldJson}}]}`, 'json');
    return { ok: true, value: pick(batch.ticks![0] as unknown as Record<string, unknown>) };
  } catch {
    return { ok: false };
  }
}

async function viaRecording(fieldJson: string, pick: (t: Record<string, unknown>) => unknown): Promise<Outcome> {
  const path = join(TMP, `${files++}.ndjson`);
  writeFileSync(path, `${HEADER}\n{"batch":1,"publisher":"p","symbol":"IREN","timeMs":1763649000000,${fieldJson}}\n`);
  try {
    const { batches } = await readRecording(path);
    return { ok: true, value: pick(batches[0]!.ticks[0] as unknown as Record<string, unknown>) };
  } catch {
    return { ok: false };
  }
}

const UINT64_EDGES = [
  '0',
  '1',
  '"1"',
  '9007199254740991',
  '9007199254740993',
  '"9007199254740993"',
  '"18446744073709551615"', // the largest uint64
  '"18446744073709551616"', // 2^64: not a uint64
  '"000000000000000000000000000001"', // leading zeros: still 1
  '18446744073709549568', // the largest double below 2^64
  '1e20',
  '18446744073709551616',
  '-1',
  '1.5',
  '"1e3"',
  '"-1"',
  '" 1"',
  '""',
  'true',
  'null',
  '[1]',
];

describe('one JSON tick reader: ingest and recordings accept the same ticks', () => {
  for (const field of ['seq', 'originalSeq']) {
    it.each(UINT64_EDGES)(`${field} %s`, async (raw) => {
      const pick = (t: Record<string, unknown>) => t[field];
      const codec = viaCodec(`"${field}":${raw}`, pick);
      const recording = await viaRecording(`"${field}":${raw}`, pick);
      expect(recording).toEqual(codec);
    });
  }

  it.each(['0', '5', '-2147483648', '2147483647', '2147483648', '-2147483649', '"TICK_CANCEL"', '"TICK_CORRECTION"', '"TICK_BOGUS"', '1.5'])(
    'kind %s',
    async (raw) => {
      const pick = (t: Record<string, unknown>) => t['kind'];
      expect(await viaRecording(`"kind":${raw}`, pick)).toEqual(viaCodec(`"kind":${raw}`, pick));
    },
  );

  it.each(['"NaN"', '"-Infinity"', '"1e1"', '".5"', '"5."', '"0x10"', '-0', 'null', '"12abc"', '{}'])('price %s', async (raw) => {
    const pick = (t: Record<string, unknown>) => t['price'];
    expect(await viaRecording(`"price":${raw}`, pick)).toEqual(viaCodec(`"price":${raw}`, pick));
  });

  it('the uint64 bounds are the wire type’s: [0, 2^64 − 1], exact digits for strings', () => {
    const seq = (raw: string) => viaCodec(`"seq":${raw}`, (t) => t['seq']);
    expect(seq('"18446744073709551615"')).toEqual({ ok: true, value: 18446744073709551615 });
    expect(seq('"000000000000000000000000000001"')).toEqual({ ok: true, value: 1 });
    expect(seq('"18446744073709551616"')).toEqual({ ok: false });
    expect(seq('1e20')).toEqual({ ok: false });
    expect(seq('-1')).toEqual({ ok: false });
  });
});
