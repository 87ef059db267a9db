/**
 * Ingest batches per second per publisher — the one place a publisher's batch rate is enforced (3111).
 * A token bucket per publisher id, so a runaway or hostile publisher cannot take the one writer's core
 * from the others. Publishers are authenticated, so the map is as large as the set of tokens, not the
 * set of strangers.
 *
 * Which rate: the publisher's own where it has one (its key's `rate=` in a `--publishers` file), else the
 * server-wide default (`--ingest-batches-per-second`, 0 = unlimited). A key's rate replaces the default,
 * above or below it. Either way the burst is twice the rate (at least one batch). The own rate is asked
 * for at every batch, so a reloaded keys file applies to the next batch; a changed rate starts a new,
 * full bucket, an unchanged one keeps its bucket (a reload is not a free burst).
 */
import { TokenBucket } from '../gateway/rate-limiter.ts';

export class PublisherRateLimiter {
  /** Batches refused since start (for /metrics). */
  refused = 0;
  private readonly buckets = new Map<string, TokenBucket>();

  /**
   * @param batchesPerSecond the default rate; 0 = unlimited.
   * @param ownRate a publisher's own rate where it has one (e.g. from a publisher-keys file); undefined = the default.
   */
  constructor(
    private readonly batchesPerSecond: number,
    private readonly ownRate: (publisherId: string) => number | undefined = () => undefined,
  ) {}

  /** The rate in force for a publisher (batches per second); 0 = unlimited. */
  rateOf(publisherId: string): number {
    return this.ownRate(publisherId) ?? this.batchesPerSecond;
  }

  /** 0 when the batch may go on; otherwise ms until the next one would be taken. */
  take(publisherId: string, nowMs: number): number {
    const rate = this.rateOf(publisherId);
    if (rate <= 0) return 0;
    let bucket = this.buckets.get(publisherId);
    if (bucket === undefined || bucket.perSecondRate !== rate) {
      bucket = new TokenBucket(Math.max(1, 2 * rate), rate, nowMs);
      this.buckets.set(publisherId, bucket);
    }
    const taken = bucket.take(nowMs);
    if (taken.ok) return 0;
    this.refused++;
    return taken.retryAfterMs;
  }
}
