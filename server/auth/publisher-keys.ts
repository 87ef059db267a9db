/**
 * Publisher keys (`--publishers <file>`): several named publishers, each with its own token, the
 * symbols it may publish and an optional rate (enforced by server/limits/publisher-rate.ts, which asks
 * `rateOf`). The file is read at start and again on SIGHUP; a reload
 * that fails keeps the keys in force (the caller logs why). The file format, one key per line:
 *
 *     # hashcap-publishers: 1
 *     # name     token                                          symbols          rate (batches/s)
 *     alpaca     sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b…  IREN,WULF,HUT    rate=50
 *     simulator  q8Jx0s9P6m…(32+ characters)                     *
 *
 * A token is written as itself (32–256 URL-safe characters) or, so the file need not hold the secret,
 * as `sha256:` and the hex SHA-256 of it. Either way only the hash is kept in memory, a publisher is
 * known by its name (the publisher id in the gate, logs and metrics), and no error names a token.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import { FileFormatError, HashcapErrorCode } from '../errors.ts';

export const PUBLISHERS_HEADER = '# hashcap-publishers: 1';

export interface PublisherKey {
  readonly name: string;
  /** Hex SHA-256 of the token. */
  readonly tokenHash: string;
  /** null: every symbol (`*`). */
  readonly symbols: ReadonlySet<string> | null;
  /** Batches per second, in place of `--ingest-batches-per-second`; null: the server-wide rate. */
  readonly batchesPerSecond: number | null;
  /** The line it was read from, for log lines. */
  readonly line: number;
}

const NAME = /^[a-z0-9][a-z0-9_-]{0,47}$/;
const PLAIN_TOKEN = /^[A-Za-z0-9._~+\/=-]{32,256}$/;
const HASHED_TOKEN = /^sha256:([0-9a-f]{64})$/;
const SYMBOL = /^[A-Z][A-Z0-9.-]{0,9}$/;
const RATE = /^rate=(\d{1,7}(\.\d{1,3})?)$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Reads and checks the whole file; the first bad line is a FileFormatError naming file, line and column. */
export async function loadPublisherKeys(file: string): Promise<PublisherKey[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new FileFormatError(HashcapErrorCode.PUBLISHERS_FILE, file, 0, 'file', `cannot be read (${err instanceof Error && 'code' in err ? String(err.code) : 'error'})`);
  }
  return parsePublisherKeys(text, file);
}

export function parsePublisherKeys(text: string, file: string): PublisherKey[] {
  const bad = (line: number, field: string, detail: string) => new FileFormatError(HashcapErrorCode.PUBLISHERS_FORMAT, file, line, field, detail);
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== PUBLISHERS_HEADER) throw bad(1, 'header', `the first line must be "${PUBLISHERS_HEADER}"`);
  const keys: PublisherKey[] = [];
  const names = new Map<string, number>();
  const hashes = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!.trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const cells = raw.split(/\s+/);
    if (cells.length < 3 || cells.length > 4) throw bad(lineNo, 'line', `expected "name token symbols [rate=N]" (${cells.length} columns)`);
    const [name, token, symbolList, rateCell] = cells as [string, string, string, string | undefined];
    if (!NAME.test(name)) throw bad(lineNo, 'name', 'must be 1–48 of a-z, 0-9, "-" and "_", starting with a letter or digit');
    const earlierName = names.get(name);
    if (earlierName !== undefined) throw bad(lineNo, 'name', `"${name}" is already defined on line ${earlierName}`);
    // The token cell is never quoted back: it is (or hashes) a secret.
    const hashed = HASHED_TOKEN.exec(token);
    if (hashed === null && !PLAIN_TOKEN.test(token)) throw bad(lineNo, 'token', 'must be 32–256 URL-safe characters, or sha256:<64 lower-case hex digits>');
    const tokenHash = hashed !== null ? hashed[1]! : hashToken(token);
    const earlierToken = hashes.get(tokenHash);
    if (earlierToken !== undefined) throw bad(lineNo, 'token', `the same token as line ${earlierToken} (each publisher needs its own)`);
    let symbols: Set<string> | null = null;
    if (symbolList !== '*') {
      symbols = new Set();
      for (const symbol of symbolList.split(',')) {
        if (!SYMBOL.test(symbol)) throw bad(lineNo, 'symbols', `${JSON.stringify(symbol.slice(0, 16))} is not a ticker; give tickers separated by commas, or *`);
        symbols.add(symbol);
      }
    }
    let batchesPerSecond: number | null = null;
    if (rateCell !== undefined) {
      const m = RATE.exec(rateCell);
      const rate = m ? Number(m[1]) : Number.NaN;
      if (!(rate > 0)) throw bad(lineNo, 'rate', `${JSON.stringify(rateCell.slice(0, 24))} is not rate=<batches per second above 0>`);
      batchesPerSecond = rate;
    }
    names.set(name, lineNo);
    hashes.set(tokenHash, lineNo);
    keys.push({ name, tokenHash, symbols, batchesPerSecond, line: lineNo });
  }
  return keys;
}

/** Why a batch of a known publisher is refused before the gate sees it: symbols outside its key. */
export interface PublishRefusal {
  readonly kind: 'symbol';
  readonly symbols: readonly string[];
}

export interface ReloadResult {
  readonly keys: number;
  /** Names whose key is gone or has a new token: their open connections must go. */
  readonly revoked: readonly string[];
}

/** The keys in force. `reload` swaps them whole, or not at all. */
export class PublisherKeyring {
  readonly file: string;
  private byHash = new Map<string, PublisherKey>();
  private byName = new Map<string, PublisherKey>();

  private constructor(file: string, keys: readonly PublisherKey[]) {
    this.file = file;
    this.install(keys);
  }

  static async open(file: string): Promise<PublisherKeyring> {
    return new PublisherKeyring(file, await loadPublisherKeys(file));
  }

  get size(): number {
    return this.byName.size;
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  /** The publisher id (key name) of a presented token, or undefined. */
  identify(token: string): string | undefined {
    return this.byHash.get(hashToken(token))?.name;
  }

  /** A publisher's own batch rate (its key's `rate=`); undefined: none of its own, or no such key. */
  rateOf(publisherId: string): number | undefined {
    return this.byName.get(publisherId)?.batchesPerSecond ?? undefined;
  }

  /**
   * Checks a batch of a publisher against its key's symbols (its rate is the PublisherRateLimiter's):
   * `symbolAt(i)` for i < `count` gives each tick's symbol as it came (undefined when it has none), so
   * a batch decoded into columns is checked without making tick objects.
   */
  check(publisherId: string, count: number, symbolAt: (index: number) => unknown): PublishRefusal | null {
    const key = this.byName.get(publisherId);
    if (key === undefined) return { kind: 'symbol', symbols: [] }; // revoked between the upgrade and now
    if (key.symbols !== null) {
      let outside: Set<string> | null = null;
      for (let i = 0; i < count; i++) {
        const symbol = symbolAt(i);
        // A missing or malformed symbol is the gate's to refuse (BAD_SYMBOL), with its own reason.
        if (typeof symbol === 'string' && SYMBOL.test(symbol) && !key.symbols.has(symbol)) (outside ??= new Set()).add(symbol);
      }
      if (outside !== null) return { kind: 'symbol', symbols: [...outside].slice(0, 8) };
    }
    return null;
  }

  /** `check` for ticks given as objects (JSON publishers, `server.ingest`). */
  checkTicks(publisherId: string, ticks: readonly unknown[]): PublishRefusal | null {
    return this.check(publisherId, ticks.length, (i) => {
      const tick = ticks[i];
      return typeof tick === 'object' && tick !== null ? (tick as { symbol?: unknown }).symbol : undefined;
    });
  }

  /** Reads the file again; on any error the keys in force stay and the error is thrown for the caller to log. */
  async reload(): Promise<ReloadResult> {
    const keys = await loadPublisherKeys(this.file);
    const revoked: string[] = [];
    const next = new Map(keys.map((k) => [k.name, k]));
    for (const [name, key] of this.byName) {
      if (next.get(name)?.tokenHash !== key.tokenHash) revoked.push(name);
    }
    this.install(keys);
    return { keys: keys.length, revoked };
  }

  private install(keys: readonly PublisherKey[]): void {
    this.byHash = new Map(keys.map((k) => [k.tokenHash, k]));
    this.byName = new Map(keys.map((k) => [k.name, k]));
  }
}
