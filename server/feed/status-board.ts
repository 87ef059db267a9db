/**
 * What the `status` channel carries: the market session, halted and stale symbols, milestone
 * crossings, server notices, and ingest rejections by reason. Each setter records the change so the
 * feed can publish exactly what moved.
 *
 * Everything here has a bound by count, also between two drains: flags one per symbol, rejections one
 * per reason, milestones and notices the last `maxRecent` (what a client merging deltas keeps too).
 */
import type { hashcap } from '../../proto/wire.ts';
import type { Session } from '../market/session-types.ts';

type IStatusState = hashcap.v1.IStatusState;
type IMilestoneCrossing = hashcap.v1.IMilestoneCrossing;
type INotice = hashcap.v1.INotice;

export class StatusBoard {
  readonly maxRecent: number;
  private session: Session | null;
  private nextChangeMs: number;
  private nextSession: Session | null;
  private readonly flags: Map<string, { halted: boolean; stale: boolean }>;
  private readonly rejects: Map<number, { name: string; count: number }>;
  private readonly milestones: IMilestoneCrossing[];
  private readonly notices: INotice[];
  private pending: IStatusState | null;

  constructor(maxRecent = 20) {
    this.maxRecent = maxRecent;
    this.session = null;
    this.nextChangeMs = 0;
    this.nextSession = null;
    this.flags = new Map();
    this.rejects = new Map();
    this.milestones = [];
    this.notices = [];
    this.pending = null;
  }

  setSession(session: Session, nextChangeMs: number, nextSession: Session): void {
    if (session === this.session && nextChangeMs === this.nextChangeMs && nextSession === this.nextSession) return;
    this.session = session;
    this.nextChangeMs = nextChangeMs;
    this.nextSession = nextSession;
    Object.assign(this.change(), { session, nextSessionChangeMs: nextChangeMs, nextSession });
  }

  setFlags(symbol: string, halted: boolean, stale: boolean): void {
    const prev = this.flags.get(symbol);
    if (prev && prev.halted === halted && prev.stale === stale) return;
    if (!prev && !halted && !stale) return;
    // Kept with false flags once cleared: that is what a client merging the delta ends up with.
    this.flags.set(symbol, { halted, stale });
    replaceOrAppend((this.change().symbols ??= []), { symbol, halted, stale }, (x) => x.symbol === symbol);
  }

  setRejectCount(reason: number, name: string, count: number): void {
    const prev = this.rejects.get(reason);
    if (prev && prev.count === count) return;
    this.rejects.set(reason, { name, count });
    replaceOrAppend((this.change().rejects ??= []), { reason, name, count }, (x) => x.reason === reason);
  }

  addMilestone(crossing: IMilestoneCrossing): void {
    pushRecent(this.milestones, crossing, this.maxRecent);
    pushRecent((this.change().milestones ??= []), crossing, this.maxRecent);
  }

  addNotice(notice: INotice): void {
    pushRecent(this.notices, notice, this.maxRecent);
    pushRecent((this.change().notices ??= []), notice, this.maxRecent);
  }

  /** Sizes of what the board keeps, for the bound tests and the soak bench. */
  sizes(): { symbols: number; rejects: number; milestones: number; notices: number } {
    return { symbols: this.flags.size, rejects: this.rejects.size, milestones: this.milestones.length, notices: this.notices.length };
  }

  full(): IStatusState {
    const state: IStatusState = {
      symbols: [...this.flags].map(([symbol, f]) => ({ symbol, ...f })),
      milestones: this.milestones.map((m) => ({ ...m })),
      notices: this.notices.map((n) => ({ ...n })),
      rejects: [...this.rejects].map(([reason, r]) => ({ reason, name: r.name, count: r.count })),
      maxRecent: this.maxRecent,
    };
    if (this.session !== null) state.session = this.session;
    if (this.nextSession !== null) {
      state.nextSession = this.nextSession;
      state.nextSessionChangeMs = this.nextChangeMs;
    }
    return state;
  }

  drainChanges(): IStatusState | null {
    const out = this.pending;
    this.pending = null;
    return out;
  }

  private change(): IStatusState {
    return (this.pending ??= {});
  }
}

/** Appends, dropping the oldest beyond `max`: the list never holds more than `max`. */
function pushRecent<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
}

/** A second change of the same key before a drain replaces the first: the pending list stays one per key. */
function replaceOrAppend<T>(list: T[], item: T, same: (x: T) => boolean): void {
  const at = list.findIndex(same);
  if (at >= 0) list[at] = item;
  else list.push(item);
}
