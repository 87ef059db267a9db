/**
 * What the `status` channel carries: the market session, halted and stale symbols, milestone
 * crossings, server notices, and ingest rejections by reason. Each setter records the change so the
 * feed can publish exactly what moved.
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
  private milestones: IMilestoneCrossing[];
  private notices: INotice[];
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
    (this.change().symbols ??= []).push({ symbol, halted, stale });
  }

  setRejectCount(reason: number, name: string, count: number): void {
    const prev = this.rejects.get(reason);
    if (prev && prev.count === count) return;
    this.rejects.set(reason, { name, count });
    (this.change().rejects ??= []).push({ reason, name, count });
  }

  addMilestone(crossing: IMilestoneCrossing): void {
    this.milestones = [...this.milestones, crossing].slice(-this.maxRecent);
    (this.change().milestones ??= []).push(crossing);
  }

  addNotice(notice: INotice): void {
    this.notices = [...this.notices, notice].slice(-this.maxRecent);
    (this.change().notices ??= []).push(notice);
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
