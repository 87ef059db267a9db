/**
 * Local websocket servers (port 0, `ws`) that speak the three providers' streaming protocols as their
 * docs describe them, for the adapter tests:
 *
 * - alpaca:  `[{"T":"success","msg":"connected"}]` on connect; `{"action":"auth","key","secret"}` →
 *            authenticated or `{"T":"error","code":402,"msg":"auth failed"}`; subscribe before auth →
 *            401 not authenticated; auth twice → 403; bad JSON → 400 invalid syntax; subscribe → a
 *            `subscription` message with the accumulated trades/quotes lists.
 * - polygon: `status connected` on connect; `{"action":"auth","params":KEY}` → auth_success /
 *            auth_failed; `{"action":"subscribe","params":"T.X,Q.X"}` → one `success` status per channel.
 * - finnhub: the token is checked at the upgrade (HTTP 401 when wrong); `{"type":"subscribe","symbol"}`
 *            frames are recorded (no ack); the server can send trades, `ping` and `error` messages.
 *
 * Trades and quotes are sent only to connections that are authenticated and subscribed to that
 * symbol (and channel), like the real services, so a client that does not resubscribe after a
 * reconnect gets nothing. Every server records connections, auth attempts and subscribe messages, and
 * can drop all its connections.
 */
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

export type ProviderKind = 'alpaca' | 'polygon' | 'finnhub';

export interface TestTrade {
  readonly symbol: string;
  readonly price: number;
  readonly size?: number;
  readonly timeMs: number;
  /** Provider-native condition codes: Alpaca letters, Polygon ids, Finnhub numeric strings. */
  readonly conditions?: readonly (string | number)[];
  /** Polygon `q`. */
  readonly seq?: number;
  /** Alpaca only: the exact `t` text (default: timeMs as RFC-3339 with a nanosecond fraction). */
  readonly timeText?: string;
  /** The provider's trade id (Alpaca `i`, Polygon `i`); default: the next of a per-server counter. */
  readonly id?: number;
}

/** An Alpaca trade correction (`c`): trade `originalId` becomes `correctedId` at price × size. */
export interface TestCorrection {
  readonly symbol: string;
  readonly originalId: number;
  readonly originalPrice: number;
  readonly correctedId: number;
  readonly price: number;
  readonly size: number;
  readonly timeMs: number;
}

/** An Alpaca cancel/error (`x`) of trade `id`. */
export interface TestCancel {
  readonly symbol: string;
  readonly id: number;
  readonly price: number;
  readonly size?: number;
  readonly timeMs: number;
  /** 'C' cancel (default) or 'E' error. */
  readonly action?: 'C' | 'E';
}

export interface TestQuote {
  readonly symbol: string;
  readonly bid: number;
  readonly ask: number;
  readonly bidSize: number;
  readonly askSize: number;
  readonly timeMs: number;
  readonly seq?: number;
}

export interface Credentials {
  /** Alpaca key id, Polygon API key, Finnhub token. */
  readonly key: string;
  /** Alpaca secret key. */
  readonly secret?: string;
}

interface Client {
  readonly id: number;
  readonly socket: WebSocket;
  authenticated: boolean;
  readonly trades: Set<string>;
  readonly quotes: Set<string>;
}

export interface SubscribeRecord {
  /** Connection number (1 = first). */
  readonly connection: number;
  readonly symbols: readonly string[];
  readonly message: unknown;
}

export class ProviderServer {
  readonly kind: ProviderKind;
  readonly credentials: Credentials;
  readonly url: string;
  readonly port: number;
  /** Upgrades accepted, total. */
  connections: number;
  /** Upgrades refused (Finnhub bad token). */
  refused: number;
  readonly connectTimes: number[];
  readonly authAttempts: { readonly connection: number; readonly ok: boolean }[];
  readonly subscribes: SubscribeRecord[];
  /** Every text frame received, in order. */
  readonly received: { readonly connection: number; readonly text: string }[];
  private readonly wss: WebSocketServer;
  private readonly clients: Set<Client>;
  /** Polygon `q` per symbol (trades and quotes are separate sequences, as at Polygon). */
  private readonly tradeSeq: Map<string, number>;
  private readonly quoteSeq: Map<string, number>;
  private nextTradeId: number;

  private constructor(kind: ProviderKind, credentials: Credentials, wss: WebSocketServer) {
    this.kind = kind;
    this.credentials = credentials;
    this.wss = wss;
    this.port = (wss.address() as AddressInfo).port;
    this.url = kind === 'alpaca' ? `ws://127.0.0.1:${this.port}/v2/iex` : kind === 'polygon' ? `ws://127.0.0.1:${this.port}/stocks` : `ws://127.0.0.1:${this.port}/`;
    this.connections = 0;
    this.refused = 0;
    this.connectTimes = [];
    this.authAttempts = [];
    this.subscribes = [];
    this.received = [];
    this.clients = new Set();
    this.tradeSeq = new Map();
    this.quoteSeq = new Map();
    this.nextTradeId = 52983525029461;
    wss.on('connection', (socket) => this.accept(socket));
  }

  static async start(kind: ProviderKind, credentials: Credentials): Promise<ProviderServer> {
    let server: ProviderServer | null = null;
    const wss = await new Promise<WebSocketServer>((resolve, reject) => {
      const s = new WebSocketServer({
        host: '127.0.0.1',
        port: 0,
        verifyClient:
          kind === 'finnhub'
            ? (info, done) => {
                const token = new URL(info.req.url ?? '/', 'http://x').searchParams.get('token');
                if (token === credentials.key) done(true);
                else {
                  if (server) server.refused++;
                  done(false, 401, 'Unauthorized');
                }
              }
            : undefined,
      });
      s.once('listening', () => resolve(s));
      s.once('error', reject);
    });
    server = new ProviderServer(kind, credentials, wss);
    return server;
  }

  /** Connections open now. */
  get live(): number {
    return this.clients.size;
  }

  private accept(socket: WebSocket): void {
    const client: Client = { id: ++this.connections, socket, authenticated: this.kind === 'finnhub', trades: new Set(), quotes: new Set() };
    this.connectTimes.push(Date.now());
    this.clients.add(client);
    socket.on('close', () => this.clients.delete(client));
    socket.on('error', () => {});
    socket.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      this.received.push({ connection: client.id, text });
      this.handle(client, text);
    });
    if (this.kind === 'alpaca') this.sendTo(client, [{ T: 'success', msg: 'connected' }]);
    if (this.kind === 'polygon') this.sendTo(client, [{ ev: 'status', status: 'connected', message: 'Connected Successfully' }]);
  }

  private handle(client: Client, text: string): void {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(text) as Record<string, unknown>;
      if (typeof msg !== 'object' || msg === null) throw new Error('not an object');
    } catch {
      if (this.kind === 'alpaca') this.sendTo(client, [{ T: 'error', code: 400, msg: 'invalid syntax' }]);
      if (this.kind === 'polygon') this.sendTo(client, [{ ev: 'status', status: 'error', message: 'invalid json' }]);
      if (this.kind === 'finnhub') this.sendTo(client, { type: 'error', msg: 'Invalid message' });
      return;
    }
    if (this.kind === 'alpaca') this.alpaca(client, msg);
    else if (this.kind === 'polygon') this.polygon(client, msg);
    else this.finnhub(client, msg);
  }

  private alpaca(client: Client, msg: Record<string, unknown>): void {
    if (msg['action'] === 'auth') {
      if (client.authenticated) return this.sendTo(client, [{ T: 'error', code: 403, msg: 'already authenticated' }]);
      const ok = msg['key'] === this.credentials.key && msg['secret'] === this.credentials.secret;
      this.authAttempts.push({ connection: client.id, ok });
      client.authenticated = ok;
      return this.sendTo(client, [ok ? { T: 'success', msg: 'authenticated' } : { T: 'error', code: 402, msg: 'auth failed' }]);
    }
    if (msg['action'] === 'subscribe') {
      if (!client.authenticated) return this.sendTo(client, [{ T: 'error', code: 401, msg: 'not authenticated' }]);
      const trades = strings(msg['trades']);
      const quotes = strings(msg['quotes']);
      for (const s of trades) client.trades.add(s);
      for (const s of quotes) client.quotes.add(s);
      this.subscribes.push({ connection: client.id, symbols: [...new Set([...trades, ...quotes])], message: msg });
      return this.sendTo(client, [{ T: 'subscription', trades: [...client.trades], quotes: [...client.quotes], bars: [] }]);
    }
    this.sendTo(client, [{ T: 'error', code: 400, msg: 'invalid syntax' }]);
  }

  private polygon(client: Client, msg: Record<string, unknown>): void {
    if (msg['action'] === 'auth') {
      const ok = msg['params'] === this.credentials.key;
      this.authAttempts.push({ connection: client.id, ok });
      client.authenticated = ok;
      return this.sendTo(client, [
        ok ? { ev: 'status', status: 'auth_success', message: 'authenticated' } : { ev: 'status', status: 'auth_failed', message: 'authentication failed' },
      ]);
    }
    if (msg['action'] === 'subscribe') {
      if (!client.authenticated) return this.sendTo(client, [{ ev: 'status', status: 'error', message: 'not authorized' }]);
      const channels = typeof msg['params'] === 'string' ? msg['params'].split(',').filter((c) => c !== '') : [];
      const symbols = new Set<string>();
      for (const ch of channels) {
        const [kind, sym] = ch.split('.', 2) as [string, string | undefined];
        if (sym === undefined) continue;
        symbols.add(sym);
        if (kind === 'T') client.trades.add(sym);
        if (kind === 'Q') client.quotes.add(sym);
      }
      this.subscribes.push({ connection: client.id, symbols: [...symbols], message: msg });
      return this.sendTo(
        client,
        channels.map((ch) => ({ ev: 'status', status: 'success', message: `subscribed to: ${ch}` })),
      );
    }
    this.sendTo(client, [{ ev: 'status', status: 'error', message: 'unknown action' }]);
  }

  private finnhub(client: Client, msg: Record<string, unknown>): void {
    if (msg['type'] === 'subscribe' && typeof msg['symbol'] === 'string') {
      client.trades.add(msg['symbol']);
      this.subscribes.push({ connection: client.id, symbols: [msg['symbol']], message: msg });
      return;
    }
    if (msg['type'] === 'unsubscribe' && typeof msg['symbol'] === 'string') {
      client.trades.delete(msg['symbol']);
      return;
    }
    this.sendTo(client, { type: 'error', msg: 'Invalid message' });
  }

  /** Symbols subscribed on a connection (1 = first), from what the client sent. */
  subscribedSymbols(connection: number): string[] {
    return [...new Set(this.subscribes.filter((s) => s.connection === connection).flatMap((s) => s.symbols))].sort();
  }

  /** Sends trades, in the provider's format, to every authenticated connection subscribed to them. Returns how many connections got some. */
  sendTrades(trades: readonly TestTrade[]): number {
    let reached = 0;
    const qs = trades.map((t) => t.seq ?? nextSeq(this.tradeSeq, t.symbol, 3681328));
    // Trade ids are unique per server, as at the providers (per exchange there), unless a test names one.
    const ids = trades.map((t) => t.id ?? this.nextTradeId++);
    for (const client of this.clients) {
      if (!client.authenticated) continue;
      const mine = trades.filter((t) => client.trades.has(t.symbol));
      if (mine.length === 0) continue;
      reached++;
      if (this.kind === 'alpaca') {
        this.sendTo(
          client,
          mine.map((t) => ({
            T: 't',
            S: t.symbol,
            i: ids[trades.indexOf(t)]!,
            x: 'V',
            p: t.price,
            s: t.size ?? 100,
            c: t.conditions ?? ['@'],
            t: t.timeText ?? rfc3339Nanos(t.timeMs),
            z: 'C',
          })),
        );
      } else if (this.kind === 'polygon') {
        this.sendTo(
          client,
          mine.map((t) => ({
            ev: 'T',
            q: qs[trades.indexOf(t)]!,
            sym: t.symbol,
            x: 4,
            i: String(ids[trades.indexOf(t)]!),
            z: 3,
            p: t.price,
            s: t.size ?? 100,
            c: t.conditions ?? [],
            t: t.timeMs,
          })),
        );
      } else {
        this.sendTo(client, {
          type: 'trade',
          data: mine.map((t) => ({ s: t.symbol, p: t.price, t: t.timeMs, v: t.size ?? 100, c: t.conditions ?? ['1'] })),
        });
      }
    }
    return reached;
  }

  /**
   * Alpaca only: a trade correction (`c`) and a cancel/error (`x`), to every connection subscribed to
   * the symbol's trades (Alpaca subscribes corrections and cancels with the trades). Polygon reports
   * both as trade events with correction conditions: `sendTrades` with `id` and `conditions`.
   */
  sendAlpacaCorrection(c: TestCorrection): number {
    return this.sendToTradeSubscribers(c.symbol, {
      T: 'c',
      S: c.symbol,
      x: 'V',
      oi: c.originalId,
      op: c.originalPrice,
      os: 100,
      oc: ['@'],
      ci: c.correctedId,
      cp: c.price,
      cs: c.size,
      cc: ['@'],
      z: 'C',
      t: rfc3339Nanos(c.timeMs),
    });
  }

  sendAlpacaCancel(c: TestCancel): number {
    return this.sendToTradeSubscribers(c.symbol, {
      T: 'x',
      S: c.symbol,
      i: c.id,
      x: 'V',
      p: c.price,
      s: c.size ?? 100,
      a: c.action ?? 'C',
      z: 'C',
      t: rfc3339Nanos(c.timeMs),
    });
  }

  private sendToTradeSubscribers(symbol: string, message: Record<string, unknown>): number {
    if (this.kind !== 'alpaca') throw new Error('Alpaca messages on a non-Alpaca server');
    let reached = 0;
    for (const client of this.clients) {
      if (!client.authenticated || !client.trades.has(symbol)) continue;
      reached++;
      this.sendTo(client, [message]);
    }
    return reached;
  }

  /** Sends quotes (Alpaca, Polygon) to every authenticated connection subscribed to their quotes. */
  sendQuotes(quotes: readonly TestQuote[]): number {
    if (this.kind === 'finnhub') throw new Error('finnhub has no quotes');
    let reached = 0;
    const qs = quotes.map((q) => q.seq ?? nextSeq(this.quoteSeq, q.symbol, 50385480));
    for (const client of this.clients) {
      if (!client.authenticated) continue;
      const mine = quotes.filter((q) => client.quotes.has(q.symbol));
      if (mine.length === 0) continue;
      reached++;
      this.sendTo(
        client,
        mine.map((q) =>
          this.kind === 'alpaca'
            ? { T: 'q', S: q.symbol, bx: 'U', bp: q.bid, bs: q.bidSize, ax: 'Q', ap: q.ask, as: q.askSize, c: ['R'], t: rfc3339Nanos(q.timeMs), z: 'C' }
            : { ev: 'Q', sym: q.symbol, bx: 4, bp: q.bid, bs: q.bidSize, ax: 7, ap: q.ask, as: q.askSize, c: 0, t: q.timeMs, q: qs[quotes.indexOf(q)]!, z: 3 },
        ),
      );
    }
    return reached;
  }

  /** A provider error message, in the provider's format, to every connection. */
  sendError(message: string, code = 500): void {
    for (const client of this.clients) {
      if (this.kind === 'alpaca') this.sendTo(client, [{ T: 'error', code, msg: message }]);
      else if (this.kind === 'polygon') this.sendTo(client, [{ ev: 'status', status: 'error', message }]);
      else this.sendTo(client, { type: 'error', msg: message });
    }
  }

  /** Finnhub's keepalive `{"type":"ping"}`. */
  sendPing(): void {
    for (const client of this.clients) this.sendTo(client, { type: 'ping' });
  }

  /** Any text, as is, to every connection. */
  sendRaw(text: string): void {
    for (const client of this.clients) client.socket.send(text);
  }

  /** Drops every connection without a closing handshake (like a network failure or a provider restart). */
  dropAll(): void {
    for (const client of this.clients) client.socket.terminate();
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private sendTo(client: Client, message: unknown): void {
    if (client.socket.readyState === WebSocket.OPEN) client.socket.send(JSON.stringify(message));
  }
}

/** The next of a per-symbol increasing sequence (with gaps, as real ones have). */
function nextSeq(seqs: Map<string, number>, symbol: string, start: number): number {
  const q = (seqs.get(symbol) ?? start) + 1 + Math.floor(Math.random() * 5);
  seqs.set(symbol, q);
  return q;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** RFC-3339 with a nanosecond fraction, as Alpaca sends: ms digits, then 6 more (fixed `123456`). */
export function rfc3339Nanos(timeMs: number): string {
  return new Date(timeMs).toISOString().replace(/\.(\d{3})Z$/, '.$1123456Z');
}
