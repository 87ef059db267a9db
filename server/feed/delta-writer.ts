/**
 * The delta frame's bytes, written straight into one reused buffer: the same bytes protobufjs's
 * `ServerMessage.encode({ delta })` gives (test/unit/feed-delta-writer.test.ts compares them), without
 * its writer's per-field operation objects and 8 KiB slabs — the encode was a fifth of the feed's time
 * per batch, and most of its garbage. Index, quotes and bars changes are written here; a status change
 * (a few a second at most) goes through protobufjs.
 *
 * Presence follows the schema (proto/hashcap.proto): an `optional` field is written when set, a plain
 * proto3 field when set and not its default, a repeated one when not empty.
 */
import { wire, type hashcap } from '../../proto/wire.ts';
import { ByteWriter, utf8Length } from '../tick/wire-writer.ts';

type IChannelState = hashcap.v1.IChannelState;
type IIndexState = hashcap.v1.IIndexState;
type IConstituentState = hashcap.v1.IConstituentState;
type IQuote = hashcap.v1.IQuote;
type IBarsState = hashcap.v1.IBarsState;
type IBar = hashcap.v1.IBar;

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LEN = 2;

/**
 * The project's protobuf byte writer (server/tick/wire-writer.ts) with the few calls a delta needs, each
 * making its own room: a delta's size is not computed first, its lengths are back-patched (`begin`/`end`).
 */
class ScratchWriter extends ByteWriter {
  tag(field: number, wire: number): void {
    this.ensure(5);
    this.varint(((field << 3) | wire) >>> 0);
  }

  /** A non-negative integer below 2^53 as a varint (uint32, uint64 and bool fields alike). */
  uvarint(value: number): void {
    this.ensure(10);
    this.varint(value);
  }

  /** An int32: a negative one is ten bytes, sign extended (as protobufjs writes it). */
  int32(value: number): void {
    this.ensure(10);
    this.varint(value | 0);
  }

  fixedDouble(value: number): void {
    this.ensure(8);
    this.double(value);
  }

  stringValue(value: string): void {
    const n = utf8Length(value);
    this.ensure(10 + n);
    this.string(value, n);
  }
}

const scratch = new ScratchWriter();

function optDouble(w: ScratchWriter, field: number, v: number | null | undefined): void {
  if (v === null || v === undefined) return;
  w.tag(field, WIRE_FIXED64);
  w.fixedDouble(v);
}

function optUint32(w: ScratchWriter, field: number, v: number | null | undefined): void {
  if (v === null || v === undefined) return;
  w.tag(field, WIRE_VARINT);
  w.uvarint(v);
}

function optInt32(w: ScratchWriter, field: number, v: number | null | undefined): void {
  if (v === null || v === undefined) return;
  w.tag(field, WIRE_VARINT);
  w.int32(v);
}

function optBool(w: ScratchWriter, field: number, v: boolean | null | undefined): void {
  if (v === null || v === undefined) return;
  w.tag(field, WIRE_VARINT);
  w.uvarint(v ? 1 : 0);
}

function optString(w: ScratchWriter, field: number, v: string | null | undefined): void {
  if (v === null || v === undefined) return;
  w.tag(field, WIRE_LEN);
  w.stringValue(v);
}

/** A proto3 string without `optional`: left out when empty. */
function plainString(w: ScratchWriter, field: number, v: string | null | undefined): void {
  if (v === null || v === undefined || v === '') return;
  w.tag(field, WIRE_LEN);
  w.stringValue(v);
}

function plainDouble(w: ScratchWriter, field: number, v: number | null | undefined): void {
  if (v === null || v === undefined || Object.is(v, 0)) return;
  w.tag(field, WIRE_FIXED64);
  w.fixedDouble(v);
}

function plainUint32(w: ScratchWriter, field: number, v: number | null | undefined): void {
  if (v === null || v === undefined || v === 0) return;
  w.tag(field, WIRE_VARINT);
  w.uvarint(v);
}

function packedDoubles(w: ScratchWriter, field: number, v: readonly number[] | null | undefined): void {
  if (v === null || v === undefined || v.length === 0) return;
  w.tag(field, WIRE_LEN);
  w.uvarint(v.length * 8);
  for (let i = 0; i < v.length; i++) w.fixedDouble(v[i]!);
}

function writeConstituent(w: ScratchWriter, c: IConstituentState): void {
  plainString(w, 1, c.ticker);
  optString(w, 2, c.name);
  optDouble(w, 3, c.last);
  optDouble(w, 4, c.previousClose);
  optDouble(w, 5, c.change);
  optDouble(w, 6, c.changePct);
  optDouble(w, 7, c.marketCapUsd);
  optDouble(w, 8, c.weight);
  optDouble(w, 9, c.contribution);
  optInt32(w, 10, c.session);
  optDouble(w, 11, c.lastTimeMs);
  optBool(w, 12, c.halted);
  optBool(w, 13, c.stale);
  optDouble(w, 14, c.shares);
  optDouble(w, 15, c.changeSinceClose);
}

function writeIndex(w: ScratchWriter, s: IIndexState): void {
  plainString(w, 1, s.id);
  optString(w, 2, s.name);
  optDouble(w, 3, s.level);
  optDouble(w, 4, s.previousLevel);
  optDouble(w, 5, s.change);
  optDouble(w, 6, s.changePct);
  optDouble(w, 7, s.marketCapUsd);
  optDouble(w, 8, s.previousMarketCapUsd);
  optDouble(w, 9, s.marketCapChangeUsd);
  optDouble(w, 10, s.divisor);
  optUint32(w, 11, s.advancers);
  optUint32(w, 12, s.decliners);
  optUint32(w, 13, s.unchanged);
  optBool(w, 14, s.indicative);
  optDouble(w, 15, s.nextMilestoneUsd);
  packedDoubles(w, 16, s.milestonesReachedUsd);
  optDouble(w, 17, s.eventAdjustment);
  const constituents = s.constituents;
  if (constituents) {
    for (let i = 0; i < constituents.length; i++) {
      w.tag(18, WIRE_LEN);
      const at = w.begin();
      writeConstituent(w, constituents[i]!);
      w.end(at);
    }
  }
  if (s.milestonesChanged === true) {
    w.tag(19, WIRE_VARINT);
    w.uvarint(1);
  }
  const removed = s.removed;
  if (removed) for (let i = 0; i < removed.length; i++) optString(w, 20, removed[i]);
  packedDoubles(w, 21, s.milestonesUsd);
}

function writeQuote(w: ScratchWriter, q: IQuote): void {
  plainString(w, 1, q.symbol);
  optDouble(w, 2, q.last);
  optDouble(w, 3, q.lastSize);
  optDouble(w, 4, q.bid);
  optDouble(w, 5, q.ask);
  optDouble(w, 6, q.bidSize);
  optDouble(w, 7, q.askSize);
  optDouble(w, 8, q.volume);
  optDouble(w, 9, q.previousClose);
  optDouble(w, 10, q.changePct);
  optInt32(w, 11, q.session);
  optDouble(w, 12, q.timeMs);
}

function writeBar(w: ScratchWriter, b: IBar): void {
  plainDouble(w, 1, b.startMs);
  plainDouble(w, 2, b.open);
  plainDouble(w, 3, b.high);
  plainDouble(w, 4, b.low);
  plainDouble(w, 5, b.close);
  plainUint32(w, 6, b.prints);
  if (b.session !== null && b.session !== undefined && b.session !== 0) {
    w.tag(7, WIRE_VARINT);
    w.int32(b.session);
  }
  plainDouble(w, 8, b.volume);
}

function writeBars(w: ScratchWriter, s: IBarsState): void {
  plainString(w, 1, s.index);
  plainUint32(w, 2, s.intervalS);
  const bars = s.bars;
  if (bars) {
    for (let i = 0; i < bars.length; i++) {
      w.tag(3, WIRE_LEN);
      const at = w.begin();
      writeBar(w, bars[i]!);
      w.end(at);
    }
  }
  plainUint32(w, 4, s.maxBars);
  plainString(w, 5, s.symbol);
}

export interface DeltaHeader {
  readonly channel: string;
  readonly conflateMs: number;
  readonly epoch: number;
  readonly seq: number;
  readonly eventTimeMs: number;
  readonly sendTimeMs: number;
}

/**
 * `ServerMessage{ delta: { ...header, changes } }` as bytes in a buffer of their own (history keeps
 * them). One allocation: the result.
 */
export function deltaBytes(h: DeltaHeader, changes: IChannelState): Uint8Array {
  if (changes.status) return wire.ServerMessage.encode({ delta: { ...h, changes } }).finish().slice();
  const w = scratch;
  w.pos = 0;
  w.tag(4, WIRE_LEN);
  const delta = w.begin();
  plainString(w, 1, h.channel);
  plainUint32(w, 2, h.conflateMs);
  if (h.epoch !== 0) {
    w.tag(3, WIRE_VARINT);
    w.uvarint(h.epoch);
  }
  if (h.seq !== 0) {
    w.tag(4, WIRE_VARINT);
    w.uvarint(h.seq);
  }
  plainDouble(w, 5, h.eventTimeMs);
  plainDouble(w, 6, h.sendTimeMs);
  w.tag(7, WIRE_LEN);
  const state = w.begin();
  if (changes.index) {
    w.tag(1, WIRE_LEN);
    const at = w.begin();
    writeIndex(w, changes.index);
    w.end(at);
  }
  if (changes.quotes) {
    w.tag(2, WIRE_LEN);
    const at = w.begin();
    const quotes = changes.quotes.quotes;
    if (quotes) {
      for (let i = 0; i < quotes.length; i++) {
        w.tag(1, WIRE_LEN);
        const q = w.begin();
        writeQuote(w, quotes[i]!);
        w.end(q);
      }
    }
    w.end(at);
  }
  if (changes.bars) {
    w.tag(3, WIRE_LEN);
    const at = w.begin();
    writeBars(w, changes.bars);
    w.end(at);
  }
  w.end(state);
  w.end(delta);
  // A buffer of its own, not a slice of Node's shared pool: history keeps a frame up to a minute, and
  // a pooled slice would pin its whole slab for that long.
  return new Uint8Array(w.buf.subarray(0, w.pos));
}

/** The writer behind one name, so a test can count the frames it writes (one per delta, whatever the audience). */
export const deltaWriter = { bytes: deltaBytes };
