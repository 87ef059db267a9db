/**
 * Alpaca market data v2, stocks: `wss://stream.data.alpaca.markets/v2/{feed}` (feed `iex` on the free
 * plan, `sip` with a subscription; also `delayed_sip`, `boats`, `overnight`, and `test` for Alpaca's
 * always-on test stream).
 *
 * Protocol: every server frame is a JSON array of objects, each with a type `T`.
 *   ← [{"T":"success","msg":"connected"}]
 *   → {"action":"auth","key":"…","secret":"…"}
 *   ← [{"T":"success","msg":"authenticated"}] | [{"T":"error","code":402,"msg":"auth failed"}]
 *   → {"action":"subscribe","trades":[…],"quotes":[…]}
 *   ← [{"T":"subscription","trades":[…],"quotes":[…],"bars":[]}]
 *   ← [{"T":"t",…}, {"T":"q",…}, …]
 * Error codes: 400 invalid syntax, 401 not authenticated, 402 auth failed, 403 already authenticated,
 * 404 auth timeout, 405 symbol limit exceeded, 406 connection limit exceeded, 407 slow client,
 * 409 insufficient subscription, 500 internal error. 402 and 409 (a feed the plan does not include,
 * reported during authentication) are `auth-failed`; the rest are `error` events with their code.
 *
 * Mapping to Tick:
 * - trade `{"T":"t","S":sym,"p":price,"s":size,"t":RFC-3339 ns,"c":[conditions],…}` → TICK_TRADE,
 *   symbol S, price p, size s, time t (ms, nanoseconds truncated), local per-symbol seq (Alpaca has no
 *   per-symbol sequence; `i` is a trade id per venue, not ordered), conditions per the table below.
 * - quote `{"T":"q","S":sym,"bp","bs","ap","as","t",…}` → TICK_QUOTE with bid bp, ask ap, sizes bs/as
 *   exactly as sent. Alpaca documents quote sizes in round lots on some feeds (SIP); the sizes are
 *   carried unscaled (display only: the index uses trades), so a bid size of 3 may mean 300 shares.
 * - correction `{"T":"c","S","x","oi","op","os","oc","ci","cp","cs","cc","t"}` → TICK_CORRECTION of the
 *   trade the adapter sent for (S, x, oi): price cp, size cs, conditions from cc, time t; the corrected
 *   trade id ci then names the same hashcap trade (a later cancel of ci withdraws it).
 * - cancel/error `{"T":"x","S","i","x","p","s","a":"C"|"E","t"}` → TICK_CANCEL of the trade sent for
 *   (S, x, i); a cancel and an error both withdraw the print.
 *   Alpaca subscribes corrections and cancels with the trades. A correction or cancel of a trade this
 *   adapter did not send (before it started) is `unhandled`: hashcap could not tell which trade it names.
 * - bars (`b`, `d`, `u`), statuses (`s`), LULD (`l`) and imbalances (`i`) are reported as `unhandled`.
 *
 * Trade conditions (SIP sale-condition letters; raw codes are all carried as `alpaca:<letter>`):
 *   T → EXT (Form T: extended hours), U → EXT + OOS (extended hours, sold out of sequence),
 *   Z → OOS (sold out of sequence).
 */
import {
  COND_EXT,
  COND_OOS,
  LocalSequencer,
  TradeIds,
  finite,
  malformed,
  mapConditions,
  own,
  parseMessageArray,
  parseRfc3339Ms,
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

export const ALPACA_DEFAULT_BASE = 'wss://stream.data.alpaca.markets/v2';
export const ALPACA_FEEDS = ['iex', 'sip', 'delayed_sip', 'boats', 'overnight', 'test'] as const;

export const ALPACA_CONDITIONS: ReadonlyMap<string, readonly NormalizedCondition[]> = new Map([
  ['T', [COND_EXT]],
  ['U', [COND_EXT, COND_OOS]],
  ['Z', [COND_OOS]],
]);

/** Error codes that mean the credentials (or the plan) were refused. */
const AUTH_FAILURE_CODES = new Set([402, 409]);
const UNHANDLED = new Map([
  ['b', 'bar'],
  ['d', 'daily bar'],
  ['u', 'updated bar'],
  ['s', 'trading status'],
  ['l', 'LULD band'],
  ['i', 'order imbalance'],
  ['n', 'news'],
]);

export interface AlpacaOptions {
  readonly keyId: string;
  readonly secretKey: string;
  /** Default 'iex'. */
  readonly feed?: string;
  /** The full websocket URL; default `wss://stream.data.alpaca.markets/v2/<feed>`. */
  readonly url?: string;
  /** Subscribe to quotes as well as trades (default true). */
  readonly quotes?: boolean;
  readonly sequencer?: LocalSequencer;
  /** Trade ids → the seqs they were sent with, for corrections and cancels. */
  readonly tradeIds?: TradeIds;
}

export function alpacaAdapter(options: AlpacaOptions): ProviderAdapter {
  const feed = options.feed ?? 'iex';
  const url = options.url ?? `${ALPACA_DEFAULT_BASE}/${feed}`;
  const quotes = options.quotes ?? true;
  const sequencer = options.sequencer ?? new LocalSequencer();
  const tradeIds = options.tradeIds ?? new TradeIds();

  function parse(text: string): ParseResult {
    return parseMessageArray(text, 'message', parseItem);
  }

  function parseItem(item: JsonObject, i: number, ticks: Tick[], events: ProviderEvent[]): void {
    const type = own(item, 'T');
    switch (type) {
      case 't': {
        const symbol = symbolOf(own(item, 'S'));
        const price = own(item, 'p');
        const size = own(item, 's') ?? 0;
        const time = timeOf(own(item, 't'));
        if (symbol === undefined || !finite(price) || !finite(size) || time === null) {
          events.push(malformed(`trade [${i}] needs S (symbol), p, s (numbers) and t (RFC-3339): ${preview(item)}`));
          return;
        }
        const conditions = mapConditions('alpaca', own(item, 'c'), ALPACA_CONDITIONS);
        const seq = sequencer.next(symbol);
        tradeIds.remember(symbol, own(item, 'x'), own(item, 'i'), seq);
        ticks.push(tradeTick(symbol, price, size, time, seq, conditions));
        return;
      }
      case 'c': {
        const symbol = symbolOf(own(item, 'S'));
        const price = own(item, 'cp');
        const size = own(item, 'cs') ?? 0;
        const time = timeOf(own(item, 't'));
        if (symbol === undefined || !finite(price) || !finite(size) || time === null) {
          events.push(malformed(`correction [${i}] needs S (symbol), cp, cs (numbers) and t (RFC-3339): ${preview(item)}`));
          return;
        }
        const exchange = own(item, 'x');
        const originalSeq = tradeIds.seqOf(symbol, exchange, own(item, 'oi'));
        if (originalSeq === 0) {
          events.push({ type: 'unhandled', what: `trade correction of a trade this adapter did not send: ${preview(item)}` });
          return;
        }
        tradeIds.remember(symbol, exchange, own(item, 'ci'), originalSeq);
        const conditions = mapConditions('alpaca', own(item, 'cc'), ALPACA_CONDITIONS);
        ticks.push(correctionTick(symbol, price, size, time, sequencer.next(symbol), originalSeq, conditions));
        return;
      }
      case 'x': {
        const symbol = symbolOf(own(item, 'S'));
        const price = own(item, 'p') ?? 0;
        const size = own(item, 's') ?? 0;
        const time = timeOf(own(item, 't'));
        if (symbol === undefined || !finite(price) || !finite(size) || time === null) {
          events.push(malformed(`cancel [${i}] needs S (symbol), p, s (numbers) and t (RFC-3339): ${preview(item)}`));
          return;
        }
        const originalSeq = tradeIds.seqOf(symbol, own(item, 'x'), own(item, 'i'));
        if (originalSeq === 0) {
          events.push({ type: 'unhandled', what: `trade cancel of a trade this adapter did not send: ${preview(item)}` });
          return;
        }
        ticks.push(cancelTick(symbol, price, size, time, sequencer.next(symbol), originalSeq));
        return;
      }
      case 'q': {
        const symbol = symbolOf(own(item, 'S'));
        const bid = own(item, 'bp') ?? 0;
        const ask = own(item, 'ap') ?? 0;
        const bidSize = own(item, 'bs') ?? 0;
        const askSize = own(item, 'as') ?? 0;
        const time = timeOf(own(item, 't'));
        if (symbol === undefined || !finite(bid) || !finite(ask) || !finite(bidSize) || !finite(askSize) || time === null) {
          events.push(malformed(`quote [${i}] needs S (symbol), bp, ap, bs, as (numbers) and t (RFC-3339): ${preview(item)}`));
          return;
        }
        ticks.push(quoteTick(symbol, bid, ask, bidSize, askSize, time, sequencer.next(symbol)));
        return;
      }
      case 'success': {
        const msg = str(own(item, 'msg')) ?? '';
        if (msg === 'connected') events.push({ type: 'connected', message: msg });
        else if (msg === 'authenticated') events.push({ type: 'authenticated', message: msg });
        else events.push({ type: 'unhandled', what: `success: ${preview(msg)}` });
        return;
      }
      case 'error': {
        const rawCode = own(item, 'code');
        const code = typeof rawCode === 'number' && Number.isSafeInteger(rawCode) ? rawCode : null;
        const message = str(own(item, 'msg')) ?? preview(item);
        events.push(code !== null && AUTH_FAILURE_CODES.has(code) ? { type: 'auth-failed', code, message } : { type: 'error', code, message });
        return;
      }
      case 'subscription': {
        const channels: string[] = [];
        for (const kind of ['trades', 'quotes', 'bars', 'updatedBars', 'dailyBars', 'statuses', 'lulds', 'corrections', 'cancelErrors']) {
          const list = own(item, kind);
          if (!Array.isArray(list)) continue;
          for (const s of list) if (typeof s === 'string') channels.push(`${kind}:${s}`);
        }
        events.push({ type: 'subscribed', channels, message: preview(item, 200) });
        return;
      }
      default: {
        const what = typeof type === 'string' ? UNHANDLED.get(type) : undefined;
        if (what !== undefined) events.push({ type: 'unhandled', what });
        else events.push(malformed(`message [${i}] has an unknown type T=${preview(type)}: ${preview(item)}`));
      }
    }
  }

  return {
    name: 'alpaca',
    url,
    displayUrl: url,
    handshake: 'greeting',
    acksSubscriptions: true,
    authMessage: () => JSON.stringify({ action: 'auth', key: options.keyId, secret: options.secretKey }),
    subscribeMessages: (symbols) => [
      JSON.stringify(quotes ? { action: 'subscribe', trades: [...symbols], quotes: [...symbols] } : { action: 'subscribe', trades: [...symbols] }),
    ],
    parse: (text) => safeParse(parse, text),
  };
}

function timeOf(value: unknown): number | null {
  return typeof value === 'string' ? parseRfc3339Ms(value) : null;
}
