/**
 * Polygon.io (now Massive) stocks websocket: `wss://socket.polygon.io/stocks`, also served as
 * `wss://socket.massive.com/stocks` (same protocol; the 15-minute delayed feed is on `delayed.` hosts).
 *
 * Protocol: every server frame is a JSON array of objects, each with an event type `ev`.
 *   ← [{"ev":"status","status":"connected","message":"Connected Successfully"}]
 *   → {"action":"auth","params":"KEY"}
 *   ← [{"ev":"status","status":"auth_success",…}] | [{"ev":"status","status":"auth_failed",…}]
 *   → {"action":"subscribe","params":"T.IREN,Q.IREN,…"}
 *   ← [{"ev":"status","status":"success","message":"subscribed to: T.IREN"}, …]  (one per channel)
 *   ← [{"ev":"T",…}, {"ev":"Q",…}, …]
 * Any other status (e.g. `max_connections`, `error`) is an `error` event carrying the status and message.
 *
 * Mapping to Tick:
 * - trade `{"ev":"T","sym","p","s","t":epoch ms,"q":sequence,"c":[ids],…}` → TICK_TRADE, symbol sym,
 *   price p, size s, time t, conditions per the table below. seq from Polygon's `q`, which increases per
 *   ticker within a trading day (not contiguously) and restarts each day: seq = tradingDay × 1e11 + q,
 *   where tradingDay = ⌊(t − 4 h) / 1 day⌋ (the day boundary falls at 04:00 UTC, midnight or 23:00 in
 *   New York, when no session is open), so the seq keeps increasing across days for a long-running
 *   server (good while q < 1e11 and up to the year 2216). A trade without a usable q gets seq 0
 *   (not sequenced) rather than a local counter, which would be in a different number space.
 * - quote `{"ev":"Q","sym","bp","bs","ap","as","t","q",…}` → TICK_QUOTE with bid bp, ask ap, sizes bs/as
 *   as sent (Polygon reports shares; older feeds used round lots). Quote `q` numbers are a sequence
 *   separate from trade `q` (the gate keeps one seq per publisher and symbol), so quotes are sent with
 *   seq 0 (not sequenced): the gate then applies no order or duplicate check to them, and a quote
 *   replayed after an ingest reconnect only sets the same bid/ask again.
 * - corrections and cancels arrive as trade events whose conditions say so (Polygon's condition ids,
 *   from its trade-correction indicator): 44 Cancelled, 49 As of Cancel and 54 Errored → TICK_CANCEL;
 *   46 Correction and 48 As of Correction → TICK_CORRECTION to this event's p and s. Either names the
 *   original by the same ticker, exchange `x` and trade id `i`, which the adapter maps to the seq it sent
 *   that trade with; one of a trade this adapter did not send (or sent without a usable `q`) is
 *   `unhandled`. They are sent unsequenced (seq 0): whether such an event's `q` is new or repeats the
 *   original's is not documented, and a repeated one would be refused as a duplicate; unsequenced, a
 *   cancel sent twice (after an ingest reconnect) is refused as ORIGINAL_CANCELLED and a correction sent
 *   twice restates the same values again. Verify these ids against
 *   `/v3/reference/conditions` (type `sale_condition`, data type `trade`) before relying on them.
 * - aggregates (`A`, `AM`), LULD, imbalances, FMV and others are `unhandled`.
 *
 * Trade conditions (Polygon's numeric condition ids; raw ids are all carried as `polygon:<id>`):
 *   12 → EXT (Form T), 13 → EXT + OOS (extended trading hours, sold out of sequence),
 *   32, 33 → OOS ("Sold (Out of Sequence)"; public condition tables disagree on which of the two ids it is).
 * Id 29 is deliberately NOT mapped: in the condition tables we could check it is "Seller" (a special
 * settlement term), not an out-of-sequence report. Verify all of these against the provider's
 * `GET /v3/reference/conditions?asset_class=stocks&data_type=trade` before relying on them.
 */
import {
  COND_EXT,
  COND_OOS,
  TradeIds,
  finite,
  malformed,
  mapConditions,
  own,
  parseMessageArray,
  preview,
  safeParse,
  str,
  symbolOf,
  type JsonObject,
  type NormalizedCondition,
  type ParseResult,
  type ProviderAdapter,
  type ProviderEvent,
} from './provider.ts';
import { cancelTick, correctionTick, quoteTick, tradeTick, type Tick } from '../../tick/tick.ts';

export const POLYGON_DEFAULT_URL = 'wss://socket.polygon.io/stocks';
export const MASSIVE_DEFAULT_URL = 'wss://socket.massive.com/stocks';

export const POLYGON_CONDITIONS: ReadonlyMap<string, readonly NormalizedCondition[]> = new Map([
  ['12', [COND_EXT]],
  ['13', [COND_EXT, COND_OOS]],
  ['32', [COND_OOS]],
  ['33', [COND_OOS]],
]);

/** Condition ids that withdraw the trade with the event's (ticker, exchange, trade id). */
export const POLYGON_CANCEL_CONDITIONS: ReadonlySet<number> = new Set([44, 49, 54]);
/** Condition ids that restate it to the event's price and size. */
export const POLYGON_CORRECTION_CONDITIONS: ReadonlySet<number> = new Set([46, 48]);

const DAY_MS = 86_400_000;
const DAY_SHIFT_MS = 4 * 3_600_000;
/** Room per trading day for Polygon's per-ticker sequence numbers. */
export const POLYGON_SEQ_PER_DAY = 1e11;

/** The publisher seq of a Polygon trade: tradingDay × 1e11 + q; 0 when q is unusable. */
export function polygonTradeSeq(q: unknown, timeMs: number): number {
  if (typeof q !== 'number' || !Number.isSafeInteger(q) || q <= 0 || q >= POLYGON_SEQ_PER_DAY) return 0;
  const day = Math.floor((timeMs - DAY_SHIFT_MS) / DAY_MS);
  if (day <= 0) return 0;
  const seq = day * POLYGON_SEQ_PER_DAY + q;
  return Number.isSafeInteger(seq) ? seq : 0;
}

const UNHANDLED = new Map([
  ['A', 'second aggregate'],
  ['AM', 'minute aggregate'],
  ['LULD', 'LULD band'],
  ['NOI', 'order imbalance'],
  ['FMV', 'fair market value'],
  ['V', 'index value'],
]);

export interface PolygonOptions {
  readonly apiKey: string;
  /** Default `wss://socket.polygon.io/stocks`. */
  readonly url?: string;
  /** Subscribe to quotes as well as trades (default true). */
  readonly quotes?: boolean;
  /** Trade ids → the seqs they were sent with, for corrections and cancels. */
  readonly tradeIds?: TradeIds;
}

/** 'cancel', 'correction' or null, from a trade event's condition ids. */
function correctionKind(conditions: unknown): 'cancel' | 'correction' | null {
  if (!Array.isArray(conditions)) return null;
  for (const c of conditions) {
    if (typeof c !== 'number') continue;
    if (POLYGON_CANCEL_CONDITIONS.has(c)) return 'cancel';
    if (POLYGON_CORRECTION_CONDITIONS.has(c)) return 'correction';
  }
  return null;
}

export function polygonAdapter(options: PolygonOptions): ProviderAdapter {
  const url = options.url ?? POLYGON_DEFAULT_URL;
  const quotes = options.quotes ?? true;
  const tradeIds = options.tradeIds ?? new TradeIds();

  function parse(text: string): ParseResult {
    return parseMessageArray(text, 'event', parseItem);
  }

  function parseItem(item: JsonObject, i: number, ticks: Tick[], events: ProviderEvent[]): void {
    const ev = own(item, 'ev');
    switch (ev) {
      case 'T': {
        const symbol = symbolOf(own(item, 'sym'));
        const price = own(item, 'p');
        const size = own(item, 's') ?? 0;
        const time = own(item, 't');
        if (symbol === undefined || !finite(price) || !finite(size) || !finite(time)) {
          events.push(malformed(`trade [${i}] needs sym, p, s and t (epoch ms): ${preview(item)}`));
          return;
        }
        const timeMs = Math.floor(time);
        const rawConditions = own(item, 'c');
        const conditions = mapConditions('polygon', rawConditions, POLYGON_CONDITIONS);
        const seq = polygonTradeSeq(own(item, 'q'), timeMs);
        const exchange = own(item, 'x');
        const id = own(item, 'i');
        const correction = correctionKind(rawConditions);
        if (correction === null) {
          tradeIds.remember(symbol, exchange, id, seq);
          ticks.push(tradeTick(symbol, price, size, timeMs, seq, conditions));
          return;
        }
        const originalSeq = tradeIds.seqOf(symbol, exchange, id);
        if (originalSeq === 0) {
          events.push({ type: 'unhandled', what: `trade ${correction} of a trade this adapter did not send: ${preview(item)}` });
          return;
        }
        ticks.push(
          correction === 'cancel'
            ? cancelTick(symbol, price, size, timeMs, 0, originalSeq)
            : correctionTick(symbol, price, size, timeMs, 0, originalSeq, conditions),
        );
        return;
      }
      case 'Q': {
        const symbol = symbolOf(own(item, 'sym'));
        const bid = own(item, 'bp') ?? 0;
        const ask = own(item, 'ap') ?? 0;
        const bidSize = own(item, 'bs') ?? 0;
        const askSize = own(item, 'as') ?? 0;
        const time = own(item, 't');
        if (symbol === undefined || !finite(bid) || !finite(ask) || !finite(bidSize) || !finite(askSize) || !finite(time)) {
          events.push(malformed(`quote [${i}] needs sym, bp, ap, bs, as and t (epoch ms): ${preview(item)}`));
          return;
        }
        ticks.push(quoteTick(symbol, bid, ask, bidSize, askSize, Math.floor(time), 0));
        return;
      }
      case 'status': {
        const status = str(own(item, 'status')) ?? '';
        const message = str(own(item, 'message')) ?? '';
        switch (status) {
          case 'connected':
            events.push({ type: 'connected', message });
            return;
          case 'auth_success':
            events.push({ type: 'authenticated', message });
            return;
          case 'auth_failed':
            events.push({ type: 'auth-failed', code: null, message: message || 'authentication failed' });
            return;
          case 'success': {
            const sub = /^subscribed to:\s*(.*)$/i.exec(message);
            if (sub) {
              const channels = sub[1]!.split(',').map((s) => s.trim()).filter((s) => s !== '');
              events.push({ type: 'subscribed', channels, message });
            } else {
              events.push({ type: 'unhandled', what: `status success: ${preview(message)}` });
            }
            return;
          }
          default:
            events.push({ type: 'error', code: null, message: `${status || '(no status)'}: ${message || preview(item)}` });
            return;
        }
      }
      default: {
        const what = typeof ev === 'string' ? UNHANDLED.get(ev) : undefined;
        if (what !== undefined) events.push({ type: 'unhandled', what });
        else events.push(malformed(`event [${i}] has an unknown type ev=${preview(ev)}: ${preview(item)}`));
      }
    }
  }

  return {
    name: 'polygon',
    url,
    displayUrl: url,
    handshake: 'greeting',
    acksSubscriptions: true,
    authMessage: () => JSON.stringify({ action: 'auth', params: options.apiKey }),
    subscribeMessages: (symbols) => {
      const params = symbols.flatMap((s) => (quotes ? [`T.${s}`, `Q.${s}`] : [`T.${s}`])).join(',');
      return [JSON.stringify({ action: 'subscribe', params })];
    },
    parse: (text) => safeParse(parse, text),
  };
}
