/**
 * NYSE holidays and early closes derived from the exchange's rules, for any year, plus the one-off
 * closures no rule predicts (data/calendar/closures.csv, read by one-off-closures.ts).
 *
 * The rules are those of NYSE Rule 7.2 and the calendars NYSE publishes each year, three years ahead.
 * The test (test/unit/sessions-calendar.test.ts) holds the published lists for 2022–2028 and checks
 * that these rules reproduce them exactly. From 1998 (the first year NYSE closed for Martin Luther King,
 * Jr. Day) rules plus one-offs give the exchange's actual calendar; earlier years are approximate.
 *
 * Day numbers are whole days since 1970-01-01 of a New York calendar date (see civil-date.ts).
 */
import {
  MONDAY,
  SATURDAY,
  SUNDAY,
  THURSDAY,
  WEDNESDAY,
  daysFromCivil,
  lastWeekdayOfMonth,
  nthWeekdayOfMonth,
  weekdayOfDay,
  yearOfDay,
} from './civil-date.ts';
import type { OneOffClosure } from './one-off-closures.ts';

/** First year for which the rules plus the one-off list are the exchange's actual calendar. */
export const CALENDAR_EXACT_FROM_YEAR = 1998;

/** How a New York date trades. Small integers so a year fits in a Uint8Array. */
export const DayKind = {
  Trading: 0,
  /** Regular session ends at 13:00; post-market at 17:00. */
  EarlyClose: 1,
  Holiday: 2,
  Weekend: 3,
} as const;
export type DayKind = (typeof DayKind)[keyof typeof DayKind];

export interface NamedDay {
  /** Day number of the New York date. */
  readonly day: number;
  readonly name: string;
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/** Day number of Easter Sunday: the anonymous Gregorian algorithm (Meeus, Jones, Butcher). */
export function easterSunday(year: number): number {
  const a = mod(year, 19);
  const b = Math.floor(year / 100);
  const c = mod(year, 100);
  const d = Math.floor(b / 4);
  const e = mod(b, 4);
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = mod(19 * a + b - d - g + 15, 30);
  const i = Math.floor(c / 4);
  const k = mod(c, 4);
  const l = mod(32 + 2 * e + 2 * i - h - k, 7);
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = mod(h + l - 7 * m + 114, 31) + 1;
  return daysFromCivil(year, month, day);
}

/**
 * A fixed-date holiday as NYSE Rule 7.2 observes it: on the preceding Friday when it falls on a
 * Saturday, on the following Monday when it falls on a Sunday. The rule's exception for "the ending
 * of a yearly accounting period" means a Saturday New Year's Day is not observed at all (the exchange
 * trades on Friday December 31, e.g. 2021 and 2027), so that case gives no day.
 */
function observed(year: number, month: number, dayOfMonth: number, name: string, out: NamedDay[]): void {
  const day = daysFromCivil(year, month, dayOfMonth);
  const weekday = weekdayOfDay(day);
  if (weekday === SATURDAY) {
    if (month !== 1) out.push({ day: day - 1, name: `${name} (observed)` });
  } else if (weekday === SUNDAY) {
    out.push({ day: day + 1, name: `${name} (observed)` });
  } else {
    out.push({ day, name });
  }
}

/** Full-day holidays of a year by rule, in date order, each on a weekday and inside the year. */
export function ruleHolidays(year: number): NamedDay[] {
  const days: NamedDay[] = [];
  observed(year, 1, 1, "New Year's Day", days);
  if (year >= 1998) days.push({ day: nthWeekdayOfMonth(year, 1, MONDAY, 3), name: 'Martin Luther King, Jr. Day' });
  days.push({ day: nthWeekdayOfMonth(year, 2, MONDAY, 3), name: "Washington's Birthday" });
  days.push({ day: easterSunday(year) - 2, name: 'Good Friday' });
  days.push({ day: lastWeekdayOfMonth(year, 5, MONDAY), name: 'Memorial Day' });
  if (year >= 2022) observed(year, 6, 19, 'Juneteenth National Independence Day', days);
  observed(year, 7, 4, 'Independence Day', days);
  days.push({ day: nthWeekdayOfMonth(year, 9, MONDAY, 1), name: 'Labor Day' });
  days.push({ day: nthWeekdayOfMonth(year, 11, THURSDAY, 4), name: 'Thanksgiving Day' });
  observed(year, 12, 25, 'Christmas Day', days);
  return days;
}

/**
 * 13:00 early closes of a year by rule, in date order:
 * - July 3 when it is Monday–Thursday. On a Friday it is the observed Independence Day (2026), and a
 *   weekend July 3 gives no early close on the Friday before (2027: none on July 2). Before 2013 a
 *   Wednesday July 3 traded a full day and the Friday after, July 5, closed early instead (2002; as
 *   exchange_calendars' XNYS calendar has it, with which these rules agree on every day 1998–2022).
 * - The day after Thanksgiving, always.
 * - December 24 when it is Monday–Thursday. On a Friday it is the observed Christmas (2027); on a
 *   weekend there is no early close (2022, 2023, 2028).
 */
export function ruleEarlyCloses(year: number): NamedDay[] {
  const days: NamedDay[] = [];
  const july3 = daysFromCivil(year, 7, 3);
  const july3Weekday = weekdayOfDay(july3);
  if (year < 2013 && july3Weekday === WEDNESDAY) {
    days.push({ day: july3 + 2, name: 'Day after Independence Day' });
  } else if (july3Weekday >= MONDAY && july3Weekday <= THURSDAY) {
    days.push({ day: july3, name: 'Day before Independence Day' });
  }
  days.push({ day: nthWeekdayOfMonth(year, 11, THURSDAY, 4) + 1, name: 'Day after Thanksgiving' });
  const christmasEve = daysFromCivil(year, 12, 24);
  const christmasEveWeekday = weekdayOfDay(christmasEve);
  if (christmasEveWeekday >= MONDAY && christmasEveWeekday <= THURSDAY) days.push({ day: christmasEve, name: 'Christmas Eve' });
  return days;
}

/** One year of classified days, built once and then read by index. */
class MarketYear {
  readonly firstDay: number;
  /** One past the year's last day. */
  readonly endDay: number;
  /** DayKind of each day of the year, indexed by day number minus firstDay. */
  readonly kinds: Uint8Array;
  /** Holiday or early-close name by day number. */
  readonly names: Map<number, string>;

  constructor(firstDay: number, endDay: number) {
    this.firstDay = firstDay;
    this.endDay = endDay;
    this.kinds = new Uint8Array(endDay - firstDay);
    this.names = new Map();
  }

  mark(day: number, kind: DayKind, name: string): void {
    if (day < this.firstDay || day >= this.endDay) return;
    this.kinds[day - this.firstDay] = kind;
    this.names.set(day, name);
  }
}

/**
 * Years kept classified at once. A feed classifies today's prints, a replay one past year; timestamps
 * come from publishers, though, so the cache is bounded and a stream of prints from many different
 * years costs a rebuild per year (a few microseconds), never memory.
 */
const MAX_CACHED_YEARS = 8;

/** NYSE rules plus a list of one-off closures; classifies New York dates, a year at a time. */
export class MarketCalendar {
  private readonly oneOffsByYear: Map<number, OneOffClosure[]>;
  private readonly years: Map<number, MarketYear>;
  private lastYear: MarketYear;

  constructor(oneOffs: readonly OneOffClosure[]) {
    this.oneOffsByYear = new Map();
    for (const oneOff of oneOffs) {
      const year = yearOfDay(oneOff.day);
      const list = this.oneOffsByYear.get(year);
      if (list) list.push(oneOff);
      else this.oneOffsByYear.set(year, [oneOff]);
    }
    this.years = new Map();
    // Empty range: the first lookup always builds a year.
    this.lastYear = new MarketYear(0, 0);
  }

  /** The hot path: two comparisons and a typed-array read while the year stays the same. */
  kindOf(nyDay: number): DayKind {
    let year = this.lastYear;
    if (!(nyDay >= year.firstDay && nyDay < year.endDay)) year = this.yearContaining(nyDay);
    return (year.kinds[nyDay - year.firstDay] ?? DayKind.Trading) as DayKind;
  }

  /** Years classified and kept; at most MAX_CACHED_YEARS. */
  get cachedYearCount(): number {
    return this.years.size;
  }

  /** Name of the holiday or early close on a day; '' on weekends and ordinary trading days. */
  nameOf(nyDay: number): string {
    return this.yearContaining(nyDay).names.get(nyDay) ?? '';
  }

  private yearContaining(nyDay: number): MarketYear {
    const year = yearOfDay(nyDay);
    let built = this.years.get(year);
    if (built === undefined) {
      if (this.years.size >= MAX_CACHED_YEARS) {
        // Maps iterate in insertion order: drop the year built longest ago.
        const oldest = this.years.keys().next();
        if (!oldest.done) this.years.delete(oldest.value);
      }
      built = this.build(year);
      this.years.set(year, built);
    }
    this.lastYear = built;
    return built;
  }

  private build(year: number): MarketYear {
    const built = new MarketYear(daysFromCivil(year, 1, 1), daysFromCivil(year + 1, 1, 1));
    for (let day = built.firstDay; day < built.endDay; day++) {
      const weekday = weekdayOfDay(day);
      if (weekday === SATURDAY || weekday === SUNDAY) built.kinds[day - built.firstDay] = DayKind.Weekend;
    }
    for (const { day, name } of ruleEarlyCloses(year)) built.mark(day, DayKind.EarlyClose, name);
    for (const { day, name } of ruleHolidays(year)) built.mark(day, DayKind.Holiday, name);
    // One-offs last: a closure on a rule early-close day (a day of mourning on Christmas Eve) wins.
    for (const { day, kind, name } of this.oneOffsByYear.get(year) ?? []) {
      built.mark(day, kind === 'closed' ? DayKind.Holiday : DayKind.EarlyClose, name);
    }
    return built;
  }
}
