/**
 * A topic's resume history: the last `capacity` frames in a ring, also dropped once older than a
 * maximum age. Appending never shifts an array (an Array.splice from the front moved every remaining
 * frame, 20 times a second per raw topic). Slots are added as frames arrive, up to `capacity`, so a
 * generous bound costs nothing on a quiet topic.
 */

export interface HistoryFrame {
  readonly seq: number;
  readonly sentMs: number;
}

export class HistoryRing<F extends HistoryFrame> {
  readonly capacity: number;
  private readonly slots: (F | null)[];
  /** Slot of the oldest frame. */
  private head: number;
  private count: number;

  constructor(capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`history capacity must be a positive integer, not ${capacity}`);
    this.capacity = capacity;
    this.slots = [];
    this.head = 0;
    this.count = 0;
  }

  get size(): number {
    return this.count;
  }

  /** Seq of the oldest frame kept, or -1 when empty. */
  get firstSeq(): number {
    return this.count === 0 ? -1 : this.slots[this.head]!.seq;
  }

  /** Appends; when full, the oldest frame makes room. Frames must come in seq order, one apart. */
  push(frame: F): void {
    const slots = this.slots;
    if (this.count === this.capacity) {
      slots[this.head] = frame;
      this.head = (this.head + 1) % this.capacity;
      return;
    }
    if (slots.length < this.capacity) {
      // Not wrapped yet: the frames sit in [head, head + count), which ends at or before the last slot.
      const tail = this.head + this.count;
      if (tail < slots.length) slots[tail] = frame;
      else slots.push(frame);
    } else {
      slots[(this.head + this.count) % this.capacity] = frame;
    }
    this.count++;
  }

  /** Drops frames sent before `cutoffMs` (oldest first: send times only grow). */
  dropSentBefore(cutoffMs: number): void {
    while (this.count > 0 && this.slots[this.head]!.sentMs < cutoffMs) this.dropOldest();
  }

  clear(): void {
    while (this.count > 0) this.dropOldest();
  }

  /** The frames after `seq` up to the newest, or null when the ring no longer reaches back to seq + 1. */
  after(seq: number): F[] | null {
    if (this.count === 0) return null;
    const first = this.slots[this.head]!.seq;
    if (first > seq + 1) return null;
    const skip = seq + 1 - first;
    if (skip >= this.count) return [];
    const out = new Array<F>(this.count - skip);
    const length = this.slots.length;
    for (let i = 0; i < out.length; i++) out[i] = this.slots[(this.head + skip + i) % length]!;
    return out;
  }

  private dropOldest(): void {
    this.slots[this.head] = null;
    this.count--;
    this.head = this.count === 0 ? 0 : (this.head + 1) % this.slots.length;
  }
}
