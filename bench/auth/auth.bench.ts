/**
 * What a subscriber token costs the server at the upgrade: TokenVerifier.verify (jose) per second for
 * each key kind, for a good token and for the two refusals an anonymous client can send for free: a
 * garbage string (refused before any crypto) and a well-formed token with a wrong signature (one full
 * signature check). The variants alternate within each round on one key set, so machine load hits them
 * alike; the table gives the median and spread over the rounds. Nothing here touches a socket: the
 * figures are the CPU ceiling of the check itself, per core.
 *
 *   npm run bench -- auth          (quick: 5 rounds of 0.5 s per variant)
 *   npm run bench -- auth --full   (15 rounds of 1 s)
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { TokenVerifier } from '../../server/auth/subscriber-auth.ts';
import { markdownTable, writeResults } from '../lib/report.ts';
import { human, summarize } from '../lib/stats.ts';

const SECRET = 'bench-secret-of-at-least-thirty-two-bytes!';

interface Variant {
  readonly name: string;
  readonly verifier: TokenVerifier;
  readonly token: string;
  readonly expectOk: boolean;
}

async function sign(alg: 'HS256' | 'EdDSA' | 'RS256', key: KeyObject | Uint8Array): Promise<string> {
  return new SignJWT({ channels: ['index.*', 'status'] }).setProtectedHeader({ alg }).setSubject('bench').setExpirationTime('1h').sign(key);
}

/** The same token with one signature character changed: well-formed, verifies to false. */
function badSignature(token: string): string {
  const last = token.at(-2) === 'A' ? 'B' : 'A';
  return token.slice(0, -2) + last + token.at(-1)!;
}

async function variants(dir: string): Promise<Variant[]> {
  const out: Variant[] = [];
  const hs = TokenVerifier.fromSource({ kind: 'secret', secret: SECRET });
  const hsToken = await sign('HS256', new TextEncoder().encode(SECRET));
  out.push({ name: 'HS256 good', verifier: hs, token: hsToken, expectOk: true });
  out.push({ name: 'HS256 bad signature', verifier: hs, token: badSignature(hsToken), expectOk: false });
  for (const [type, alg] of [['ed25519', 'EdDSA'], ['rsa', 'RS256']] as const) {
    const { publicKey, privateKey } = type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
    const file = join(dir, `${type}.pem`);
    writeFileSync(file, publicKey.export({ type: 'spki', format: 'pem' }));
    const verifier = TokenVerifier.fromSource({ kind: 'public-key', file });
    const token = await sign(alg, privateKey);
    out.push({ name: `${alg} good`, verifier, token, expectOk: true });
    out.push({ name: `${alg} bad signature`, verifier, token: badSignature(token), expectOk: false });
  }
  out.push({ name: 'garbage (not a JWT)', verifier: hs, token: 'x'.repeat(200), expectOk: false });
  return out;
}

/** Verifications per second over `ms`, run back to back (each awaited: what one upgrade waits for). */
async function rate(v: Variant, ms: number): Promise<number> {
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 64; i++) {
      const r = await v.verifier.verify(v.token);
      if (r.ok !== v.expectOk) throw new Error(`${v.name}: verify said ${r.ok ? 'ok' : r.reason}`);
    }
    n += 64;
    now = performance.now();
  }
  return (n * 1000) / (now - start);
}

export async function authBench(full: boolean): Promise<unknown> {
  const rounds = full ? 15 : 5;
  const ms = full ? 1000 : 500;
  const dir = mkdtempSync(join(tmpdir(), 'hashcap-auth-bench-'));
  try {
    const all = await variants(dir);
    for (const v of all) await rate(v, 100); // warm-up
    const samples = new Map<string, number[]>(all.map((v) => [v.name, []]));
    for (let r = 0; r < rounds; r++) for (const v of all) samples.get(v.name)!.push(await rate(v, ms));
    const rows = all.map((v) => {
      const s = summarize(samples.get(v.name)!);
      return { variant: v.name, verifiesPerSecond: Math.round(s.median), usPerVerify: 1e6 / s.median, spreadPct: s.spreadPct, rounds: s.rounds };
    });
    const table = markdownTable(
      ['token', 'verifications/s (median)', 'µs each', 'spread'],
      rows.map((r) => [r.variant, human(r.verifiesPerSecond), r.usPerVerify.toFixed(1), `${r.spreadPct.toFixed(0)}%`]),
    );
    console.log(table);
    writeResults('auth', rows, table, [
      `TokenVerifier.verify (jose 6) on one core, ${rounds} rounds of ${ms} ms per variant, variants alternated within each round.`,
      'A bad signature costs a full check (an anonymous client can send those for free); garbage is refused before any crypto.',
      'Command: npm run bench -- auth' + (full ? ' --full' : ''),
    ]);
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
