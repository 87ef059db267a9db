/**
 * A batch of ticks as columns (struct of arrays), reused batch after batch: what the protobuf decoder
 * writes straight into and what the ingest gate reads, so the hot path has no per-tick object, no
 * per-tick string and no `Map` lookup per tick (the symbol's bytes are interned to its symbol id).
 *
 * Two writers fill it, so the gate has one code path whatever the source:
 * - the protobuf decoder (`WireDecoder.ingestBatchInto` / `publisherMessageInto`): every field is a
 *   number (proto3 defaults where absent), `flags` stays 0;
 * - `fillFromInputs`, for ticks given as objects (`server.ingest`, JSON publishers, a replayed log):
 *   a field that is missing or of the wrong type is flagged per row (`flags`), and the gate reads the
 *   original value back (`raw`) only to word the rejection.
 *
 * Listeners that need ticks (the recorder) get them on demand: `tick(i)` builds a canonical Tick.
 */
import { canonicalTick, kindOfName, makeTick, NO_CONDITIONS, TICK_CANCEL, TICK_CORRECTION, TICK_HALT, TICK_QUOTE, TICK_RESUME, TICK_TRADE, type Tick } from './tick.ts';

/** What the columns need of the market: symbol → id (ids are dense, 0..n-1, and never reassigned). */
export interface SymbolResolver {
  symbolId(symbol: string): number | undefined;
}

/** A batch as listeners see it: how many ticks, and each as a canonical Tick, built on demand. */
export interface TickBatch {
  readonly length: number;
  tick(index: number): Tick;
}

// Field numbers for `flags` and `raw`: bit F is "missing" (null or absent), bit F + WRONG_SHIFT
// "not of the right type"; only `fillFromInputs` sets them.
export const F_SYMBOL = 0;
export const F_KIND = 1;
export const F_PRICE = 2;
export const F_SIZE = 3;
export const F_BID = 4;
export const F_ASK = 5;
export const F_BID_SIZE = 6;
export const F_ASK_SIZE = 7;
export const F_TIME = 8;
export const F_SEQ = 9;
export const F_ORIGINAL_SEQ = 10;
export const WRONG_SHIFT = 12;
/** The row is not an object (or is an array). */
export const ROW_NOT_OBJECT = 1 << 24;
/** Reading a field threw (a hostile getter or proxy): `rowError(i)` says what. */
export const ROW_THREW = 1 << 25;
export const ROW_FLAGS = ROW_NOT_OBJECT | ROW_THREW;

/** The property name of each field, by field number (what `server.ingest` and JSON publishers use). */
const FIELD_NAMES = ['symbol', 'kind', 'price', 'size', 'bid', 'ask', 'bidSize', 'askSize', 'timeMs', 'seq', 'originalSeq'] as const;

const INTERN_SLOTS = 512;
/** Symbols longer than this are looked up as strings (none is: tickers are at most 10 characters). */
export const INTERN_MAX_BYTES = 32;
/** `internAscii`'s answer for bytes that are not all ASCII. */
export const NOT_ASCII = -1;
/** Symbol id of a symbol the resolver does not know, or of a row without a string symbol. */
export const NO_SYMBOL = -1;

const INITIAL_CAPACITY = 256;

type Fields = Record<string, unknown>;

export class TickColumns implements TickBatch {
  length: number;
  capacity: number;
  kinds: Int32Array;
  /** The symbol's id, or NO_SYMBOL when the resolver does not know it. */
  symbolIds: Int32Array;
  prices: Float64Array;
  sizes: Float64Array;
  bids: Float64Array;
  asks: Float64Array;
  bidSizes: Float64Array;
  askSizes: Float64Array;
  times: Float64Array;
  seqs: Float64Array;
  originalSeqs: Float64Array;
  /** Missing / wrong-type field bits and ROW_* bits, per row (0 for every decoded row). */
  flags: Int32Array;
  /** The symbol as text, per row: interned, so writing it allocates nothing. */
  symbolTexts: string[];
  /** Conditions, per row: the shared NO_CONDITIONS in the common case. */
  conditions: string[][];

  /** Rows kept at most: a decoded batch longer than this only counts its rows (it is refused whole). */
  readonly maxRows: number;
  private readonly resolver: SymbolResolver | null;
  /** The objects the rows were filled from (`fillFromInputs`), or null for decoded rows. */
  private sources: readonly unknown[] | null;
  private readonly rowErrors: Map<number, string>;
  /** Interned symbols: slot by hash of the bytes, checked byte for byte on a hit. */
  private readonly internTexts: (string | undefined)[];
  private readonly internIds: Int32Array;

  /**
   * `resolver` null: symbols are kept as text only (ids all NO_SYMBOL), e.g. for a recording reader.
   * `maxRows`: the gate passes its batch limit, so one oversized frame cannot grow the columns (kept for
   * the life of the server) beyond what a batch may hold.
   */
  constructor(resolver: SymbolResolver | null, capacity = INITIAL_CAPACITY, maxRows = Number.POSITIVE_INFINITY) {
    this.maxRows = maxRows;
    this.length = 0;
    this.capacity = 0;
    this.kinds = new Int32Array(0);
    this.symbolIds = new Int32Array(0);
    this.prices = new Float64Array(0);
    this.sizes = new Float64Array(0);
    this.bids = new Float64Array(0);
    this.asks = new Float64Array(0);
    this.bidSizes = new Float64Array(0);
    this.askSizes = new Float64Array(0);
    this.times = new Float64Array(0);
    this.seqs = new Float64Array(0);
    this.originalSeqs = new Float64Array(0);
    this.flags = new Int32Array(0);
    this.symbolTexts = [];
    this.conditions = [];
    this.resolver = resolver;
    this.sources = null;
    this.rowErrors = new Map();
    this.internTexts = new Array<string | undefined>(INTERN_SLOTS).fill(undefined);
    this.internIds = new Int32Array(INTERN_SLOTS);
    this.grow(Math.max(1, capacity));
  }

  /** Forgets the objects the rows were filled from (the rows stay); `tick(i)` then builds from the columns. */
  releaseSources(): void {
    this.sources = null;
  }

  /** Starts a decoded batch: no rows, no sources. */
  beginDecoded(): void {
    this.length = 0;
    this.sources = null;
    if (this.rowErrors.size > 0) this.rowErrors.clear();
  }

  /**
   * The next row, to be written by the decoder, or -1 past `maxRows`: the row is counted in `length`
   * but not kept.
   */
  addRow(): number {
    const row = this.length;
    this.length = row + 1;
    if (row >= this.capacity) {
      if (row >= this.maxRows) return -1;
      this.grow(row + 1);
    }
    return row;
  }

  /**
   * The interned slot of the ASCII bytes buf[start, start + len) (len ≤ INTERN_MAX_BYTES), resolved
   * once per distinct symbol; NOT_ASCII when a byte is not ASCII. Read the result with `slotId` /
   * `slotText`.
   */
  internAscii(buf: Uint8Array, start: number, len: number): number {
    const stop = start + len;
    let hash = len;
    for (let i = start; i < stop; i++) {
      const b = buf[i]!;
      if (b >= 0x80) return NOT_ASCII;
      hash = Math.imul(hash ^ b, 0x01000193);
    }
    const slot = (hash >>> 0) & (INTERN_SLOTS - 1);
    const cached = this.internTexts[slot];
    if (cached !== undefined && cached.length === len && sameAscii(cached, buf, start)) return slot;
    let s = '';
    for (let i = start; i < stop; i++) s += String.fromCharCode(buf[i]!);
    this.internTexts[slot] = s;
    this.internIds[slot] = this.resolve(s);
    return slot;
  }

  slotId(slot: number): number {
    return this.internIds[slot]!;
  }

  slotText(slot: number): string {
    return this.internTexts[slot]!;
  }

  /** The id of a symbol given as text (the rare path: non-ASCII or long symbols, objects). */
  resolve(symbol: string): number {
    if (this.resolver === null) return NO_SYMBOL;
    const id = this.resolver.symbolId(symbol);
    return id === undefined ? NO_SYMBOL : id;
  }

  /**
   * Fills the rows from ticks given as objects, reading each field once. Nothing is checked here but
   * types: values go to the columns as given, and a missing or mistyped field is flagged for the gate.
   */
  fillFromInputs(inputs: readonly unknown[]): void {
    const count = inputs.length;
    if (count > this.capacity) this.grow(count);
    this.length = count;
    this.sources = inputs;
    if (this.rowErrors.size > 0) this.rowErrors.clear();
    for (let i = 0; i < count; i++) {
      this.conditions[i] = NO_CONDITIONS;
      this.symbolTexts[i] = '';
      this.symbolIds[i] = NO_SYMBOL;
      try {
        this.flags[i] = this.fillRow(i, inputs[i]);
      } catch (error) {
        this.flags[i] = this.flags[i]! | ROW_THREW;
        this.rowErrors.set(i, errorText(error));
      }
    }
  }

  private fillRow(i: number, value: unknown): number {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return ROW_NOT_OBJECT;
    const t = value as Fields;
    let flags = 0;
    this.flags[i] = 0;
    const symbol = t['symbol'];
    if (typeof symbol === 'string') {
      this.symbolTexts[i] = symbol;
      this.symbolIds[i] = this.resolve(symbol);
    } else flags |= symbol == null ? 1 << F_SYMBOL : 1 << (F_SYMBOL + WRONG_SHIFT);
    // Written as the row goes, so a getter that throws later leaves the symbol for the rejection.
    this.flags[i] = flags;
    const kind = t['kind'];
    let k = -1;
    if (kind == null) k = TICK_TRADE;
    else if (typeof kind === 'number') {
      if (kind === TICK_TRADE || kind === TICK_QUOTE || kind === TICK_HALT || kind === TICK_RESUME || kind === TICK_CANCEL || kind === TICK_CORRECTION) k = kind;
    } else if (typeof kind === 'string') {
      const named = kindOfName(kind);
      if (named !== undefined && named >= TICK_TRADE && named <= TICK_CORRECTION) k = named;
    }
    if (k < 0) flags |= 1 << (F_KIND + WRONG_SHIFT);
    this.kinds[i] = k < 0 ? 0 : k;
    flags |= number(t['price'], this.prices, i, F_PRICE);
    flags |= number(t['size'], this.sizes, i, F_SIZE);
    flags |= number(t['bid'], this.bids, i, F_BID);
    flags |= number(t['ask'], this.asks, i, F_ASK);
    flags |= number(t['bidSize'], this.bidSizes, i, F_BID_SIZE);
    flags |= number(t['askSize'], this.askSizes, i, F_ASK_SIZE);
    flags |= number(t['timeMs'], this.times, i, F_TIME);
    flags |= number(t['seq'], this.seqs, i, F_SEQ);
    flags |= number(t['originalSeq'], this.originalSeqs, i, F_ORIGINAL_SEQ);
    return flags;
  }

  /** The value of field `field` of row `i` as given: for wording a rejection (the rare path). */
  raw(i: number, field: number): unknown {
    const sources = this.sources;
    if (sources !== null) {
      try {
        const source = sources[i] as Fields;
        return source[FIELD_NAMES[field]!];
      } catch {
        return undefined;
      }
    }
    switch (field) {
      case F_SYMBOL:
        return this.symbolTexts[i];
      case F_KIND:
        return this.kinds[i];
      case F_PRICE:
        return this.prices[i];
      case F_SIZE:
        return this.sizes[i];
      case F_BID:
        return this.bids[i];
      case F_ASK:
        return this.asks[i];
      case F_BID_SIZE:
        return this.bidSizes[i];
      case F_ASK_SIZE:
        return this.askSizes[i];
      case F_TIME:
        return this.times[i];
      case F_SEQ:
        return this.seqs[i];
      default:
        return this.originalSeqs[i];
    }
  }

  /** Row `i` as given when it was not an object. */
  source(i: number): unknown {
    return this.sources === null ? undefined : this.sources[i];
  }

  /** What reading row `i` threw (ROW_THREW). */
  rowError(i: number): string {
    return this.rowErrors.get(i) ?? 'unknown error';
  }

  /** Row `i` as a canonical Tick (allocates: for listeners and tests, not the gate). */
  tick(i: number): Tick {
    if (this.sources !== null) return canonicalTick(this.sources[i]);
    return makeTick(
      this.symbolTexts[i]!,
      this.kinds[i]!,
      this.prices[i]!,
      this.sizes[i]!,
      this.bids[i]!,
      this.asks[i]!,
      this.bidSizes[i]!,
      this.askSizes[i]!,
      this.times[i]!,
      this.seqs[i]!,
      this.conditions[i]!,
      this.originalSeqs[i]!,
    );
  }

  /** Every row as a Tick (allocates). */
  toTicks(): Tick[] {
    const out = new Array<Tick>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.tick(i);
    return out;
  }

  private grow(min: number): void {
    const capacity = Math.max(min, Math.min(this.capacity * 2, this.maxRows));
    const n = this.length;
    this.kinds = growInt(this.kinds, capacity, n);
    this.symbolIds = growInt(this.symbolIds, capacity, n);
    this.flags = growInt(this.flags, capacity, n);
    this.prices = growFloat(this.prices, capacity, n);
    this.sizes = growFloat(this.sizes, capacity, n);
    this.bids = growFloat(this.bids, capacity, n);
    this.asks = growFloat(this.asks, capacity, n);
    this.bidSizes = growFloat(this.bidSizes, capacity, n);
    this.askSizes = growFloat(this.askSizes, capacity, n);
    this.times = growFloat(this.times, capacity, n);
    this.seqs = growFloat(this.seqs, capacity, n);
    this.originalSeqs = growFloat(this.originalSeqs, capacity, n);
    for (let i = this.symbolTexts.length; i < capacity; i++) this.symbolTexts.push('');
    for (let i = this.conditions.length; i < capacity; i++) this.conditions.push(NO_CONDITIONS);
    this.capacity = capacity;
  }
}

/** Stores a numeric field; returns its missing / wrong-type bit (0 when it is a number). */
function number(v: unknown, column: Float64Array, i: number, field: number): number {
  if (typeof v === 'number') {
    column[i] = v;
    return 0;
  }
  column[i] = 0;
  return v == null ? 1 << field : 1 << (field + WRONG_SHIFT);
}

function growInt(a: Int32Array, capacity: number, keep: number): Int32Array {
  const b = new Int32Array(capacity);
  b.set(a.subarray(0, keep));
  return b;
}

function growFloat(a: Float64Array, capacity: number, keep: number): Float64Array {
  const b = new Float64Array(capacity);
  b.set(a.subarray(0, keep));
  return b;
}

function sameAscii(s: string, buf: Uint8Array, start: number): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== buf[start + i]) return false;
  return true;
}

function errorText(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'unprintable error';
  }
}
