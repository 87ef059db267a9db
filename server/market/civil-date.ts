/**
 * Proleptic Gregorian calendar arithmetic on day numbers: whole days since 1970-01-01 of a calendar
 * date, whatever its time zone (the caller says which). Integer operations only, so the session
 * calendar can classify a day without Date objects or the ICU data Node was built with.
 */

/** Day number of a calendar date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Estimate from the mean year length (never off by more than one), then correct: no allocation. */
export function yearOfDay(days: number): number {
  const year = Math.floor(days / 365.2425) + 1970;
  if (daysFromCivil(year, 1, 1) > days) return year - 1;
  if (daysFromCivil(year + 1, 1, 1) <= days) return year + 1;
  return year;
}

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function civilFromDays(days: number): CivilDate {
  const year = yearOfDay(days);
  let month = 1;
  // At most eleven steps; clearer than the closed form and only used off the hot path.
  while (month < 12 && daysFromCivil(year, month + 1, 1) <= days) month++;
  return { year, month, day: days - daysFromCivil(year, month, 1) + 1 };
}

export const SUNDAY = 0;
export const MONDAY = 1;
export const WEDNESDAY = 3;
export const THURSDAY = 4;
export const SATURDAY = 6;

/** 0 = Sunday … 6 = Saturday, like Date#getUTCDay. Day 0 (1970-01-01) was a Thursday. */
export function weekdayOfDay(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

export function isWeekend(days: number): boolean {
  const weekday = weekdayOfDay(days);
  return weekday === SATURDAY || weekday === SUNDAY;
}

/** The n-th (1-based) given weekday of a month. */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, n: number): number {
  const first = daysFromCivil(year, month, 1);
  return first + ((weekday - weekdayOfDay(first) + 7) % 7) + 7 * (n - 1);
}

/** The last given weekday of a month. */
export function lastWeekdayOfMonth(year: number, month: number, weekday: number): number {
  const last = daysFromCivil(year, month, daysInMonth(year, month));
  return last - ((weekdayOfDay(last) - weekday + 7) % 7);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

// Four-digit years, or the six-digit signed form Date#toISOString uses outside 0000–9999.
const ISO_DATE = /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a real calendar date written 'YYYY-MM-DD', or undefined for anything else. */
export function daysFromIsoDate(isoDate: unknown): number | undefined {
  const match = typeof isoDate === 'string' ? ISO_DATE.exec(isoDate) : null;
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

export function isoFromDays(days: number): string {
  const { year, month, day } = civilFromDays(days);
  const yyyy =
    year >= 0 && year <= 9999
      ? String(year).padStart(4, '0')
      : (year < 0 ? '-' : '+') + String(Math.abs(year)).padStart(6, '0');
  return `${yyyy}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
