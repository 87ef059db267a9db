/**
 * Finnhub websocket: `wss://ws.finnhub.io?token=TOKEN`. Trades only (no quotes on this stream).
 *
 * Protocol: the token is in the URL; a bad one is refused at the upgrade with HTTP 401 (the runner
 * reports that as `auth-failed`). There is no greeting and no subscription acknowledgement.
 *   → {"type":"subscribe","symbol":"IREN"}            (one frame per symbol)
 *   ← {"type":"trade","data":[{"s","p","t":epoch ms,"v","c":["1","12"]}, …]}
 *   ← {"type":"ping"}                                 (keepalive; nothing to answer)
 *   ← {"type":"error","msg":"…"}
 *
 * Mapping to Tick: each `data` item → TICK_TRADE, symbol s, price p, size v, time t, local per-symbol
 * seq (Finnhub has no sequence), conditions per the table below (raw codes carried as `finnhub:<code>`;
 * `c` may be null or absent).
 *
 * Trade conditions: Finnhub sends numeric strings from its own US condition list. "12" appears on
 * extended-hours prints and is read as Form T → EXT. That is an assumption from observed data, not from
 * a published table; no code is mapped to OOS until Finnhub's trade-condition list has been checked.
 */
import {
  COND_EXT,
  LocalSequencer,
  finite,
  isObject,
  malformed,
  mapConditions,
  own,
  parseJsonFrame,
  preview,
  redactUrl,
  safeParse,
  str,
  symbolOf,
  type NormalizedCondition,
  type ParseResult,
  type ProviderAdapter,
  type ProviderEvent,
} from './provider.ts';
import { tradeTick, type Tick } from '../../tick/tick.ts';

export const FINNHUB_DEFAULT_URL = 'wss://ws.finnhub.io';

export const FINNHUB_CONDITIONS: ReadonlyMap<string, readonly NormalizedCondition[]> = new Map([['12', [COND_EXT]]]);

export interface FinnhubOptions {
  readonly token: string;
  /** Default `wss://ws.finnhub.io`; `token` is added to its query. */
  readonly url?: string;
  readonly sequencer?: LocalSequencer;
}

export function finnhubAdapter(options: FinnhubOptions): ProviderAdapter {
  const base = new URL(options.url ?? FINNHUB_DEFAULT_URL);
  base.searchParams.set('token', options.token);
  const url = base.toString();
  const sequencer = options.sequencer ?? new LocalSequencer();

  function parse(text: string): ParseResult {
    const ticks: Tick[] = [];
    const events: ProviderEvent[] = [];
    const json = parseJsonFrame(text);
    if (!json.ok) return { ticks, events: [json.event] };
    const msg = json.value;
    if (!isObject(msg)) return { ticks, events: [malformed(`a frame must be a JSON object, got ${preview(msg)}`)] };
    const type = own(msg, 'type');
    switch (type) {
      case 'trade': {
        const data = own(msg, 'data');
        if (!Array.isArray(data)) {
          events.push(malformed(`trade message without a data array: ${preview(msg)}`));
          break;
        }
        for (let i = 0; i < data.length; i++) {
          const item: unknown = data[i];
          const symbol = isObject(item) ? symbolOf(own(item, 's')) : undefined;
          const price = isObject(item) ? own(item, 'p') : undefined;
          const size = isObject(item) ? (own(item, 'v') ?? 0) : undefined;
          const time = isObject(item) ? own(item, 't') : undefined;
          if (!isObject(item) || symbol === undefined || !finite(price) || !finite(size) || !finite(time)) {
            events.push(malformed(`trade data[${i}] needs s, p, v and t (epoch ms): ${preview(item)}`));
            continue;
          }
          const conditions = mapConditions('finnhub', own(item, 'c'), FINNHUB_CONDITIONS);
          ticks.push(tradeTick(symbol, price, size, Math.floor(time), sequencer.next(symbol), conditions));
        }
        break;
      }
      case 'ping':
        events.push({ type: 'ping' });
        break;
      case 'error':
        events.push({ type: 'error', code: null, message: str(own(msg, 'msg')) ?? preview(msg) });
        break;
      case 'news':
        events.push({ type: 'unhandled', what: 'news' });
        break;
      default:
        events.push(malformed(`unknown message type ${preview(type)}: ${preview(msg)}`));
    }
    return { ticks, events };
  }

  return {
    name: 'finnhub',
    url,
    displayUrl: redactUrl(url, ['token']),
    handshake: 'url',
    acksSubscriptions: false,
    authMessage: () => null,
    subscribeMessages: (symbols) => symbols.map((symbol) => JSON.stringify({ type: 'subscribe', symbol })),
    parse: (text) => safeParse(parse, text),
  };
}
