/**
 * Importing the SDK must not change the process it is imported into: protobufjs is one module per
 * process, and another library in the same process keeps decoding 64-bit fields the way protobufjs
 * does by default (as Long objects, since protobufjs depends on long.js), while hashcap's own messages
 * still have them as numbers. Checked in a fresh Node process, as a bot that imports the SDK runs.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/** Runs in the child: what another protobufjs user gets, before and after `import 'hashcap/client'`. */
const CHILD = `
import protobuf from 'protobufjs';

// Another user of protobufjs: a schema compiled at run time and the low-level reader.
const other = protobuf.parse('syntax = "proto3"; message Counter { uint64 total = 1; int64 delta = 2; }').root.lookupType('Counter');
const bytes = other.encode(other.fromObject({ total: '9007199254740993', delta: -5 })).finish();
const describeValue = (v) => ({ type: typeof v, isLong: protobuf.util.isInteger(v) ? false : protobuf.util.Long?.isLong(v) === true, text: String(v) });
const otherUser = () => {
  const message = other.decode(bytes);
  const reader = protobuf.Reader.create(bytes.subarray(1));
  return {
    total: describeValue(message.total),
    delta: describeValue(message.delta),
    reader: describeValue(reader.uint64()),
    defaultTotal: describeValue(other.create().total),
    fromJson: describeValue(other.fromObject({ total: '12' }).total),
    longConfigured: protobuf.util.Long !== null && protobuf.util.Long !== undefined,
  };
};

const before = otherUser();
const sdk = await import('hashcap/client');
const after = otherUser();

// hashcap's own decoding, in the same process: numbers, also for an absent field (proto3 default).
const { wire } = await import('./proto/wire.ts');
const delta = wire.Delta.decode(wire.Delta.encode({ channel: 'index.miners', epoch: 2 ** 40 + 3 }).finish());
const own = {
  epoch: describeValue(delta.epoch),
  seq: describeValue(delta.seq),
  fromJson: describeValue(wire.Delta.fromObject({ seq: '77' }).seq),
};
console.log(JSON.stringify({ before, after, own, sdkLoaded: typeof sdk.HashcapClient === 'function' }));
`;

describe('importing hashcap/client', () => {
  it('leaves how protobufjs decodes 64-bit fields for other users unchanged; hashcap still reads numbers', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
    });
    const result = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(result.sdkLoaded).toBe(true);
    const long = { type: 'object', isLong: true };
    // protobufjs's own default in this install, so the comparison below means something.
    expect(result.before).toEqual({
      total: { ...long, text: '9007199254740993' },
      delta: { ...long, text: '-5' },
      reader: { ...long, text: '9007199254740993' },
      defaultTotal: { ...long, text: '0' },
      fromJson: { ...long, text: '12' },
      longConfigured: true,
    });
    expect(result.after).toEqual(result.before);
    expect(result.own).toEqual({
      epoch: { type: 'number', isLong: false, text: String(2 ** 40 + 3) },
      seq: { type: 'number', isLong: false, text: '0' },
      fromJson: { type: 'number', isLong: false, text: '77' },
    });
  }, 40_000);
});
