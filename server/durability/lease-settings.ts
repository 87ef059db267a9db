/**
 * The lease's defaults, in a module that imports nothing: server/config.ts reads them, and config must not
 * pull Redis clients into what imports it.
 */

/**
 * Takeover after kill -9 ≤ TTL + one renew interval (the key lapses, the standby's next try takes it) +
 * the restore (checkpoint + log replay: 0.3–1.6 s measured on a loaded 2-core box): under 5 s.
 */
export const DEFAULT_LEASE_TTL_MS = 2000;
/** A renew every 400 ms tolerates a 1.6 s stall of the active (GC, a busy host) without a takeover. */
export const DEFAULT_LEASE_RENEW_MS = 400;
