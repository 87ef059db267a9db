/**
 * US equity trading sessions in America/New_York time.
 *
 * The New York offset is computed from the US daylight-saving rule rather than looked up in the ICU
 * time-zone database: it is a few integer operations, allocation-free, and independent of the ICU data
 * Node was built with. The tests cross-check it against Intl. Holidays and half days come from
 * nyse-holidays.ts (the exchange's rules, any year) and data/calendar/closures.csv (one-off closures).
 *
 * Day numbers below are whole days since 1970-01-01 of a calendar date (UTC or New York, as named);
 * "wall" milliseconds are a New York wall-clock reading expressed as if it were UTC.
 */
import { HashcapError, HashcapErrorCode } from '../errors.ts';
import {
  SUNDAY,
  civilFromDays,
  daysFromIsoDate,
  isoFromDays,
  lastWeekdayOfMonth,
  nthWeekdayOfMonth,
  weekdayOfDay,
  yearOfDay,
} from './civil-date.ts';
import { CALENDAR_EXACT_FROM_YEAR, DayKind, MarketCalendar } from './nyse-holidays.ts';
import { defaultOneOffClosuresPath, loadOneOffClosuresFile } from './one-off-closures.ts';
import { Session } from './session-types.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** The range of a JS Date; beyond it there is no meaningful calendar date to classify. */
const MAX_EPOCH_MS = 8.64e15;

const EST_MINUTES = -300;
const EDT_MINUTES = -240;

// Session boundaries as New York wall-clock offsets from local midnight.
const PRE_OPEN = 4 * HOUR;
const REGULAR_OPEN = 9 * HOUR + 30 * MINUTE;
const REGULAR_CLOSE = 16 * HOUR;
const POST_CLOSE = 20 * HOUR;
const EARLY_REGULAR_CLOSE = 13 * HOUR;
/** On half days NYSE Arca and Nasdaq end extended hours at 17:00, not 20:00. */
const EARLY_POST_CLOSE = 17 * HOUR;

// ---------------------------------------------------------------------------------------------------
// US daylight saving: 2007 onwards second Sunday of March to first Sunday of November; 1987–2006 first
// Sunday of April to last Sunday of October. Earlier years also get the 1987 rule, which is wrong before
// 1987 but far outside anything a live feed classifies. Both switches happen at 02:00 local time.

function dstStartDay(year: number): number {
  return year >= 2007 ? nthWeekdayOfMonth(year, 3, SUNDAY, 2) : nthWeekdayOfMonth(year, 4, SUNDAY, 1);
}

function dstEndDay(year: number): number {
  return year >= 2007 ? nthWeekdayOfMonth(year, 11, SUNDAY, 1) : lastWeekdayOfMonth(year, 10, SUNDAY);
}

/**
 * New York UTC offset in minutes at an instant. Using the UTC year is safe: the switches are in
 * spring and autumn, nowhere near the few hours where UTC and New York disagree about the year.
 */
function offsetMinutesAt(epochMs: number): number {
  const year = yearOfDay(Math.floor(epochMs / DAY));
  const start = dstStartDay(year) * DAY + 7 * HOUR; // 02:00 EST
  const end = dstEndDay(year) * DAY + 6 * HOUR; // 02:00 EDT
  return epochMs >= start && epochMs < end ? EDT_MINUTES : EST_MINUTES;
}

/**
 * The instant of a New York wall-clock time. Readings that do not exist (02:xx on the spring switch)
 * or occur twice (01:xx on the autumn switch) take the offset in force before the switch, as Temporal's
 * 'compatible' disambiguation does. Session boundaries and midnights never fall in either window.
 */
function wallToEpoch(nyDay: number, wallMsOfDay: number): number {
  const year = yearOfDay(nyDay);
  const wall = nyDay * DAY + wallMsOfDay;
  const dst = wall >= dstStartDay(year) * DAY + 3 * HOUR && wall < dstEndDay(year) * DAY + 2 * HOUR;
  return wall - (dst ? EDT_MINUTES : EST_MINUTES) * MINUTE;
}

// ---------------------------------------------------------------------------------------------------
// Input checks and ISO dates.

function checkEpochMs(epochMs: number): void {
  if (typeof epochMs !== 'number' || !(Math.abs(epochMs) <= MAX_EPOCH_MS)) {
    throw new HashcapError(
      HashcapErrorCode.BAD_TIME,
      `expected a finite epoch time in milliseconds within ±${MAX_EPOCH_MS}, got ${String(epochMs)}`,
    );
  }
}

function parseIsoDate(isoDate: string): number {
  const day = daysFromIsoDate(isoDate);
  if (day === undefined) {
    throw new HashcapError(HashcapErrorCode.BAD_DATE, `expected a date as 'YYYY-MM-DD', got ${JSON.stringify(isoDate)}`);
  }
  return day;
}

/**
 * Read once, at first import, so the whole API stays synchronous and a broken closures file stops the
 * server at startup (a FileFormatError naming its line) instead of misclassifying a day later.
 */
const CALENDAR = new MarketCalendar(loadOneOffClosuresFile(defaultOneOffClosuresPath()));

// ---------------------------------------------------------------------------------------------------
// Public API.

export interface NyLocalTime {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  /** 1–31. */
  readonly day: number;
  /** 0–23. */
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  /** UTC offset: -300 (EST) or -240 (EDT). */
  readonly offsetMinutes: number;
}

/** New York wall-clock reading of an instant. */
export function nyLocal(epochMs: number): NyLocalTime {
  checkEpochMs(epochMs);
  const offsetMinutes = offsetMinutesAt(epochMs);
  const wall = epochMs + offsetMinutes * MINUTE;
  const days = Math.floor(wall / DAY);
  const msOfDay = Math.floor(wall - days * DAY);
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(msOfDay / HOUR),
    minute: Math.floor(msOfDay / MINUTE) % 60,
    second: Math.floor(msOfDay / 1000) % 60,
    millisecond: msOfDay % 1000,
    weekday: weekdayOfDay(days),
    offsetMinutes,
  };
}

function nyDayOf(epochMs: number): number {
  return Math.floor((epochMs + offsetMinutesAt(epochMs) * MINUTE) / DAY);
}

/** The New York calendar date of an instant, 'YYYY-MM-DD' (weekends and holidays included). */
export function tradingDayOf(epochMs: number): string {
  checkEpochMs(epochMs);
  return isoFromDays(nyDayOf(epochMs));
}

/**
 * Whether holidays and half days of the New York date of this instant are the exchange's actual ones:
 * from 1998 on (rules plus the one-off closures file). Later years are derived by the same rules, as
 * NYSE itself publishes them (unscheduled closures are unknowable in advance); before 1998 the current
 * rules are applied and are only approximate.
 */
export function calendarCovers(epochMs: number): boolean {
  checkEpochMs(epochMs);
  return yearOfDay(nyDayOf(epochMs)) >= CALENDAR_EXACT_FROM_YEAR;
}

interface DayBase {
  /** 'YYYY-MM-DD', New York date. */
  readonly date: string;
  /** Local midnight, and the next local midnight (23 or 25 hours later on DST switch days). */
  readonly startMs: number;
  readonly endMs: number;
}

export interface TradingDayInfo extends DayBase {
  readonly isTradingDay: true;
  readonly earlyClose: boolean;
  /** Why the day closes early, present only when it does. */
  readonly earlyCloseReason?: string;
  /** Session boundaries, epoch ms. Pre runs [preOpenMs, regularOpenMs), and so on. */
  readonly preOpenMs: number;
  readonly regularOpenMs: number;
  readonly regularCloseMs: number;
  readonly postCloseMs: number;
}

export interface ClosedDayInfo extends DayBase {
  readonly isTradingDay: false;
  readonly earlyClose: false;
  /** Present on market holidays, absent on weekends. */
  readonly holidayName?: string;
}

/** Narrow on `isTradingDay`: only trading days carry session boundaries. */
export type DayInfo = TradingDayInfo | ClosedDayInfo;

function dayInfoOf(nyDay: number): DayInfo {
  const date = isoFromDays(nyDay);
  const startMs = wallToEpoch(nyDay, 0);
  const endMs = wallToEpoch(nyDay + 1, 0);
  const kind = CALENDAR.kindOf(nyDay);
  if (kind === DayKind.Weekend) {
    return { date, startMs, endMs, isTradingDay: false, earlyClose: false };
  }
  if (kind === DayKind.Holiday) {
    return { date, startMs, endMs, isTradingDay: false, earlyClose: false, holidayName: CALENDAR.nameOf(nyDay) };
  }
  const early = kind === DayKind.EarlyClose;
  const day: TradingDayInfo = {
    date,
    startMs,
    endMs,
    isTradingDay: true,
    earlyClose: early,
    preOpenMs: wallToEpoch(nyDay, PRE_OPEN),
    regularOpenMs: wallToEpoch(nyDay, REGULAR_OPEN),
    regularCloseMs: wallToEpoch(nyDay, early ? EARLY_REGULAR_CLOSE : REGULAR_CLOSE),
    postCloseMs: wallToEpoch(nyDay, early ? EARLY_POST_CLOSE : POST_CLOSE),
  };
  return early ? { ...day, earlyCloseReason: CALENDAR.nameOf(nyDay) } : day;
}

/** Sessions and boundaries of a New York date given as 'YYYY-MM-DD'. */
export function dayInfo(isoDate: string): DayInfo {
  return dayInfoOf(parseIsoDate(isoDate));
}

/**
 * Session at an instant. Works on the wall-clock time of day, independently of the epoch boundaries
 * `dayInfo` and `SessionClock` use, so the tests can check one against the other.
 */
export function sessionAt(epochMs: number): Session {
  checkEpochMs(epochMs);
  const wall = epochMs + offsetMinutesAt(epochMs) * MINUTE;
  const nyDay = Math.floor(wall / DAY);
  const kind = CALENDAR.kindOf(nyDay);
  if (kind === DayKind.Holiday || kind === DayKind.Weekend) return Session.Closed;
  const early = kind === DayKind.EarlyClose;
  const msOfDay = wall - nyDay * DAY;
  if (msOfDay < PRE_OPEN) return Session.Closed;
  if (msOfDay < REGULAR_OPEN) return Session.Pre;
  if (msOfDay < (early ? EARLY_REGULAR_CLOSE : REGULAR_CLOSE)) return Session.Regular;
  if (msOfDay < (early ? EARLY_POST_CLOSE : POST_CLOSE)) return Session.Post;
  return Session.Closed;
}

export interface SessionChange {
  /** Epoch ms at which `session` begins. */
  readonly at: number;
  readonly session: Session;
}

/**
 * Two weeks: the longest run of closed days so far is six (September 11–16, 2001: four closures and a
 * weekend), so even a Monday evening before such a run finds the next trading day.
 */
const MAX_DAYS_TO_SCAN = 14;

/** The first instant strictly after `epochMs` at which the session changes, and the new session. */
export function nextSessionChange(epochMs: number): SessionChange {
  checkEpochMs(epochMs);
  const firstDay = nyDayOf(epochMs);
  for (let nyDay = firstDay; nyDay <= firstDay + MAX_DAYS_TO_SCAN; nyDay++) {
    const info = dayInfoOf(nyDay);
    if (!info.isTradingDay) continue;
    // Consecutive boundaries always change the session (closed → pre → regular → post → closed), and
    // the gap between trading days is closed throughout, so the first boundary after epochMs is it.
    if (info.preOpenMs > epochMs) return { at: info.preOpenMs, session: Session.Pre };
    if (info.regularOpenMs > epochMs) return { at: info.regularOpenMs, session: Session.Regular };
    if (info.regularCloseMs > epochMs) return { at: info.regularCloseMs, session: Session.Post };
    if (info.postCloseMs > epochMs) return { at: info.postCloseMs, session: Session.Closed };
  }
  throw new HashcapError(HashcapErrorCode.CALENDAR, `no trading day within ${MAX_DAYS_TO_SCAN} days of ${tradingDayOf(epochMs)}`);
}

/** The session boundaries of the New York day containing an instant, for code that caches a day. */
export interface DayBoundaries {
  readonly dayStartMs: number;
  readonly dayEndMs: number;
  readonly preOpenMs: number;
  readonly regularOpenMs: number;
  readonly regularCloseMs: number;
  readonly postCloseMs: number;
}

/**
 * On a day without trading every boundary is the day's end, so the whole day reads as "before
 * pre-open", i.e. closed, and callers need no special case.
 */
export function dayBoundaries(epochMs: number): DayBoundaries {
  const info = dayInfoOf(nyDayOf(epochMs));
  if (info.isTradingDay) {
    const { preOpenMs, regularOpenMs, regularCloseMs, postCloseMs } = info;
    return { dayStartMs: info.startMs, dayEndMs: info.endMs, preOpenMs, regularOpenMs, regularCloseMs, postCloseMs };
  }
  const end = info.endMs;
  return { dayStartMs: info.startMs, dayEndMs: end, preOpenMs: end, regularOpenMs: end, regularCloseMs: end, postCloseMs: end };
}

/**
 * `sessionAt` for the tick path. Keeps the epoch boundaries of the last New York day it saw, so a
 * call on the same day is a range check plus at most four comparisons, with no allocation; it reloads
 * when a timestamp falls outside that day (either direction). Give each consumer its own clock, so
 * consumers working on different days (live ticks versus a replay) do not evict each other's day.
 */
export class SessionClock {
  private dayStartMs: number;
  private dayEndMs: number;
  private preOpenMs: number;
  private regularOpenMs: number;
  private regularCloseMs: number;
  private postCloseMs: number;

  constructor() {
    // NaN fails every range check, so the first call loads its day. All fields are set here so every
    // instance has one hidden class.
    this.dayStartMs = NaN;
    this.dayEndMs = NaN;
    this.preOpenMs = NaN;
    this.regularOpenMs = NaN;
    this.regularCloseMs = NaN;
    this.postCloseMs = NaN;
  }

  sessionAt(epochMs: number): Session {
    // Written as !(in range) so NaN also takes the reload path, where it is rejected.
    if (!(epochMs >= this.dayStartMs && epochMs < this.dayEndMs)) this.load(epochMs);
    if (epochMs < this.preOpenMs) return Session.Closed;
    if (epochMs < this.regularOpenMs) return Session.Pre;
    if (epochMs < this.regularCloseMs) return Session.Regular;
    if (epochMs < this.postCloseMs) return Session.Post;
    return Session.Closed;
  }

  private load(epochMs: number): void {
    checkEpochMs(epochMs);
    const b = dayBoundaries(epochMs);
    this.dayStartMs = b.dayStartMs;
    this.dayEndMs = b.dayEndMs;
    this.preOpenMs = b.preOpenMs;
    this.regularOpenMs = b.regularOpenMs;
    this.regularCloseMs = b.regularCloseMs;
    this.postCloseMs = b.postCloseMs;
  }

}
