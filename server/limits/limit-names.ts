/**
 * The limits hashcap enforces, by the name /metrics counts their refusals under
 * (`hashcap_limit_refusals_total{limit}`), and a running total per name. One counter object per server,
 * read at scrape time: nothing on a hot path touches a metric.
 */
export const LIMIT_NAMES = [
  'connections_per_address',
  'connects_per_second_per_address',
  'connects_per_second',
  'subscriptions_per_connection',
  'client_messages_per_second',
  'message_bytes',
  'ingest_batches_per_second',
  'queued_bytes',
] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

export class LimitCounters {
  private readonly counts = new Map<LimitName, number>(LIMIT_NAMES.map((name) => [name, 0]));

  refused(limit: LimitName): void {
    this.counts.set(limit, (this.counts.get(limit) ?? 0) + 1);
  }

  get(limit: LimitName): number {
    return this.counts.get(limit) ?? 0;
  }

  /** Every limit, refused or not, so a dashboard sees the series from the start. */
  all(): ReadonlyMap<LimitName, number> {
    return this.counts;
  }
}
