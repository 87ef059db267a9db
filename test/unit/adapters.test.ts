/**
 * Provider adapters without sockets: every message type of each protocol, the Tick mapping, timestamps
 * with nanoseconds, condition codes, sequences, the CLI's configuration errors, and garbage
 * (fast-check) that must never make a parser throw.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wire } from '../../proto/wire.ts';
import { HashcapError } from '../../server/errors.ts';
import { decodePublisherMessage, encodePublisherMessage } from '../../server/tick/codec.ts';
import { alpacaAdapter } from '../../server/sources/adapters/alpaca.ts';
import { createAdapter, formatEvent, parseAdapterCli, type CliConfig } from '../../server/sources/adapters/cli.ts';
import { finnhubAdapter } from '../../server/sources/adapters/finnhub.ts';
import { polygonAdapter, polygonTradeSeq } from '../../server/sources/adapters/polygon.ts';
import {
  LocalSequencer,
  mapConditions,
  parseRfc3339Ms,
  type ParseResult,
  type ProviderAdapter,
} from '../../server/sources/adapters/provider.ts';
import type { Tick } from '../../server/tick/tick.ts';
import { ingestUrlOf } from '../../server/sources/adapters/runner.ts';

const BASE = 1_000_000;
const T0 = Date.UTC(2025, 10, 26, 14, 51, 44, 208); // 2025-11-26T14:51:44.208Z
const alpaca = () => alpacaAdapter({ keyId: 'AKID', secretKey: 'SECRET', sequencer: new LocalSequencer(BASE) });
const polygon = () => polygonAdapter({ apiKey: 'PKEY' });
const finnhub = () => finnhubAdapter({ token: 'FTOKEN', sequencer: new LocalSequencer(BASE) });
const json = (v: unknown) => JSON.stringify(v);

describe('RFC-3339 timestamps', () => {
  it('reads nanosecond fractions to whole milliseconds (truncated, never rounded up)', () => {
    expect(parseRfc3339Ms('2025-11-26T14:51:44.208123456Z')).toBe(T0);
    expect(parseRfc3339Ms('2025-11-26T14:51:44.208999999Z')).toBe(T0);
    expect(parseRfc3339Ms('2025-11-26T14:51:44.999999999Z')).toBe(T0 - 208 + 999);
    expect(parseRfc3339Ms('2025-11-26T14:51:44.2Z')).toBe(T0 - 8);
    expect(parseRfc3339Ms('2025-11-26T14:51:44.20812Z')).toBe(T0);
    expect(parseRfc3339Ms('2025-11-26T14:51:44Z')).toBe(T0 - 208);
    expect(parseRfc3339Ms('2025-11-26T14:51:44.000000001Z')).toBe(T0 - 208);
  });

  it('applies offsets, accepts lower-case t/z', () => {
    expect(parseRfc3339Ms('2025-11-26T09:51:44.208123456-05:00')).toBe(T0);
    expect(parseRfc3339Ms('2025-11-26T16:21:44.208+01:30')).toBe(T0);
    expect(parseRfc3339Ms('2025-11-26t14:51:44.208z')).toBe(T0);
  });

  it('agrees with Date.parse on millisecond timestamps', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(parseRfc3339Ms(iso)).toBe(ms);
        expect(parseRfc3339Ms(iso.replace('Z', '987654Z'))).toBe(ms);
      }),
    );
  });

  it('refuses what is not a real instant', () => {
    for (const bad of [
      '',
      '2025-11-26',
      '2025-11-26T14:51:44',
      '2025-11-26T14:51:44.Z',
      '2025-11-26T14:51:44.1234567890Z',
      '2025-02-29T10:00:00Z',
      '2025-13-01T10:00:00Z',
      '2025-11-31T10:00:00Z',
      '2025-11-26T24:00:00Z',
      '2025-11-26T14:60:00Z',
      '2025-11-26T14:51:61Z',
      '2025-11-26T14:51:44+25:00',
      '0099-01-01T00:00:00Z',
      ' 2025-11-26T14:51:44Z',
      '2025-11-26T14:51:44Z ',
    ]) {
      expect(parseRfc3339Ms(bad), bad).toBeNull();
    }
    expect(parseRfc3339Ms('2024-02-29T10:00:00Z')).toBe(Date.UTC(2024, 1, 29, 10));
    expect(parseRfc3339Ms('2016-12-31T23:59:60Z')).toBe(Date.UTC(2016, 11, 31, 23, 59, 59, 999));
  });
});

describe('Alpaca', () => {
  it('session messages: connected, authenticated, auth failures, errors with codes, subscription acks', () => {
    const a = alpaca();
    expect(a.parse(json([{ T: 'success', msg: 'connected' }])).events).toEqual([{ type: 'connected', message: 'connected' }]);
    expect(a.parse(json([{ T: 'success', msg: 'authenticated' }])).events).toEqual([{ type: 'authenticated', message: 'authenticated' }]);
    expect(a.parse(json([{ T: 'error', code: 402, msg: 'auth failed' }])).events).toEqual([
      { type: 'auth-failed', code: 402, message: 'auth failed' },
    ]);
    expect(a.parse(json([{ T: 'error', code: 409, msg: 'insufficient subscription' }])).events[0]).toMatchObject({ type: 'auth-failed', code: 409 });
    for (const [code, msg] of [
      [400, 'invalid syntax'],
      [401, 'not authenticated'],
      [403, 'already authenticated'],
      [404, 'auth timeout'],
      [405, 'symbol limit exceeded'],
      [406, 'connection limit exceeded'],
      [407, 'slow client'],
      [500, 'internal error'],
    ] as const) {
      expect(a.parse(json([{ T: 'error', code, msg }])).events).toEqual([{ type: 'error', code, message: msg }]);
    }
    const sub = a.parse(json([{ T: 'subscription', trades: ['IREN', 'MARA'], quotes: ['IREN'], bars: [] }]));
    expect(sub.events).toEqual([
      { type: 'subscribed', channels: ['trades:IREN', 'trades:MARA', 'quotes:IREN'], message: expect.any(String) as unknown as string },
    ]);
    expect(sub.ticks).toEqual([]);
  });

  it('auth and subscribe frames', () => {
    const a = alpaca();
    expect(JSON.parse(a.authMessage()!)).toEqual({ action: 'auth', key: 'AKID', secret: 'SECRET' });
    expect(a.subscribeMessages(['IREN', 'MARA']).map((m) => JSON.parse(m))).toEqual([
      { action: 'subscribe', trades: ['IREN', 'MARA'], quotes: ['IREN', 'MARA'] },
    ]);
    const tradesOnly = alpacaAdapter({ keyId: 'k', secretKey: 's', quotes: false });
    expect(JSON.parse(tradesOnly.subscribeMessages(['IREN'])[0]!)).toEqual({ action: 'subscribe', trades: ['IREN'] });
    expect(a.url).toBe('wss://stream.data.alpaca.markets/v2/iex');
    expect(alpacaAdapter({ keyId: 'k', secretKey: 's', feed: 'sip' }).url).toBe('wss://stream.data.alpaca.markets/v2/sip');
    expect(a.handshake).toBe('greeting');
  });

  it('a trade → TICK_TRADE with ms time from the nanosecond timestamp, local seq and conditions', () => {
    const a = alpaca();
    const r = a.parse(
      json([
        { T: 't', S: 'IREN', i: 52983525029461, x: 'V', p: 48.45, s: 100, c: ['@', 'T'], t: '2025-11-26T14:51:44.208123456Z', z: 'C' },
        { T: 't', S: 'IREN', i: 52983525029462, x: 'V', p: 48.46, s: 5, c: ['@'], t: '2025-11-26T14:51:44.209Z', z: 'C' },
        { T: 't', S: 'MARA', i: 1, x: 'Q', p: 15.87, s: 200, c: ['Z'], t: '2025-11-26T14:51:44.210000001Z', z: 'C' },
        { T: 't', S: 'MARA', i: 2, x: 'Q', p: 15.88, s: 10, c: ['U', 'I'], t: '2025-11-26T14:51:44.211Z', z: 'C' },
      ]),
    );
    expect(r.events).toEqual([]);
    expect(r.ticks).toEqual([
      { symbol: 'IREN', kind: 0, price: 48.45, size: 100, bid: 0, ask: 0, bidSize: 0, askSize: 0, timeMs: T0, seq: BASE + 1, conditions: ['EXT', 'alpaca:@', 'alpaca:T'], originalSeq: 0 },
      { symbol: 'IREN', kind: 0, price: 48.46, size: 5, bid: 0, ask: 0, bidSize: 0, askSize: 0, timeMs: T0 + 1, seq: BASE + 2, conditions: ['alpaca:@'], originalSeq: 0 },
      { symbol: 'MARA', kind: 0, price: 15.87, size: 200, bid: 0, ask: 0, bidSize: 0, askSize: 0, timeMs: T0 + 2, seq: BASE + 1, conditions: ['OOS', 'alpaca:Z'], originalSeq: 0 },
      { symbol: 'MARA', kind: 0, price: 15.88, size: 10, bid: 0, ask: 0, bidSize: 0, askSize: 0, timeMs: T0 + 3, seq: BASE + 2, conditions: ['EXT', 'OOS', 'alpaca:U', 'alpaca:I'], originalSeq: 0 },
    ]);
  });

  it('a quote → TICK_QUOTE with sizes as sent and no conditions; quotes share the symbol seq with trades', () => {
    const a = alpaca();
    const r = a.parse(
      json([
        { T: 'q', S: 'IREN', bx: 'U', bp: 48.44, bs: 1, ax: 'Q', ap: 48.46, as: 4, c: ['R'], t: '2025-11-26T14:51:44.208123456Z', z: 'C' },
        { T: 't', S: 'IREN', p: 48.45, s: 100, c: ['@'], t: '2025-11-26T14:51:44.209Z' },
      ]),
    );
    expect(r.ticks[0]).toEqual({ symbol: 'IREN', kind: 1, price: 0, size: 0, bid: 48.44, ask: 48.46, bidSize: 1, askSize: 4, timeMs: T0, seq: BASE + 1, conditions: [], originalSeq: 0 });
    expect(r.ticks[1]!.seq).toBe(BASE + 2);
  });

  it('bars and statuses are reported as unhandled, unknown types and bad fields (also of corrections and cancels) as malformed', () => {
    const a = alpaca();
    const r = a.parse(
      json([
        { T: 'b', S: 'IREN' },
        { T: 's', S: 'IREN' },
        { T: 'c', S: 'IREN' },
        { T: 'x', S: 'IREN' },
        { T: 'zz' },
        { T: 't', S: 'IREN', p: '48.45', s: 100, t: '2025-11-26T14:51:44Z' },
        { T: 't', S: 'IREN', p: 48.45, s: 100, t: '2025-11-26 nope' },
        { T: 't', S: 'bad symbol', p: 48.45, s: 100, t: '2025-11-26T14:51:44Z' },
        { T: 'q', S: 'IREN', bp: 1, ap: 2, bs: '3', as: 1, t: '2025-11-26T14:51:44Z' },
        42,
      ]),
    );
    expect(r.ticks).toEqual([]);
    expect(r.events.map((e) => e.type)).toEqual([
      'unhandled',
      'unhandled',
      'malformed',
      'malformed',
      'malformed',
      'malformed',
      'malformed',
      'malformed',
      'malformed',
      'malformed',
    ]);
  });

  it('a correction (c) → TICK_CORRECTION and a cancel/error (x) → TICK_CANCEL of the trade sent for that exchange and trade id', () => {
    const a = alpaca();
    const trades = a.parse(
      json([
        { T: 't', S: 'IREN', i: 100, x: 'V', p: 48.45, s: 100, c: ['@'], t: '2025-11-26T14:51:44.208Z', z: 'C' },
        { T: 't', S: 'IREN', i: 100, x: 'Q', p: 48.5, s: 10, c: ['@'], t: '2025-11-26T14:51:44.209Z', z: 'C' },
      ]),
    );
    const [v100, q100] = trades.ticks.map((t) => t.seq) as [number, number];
    const r = a.parse(
      json([
        { T: 'c', S: 'IREN', x: 'V', oi: 100, op: 48.45, os: 100, oc: ['@'], ci: 101, cp: 48.4, cs: 120, cc: ['@', 'Z'], z: 'C', t: '2025-11-26T14:51:45Z' },
        { T: 'x', S: 'IREN', i: 100, x: 'Q', p: 48.5, s: 10, a: 'E', z: 'C', t: '2025-11-26T14:51:46Z' },
        // The corrected trade's new id names the same hashcap trade.
        { T: 'x', S: 'IREN', i: 101, x: 'V', p: 48.4, s: 120, a: 'C', z: 'C', t: '2025-11-26T14:51:47Z' },
        // Trades this adapter never sent: nothing to name.
        { T: 'x', S: 'IREN', i: 100, x: 'Z', p: 48.5, s: 10, a: 'C', z: 'C', t: '2025-11-26T14:51:47Z' },
        { T: 'c', S: 'MARA', x: 'V', oi: 5, ci: 6, cp: 15, cs: 1, t: '2025-11-26T14:51:47Z' },
      ]),
    );
    expect(r.ticks).toEqual([
      { symbol: 'IREN', kind: 5, price: 48.4, size: 120, bid: 0, ask: 0, bidSize: 0, askSize: 0, timeMs: Date.UTC(2025, 10, 26, 14, 51, 45), seq: BASE + 3, conditions: ['OOS', 'alpaca:@', 'alpaca:Z'], originalSeq: v100 },
      { symbol: 'IREN', kind: 4, price: 48.5, size: 10, bid: 0, ask: 0, bidSize: 0, askSize: 0, timeMs: Date.UTC(2025, 10, 26, 14, 51, 46), seq: BASE + 4, conditions: [], originalSeq: q100 },
      { symbol: 'IREN', kind: 4, price: 48.4, size: 120, bid: 0, ask: 0, bidSize: 0, askSize: 0, timeMs: Date.UTC(2025, 10, 26, 14, 51, 47), seq: BASE + 5, conditions: [], originalSeq: v100 },
    ]);
    expect(r.events.map((e) => e.type)).toEqual(['unhandled', 'unhandled']);
    expect(r.events[0]).toMatchObject({ what: expect.stringContaining('did not send') });
  });

  it('one bad item does not lose the good ones in the same frame', () => {
    const r = alpaca().parse(
      json([{ T: 't', S: 'IREN' }, { T: 't', S: 'IREN', p: 48.45, s: 1, t: '2025-11-26T14:51:44.208Z' }]),
    );
    expect(r.ticks).toHaveLength(1);
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ type: 'malformed' });
  });
});

describe('Polygon / Massive', () => {
  it('status messages', () => {
    const p = polygon();
    expect(p.parse(json([{ ev: 'status', status: 'connected', message: 'Connected Successfully' }])).events).toEqual([
      { type: 'connected', message: 'Connected Successfully' },
    ]);
    expect(p.parse(json([{ ev: 'status', status: 'auth_success', message: 'authenticated' }])).events).toEqual([
      { type: 'authenticated', message: 'authenticated' },
    ]);
    expect(p.parse(json([{ ev: 'status', status: 'auth_failed', message: 'authentication failed' }])).events).toEqual([
      { type: 'auth-failed', code: null, message: 'authentication failed' },
    ]);
    const subs = p.parse(
      json([
        { ev: 'status', status: 'success', message: 'subscribed to: T.IREN' },
        { ev: 'status', status: 'success', message: 'subscribed to: Q.IREN' },
      ]),
    );
    expect(subs.events).toEqual([
      { type: 'subscribed', channels: ['T.IREN'], message: 'subscribed to: T.IREN' },
      { type: 'subscribed', channels: ['Q.IREN'], message: 'subscribed to: Q.IREN' },
    ]);
    expect(p.parse(json([{ ev: 'status', status: 'max_connections', message: 'Maximum number of websocket connections exceeded.' }])).events).toEqual([
      { type: 'error', code: null, message: 'max_connections: Maximum number of websocket connections exceeded.' },
    ]);
  });

  it('auth and subscribe frames, URLs', () => {
    const p = polygon();
    expect(JSON.parse(p.authMessage()!)).toEqual({ action: 'auth', params: 'PKEY' });
    expect(JSON.parse(p.subscribeMessages(['IREN', 'MARA'])[0]!)).toEqual({ action: 'subscribe', params: 'T.IREN,Q.IREN,T.MARA,Q.MARA' });
    expect(JSON.parse(polygonAdapter({ apiKey: 'k', quotes: false }).subscribeMessages(['IREN'])[0]!)).toEqual({ action: 'subscribe', params: 'T.IREN' });
    expect(p.url).toBe('wss://socket.polygon.io/stocks');
  });

  it('a trade → TICK_TRADE; seq from q within the trading day; conditions 12/13/32/33', () => {
    const r = polygon().parse(
      json([
        { ev: 'T', sym: 'IREN', x: 4, i: '12345', z: 3, p: 48.45, s: 100, c: [12, 37], t: 1764168704208, q: 3681328 },
        { ev: 'T', sym: 'IREN', p: 48.46, s: 10, c: [13], t: 1764168704209, q: 3681400 },
        { ev: 'T', sym: 'IREN', p: 48.47, s: 10, c: [33], t: 1764168704210, q: 3681401 },
        { ev: 'T', sym: 'IREN', p: 48.48, s: 10, c: [29], t: 1764168704211, q: 3681402 },
        { ev: 'T', sym: 'IREN', p: 48.49, s: 10, t: 1764168704212, q: 3681403 },
      ]),
    );
    expect(r.events).toEqual([]);
    const day = Math.floor((1764168704208 - 4 * 3_600_000) / 86_400_000);
    expect(r.ticks[0]).toEqual({
      symbol: 'IREN',
      kind: 0,
      price: 48.45,
      size: 100,
      bid: 0,
      ask: 0,
      bidSize: 0,
      askSize: 0,
      timeMs: 1764168704208,
      seq: day * 1e11 + 3681328,
      conditions: ['EXT', 'polygon:12', 'polygon:37'],
      originalSeq: 0,
    });
    expect(r.ticks.map((t) => t.conditions)).toEqual([
      ['EXT', 'polygon:12', 'polygon:37'],
      ['EXT', 'OOS', 'polygon:13'],
      ['OOS', 'polygon:33'],
      ['polygon:29'],
      [],
    ]);
    const seqs = r.ticks.map((t) => t.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(seqs.every((s) => Number.isSafeInteger(s))).toBe(true);
  });

  it('seq keeps increasing across trading days although q restarts; unusable q → 0', () => {
    const evening = Date.UTC(2025, 10, 26, 0, 59); // 19:59 New York (EST), post-market of the 25th
    const nextPre = Date.UTC(2025, 10, 26, 9, 0); // 04:00 New York, pre-market of the 26th
    expect(polygonTradeSeq(99_000_000, evening)).toBeLessThan(polygonTradeSeq(1, nextPre));
    const summerPost = Date.UTC(2025, 6, 1, 23, 59); // 19:59 EDT
    const summerPre = Date.UTC(2025, 6, 1, 8, 0); // 04:00 EDT same day
    expect(Math.floor(polygonTradeSeq(1, summerPost) / 1e11)).toBe(Math.floor(polygonTradeSeq(1, summerPre) / 1e11));
    for (const q of [0, -1, 1.5, '7', null, undefined, 1e11, Number.NaN]) expect(polygonTradeSeq(q, nextPre)).toBe(0);
  });

  it('a quote → TICK_QUOTE with seq 0 (quote q is another number space)', () => {
    const r = polygon().parse(
      json([{ ev: 'Q', sym: 'IREN', bx: 4, bp: 48.44, bs: 100, ax: 7, ap: 48.46, as: 160, c: 0, t: 1764168704208, q: 50385480, z: 3 }]),
    );
    expect(r.ticks).toEqual([
      { symbol: 'IREN', kind: 1, price: 0, size: 0, bid: 48.44, ask: 48.46, bidSize: 100, askSize: 160, timeMs: 1764168704208, seq: 0, conditions: [], originalSeq: 0 },
    ]);
  });

  it('a trade event with a cancel condition (44, 49, 54) → TICK_CANCEL, with a correction condition (46, 48) → TICK_CORRECTION, of the trade sent with that exchange and id', () => {
    const p = polygon();
    const day = Math.floor((1764168704208 - 4 * 3_600_000) / 86_400_000);
    const sent = p.parse(
      json([
        { ev: 'T', sym: 'IREN', x: 4, i: '500', p: 48.45, s: 100, c: [], t: 1764168704208, q: 100 },
        { ev: 'T', sym: 'IREN', x: 4, i: '501', p: 48.46, s: 100, c: [], t: 1764168704209, q: 101 },
        { ev: 'T', sym: 'IREN', x: 11, i: '500', p: 48.47, s: 100, c: [], t: 1764168704210, q: 102 },
      ]),
    );
    expect(sent.ticks.map((t) => t.kind)).toEqual([0, 0, 0]);
    const r = p.parse(
      json([
        { ev: 'T', sym: 'IREN', x: 4, i: '501', p: 48.46, s: 100, c: [44], t: 1764168705000, q: 103 },
        { ev: 'T', sym: 'IREN', x: 11, i: '500', p: 48.41, s: 50, c: [46], t: 1764168705001, q: 104 },
        { ev: 'T', sym: 'IREN', x: 4, i: '500', p: 48.45, s: 100, c: [12, 54], t: 1764168705002, q: 105 },
        { ev: 'T', sym: 'IREN', x: 4, i: '999', p: 48.45, s: 100, c: [49], t: 1764168705003, q: 106 },
      ]),
    );
    const seq = (q: number) => day * 1e11 + q;
    expect(r.ticks.map((t) => [t.kind, t.price, t.size, t.seq, t.originalSeq])).toEqual([
      [4, 48.46, 100, 0, seq(101)],
      [5, 48.41, 50, 0, seq(102)],
      [4, 48.45, 100, 0, seq(100)],
    ]);
    expect(r.ticks[1]!.conditions).toEqual(['polygon:46']);
    expect(r.events).toEqual([{ type: 'unhandled', what: expect.stringContaining('trade cancel of a trade this adapter did not send') }]);
  });

  it('aggregates are unhandled; bad events are malformed', () => {
    const r = polygon().parse(json([{ ev: 'AM', sym: 'IREN' }, { ev: 'T', sym: 'IREN', p: 1 }, { ev: 'nope' }, [1]]));
    expect(r.ticks).toEqual([]);
    expect(r.events.map((e) => e.type)).toEqual(['unhandled', 'malformed', 'malformed', 'malformed']);
  });
});

describe('Finnhub', () => {
  it('the token goes in the URL (redacted for display); one subscribe frame per symbol; no auth frame', () => {
    const f = finnhub();
    expect(f.url).toBe('wss://ws.finnhub.io/?token=FTOKEN');
    expect(f.displayUrl).toBe('wss://ws.finnhub.io/?token=***');
    expect(f.displayUrl).not.toContain('FTOKEN');
    expect(f.authMessage()).toBeNull();
    expect(f.handshake).toBe('url');
    expect(f.acksSubscriptions).toBe(false);
    expect(f.subscribeMessages(['IREN', 'MARA']).map((m) => JSON.parse(m))).toEqual([
      { type: 'subscribe', symbol: 'IREN' },
      { type: 'subscribe', symbol: 'MARA' },
    ]);
    expect(finnhubAdapter({ token: 'a&b', url: 'ws://127.0.0.1:9/' }).url).toBe('ws://127.0.0.1:9/?token=a%26b');
  });

  it('trades → TICK_TRADE with local seq; "12" → EXT; null conditions', () => {
    const r = finnhub().parse(
      json({
        type: 'trade',
        data: [
          { s: 'IREN', p: 48.45, t: 1764168704208, v: 100, c: ['1', '12'] },
          { s: 'IREN', p: 48.46, t: 1764168704209, v: 50, c: null },
          { s: 'MARA', p: 15.87, t: 1764168704210, v: 1 },
        ],
      }),
    );
    expect(r.events).toEqual([]);
    expect(r.ticks).toEqual([
      { symbol: 'IREN', kind: 0, price: 48.45, size: 100, bid: 0, ask: 0, bidSize: 0, askSize: 0, timeMs: 1764168704208, seq: BASE + 1, conditions: ['EXT', 'finnhub:1', 'finnhub:12'], originalSeq: 0 },
      { symbol: 'IREN', kind: 0, price: 48.46, size: 50, bid: 0, ask: 0, bidSize: 0, askSize: 0, timeMs: 1764168704209, seq: BASE + 2, conditions: [], originalSeq: 0 },
      { symbol: 'MARA', kind: 0, price: 15.87, size: 1, bid: 0, ask: 0, bidSize: 0, askSize: 0, timeMs: 1764168704210, seq: BASE + 1, conditions: [], originalSeq: 0 },
    ]);
  });

  it('ping, error, malformed', () => {
    const f = finnhub();
    expect(f.parse(json({ type: 'ping' }))).toEqual({ ticks: [], events: [{ type: 'ping' }] });
    expect(f.parse(json({ type: 'error', msg: 'Subscribing to too many symbols' })).events).toEqual([
      { type: 'error', code: null, message: 'Subscribing to too many symbols' },
    ]);
    expect(f.parse(json({ type: 'trade' })).events[0]).toMatchObject({ type: 'malformed' });
    expect(f.parse(json({ type: 'trade', data: [{ s: 'IREN', p: 'x', t: 1, v: 1 }] })).events[0]).toMatchObject({ type: 'malformed' });
    expect(f.parse(json([{ type: 'ping' }])).events[0]).toMatchObject({ type: 'malformed' });
    expect(f.parse(json({ type: 'other' })).events[0]).toMatchObject({ type: 'malformed' });
  });
});

describe('conditions', () => {
  const table = new Map([['T', ['EXT' as const]], ['Z', ['OOS' as const]]]);
  it('normalized codes first in a fixed order, then raw codes tagged with the provider, deduplicated', () => {
    expect(mapConditions('alpaca', ['Z', 'T', 'T', '@'], table)).toEqual(['EXT', 'OOS', 'alpaca:Z', 'alpaca:T', 'alpaca:@']);
  });
  it('skips what is not a short printable code or a non-negative integer, keeps at most 16', () => {
    expect(mapConditions('polygon', [12, -1, 1.5, null, {}, 'x'.repeat(9), '\n', 'ok'], new Map())).toEqual(['polygon:12', 'polygon:ok']);
    expect(mapConditions('polygon', Array.from({ length: 40 }, (_, i) => i), new Map())).toHaveLength(16);
    expect(mapConditions('polygon', 'T', table)).toEqual([]);
  });
});

describe('LocalSequencer', () => {
  it('counts per symbol from the base; a later base starts above an earlier run', () => {
    const s = new LocalSequencer(100);
    expect([s.next('A'), s.next('A'), s.next('B'), s.next('A')]).toEqual([101, 102, 101, 103]);
    const first = new LocalSequencer();
    let last = 0;
    for (let i = 0; i < 500; i++) last = first.next('IREN');
    // 500 prints are far fewer than 1,000 per millisecond elapsed, so a restarted adapter starts higher.
    const restarted = new LocalSequencer(Date.now() * 1000 + 1000);
    expect(restarted.next('IREN')).toBeGreaterThan(last);
    expect(Number.isSafeInteger(last)).toBe(true);
  });
});

describe('ticks on the hashcap wire', () => {
  it('adapter ticks encode as an IngestBatch the server decodes field for field (proto and JSON)', () => {
    const ticks: Tick[] = [
      ...alpaca().parse(json([{ T: 't', S: 'IREN', p: 48.45, s: 100, c: ['@', 'T'], t: '2025-11-26T14:51:44.208123456Z' }])).ticks,
      ...polygon().parse(json([{ ev: 'Q', sym: 'MARA', bp: 15.8, bs: 3, ap: 15.9, as: 2, t: T0, q: 5 }])).ticks,
    ];
    for (const format of ['proto', 'json'] as const) {
      const decoded = decodePublisherMessage(encodePublisherMessage({ batch: { batchId: 7, ticks } }, format), format);
      const back = (decoded.batch?.ticks ?? []).map((t) => wire.Tick.toObject(t as InstanceType<typeof wire.Tick>, { defaults: true, longs: Number, enums: Number }));
      expect(back).toEqual(ticks.map((t) => ({ ...t })));
    }
  });
});

// ------------------------------------------------------------------------------------------ garbage

const adapters: [string, () => ProviderAdapter][] = [
  ['alpaca', alpaca],
  ['polygon', polygon],
  ['finnhub', finnhub],
];

/** Every tick a parser emits is well-formed, whatever came in. */
function checkResult(r: ParseResult): void {
  expect(Array.isArray(r.ticks)).toBe(true);
  expect(Array.isArray(r.events)).toBe(true);
  for (const t of r.ticks) {
    expect(typeof t.symbol).toBe('string');
    expect(t.symbol.length).toBeGreaterThan(0);
    expect([0, 1]).toContain(t.kind);
    for (const v of [t.price, t.size, t.bid, t.ask, t.bidSize, t.askSize, t.timeMs]) expect(Number.isFinite(v)).toBe(true);
    expect(Number.isSafeInteger(t.seq) && t.seq >= 0).toBe(true);
    expect(t.conditions.every((c) => typeof c === 'string')).toBe(true);
  }
  for (const e of r.events) expect(typeof e.type).toBe('string');
}

/** Messages shaped like the protocols' own, with random values in every field. */
const anyValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom('2025-11-26T14:51:44.208123456Z', '2025-02-30T00:00:00Z', 'IREN', '', 'T', 'Q', 'trade', 'status', 'auth_success'),
  fc.double(),
  fc.constant(null),
);
const protocolish = fc.oneof(
  fc.array(fc.record({ T: fc.constantFrom('t', 'q', 'success', 'error', 'subscription', 'b', 'x'), S: anyValue, p: anyValue, s: anyValue, t: anyValue, c: anyValue, bp: anyValue, ap: anyValue, bs: anyValue, as: anyValue, msg: anyValue, code: anyValue, trades: anyValue }, { requiredKeys: ['T'] })),
  fc.array(fc.record({ ev: fc.constantFrom('T', 'Q', 'status', 'A'), sym: anyValue, p: anyValue, s: anyValue, t: anyValue, q: anyValue, c: anyValue, bp: anyValue, ap: anyValue, bs: anyValue, as: anyValue, status: anyValue, message: anyValue }, { requiredKeys: ['ev'] })),
  fc.record({ type: fc.constantFrom('trade', 'ping', 'error'), data: fc.oneof(anyValue, fc.array(fc.record({ s: anyValue, p: anyValue, t: anyValue, v: anyValue, c: anyValue }))), msg: anyValue }),
);

describe('garbage never throws', () => {
  for (const [name, make] of adapters) {
    it(`${name}: random JSON, random text, protocol-shaped messages with random fields`, () => {
      const a = make();
      fc.assert(fc.property(fc.jsonValue(), (v) => checkResult(a.parse(JSON.stringify(v) ?? 'null'))), { numRuns: 500 });
      fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => checkResult(a.parse(s))), { numRuns: 500 });
      fc.assert(fc.property(protocolish, (m) => checkResult(a.parse(JSON.stringify(m)))), { numRuns: 1000 });
    });

    it(`${name}: hostile inputs`, () => {
      const a = make();
      const deep = '['.repeat(100_000) + ']'.repeat(100_000);
      for (const text of ['', ' ', 'null', '[]', '{}', '[null]', '[[]]', '"x"', '1e999', deep, '{"__proto__":{"T":"t"}}', '[{"__proto__":{"p":1}}]', '\u0000']) {
        checkResult(a.parse(text));
      }
      // Not even a string: the adapter is called from untyped code.
      checkResult(a.parse(undefined as unknown as string));
      checkResult(a.parse({ toString: () => { throw new Error('boom'); } } as unknown as string));
    });
  }

  it('a message inheriting fields from a polluted prototype is not read', () => {
    const r = alpaca().parse('[{"T":"t","__proto__":{"S":"IREN","p":1,"s":1,"t":"2025-11-26T14:51:44Z"}}]');
    expect(r.ticks).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------ CLI

describe('CLI configuration', () => {
  const env = { HASHCAP_INGEST_TOKEN: 'tok', ALPACA_KEY_ID: 'id', ALPACA_SECRET_KEY: 'sec', POLYGON_API_KEY: 'pk', FINNHUB_TOKEN: 'ft' };
  const fail = (argv: string[], e: Record<string, string>) => {
    try {
      parseAdapterCli(argv, e);
    } catch (error) {
      expect(error).toBeInstanceOf(HashcapError);
      expect((error as HashcapError).code).toBe('ADAPTER_CONFIG');
      return (error as Error).message;
    }
    throw new Error('expected a configuration error');
  };

  it('names the missing environment variable', () => {
    expect(fail(['alpaca'], { ...env, ALPACA_SECRET_KEY: '' })).toMatch(/^ALPACA_SECRET_KEY is not set/);
    expect(fail(['alpaca'], { HASHCAP_INGEST_TOKEN: 't' })).toMatch(/^ALPACA_KEY_ID and ALPACA_SECRET_KEY are not set/);
    expect(fail(['polygon'], { HASHCAP_INGEST_TOKEN: 't' })).toMatch(/POLYGON_API_KEY \(or MASSIVE_API_KEY\) is not set/);
    expect(fail(['finnhub'], { HASHCAP_INGEST_TOKEN: 't' })).toMatch(/^FINNHUB_TOKEN is not set/);
    expect(fail(['finnhub'], { FINNHUB_TOKEN: 'f' })).toMatch(/^HASHCAP_INGEST_TOKEN is not set/);
  });

  it('refuses unknown providers, options and bad values', () => {
    expect(fail([], env)).toMatch(/name one provider/);
    expect(fail(['iex'], env)).toMatch(/unknown provider "iex"/);
    expect(fail(['alpaca', '--nope'], env)).toMatch(/unknown option --nope/);
    expect(fail(['alpaca', '--feed', 'xyz'], env)).toMatch(/--feed "xyz"/);
    expect(fail(['polygon', '--feed', 'sip'], env)).toMatch(/alpaca only/);
    expect(fail(['alpaca', '--url', 'ftp://x'], env)).toMatch(/must start with ws/);
    expect(fail(['alpaca', '--provider-url', 'http://x'], env)).toMatch(/ws:\/\/ or wss:\/\//);
    expect(fail(['alpaca', '--symbols', 'IREN,bad sym'], env)).toMatch(/--symbols/);
    expect(fail(['alpaca', '--batch-ms', '0'], env)).toMatch(/--batch-ms/);
    expect(fail(['alpaca', '--url'], env)).toMatch(/--url needs a value/);
  });

  it('builds each adapter from flags and env (MASSIVE_API_KEY accepted)', () => {
    const a = parseAdapterCli(['alpaca', '--url', 'http://localhost:9', '--feed=sip', '--symbols', 'iren, mara'], env) as CliConfig;
    expect(a).toMatchObject({ provider: 'alpaca', hashcapUrl: ['http://localhost:9'], feed: 'sip', symbols: ['IREN', 'MARA'], hashcapToken: 'tok' });
    expect(createAdapter(a).url).toBe('wss://stream.data.alpaca.markets/v2/sip');
    const m = parseAdapterCli(['massive'], { HASHCAP_INGEST_TOKEN: 't', MASSIVE_API_KEY: 'mk' }) as CliConfig;
    const adapter = createAdapter(m);
    expect(adapter.url).toBe('wss://socket.massive.com/stocks');
    expect(JSON.parse(adapter.authMessage()!)).toEqual({ action: 'auth', params: 'mk' });
    const f = parseAdapterCli(['finnhub', '--provider-url', 'ws://127.0.0.1:1234/'], env) as CliConfig;
    expect(createAdapter(f).url).toBe('ws://127.0.0.1:1234/?token=ft');
    expect(parseAdapterCli(['--help'], {})).toBe('help');
  });

  it('the hashcap URL becomes the ingest websocket URL', () => {
    expect(ingestUrlOf('ws://localhost:8080')).toBe('ws://localhost:8080/v1/ingest');
    expect(ingestUrlOf('http://127.0.0.1:8080/')).toBe('ws://127.0.0.1:8080/v1/ingest');
    expect(ingestUrlOf('https://feed.example/v1/ingest')).toBe('wss://feed.example/v1/ingest');
    expect(() => ingestUrlOf('localhost:8080')).toThrow(HashcapError);
  });

  it('event lines name the side and never print the finnhub token', () => {
    const f = finnhub();
    expect(formatEvent({ side: 'provider', type: 'connecting', url: f.displayUrl, attempt: 0 })).not.toContain('FTOKEN');
    expect(formatEvent({ side: 'provider', type: 'auth-failed', code: 402, message: 'auth failed' })).toBe('provider: AUTHENTICATION FAILED (402): auth failed');
    expect(formatEvent({ side: 'provider', type: 'ping' })).toBeNull();
    expect(formatEvent({ side: 'provider', type: 'ping' }, true)).toBe('provider: ping');
  });
});
