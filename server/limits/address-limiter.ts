/**
 * Admission of new connections by remote address: at most `maxPerAddress` open at once from one address,
 * new ones at most `perSecondPerAddress` per second from one address and `perSecond` from all of them
 * together (token buckets, bursts of twice the rate). Checked at the upgrade, before a websocket exists,
 * so a refused connection costs one HTTP response and no session. 0 switches a limit off.
 *
 * Memory stays bounded under a spray from many addresses: an address with nothing open whose bucket has
 * refilled is forgotten (swept every SWEEP_EVERY admissions), since it would be recreated identical.
 */
import type { LimitName } from './limit-names.ts';

export interface AddressLimits {
  /** Open connections from one address; 0 = unlimited. */
  readonly maxConnectionsPerAddress: number;
  /** New connections per second from one address (burst twice that); 0 = unlimited. */
  readonly connectsPerSecondPerAddress: number;
  /** New connections per second from all addresses together (burst twice that); 0 = unlimited. */
  readonly connectsPerSecond: number;
}

export type Admission =
  | { readonly ok: true }
  | { readonly ok: false; readonly limit: LimitName; readonly retryAfterMs: number; readonly message: string };

const ADMITTED: Admission = { ok: true };
const SWEEP_EVERY = 1024;
/** Retry hint for an address at its connection count: a connection has to close first, so not soon. */
const FULL_ADDRESS_RETRY_MS = 5_000;

/** A token bucket on plain fields (one per address; refilled lazily on use). */
class Bucket {
  tokens: number;
  updatedMs: number;

  constructor(
    readonly burst: number,
    nowMs: number,
  ) {
    this.tokens = burst;
    this.updatedMs = nowMs;
  }

  refill(nowMs: number, perSecond: number): void {
    const elapsed = Math.max(0, nowMs - this.updatedMs);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * perSecond) / 1000);
    this.updatedMs = nowMs;
  }

  /** Milliseconds until one token, at `perSecond`. */
  waitMs(perSecond: number): number {
    return Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / perSecond));
  }
}

interface AddressState {
  open: number;
  readonly bucket: Bucket;
}

export class AddressLimiter {
  private readonly addresses = new Map<string, AddressState>();
  private readonly overall: Bucket;
  private admissions = 0;

  constructor(
    private readonly limits: AddressLimits,
    nowMs: number,
  ) {
    this.overall = new Bucket(2 * limits.connectsPerSecond, nowMs);
  }

  /** Addresses tracked (a test checks the sweep keeps this bounded). */
  get trackedAddresses(): number {
    return this.addresses.size;
  }

  /**
   * Whether a new connection from `address` may open now. An admission takes a token from both buckets;
   * a refusal takes nothing (so a refused client does not dig its own hole deeper).
   */
  admit(address: string, nowMs: number): Admission {
    if (++this.admissions % SWEEP_EVERY === 0) this.sweep(nowMs);
    const { maxConnectionsPerAddress, connectsPerSecondPerAddress, connectsPerSecond } = this.limits;
    const state = this.addresses.get(address);
    if (maxConnectionsPerAddress > 0 && state !== undefined && state.open >= maxConnectionsPerAddress) {
      return {
        ok: false,
        limit: 'connections_per_address',
        retryAfterMs: FULL_ADDRESS_RETRY_MS,
        message: `${state.open} connections already open from this address; the limit is ${maxConnectionsPerAddress}`,
      };
    }
    let bucket: Bucket | null = null;
    if (connectsPerSecondPerAddress > 0) {
      bucket = (state ?? this.track(address, nowMs)).bucket;
      bucket.refill(nowMs, connectsPerSecondPerAddress);
      if (bucket.tokens < 1) {
        return {
          ok: false,
          limit: 'connects_per_second_per_address',
          retryAfterMs: bucket.waitMs(connectsPerSecondPerAddress),
          message: `new connections from this address arrive faster than ${connectsPerSecondPerAddress}/s`,
        };
      }
    }
    if (connectsPerSecond > 0) {
      this.overall.refill(nowMs, connectsPerSecond);
      if (this.overall.tokens < 1) {
        return {
          ok: false,
          limit: 'connects_per_second',
          retryAfterMs: this.overall.waitMs(connectsPerSecond),
          message: `new connections arrive faster than ${connectsPerSecond}/s in total`,
        };
      }
      this.overall.tokens -= 1;
    }
    if (bucket !== null) bucket.tokens -= 1;
    return ADMITTED;
  }

  /** A connection from `address` opened; false when that puts the address over its limit (a race at the upgrade). */
  opened(address: string, nowMs: number): boolean {
    const state = this.addresses.get(address) ?? this.track(address, nowMs);
    state.open += 1;
    return this.limits.maxConnectionsPerAddress === 0 || state.open <= this.limits.maxConnectionsPerAddress;
  }

  closed(address: string): void {
    const state = this.addresses.get(address);
    if (state !== undefined && state.open > 0) state.open -= 1;
  }

  openFrom(address: string): number {
    return this.addresses.get(address)?.open ?? 0;
  }

  private track(address: string, nowMs: number): AddressState {
    const state: AddressState = { open: 0, bucket: new Bucket(2 * this.limits.connectsPerSecondPerAddress, nowMs) };
    this.addresses.set(address, state);
    return state;
  }

  private sweep(nowMs: number): void {
    const rate = this.limits.connectsPerSecondPerAddress;
    for (const [address, state] of this.addresses) {
      if (state.open > 0) continue;
      if (rate > 0) state.bucket.refill(nowMs, rate);
      if (rate === 0 || state.bucket.tokens >= state.bucket.burst) this.addresses.delete(address);
    }
  }
}
