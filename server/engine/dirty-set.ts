/**
 * Which slots changed since the frame builder last looked. A flag array makes `mark` O(1) and
 * idempotent; the list keeps insertion order so a drain visits each changed slot once.
 */
export class DirtySet {
  private flags: Uint8Array;
  private list: Int32Array;
  private count: number;

  constructor(capacity: number) {
    this.flags = new Uint8Array(capacity);
    this.list = new Int32Array(capacity);
    this.count = 0;
  }

  mark(slot: number): void {
    if (this.flags[slot] === 0) {
      this.flags[slot] = 1;
      this.list[this.count++] = slot;
    }
  }

  get size(): number {
    return this.count;
  }

  has(slot: number): boolean {
    return this.flags[slot] === 1;
  }

  /** Copies the changed slots into `out` (which must hold `size` entries), clears the set, returns the count. */
  drainInto(out: Int32Array): number {
    const n = this.count;
    for (let k = 0; k < n; k++) {
      const slot = this.list[k]!;
      out[k] = slot;
      this.flags[slot] = 0;
    }
    this.count = 0;
    return n;
  }

  /** Convenience for callers off the hot path. */
  drain(): number[] {
    const out = new Int32Array(this.count);
    const n = this.drainInto(out);
    return Array.from(out.subarray(0, n));
  }

  grow(capacity: number): void {
    if (capacity <= this.flags.length) return;
    const flags = new Uint8Array(capacity);
    flags.set(this.flags);
    const list = new Int32Array(capacity);
    list.set(this.list);
    this.flags = flags;
    this.list = list;
  }
}
