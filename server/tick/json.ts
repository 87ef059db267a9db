/**
 * The one reader of a Tick in the protobuf JSON mapping. The ingest codec (a publisher's JSON batch)
 * and the NDJSON recording reader (one tick per line) both call it, so a tick one of them accepts the
 * other accepts too, with the same value: they used to be two parsers, and they disagreed on the bounds
 * of `seq` (one took any digit string, the other at most 20 digits, compared as a rounded double).
 *
 * It checks the JSON types and the bounds of the wire types — a uint64 is an integer in [0, 2^64 − 1],
 * an enum an int32 — and nothing else: a value of the right type but out of range for hashcap (a seq
 * of 2^60, a negative price, an unknown kind number) is kept and refused per tick by the gate, with a
 * reason code the publisher can act on, exactly as it would be after a protobuf decode.
 *
 * Mapping rules: lowerCamelCase names, the proto snake_case names accepted too (but not both for one
 * field); 64-bit integers as numbers or decimal strings; doubles as numbers or strings (including
 * "NaN", "Infinity", "-Infinity"); enums by name or number; null = the field's default. Unknown fields
 * refuse the tick (a typo must not vanish), except the keys the caller reads itself (`extraKeys`).
 *
 * The result has every field, in one fixed order (`makeTick`), like the protobuf wire decoder's ticks,
 * so the gate sees one object shape whatever the format.
 */
import { wire } from '../../proto/wire.ts';
import { makeTick, NO_CONDITIONS, type Tick } from './tick.ts';

/**
 * A JSON tick that is not what the mapping allows: `field` is the canonical name of the field that is
 * wrong with `detail` saying how ("must be a number, got an array"), or '' when the tick itself is
 * ("unknown field \"bidsize\"", "field timeMs is given twice").
 */
export class TickJsonError extends Error {
  readonly field: string;
  readonly detail: string;

  constructor(field: string, detail: string) {
    super(field === '' ? detail : `${field} ${detail}`);
    this.field = field;
    this.detail = detail;
  }

  /** The message for a tick at `path` (e.g. `batch.ticks[3]`; '' for none). */
  at(path: string): string {
    if (path === '') return this.message;
    return this.field === '' ? `${path}: ${this.detail}` : `${path}.${this.field} ${this.detail}`;
  }
}

/** Every TickKind name, from the generated enum (new kinds need no change here). */
export const TICK_KIND_NAMES: readonly string[] = Object.keys(wire.TickKind);
const KIND_BY_NAME: ReadonlyMap<string, number> = new Map(
  Object.entries(wire.TickKind as unknown as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number'),
);

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;
/** The largest double below 2^64: a JSON number above it is not a uint64. */
const TWO_64 = 18446744073709551616;
const MAX_UINT64_DIGITS = '18446744073709551615';
const DECIMAL = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DIGITS = /^\d+$/;

/** A short, safe rendering of a JSON value for an error. */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `a string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

/** A double per the mapping; null is 0; -0 becomes 0 (as the wire decoder's ticks have it). */
export function jsonDouble(field: string, value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value + 0;
  if (typeof value === 'string') {
    if (value === 'NaN') return Number.NaN;
    if (value === 'Infinity') return Number.POSITIVE_INFINITY;
    if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
    if (DECIMAL.test(value)) return Number(value) + 0;
  }
  throw new TickJsonError(field, `must be a number, got ${describeJson(value)}`);
}

/**
 * A uint64 per the mapping, as a number (exact below 2^53, like the wire decoder's): an integer in
 * [0, 2^64 − 1] written as a number or a decimal string; null is 0.
 */
export function jsonUint64(field: string, value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < TWO_64) return value + 0;
  if (typeof value === 'string' && DIGITS.test(value)) {
    let start = 0;
    while (start < value.length - 1 && value.charCodeAt(start) === 0x30) start++;
    const digits = value.slice(start);
    if (digits.length < MAX_UINT64_DIGITS.length || (digits.length === MAX_UINT64_DIGITS.length && digits <= MAX_UINT64_DIGITS)) {
      return Number(digits);
    }
  }
  throw new TickJsonError(field, `must be an unsigned integer below 2^64 (a number or a decimal string), got ${describeJson(value)}`);
}

/** Bits for the "given twice" check: camelCase and snake_case name the same field. */
const F_SYMBOL = 1;
const F_KIND = 2;
const F_PRICE = 4;
const F_SIZE = 8;
const F_BID = 16;
const F_ASK = 32;
const F_BID_SIZE = 64;
const F_ASK_SIZE = 128;
const F_TIME = 256;
const F_SEQ = 512;
const F_CONDITIONS = 1024;
const F_ORIGINAL_SEQ = 2048;

const CANONICAL: Readonly<Record<number, string>> = {
  [F_SYMBOL]: 'symbol',
  [F_KIND]: 'kind',
  [F_PRICE]: 'price',
  [F_SIZE]: 'size',
  [F_BID]: 'bid',
  [F_ASK]: 'ask',
  [F_BID_SIZE]: 'bidSize',
  [F_ASK_SIZE]: 'askSize',
  [F_TIME]: 'timeMs',
  [F_SEQ]: 'seq',
  [F_CONDITIONS]: 'conditions',
  [F_ORIGINAL_SEQ]: 'originalSeq',
};

/**
 * One Tick from a parsed JSON value. Throws TickJsonError naming the first field that is wrong (or
 * `tick` when the value is not an object). Keys in `extraKeys` are skipped: the caller reads them.
 */
export function readJsonTick(value: unknown, extraKeys: ReadonlySet<string> | null = null): Tick {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TickJsonError('', `a tick must be a JSON object, got ${describeJson(value)}`);
  }
  const o = value as Record<string, unknown>;
  let seen = 0;
  let symbol = '';
  let kind = 0;
  let price = 0;
  let size = 0;
  let bid = 0;
  let ask = 0;
  let bidSize = 0;
  let askSize = 0;
  let timeMs = 0;
  let seq = 0;
  let originalSeq = 0;
  let conditions = NO_CONDITIONS;
  for (const key of Object.keys(o)) {
    const v = o[key];
    let id: number;
    switch (key) {
      case 'symbol':
        id = F_SYMBOL;
        if (v !== null && typeof v !== 'string') throw new TickJsonError(key, `must be a string, got ${describeJson(v)}`);
        symbol = v ?? '';
        break;
      case 'kind':
        id = F_KIND;
        if (v === null) kind = 0;
        else if (typeof v === 'string') {
          const k = KIND_BY_NAME.get(v);
          if (k === undefined) throw new TickJsonError(key, `must be one of ${TICK_KIND_NAMES.join(', ')}, got ${describeJson(v)}`);
          kind = k;
        } else if (typeof v === 'number' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX) {
          // An unknown enum number is kept (as protobuf keeps it) and refused per tick by the gate.
          kind = v + 0;
        } else {
          throw new TickJsonError(key, `must be an enum name or an int32 number, got ${describeJson(v)}`);
        }
        break;
      case 'price':
        id = F_PRICE;
        price = jsonDouble(key, v);
        break;
      case 'size':
        id = F_SIZE;
        size = jsonDouble(key, v);
        break;
      case 'bid':
        id = F_BID;
        bid = jsonDouble(key, v);
        break;
      case 'ask':
        id = F_ASK;
        ask = jsonDouble(key, v);
        break;
      case 'bidSize':
      case 'bid_size':
        id = F_BID_SIZE;
        bidSize = jsonDouble(key, v);
        break;
      case 'askSize':
      case 'ask_size':
        id = F_ASK_SIZE;
        askSize = jsonDouble(key, v);
        break;
      case 'timeMs':
      case 'time_ms':
        id = F_TIME;
        timeMs = jsonDouble(key, v);
        break;
      case 'seq':
        id = F_SEQ;
        seq = jsonUint64(key, v);
        break;
      case 'originalSeq':
      case 'original_seq':
        id = F_ORIGINAL_SEQ;
        originalSeq = jsonUint64(key, v);
        break;
      case 'conditions':
        id = F_CONDITIONS;
        if (v === null) conditions = NO_CONDITIONS;
        else if (Array.isArray(v) && v.every((c) => typeof c === 'string')) conditions = v.length === 0 ? NO_CONDITIONS : (v.slice() as string[]);
        else throw new TickJsonError(key, `must be an array of strings, got ${describeJson(v)}`);
        break;
      default:
        if (extraKeys !== null && extraKeys.has(key)) continue;
        throw new TickJsonError('', `unknown field ${JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key)}`);
    }
    if ((seen & id) !== 0) throw new TickJsonError('', `field ${CANONICAL[id]!} is given twice`);
    seen |= id;
  }
  return makeTick(symbol, kind, price, size, bid, ask, bidSize, askSize, timeMs, seq, conditions, originalSeq);
}
