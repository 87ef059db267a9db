/**
 * `restoreAggregator`: the one entry point that turns a freshly built aggregator core into the state of
 * an uninterrupted run, and returns when it may accept ingest.
 *
 * 1. The newest checkpoint that reads back whole (checksum, format version, same baskets) is written
 *    into the core; a damaged one is skipped with a log line, and the one before it is taken instead
 *    (a longer replay). None usable: the log is replayed from its start.
 * 2. The log after the checkpoint's position is replayed through the same gate and engine, each batch
 *    at the market time it was logged with; the feed follows batch by batch (bars, milestones, flags)
 *    without building deltas (Feed.setReplaying), then sends every channel's restored state once,
 *    while its output to the bus is held.
 * 3. The output is released and every topic's base is put on the bus: gateways see the new epoch and
 *    resync their clients onto the restored state.
 * It returns the ingest path (log → apply → ack) and the checkpoint writer, started.
 *
 * For a standby (the lease): build the core at start, hold its output, and call this on becoming
 * active; on losing the lease, call `deactivate()` (stops ingest and checkpoints, holds the output).
 */
import { HashcapError, HashcapErrorCode } from '../errors.ts';
import { readCheckpoint, restoreCheckpoint, type AggregatorCore } from './aggregator-core.ts';
import { CheckpointStore, CheckpointWriter, DEFAULT_CHECKPOINTS_KEPT } from './checkpoints.ts';
import { DurableIngest } from './durable-ingest.ts';
import { compareStreamIds, QuoteLog, type QuoteLogOptions } from './quote-log.ts';
import { replayLog } from './replay.ts';

export interface RestoreOptions {
  readonly core: AggregatorCore;
  /** An open quote log, or how to open one (then the result owns it and closes it). */
  readonly quoteLog: QuoteLog | QuoteLogOptions;
  readonly log?: (line: string) => void;
  readonly checkpointIntervalMs?: number;
  readonly checkpointsKept?: number;
  readonly retryAfterMs?: number;
}

export interface RestoreReport {
  /** The checkpoint restored (its key), or null when the log was replayed from its start. */
  readonly checkpoint: string | null;
  /** Checkpoints skipped as unusable (newest first), with why. */
  readonly skipped: readonly { readonly key: string; readonly reason: string }[];
  readonly fromId: string;
  readonly lastId: string;
  readonly replayedBatches: number;
  readonly replayedTicks: number;
  readonly checkpointMs: number;
  readonly replayMs: number;
}

export interface DurableAggregator {
  readonly quoteLog: QuoteLog;
  /** Log → apply → acknowledge; hand `ingest.submit` to the endpoint. */
  readonly ingest: DurableIngest;
  /** Started by restoreAggregator; stop it when no longer active. */
  readonly checkpoints: CheckpointWriter;
  readonly report: RestoreReport;
  /** Not active any more: refuse ingest, stop checkpointing, hold the output. */
  deactivate(): Promise<void>;
  /** deactivate(), and close the quote log if this opened it. */
  close(): Promise<void>;
}

export async function restoreAggregator(options: RestoreOptions): Promise<DurableAggregator> {
  const { core } = options;
  const log = options.log ?? ((line: string) => console.error(line));
  const owned = !(options.quoteLog instanceof QuoteLog);
  const quoteLog = options.quoteLog instanceof QuoteLog ? options.quoteLog : await QuoteLog.open({ log, ...options.quoteLog });
  core.output.hold();

  const started = performance.now();
  const store = new CheckpointStore(quoteLog.redis, quoteLog.keyPrefix, options.checkpointsKept ?? DEFAULT_CHECKPOINTS_KEPT);
  const skipped: { key: string; reason: string }[] = [];
  let restoredKey: string | null = null;
  let fromId = '0';
  for (const { key, bytes } of await store.list()) {
    try {
      if (bytes === null) throw new HashcapError(HashcapErrorCode.CHECKPOINT_CORRUPT, 'the key is gone');
      const checkpoint = readCheckpoint(core, bytes);
      restoreCheckpoint(core, checkpoint);
      restoredKey = key;
      fromId = checkpoint.header.streamId;
      break;
    } catch (error) {
      if (!(error instanceof HashcapError && error.code === HashcapErrorCode.CHECKPOINT_CORRUPT)) throw error;
      skipped.push({ key, reason: error.message });
      log(`restore: checkpoint ${key} is unusable (${error.message}); falling back to the previous checkpoint and a longer replay of the log`);
    }
  }
  const checkpointMs = performance.now() - started;

  const firstId = await quoteLog.firstId();
  if (firstId !== null && fromId !== '0' && compareStreamIds(firstId, fromId) > 0) {
    log(`restore: the quote log starts at ${firstId}, after the checkpoint's ${fromId}: batches in between were trimmed and are not restored (raise --quote-log-max-entries or checkpoint more often)`);
  } else if (restoredKey === null && skipped.length > 0) {
    log('restore: no usable checkpoint; replaying the whole quote log');
  }
  const replayStarted = performance.now();
  core.feed.setReplaying(true);
  let replay;
  try {
    replay = await replayLog(core, quoteLog, fromId, log);
  } finally {
    core.feed.setReplaying(false);
  }
  core.feed.republishAll();
  const replayMs = performance.now() - replayStarted;
  const report: RestoreReport = {
    checkpoint: restoredKey,
    skipped,
    fromId,
    lastId: replay.lastId,
    replayedBatches: replay.batches,
    replayedTicks: replay.ticks,
    checkpointMs,
    replayMs,
  };
  log(
    `restore: ${restoredKey === null ? 'no checkpoint' : `checkpoint ${restoredKey}`} + ${replay.batches} logged batches (${replay.ticks} ticks) ` +
      `replayed in ${Math.round(checkpointMs + replayMs)} ms; accepting ingest (log ${quoteLog.key}, --ack-durability ${quoteLog.durability})`,
  );

  core.output.release();
  core.feed.rebaseAll();
  const ingest = new DurableIngest(core, quoteLog, replay.lastId, { log, ...(options.retryAfterMs !== undefined && { retryAfterMs: options.retryAfterMs }) });
  const checkpoints = new CheckpointWriter(core, store, ingest, { log, ...(options.checkpointIntervalMs !== undefined && { intervalMs: options.checkpointIntervalMs }) });
  checkpoints.start();
  const deactivate = async () => {
    ingest.stop();
    await checkpoints.stopped();
    core.output.hold();
  };
  return {
    quoteLog,
    ingest,
    checkpoints,
    report,
    deactivate,
    async close() {
      await deactivate();
      if (owned) await quoteLog.close();
    },
  };
}
