/**
 * The NYSE calendar by rule: the exchange's published holiday and early-close lists as the oracle,
 * Easter dates from the almanac, sane sessions through 2035, and the one-off closures file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileFormatError, HashcapError } from '../../server/errors.ts';
import { daysFromIsoDate, isoFromDays } from '../../server/market/civil-date.ts';
import { DayKind, MarketCalendar, easterSunday, ruleEarlyCloses, ruleHolidays } from '../../server/market/nyse-holidays.ts';
import {
  defaultOneOffClosuresPath,
  loadOneOffClosuresFile,
  parseOneOffClosures,
} from '../../server/market/one-off-closures.ts';
import { Session } from '../../server/market/session-types.ts';
import { calendarCovers, dayInfo, nextSessionChange, sessionAt } from '../../server/market/sessions.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string): number => Date.parse(iso);

type Listed = readonly (readonly [date: string, name: string])[];

/**
 * The exchange's published lists, copied from its announcements ("NYSE Group Announces 2022, 2023 and
 * 2024 Holiday and Early Closings Calendar", 2021-12-27; the same for 2025–2027, 2024-11-08, and for
 * 2026–2028, 2025-12-23). Where the exchange writes "(… observed)" the name says "(observed)".
 */
const PUBLISHED: Readonly<Record<number, { readonly holidays: Listed; readonly earlyCloses: Listed }>> = {
  2022: {
    holidays: [
      // No New Year's Day holiday: January 1, 2022 was a Saturday (NYSE Rule 7.2).
      ['2022-01-17', 'Martin Luther King, Jr. Day'],
      ['2022-02-21', "Washington's Birthday"],
      ['2022-04-15', 'Good Friday'],
      ['2022-05-30', 'Memorial Day'],
      ['2022-06-20', 'Juneteenth National Independence Day (observed)'],
      ['2022-07-04', 'Independence Day'],
      ['2022-09-05', 'Labor Day'],
      ['2022-11-24', 'Thanksgiving Day'],
      ['2022-12-26', 'Christmas Day (observed)'],
    ],
    earlyCloses: [['2022-11-25', 'Day after Thanksgiving']],
  },
  2023: {
    holidays: [
      ['2023-01-02', "New Year's Day (observed)"],
      ['2023-01-16', 'Martin Luther King, Jr. Day'],
      ['2023-02-20', "Washington's Birthday"],
      ['2023-04-07', 'Good Friday'],
      ['2023-05-29', 'Memorial Day'],
      ['2023-06-19', 'Juneteenth National Independence Day'],
      ['2023-07-04', 'Independence Day'],
      ['2023-09-04', 'Labor Day'],
      ['2023-11-23', 'Thanksgiving Day'],
      ['2023-12-25', 'Christmas Day'],
    ],
    earlyCloses: [
      ['2023-07-03', 'Day before Independence Day'],
      ['2023-11-24', 'Day after Thanksgiving'],
    ],
  },
  2024: {
    holidays: [
      ['2024-01-01', "New Year's Day"],
      ['2024-01-15', 'Martin Luther King, Jr. Day'],
      ['2024-02-19', "Washington's Birthday"],
      ['2024-03-29', 'Good Friday'],
      ['2024-05-27', 'Memorial Day'],
      ['2024-06-19', 'Juneteenth National Independence Day'],
      ['2024-07-04', 'Independence Day'],
      ['2024-09-02', 'Labor Day'],
      ['2024-11-28', 'Thanksgiving Day'],
      ['2024-12-25', 'Christmas Day'],
    ],
    earlyCloses: [
      ['2024-07-03', 'Day before Independence Day'],
      ['2024-11-29', 'Day after Thanksgiving'],
      ['2024-12-24', 'Christmas Eve'],
    ],
  },
  2025: {
    holidays: [
      ['2025-01-01', "New Year's Day"],
      ['2025-01-20', 'Martin Luther King, Jr. Day'],
      ['2025-02-17', "Washington's Birthday"],
      ['2025-04-18', 'Good Friday'],
      ['2025-05-26', 'Memorial Day'],
      ['2025-06-19', 'Juneteenth National Independence Day'],
      ['2025-07-04', 'Independence Day'],
      ['2025-09-01', 'Labor Day'],
      ['2025-11-27', 'Thanksgiving Day'],
      ['2025-12-25', 'Christmas Day'],
    ],
    earlyCloses: [
      ['2025-07-03', 'Day before Independence Day'],
      ['2025-11-28', 'Day after Thanksgiving'],
      ['2025-12-24', 'Christmas Eve'],
    ],
  },
  2026: {
    holidays: [
      ['2026-01-01', "New Year's Day"],
      ['2026-01-19', 'Martin Luther King, Jr. Day'],
      ['2026-02-16', "Washington's Birthday"],
      ['2026-04-03', 'Good Friday'],
      ['2026-05-25', 'Memorial Day'],
      ['2026-06-19', 'Juneteenth National Independence Day'],
      ['2026-07-03', 'Independence Day (observed)'],
      ['2026-09-07', 'Labor Day'],
      ['2026-11-26', 'Thanksgiving Day'],
      ['2026-12-25', 'Christmas Day'],
    ],
    // No early close on Thursday July 2: Friday July 3 is the holiday.
    earlyCloses: [
      ['2026-11-27', 'Day after Thanksgiving'],
      ['2026-12-24', 'Christmas Eve'],
    ],
  },
  2027: {
    holidays: [
      ['2027-01-01', "New Year's Day"],
      ['2027-01-18', 'Martin Luther King, Jr. Day'],
      ['2027-02-15', "Washington's Birthday"],
      ['2027-03-26', 'Good Friday'],
      ['2027-05-31', 'Memorial Day'],
      ['2027-06-18', 'Juneteenth National Independence Day (observed)'],
      ['2027-07-05', 'Independence Day (observed)'],
      ['2027-09-06', 'Labor Day'],
      ['2027-11-25', 'Thanksgiving Day'],
      ['2027-12-24', 'Christmas Day (observed)'],
    ],
    // July 3 is a Saturday and December 24 the observed Christmas: one half day only.
    earlyCloses: [['2027-11-26', 'Day after Thanksgiving']],
  },
  2028: {
    holidays: [
      // "Because the holiday falls on Saturday, January 1, 2028, no New Year's Day holiday is observed."
      ['2028-01-17', 'Martin Luther King, Jr. Day'],
      ['2028-02-21', "Washington's Birthday"],
      ['2028-04-14', 'Good Friday'],
      ['2028-05-29', 'Memorial Day'],
      ['2028-06-19', 'Juneteenth National Independence Day'],
      ['2028-07-04', 'Independence Day'],
      ['2028-09-04', 'Labor Day'],
      ['2028-11-23', 'Thanksgiving Day'],
      ['2028-12-25', 'Christmas Day'],
    ],
    // December 24 is a Sunday: no Christmas Eve half day.
    earlyCloses: [
      ['2028-07-03', 'Day before Independence Day'],
      ['2028-11-24', 'Day after Thanksgiving'],
    ],
  },
};

/** Closures no published list has (they were announced later), as they must come out of the shipped file. */
const UNSCHEDULED_2022_2028: Listed = [['2025-01-09', 'National Day of Mourning (President Carter)']];

const iso = (days: readonly { day: number; name: string }[]) => days.map(({ day, name }) => [isoFromDays(day), name]);

function datesOfYear(year: number): string[] {
  const dates: string[] = [];
  for (let t = Date.UTC(year, 0, 1, 12); t < Date.UTC(year + 1, 0, 1); t += DAY) dates.push(new Date(t).toISOString().slice(0, 10));
  return dates;
}

const isWeekendDate = (date: string) => [0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay());

describe('NYSE rules reproduce the published calendars', () => {
  for (const [yearText, published] of Object.entries(PUBLISHED)) {
    const year = Number(yearText);
    it(`${year}: holidays and early closes exactly as published`, () => {
      expect(iso(ruleHolidays(year))).toEqual(published.holidays);
      expect(iso(ruleEarlyCloses(year))).toEqual(published.earlyCloses);
    });

    it(`${year}: dayInfo classifies every date of the year as published`, () => {
      const closed = new Map([...published.holidays, ...UNSCHEDULED_2022_2028]);
      const early = new Map(published.earlyCloses);
      for (const date of datesOfYear(year)) {
        const info = dayInfo(date);
        const want = isWeekendDate(date)
          ? { date, isTradingDay: false, earlyClose: false }
          : closed.has(date)
            ? { date, isTradingDay: false, earlyClose: false, holidayName: closed.get(date) }
            : early.has(date)
              ? { date, isTradingDay: true, earlyClose: true, earlyCloseReason: early.get(date) }
              : { date, isTradingDay: true, earlyClose: false };
        const got = {
          date,
          isTradingDay: info.isTradingDay,
          earlyClose: info.earlyClose,
          ...('holidayName' in info ? { holidayName: info.holidayName } : {}),
          ...('earlyCloseReason' in info ? { earlyCloseReason: info.earlyCloseReason } : {}),
        };
        expect(got).toEqual(want);
      }
    });
  }

  it('trading days per year: 251, 250, 252, 250, 251, 251, 251 in 2022–2028', () => {
    const counts = Object.keys(PUBLISHED).map((year) => datesOfYear(Number(year)).filter((d) => dayInfo(d).isTradingDay).length);
    expect(counts).toEqual([251, 250, 252, 250, 251, 251, 251]);
  });

  it('MLK Day 2028 and Christmas 2030 are closed, before and after the years the old table held', () => {
    expect(sessionAt(at('2028-01-17T15:00:00Z'))).toBe(Session.Closed); // Mon 10:00 EST
    expect(sessionAt(at('2028-01-18T15:00:00Z'))).toBe(Session.Regular);
    expect(sessionAt(at('2030-12-25T15:00:00Z'))).toBe(Session.Closed);
    expect(sessionAt(at('2030-12-24T17:59:00Z'))).toBe(Session.Regular); // 12:59 EST, Christmas Eve half day
    expect(sessionAt(at('2030-12-24T18:00:00Z'))).toBe(Session.Post);
    expect(sessionAt(at('2024-12-25T15:00:00Z'))).toBe(Session.Closed);
    // A replay on the eve of MLK Day 2028 waits for Tuesday's pre-market.
    expect(nextSessionChange(at('2028-01-15T15:00:00Z'))).toEqual({ at: at('2028-01-18T09:00:00Z'), session: Session.Pre });
  });
});

describe('history (cross-checked against exchange_calendars XNYS for every day 1998-01-01 to 2023-01-13)', () => {
  it('before 2013 a Wednesday July 3 traded a full day and Friday July 5 closed early (2002); from 2013 July 3 closes early', () => {
    expect(dayInfo('2002-07-03')).toMatchObject({ isTradingDay: true, earlyClose: false });
    expect(dayInfo('2002-07-05')).toMatchObject({ isTradingDay: true, earlyClose: true, earlyCloseReason: 'Day after Independence Day' });
    expect(dayInfo('2013-07-03')).toMatchObject({ isTradingDay: true, earlyClose: true, earlyCloseReason: 'Day before Independence Day' });
    expect(dayInfo('2019-07-05')).toMatchObject({ isTradingDay: true, earlyClose: false });
  });

  it('no Juneteenth before 2022, no Martin Luther King, Jr. Day before 1998', () => {
    expect(dayInfo('2021-06-18')).toMatchObject({ isTradingDay: true });
    expect(ruleHolidays(2021).map((d) => d.name)).not.toContain('Juneteenth National Independence Day (observed)');
    expect(ruleHolidays(1997).map((d) => d.name)).not.toContain('Martin Luther King, Jr. Day');
    expect(ruleHolidays(1998).map((d) => isoFromDays(d.day))).toContain('1998-01-19');
  });

  it('the one-off closures of the shipped file close their days; September 2001 skips a whole week', () => {
    for (const date of ['2001-09-11', '2001-09-14', '2004-06-11', '2007-01-02', '2012-10-29', '2012-10-30', '2018-12-05', '2025-01-09']) {
      expect({ date, trading: dayInfo(date).isTradingDay }).toEqual({ date, trading: false });
    }
    expect(dayInfo('2018-12-05')).toMatchObject({ holidayName: 'National Day of Mourning (President George H. W. Bush)' });
    expect(dayInfo('1999-12-31')).toMatchObject({ isTradingDay: true, earlyClose: true, regularCloseMs: at('1999-12-31T18:00:00Z') });
    // Monday 2001-09-10 after the post-market: next is Monday 2001-09-17 04:00 EDT.
    expect(nextSessionChange(at('2001-09-11T00:30:00Z'))).toEqual({ at: at('2001-09-17T08:00:00Z'), session: Session.Pre });
  });

  it('calendarCovers: exact from 1998 on, by rule for every later year', () => {
    expect(calendarCovers(at('1998-01-01T05:00:00Z'))).toBe(true);
    expect(calendarCovers(at('1998-01-01T04:59:59.999Z'))).toBe(false); // 1997-12-31 23:59:59.999 EST
    expect(calendarCovers(at('2028-01-01T05:00:00Z'))).toBe(true);
    expect(calendarCovers(at('2100-06-01T00:00:00Z'))).toBe(true);
  });
});

describe('Good Friday from the Gregorian Easter date', () => {
  // Easter Sundays from the almanac, including the earliest (March 22) and latest (April 25) possible.
  const EASTER = [
    '1818-03-22', '1943-04-25', '2000-04-23', '2008-03-23', '2011-04-24', '2016-03-27', '2019-04-21', '2024-03-31',
    '2025-04-20', '2026-04-05', '2027-03-28', '2028-04-16', '2029-04-01', '2030-04-21', '2031-04-13', '2032-03-28',
    '2033-04-17', '2034-04-09', '2035-03-25', '2038-04-25', '2285-03-22',
  ];

  it('easterSunday matches the almanac', () => {
    for (const date of EASTER) {
      expect({ date, got: isoFromDays(easterSunday(Number(date.slice(0, 4)))) }).toEqual({ date, got: date });
    }
  });

  it('the Friday two days before each Easter from 1998 on is the Good Friday holiday', () => {
    for (const date of EASTER.filter((d) => d >= '1998')) {
      const goodFriday = isoFromDays(daysFromIsoDate(date)! - 2);
      expect(dayInfo(goodFriday)).toMatchObject({ date: goodFriday, isTradingDay: false, holidayName: 'Good Friday' });
    }
  });

  it('always a Sunday between March 22 and April 25, 1583–4099', () => {
    for (let year = 1583; year <= 4099; year++) {
      const easter = isoFromDays(easterSunday(year));
      const ok = new Date(`${easter}T12:00:00Z`).getUTCDay() === 0 && easter.slice(5) >= '03-22' && easter.slice(5) <= '04-25';
      if (!ok) throw new Error(`${year}: Easter ${easter}`);
    }
  });
});

describe('sane sessions through 2035', () => {
  const YEARS = Array.from({ length: 2035 - 2022 + 1 }, (_, i) => 2022 + i);

  it('9 or 10 holidays a year (9 when New Year falls on a Saturday), each a weekday of that year, once', () => {
    for (const year of YEARS) {
      const dates = iso(ruleHolidays(year)).map(([date]) => date!);
      const jan1Saturday = new Date(Date.UTC(year, 0, 1)).getUTCDay() === 6;
      expect({ year, count: dates.length }).toEqual({ year, count: jan1Saturday ? 9 : 10 });
      expect(new Set(dates).size).toBe(dates.length);
      for (const date of dates) {
        expect({ date, weekend: isWeekendDate(date), year: date.slice(0, 4) }).toEqual({ date, weekend: false, year: String(year) });
      }
    }
  });

  it('every day: weekends closed, holidays closed, half days 09:30–13:00 with post to 17:00, 250–254 trading days a year', () => {
    const hhmm = (ms: number) =>
      new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hourCycle: 'h23', hour: '2-digit', minute: '2-digit' }).format(ms);
    for (const year of YEARS) {
      let tradingDays = 0;
      let earlyCloses = 0;
      for (const date of datesOfYear(year)) {
        const info = dayInfo(date);
        if (isWeekendDate(date)) {
          expect({ date, info }).toEqual({ date, info: { date, startMs: info.startMs, endMs: info.endMs, isTradingDay: false, earlyClose: false } });
          for (let t = info.startMs; t < info.endMs; t += HOUR) expect(sessionAt(t)).toBe(Session.Closed);
          continue;
        }
        if (!info.isTradingDay) {
          expect(info.holidayName).toBeTruthy();
          expect(sessionAt(info.startMs + 12 * HOUR)).toBe(Session.Closed);
          continue;
        }
        tradingDays++;
        if (!info.earlyClose) continue;
        earlyCloses++;
        const got = [info.preOpenMs, info.regularOpenMs, info.regularCloseMs, info.postCloseMs].map(hhmm);
        expect({ date, got }).toEqual({ date, got: ['04:00', '09:30', '13:00', '17:00'] });
        expect(sessionAt(info.regularCloseMs - 1)).toBe(Session.Regular);
        expect(sessionAt(info.regularCloseMs)).toBe(Session.Post);
      }
      expect({ year, inRange: tradingDays >= 250 && tradingDays <= 254 }).toEqual({ year, inRange: true });
      expect({ year, inRange: earlyCloses >= 1 && earlyCloses <= 3 }).toEqual({ year, inRange: true });
    }
  });
});

describe('MarketCalendar', () => {
  it('applies one-off closures and early closes from its list; a closure beats a rule half day', () => {
    const calendar = new MarketCalendar([
      { day: daysFromIsoDate('2031-03-12')!, date: '2031-03-12', kind: 'closed', name: 'Test closure', source: 'test' },
      { day: daysFromIsoDate('2031-03-13')!, date: '2031-03-13', kind: 'early-close', name: 'Test half day', source: 'test' },
      { day: daysFromIsoDate('2031-12-24')!, date: '2031-12-24', kind: 'closed', name: 'Test mourning', source: 'test' },
    ]);
    const kind = (date: string) => calendar.kindOf(daysFromIsoDate(date)!);
    expect(kind('2031-03-11')).toBe(DayKind.Trading);
    expect(kind('2031-03-12')).toBe(DayKind.Holiday);
    expect(calendar.nameOf(daysFromIsoDate('2031-03-12')!)).toBe('Test closure');
    expect(kind('2031-03-13')).toBe(DayKind.EarlyClose);
    expect(kind('2031-12-24')).toBe(DayKind.Holiday);
    expect(kind('2031-03-15')).toBe(DayKind.Weekend);
    expect(calendar.nameOf(daysFromIsoDate('2031-03-15')!)).toBe('');
  });

  it('keeps at most 8 years and answers the same after evicting one', () => {
    const calendar = new MarketCalendar([]);
    const reference = new MarketCalendar([]);
    const days: number[] = [];
    // Forty years visited in a scrambled order, twice.
    for (let i = 0; i < 80; i++) days.push(daysFromIsoDate(`${2000 + ((i * 17) % 40)}-07-03`)!, daysFromIsoDate(`${2000 + ((i * 7) % 40)}-11-27`)!);
    for (const day of days) {
      expect(calendar.kindOf(day)).toBe(reference.kindOf(day));
      expect(calendar.cachedYearCount).toBeLessThanOrEqual(8);
    }
  });
});

describe('one-off closures file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hashcap-closures-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const HEADER = '# comment\ndate,kind,name,source\n';
  function errorOf(text: string): { code: string; line: number; field: string; message: string } | string {
    try {
      parseOneOffClosures(text, 'closures.csv');
    } catch (err) {
      if (err instanceof FileFormatError) return { code: err.code, line: err.line, field: err.field, message: err.message };
      return `not a FileFormatError: ${String(err)}`;
    }
    return 'no error';
  }

  it('the shipped file loads, in date order, every row a weekday with a name and a source', () => {
    const closures = loadOneOffClosuresFile(defaultOneOffClosuresPath());
    expect(closures.map((c) => c.date)).toEqual([
      '1999-12-31', '2001-09-11', '2001-09-12', '2001-09-13', '2001-09-14', '2003-12-26', '2004-06-11', '2007-01-02',
      '2012-10-29', '2012-10-30', '2018-12-05', '2025-01-09',
    ]);
    for (const c of closures) {
      expect(c.source.length).toBeGreaterThan(10);
      const info = dayInfo(c.date);
      if (c.kind === 'closed') expect(info).toMatchObject({ isTradingDay: false, holidayName: c.name });
      else expect(info).toMatchObject({ isTradingDay: true, earlyClose: true, earlyCloseReason: c.name });
    }
  });

  it('parses comments, blank lines, CRLF and a BOM', () => {
    const text = '\uFEFF# one-offs\r\n\r\ndate,kind,name,source\r\n2031-03-12,closed,Storm,NYSE notice\r\n# later\r\n2031-03-13,early-close,Storm aftermath,NYSE notice\r\n';
    expect(parseOneOffClosures(text, 'x.csv')).toEqual([
      { day: daysFromIsoDate('2031-03-12'), date: '2031-03-12', kind: 'closed', name: 'Storm', source: 'NYSE notice' },
      { day: daysFromIsoDate('2031-03-13'), date: '2031-03-13', kind: 'early-close', name: 'Storm aftermath', source: 'NYSE notice' },
    ]);
    expect(parseOneOffClosures('date,kind,name,source\n', 'x.csv')).toEqual([]);
  });

  it('every mistake is a FileFormatError with a stable code naming the line and field', () => {
    const cases: readonly [string, string, number, string][] = [
      ['', 'CLOSURES_COLUMNS', 1, 'columns'],
      ['date,name,kind,source\n', 'CLOSURES_COLUMNS', 1, 'columns'],
      [`${HEADER}2031-03-12,closed,Storm\n`, 'CLOSURES_ROW', 3, 'row'],
      [`${HEADER}2031-03-12,closed,Storm, Inc.,NYSE\n`, 'CLOSURES_ROW', 3, 'row'],
      [`${HEADER}2031-3-12,closed,Storm,NYSE\n`, 'CLOSURES_DATE', 3, 'date'],
      [`${HEADER}2031-02-29,closed,Storm,NYSE\n`, 'CLOSURES_DATE', 3, 'date'],
      [`${HEADER}2031-03-15,closed,Storm,NYSE\n`, 'CLOSURES_DATE', 3, 'date'], // a Saturday
      [`${HEADER}2031-03-12,closed,Storm,NYSE\n\n2031-03-12,closed,Storm,NYSE\n`, 'CLOSURES_DATE', 5, 'date'],
      [`${HEADER}2031-03-13,closed,Storm,NYSE\n2031-03-12,closed,Storm,NYSE\n`, 'CLOSURES_DATE', 4, 'date'],
      [`${HEADER}2031-12-25,closed,Christmas,NYSE\n`, 'CLOSURES_DATE', 3, 'date'], // already a rule holiday
      [`${HEADER}2031-11-28,early-close,Black Friday,NYSE\n`, 'CLOSURES_DATE', 3, 'date'], // already a rule half day
      [`${HEADER}2031-03-12,shut,Storm,NYSE\n`, 'CLOSURES_KIND', 3, 'kind'],
      [`${HEADER}2031-03-12,closed,,NYSE\n`, 'CLOSURES_TEXT', 3, 'name'],
      [`${HEADER}2031-03-12,closed, Storm,NYSE\n`, 'CLOSURES_TEXT', 3, 'name'],
      [`${HEADER}2031-03-12,closed,"Storm",NYSE\n`, 'CLOSURES_TEXT', 3, 'name'],
      [`${HEADER}2031-03-12,closed,Storm,\n`, 'CLOSURES_TEXT', 3, 'source'],
      [`${HEADER}2031-03-12,closed,Storm,NYSE\tnotice\n`, 'CLOSURES_TEXT', 3, 'source'],
    ];
    for (const [text, code, line, field] of cases) {
      const got = errorOf(text);
      expect({ text, got: typeof got === 'string' ? got : { code: got.code, line: got.line, field: got.field } }).toEqual({
        text,
        got: { code, line, field },
      });
      expect(typeof got === 'string' ? got : got.message).toMatch(new RegExp(`^closures\\.csv:${line}: ${field}: `));
    }
  });

  it('a closure on Christmas Eve (a rule half day) is accepted and closes the day', () => {
    const [closure] = parseOneOffClosures(`${HEADER}2031-12-24,closed,Day of mourning,NYSE notice\n`, 'x.csv');
    expect(closure?.kind).toBe('closed');
    expect(new MarketCalendar([closure!]).kindOf(closure!.day)).toBe(DayKind.Holiday);
  });

  it('loading a bad file from disk names the file and the line; a missing or non-UTF-8 file is CLOSURES_FILE', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${HEADER}2025-01-09,closed,Carter,NYSE\n2025-01-11,closed,Typo,NYSE\n`);
    expect(() => loadOneOffClosuresFile(bad)).toThrow(FileFormatError);
    expect(() => loadOneOffClosuresFile(bad)).toThrow(`${bad}:4: date: 2025-01-11 is a weekend`);

    const latin1 = join(dir, 'latin1.csv');
    writeFileSync(latin1, Buffer.concat([Buffer.from(`${HEADER}2031-03-12,closed,Gr`), Buffer.from([0xfc]), Buffer.from('n,NYSE\n')]));
    for (const path of [latin1, join(dir, 'missing.csv')]) {
      let error: unknown;
      try {
        loadOneOffClosuresFile(path);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(HashcapError);
      expect((error as HashcapError).code).toBe('CLOSURES_FILE');
      expect((error as HashcapError).message).toContain(path);
    }
  });
});
