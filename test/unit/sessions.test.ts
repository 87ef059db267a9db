import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { HashcapError } from '../../server/errors.ts';
import { Session } from '../../server/market/session-types.ts';
import {
  SessionClock,
  calendarCovers,
  dayInfo,
  nextSessionChange,
  nyLocal,
  sessionAt,
  tradingDayOf,
} from '../../server/market/sessions.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const at = (iso: string): number => Date.parse(iso);

/** [UTC instant, expected session, what it is in New York] — the note is for the reader only. */
type Case = readonly [string, Session, string];

function expectSessions(cases: readonly Case[]): void {
  for (const [iso, expected, note] of cases) {
    expect({ iso, note, session: sessionAt(at(iso)) }).toEqual({ iso, note, session: expected });
  }
}

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err: unknown) {
    return err instanceof HashcapError ? err.code : `not a HashcapError: ${String(err)}`;
  }
  return undefined;
}

// Intl is the independent reference for New York wall-clock time.
const NY_FORMAT = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  weekday: 'short',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function intlNy(epochMs: number) {
  const p: Record<string, string> = {};
  for (const part of NY_FORMAT.formatToParts(epochMs)) p[part.type] = part.value;
  const [year, month, day, hour, minute, second] = [p.year, p.month, p.day, p.hour, p.minute, p.second].map(Number) as [
    number, number, number, number, number, number,
  ];
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    weekday: WEEKDAYS.indexOf(p.weekday ?? ''),
    offsetMinutes: (Date.UTC(year, month - 1, day, hour, minute, second) - wholeSecond) / MINUTE,
  };
}

describe('sessionAt: session edges', () => {
  it('ordinary EST day (Wed 2026-01-14, UTC-5)', () => {
    expectSessions([
      ['2026-01-14T08:59:59.999Z', Session.Closed, '03:59:59.999'],
      ['2026-01-14T09:00:00.000Z', Session.Pre, '04:00'],
      ['2026-01-14T14:29:00.000Z', Session.Pre, '09:29'],
      ['2026-01-14T14:29:59.999Z', Session.Pre, '09:29:59.999'],
      ['2026-01-14T14:30:00.000Z', Session.Regular, '09:30'],
      ['2026-01-14T20:59:00.000Z', Session.Regular, '15:59'],
      ['2026-01-14T21:00:00.000Z', Session.Post, '16:00'],
      ['2026-01-15T00:59:00.000Z', Session.Post, '19:59'],
      ['2026-01-15T00:59:59.999Z', Session.Post, '19:59:59.999'],
      ['2026-01-15T01:00:00.000Z', Session.Closed, '20:00'],
    ]);
  });

  it('ordinary EDT day (Wed 2026-07-15, UTC-4)', () => {
    expectSessions([
      ['2026-07-15T07:59:00.000Z', Session.Closed, '03:59'],
      ['2026-07-15T08:00:00.000Z', Session.Pre, '04:00'],
      ['2026-07-15T13:29:00.000Z', Session.Pre, '09:29'],
      ['2026-07-15T13:30:00.000Z', Session.Regular, '09:30'],
      ['2026-07-15T19:59:00.000Z', Session.Regular, '15:59'],
      ['2026-07-15T20:00:00.000Z', Session.Post, '16:00'],
      ['2026-07-15T23:59:00.000Z', Session.Post, '19:59'],
      ['2026-07-16T00:00:00.000Z', Session.Closed, '20:00'],
    ]);
  });

  it('weekends are closed all day', () => {
    expectSessions([
      ['2026-01-17T15:00:00Z', Session.Closed, 'Sat 10:00 EST'],
      ['2026-01-18T09:30:00Z', Session.Closed, 'Sun 04:30 EST'],
      ['2026-07-18T13:30:00Z', Session.Closed, 'Sat 09:30 EDT'],
      ['2026-07-19T20:00:00Z', Session.Closed, 'Sun 16:00 EDT'],
    ]);
  });
});

describe('daylight-saving switches, 2026', () => {
  it('spring forward on Sun 2026-03-08: 02:00 EST becomes 03:00 EDT at 07:00Z', () => {
    expect(nyLocal(at('2026-03-08T06:59:59.999Z'))).toMatchObject({ day: 8, hour: 1, minute: 59, offsetMinutes: -300 });
    expect(nyLocal(at('2026-03-08T07:00:00.000Z'))).toMatchObject({ day: 8, hour: 3, minute: 0, offsetMinutes: -240 });
    expect(dayInfo('2026-03-08')).toMatchObject({ isTradingDay: false, earlyClose: false });
    const sunday = dayInfo('2026-03-08');
    expect(sunday.endMs - sunday.startMs).toBe(23 * HOUR);
    expectSessions([['2026-03-08T15:00:00Z', Session.Closed, 'Sun 11:00 EDT']]);
  });

  it('the Friday before (2026-03-06) is still EST', () => {
    expectSessions([
      ['2026-03-06T08:59:00Z', Session.Closed, '03:59 EST'],
      ['2026-03-06T09:00:00Z', Session.Pre, '04:00 EST'],
      ['2026-03-06T14:29:59.999Z', Session.Pre, '09:29:59.999 EST'],
      ['2026-03-06T14:30:00Z', Session.Regular, '09:30 EST'],
      ['2026-03-06T21:00:00Z', Session.Post, '16:00 EST'],
      ['2026-03-07T01:00:00Z', Session.Closed, '20:00 EST'],
    ]);
  });

  it('the Monday after (2026-03-09) is EDT: 09:30 = 13:30Z', () => {
    expectSessions([
      ['2026-03-09T07:59:00Z', Session.Closed, '03:59 EDT'],
      ['2026-03-09T08:00:00Z', Session.Pre, '04:00 EDT'],
      ['2026-03-09T13:29:59.999Z', Session.Pre, '09:29:59.999 EDT'],
      ['2026-03-09T13:30:00Z', Session.Regular, '09:30 EDT'],
      ['2026-03-09T19:59:00Z', Session.Regular, '15:59 EDT'],
      ['2026-03-09T20:00:00Z', Session.Post, '16:00 EDT'],
      ['2026-03-09T23:59:00Z', Session.Post, '19:59 EDT'],
      ['2026-03-10T00:00:00Z', Session.Closed, '20:00 EDT'],
    ]);
    expect(dayInfo('2026-03-09')).toMatchObject({ isTradingDay: true, regularOpenMs: at('2026-03-09T13:30:00Z') });
  });

  it('fall back on Sun 2026-11-01: 02:00 EDT becomes 01:00 EST at 06:00Z', () => {
    expect(nyLocal(at('2026-11-01T05:59:59.999Z'))).toMatchObject({ day: 1, hour: 1, minute: 59, offsetMinutes: -240 });
    expect(nyLocal(at('2026-11-01T06:00:00.000Z'))).toMatchObject({ day: 1, hour: 1, minute: 0, offsetMinutes: -300 });
    const sunday = dayInfo('2026-11-01');
    expect(sunday.endMs - sunday.startMs).toBe(25 * HOUR);
    expectSessions([['2026-11-01T15:00:00Z', Session.Closed, 'Sun 10:00 EST']]);
  });

  it('the Friday before (2026-10-30) is still EDT', () => {
    expectSessions([
      ['2026-10-30T07:59:00Z', Session.Closed, '03:59 EDT'],
      ['2026-10-30T08:00:00Z', Session.Pre, '04:00 EDT'],
      ['2026-10-30T13:29:00Z', Session.Pre, '09:29 EDT'],
      ['2026-10-30T13:30:00Z', Session.Regular, '09:30 EDT'],
      ['2026-10-30T20:00:00Z', Session.Post, '16:00 EDT'],
      ['2026-10-31T00:00:00Z', Session.Closed, '20:00 EDT'],
    ]);
  });

  it('the Monday after (2026-11-02) is EST: 09:30 = 14:30Z', () => {
    expectSessions([
      ['2026-11-02T08:59:00Z', Session.Closed, '03:59 EST'],
      ['2026-11-02T09:00:00Z', Session.Pre, '04:00 EST'],
      ['2026-11-02T14:29:00Z', Session.Pre, '09:29 EST'],
      ['2026-11-02T14:30:00Z', Session.Regular, '09:30 EST'],
      ['2026-11-02T20:59:00Z', Session.Regular, '15:59 EST'],
      ['2026-11-02T21:00:00Z', Session.Post, '16:00 EST'],
      ['2026-11-03T00:59:00Z', Session.Post, '19:59 EST'],
      ['2026-11-03T01:00:00Z', Session.Closed, '20:00 EST'],
    ]);
  });
});

describe('holidays and half days', () => {
  it('Thanksgiving 2026-11-26 is closed all day, including pre and post hours', () => {
    expectSessions([
      ['2026-11-26T09:30:00Z', Session.Closed, '04:30 EST'],
      ['2026-11-26T15:00:00Z', Session.Closed, '10:00 EST'],
      ['2026-11-26T22:00:00Z', Session.Closed, '17:00 EST'],
    ]);
    expect(dayInfo('2026-11-26')).toEqual({
      date: '2026-11-26',
      startMs: at('2026-11-26T05:00:00Z'),
      endMs: at('2026-11-27T05:00:00Z'),
      isTradingDay: false,
      earlyClose: false,
      holidayName: 'Thanksgiving Day',
    });
  });

  it('the day after Thanksgiving 2026-11-27 closes at 13:00 and post runs to 17:00', () => {
    expectSessions([
      ['2026-11-27T09:00:00Z', Session.Pre, '04:00 EST'],
      ['2026-11-27T14:30:00Z', Session.Regular, '09:30 EST'],
      ['2026-11-27T17:59:00Z', Session.Regular, '12:59 EST'],
      ['2026-11-27T18:00:00Z', Session.Post, '13:00 EST'],
      ['2026-11-27T21:59:00Z', Session.Post, '16:59 EST'],
      ['2026-11-27T22:00:00Z', Session.Closed, '17:00 EST'],
    ]);
    expect(dayInfo('2026-11-27')).toEqual({
      date: '2026-11-27',
      startMs: at('2026-11-27T05:00:00Z'),
      endMs: at('2026-11-28T05:00:00Z'),
      isTradingDay: true,
      earlyClose: true,
      earlyCloseReason: 'Day after Thanksgiving',
      preOpenMs: at('2026-11-27T09:00:00Z'),
      regularOpenMs: at('2026-11-27T14:30:00Z'),
      regularCloseMs: at('2026-11-27T18:00:00Z'),
      postCloseMs: at('2026-11-27T22:00:00Z'),
    });
  });

  it('a summer half day (2025-07-03, EDT) closes at 13:00 EDT = 17:00Z', () => {
    expectSessions([
      ['2025-07-03T16:59:00Z', Session.Regular, '12:59 EDT'],
      ['2025-07-03T17:00:00Z', Session.Post, '13:00 EDT'],
      ['2025-07-03T21:00:00Z', Session.Closed, '17:00 EDT'],
    ]);
  });

  it('2025-01-09 (national day of mourning for President Carter) is closed; the days around it trade', () => {
    expectSessions([
      ['2025-01-08T15:00:00Z', Session.Regular, 'Wed 10:00 EST'],
      ['2025-01-09T10:00:00Z', Session.Closed, 'Thu 05:00 EST'],
      ['2025-01-09T15:00:00Z', Session.Closed, 'Thu 10:00 EST'],
      ['2025-01-09T22:00:00Z', Session.Closed, 'Thu 17:00 EST'],
      ['2025-01-10T15:00:00Z', Session.Regular, 'Fri 10:00 EST'],
    ]);
    expect(dayInfo('2025-01-09')).toMatchObject({ isTradingDay: false, holidayName: expect.stringContaining('Carter') });
  });

  it('2027-12-24 is the observed Christmas holiday, not a half day; 2027-12-31 trades normally', () => {
    expect(dayInfo('2027-12-24')).toMatchObject({ isTradingDay: false, holidayName: 'Christmas Day (observed)' });
    expect(dayInfo('2027-12-31')).toMatchObject({ isTradingDay: true, earlyClose: false });
  });

  it('weekends carry no holiday name and no boundaries', () => {
    const saturday = dayInfo('2026-01-17');
    expect(saturday).toEqual({
      date: '2026-01-17',
      startMs: at('2026-01-17T05:00:00Z'),
      endMs: at('2026-01-18T05:00:00Z'),
      isTradingDay: false,
      earlyClose: false,
    });
    expect('holidayName' in saturday).toBe(false);
  });

  it('every trading-day boundary in 2025–2035 is the right New York wall time (checked with Intl)', () => {
    const hhmm = (ms: number) => {
      const l = intlNy(ms);
      return `${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`;
    };
    for (let t = at('2025-01-01T12:00:00Z'); t < at('2036-01-01T00:00:00Z'); t += DAY) {
      const date = new Date(t).toISOString().slice(0, 10);
      const info = dayInfo(date);
      expect(tradingDayOf(info.startMs)).toBe(date);
      expect(tradingDayOf(info.startMs - 1)).not.toBe(date);
      expect(tradingDayOf(info.endMs)).not.toBe(date);
      expect(hhmm(info.startMs)).toBe('00:00');
      if (!info.isTradingDay) continue;
      const got = [info.preOpenMs, info.regularOpenMs, info.regularCloseMs, info.postCloseMs].map(hhmm);
      const want = info.earlyClose ? ['04:00', '09:30', '13:00', '17:00'] : ['04:00', '09:30', '16:00', '20:00'];
      expect({ date, got }).toEqual({ date, got: want });
    }
  });
});

describe('nyLocal / tradingDayOf', () => {
  it('reads New York wall time', () => {
    expect(nyLocal(at('2026-07-15T13:30:05.250Z'))).toEqual({
      year: 2026,
      month: 7,
      day: 15,
      hour: 9,
      minute: 30,
      second: 5,
      millisecond: 250,
      weekday: 3,
      offsetMinutes: -240,
    });
  });

  it('uses the New York date near midnight UTC', () => {
    expect(tradingDayOf(at('2026-01-15T04:59:59.999Z'))).toBe('2026-01-14');
    expect(tradingDayOf(at('2026-01-15T05:00:00Z'))).toBe('2026-01-15');
    expect(tradingDayOf(at('2026-07-16T03:59:59.999Z'))).toBe('2026-07-15');
    expect(tradingDayOf(at('2026-01-01T02:00:00Z'))).toBe('2025-12-31');
  });

  it('agrees with Intl America/New_York at random instants, 1990–2060', () => {
    fc.assert(
      fc.property(fc.integer({ min: at('1990-01-01T00:00:00Z'), max: at('2060-12-31T23:59:59Z') }), (t) => {
        const { millisecond: _ms, ...mine } = nyLocal(t);
        expect(mine).toEqual(intlNy(t));
      }),
      { numRuns: 20_000 },
    );
  });

  it('switches offset at exactly the instant Intl does, every year 1990–2060', () => {
    const isEdt = (ms: number) => intlNy(ms).offsetMinutes === -240;
    // Intl formats whole seconds, and the switches happen on whole seconds, so search in seconds.
    const firstWhere = (loSec: number, hiSec: number, pred: (ms: number) => boolean) => {
      while (hiSec - loSec > 1) {
        const mid = Math.floor((loSec + hiSec) / 2);
        if (pred(mid * 1000)) hiSec = mid;
        else loSec = mid;
      }
      return hiSec * 1000;
    };
    for (let year = 1990; year <= 2060; year++) {
      const jan = Date.UTC(year, 0, 15) / 1000;
      const jul = Date.UTC(year, 6, 1) / 1000;
      const dec = Date.UTC(year, 11, 15) / 1000;
      const springForward = firstWhere(jan, jul, isEdt);
      const fallBack = firstWhere(jul, dec, (ms) => !isEdt(ms));
      expect({ year, before: nyLocal(springForward - 1).offsetMinutes, after: nyLocal(springForward).offsetMinutes })
        .toEqual({ year, before: -300, after: -240 });
      expect({ year, before: nyLocal(fallBack - 1).offsetMinutes, after: nyLocal(fallBack).offsetMinutes })
        .toEqual({ year, before: -240, after: -300 });
    }
  });
});

describe('nextSessionChange', () => {
  const change = (iso: string) => {
    const next = nextSessionChange(at(iso));
    return { at: new Date(next.at).toISOString(), session: next.session };
  };

  it('steps through a trading day; a boundary instant already belongs to the new session', () => {
    expect(change('2026-01-14T08:00:00Z')).toEqual({ at: '2026-01-14T09:00:00.000Z', session: Session.Pre });
    expect(change('2026-01-14T09:00:00Z')).toEqual({ at: '2026-01-14T14:30:00.000Z', session: Session.Regular });
    expect(change('2026-01-14T14:30:00Z')).toEqual({ at: '2026-01-14T21:00:00.000Z', session: Session.Post });
    expect(change('2026-01-14T21:00:00Z')).toEqual({ at: '2026-01-15T01:00:00.000Z', session: Session.Closed });
  });

  it('skips a weekend: Fri 2026-01-09 20:00 EST → Mon 2026-01-12 04:00 EST', () => {
    expect(change('2026-01-10T01:00:00Z')).toEqual({ at: '2026-01-12T09:00:00.000Z', session: Session.Pre });
    expect(change('2026-01-10T15:00:00Z')).toEqual({ at: '2026-01-12T09:00:00.000Z', session: Session.Pre });
  });

  it('skips a weekend plus a Monday holiday: Fri 2026-01-16 → Tue 2026-01-20 (MLK Day on the 19th)', () => {
    expect(change('2026-01-17T01:00:00Z')).toEqual({ at: '2026-01-20T09:00:00.000Z', session: Session.Pre });
  });

  it('skips Thanksgiving into the half day, then follows the early boundaries', () => {
    expect(change('2026-11-26T01:00:00Z')).toEqual({ at: '2026-11-27T09:00:00.000Z', session: Session.Pre });
    expect(change('2026-11-27T17:00:00Z')).toEqual({ at: '2026-11-27T18:00:00.000Z', session: Session.Post });
    expect(change('2026-11-27T18:00:00Z')).toEqual({ at: '2026-11-27T22:00:00.000Z', session: Session.Closed });
  });

  it('crosses the spring switch: Fri 2026-03-06 20:00 EST → Mon 2026-03-09 04:00 EDT', () => {
    expect(change('2026-03-07T01:00:00Z')).toEqual({ at: '2026-03-09T08:00:00.000Z', session: Session.Pre });
  });

  it('property: the session is constant from t up to the change, and differs at it', () => {
    fc.assert(
      fc.property(fc.integer({ min: at('2024-12-20T00:00:00Z'), max: at('2036-01-10T00:00:00Z') }), (t) => {
        const now = sessionAt(t);
        const next = nextSessionChange(t);
        expect(next.at).toBeGreaterThan(t);
        expect(sessionAt(next.at)).toBe(next.session);
        expect(next.session).not.toBe(now);
        expect(sessionAt(next.at - 1)).toBe(now);
        // New York offsets are whole hours, so every boundary is on a whole UTC minute.
        for (let m = Math.floor(t / MINUTE) * MINUTE + MINUTE; m < next.at; m += MINUTE) {
          if (sessionAt(m) !== now) throw new Error(`session changed at ${new Date(m).toISOString()}, before ${next.at}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('SessionClock', () => {
  const START = at('2024-12-20T00:00:00Z');
  const END = at('2036-01-10T00:00:00Z');
  const anyInstant = fc.integer({ min: START, max: END });
  // Within 2 ms of a session boundary or midnight, at either offset: where off-by-ones would show.
  const nearBoundary = fc
    .record({
      day: fc.integer({ min: 0, max: Math.floor((END - START) / DAY) }),
      wall: fc.constantFrom(0, 4 * HOUR, 9.5 * HOUR, 13 * HOUR, 16 * HOUR, 17 * HOUR, 20 * HOUR),
      offsetHours: fc.constantFrom(4, 5),
      delta: fc.integer({ min: -2, max: 2 }),
    })
    .map(({ day, wall, offsetHours, delta }) => START + day * DAY + wall + offsetHours * HOUR + delta);

  function agreeAll(clock: SessionClock, instants: readonly number[]): void {
    for (const t of instants) {
      const fast = clock.sessionAt(t);
      const slow = sessionAt(t);
      if (fast !== slow) throw new Error(`${new Date(t).toISOString()}: clock ${fast}, sessionAt ${slow}`);
    }
  }

  it('agrees with sessionAt on random jumps in time (150k instants)', () => {
    const clock = new SessionClock();
    fc.assert(
      fc.property(fc.array(fc.oneof(anyInstant, nearBoundary), { minLength: 1000, maxLength: 1000 }), (ts) => {
        agreeAll(clock, ts);
      }),
      { numRuns: 150 },
    );
  });

  it('agrees with sessionAt on tick-like streams crossing days, both directions (150k instants)', () => {
    fc.assert(
      fc.property(
        anyInstant,
        fc.array(fc.integer({ min: 0, max: 10 * MINUTE }), { minLength: 1000, maxLength: 1000 }),
        fc.boolean(),
        (start, steps, backwards) => {
          let t = start;
          const ts = steps.map((s) => (t += backwards ? -s : s));
          agreeAll(new SessionClock(), ts);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('rejects bad input and keeps working afterwards', () => {
    const clock = new SessionClock();
    expect(clock.sessionAt(at('2026-01-14T14:30:00Z'))).toBe(Session.Regular);
    expect(errorCode(() => clock.sessionAt(NaN))).toBe('BAD_TIME');
    expect(errorCode(() => clock.sessionAt(Infinity))).toBe('BAD_TIME');
    expect(clock.sessionAt(at('2026-01-14T14:29:00Z'))).toBe(Session.Pre);
  });
});

describe('bad input', () => {
  it('non-finite or out-of-range instants throw BAD_TIME', () => {
    for (const bad of [NaN, Infinity, -Infinity, 8.64e15 + 1, -9e15]) {
      expect(errorCode(() => sessionAt(bad))).toBe('BAD_TIME');
      expect(errorCode(() => nyLocal(bad))).toBe('BAD_TIME');
      expect(errorCode(() => tradingDayOf(bad))).toBe('BAD_TIME');
      expect(errorCode(() => nextSessionChange(bad))).toBe('BAD_TIME');
      expect(errorCode(() => calendarCovers(bad))).toBe('BAD_TIME');
    }
    expect(errorCode(() => sessionAt('1767000000000' as unknown as number))).toBe('BAD_TIME');
  });

  it('malformed or impossible dates throw BAD_DATE', () => {
    for (const bad of ['', '2026-1-5', '2026-01-05T00:00', '20260105', '2026-13-01', '2026-00-10', '2026-02-29', '2026-04-31', 'abcd-ef-gh', ' 2026-01-05']) {
      expect({ bad, code: errorCode(() => dayInfo(bad)) }).toEqual({ bad, code: 'BAD_DATE' });
    }
    expect(errorCode(() => dayInfo(undefined as unknown as string))).toBe('BAD_DATE');
    expect(dayInfo('2028-02-29').isTradingDay).toBe(true); // leap day, a Tuesday
  });
});
