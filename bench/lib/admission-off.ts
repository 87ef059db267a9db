/**
 * Load benches open thousands of connections from a handful of loopback addresses, far past the
 * per-address and per-second admission limits a real deployment wants (server/limits/): the servers
 * they start switch those off, so what they measure is the server, not its doorman. The storm bench
 * (bench/storm) is the one that measures the limits themselves.
 */
export const ADMISSION_LIMITS_OFF: readonly string[] = [
  '--max-connections-per-address',
  '0',
  '--connects-per-second-per-address',
  '0',
  '--connects-per-second',
  '0',
];

/**
 * The per-publisher batch rate (--ingest-batches-per-second, default 1,000/s, burst 2,000): a bench
 * publisher that drives one server as fast as it can is not the publisher that limit is for. Without
 * this, batches past the limit were answered 3111 and counted as ingested (the socket bench's
 * "batches/s" was mostly refusals; the fan-out sweep's real path would stop at 1,000 batches/s).
 * Aggregator and single-process roles only (a gateway has no ingest).
 */
export const INGEST_RATE_LIMIT_OFF: readonly string[] = ['--ingest-batches-per-second', '0'];
