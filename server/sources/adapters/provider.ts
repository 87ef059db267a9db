/**
 * Provider adapters: a real market-data provider's streaming websocket on one side, hashcap's
 * `/v1/ingest` on the other (see runner.ts). Each provider module (alpaca.ts, polygon.ts, finnhub.ts)
 * implements `ProviderAdapter`: the URL to open, the frames to send (auth, subscribe), and `parse`,
 * which turns one text frame from the provider into hashcap `Tick`s and control events. `parse` never
 * throws: anything it cannot read becomes a `malformed` event naming what was wrong.
 *
 * ## Ticks
 *
 * - `timeMs`: the exchange (SIP) timestamp in epoch ms, whole milliseconds (finer digits truncated, so
 *   a time never moves forward across a millisecond).
 * - `seq`: the publisher sequence, per symbol and increasing (the gate refuses duplicates and
 *   regressions per publisher and symbol). Where the provider numbers its events per symbol (Polygon
 *   trades, `q`), the seq derives from that number; otherwise a local per-symbol counter
 *   (`LocalSequencer`) seeded from the wall clock in microseconds, so that an adapter restarted against a
 *   running server keeps increasing. 0 means "not sequenced" (the gate then checks nothing).
 * - `conditions`: normalized hashcap codes first, then every raw provider code as `<provider>:<code>`
 *   (e.g. `alpaca:T`, `polygon:12`, `finnhub:12`), so the gate can later apply finer rules (odd lots,
 *   average-price trades) without a new adapter release. Only trades carry conditions: quote condition
 *   codes are a different code space and are not carried.
 *
 * ## Normalized condition codes
 *
 * | code  | meaning                                                                      |
 * | ----- | ---------------------------------------------------------------------------- |
 * | `EXT` | extended-hours print (Form T): outside the regular session                   |
 * | `OOS` | reported out of sequence (late): not the current price, should not set last  |
 *
 * A print can carry both (Alpaca `U`, Polygon 13: "extended hours, sold out of sequence"). Which raw
 * codes map to which normalized code is a table in each provider module.
 *
 * ## Cancels and corrections
 *
 * hashcap names the trade a TICK_CANCEL / TICK_CORRECTION withdraws or restates by the seq the
 * publisher sent it with (`originalSeq`); providers name it by their own trade id. Each adapter keeps a
 * bounded map from the provider's trade identity (symbol, exchange, trade id) to the seq it sent
 * (`TradeIds`); a cancel or correction of a trade the adapter did not send (before it started, or
 * forgotten) cannot be named and is reported as `unhandled`, never sent with a guessed seq.
 */
import type { Tick } from '../../tick/tick.ts';

export type ProviderName = 'alpaca' | 'polygon' | 'finnhub';

/** Extended-hours print (Form T). */
export const COND_EXT = 'EXT';
/** Reported out of sequence. */
export const COND_OOS = 'OOS';
export type NormalizedCondition = typeof COND_EXT | typeof COND_OOS;
/** Every normalized code, in the order they appear in `Tick.conditions`. */
export const NORMALIZED_CONDITIONS: readonly NormalizedCondition[] = [COND_EXT, COND_OOS];

/** What a provider frame can say besides ticks. */
export type ProviderEvent =
  /** The provider greeted a new connection (Alpaca, Polygon); Finnhub has no greeting. */
  | { readonly type: 'connected'; readonly message: string }
  | { readonly type: 'authenticated'; readonly message: string }
  /** Credentials refused: a provider message, or (Finnhub) the upgrade refused with HTTP 401. */
  | { readonly type: 'auth-failed'; readonly code: number | null; readonly message: string }
  /** A subscription acknowledged: the channels the provider now sends (e.g. `trades:IREN`, `T.IREN`). */
  | { readonly type: 'subscribed'; readonly channels: readonly string[]; readonly message: string }
  /** An error message from the provider (its code when it has one). */
  | { readonly type: 'error'; readonly code: number | null; readonly message: string }
  /** An application-level keepalive from the provider (Finnhub); nothing to answer. */
  | { readonly type: 'ping' }
  /** A frame or an item in it that could not be read; `detail` says what and where. */
  | { readonly type: 'malformed'; readonly detail: string }
  /** A well-formed message of a kind the adapter does not map (bars, corrections, statuses, …). */
  | { readonly type: 'unhandled'; readonly what: string };

export interface ParseResult {
  readonly ticks: Tick[];
  readonly events: ProviderEvent[];
}

export interface ProviderAdapter {
  readonly name: ProviderName;
  /** The websocket URL to open; for Finnhub it carries the token in its query. */
  readonly url: string;
  /** The same URL with credentials redacted: safe to print. */
  readonly displayUrl: string;
  /**
   * How a session starts. 'greeting': the provider sends a connected message first, then the client
   * sends `authMessage()` and waits for `authenticated` (Alpaca, Polygon). 'url': the URL carries the
   * credentials, a bad one is refused at the upgrade (HTTP 401), so an open socket is authenticated
   * (Finnhub).
   */
  readonly handshake: 'greeting' | 'url';
  /** Whether the provider acknowledges subscriptions with a message (Finnhub does not). */
  readonly acksSubscriptions: boolean;
  /** The frame that authenticates, or null when the URL does ('url' handshake). */
  authMessage(): string | null;
  /** The frames that subscribe to trades (and quotes, where the provider has them) of `symbols`. */
  subscribeMessages(symbols: readonly string[]): string[];
  /** One text frame from the provider. Never throws. */
  parse(text: string): ParseResult;
}

// ------------------------------------------------------------------------------------------ sequences

/**
 * Local per-symbol publisher sequence: base + 1, base + 2, … per symbol. The default base is the wall
 * clock in microseconds at construction (about 1.8e15 today, below 2^53 until the year 2255), so a
 * restarted adapter starts above anything its previous run sent, as long as that run averaged less than
 * 1,000 prints per millisecond per symbol.
 */
export class LocalSequencer {
  private readonly base: number;
  private readonly last: Map<string, number>;

  constructor(base: number = Date.now() * 1000) {
    this.base = Math.floor(base);
    this.last = new Map();
  }

  next(symbol: string): number {
    const seq = (this.last.get(symbol) ?? this.base) + 1;
    this.last.set(symbol, seq);
    return seq;
  }
}

// ------------------------------------------------------------------------------------------ trade ids

/** How many provider trade ids an adapter remembers (the server remembers 64 trades per symbol). */
export const DEFAULT_TRADE_ID_CAPACITY = 50_000;

/**
 * The seqs an adapter sent trades with, by the provider's trade identity, for cancels and corrections.
 * Bounded: past `capacity` the oldest are forgotten (the server could not apply a cancel that old anyway).
 */
export class TradeIds {
  private readonly capacity: number;
  private readonly seqs: Map<string, number>;

  constructor(capacity: number = DEFAULT_TRADE_ID_CAPACITY) {
    this.capacity = capacity;
    this.seqs = new Map();
  }

  /** `id` is a provider trade id (a number or a string); nothing is remembered for a missing one or seq 0. */
  remember(symbol: string, exchange: unknown, id: unknown, seq: number): void {
    const key = tradeKey(symbol, exchange, id);
    if (key === null || seq <= 0) return;
    this.seqs.delete(key);
    this.seqs.set(key, seq);
    if (this.seqs.size > this.capacity) this.seqs.delete(this.seqs.keys().next().value!);
  }

  /** The seq the trade was sent with, or 0 when this adapter did not send it (or forgot it). */
  seqOf(symbol: string, exchange: unknown, id: unknown): number {
    const key = tradeKey(symbol, exchange, id);
    return key === null ? 0 : (this.seqs.get(key) ?? 0);
  }

  get size(): number {
    return this.seqs.size;
  }
}

function tradeKey(symbol: string, exchange: unknown, id: unknown): string | null {
  const idText = typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : typeof id === 'number' && Number.isSafeInteger(id) ? String(id) : null;
  if (idText === null) return null;
  const ex = typeof exchange === 'string' || typeof exchange === 'number' ? String(exchange) : '';
  return `${symbol}\u0000${ex}\u0000${idText}`;
}

// ------------------------------------------------------------------------------------------ conditions

const MAX_RAW_CONDITIONS = 16;
const RAW_CONDITION_RE = /^[\x21-\x7e ]{1,8}$/;

/**
 * `Tick.conditions` for a trade: the normalized codes the table gives for any raw code (in
 * NORMALIZED_CONDITIONS order), then each raw code as `<provider>:<code>` (deduplicated, at most 16,
 * only short printable strings or non-negative integers; anything else is skipped).
 */
export function mapConditions(
  provider: ProviderName,
  raw: unknown,
  table: ReadonlyMap<string, readonly NormalizedCondition[]>,
): string[] {
  if (!Array.isArray(raw) || raw.length === 0) return [];
  const normalized = new Set<NormalizedCondition>();
  const codes: string[] = [];
  for (const item of raw) {
    let code: string;
    if (typeof item === 'string') code = item;
    else if (typeof item === 'number' && Number.isSafeInteger(item) && item >= 0) code = String(item);
    else continue;
    if (!RAW_CONDITION_RE.test(code)) continue;
    const tagged = `${provider}:${code}`;
    if (codes.includes(tagged)) continue;
    if (codes.length >= MAX_RAW_CONDITIONS) break;
    codes.push(tagged);
    for (const n of table.get(code) ?? []) normalized.add(n);
  }
  return [...NORMALIZED_CONDITIONS.filter((n) => normalized.has(n)), ...codes];
}

// ------------------------------------------------------------------------------------------ time

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * An RFC-3339 timestamp (`2025-11-26T14:51:44.208123456Z`, any fraction up to nanoseconds, `Z` or a
 * ±hh:mm offset) as epoch ms, the fraction truncated to whole milliseconds; null when it is not one
 * or names a day or time that does not exist. A leap second (:60) is read as :59.999.
 */
export function parseRfc3339Ms(text: string): number | null {
  const m = RFC3339.exec(text);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  let second = Number(m[6]);
  const fraction = m[7] ?? '';
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 60) {
    return null;
  }
  let ms = fraction === '' ? 0 : Number(fraction.padEnd(3, '0').slice(0, 3));
  if (second === 60) {
    second = 59;
    ms = 999;
  }
  // Date.UTC maps years 0–99 to 1900–1999; no market data is that old anyway.
  if (year < 100) return null;
  let offsetMin = 0;
  if (m[8] === undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return null;
    offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMin * 60_000;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// ------------------------------------------------------------------------------------------ JSON helpers

export type JsonObject = Record<string, unknown>;

/** JSON text, or a `malformed` event. Never throws. */
export function parseJsonFrame(text: string): { ok: true; value: unknown } | { ok: false; event: ProviderEvent } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, event: malformed(`not JSON (${error instanceof Error ? error.message : String(error)}): ${preview(text)}`) };
  }
}

/**
 * Alpaca and Polygon send a JSON array of messages per frame (a bare object is tolerated): parses the
 * frame and hands each object to `parseItem`; anything else becomes a 'malformed' event, never a throw.
 */
export function parseMessageArray(
  text: string,
  noun: string,
  parseItem: (item: JsonObject, i: number, ticks: Tick[], events: ProviderEvent[]) => void,
): ParseResult {
  const ticks: Tick[] = [];
  const events: ProviderEvent[] = [];
  const json = parseJsonFrame(text);
  if (!json.ok) return { ticks, events: [json.event] };
  if (!Array.isArray(json.value) && !isObject(json.value)) {
    return { ticks, events: [malformed(`a frame must be an array of ${noun}s, got ${preview(json.value)}`)] };
  }
  const items: unknown[] = Array.isArray(json.value) ? json.value : [json.value];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!isObject(item)) {
      events.push(malformed(`${noun} [${i}] is not an object: ${preview(item)}`));
      continue;
    }
    parseItem(item, i, ticks, events);
  }
  return { ticks, events };
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property (never one from Object.prototype). */
export function own(obj: JsonObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

export function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

const SYMBOL_RE = /^[A-Za-z0-9.:\-/_^=]{1,32}$/;

/** A provider symbol: 1–32 characters of letters, digits and . : - / _ ^ = (no spaces, no controls). */
export function symbolOf(value: unknown): string | undefined {
  return typeof value === 'string' && SYMBOL_RE.test(value) ? value : undefined;
}

export function malformed(detail: string): ProviderEvent {
  return { type: 'malformed', detail };
}

/** A short, printable rendering of any value for an event's detail. */
export function preview(value: unknown, max = 80): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  text = text.replace(/[\x00-\x1f\x7f]/g, '?');
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * Runs a parser and guarantees the contract: whatever it throws (a bug, a hostile input we did not
 * foresee) becomes a `malformed` event instead of an exception.
 */
export function safeParse(parse: (text: string) => ParseResult, text: unknown): ParseResult {
  if (typeof text !== 'string') return { ticks: [], events: [malformed(`a frame must be text, got ${typeof text}`)] };
  try {
    return parse(text);
  } catch (error) {
    return { ticks: [], events: [malformed(`parser failed: ${error instanceof Error ? error.message : String(error)}`)] };
  }
}

/** A URL with the values of the named query parameters replaced by `***`. */
export function redactUrl(url: string, params: readonly string[]): string {
  try {
    const u = new URL(url);
    for (const p of params) if (u.searchParams.has(p)) u.searchParams.set(p, '***');
    return u.toString().replace(/%2A%2A%2A/g, '***');
  } catch {
    return '(invalid URL)';
  }
}
