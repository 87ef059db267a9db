/**
 * The adapter's queue toward hashcap: ticks wait in `pending` until a batch is sent, then in the
 * in-flight window (at most `maxInflight` batches awaiting their IngestReply). Beyond `maxPending`
 * waiting ticks the oldest are dropped (counted, reported once per run of drops). When the connection
 * drops, the unacknowledged batches go back to the front, in the order they were sent, to be sent
 * again after reconnecting (the gate refuses a repeat as DUPLICATE_SEQ: harmless).
 */
import type { Tick } from '../../tick/tick.ts';
import type { RunnerEvent, RunnerStats } from './runner-stats.ts';

interface Inflight {
  readonly ticks: Tick[];
  readonly sentAtMs: number;
}

/**
 * Sends one batch: 'sent'; 'blocked' when the socket would not take it (the batch goes back to the
 * queue and sending stops); 'dropped' when it cannot be sent at all (the caller has reported why).
 */
export type SendBatch = (batchId: number, ticks: Tick[]) => 'sent' | 'blocked' | 'dropped';

export class PublishQueue {
  private pending: Tick[];
  private readonly inflight: Map<number, Inflight>;
  private batchId: number;
  private dropping: boolean;

  constructor(
    private readonly maxBatchTicks: number,
    private readonly maxInflight: number,
    private readonly maxPending: number,
    private readonly counters: RunnerStats['hashcap'],
    private readonly emit: (event: RunnerEvent) => void,
  ) {
    this.pending = [];
    this.inflight = new Map();
    this.batchId = 0;
    this.dropping = false;
  }

  /** Ticks waiting to be sent. */
  get pendingTicks(): number {
    return this.pending.length;
  }

  /** Ticks sent and not yet acknowledged. */
  get inflightTicks(): number {
    let n = 0;
    for (const b of this.inflight.values()) n += b.ticks.length;
    return n;
  }

  get idle(): boolean {
    return this.pending.length === 0 && this.inflight.size === 0;
  }

  /** Queues ticks; true when a full batch is waiting (send it now rather than at the next interval). */
  enqueue(ticks: readonly Tick[]): boolean {
    for (const t of ticks) this.pending.push(t);
    const excess = this.pending.length - this.maxPending;
    if (excess > 0) {
      this.pending.splice(0, excess);
      this.counters.dropped += excess;
      if (!this.dropping) {
        this.dropping = true;
        this.emit({ side: 'hashcap', type: 'dropped', count: this.counters.dropped, pending: this.pending.length });
      }
    }
    return this.pending.length >= this.maxBatchTicks;
  }

  /** While `connected`, sends batches as long as ticks wait and the window has room. */
  flush(connected: boolean, send: SendBatch): void {
    while (connected && this.pending.length > 0 && this.inflight.size < this.maxInflight) {
      const ticks = this.pending.splice(0, this.maxBatchTicks);
      const batchId = ++this.batchId;
      const outcome = send(batchId, ticks);
      if (outcome === 'dropped') continue;
      if (outcome === 'blocked') {
        this.pending.unshift(...ticks);
        return;
      }
      this.inflight.set(batchId, { ticks, sentAtMs: Date.now() });
      this.counters.batchesSent++;
      this.counters.ticksSent += ticks.length;
    }
    if (this.pending.length === 0) this.dropping = false;
  }

  /** The reply for `batchId` arrived: it leaves the window. False for a batch not in flight. */
  acknowledge(batchId: number): boolean {
    if (!this.inflight.delete(batchId)) return false;
    this.counters.batchesAcked++;
    return true;
  }

  /** When the oldest batch in flight was sent, or null. */
  oldestSentAtMs(): number | null {
    for (const b of this.inflight.values()) return b.sentAtMs;
    return null;
  }

  /** The connection dropped: unacknowledged batches go back to the front, in the order they were sent. */
  requeueInflight(): void {
    if (this.inflight.size === 0) return;
    const again: Tick[] = [];
    for (const b of this.inflight.values()) for (const t of b.ticks) again.push(t);
    this.inflight.clear();
    this.counters.resent += again.length;
    this.pending = again.concat(this.pending);
  }
}
