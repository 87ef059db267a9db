import { describe, expect, it } from 'vitest';
import { AddressLimiter } from '../../server/limits/address-limiter.ts';
import { PublisherRateLimiter } from '../../server/limits/publisher-rate.ts';

describe('AddressLimiter', () => {
  it('admits a burst of twice the per-address rate, then refuses with the wait for the next token', () => {
    const l = new AddressLimiter({ maxConnectionsPerAddress: 0, connectsPerSecondPerAddress: 10, connectsPerSecond: 0 }, 0);
    for (let i = 0; i < 20; i++) expect(l.admit('a', 0).ok).toBe(true);
    const refused = l.admit('a', 0);
    expect(refused).toMatchObject({ ok: false, limit: 'connects_per_second_per_address', retryAfterMs: 100 });
    expect(l.admit('b', 0).ok).toBe(true);
    expect(l.admit('a', 99).ok).toBe(false);
    expect(l.admit('a', 100).ok).toBe(true);
  });

  it('a refusal takes no token from the overall bucket: one noisy address cannot starve the others through it', () => {
    const l = new AddressLimiter({ maxConnectionsPerAddress: 0, connectsPerSecondPerAddress: 1, connectsPerSecond: 5 }, 0);
    expect(l.admit('noisy', 0).ok).toBe(true);
    expect(l.admit('noisy', 0).ok).toBe(true);
    for (let i = 0; i < 1000; i++) expect(l.admit('noisy', 0).ok).toBe(false);
    for (let i = 0; i < 8; i++) expect(l.admit(`quiet-${i}`, 0).ok).toBe(true);
    expect(l.admit('quiet-9', 0)).toMatchObject({ ok: false, limit: 'connects_per_second' });
  });

  it('counts open connections per address; a closed one makes room; opened() reports a race past the limit', () => {
    const l = new AddressLimiter({ maxConnectionsPerAddress: 2, connectsPerSecondPerAddress: 0, connectsPerSecond: 0 }, 0);
    expect(l.opened('a', 0)).toBe(true);
    expect(l.opened('a', 0)).toBe(true);
    expect(l.admit('a', 0)).toMatchObject({ ok: false, limit: 'connections_per_address' });
    expect(l.opened('a', 0)).toBe(false);
    l.closed('a');
    l.closed('a');
    expect(l.openFrom('a')).toBe(1);
    expect(l.admit('a', 0).ok).toBe(true);
  });

  it('forgets addresses with nothing open once their bucket is full again: a spray from many addresses stays bounded', () => {
    const l = new AddressLimiter({ maxConnectionsPerAddress: 10, connectsPerSecondPerAddress: 100, connectsPerSecond: 0 }, 0);
    let t = 0;
    for (let i = 0; i < 100_000; i++) {
      t += 1;
      l.admit(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, t);
    }
    expect(l.trackedAddresses).toBeLessThan(2_100);
  });
});

describe('PublisherRateLimiter', () => {
  it('refuses past a burst of twice the rate, per publisher, with the wait; a per-publisher rate wins over the default', () => {
    const r = new PublisherRateLimiter(2, (id) => (id === 'fast' ? 100 : undefined));
    for (let i = 0; i < 4; i++) expect(r.take('slow', 0)).toBe(0);
    expect(r.take('slow', 0)).toBe(500);
    for (let i = 0; i < 200; i++) expect(r.take('fast', 0)).toBe(0);
    expect(r.take('fast', 0)).toBe(10);
    expect(r.refused).toBe(2);
    expect(new PublisherRateLimiter(0).take('any', 0)).toBe(0);
  });

  it('takes a changed own rate at the next batch (a reloaded keys file), keeps the bucket of an unchanged one, and allows at least one batch', () => {
    let own: number | undefined = 0.1;
    const r = new PublisherRateLimiter(0, () => own);
    expect([r.take('key', 0), r.take('key', 0)]).toEqual([0, 10_000]); // below one per second: a burst of one
    own = 0.1;
    expect(r.take('key', 1)).toBeGreaterThan(0); // same rate: same bucket, no fresh burst
    own = 1;
    expect([r.take('key', 2), r.take('key', 2), r.take('key', 2)]).toEqual([0, 0, 1000]);
    own = undefined; // the key lost its rate= (or the key is gone): the default, here unlimited
    expect(r.take('key', 3)).toBe(0);
    expect(r.rateOf('key')).toBe(0);
  });
});
