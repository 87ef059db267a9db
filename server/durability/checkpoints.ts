/**
 * Where checkpoints live (Redis, beside the log) and the timer that writes them.
 *
 * Each checkpoint is its own key; a list names them newest first and keeps the last `keep`. Writing one
 * is a MULTI (the key, the list, and the key that falls off the list deleted): a reader sees the new
 * checkpoint completely or not at all. Several are kept because a checkpoint can still be damaged
 * after it was written (a torn copy, a bad disk under Redis): the restore then takes the one before it
 * and replays more of the log.
 */
import type { Cluster, Redis } from 'ioredis';
import type { AggregatorCore } from './aggregator-core.ts';
import { checkpointOf } from './aggregator-core.ts';
import { DEFAULT_CHECKPOINT_INTERVAL_MS } from './settings.ts';

export const DEFAULT_CHECKPOINTS_KEPT = 3;

export class CheckpointStore {
  readonly listKey: string;

  constructor(
    private readonly redis: Redis | Cluster,
    private readonly keyPrefix: string,
    private readonly keep: number = DEFAULT_CHECKPOINTS_KEPT,
  ) {
    this.listKey = `${keyPrefix}:checkpoints`;
  }

  /** Stores a checkpoint as the newest; returns its key. */
  async save(bytes: Buffer, streamId: string): Promise<string> {
    const key = `${this.keyPrefix}:checkpoint:${Date.now()}-${streamId}`;
    const falling = await this.redis.lrange(this.listKey, this.keep - 1, -1);
    const multi = this.redis.multi().set(key, bytes).lpush(this.listKey, key).ltrim(this.listKey, 0, this.keep - 1);
    for (const old of falling) if (old !== key) multi.del(old);
    const replies = await multi.exec();
    const failed = replies?.find(([error]) => error !== null);
    if (replies === null || failed !== undefined) throw failed?.[0] ?? new Error('checkpoint MULTI was discarded');
    return key;
  }

  /** Stored checkpoints, newest first (bytes null when the key is gone). */
  async list(): Promise<{ key: string; bytes: Buffer | null }[]> {
    const keys = await this.redis.lrange(this.listKey, 0, -1);
    const out: { key: string; bytes: Buffer | null }[] = [];
    for (const key of keys) out.push({ key, bytes: await this.redis.getBuffer(key) });
    return out;
  }
}

/** What a checkpoint covers: the last log entry applied. */
export interface AppliedPosition {
  readonly lastAppliedId: string;
}

export interface CheckpointWriterOptions {
  readonly intervalMs?: number;
  readonly log?: (line: string) => void;
}

/** Writes a checkpoint every interval while started (the active aggregator); a standby keeps it stopped. */
export class CheckpointWriter {
  readonly intervalMs: number;
  private readonly log: (line: string) => void;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<string | null> | null = null;
  private lastWrittenId: string | null = null;
  private lastError = '';
  private written = 0;

  constructor(
    private readonly core: AggregatorCore,
    private readonly store: CheckpointStore,
    private readonly position: AppliedPosition,
    options: CheckpointWriterOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS;
    this.log = options.log ?? ((line) => console.error(line));
  }

  get running(): boolean {
    return this.timer !== null;
  }

  /** Checkpoints written since start. */
  get count(): number {
    return this.written;
  }

  start(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => void this.writeNow(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer; a write in progress finishes (await `stopped()` to wait for it). */
  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  async stopped(): Promise<void> {
    this.stop();
    await this.writing;
  }

  /** Writes one now unless nothing was applied since the last (returns the key, or null). */
  writeNow(): Promise<string | null> {
    if (this.writing !== null) return this.writing;
    const streamId = this.position.lastAppliedId;
    if (streamId === this.lastWrittenId) return Promise.resolve(null);
    // Captured synchronously: the state and the position it covers belong to the same instant.
    const bytes = checkpointOf(this.core, streamId);
    this.writing = this.store.save(bytes, streamId).then(
      (key) => {
        this.lastWrittenId = streamId;
        this.written++;
        this.lastError = '';
        return key;
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (message !== this.lastError) this.log(`checkpoint: writing failed (${message}); the log keeps everything, the next interval tries again`);
        this.lastError = message;
        return null;
      },
    );
    const done = this.writing;
    void done.finally(() => {
      if (this.writing === done) this.writing = null;
    });
    return done;
  }
}
