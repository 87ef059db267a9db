/**
 * The tick: one type for a trade, quote, halt, resume, cancel or correction, whoever made it (the
 * protobuf and JSON readers, the recording reader, the adapters, the simulator) and the kind numbers,
 * defined once. Its wire forms live beside it: `wire-decoder.ts` / `wire-writer.ts` (protobuf) and
 * `json.ts` (the one JSON reader); `codec.ts` wraps them into publisher messages.
 */
import { wire, type hashcap } from '../../proto/wire.ts';

export type TickKind = hashcap.v1.TickKind;

export const TICK_TRADE: TickKind = wire.TickKind.TICK_TRADE;
export const TICK_QUOTE: TickKind = wire.TickKind.TICK_QUOTE;
export const TICK_HALT: TickKind = wire.TickKind.TICK_HALT;
export const TICK_RESUME: TickKind = wire.TickKind.TICK_RESUME;
export const TICK_CANCEL: TickKind = wire.TickKind.TICK_CANCEL;
export const TICK_CORRECTION: TickKind = wire.TickKind.TICK_CORRECTION;

/**
 * A tick with every field present (proto3 defaults where the source had none), in one fixed order,
 * so every tick has the same hidden class for the gate's property reads. Assignable to
 * `hashcap.v1.ITick`.
 */
export interface Tick {
  symbol: string;
  kind: TickKind;
  /** Trade price; on a quote the last price or 0. */
  price: number;
  size: number;
  bid: number;
  ask: number;
  bidSize: number;
  askSize: number;
  timeMs: number;
  /** The publisher's sequence number; 0 when it does not sequence. */
  seq: number;
  /** Shared, frozen when empty: treat as read-only. */
  conditions: string[];
  /** TICK_CANCEL / TICK_CORRECTION: the seq of the trade they withdraw or restate; 0 otherwise. */
  originalSeq: number;
}

/**
 * What an in-process publisher may hand the gate (`server.ingest`, tests): any subset of the Tick's
 * fields, kind by number or name, not yet checked. The gate checks every field before use; readers of
 * bytes always produce a full `Tick`.
 */
export type TickInput = hashcap.v1.ITick;

export const NO_CONDITIONS = Object.freeze([]) as unknown as string[];

export function makeTick(
  symbol: string,
  kind: number,
  price: number,
  size: number,
  bid: number,
  ask: number,
  bidSize: number,
  askSize: number,
  timeMs: number,
  seq: number,
  conditions: string[],
  originalSeq: number,
): Tick {
  return { symbol, kind: kind as TickKind, price, size, bid, ask, bidSize, askSize, timeMs, seq, conditions, originalSeq };
}

/** A trade with the quote fields zeroed. */
export function tradeTick(symbol: string, price: number, size: number, timeMs: number, seq: number, conditions: string[]): Tick {
  return makeTick(symbol, TICK_TRADE, price, size, 0, 0, 0, 0, timeMs, seq, conditions, 0);
}

/** A quote (price 0: "no last"). */
export function quoteTick(symbol: string, bid: number, ask: number, bidSize: number, askSize: number, timeMs: number, seq: number): Tick {
  return makeTick(symbol, TICK_QUOTE, 0, 0, bid, ask, bidSize, askSize, timeMs, seq, [], 0);
}

/** Freezes the symbol's trades until a resume (the gate reads symbol, time and seq only). */
export function haltTick(symbol: string, timeMs: number, seq = 0): Tick {
  return makeTick(symbol, TICK_HALT, 0, 0, 0, 0, 0, 0, timeMs, seq, NO_CONDITIONS, 0);
}

export function resumeTick(symbol: string, timeMs: number, seq = 0): Tick {
  return makeTick(symbol, TICK_RESUME, 0, 0, 0, 0, 0, 0, timeMs, seq, NO_CONDITIONS, 0);
}

/** Withdraws the publisher's trade with seq `originalSeq` (price and size are the original's, for the record). */
export function cancelTick(symbol: string, price: number, size: number, timeMs: number, seq: number, originalSeq: number): Tick {
  return makeTick(symbol, TICK_CANCEL, price, size, 0, 0, 0, 0, timeMs, seq, [], originalSeq);
}

/** Restates the publisher's trade with seq `originalSeq` to `price` × `size`. */
export function correctionTick(
  symbol: string,
  price: number,
  size: number,
  timeMs: number,
  seq: number,
  originalSeq: number,
  conditions: string[],
): Tick {
  return makeTick(symbol, TICK_CORRECTION, price, size, 0, 0, 0, 0, timeMs, seq, conditions, originalSeq);
}

/** TickKind names by number and numbers by name, from the generated enum (so new kinds need no change here). */
const KIND_LOOKUP = wire.TickKind as unknown as Readonly<Record<string | number, string | number | undefined>>;

/** The enum number of a TickKind name, or undefined for a name that is not one. */
export function kindOfName(name: string): number | undefined {
  const n = Object.hasOwn(KIND_LOOKUP, name) ? KIND_LOOKUP[name] : undefined;
  return typeof n === 'number' ? n : undefined;
}

/** The name of a TickKind number, or undefined for an unknown number (kept as a number, as protobuf does). */
export function nameOfKind(kind: number): string | undefined {
  const name = KIND_LOOKUP[kind];
  return typeof name === 'string' ? name : undefined;
}

type Fields = Record<string, unknown>;

/** A finite or non-finite double; anything that is not a number is its default 0; -0 becomes 0. */
function dbl(v: unknown): number {
  return typeof v === 'number' ? v + 0 : 0;
}

/**
 * A full Tick from whatever the gate accepted (a decoded Tick, or a plain object passed to
 * `server.ingest`): kind as a number (the gate also takes the enum names), fields the gate does not
 * read (conditions) kept only when well-formed, anything missing at its proto3 default. The gate only
 * accepts ticks whose checked fields have the right types, so nothing here loses data for an accepted
 * tick.
 */
export function canonicalTick(value: unknown): Tick {
  const t = (typeof value === 'object' && value !== null ? value : {}) as Fields;
  const symbol = typeof t['symbol'] === 'string' ? t['symbol'] : '';
  const rawKind = t['kind'];
  const kind =
    typeof rawKind === 'string'
      ? (kindOfName(rawKind) ?? TICK_TRADE)
      : typeof rawKind === 'number' && Number.isInteger(rawKind) && rawKind >= -0x80000000 && rawKind <= 0x7fffffff
        ? rawKind | 0
        : TICK_TRADE;
  const rawSeq = t['seq'];
  const seq = typeof rawSeq === 'number' && rawSeq > 0 && Number.isSafeInteger(rawSeq) ? rawSeq : 0;
  const rawOriginal = t['originalSeq'];
  const originalSeq = typeof rawOriginal === 'number' && rawOriginal > 0 && Number.isSafeInteger(rawOriginal) ? rawOriginal : 0;
  const rawConditions = t['conditions'];
  let conditions = NO_CONDITIONS;
  if (Array.isArray(rawConditions) && rawConditions.length > 0 && rawConditions.every((c) => typeof c === 'string')) {
    conditions = rawConditions.slice() as string[];
  }
  return makeTick(
    symbol,
    kind,
    dbl(t['price']),
    dbl(t['size']),
    dbl(t['bid']),
    dbl(t['ask']),
    dbl(t['bidSize']),
    dbl(t['askSize']),
    dbl(t['timeMs']),
    seq,
    conditions,
    originalSeq,
  );
}
