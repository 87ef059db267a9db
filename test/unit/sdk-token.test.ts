/**
 * The SDK's `token` option over a scripted socket: the token rides on the URL as `?token=`; a provider
 * is asked again before every connect, a failing one is an 'error' and a retry, a client closed while
 * it is asked opens nothing; `token_expiring` moves a provider's client (never a fixed token's) to a
 * new socket before the deadline.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { wire } from '../../proto/wire.ts';
import { HashcapClient, type WebSocketLike } from '../../client/sdk/index.ts';

class FakeSocket implements WebSocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  protocol = 'hashcap.v1.proto';
  binaryType = 'blob';
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(): void {}
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
  notice(kind: string, deadlineMs: number): void {
    const bytes = wire.ServerMessage.encode({ notice: { kind, deadlineMs, code: 4402 } }).finish();
    this.onmessage?.({ data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const until = async (check: () => boolean, what: string) => {
  const deadline = Date.now() + 3_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(5);
  }
};
const clients: HashcapClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  FakeSocket.all = [];
});
const make = (token: string | (() => string | Promise<string>)) => {
  const c = new HashcapClient({ url: 'http://feed.example:8080', WebSocket: FakeSocket, token, reconnect: { baseMs: 10, maxMs: 20, minMs: 5 } });
  clients.push(c);
  return c;
};

describe('SDK token option', () => {
  it('puts a fixed token on the stream URL, escaped', async () => {
    const c = make('a.b+c/d=');
    void c.connect().catch(() => {});
    await until(() => FakeSocket.all.length === 1, 'socket');
    expect(FakeSocket.all[0]!.url).toBe('ws://feed.example:8080/v1/stream?token=a.b%2Bc%2Fd%3D');
  });

  it('asks the provider again before every connect', async () => {
    let n = 0;
    const c = make(async () => `token-${++n}`);
    const connected = c.connect();
    await until(() => FakeSocket.all.length === 1, 'first socket');
    FakeSocket.all[0]!.open();
    await connected;
    FakeSocket.all[0]!.drop(4402);
    await until(() => FakeSocket.all.length === 2, 'second socket');
    expect(FakeSocket.all.map((s) => new URL(s.url).searchParams.get('token'))).toEqual(['token-1', 'token-2']);
  });

  it('reports a failing provider as an error and tries again', async () => {
    let n = 0;
    const errors: string[] = [];
    const c = make(() => {
      if (++n === 1) throw new Error('token service down');
      return 'fresh';
    });
    c.on('error', (e) => errors.push(e.message));
    void c.connect().catch(() => {});
    await until(() => FakeSocket.all.length === 1, 'socket after the retry');
    expect(errors).toEqual(['token provider failed: token service down']);
    expect(FakeSocket.all[0]!.url).toContain('token=fresh');
  });

  it('opens nothing when closed while the provider is still answering', async () => {
    let answer: (t: string) => void = () => {};
    const c = make(() => new Promise<string>((resolve) => (answer = resolve)));
    void c.connect().catch(() => {});
    c.close();
    answer('late');
    await sleep(20);
    expect(FakeSocket.all).toHaveLength(0);
  });

  it('on token_expiring, a provider client moves to a new socket before the deadline; a fixed token stays', async () => {
    for (const [token, moves] of [[() => 'fresh', true], ['fixed', false]] as const) {
      FakeSocket.all = [];
      const c = make(token);
      const connected = c.connect();
      await until(() => FakeSocket.all.length === 1, 'socket');
      FakeSocket.all[0]!.open();
      await connected;
      FakeSocket.all[0]!.notice('token_expiring', Date.now() + 100);
      await sleep(150);
      expect(FakeSocket.all.length, String(moves)).toBe(moves ? 2 : 1);
      c.close();
    }
  });
});
