/**
 * The provider adapters end to end: for each provider, a local server speaking its protocol
 * (test/support/provider-servers.ts), the adapter runner, and a real hashcap server on port 0 whose
 * index must move with the provider's prints.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { hashcap } from '../../proto/wire.ts';
import { startServer, type HashcapServer } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import type { SymbolId } from '../../server/engine/ids.ts';
import { alpacaAdapter } from '../../server/sources/adapters/alpaca.ts';
import { finnhubAdapter } from '../../server/sources/adapters/finnhub.ts';
import { polygonAdapter } from '../../server/sources/adapters/polygon.ts';
import type { ProviderAdapter } from '../../server/sources/adapters/provider.ts';
import { AdapterRunner, type RunnerEvent, type RunnerOptions } from '../../server/sources/adapters/runner.ts';
import { ProviderServer, type Credentials, type ProviderKind, type TestTrade } from '../support/provider-servers.ts';

const TOKEN = 'adapter-test-token-0123456789abcdef';
const SYMBOLS = ['IREN', 'MARA', 'RIOT', 'WULF'];
const GOOD: Credentials = { key: 'good-key-id', secret: 'good-secret' };
const BAD: Credentials = { key: 'wrong-key', secret: 'wrong-secret' };

/** Native condition codes per provider: an extended-hours print, an out-of-sequence one, a regular one. */
const CONDITIONS: Record<ProviderKind, { ext: (string | number)[]; oos: (string | number)[] | null; regular: (string | number)[] }> = {
  alpaca: { ext: ['@', 'T'], oos: ['Z'], regular: ['@'] },
  polygon: { ext: [12], oos: [13], regular: [] },
  finnhub: { ext: ['1', '12'], oos: null, regular: ['1'] },
};

async function startHashcap(port = 0): Promise<HashcapServer> {
  return startServer(parseConfig(['--port', String(port), '--transport', 'ws', '--no-simulate', '--token', TOKEN], {}), () => {});
}

function adapterFor(kind: ProviderKind, server: ProviderServer, creds: Credentials): ProviderAdapter {
  switch (kind) {
    case 'alpaca':
      return alpacaAdapter({ keyId: creds.key, secretKey: creds.secret ?? '', url: server.url });
    case 'polygon':
      return polygonAdapter({ apiKey: creds.key, url: server.url });
    case 'finnhub':
      return finnhubAdapter({ token: creds.key, url: server.url });
  }
}

/** Resolves with the predicate's value once it is truthy; fails with `what` after `timeoutMs`. */
async function until<T>(what: string, predicate: () => T | undefined | null | false, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = predicate();
    if (v !== undefined && v !== null && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function lastPrice(server: HashcapServer, symbol: string): number {
  const index = server.market.index('miners')!;
  return index.constituent(index.slotOf(symbol)!).last;
}

function topOfBook(server: HashcapServer, symbol: string): { bid: number; ask: number; bidSize: number; askSize: number } {
  return server.market.quote(server.market.symbolId(symbol) as SymbolId);
}

/** Ticks the hashcap gate received (decoded from the wire), via a spy on the real gate. */
/** Every tick the gate is given from now on: each batch, whatever its source, is in `gate.input` when `applyInput` runs. */
function gateTicks(server: HashcapServer): () => hashcap.v1.ITick[] {
  const gate = server.gate;
  const applyInput = gate.applyInput.bind(gate);
  const seen: hashcap.v1.ITick[] = [];
  vi.spyOn(gate, 'applyInput').mockImplementation((publisherId) => {
    seen.push(...gate.input.toTicks());
    return applyInput(publisherId);
  });
  return () => seen;
}

/** Test prices stay within ±5% of the basket's previous close, inside any LULD-style band of the gate. */
const trade = (symbol: string, price: number, conditions: (string | number)[], ageMs = 1000): TestTrade => ({
  symbol,
  price,
  size: 100,
  timeMs: Date.now() - ageMs,
  conditions,
});

for (const kind of ['alpaca', 'polygon', 'finnhub'] as const) {
  describe(`${kind} adapter → hashcap`, () => {
    const servers: HashcapServer[] = [];
    const providers: ProviderServer[] = [];
    const runners: AdapterRunner[] = [];

    afterEach(async () => {
      await Promise.all(runners.splice(0).map((r) => r.stop(0)));
      await Promise.all(providers.splice(0).map((p) => p.close()));
      await Promise.all(servers.splice(0).map((s) => s.close()));
      vi.restoreAllMocks();
    });

    async function setup(options: { creds?: Credentials; runner?: Partial<RunnerOptions> } = {}) {
      const hashcapServer = await startHashcap();
      servers.push(hashcapServer);
      const provider = await ProviderServer.start(kind, GOOD);
      providers.push(provider);
      const events: RunnerEvent[] = [];
      const runner = new AdapterRunner({
        adapter: adapterFor(kind, provider, options.creds ?? GOOD),
        symbols: SYMBOLS,
        hashcapUrl: hashcapServer.url,
        hashcapToken: TOKEN,
        batchIntervalMs: 20,
        backoff: { baseMs: 100, maxMs: 1000, minMs: 50 },
        stableAfterMs: 100,
        onEvent: (e) => events.push(e),
        ...options.runner,
      });
      runners.push(runner);
      runner.start();
      const of = <T extends RunnerEvent['type']>(side: RunnerEvent['side'], type: T) =>
        events.filter((e): e is Extract<RunnerEvent, { type: T }> => e.side === side && e.type === type);
      return { hashcapServer, provider, runner, events, of };
    }

    it('authenticates, subscribes (acknowledged), and its trades and quotes move the index; extended-hours prints carry EXT', async () => {
      const { hashcapServer, provider, runner, of } = await setup();
      await until('authenticated', () => of('provider', 'authenticated').length === 1);
      await until('the subscribe at the provider', () => provider.subscribedSymbols(1).length === SYMBOLS.length);
      expect(provider.subscribedSymbols(1)).toEqual([...SYMBOLS].sort());
      if (kind !== 'finnhub') {
        await until('subscription acks', () => of('provider', 'subscribed').length > 0);
        const acked = of('provider', 'subscribed').flatMap((e) => e.channels);
        for (const s of SYMBOLS) expect(acked.some((c) => c.endsWith(s))).toBe(true);
      }
      expect(provider.authAttempts.every((a) => a.ok)).toBe(true);
      await until('hashcap connected', () => runner.hashcapReady);
      const received = gateTicks(hashcapServer);

      const c = CONDITIONS[kind];
      expect(provider.sendTrades([trade('IREN', 49.12, c.ext, 2000), trade('MARA', 16.34, c.regular, 1500)])).toBe(1);
      await until('IREN and MARA in the index', () => lastPrice(hashcapServer, 'IREN') === 49.12 && lastPrice(hashcapServer, 'MARA') === 16.34);

      const iren = received().find((t) => t.symbol === 'IREN')!;
      expect(iren.conditions).toContain('EXT');
      expect(iren.conditions).toContain(`${kind}:${String(c.ext.at(-1))}`);
      expect(received().find((t) => t.symbol === 'MARA')!.conditions).not.toContain('EXT');
      if (c.oos !== null) {
        provider.sendTrades([trade('RIOT', 21.01, c.oos, 1000)]);
        await until('RIOT', () => lastPrice(hashcapServer, 'RIOT') === 21.01);
        expect(received().find((t) => t.symbol === 'RIOT')!.conditions).toContain('OOS');
      }

      if (kind !== 'finnhub') {
        provider.sendQuotes([{ symbol: 'WULF', bid: 11.5, ask: 11.52, bidSize: 3, askSize: 4, timeMs: Date.now() - 500 }]);
        await until('WULF bid/ask', () => topOfBook(hashcapServer, 'WULF').bid === 11.5);
        expect(topOfBook(hashcapServer, 'WULF')).toMatchObject({ bid: 11.5, ask: 11.52, bidSize: 3, askSize: 4 });
      }
      await until('replies', () => runner.stats().hashcap.accepted === (kind === 'finnhub' ? 2 : 4));
      expect(runner.stats().hashcap).toMatchObject({ rejected: 0, batchErrors: 0, dropped: 0 });
      expect(runner.stats().provider).toMatchObject({ malformed: 0, authFailures: 0 });

      // A clean stop: both sockets closed, no reconnect afterwards.
      const stats = await runner.stop();
      expect(stats.hashcap.pending).toBe(0);
      await until('provider socket closed', () => provider.live === 0);
      await sleep(300);
      expect(provider.connections).toBe(1);
    });

    if (kind !== 'finnhub') {
      it('a correction and a cancel from the provider restate, then withdraw, the print in the index, with status notices', async () => {
        const { hashcapServer, provider, runner } = await setup();
        await until('subscribed and connected', () => provider.subscribedSymbols(1).length === SYMBOLS.length && runner.hashcapReady);
        const close = hashcapServer.market.quote(hashcapServer.market.symbolId('IREN')!).previousClose;
        const [p1, p2, p3] = [1.01, 1.02, 1.015].map((f) => Math.round(close * f * 100) / 100) as [number, number, number];
        const now = Date.now();
        expect(provider.sendTrades([{ ...trade('IREN', p1, CONDITIONS[kind].regular, 3000), id: 9001 }])).toBe(1);
        await until('the first print', () => lastPrice(hashcapServer, 'IREN') === p1);
        const levelAtP1 = hashcapServer.market.index('miners')!.level;
        provider.sendTrades([{ ...trade('IREN', p2, CONDITIONS[kind].regular, 2500), id: 9002 }]);
        await until('the second print', () => lastPrice(hashcapServer, 'IREN') === p2);

        // The provider corrects the latest print (9002) to p3 × 200.
        if (kind === 'alpaca') {
          provider.sendAlpacaCorrection({ symbol: 'IREN', originalId: 9002, originalPrice: p2, correctedId: 9003, price: p3, size: 200, timeMs: now - 2000 });
        } else {
          provider.sendTrades([{ symbol: 'IREN', price: p3, size: 200, timeMs: now - 2000, conditions: [46], id: 9002 }]);
        }
        await until('the correction', () => lastPrice(hashcapServer, 'IREN') === p3);
        // ...and then cancels it (Alpaca names the corrected trade by its new id).
        if (kind === 'alpaca') provider.sendAlpacaCancel({ symbol: 'IREN', id: 9003, price: p3, size: 200, timeMs: now - 1500 });
        else provider.sendTrades([{ symbol: 'IREN', price: p3, size: 200, timeMs: now - 1500, conditions: [44], id: 9002 }]);
        await until('the cancel', () => lastPrice(hashcapServer, 'IREN') === p1);

        expect(hashcapServer.market.index('miners')!.level).toBe(levelAtP1);
        expect(hashcapServer.market.verify().ok).toBe(true);
        expect(hashcapServer.market.quote(hashcapServer.market.symbolId('IREN')!).volume).toBe(100);
        await until('acks', () => runner.stats().hashcap.accepted === 4);
        expect(runner.stats().hashcap).toMatchObject({ rejected: 0, batchErrors: 0 });
        expect(runner.stats().provider).toMatchObject({ trades: 2, corrections: 2, unhandled: 0, malformed: 0 });
        const notices = hashcapServer.feed.channelState('status')!.status!.notices ?? [];
        expect(notices.map((n) => n.kind)).toEqual(['trade_correction', 'trade_cancel']);
      });
    }

    it('a refused login: a clear auth-failed event, no ticks, and retries back off instead of spinning', async () => {
      const started = Date.now();
      const { hashcapServer, provider, runner, of } = await setup({ creds: BAD });
      await until('three failed logins', () => of('provider', 'auth-failed').length >= 3);
      const failure = of('provider', 'auth-failed')[0]!;
      if (kind === 'alpaca') expect(failure).toMatchObject({ code: 402, message: 'auth failed' });
      if (kind === 'polygon') expect(failure).toMatchObject({ code: null, message: 'authentication failed' });
      if (kind === 'finnhub') {
        expect(failure).toMatchObject({ code: 401 });
        expect(failure.message).toMatch(/HTTP 401/);
        expect(provider.refused).toBeGreaterThanOrEqual(3);
      } else {
        expect(provider.authAttempts.length).toBeGreaterThanOrEqual(3);
        expect(provider.authAttempts.every((a) => !a.ok)).toBe(true);
      }
      // Nothing is sent to a client that is not authenticated and subscribed.
      expect(provider.sendTrades([trade('IREN', 49.99, [])])).toBe(0);
      expect(provider.subscribes).toEqual([]);

      await sleep(Math.max(0, 1500 - (Date.now() - started)));
      const attempts = runner.stats().provider.attempts;
      // Caps 100, 200, 400, 800, 1000 ms with delays ≥ 50 ms: about 5 attempts in 1.5 s, never dozens.
      expect(attempts).toBeGreaterThanOrEqual(3);
      expect(attempts).toBeLessThanOrEqual(12);
      const steps = of('provider', 'reconnect-scheduled');
      expect(steps.slice(0, 4).map((s) => s.capMs)).toEqual([100, 200, 400, 800]);
      for (const s of steps) {
        expect(s.delayMs).toBeGreaterThanOrEqual(50);
        expect(s.delayMs).toBeLessThanOrEqual(s.capMs);
      }
      expect(runner.stats().provider.trades).toBe(0);
      expect(hashcapServer.gate.accepted).toBe(0);
    });

    it('a provider disconnect: reconnects after a jittered delay, resubscribes, and ticks flow again', async () => {
      const { hashcapServer, provider, runner, of } = await setup();
      await until('first subscribe', () => provider.subscribedSymbols(1).length === SYMBOLS.length);
      await until('hashcap connected', () => runner.hashcapReady);
      provider.sendTrades([trade('IREN', 48.9, CONDITIONS[kind].regular)]);
      await until('first print', () => lastPrice(hashcapServer, 'IREN') === 48.9);
      await sleep(150); // past stableAfterMs: the backoff starts over

      provider.dropAll();
      await until('second connection resubscribed', () => provider.subscribedSymbols(2).length === SYMBOLS.length);
      expect(provider.subscribedSymbols(2)).toEqual([...SYMBOLS].sort());
      expect(provider.connections).toBe(2);
      const disconnect = of('provider', 'disconnected')[0]!;
      expect(disconnect.wasOpen).toBe(true);
      const step = of('provider', 'reconnect-scheduled')[0]!;
      expect(step).toMatchObject({ attempt: 0, capMs: 100 });
      expect(step.delayMs).toBeGreaterThanOrEqual(50);
      expect(step.delayMs).toBeLessThanOrEqual(100);
      const gap = provider.connectTimes[1]! - provider.connectTimes[0]!;
      expect(gap).toBeGreaterThanOrEqual(step.delayMs - 5);
      expect(of('provider', 'subscribe-sent')).toHaveLength(2);

      provider.sendTrades([trade('IREN', 49.25, CONDITIONS[kind].regular)]);
      await until('print after the reconnect', () => lastPrice(hashcapServer, 'IREN') === 49.25);
      expect(runner.stats().provider).toMatchObject({ opens: 2, disconnects: 1, subscribesSent: 2 });
    });

    it('a hashcap restart: ticks wait in the queue, the adapter reconnects to the new server and delivers them', async () => {
      const { hashcapServer: first, provider, runner, of } = await setup({ runner: { backoff: { baseMs: 50, maxMs: 300, minMs: 20 } } });
      await until('subscribed', () => provider.subscribedSymbols(1).length === SYMBOLS.length);
      await until('hashcap connected', () => runner.hashcapReady);
      provider.sendTrades([trade('IREN', 48.75, CONDITIONS[kind].regular, 3000)]);
      await until('print on the first server', () => lastPrice(first, 'IREN') === 48.75);

      const port = first.port;
      await first.close();
      servers.splice(servers.indexOf(first), 1);
      await until('hashcap disconnect seen', () => !runner.hashcapReady);
      provider.sendTrades([trade('IREN', 49.5, CONDITIONS[kind].regular, 2000)]);
      await until('queued while hashcap is down', () => runner.stats().hashcap.pending === 1);
      await sleep(200); // a few refused reconnects
      expect(of('hashcap', 'reconnect-scheduled').length).toBeGreaterThanOrEqual(2);

      const second = await startHashcap(port);
      servers.push(second);
      await until('the queued print on the new server', () => lastPrice(second, 'IREN') === 49.5);
      provider.sendTrades([trade('IREN', 49.75, CONDITIONS[kind].regular, 1000)]);
      await until('a fresh print on the new server', () => lastPrice(second, 'IREN') === 49.75);
      expect(runner.stats().hashcap).toMatchObject({ opens: 2, disconnects: 1, pending: 0, rejected: 0 });
      // The provider side never noticed.
      expect(provider.connections).toBe(1);
    });

    it('provider error messages, pings and unreadable frames surface as events; the stream goes on', async () => {
      const { hashcapServer, provider, runner, of } = await setup();
      await until('subscribed', () => provider.subscribedSymbols(1).length === SYMBOLS.length);
      await until('hashcap connected', () => runner.hashcapReady);

      provider.sendError('symbol limit exceeded', 405);
      const error = await until('error event', () => of('provider', 'error')[0]);
      expect(error.message).toContain('symbol limit exceeded');
      if (kind === 'alpaca') expect(error.code).toBe(405);
      if (kind === 'finnhub') {
        provider.sendPing();
        await until('ping event', () => of('provider', 'ping').length === 1);
      }
      provider.sendRaw('{"not json');
      provider.sendRaw(kind === 'finnhub' ? '{"type":"trade","data":[{"s":"IREN","p":"NaN"}]}' : '[{"T":"t","ev":"T"}]');
      await until('malformed events', () => of('provider', 'malformed').length === 2);
      expect(of('provider', 'malformed')[0]!.detail).toMatch(/not JSON/);

      provider.sendTrades([trade('MARA', 16.01, CONDITIONS[kind].regular)]);
      await until('a print after the garbage', () => lastPrice(hashcapServer, 'MARA') === 16.01);
      expect(runner.stats().provider).toMatchObject({ opens: 1, malformed: 2, errors: 1 });
    });
  });
}

describe('adapter runner ↔ hashcap token', () => {
  it('a wrong ingest token is a clear hashcap auth-failed event, retried with backoff', async () => {
    const server = await startHashcap();
    const provider = await ProviderServer.start('polygon', GOOD);
    const events: RunnerEvent[] = [];
    const runner = new AdapterRunner({
      adapter: polygonAdapter({ apiKey: GOOD.key, url: provider.url }),
      symbols: SYMBOLS,
      hashcapUrl: server.url,
      hashcapToken: 'not-the-token',
      backoff: { baseMs: 100, maxMs: 1000, minMs: 50 },
      onEvent: (e) => events.push(e),
    }).start();
    try {
      await until('two refusals', () => events.filter((e) => e.side === 'hashcap' && e.type === 'auth-failed').length >= 2);
      const refusal = events.find((e) => e.side === 'hashcap' && e.type === 'auth-failed')!;
      expect(refusal).toMatchObject({ code: 401 });
      expect((refusal as { message: string }).message).toMatch(/HASHCAP_INGEST_TOKEN/);
      // The provider side is unaffected: it authenticates and subscribes; ticks wait in the queue.
      await until('subscribed', () => provider.subscribedSymbols(1).length === SYMBOLS.length);
      provider.sendTrades([trade('IREN', 49.01, [])]);
      await until('queued', () => runner.stats().hashcap.pending === 1);
      expect(server.gate.accepted).toBe(0);
    } finally {
      await runner.stop(0);
      await provider.close();
      await server.close();
    }
  });
});
