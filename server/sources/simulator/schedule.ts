/**
 * The simulator's clock of activity: which session an instant is in, how busy the tape is relative to
 * the middle of the regular session, and how fast the trading-time variance clock runs. The day is cut
 * into segments on which both are constant, so the simulator can draw Poisson arrival times exactly by
 * walking segments (time-change method) instead of stepping a fixed grid.
 *
 * Boundaries come from sessions.ts (`dayInfo`), so holidays, half days and daylight saving match the
 * calendar the rest of the server uses. All segment boundaries are whole milliseconds, so an event at a
 * fractional time t reports the session of floor(t) correctly.
 */
import { dayBoundaries } from '../../market/sessions.ts';
import { Session } from '../../market/session-types.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Activity shape of a trading day, relative to a mid-session minute (= 1). */
export interface IntensityProfile {
  /** Pre-market (04:00–09:30) tick intensity relative to the regular session. */
  readonly preMarket: number;
  /** After-hours (16:00–20:00, or 13:00–17:00 on half days) intensity relative to the regular session. */
  readonly afterHours: number;
  /** Extra intensity at 09:30:00, decaying exponentially: multiplier 1 + peak·e^(−τ/decay). */
  readonly openingBurstPeak: number;
  readonly openingBurstDecayMs: number;
  /** Extra intensity at the close, growing quadratically over the last `closingRampMs`. */
  readonly closingRampPeak: number;
  readonly closingRampMs: number;
}

export const DEFAULT_INTENSITY_PROFILE: IntensityProfile = {
  preMarket: 0.07,
  afterHours: 0.06,
  openingBurstPeak: 5,
  openingBurstDecayMs: 90 * SECOND,
  closingRampPeak: 1.5,
  closingRampMs: 15 * MINUTE,
};

/** The opening burst is modelled over this long after the open, in steps of PROFILE_STEP_MS. */
const BURST_SPAN_MS = 10 * MINUTE;
const PROFILE_STEP_MS = 10 * SECOND;

/**
 * Variance clock: stock-specific and sector moves accrue in trading time. A regular-session millisecond
 * counts 1, an extended-hours one EXTENDED_VARIANCE_WEIGHT, a closed one 0 (bitcoin alone moves then).
 */
export const EXTENDED_VARIANCE_WEIGHT = 0.15;
/** Weighted length of an ordinary trading day: 6.5 h regular + (5.5 h pre + 4 h post) × weight. */
export const TRADING_DAY_VARIANCE_MS = 6.5 * HOUR + 9.5 * HOUR * EXTENDED_VARIANCE_WEIGHT;
/** 252 trading days: annualised stock volatilities are per this much variance-clock time. */
export const TRADING_YEAR_VARIANCE_MS = 252 * TRADING_DAY_VARIANCE_MS;

/** A walk for the next event that finds none within this much simulated time stops at a checkpoint. */
export const WALK_HORIZON_MS = 7 * 86_400_000;
/** The least unit-exponential mass a walk carries across a segment boundary (rounding must not make it 0). */
export const MIN_REMAINING = 1e-12;

/**
 * Locates instants in segments. `fine` schedules split the regular session into the opening-burst and
 * closing-ramp steps (for tick arrivals); coarse ones keep it whole (for halts and the variance clock).
 * The last segment found is cached, so consecutive look-ups in one segment are two comparisons.
 */
export class SessionSchedule {
  /** Output of `locate`: the segment holding the instant. */
  segStart: number;
  segEnd: number;
  segSession: Session;
  /** Tick intensity relative to the middle of the regular session. */
  segIntensity: number;
  /** Variance-clock speed. */
  segWeight: number;

  private readonly profile: IntensityProfile;
  private readonly fine: boolean;
  private dayStartMs: number;
  private dayEndMs: number;
  private preOpenMs: number;
  private regularOpenMs: number;
  private regularCloseMs: number;
  private postCloseMs: number;

  constructor(profile: IntensityProfile, fine: boolean) {
    this.profile = profile;
    this.fine = fine;
    // NaN fails every range check, so the first look-up loads its day and segment.
    this.segStart = NaN;
    this.segEnd = NaN;
    this.segSession = Session.Closed;
    this.segIntensity = 0;
    this.segWeight = 0;
    this.dayStartMs = NaN;
    this.dayEndMs = NaN;
    this.preOpenMs = NaN;
    this.regularOpenMs = NaN;
    this.regularCloseMs = NaN;
    this.postCloseMs = NaN;
  }

  /** Sets the seg* fields to the segment containing `t` (epoch ms). */
  locate(t: number): void {
    if (t >= this.segStart && t < this.segEnd) return;
    if (!(t >= this.dayStartMs && t < this.dayEndMs)) this.loadDay(t);
    if (t < this.preOpenMs) {
      this.set(this.dayStartMs, this.preOpenMs, Session.Closed, 0, 0);
    } else if (t < this.regularOpenMs) {
      this.set(this.preOpenMs, this.regularOpenMs, Session.Pre, this.profile.preMarket, EXTENDED_VARIANCE_WEIGHT);
    } else if (t < this.regularCloseMs) {
      this.locateRegular(t);
    } else if (t < this.postCloseMs) {
      this.set(this.regularCloseMs, this.postCloseMs, Session.Post, this.profile.afterHours, EXTENDED_VARIANCE_WEIGHT);
    } else {
      this.set(this.postCloseMs, this.dayEndMs, Session.Closed, 0, 0);
    }
  }

  /** ∫ variance-clock weight over [a, b] (0 when b <= a). Walks segments; used off the hot path. */
  integrateWeight(a: number, b: number): number {
    let total = 0;
    let t = a;
    while (t < b) {
      this.locate(t);
      const end = this.segEnd < b ? this.segEnd : b;
      total += this.segWeight * (end - t);
      t = end;
    }
    return total;
  }

  private locateRegular(t: number): void {
    const open = this.regularOpenMs;
    const close = this.regularCloseMs;
    if (!this.fine) {
      this.set(open, close, Session.Regular, 1, 1);
      return;
    }
    const p = this.profile;
    const burstEnd = Math.min(open + BURST_SPAN_MS, close);
    if (t < burstEnd) {
      const k = Math.floor((t - open) / PROFILE_STEP_MS);
      const start = open + k * PROFILE_STEP_MS;
      const mid = (k + 0.5) * PROFILE_STEP_MS;
      const intensity = 1 + p.openingBurstPeak * Math.exp(-mid / p.openingBurstDecayMs);
      this.set(start, Math.min(start + PROFILE_STEP_MS, burstEnd), Session.Regular, intensity, 1);
      return;
    }
    const rampStart = Math.max(close - p.closingRampMs, burstEnd);
    if (t < rampStart) {
      this.set(burstEnd, rampStart, Session.Regular, 1, 1);
      return;
    }
    const span = close - rampStart;
    const k = Math.floor((t - rampStart) / PROFILE_STEP_MS);
    const start = rampStart + k * PROFILE_STEP_MS;
    const x = Math.min(1, ((k + 0.5) * PROFILE_STEP_MS) / span);
    this.set(start, Math.min(start + PROFILE_STEP_MS, close), Session.Regular, 1 + p.closingRampPeak * x * x, 1);
  }

  private set(start: number, end: number, session: Session, intensity: number, weight: number): void {
    this.segStart = start;
    this.segEnd = end;
    this.segSession = session;
    this.segIntensity = intensity;
    this.segWeight = weight;
  }

  /** Once per New York day per schedule: allocates, but nothing on the per-tick path does. */
  private loadDay(t: number): void {
    const b = dayBoundaries(t);
    this.dayStartMs = b.dayStartMs;
    this.dayEndMs = b.dayEndMs;
    this.preOpenMs = b.preOpenMs;
    this.regularOpenMs = b.regularOpenMs;
    this.regularCloseMs = b.regularCloseMs;
    this.postCloseMs = b.postCloseMs;
  }

}
