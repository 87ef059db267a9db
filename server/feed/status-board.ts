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

/** hashcap.v1.FeedSource: 1 live, 2 simulated, 3 replay. */
export type FeedSourceKind = 1 | 2 | 3;
export const FEED_SOURCE = { live: 1, simulated: 2, replay: 3 } as const satisfies Record<string, FeedSourceKind>;

/** A client's market clock may be off by this much before the board sends a new anchor. */
const CLOCK_TOLERANCE_MS = 1_000;

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
  private source: FeedSourceKind;
  private speed: number;
  private clockMarketMs: number;
  private clockWallMs: number;

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
    this.source = FEED_SOURCE.live;
    this.speed = 1;
    this.clockMarketMs = 0;
    this.clockWallMs = 0;
  }

  setSource(source: FeedSourceKind, speed: number): void {
    if (source === this.source && speed === this.speed) return;
    this.source = source;
    this.speed = speed;
    this.clockWallMs = 0; // a new speed needs a new anchor
    Object.assign(this.change(), { source, speed });
  }

  /**
   * The market clock read `marketMs` at wall time `wallMs`. Recorded (and sent) only when the anchor
   * already sent, run forward at `speed`, is off by more than a second: a steady clock costs nothing.
   */
  setClock(marketMs: number, wallMs: number): void {
    if (this.clockWallMs > 0) {
      const predicted = this.clockMarketMs + (wallMs - this.clockWallMs) * this.speed;
      if (Math.abs(predicted - marketMs) <= CLOCK_TOLERANCE_MS) return;
    }
    this.clockMarketMs = marketMs;
    this.clockWallMs = wallMs;
    Object.assign(this.change(), { clockMarketMs: marketMs, clockWallMs: wallMs });
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
      source: this.source,
      speed: this.speed,
    };
    if (this.clockWallMs > 0) {
      state.clockMarketMs = this.clockMarketMs;
      state.clockWallMs = this.clockWallMs;
    }
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
