/**
 * Log, then apply, then acknowledge. Each batch is encoded with the market time it is given now and
 * appended to the quote log; batches are applied strictly in the order they were appended (one Redis
 * connection answers in order), each only once its append has resolved, so the state is always the log
 * replayed: a restart that replays the log arrives at the same state.
 *
 * A batch that could not be appended changes nothing and is answered LOG_UNAVAILABLE with
 * retry_after_ms. Because an append that failed may still have reached Redis (the reply was what got
 * lost), the first failure stops applying: every batch still in flight is answered LOG_UNAVAILABLE,
 * new ones are refused, and once Redis answers again the log after the last applied entry is replayed
 * (applying exactly what Redis holds, no more, no less) before ingest resumes. Publishers resend what
 * was refused; a batch that did reach the log is then refused tick by tick as DUPLICATE_SEQ — the
 * per-publisher seq makes the resend idempotent.
 */
import type { LoggedResult, RawBatch } from '../ingest/endpoint.ts';
import type { ApplyResult } from '../ingest/gate.ts';
import { IngestReason } from '../ingest/reasons.ts';
import { applyLogged, type AggregatorCore } from './aggregator-core.ts';
import { decodeBatchRecordInto, encodeBatchRecord } from './batch-record.ts';
import type { QuoteLog } from './quote-log.ts';
import { replayLog } from './replay.ts';

export interface DurableIngestOptions {
  /** What a refused publisher is told to wait. Default 500. */
  readonly retryAfterMs?: number;
  /** Batches appended but not yet answered, past which new ones are refused (Redis is not keeping up). Default 10,000. */
  readonly maxInFlight?: number;
  readonly log?: (line: string) => void;
}

const PENDING = 0;
const LOGGED = 1;
const FAILED = 2;

interface InFlight {
  readonly publisherId: string;
  /** The ticks as objects; null: a protobuf batch, decoded again from `record` into the gate's columns when applied. */
  readonly ticks: readonly unknown[] | null;
  readonly record: Uint8Array | null;
  readonly marketTimeMs: number;
  state: number;
  id: string;
  durable: boolean;
  resolve: (r: LoggedResult) => void;
}

export class DurableIngest {
  private readonly retryAfterMs: number;
  private readonly maxInFlight: number;
  private readonly log: (line: string) => void;
  /** Batches in append order from `head` on; a slot is cleared once answered (it holds the decoded ticks). */
  private queue: (InFlight | undefined)[];
  private head: number;
  /** An append failed: nothing more is applied until the log has been read back (see above). */
  private broken: boolean;
  private recovering: boolean;
  private stopped: boolean;
  private lastApplied: string;
  private appliedCount: number;
  private refusedCount: number;

  constructor(
    private readonly core: AggregatorCore,
    private readonly quoteLog: QuoteLog,
    lastAppliedId: string,
    options: DurableIngestOptions = {},
  ) {
    this.retryAfterMs = options.retryAfterMs ?? 500;
    this.maxInFlight = options.maxInFlight ?? 10_000;
    this.log = options.log ?? ((line) => console.error(line));
    this.queue = [];
    this.head = 0;
    this.broken = false;
    this.recovering = false;
    this.stopped = false;
    this.lastApplied = lastAppliedId;
    this.appliedCount = 0;
    this.refusedCount = 0;
  }

  /** The last log entry whose batch is in the state: what a checkpoint taken now covers. */
  get lastAppliedId(): string {
    return this.lastApplied;
  }

  /** Batches logged and applied, and batches refused with LOG_UNAVAILABLE, since start. */
  get applied(): number {
    return this.appliedCount;
  }

  get refused(): number {
    return this.refusedCount;
  }

  /** True while batches are accepted: Redis up and no failed append being reconciled. */
  get accepting(): boolean {
    return !this.stopped && !this.broken && this.quoteLog.up;
  }

  /**
   * Logs the batch, applies it, and resolves with the gate's result (`logged: true`); or with
   * LOG_UNAVAILABLE and nothing applied. `raw` (the publisher's bytes) is copied before this returns.
   * `ticks` null: `raw` is a protobuf batch the endpoint has decoded and checked; it is kept as its log
   * record (bytes, not a thousand objects) and decoded into the gate's columns when its turn comes.
   */
  submit(publisherId: string, ticks: readonly unknown[] | null, raw: RawBatch | null = null): Promise<LoggedResult> {
    if (this.stopped) return Promise.resolve(this.unavailable('this aggregator is not accepting ingest (not active)'));
    if (this.broken || !this.quoteLog.up) return Promise.resolve(this.unavailable('the quote log (Redis) is unavailable'));
    if (this.queue.length - this.head >= this.maxInFlight) {
      return Promise.resolve(this.unavailable(`${this.maxInFlight} batches are waiting for the quote log (Redis is not keeping up)`));
    }
    const marketTimeMs = this.core.clock.live();
    if (ticks === null && (raw === null || raw.format !== 'proto' || typeof raw.bytes === 'string')) {
      throw new TypeError('DurableIngest.submit: ticks may be null only with a protobuf raw batch');
    }
    const record = encodeBatchRecord(publisherId, marketTimeMs, ticks ?? [], raw);
    let resolve!: (r: LoggedResult) => void;
    const answered = new Promise<LoggedResult>((r) => (resolve = r));
    const entry: InFlight = { publisherId, ticks, record: ticks === null ? record : null, marketTimeMs, state: PENDING, id: '', durable: false, resolve };
    this.queue.push(entry);
    this.quoteLog.append(record).then(
      (appended) => {
        entry.id = appended.id;
        entry.durable = appended.durable;
        entry.state = LOGGED;
        this.drain();
      },
      () => {
        entry.state = FAILED;
        this.drain();
      },
    );
    return answered;
  }

  /** No more batches are taken (a standby losing its lease; close). Batches in flight are still answered. */
  stop(): void {
    this.stopped = true;
  }

  private drain(): void {
    const queue = this.queue;
    while (this.head < queue.length) {
      const e = queue[this.head]!;
      if (e.state === PENDING) break;
      // Drop the reference now: an answered batch kept until the next compaction kept its ticks too
      // (1,024 batches of 1,000 decoded ticks: ~100 MB promoted to the old space, and full GC pauses
      // of ~0.2 s that stalled every ack behind them).
      queue[this.head++] = undefined;
      if (e.state === LOGGED && !this.broken) {
        const ticks = e.ticks ?? decodeBatchRecordInto(e.record!, this.core.gate.input).ticks;
        const result = applyLogged(this.core, e.publisherId, ticks, e.marketTimeMs);
        this.lastApplied = e.id;
        this.appliedCount++;
        if (e.durable) e.resolve({ result, logged: true });
        else {
          e.resolve(this.unavailable(`the batch is in the log but its --ack-durability ${this.quoteLog.durability} was not confirmed in time`));
        }
        continue;
      }
      if (!this.broken) {
        this.broken = true;
        this.log('quote log: an append failed; refusing ingest (LOG_UNAVAILABLE) until Redis answers and the log is read back');
      }
      e.resolve(this.unavailable('the quote log (Redis) is unavailable'));
    }
    if (this.head > 1024 && this.head * 2 > queue.length) {
      this.queue = queue.slice(this.head);
      this.head = 0;
    }
    if (this.broken && !this.recovering && this.head === this.queue.length) void this.recover();
  }

  /** Applies what the log holds after the last applied entry (appends whose replies were lost), then accepts again. */
  private async recover(): Promise<void> {
    this.recovering = true;
    for (let attempt = 0; ; attempt++) {
      if (this.quoteLog.up) {
        try {
          const before = this.lastApplied;
          const replay = await replayLog(this.core, this.quoteLog, before, this.log, (id) => (this.lastApplied = id));
          this.lastApplied = replay.lastId;
          this.appliedCount += replay.batches;
          this.log(`quote log: Redis answers again; ${replay.batches} logged batch(es) after ${before} applied from the log; ingest resumed`);
          break;
        } catch {
          // Still down or not answering: try again.
        }
      }
      await new Promise((r) => setTimeout(r, Math.min(1000, 100 * (attempt + 1))));
    }
    this.broken = false;
    this.recovering = false;
  }

  private unavailable(message: string): LoggedResult {
    this.refusedCount++;
    const result: ApplyResult = { accepted: 0, rejected: [], error: { code: IngestReason.LOG_UNAVAILABLE, message } };
    this.core.gate.recordBatchError(IngestReason.LOG_UNAVAILABLE);
    return { result, logged: false, retryAfterMs: this.retryAfterMs };
  }
}

/** A LOG_UNAVAILABLE answer from outside the ingest path (the aggregator is still restoring, or not active). */
export function refusedBatch(message: string, retryAfterMs = 500): LoggedResult {
  return { result: { accepted: 0, rejected: [], error: { code: IngestReason.LOG_UNAVAILABLE, message } }, logged: false, retryAfterMs };
}
