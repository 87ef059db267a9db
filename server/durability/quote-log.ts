/**
 * The quote log: every batch the aggregator will apply, appended to a Redis Stream before it is applied
 * and before its publisher hears "accepted" (server/durability/durable-ingest.ts). One XADD per batch,
 * auto-pipelined by ioredis (batches that arrive in one turn of the event loop go out in one write), the
 * stream trimmed to about `maxEntries` (MAXLEN ~, so Redis trims whole radix-tree nodes: cheap).
 *
 * What "appended" means is `--ack-durability`:
 * - `logged`: Redis executed the XADD (it is in Redis's memory; how long it survives a Redis crash is
 *   Redis's persistence setting: AOF everysec may lose the last second, no AOF loses everything since
 *   the last RDB save).
 * - `fsync`: also on the Redis machine's disk. Redis ≥ 7.2: one WAITAOF per turn covers every XADD of
 *   that turn. Older Redis has no WAITAOF: then the server must run `appendonly yes` + `appendfsync
 *   always` (every write is fsynced before its reply), checked at start; otherwise the start fails.
 * - `replicated`: also acknowledged by a replica (WAIT 1 per turn, again covering the turn's XADDs).
 *   A batch whose WAIT times out IS in the primary's log: it is applied (state always equals the log)
 *   but its publisher gets LOG_UNAVAILABLE, and the resend is made idempotent by the per-publisher seq.
 *
 * The keys share one hash tag, so a Redis Cluster keeps the log and its checkpoints on one node (and
 * MULTI works there).
 */
import { Cluster, Redis } from 'ioredis';
import { HashcapError, HashcapErrorCode } from '../errors.ts';
import { parseClusterNodes } from '../bus/index.ts';
import { DEFAULT_QUOTE_LOG_MAX_ENTRIES, type AckDurability } from './settings.ts';

export { ACK_DURABILITIES, DEFAULT_QUOTE_LOG_MAX_ENTRIES, type AckDurability } from './settings.ts';

export interface QuoteLogOptions {
  /** redis://, rediss:// or redis-cluster:// (the bus's URL). */
  readonly url: string;
  /** Key prefix; default 'hashcap'. Keys: <prefix>:{durable}:log, …:checkpoints, …:checkpoint:<n>. */
  readonly prefix?: string;
  readonly maxEntries?: number;
  readonly durability?: AckDurability;
  /** How long a WAIT / WAITAOF may take before the turn's batches are refused. Default 1000. */
  readonly waitTimeoutMs?: number;
  /** A command that gets no reply within this is failed (Redis stalled). Default 5000, as the bus. */
  readonly commandTimeoutMs?: number;
  readonly log?: (line: string) => void;
}

export interface LogEntry {
  readonly id: string;
  readonly record: Buffer;
}

export interface Appended {
  readonly id: string;
  /** False when the entry is in the log but the durability asked for was not confirmed (WAIT timed out). */
  readonly durable: boolean;
}

type Client = Redis | Cluster;

// Fencing (server/durability/lease.ts): the fence key beside the log holds the highest lease token that
// wrote it. KEYS: fence. ARGV: token. Raises the fence to the token; 0 when a higher one is there.
const CLAIM_SCRIPT = `
local holder = tonumber(redis.call('GET', KEYS[1]) or '0')
local token = tonumber(ARGV[1])
if holder > token then return 0 end
if holder < token then redis.call('SET', KEYS[1], ARGV[1]) end
return 1`;

// KEYS: log, fence. ARGV: token, max entries, record. The XADD, unless a newer lease holder claimed the log.
const FENCED_APPEND_SCRIPT = `
local holder = tonumber(redis.call('GET', KEYS[2]) or '0')
local token = tonumber(ARGV[1])
if holder > token then return redis.error_reply('FENCED a newer aggregator lease holds the quote log') end
if holder < token then redis.call('SET', KEYS[2], ARGV[1]) end
return redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'r', ARGV[3])`;

interface FenceCommands {
  hashcapLogClaim(fence: string, token: number): Promise<number>;
  hashcapLogAppend(log: string, fence: string, token: number, maxEntries: string, record: Buffer): Promise<string>;
}

export class QuoteLog {
  readonly key: string;
  readonly keyPrefix: string;
  readonly durability: AckDurability;
  readonly maxEntries: number;
  readonly redis: Client;
  private readonly waitTimeoutMs: number;
  private readonly log: (line: string) => void;
  /** fsync on a Redis without WAITAOF but with appendfsync always: every reply already means on disk. */
  private fsyncByConfig = false;
  /** The confirmation (WAIT / WAITAOF) covering the XADDs sent in this turn, or null. */
  private turnConfirmation: Promise<boolean> | null = null;
  private ready = false;
  private closed = false;
  /** The lease token appends carry (0: not fenced, one aggregator without a lease). */
  private fenceToken = 0;
  private readonly fenceKey: string;
  private readonly fencedListeners: (() => void)[] = [];

  private constructor(options: QuoteLogOptions, redis: Client) {
    this.keyPrefix = `${options.prefix ?? 'hashcap'}:{durable}`;
    this.key = `${this.keyPrefix}:log`;
    this.fenceKey = `${this.keyPrefix}:fence`;
    redis.defineCommand('hashcapLogClaim', { lua: CLAIM_SCRIPT, numberOfKeys: 1 });
    redis.defineCommand('hashcapLogAppend', { lua: FENCED_APPEND_SCRIPT, numberOfKeys: 2 });
    this.durability = options.durability ?? 'logged';
    this.maxEntries = options.maxEntries ?? DEFAULT_QUOTE_LOG_MAX_ENTRIES;
    this.waitTimeoutMs = options.waitTimeoutMs ?? 1000;
    this.log = options.log ?? ((line) => console.error(line));
    this.redis = redis;
    redis.on('ready', () => {
      if (!this.ready && !this.closed) this.log('quote log: Redis connected');
      this.ready = true;
    });
    redis.on('end', () => (this.ready = false));
    redis.on('close', () => {
      if (this.ready && !this.closed) this.log('quote log: Redis connection lost; ingest is refused (LOG_UNAVAILABLE) until it is back');
      this.ready = false;
    });
    redis.on('error', () => {});
  }

  /** Connects (waiting for Redis as long as it takes) and checks that Redis can give the durability asked for. */
  static async open(options: QuoteLogOptions): Promise<QuoteLog> {
    const commandTimeout = options.commandTimeoutMs ?? 5000;
    const redisOptions = {
      enableAutoPipelining: true,
      // An append never waits for a reconnect: the publisher is told to retry instead.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: Math.max(commandTimeout, (options.waitTimeoutMs ?? 1000) + 1000),
      connectionName: 'hashcap-quote-log',
      lazyConnect: true,
      retryStrategy: (times: number) => Math.min(50 * times, 1000),
    };
    const url = options.url;
    const client: Client = url.startsWith('redis-cluster://')
      ? new Cluster(parseClusterNodes(url), { enableAutoPipelining: true, enableOfflineQueue: false, redisOptions, lazyConnect: true })
      : new Redis(url, redisOptions);
    const quoteLog = new QuoteLog(options, client);
    if (quoteLog.maxEntries < 1000 || !Number.isSafeInteger(quoteLog.maxEntries)) {
      throw new HashcapError(HashcapErrorCode.CONFIG_INVALID, `quote log maxEntries must be an integer >= 1000, got ${quoteLog.maxEntries}`);
    }
    // The start waits for Redis as long as it takes (ioredis keeps reconnecting): a standby may come up first.
    const ready = new Promise<void>((resolve) => client.once('ready', () => resolve()));
    client.connect().catch(() => {});
    await ready;
    quoteLog.ready = true;
    await quoteLog.checkDurability();
    return quoteLog;
  }

  get up(): boolean {
    return this.ready && !this.closed;
  }

  /**
   * Takes the log for a new lease token before it is read back: from here, appends carrying an older
   * token are refused by Redis, so a paused old aggregator cannot add a batch the new one never applies.
   * Throws when a newer token already holds it.
   */
  async claim(token: number): Promise<void> {
    if ((await (this.redis as unknown as FenceCommands).hashcapLogClaim(this.fenceKey, token)) !== 1) {
      throw new HashcapError(HashcapErrorCode.CONFIG_INVALID, `lease token ${token} is older than the quote log's fence: another aggregator took over`);
    }
    this.fenceToken = token;
  }

  /** An append was refused for an older token (another aggregator holds the lease). */
  onFenced(listener: () => void): void {
    this.fencedListeners.push(listener);
  }

  /** Appends one record; resolves when it is logged with the durability asked for (or `durable: false`, see above). */
  append(record: Uint8Array): Promise<Appended> {
    const bytes = Buffer.from(record.buffer, record.byteOffset, record.byteLength);
    const added =
      this.fenceToken === 0
        ? (this.redis.xadd(this.key, 'MAXLEN', '~', String(this.maxEntries), '*', 'r', bytes) as Promise<string>)
        : (this.redis as unknown as FenceCommands).hashcapLogAppend(this.key, this.fenceKey, this.fenceToken, String(this.maxEntries), bytes).catch((error: unknown) => {
            if (error instanceof Error && error.message.startsWith('FENCED')) for (const listener of this.fencedListeners) listener();
            throw error;
          });
    if (this.durability === 'logged' || this.fsyncByConfig) return added.then((id) => ({ id, durable: true }));
    const confirmed = this.confirmTurn();
    return Promise.all([added, confirmed]).then(([id, durable]) => ({ id, durable }));
  }

  /** Entries after `afterId` ('0' = from the start), oldest first, at most `count`. */
  async read(afterId: string, count: number): Promise<LogEntry[]> {
    const start = afterId === '0' ? '-' : `(${afterId}`;
    const rows = (await this.redis.xrangeBuffer(this.key, start, '+', 'COUNT', count)) as [Buffer, Buffer[]][];
    const out: LogEntry[] = [];
    for (const [id, fields] of rows) {
      for (let i = 0; i + 1 < fields.length; i += 2) {
        if (fields[i]!.toString() === 'r') out.push({ id: id.toString(), record: fields[i + 1]! });
      }
    }
    return out;
  }

  /** The id of the oldest entry still in the stream, or null when it is empty. */
  async firstId(): Promise<string | null> {
    const rows = (await this.redis.xrange(this.key, '-', '+', 'COUNT', 1)) as [string, string[]][];
    return rows[0]?.[0] ?? null;
  }

  async length(): Promise<number> {
    return (await this.redis.xlen(this.key)) as number;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }

  /** One WAIT / WAITAOF per turn of the event loop: it covers every XADD this connection sent before it. */
  private confirmTurn(): Promise<boolean> {
    if (this.turnConfirmation !== null) return this.turnConfirmation;
    const confirmation = new Promise<boolean>((resolve, reject) => {
      queueMicrotask(() => {
        this.turnConfirmation = null;
        const reply =
          this.durability === 'replicated'
            ? (this.redis.call('WAIT', '1', String(this.waitTimeoutMs)) as Promise<number>).then((n) => Number(n) >= 1)
            : (this.redis.call('WAITAOF', '1', '0', String(this.waitTimeoutMs)) as Promise<[number, number]>).then((r) => Number(r[0]) >= 1);
        reply.then(resolve, reject);
      });
    });
    this.turnConfirmation = confirmation;
    return confirmation;
  }

  private async checkDurability(): Promise<void> {
    if (this.durability === 'logged') return;
    const info = String(await this.redis.info('server'));
    const version = /redis_version:(\d+)\.(\d+)/.exec(info);
    const hasWaitAof = version !== null && (Number(version[1]) > 7 || (Number(version[1]) === 7 && Number(version[2]) >= 2));
    if (this.durability === 'fsync' && !hasWaitAof) {
      let appendonly = '';
      let appendfsync = '';
      try {
        appendonly = ((await this.redis.config('GET', 'appendonly')) as string[])[1] ?? '';
        appendfsync = ((await this.redis.config('GET', 'appendfsync')) as string[])[1] ?? '';
      } catch {
        // CONFIG may be renamed or refused (managed Redis): then the setting cannot be confirmed.
      }
      if (appendonly !== 'yes' || appendfsync !== 'always') {
        throw new HashcapError(
          HashcapErrorCode.ACK_DURABILITY_UNAVAILABLE,
          `--ack-durability fsync: this Redis (${version?.[0] ?? 'version unknown'}) has no WAITAOF (7.2+), so it must run ` +
            `appendonly yes and appendfsync always; it runs appendonly ${appendonly || '?'}, appendfsync ${appendfsync || '?'}`,
        );
      }
      this.fsyncByConfig = true;
    }
    if (this.durability === 'replicated') {
      const replication = String(await this.redis.info('replication'));
      const replicas = Number(/connected_slaves:(\d+)/.exec(replication)?.[1] ?? 0);
      if (replicas === 0) this.log('quote log: --ack-durability replicated, but no replica is connected yet: batches are refused until one is');
    }
  }
}

/** Stream ids ("ms-seq") in log order. */
export function compareStreamIds(a: string, b: string): number {
  const [am, as] = a.split('-');
  const [bm, bs] = b.split('-');
  const d = Number(am) - Number(bm);
  return d !== 0 ? Math.sign(d) : Math.sign(Number(as ?? 0) - Number(bs ?? 0));
}
