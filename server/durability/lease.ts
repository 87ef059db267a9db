/**
 * The aggregator lease: of several `--role aggregator` processes on one Redis, exactly one is active.
 * It holds a key in Redis set with NX and a TTL (PX) and extends it every `renewMs` with a Lua
 * compare-and-extend; a standby tries to take the key as often. Each grant comes with a fencing token
 * (INCR: strictly greater than every earlier one) and an epoch (above every earlier grant's, so gateways,
 * which ignore frames of an older epoch, follow the new active and never the old one).
 *
 * The lease is believed locally only until `confirmed + ttl`, counted from when the last successful renew
 * was SENT (Redis expires the key no earlier than that): a process that was paused (SIGSTOP, a long GC)
 * or cut off from Redis stops serving by itself the moment it wakes, before it has asked Redis anything.
 * What it still sends is refused by Redis: every write that matters carries the token and is checked
 * against the token stored beside the data it changes (server/bus/redis-bus.ts `setFence`).
 *
 * All keys share one hash tag, so the scripts work on a Redis Cluster too:
 *   `{<prefix>:lease}:holder`  the token of the holder, with the TTL
 *   `{<prefix>:lease}:token`   the last token granted (INCR)
 *   `{<prefix>:lease}:epoch`   the last epoch granted
 */
import { Cluster, Redis } from 'ioredis';
import { HashcapError, HashcapErrorCode } from '../errors.ts';
import { parseClusterNodes } from '../bus/index.ts';

export { DEFAULT_LEASE_RENEW_MS, DEFAULT_LEASE_TTL_MS } from './lease-settings.ts';

export interface LeaseOptions {
  readonly ttlMs: number;
  readonly renewMs: number;
  /** Key prefix, the same as the bus's. Default 'hashcap'. */
  readonly prefix?: string;
  readonly log: (line: string) => void;
}

/** What taking the lease grants. */
export interface LeaseGrant {
  /** Fencing token: every write made under this grant carries it; a later grant's token is larger. */
  readonly token: number;
  /** The epoch to publish under: above every earlier grant's (and ≥ the wall clock, ms). */
  readonly epoch: number;
}

export interface LeaseHooks {
  /**
   * The lease was taken: restore, then start serving. The lease is renewed meanwhile; if it is lost
   * before this resolves, `stepDown` follows once it has.
   */
  becomeActive(grant: LeaseGrant): Promise<void> | void;
  /** The lease is lost (or may be): stop serving at once. */
  stepDown(reason: string): void;
}

export type LeaseState = 'standby' | 'activating' | 'active';

// KEYS: holder, token, epoch. ARGV: ttl ms, the caller's clock (ms), the caller's previous token ('' if
// none). Returns {token, epoch} or false. A key still holding the caller's own previous token (it stepped
// down because it could not confirm the lease, and the key outlived that) is no one else's: taken anew.
const ACQUIRE_SCRIPT = `
local held = redis.call('GET', KEYS[1])
if held and held ~= ARGV[3] then return false end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], token, 'PX', ARGV[1])
local epoch = tonumber(ARGV[2])
local last = tonumber(redis.call('GET', KEYS[3]) or '0')
if epoch <= last then epoch = last + 1 end
redis.call('SET', KEYS[3], epoch)
return { token, tostring(epoch) }`;

// KEYS: holder, token. ARGV: token, ttl ms. 1 = extended; 0 = the lease is someone else's (or was).
// A key that is gone (it lapsed while nobody took it, or Redis restarted empty) is taken back only if no
// token was granted since ours: then no one else can have written, and our state is still the latest.
const RENEW_SCRIPT = `
local held = redis.call('GET', KEYS[1])
if held == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if held then return 0 end
local granted = tonumber(redis.call('GET', KEYS[2]) or '0')
local mine = tonumber(ARGV[1])
if granted > mine then return 0 end
if granted < mine then redis.call('SET', KEYS[2], mine) end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

// KEYS: holder. ARGV: token. A planned stop hands the lease over at once instead of after the TTL.
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

interface LeaseCommands {
  hashcapLeaseAcquire(holder: string, token: string, epoch: string, ttlMs: number, nowMs: number, previousToken: string): Promise<[number, string] | null>;
  hashcapLeaseRenew(holder: string, token: string, tokenValue: number, ttlMs: number): Promise<number>;
  hashcapLeaseRelease(holder: string, tokenValue: number): Promise<number>;
}

export function leaseKeys(prefix: string): { holder: string; token: string; epoch: string } {
  const tag = `{${prefix}:lease}`;
  return { holder: `${tag}:holder`, token: `${tag}:token`, epoch: `${tag}:epoch` };
}

/** Checks the two durations together: a renew must fit at least twice in the TTL. */
export function checkLeaseTiming(ttlMs: number, renewMs: number): void {
  if (!(Number.isSafeInteger(ttlMs) && Number.isSafeInteger(renewMs) && renewMs >= 10 && ttlMs >= 2 * renewMs)) {
    throw new HashcapError(HashcapErrorCode.CONFIG_INVALID, `lease: renew interval ${renewMs} ms must be ≥ 10 ms and at most half the TTL (${ttlMs} ms)`);
  }
}

export class AggregatorLease {
  private readonly client: Redis | Cluster;
  private readonly keys: ReturnType<typeof leaseKeys>;
  private readonly ttlMs: number;
  private readonly log: (line: string) => void;
  private readonly timer: NodeJS.Timeout;
  private stateValue: LeaseState = 'standby';
  private grant: LeaseGrant | null = null;
  /** Until when (local clock) the lease is known to be ours. */
  private confirmedUntil = 0;
  /** A try or renew is on its way: one at a time. */
  private asking = false;
  /** Bumped at every step-down: an activation or an answer from before it is stale. */
  private generation = 0;
  private closed = false;
  /** Redis said so lately: another aggregator holds the lease (not merely: ours is unconfirmed). */
  private heldElsewhereValue = false;
  private grants = 0;
  private stepDowns = 0;

  constructor(redisUrl: string, options: LeaseOptions, private readonly hooks: LeaseHooks) {
    checkLeaseTiming(options.ttlMs, options.renewMs);
    this.ttlMs = options.ttlMs;
    this.keys = leaseKeys(options.prefix ?? 'hashcap');
    this.log = options.log;
    const redisOptions = { maxRetriesPerRequest: 1, commandTimeout: options.renewMs * 2, connectionName: 'hashcap-lease' };
    this.client = redisUrl.startsWith('redis-cluster://')
      ? new Cluster(parseClusterNodes(redisUrl), { redisOptions })
      : new Redis(redisUrl, redisOptions);
    // Connection trouble shows as a renew that is not answered; the log line is the step-down's.
    this.client.on('error', () => {});
    this.client.defineCommand('hashcapLeaseAcquire', { lua: ACQUIRE_SCRIPT, numberOfKeys: 3 });
    this.client.defineCommand('hashcapLeaseRenew', { lua: RENEW_SCRIPT, numberOfKeys: 2 });
    this.client.defineCommand('hashcapLeaseRelease', { lua: RELEASE_SCRIPT, numberOfKeys: 1 });
    this.timer = setInterval(() => this.tick(), options.renewMs);
    this.timer.unref();
    this.tick();
  }

  get state(): LeaseState {
    return this.stateValue;
  }

  /** Active, and the lease is still known to be ours now (checked per batch: it is one clock read). */
  get serving(): boolean {
    if (this.stateValue !== 'active') return false;
    if (Date.now() < this.confirmedUntil) return true;
    this.lose(`lease not confirmed for ${this.ttlMs} ms (paused, or Redis unreachable)`);
    return false;
  }

  /**
   * Another aggregator holds the lease, as far as Redis last said (a try to take it found the key, a renew
   * or a write was refused). False while this one holds it, and after a step-down for want of a
   * confirmation (Redis unreachable): then no one may hold it, and this one may well take it back.
   */
  get heldElsewhere(): boolean {
    return this.heldElsewhereValue;
  }

  get token(): number | null {
    return this.grant?.token ?? null;
  }

  get counters(): { readonly grants: number; readonly stepDowns: number } {
    return { grants: this.grants, stepDowns: this.stepDowns };
  }

  /** Redis refused a write for carrying an old token: someone else holds the lease. */
  fenced(): void {
    this.heldElsewhereValue = true;
    if (this.stateValue !== 'standby') this.lose('a write was fenced: another aggregator holds a newer lease');
  }

  /** Stops trying; hands the lease over at once if held. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    const grant = this.grant;
    if (grant !== null && this.stateValue !== 'standby') {
      this.lose('stopping');
      await this.commands().hashcapLeaseRelease(this.keys.holder, grant.token).catch(() => 0);
    }
    await this.client.quit().catch(() => undefined);
    this.client.disconnect();
  }

  private commands(): LeaseCommands {
    return this.client as unknown as LeaseCommands;
  }

  private tick(): void {
    if (this.closed) return;
    // The local check first: after a pause this runs before any answer could come back.
    if (this.stateValue === 'active' && !this.serving) return;
    if (this.asking) return;
    if (this.stateValue === 'standby') this.tryAcquire();
    else this.renew();
  }

  private tryAcquire(): void {
    this.asking = true;
    const sentAt = Date.now();
    const generation = this.generation;
    this.commands()
      .hashcapLeaseAcquire(this.keys.holder, this.keys.token, this.keys.epoch, this.ttlMs, sentAt, this.grant === null ? '' : String(this.grant.token))
      .then(
        (reply) => {
          this.asking = false;
          if (reply === null || this.closed || generation !== this.generation) {
            if (reply === null) this.heldElsewhereValue = true;
            // Taken just as this one stopped: hand it on at once rather than after the TTL.
            else void this.commands().hashcapLeaseRelease(this.keys.holder, Number(reply[0])).catch(() => 0);
            return;
          }
          this.heldElsewhereValue = false;
          this.grant = { token: Number(reply[0]), epoch: Number(reply[1]) };
          this.confirmedUntil = sentAt + this.ttlMs;
          this.stateValue = 'activating';
          this.grants += 1;
          this.log(`lease: taken (token ${this.grant.token}, epoch ${this.grant.epoch}); restoring, then serving`);
          this.activate(this.grant, generation);
        },
        () => {
          this.asking = false;
        },
      );
  }

  /**
   * Resolves once this aggregator serves, or once `timeoutMs` passed with no activation under way: a
   * process restarted after a kill -9 of the only aggregator serves when it is reported started (the old
   * key lapses within the TTL), and a standby is reported started as one.
   */
  async started(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && this.stateValue !== 'active' && (Date.now() < deadline || this.stateValue === 'activating')) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private activate(grant: LeaseGrant, generation: number): void {
    Promise.resolve()
      .then(() => this.hooks.becomeActive(grant))
      .then(
        () => {
          if (generation !== this.generation || this.closed) return;
          if (Date.now() >= this.confirmedUntil) {
            this.lose('lease lapsed while restoring');
            return;
          }
          this.stateValue = 'active';
          this.log(`lease: active (token ${grant.token}, epoch ${grant.epoch})`);
        },
        (error: unknown) => {
          if (generation !== this.generation) return;
          this.lose(`restoring failed: ${error instanceof Error ? error.message : String(error)}`);
          // Let another aggregator try: this one's state may be the problem.
          void this.commands().hashcapLeaseRelease(this.keys.holder, grant.token).catch(() => 0);
        },
      );
  }

  private renew(): void {
    const grant = this.grant;
    if (grant === null) return;
    this.asking = true;
    const sentAt = Date.now();
    const generation = this.generation;
    this.commands()
      .hashcapLeaseRenew(this.keys.holder, this.keys.token, grant.token, this.ttlMs)
      .then(
        (extended) => {
          this.asking = false;
          if (generation !== this.generation || this.closed) return;
          if (extended === 1) this.confirmedUntil = Math.max(this.confirmedUntil, sentAt + this.ttlMs);
          else {
            this.heldElsewhereValue = true;
            this.lose('the lease is held by another aggregator');
          }
        },
        () => {
          this.asking = false;
        },
      );
  }

  /** Step down: at once, whatever was under way. */
  private lose(reason: string): void {
    if (this.stateValue === 'standby') return;
    this.generation += 1;
    this.stateValue = 'standby';
    this.confirmedUntil = 0;
    this.asking = false;
    this.stepDowns += 1;
    this.log(`lease: stepped down to standby: ${reason}`);
    this.hooks.stepDown(reason);
  }
}
