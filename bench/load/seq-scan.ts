/**
 * Reading the seq number of every message a counting subscriber receives, without decoding it and
 * without allocating: byte-at-a-time scanners that keep their whole state in number fields of the
 * connection, so a message cut anywhere by TCP reads the same. Two encodings:
 *
 * - protobuf (hashcap, and the NATS payload): a ServerMessage whose first field is a Delta (tag 0x22)
 *   or Snapshot (0x1a); inside it fields 1–3 (channel, conflate_ms, epoch) are skipped and field 4,
 *   seq, is read as a varint. Nothing after seq is looked at.
 * - JSON (naive ws, Socket.IO): the first `"seq":` followed by digits (the peers' payload puts seq
 *   before any user text, see bench/peers/payload.ts).
 *
 * A scan is restarted with `seqReset` at the first byte of each message and read with `seqDone`
 * when the message ends.
 */

/** The scan state a connection carries (numbers only). */
export interface SeqScanState {
  seqState: number;
  seqVal: number;
  seqMul: number;
  seqSkip: number;
}

// protobuf states
const P_OUTER_TAG = 0;
const P_OUTER_LEN = 1;
const P_TAG = 2;
const P_SKIP_VARINT = 3;
const P_LEN = 4;
const P_SKIP_BYTES = 5;
const P_SKIP_FIXED = 6;
const P_SEQ = 7;
/** Shared by both encodings: a seq was read (seqVal), or the message cannot hold one. */
export const SEQ_DONE = 100;
export const SEQ_NONE = 101;

const TAG_SNAPSHOT = 0x1a;
const TAG_DELTA = 0x22;
const SEQ_TAG = 0x20; // field 4, varint

export function seqReset(c: SeqScanState): void {
  c.seqState = 0;
  c.seqVal = 0;
  c.seqMul = 1;
  c.seqSkip = 0;
}

/** The seq read from the message just ended, or -1 when it had none. */
export function seqDone(c: SeqScanState): number {
  return c.seqState === SEQ_DONE ? c.seqVal : -1;
}

/** Scans `buf[start, end)` of a protobuf ServerMessage (continuing where the last call stopped). */
export function scanProtoSeq(c: SeqScanState, buf: Uint8Array, start: number, end: number): void {
  let i = start;
  let state = c.seqState;
  while (i < end && state < SEQ_DONE) {
    const b = buf[i++]!;
    switch (state) {
      case P_OUTER_TAG:
        state = b === TAG_DELTA || b === TAG_SNAPSHOT ? P_OUTER_LEN : SEQ_NONE;
        break;
      case P_OUTER_LEN:
        if ((b & 0x80) === 0) state = P_TAG;
        break;
      case P_TAG: {
        if (b === SEQ_TAG) {
          state = P_SEQ;
          c.seqVal = 0;
          c.seqMul = 1;
          break;
        }
        // Only fields 1–3 come before seq; each is one-byte tagged.
        const wire = b & 7;
        if (b >> 3 > 4 || (b & 0x80) !== 0) state = SEQ_NONE;
        else if (wire === 0) state = P_SKIP_VARINT;
        else if (wire === 2) {
          state = P_LEN;
          c.seqSkip = 0;
          c.seqMul = 1;
        } else if (wire === 1 || wire === 5) {
          state = P_SKIP_FIXED;
          c.seqSkip = wire === 1 ? 8 : 4;
        } else state = SEQ_NONE;
        break;
      }
      case P_SKIP_VARINT:
        if ((b & 0x80) === 0) state = P_TAG;
        break;
      case P_LEN:
        c.seqSkip += (b & 0x7f) * c.seqMul;
        c.seqMul *= 128;
        if ((b & 0x80) === 0) state = c.seqSkip === 0 ? P_TAG : P_SKIP_BYTES;
        break;
      case P_SKIP_BYTES:
      case P_SKIP_FIXED: {
        // This byte is skipped, and as many of the following as the field still has.
        const more = Math.min(c.seqSkip - 1, end - i);
        i += more;
        c.seqSkip -= more + 1;
        if (c.seqSkip === 0) state = P_TAG;
        break;
      }
      case P_SEQ:
        c.seqVal += (b & 0x7f) * c.seqMul;
        c.seqMul *= 128;
        if ((b & 0x80) === 0) state = SEQ_DONE;
        break;
    }
  }
  c.seqState = state;
}

/** `"seq":` as bytes; state 0..5 = how much of it matched, 6 = reading digits. */
const SEQ_KEY = [0x22, 0x73, 0x65, 0x71, 0x22, 0x3a];
const J_DIGITS = SEQ_KEY.length;

/** Scans `buf[start, end)` of a JSON text for the first `"seq":<digits>`. */
export function scanJsonSeq(c: SeqScanState, buf: Uint8Array, start: number, end: number): void {
  let state = c.seqState;
  for (let i = start; i < end && state < SEQ_DONE; i++) {
    const b = buf[i]!;
    if (state === J_DIGITS) {
      if (b >= 0x30 && b <= 0x39) {
        c.seqVal = c.seqVal * 10 + (b - 0x30);
        c.seqSkip = 1;
      } else state = c.seqSkip === 1 ? SEQ_DONE : SEQ_NONE;
    } else if (b === SEQ_KEY[state]) {
      state++;
      if (state === J_DIGITS) {
        c.seqVal = 0;
        c.seqSkip = 0;
      }
    } else state = b === SEQ_KEY[0] ? 1 : 0;
  }
  c.seqState = state;
}

/**
 * Contiguity over one subscription: the first snapshot (or, for the peers, nothing: their seq starts
 * at 1) sets where deltas start; each delta must be the last seq + 1. Exact counts of what is missing
 * (`gaps`), repeated or out of order (`duplicates`), and messages whose seq could not be read.
 */
export class SeqTracker {
  last = 0;
  /** Seq of the snapshot the subscription started from (0 for the peers). */
  base = 0;
  gaps = 0;
  duplicates = 0;
  unreadable = 0;
  private started = false;

  constructor(startsAtZero: boolean) {
    this.started = startsAtZero;
  }

  /** `seq` -1 (not found) is a snapshot of seq 0: protobuf leaves a zero field out. */
  snapshot(seq: number): void {
    if (seq < 0) seq = 0;
    if (!this.started) {
      this.started = true;
      this.base = seq;
      this.last = seq;
      return;
    }
    // A later snapshot (resync, keyframe): deltas it replaces were not delivered as deltas.
    if (seq > this.last) {
      this.gaps += seq - this.last;
      this.last = seq;
    }
  }

  delta(seq: number): void {
    if (seq < 0) {
      this.unreadable++;
      return;
    }
    if (seq === this.last + 1) this.last = seq;
    else if (seq > this.last + 1) {
      this.gaps += seq - this.last - 1;
      this.last = seq;
    } else this.duplicates++;
  }

  reset(startsAtZero: boolean): void {
    this.last = 0;
    this.base = 0;
    this.gaps = 0;
    this.duplicates = 0;
    this.unreadable = 0;
    this.started = startsAtZero;
  }
}
