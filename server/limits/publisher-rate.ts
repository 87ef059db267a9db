/**
 * Ingest batches per second per publisher: a token bucket per publisher id (burst twice the rate), so a
 * runaway or hostile publisher cannot take the one writer's core from the others. Publishers are
 * authenticated, so the map is as large as the set of tokens, not the set of strangers.
 */
import { TokenBucket } from '../gateway/rate-limiter.ts';

export class PublisherRateLimiter {
  /** Batches refused since start (for /metrics). */
  refused = 0;
  private readonly buckets = new Map<string, TokenBucket>();

  /**
   * @param batchesPerSecond the default rate; 0 = unlimited.
   * @param rateFor a publisher's own rate where it has one (e.g. from a publisher-keys file); undefined = the default.
   */
  constructor(
    private readonly batchesPerSecond: number,
    private readonly rateFor: (publisherId: string) => number | undefined = () => undefined,
  ) {}

  /** 0 when the batch may go on; otherwise ms until the next one would be taken. */
  take(publisherId: string, nowMs: number): number {
    const rate = this.rateFor(publisherId) ?? this.batchesPerSecond;
    if (rate <= 0) return 0;
    let bucket = this.buckets.get(publisherId);
    if (bucket === undefined || bucket.perSecondRate !== rate) {
      bucket = new TokenBucket(2 * rate, rate, nowMs);
      this.buckets.set(publisherId, bucket);
    }
    const taken = bucket.take(nowMs);
    if (taken.ok) return 0;
    this.refused++;
    return taken.retryAfterMs;
  }
}
