/**
 * Channel names of protocol v1 and the rates a channel can be served at. Parsing is strict and total:
 * any string gives either a ChannelSpec or a typed reason, never an exception.
 */

export type ChannelSpec =
  | { readonly kind: 'index'; readonly name: string; readonly index: string }
  | { readonly kind: 'quote'; readonly name: string; readonly symbol: string }
  | { readonly kind: 'quotes-all'; readonly name: string }
  /** Bars of an index (`index` set, `symbol` empty) or of a symbol (the other way round). */
  | { readonly kind: 'bars'; readonly name: string; readonly index: string; readonly symbol: string; readonly intervalS: number }
  | { readonly kind: 'status'; readonly name: string };

/** 0 = raw; the rest are conflation intervals in ms, each a topic of its own. */
export const RATES = [0, 100, 1000] as const;
export type Rate = (typeof RATES)[number];

export const BAR_INTERVALS: Readonly<Record<string, number>> = { '1m': 60, '5m': 300 };

export interface ChannelUniverse {
  hasIndex(id: string): boolean;
  hasSymbol(symbol: string): boolean;
}

export type ChannelParse =
  | { readonly ok: true; readonly spec: ChannelSpec }
  | { readonly ok: false; readonly reason: 'malformed' | 'unknown'; readonly message: string };

const MAX_CHANNEL_LENGTH = 64;

export function parseChannel(name: unknown, universe: ChannelUniverse): ChannelParse {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_CHANNEL_LENGTH) {
    return { ok: false, reason: 'malformed', message: `channel must be a string of 1–${MAX_CHANNEL_LENGTH} characters` };
  }
  if (name === 'status') return { ok: true, spec: { kind: 'status', name } };
  if (name === 'quotes.*') return { ok: true, spec: { kind: 'quotes-all', name } };
  const parts = name.split('.');
  const [head, a, b] = parts;
  if (head === 'index' && parts.length === 2 && a) {
    return universe.hasIndex(a)
      ? { ok: true, spec: { kind: 'index', name, index: a } }
      : { ok: false, reason: 'unknown', message: `no index "${a}"` };
  }
  if (head === 'quotes' && parts.length === 2 && a) {
    return universe.hasSymbol(a)
      ? { ok: true, spec: { kind: 'quote', name, symbol: a } }
      : { ok: false, reason: 'unknown', message: `no symbol "${a}" in any index` };
  }
  if (head === 'bars' && parts.length === 3 && a && b) {
    const intervalS = BAR_INTERVALS[b];
    if (intervalS === undefined) {
      return { ok: false, reason: 'unknown', message: `bar interval must be one of ${Object.keys(BAR_INTERVALS).join(', ')}` };
    }
    // Index ids and tickers share the namespace: an index id wins (ids are lower case, tickers upper).
    if (universe.hasIndex(a)) return { ok: true, spec: { kind: 'bars', name, index: a, symbol: '', intervalS } };
    if (universe.hasSymbol(a)) return { ok: true, spec: { kind: 'bars', name, index: '', symbol: a, intervalS } };
    return { ok: false, reason: 'unknown', message: `no index or symbol "${a}"` };
  }
  return {
    ok: false,
    reason: 'malformed',
    message: 'expected index.<ID>, quotes.<SYMBOL>, quotes.*, bars.<ID|SYMBOL>.<1m|5m> or status',
  };
}

export function isRate(value: number): value is Rate {
  return (RATES as readonly number[]).includes(value);
}

/** The key of a (channel, rate) topic: what seq numbers and history belong to. */
export function topicKey(channel: string, rate: Rate): string {
  return rate === 0 ? channel : `${channel}@${rate}ms`;
}
