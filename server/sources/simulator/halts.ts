/**
 * Trading halts: a Poisson process in regular-session time (`haltRate` per symbol per hour), each
 * halt a limit-up/limit-down pause (5 min) or, one time in five, news pending (10–30 min), cut at the
 * close. A halted symbol prints nothing until it resumes. The process draws from its own random
 * stream, so halts do not change the tape of the symbols they do not touch.
 *
 * The simulator reports halts and resumes as events (with a reason and the planned resume, for its own
 * statistics); publishers send them as TICK_HALT / TICK_RESUME ticks, built here by the tick module, so
 * the live loop merges them into the batch it publishes (`withHalts`).
 */
import { Session } from '../../market/session-types.ts';
import { haltTick, resumeTick, type Tick } from '../../tick/tick.ts';
import type { SimEvent } from './options.ts';
import type { Prng } from './prng.ts';
import { MIN_REMAINING, WALK_HORIZON_MS, type SessionSchedule } from './schedule.ts';

const MS_PER_HOUR = 3_600_000;

export class HaltProcess {
  /** 1 while symbol i is halted. */
  readonly halted: Uint8Array;
  /** The next halt, or a checkpoint of its walk (`nextIsHalt` false); Infinity when halts are off. */
  nextHaltMs: number;
  /** The earliest scheduled resume; Infinity when nothing is halted. */
  nextResumeMs: number;
  halts: number;
  resumes: number;
  private readonly symbols: readonly string[];
  private readonly resumeAt: Float64Array;
  private readonly rng: Prng;
  private readonly schedule: SessionSchedule;
  private readonly perMs: number;
  private readonly report: (event: SimEvent) => void;
  private nextIsHalt: boolean;
  private remaining: number;
  private regularCloseMs: number;

  constructor(
    symbols: readonly string[],
    haltRatePerHour: number,
    rng: Prng,
    schedule: SessionSchedule,
    startTimeMs: number,
    report: (event: SimEvent) => void,
  ) {
    const n = symbols.length;
    this.symbols = symbols;
    this.halted = new Uint8Array(n);
    this.resumeAt = new Float64Array(n).fill(Infinity);
    this.rng = rng;
    this.schedule = schedule;
    this.perMs = (haltRatePerHour * n) / MS_PER_HOUR;
    this.report = report;
    this.nextHaltMs = Infinity;
    this.nextIsHalt = false;
    this.remaining = 0;
    this.regularCloseMs = 0;
    this.nextResumeMs = Infinity;
    this.halts = 0;
    this.resumes = 0;
    this.walk(startTimeMs, rng.exponential());
  }

  /** The halt (or checkpoint) at `nextHaltMs`: halts a symbol that is trading, then draws the next. */
  processHalt(): void {
    const t = this.nextHaltMs;
    if (!this.nextIsHalt) {
      this.walk(t, this.remaining);
      return;
    }
    const rng = this.rng;
    const i = rng.int(this.symbols.length);
    const news = rng.next() < 0.2;
    const duration = news ? 600_000 + rng.int(1_200_001) : 300_000;
    if (this.halted[i] === 0) {
      // A halt that would run past the close ends at the close (the stock then trades after hours).
      const resume = Math.min(Math.floor(t) + duration, this.regularCloseMs);
      this.halted[i] = 1;
      this.resumeAt[i] = resume;
      if (resume < this.nextResumeMs) this.nextResumeMs = resume;
      this.halts++;
      this.report({
        type: 'halt',
        symbol: this.symbols[i]!,
        timeMs: Math.floor(t),
        resumeAtMs: resume,
        reason: news ? 'T1' : 'LUDP',
      });
    }
    this.walk(t, rng.exponential());
  }

  /** Resumes every symbol due by `t`. */
  processResumes(t: number): void {
    let next = Infinity;
    for (let i = 0; i < this.symbols.length; i++) {
      const r = this.resumeAt[i]!;
      if (r <= t) {
        this.halted[i] = 0;
        this.resumeAt[i] = Infinity;
        this.resumes++;
        this.report({ type: 'resume', symbol: this.symbols[i]!, timeMs: r });
      } else if (r < next) {
        next = r;
      }
    }
    this.nextResumeMs = next;
  }

  /** Like the tape's arrival walk, for an intensity of haltRate in the regular session only. */
  private walk(t: number, e: number): void {
    const perMs = this.perMs;
    if (!(perMs > 0)) {
      this.nextHaltMs = Infinity;
      return;
    }
    const schedule = this.schedule;
    const horizon = t + WALK_HORIZON_MS;
    for (;;) {
      schedule.locate(t);
      const end = schedule.segEnd;
      if (schedule.segSession === Session.Regular) {
        const at = t + e / perMs;
        if (at < end) {
          this.nextHaltMs = at;
          this.nextIsHalt = true;
          this.regularCloseMs = end;
          return;
        }
        e -= perMs * (end - t);
        if (e < MIN_REMAINING) e = MIN_REMAINING;
      }
      t = end;
      if (t >= horizon) {
        this.nextHaltMs = t;
        this.nextIsHalt = false;
        this.remaining = e;
        return;
      }
    }
  }
}

/** The batch with the events' halts and resumes merged in time order (stable: at equal times, after the trades). */
export function withHalts(ticks: Tick[], events: readonly SimEvent[]): Tick[] {
  const status: Tick[] = [];
  for (const e of events) {
    if (e.type === 'halt') status.push(haltTick(e.symbol, e.timeMs));
    else if (e.type === 'resume') status.push(resumeTick(e.symbol, e.timeMs));
  }
  if (status.length === 0) return ticks;
  return [...ticks, ...status].sort((a, b) => a.timeMs - b.timeMs);
}
