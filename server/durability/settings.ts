/**
 * The durability settings' values and defaults, apart from the code that uses them: config.ts reads
 * them, and must not pull Redis (or Node) into whatever imports the config.
 */

/** What an ingest acknowledgement waits for (server/durability/quote-log.ts says what each guarantees). */
export type AckDurability = 'logged' | 'fsync' | 'replicated';
export const ACK_DURABILITIES: readonly AckDurability[] = ['logged', 'fsync', 'replicated'];

/**
 * A full trading day (04:00–20:00 ET, 16 h) of the simulator's default batches (one every 50 ms:
 * 1,152,000), with room to spare.
 */
export const DEFAULT_QUOTE_LOG_MAX_ENTRIES = 1_200_000;

export const DEFAULT_CHECKPOINT_INTERVAL_MS = 10_000;
