/**
 * Subscriber auth (`--auth required`) and `--allow-origin` on a real server, on both transports and on
 * a gateway: real `ws` clients with and without tokens signed by jose. No token or a bad one gets 401
 * at the upgrade; a token for `index.*` reads index.miners while quotes.* gets 1007 for that channel
 * alone; an expiring token gets `token_expiring`, then close 4402; another web origin gets 403.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CloseCode, ErrorCode } from '../../proto/codes.ts';
import { startServer, type HashcapServer } from '../../server/app.ts';
import { startGateway } from '../../server/gateway-app.ts';
import { parseConfig } from '../../server/config.ts';
import { MemoryBus, MemoryHub } from '../../server/bus/memory-bus.ts';
import type { TransportKind } from '../../server/transport/types.ts';
import WebSocket from 'ws';
import { HashcapClient, type WebSocketFactory } from '../../client/sdk/index.ts';
import { StreamClient } from '../support/stream-client.ts';
import { JWT_SECRET, signToken, upgradeStatus } from '../support/auth.ts';
import { TRANSPORTS } from '../support/uws.ts';

const TOKEN = 'auth-test-publisher-token-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'hashcap-auth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function server(kind: TransportKind, extra: string[], env: Record<string, string> = {}): Promise<HashcapServer> {
  const s = await startServer(parseConfig(['--port', '0', '--transport', kind, '--no-simulate', '--token', TOKEN, ...extra], env), () => {});
  closers.push(() => s.close());
  expect(s.transport.name).toBe(kind);
  return s;
}

async function connect(url: string, token: string): Promise<StreamClient> {
  const c = await StreamClient.connect(url, 'proto', `/v1/stream?token=${encodeURIComponent(token)}`);
  closers.push(() => c.close());
  return c;
}

for (const kind of TRANSPORTS) {
  describe(`--auth required over ${kind}`, () => {
    it('refuses the upgrade with 401 without a token, with a bad one, an expired one or one without a channels claim', async () => {
      const s = await server(kind, ['--auth', 'required'], { HASHCAP_JWT_SECRET: JWT_SECRET });
      const stream = `${s.url}/v1/stream`;
      const good = await signToken({ channels: ['index.*'] });
      const cases: Array<[string, string]> = [
        ['no token', stream],
        ['not a JWT', `${stream}?token=not-a-jwt`],
        ['another secret', `${stream}?token=${await signToken({ channels: ['*'] }, { alg: 'HS256', secret: 'some-other-secret-of-at-least-32-bytes!!' })}`],
        ['expired', `${stream}?token=${await signToken({ channels: ['*'], expiresInS: -60 })}`],
        ['no channels claim', `${stream}?token=${await signToken({})}`],
        ['a malformed channels claim', `${stream}?token=${await signToken({ channels: 'index.*' })}`],
        ['a tampered payload', `${stream}?token=${tamper(good)}`],
      ];
      for (const [what, url] of cases) {
        const { status, body } = await upgradeStatus(url);
        expect(status, what).toBe(401);
        // The refusal names the rule, never the token.
        expect(body, what).not.toContain(good.split('.')[1]);
      }
      expect(s.security.subscribers.refused).toBe(cases.length);
      const metrics = await (await fetch(`${s.url}/metrics`)).text();
      expect(metrics).toContain(`hashcap_auth_refused_total{reason="token"} ${cases.length}`);
      expect(metrics).not.toContain(good.split('.')[1]);
      expect((await upgradeStatus(`${stream}?token=${good}`)).status).toBe(101);
    });

    it('serves what the token grants and answers 1007 for a channel outside it, alone', async () => {
      const s = await server(kind, ['--auth', 'required', '--jwt-secret', JWT_SECRET]);
      const c = await connect(s.url, await signToken({ channels: ['index.*', 'status'] }));
      c.subscribe(['quotes.IREN', 'index.miners', 'quotes.*', 'status'], 0, 7);
      await c.until('two snapshots', () => c.snapshots('index.miners').length === 1 && c.snapshots('status').length === 1);
      const errors = await c.until('two errors', () => c.errors().length >= 2 && c.errors());
      expect(errors.map((e) => [e.code, e.channel, e.requestId])).toEqual([
        [ErrorCode.ChannelNotPermitted, 'quotes.IREN', 7],
        [ErrorCode.ChannelNotPermitted, 'quotes.*', 7],
      ]);
      expect(c.acks().map((a) => a.channel)).toEqual(['index.miners', 'status']);
      // Live deltas flow on the granted channel.
      s.ingest('test', [{ symbol: 'IREN', kind: 0, price: 51.5, size: 100, timeMs: Date.now(), seq: 1 }]);
      await c.until('a delta', () => c.deltas('index.miners').length > 0);
      expect(c.closeEvent).toBeNull();
    });

    it('guards GET /v1/snapshot with the same token and shows only what it grants', async () => {
      const s = await server(kind, ['--auth', 'required', '--jwt-secret', JWT_SECRET]);
      const get = async (token?: string) => {
        const res = await fetch(`${s.url}/v1/snapshot`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
        return { status: res.status, body: (await res.json()) as { indexes?: Record<string, unknown>; status?: unknown } };
      };
      expect((await get()).status).toBe(401);
      expect((await get('x.y.z')).status).toBe(401);
      const all = await get(await signToken({ channels: ['*'] }));
      expect(Object.keys(all.body.indexes!).length).toBeGreaterThan(1);
      expect(all.body.status).toBeDefined();
      const miners = await get(await signToken({ channels: ['index.miners'] }));
      expect([miners.status, Object.keys(miners.body.indexes!), miners.body.status]).toEqual([200, ['miners'], undefined]);
    });

    it('accepts the token as Authorization: Bearer too', async () => {
      const s = await server(kind, ['--auth', 'required', '--jwt-secret', JWT_SECRET]);
      const token = await signToken({ channels: ['quotes.IREN'] });
      expect((await upgradeStatus(`${s.url}/v1/stream`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(101);
      expect((await upgradeStatus(`${s.url}/v1/stream`, { headers: { authorization: 'Bearer x.y.z' } })).status).toBe(401);
    });

    it('sends token_expiring before exp, then closes with 4402', async () => {
      const s = await server(kind, ['--auth', 'required', '--jwt-secret', JWT_SECRET]);
      // exp is in whole seconds: 2–3 s are left, enough for the upgrade on a loaded machine.
      const c = await connect(s.url, await signToken({ channels: ['*'], expiresInS: 3 }));
      c.subscribe(['index.miners']);
      // Less than the 30 s notice lead is left: the notice comes at once, with the deadline.
      const notice = await c.until('token_expiring', (m) => m.find((x) => x.notice?.kind === 'token_expiring')?.notice);
      expect(notice.code).toBe(CloseCode.TokenExpired);
      expect(notice.deadlineMs).toBeGreaterThan(Date.now());
      await c.until('close', () => c.closeEvent, 6_000);
      expect(c.closeEvent!.code).toBe(CloseCode.TokenExpired);
    });

    it('verifies EdDSA and RS256 tokens with a public key file', async () => {
      for (const [type, alg] of [['ed25519', 'EdDSA'], ['rsa', 'RS256']] as const) {
        const { publicKey, privateKey } = type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
        const file = join(dir, `${type}.pub.pem`);
        writeFileSync(file, (publicKey as KeyObject).export({ type: 'spki', format: 'pem' }));
        const s = await server(kind, ['--auth', 'required', '--jwt-public-key', file]);
        const token = await signToken({ channels: ['index.miners'] }, { alg, privateKey });
        expect((await upgradeStatus(`${s.url}/v1/stream?token=${token}`)).status, alg).toBe(101);
        // The same claims with the HS256 secret: an algorithm this key does not verify.
        expect((await upgradeStatus(`${s.url}/v1/stream?token=${await signToken({ channels: ['*'] })}`)).status, alg).toBe(401);
      }
    });

    it('--allow-origin refuses other web origins with 403 on /v1/stream and /v1/ingest, and lets programs without Origin in', async () => {
      const s = await server(kind, ['--allow-origin', 'https://ticker.example.com,http://localhost:5173']);
      const stream = `${s.url}/v1/stream`;
      expect((await upgradeStatus(stream, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
      expect((await upgradeStatus(stream, { headers: { origin: 'https://ticker.example.com' } })).status).toBe(101);
      expect((await upgradeStatus(stream, { headers: { origin: 'http://localhost:5173' } })).status).toBe(101);
      expect((await upgradeStatus(stream)).status).toBe(101);
      expect((await upgradeStatus(`${s.url}/v1/ingest?token=${TOKEN}`, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
      expect((await upgradeStatus(`${s.url}/v1/ingest?token=${TOKEN}`)).status).toBe(101);
      expect(s.security.origins.refused).toBe(2);
      expect(await (await fetch(`${s.url}/metrics`)).text()).toContain('hashcap_auth_refused_total{reason="origin"} 2');
    });
  });
}

describe('auth and origins on a gateway (--role gateway)', () => {
  it('refuses without a token (401) and from another origin (403), and enforces the channels claim', async () => {
    const hub = new MemoryHub();
    const aggregator = await startServer(
      parseConfig(['--role', 'aggregator', '--redis', 'redis://127.0.0.1:1', '--port', '0', '--no-simulate', '--token', TOKEN], {}),
      () => {},
      { bus: new MemoryBus({ hub }) },
    );
    closers.push(() => aggregator.close());
    const gateway = await startGateway(
      parseConfig(['--role', 'gateway', '--redis', 'redis://127.0.0.1:1', '--port', '0', '--auth', 'required', '--allow-origin', 'https://ticker.example.com'], {
        HASHCAP_JWT_SECRET: JWT_SECRET,
      }),
      () => {},
      { bus: new MemoryBus({ hub }) },
    );
    closers.push(() => gateway.close());
    const stream = `${gateway.url}/v1/stream`;
    const token = await signToken({ channels: ['index.*'] });
    expect((await upgradeStatus(stream)).status).toBe(401);
    expect((await upgradeStatus(`${stream}?token=${token}`, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
    const c = await connect(gateway.url, token);
    c.subscribe(['quotes.IREN', 'index.miners'], 0, 3);
    await c.until('snapshot', () => c.snapshots('index.miners').length === 1);
    const [error] = await c.until('error', () => c.errors().length >= 1 && c.errors());
    expect([error!.code, error!.channel]).toEqual([ErrorCode.ChannelNotPermitted, 'quotes.IREN']);
  });
});

describe('the SDK with a token provider', () => {
  it('asks for a fresh token on every connect and moves to a new connection before each token expires, without a gap', async () => {
    const s = await server('ws', ['--auth', 'required', '--jwt-secret', JWT_SECRET]);
    let issued = 0;
    const client = new HashcapClient({
      url: s.url,
      WebSocket: WebSocket as unknown as WebSocketFactory,
      // Tokens valid for 3–4 s: a bot that runs for days goes through thousands of them the same way.
      token: async () => {
        issued++;
        return signToken({ channels: ['index.*'], expiresInS: 4 });
      },
    });
    closers.push(() => client.close());
    const closes: number[] = [];
    const gaps: unknown[] = [];
    let reconnects = 0;
    client.on('reconnected', () => reconnects++);
    client.on('gap', (g) => gaps.push(g));
    client.on('resync', (r) => gaps.push(r));
    client.on('error', (e) => closes.push(e.code));
    await client.connect();
    client.subscribe(['index.miners']);
    let seq = 0;
    const deadline = Date.now() + 30_000;
    while (reconnects < 3 && Date.now() < deadline) {
      s.ingest('test', [{ symbol: 'IREN', kind: 0, price: 50 + (++seq % 7) / 10, size: 100, timeMs: Date.now(), seq }]);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(reconnects).toBeGreaterThanOrEqual(3);
    expect(issued).toBe(reconnects + 1);
    // It left each connection before the server closed it (no 4402), resuming from history: no gap, no resync.
    expect(gaps).toEqual([]);
    expect(closes).toEqual([]);
    const before = client.seq('index.miners');
    const applied = s.ingest('test', [{ symbol: 'IREN', kind: 0, price: 50.75, size: 100, timeMs: Date.now(), seq: ++seq }]);
    expect(applied.accepted).toBe(1);
    await expect.poll(() => client.seq('index.miners'), { timeout: 5_000 }).toBeGreaterThan(before);
  }, 45_000);

  it('keeps retrying with a new token after a refusal (401), and connects once the provider has a good one', async () => {
    const s = await server('ws', ['--auth', 'required', '--jwt-secret', JWT_SECRET]);
    let calls = 0;
    const client = new HashcapClient({
      url: s.url,
      WebSocket: WebSocket as unknown as WebSocketFactory,
      reconnect: { baseMs: 20, maxMs: 50, minMs: 10 },
      token: () => (++calls < 3 ? 'expired-or-garbage' : signToken({ channels: ['*'] })),
    });
    closers.push(() => client.close());
    client.on('error', () => {});
    await client.connect();
    expect(calls).toBe(3);
    expect(s.security.subscribers.refused).toBe(2);
  });
});

/** Changes one character of the payload: the signature no longer matches. */
function tamper(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const flipped = payload.slice(0, -2) + (payload.at(-2) === 'A' ? 'B' : 'A') + payload.at(-1)!;
  return `${header}.${flipped}.${signature}`;
}
