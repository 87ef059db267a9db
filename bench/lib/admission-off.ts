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
