/**
 * The keyframe's JSON checksum (proto/canonical.ts `canonicalJson`, Snapshot.json_crc32): the same for
 * every way a JSON client can hold the same state, different for a different state, and as documented.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { canonicalJson, stateJsonChecksum } from '../../proto/canonical.ts';
import { crc32 } from '../../proto/crc32.ts';
import type { ChannelState } from '../../proto/merge.ts';
import { wire } from '../../proto/wire.ts';

const guide = readFileSync(join(import.meta.dirname, '..', '..', 'client', 'examples', 'raw-json.md'), 'utf8');

/** What a JSON subscriber holds after a snapshot: the state through protobuf bytes and the JSON mapping. */
const asReceived = (state: ChannelState): unknown =>
  JSON.parse(
    JSON.stringify(
      wire.ChannelState.toObject(wire.ChannelState.decode(wire.ChannelState.encode(state).finish()), {
        json: true,
        enums: String,
        longs: String,
      }),
    ),
  );

const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0));
const constituent = fc.record(
  { ticker: fc.stringMatching(/^[A-Z]{1,4}$/), last: finite, change: finite, halted: fc.boolean(), stale: fc.boolean() },
  { requiredKeys: ['ticker'] },
);
const indexState = fc.record({
  id: fc.constantFrom('miners', 'ai-hpc'),
  level: finite,
  advancers: fc.nat({ max: 20 }),
  milestonesReachedUsd: fc.array(finite, { maxLength: 3 }),
  constituents: fc.uniqueArray(constituent, { selector: (c) => c.ticker, maxLength: 5 }),
});

describe('canonicalJson / jsonCrc32', () => {
  it('gives the documented canonical JSON for raw-json.md\'s example', () => {
    const example = /the state `(\{.*?\})`\s+has the canonical JSON `(\{.*?\})`/s.exec(guide);
    expect(example, 'raw-json.md has the example').not.toBeNull();
    const state = JSON.parse(example![1]!) as ChannelState;
    expect(canonicalJson(state)).toBe(example![2]);
    expect(stateJsonChecksum(state)).toBe(crc32(new TextEncoder().encode(example![2]!)));
  });

  it('is the same for the state as the server keeps it, as a JSON client receives it, and with defaults spelled out or members reordered', () => {
    fc.assert(
      fc.property(indexState, (index) => {
        const state: ChannelState = { index };
        const text = canonicalJson(state);
        expect(canonicalJson(asReceived(state) as ChannelState)).toBe(text);
        const spelledOut = {
          index: {
            removed: [],
            milestonesChanged: false,
            name: '',
            ...Object.fromEntries(Object.entries(index).reverse()),
            // A field absent from a constituent spelled out at its default; present ones keep their value.
            constituents: [...index.constituents].reverse().map((c) => ({ change: 0, ...c, stale: c.stale ?? false })),
          },
        };
        expect(canonicalJson(spelledOut as ChannelState)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('changes when any value changes', () => {
    fc.assert(
      fc.property(indexState, finite, (index, level) => {
        fc.pre(level !== (index.level ?? 0) && level !== 0);
        expect(stateJsonChecksum({ index: { ...index, level } })).not.toBe(stateJsonChecksum({ index }));
      }),
      { numRuns: 200 },
    );
  });
});
