/**
 * NYSE / Nasdaq market holidays and 13:00 early closes, from the NYSE holiday calendar.
 * Dates are New York calendar dates. Extend the list (and HOLIDAY_DATA_YEARS) once NYSE publishes
 * later years; until then `calendarCovers` lets callers warn that days may be misclassified.
 */
export interface MarketDay {
  /** 'YYYY-MM-DD', New York date. */
  readonly date: string;
  readonly name: string;
}

/** First and last calendar years for which the lists below are complete. */
export const HOLIDAY_DATA_YEARS = { first: 2025, last: 2027 } as const;

/** Markets closed all day: no pre-market, regular or post-market session. */
export const FULL_CLOSURES: readonly MarketDay[] = [
  { date: '2025-01-01', name: "New Year's Day" },
  // Unscheduled: NYSE closed for the national day of mourning for President Jimmy Carter.
  { date: '2025-01-09', name: 'National Day of Mourning (President Carter)' },
  { date: '2025-01-20', name: 'Martin Luther King, Jr. Day' },
  { date: '2025-02-17', name: "Washington's Birthday" },
  { date: '2025-04-18', name: 'Good Friday' },
  { date: '2025-05-26', name: 'Memorial Day' },
  { date: '2025-06-19', name: 'Juneteenth National Independence Day' },
  { date: '2025-07-04', name: 'Independence Day' },
  { date: '2025-09-01', name: 'Labor Day' },
  { date: '2025-11-27', name: 'Thanksgiving Day' },
  { date: '2025-12-25', name: 'Christmas Day' },

  { date: '2026-01-01', name: "New Year's Day" },
  { date: '2026-01-19', name: 'Martin Luther King, Jr. Day' },
  { date: '2026-02-16', name: "Washington's Birthday" },
  { date: '2026-04-03', name: 'Good Friday' },
  { date: '2026-05-25', name: 'Memorial Day' },
  { date: '2026-06-19', name: 'Juneteenth National Independence Day' },
  { date: '2026-07-03', name: 'Independence Day (observed)' },
  { date: '2026-09-07', name: 'Labor Day' },
  { date: '2026-11-26', name: 'Thanksgiving Day' },
  { date: '2026-12-25', name: 'Christmas Day' },

  { date: '2027-01-01', name: "New Year's Day" },
  { date: '2027-01-18', name: 'Martin Luther King, Jr. Day' },
  { date: '2027-02-15', name: "Washington's Birthday" },
  { date: '2027-03-26', name: 'Good Friday' },
  { date: '2027-05-31', name: 'Memorial Day' },
  { date: '2027-06-18', name: 'Juneteenth National Independence Day (observed)' },
  { date: '2027-07-05', name: 'Independence Day (observed)' },
  { date: '2027-09-06', name: 'Labor Day' },
  { date: '2027-11-25', name: 'Thanksgiving Day' },
  { date: '2027-12-24', name: 'Christmas Day (observed)' },
  // New Year's Day 2028 is a Saturday and NYSE does not close on Friday 2027-12-31 (year-end rule).
];

/**
 * Regular session ends at 13:00 New York time. NYSE Arca / Nasdaq extended hours then end at 17:00.
 * There is no early close before a Friday-observed July 4 (2026) nor on a Christmas Eve that is
 * itself the observed holiday (2027).
 */
export const EARLY_CLOSES: readonly MarketDay[] = [
  { date: '2025-07-03', name: 'Day before Independence Day' },
  { date: '2025-11-28', name: 'Day after Thanksgiving' },
  { date: '2025-12-24', name: 'Christmas Eve' },

  { date: '2026-11-27', name: 'Day after Thanksgiving' },
  { date: '2026-12-24', name: 'Christmas Eve' },

  { date: '2027-11-26', name: 'Day after Thanksgiving' },
];
