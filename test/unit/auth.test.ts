/**
 * server/auth without a network: channel patterns, the publisher keys file (every bad line a typed
 * error naming file, line and column, never the token), the keyring's checks and reloads, subscriber
 * token verification, origins, and the security flags of the config.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ALL_CHANNELS, parseChannelPatterns } from '../../server/auth/channel-patterns.ts';
import { hashToken, parsePublisherKeys, PublisherKeyring, PUBLISHERS_HEADER } from '../../server/auth/publisher-keys.ts';
import { SubscriberAccess, TokenVerifier } from '../../server/auth/subscriber-auth.ts';
import { normaliseOrigin, OriginPolicy } from '../../server/auth/origin.ts';
import { ConfigError, parseConfig } from '../../server/config.ts';
import { FileFormatError, HashcapErrorCode } from '../../server/errors.ts';
import { JWT_SECRET, signToken } from '../support/auth.ts';

const dir = mkdtempSync(join(tmpdir(), 'hashcap-auth-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOKEN_A = 'a'.repeat(20) + '-secret-0123456789';
const TOKEN_B = 'b'.repeat(20) + '-secret-0123456789';

describe('channel patterns', () => {
  it('match exact names, prefixes ending in .*, and * for everything', () => {
    const p = parseChannelPatterns(['index.*', 'quotes.IREN', 'status']);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const allows = (c: string) => p.patterns.allows(c);
    expect(['index.miners', 'index.ai-hpc', 'quotes.IREN', 'status'].every(allows)).toBe(true);
    expect(['quotes.WULF', 'quotes.*', 'bars.miners.1m', 'indexes', 'index', 'statuses'].some(allows)).toBe(false);
    const quotes = parseChannelPatterns(['quotes.*']);
    expect(quotes.ok && quotes.patterns.allows('quotes.*') && quotes.patterns.allows('quotes.HUT') && !quotes.patterns.allows('index.miners')).toBe(true);
    const all = parseChannelPatterns(['*']);
    expect(all.ok && all.patterns.allows('bars.miners.5m')).toBe(true);
  });

  it('refuse a claim that is not an array of patterns, whatever it holds', () => {
    for (const bad of ['index.*', null, 1, [1], ['index.**'], ['*.miners'], ['index.*.x'], ['a b'], [''], ['x'.repeat(65)]]) {
      expect(parseChannelPatterns(bad).ok, JSON.stringify(bad)).toBe(false);
    }
    fc.assert(fc.property(fc.anything(), (claim) => typeof parseChannelPatterns(claim).ok === 'boolean'));
  });
});

describe('the publisher keys file', () => {
  const file = 'keys.txt';
  const parse = (...lines: string[]) => parsePublisherKeys([PUBLISHERS_HEADER, ...lines].join('\n'), file);

  it('reads names, plain or hashed tokens, symbols and rates, skipping comments and blank lines', () => {
    const keys = parse('# a comment', '', `feed-1  ${TOKEN_A}  IREN,WULF  rate=50`, `sim  sha256:${hashToken(TOKEN_B)}  *`);
    expect(keys.map((k) => [k.name, k.tokenHash, k.symbols && [...k.symbols], k.batchesPerSecond, k.line])).toEqual([
      ['feed-1', hashToken(TOKEN_A), ['IREN', 'WULF'], 50, 4],
      ['sim', hashToken(TOKEN_B), null, null, 5],
    ]);
  });

  it('names the file, line and column of the first bad line, and never the token', () => {
    const cases: Array<[string[], number, string]> = [
      [[`a  ${TOKEN_A}`], 2, 'line'],
      [[`A  ${TOKEN_A}  *`], 2, 'name'],
      [['a  short-token  *'], 2, 'token'],
      [[`a  ${TOKEN_A} *`, `a  ${TOKEN_B}  *`], 3, 'name'],
      [[`a  ${TOKEN_A}  *`, `b  ${TOKEN_A}  *`], 3, 'token'],
      [[`a  sha256:${hashToken(TOKEN_A)}  *`, `b  ${TOKEN_A}  *`], 3, 'token'],
      [[`a  ${TOKEN_A}  IREN,,HUT`], 2, 'symbols'],
      [[`a  ${TOKEN_A}  iren`], 2, 'symbols'],
      [[`a  ${TOKEN_A}  *  rate=0`], 2, 'rate'],
      [[`a  ${TOKEN_A}  *  50`], 2, 'rate'],
      [[`a  ${TOKEN_A}  *  rate=5  extra`], 2, 'line'],
    ];
    for (const [lines, line, field] of cases) {
      let error: unknown;
      try {
        parse(...lines);
      } catch (e) {
        error = e;
      }
      expect(error, lines.join(' / ')).toBeInstanceOf(FileFormatError);
      const e = error as FileFormatError;
      expect([e.code, e.file, e.line, e.field], lines.join(' / ')).toEqual([HashcapErrorCode.PUBLISHERS_FORMAT, file, line, field]);
      expect(e.message.startsWith(`${file}:${line}: ${field}:`)).toBe(true);
      expect(e.message).not.toContain(TOKEN_A);
      expect(e.message).not.toContain('short-token');
    }
    expect(() => parsePublisherKeys(`alpha ${TOKEN_A} *`, file)).toThrow(/keys\.txt:1: header/);
  });

  it('never throws anything but a typed error, and never echoes a token-like cell, on arbitrary text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 80 }), { maxLength: 6 }), (lines) => {
        try {
          parsePublisherKeys([PUBLISHERS_HEADER, ...lines, `x  ${TOKEN_A}  IREN  rate=x`].join('\n'), file);
        } catch (e) {
          expect(e).toBeInstanceOf(FileFormatError);
          expect((e as Error).message).not.toContain(TOKEN_A);
        }
      }),
      { numRuns: 500, seed: 13 },
    );
  });
});

describe('the keyring', () => {
  it('identifies a token by its key name, checks symbols, gives its own rate, and reports revoked names on reload', async () => {
    const file = join(dir, 'keys.txt');
    writeFileSync(file, [PUBLISHERS_HEADER, `alpha ${TOKEN_A} IREN rate=1`, `beta ${TOKEN_B} *`].join('\n'));
    const ring = await PublisherKeyring.open(file);
    expect([ring.identify(TOKEN_A), ring.identify(TOKEN_B), ring.identify('nope')]).toEqual(['alpha', 'beta', undefined]);
    expect(ring.checkTicks('alpha', [{ symbol: 'IREN' }])).toBeNull();
    expect(ring.checkTicks('alpha', [{ symbol: 'HUT' }, { symbol: 'IREN' }, { symbol: 7 }])).toEqual({ kind: 'symbol', symbols: ['HUT'] });
    expect(ring.checkTicks('beta', [{ symbol: 'HUT' }])).toBeNull();
    // The rate is the PublisherRateLimiter's to enforce; the key only says what it is.
    expect([ring.rateOf('alpha'), ring.rateOf('beta'), ring.rateOf('nobody')]).toEqual([1, undefined, undefined]);

    // beta gets a new token: revoked (its open connections used the old one); alpha changes symbols and rate.
    writeFileSync(file, [PUBLISHERS_HEADER, `alpha ${TOKEN_A} IREN,HUT rate=5`, `beta sha256:${hashToken('c'.repeat(40))} *`].join('\n'));
    expect(await ring.reload()).toEqual({ keys: 2, revoked: ['beta'] });
    expect(ring.identify(TOKEN_B)).toBeUndefined();
    expect(ring.checkTicks('alpha', [{ symbol: 'HUT' }])).toBeNull();
    expect(ring.rateOf('alpha')).toBe(5);

    // A bad file: the error is thrown and nothing changes.
    writeFileSync(file, [PUBLISHERS_HEADER, `alpha ${TOKEN_A} IREN`, 'broken'].join('\n'));
    await expect(ring.reload()).rejects.toMatchObject({ code: HashcapErrorCode.PUBLISHERS_FORMAT, line: 3 });
    expect(ring.names()).toEqual(['alpha', 'beta']);
    expect(ring.checkTicks('alpha', [{ symbol: 'HUT' }])).toBeNull();
    expect(ring.rateOf('alpha')).toBe(5);
  });

  it('names an unreadable file', async () => {
    await expect(PublisherKeyring.open(join(dir, 'missing.txt'))).rejects.toMatchObject({ code: HashcapErrorCode.PUBLISHERS_FILE, line: 0 });
  });
});

describe('subscriber tokens', () => {
  const verifier = TokenVerifier.fromSource({ kind: 'secret', secret: JWT_SECRET });

  it('grant the channels and expiry a valid token carries', async () => {
    const result = await verifier.verify(await signToken({ channels: ['index.*'], sub: 'bot-7', expiresInS: 60 }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.grant.subject).toBe('bot-7');
    expect(result.grant.channels.allows('index.miners')).toBe(true);
    expect(Math.abs(result.grant.expiresAtMs - (Date.now() + 60_000))).toBeLessThan(2_000);
  });

  it('are refused with a fixed reason that quotes nothing of the token', async () => {
    const expired = await signToken({ channels: ['*'], expiresInS: -5 });
    expect(await verifier.verify(expired)).toEqual({ ok: false, reason: 'token expired' });
    expect(await verifier.verify('garbage')).toEqual({ ok: false, reason: 'token is not a valid JWT' });
  });

  it('a short HS256 secret is a ConfigError that does not show it', () => {
    expect(() => TokenVerifier.fromSource({ kind: 'secret', secret: 'too-short-secret' })).toThrow(ConfigError);
    expect(() => TokenVerifier.fromSource({ kind: 'secret', secret: 'too-short-secret' })).not.toThrow(/too-short-secret/);
  });

  it('a public key file that is missing or not a key is a ConfigError naming it', () => {
    const notKey = join(dir, 'not-a-key.pem');
    writeFileSync(notKey, 'hello\n');
    expect(() => TokenVerifier.fromSource({ kind: 'public-key', file: notKey })).toThrow(/--jwt-public-key: .*not-a-key\.pem.*PEM public key/);
    expect(() => TokenVerifier.fromSource({ kind: 'public-key', file: join(dir, 'nope.pem') })).toThrow(/an existing file/);
  });

  it('expiry: notice when less than the lead is left, then expire; cancel stops both', async () => {
    const access = new SubscriberAccess({ verifier, expiryNoticeMs: 50 });
    const events: string[] = [];
    const grant = { subject: '', channels: ALL_CHANNELS, expiresAtMs: Date.now() + 120 };
    access.watchExpiry(grant, () => events.push('notice'), () => events.push('expire'));
    const cancelled = access.watchExpiry(grant, () => events.push('x'), () => events.push('x'));
    cancelled();
    await expect.poll(() => events.length, { timeout: 3_000 }).toBe(2);
    await new Promise((r) => setTimeout(r, 50)); // and nothing from the cancelled one
    expect(events).toEqual(['notice', 'expire']);
  });
});

describe('origins', () => {
  it('normalise as browsers send them, and refuse anything with a path', () => {
    expect(normaliseOrigin('https://Ticker.Example.com')).toBe('https://ticker.example.com');
    expect(normaliseOrigin('http://localhost:5173/')).toBe('http://localhost:5173');
    for (const bad of ['ticker.example.com', 'https://x.example/path', 'https://u:p@x.example', '*', 'null']) expect(normaliseOrigin(bad), bad).toBeNull();
  });

  it('a policy lets listed origins and requests without Origin through, and 403s the rest', () => {
    const policy = new OriginPolicy(['https://ticker.example.com']);
    const req = (origin?: string) => ({ path: '/v1/stream', query: new URLSearchParams(), headers: origin ? { origin } : {}, remoteAddress: '127.0.0.1' });
    expect(policy.check(req('https://ticker.example.com'))).toBeNull();
    expect(policy.check(req())).toBeNull();
    expect(policy.check(req('https://evil.example'))).toEqual({ ok: false, status: 403, message: 'origin not allowed' });
  });
});

describe('security flags', () => {
  it('default to an open stream, no keys file, any origin, no TLS', () => {
    expect(parseConfig([], {})).toMatchObject({ auth: 'none', jwtSecret: null, jwtPublicKeyPath: null, publishersPath: null, allowOrigins: [], tls: null });
  });

  it('take the secret from HASHCAP_JWT_SECRET and the origins as a list', () => {
    const c = parseConfig(['--auth', 'required', '--allow-origin', 'https://a.example, http://localhost:5173'], { HASHCAP_JWT_SECRET: JWT_SECRET });
    expect(c).toMatchObject({ auth: 'required', jwtSecret: JWT_SECRET, allowOrigins: ['https://a.example', 'http://localhost:5173'] });
  });

  it('refuse combinations that would not do what was meant, without showing a secret', () => {
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [['--auth', 'required'], {}, /--auth.*exactly one of --jwt-secret/],
      [['--auth', 'required', '--jwt-public-key', 'k.pem'], { HASHCAP_JWT_SECRET: JWT_SECRET }, /exactly one/],
      [[], { HASHCAP_JWT_SECRET: JWT_SECRET }, /--auth.*required when a JWT key is given/],
      [['--auth', 'maybe'], {}, /--auth/],
      [['--publishers', 'keys.txt', '--token', 'x'.repeat(20)], {}, /--token.*no --token with --publishers/],
      [['--allow-origin', 'ticker.example.com'], {}, /--allow-origin/],
      [['--tls-cert', 'cert.pem'], {}, /--tls-key.*both/],
      [['--role', 'gateway', '--redis', 'redis://x:1', '--publishers', 'k'], {}, /no --publishers on a gateway/],
      [['--role', 'aggregator', '--redis', 'redis://x:1', '--auth', 'required'], { HASHCAP_JWT_SECRET: JWT_SECRET }, /none on an aggregator/],
    ];
    for (const [argv, env, message] of cases) {
      let error: unknown;
      try {
        parseConfig(argv, env);
      } catch (e) {
        error = e;
      }
      expect(error, argv.join(' ')).toBeInstanceOf(ConfigError);
      expect((error as Error).message, argv.join(' ')).toMatch(message);
      expect((error as Error).message).not.toContain(JWT_SECRET);
    }
  });
});
