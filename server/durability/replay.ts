/**
 * Reads the quote log after a position and applies each batch as it was applied live: same publisher,
 * same ticks, same logged market time, through the same pipeline (the feed follows batch by batch, so
 * bars and the status board come out as in an uninterrupted run).
 */
import { HashcapError } from '../errors.ts';
import { applyLogged, type AggregatorCore } from './aggregator-core.ts';
import { decodeBatchRecordInto } from './batch-record.ts';
import type { QuoteLog } from './quote-log.ts';

export interface ReplayResult {
  /** The last entry applied (`afterId` when there was none). */
  readonly lastId: string;
  readonly batches: number;
  readonly ticks: number;
  /** Entries that could not be decoded (skipped, each with a log line). */
  readonly unreadable: number;
}

const CHUNK = 2000;

/**
 * `onApplied` hears each entry's id right after its batch is applied (synchronously): a checkpoint
 * taken between two chunks must name the position its state covers.
 */
export async function replayLog(
  core: AggregatorCore,
  quoteLog: QuoteLog,
  afterId: string,
  log: (line: string) => void = () => {},
  onApplied: (id: string) => void = () => {},
): Promise<ReplayResult> {
  let lastId = afterId;
  let batches = 0;
  let ticks = 0;
  let unreadable = 0;
  for (;;) {
    const entries = await quoteLog.read(lastId, CHUNK);
    for (const entry of entries) {
      lastId = entry.id;
      let record;
      try {
        record = decodeBatchRecordInto(entry.record, core.gate.input);
      } catch (error) {
        if (!(error instanceof HashcapError)) throw error;
        unreadable++;
        log(`quote log: entry ${entry.id} skipped: ${error.message}`);
        continue;
      }
      applyLogged(core, record.publisherId, record.ticks, record.marketTimeMs);
      onApplied(entry.id);
      batches++;
      ticks += record.count;
    }
    if (entries.length < CHUNK) return { lastId, batches, ticks, unreadable };
  }
}
