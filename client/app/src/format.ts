/**
 * Number and time formatting for the ticker. Every Intl formatter is built once: formatting runs only
 * for cells that changed, at most once per animation frame, but it still must not allocate formatters.
 */

const level = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const price = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const price4 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 4, maximumFractionDigits: 4 });
const pct2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const fixed3 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const NY = 'America/New_York';
const clock = new Intl.DateTimeFormat('en-US', { timeZone: NY, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const hm = new Intl.DateTimeFormat('en-US', { timeZone: NY, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dayHm = new Intl.DateTimeFormat('en-US', { timeZone: NY, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const day = new Intl.DateTimeFormat('en-US', { timeZone: NY, month: 'short', day: 'numeric' });
const date = new Intl.DateTimeFormat('en-US', { timeZone: NY, weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });
const weekday = new Intl.DateTimeFormat('en-US', { timeZone: NY, weekday: 'short' });
const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: NY, year: 'numeric', month: '2-digit', day: '2-digit' });
const offsetParts = new Intl.DateTimeFormat('en-US', {
  timeZone: NY, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
});

export const DASH = '–';

const ok = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Minus sign (U+2212) rather than a hyphen, so signed columns line up with tabular numerals. */
function signed(v: number, body: string): string {
  return v > 0 ? `+${body}` : v < 0 ? `\u2212${body}` : body;
}

export function fmtLevel(v: number | null | undefined): string {
  return ok(v) ? level.format(v) : DASH;
}

export function fmtPrice(v: number | null | undefined): string {
  if (!ok(v)) return DASH;
  return v < 1 ? price4.format(v) : price.format(v);
}

export function fmtSignedLevel(v: number | null | undefined): string {
  return ok(v) ? signed(v, level.format(Math.abs(v))) : DASH;
}

/** `v` is already in percent (the feed's change_pct). */
export function fmtSignedPct(v: number | null | undefined): string {
  return ok(v) ? signed(v, `${pct2.format(Math.abs(v))}%`) : DASH;
}

/** A fraction (the feed's weight) as percent. */
export function fmtWeight(v: number | null | undefined): string {
  return ok(v) ? `${pct2.format(v * 100)}%` : DASH;
}

export function fmtContribution(v: number | null | undefined): string {
  return ok(v) ? signed(v, fixed3.format(Math.abs(v))) : DASH;
}

/** $82.41B, $766.8M, $12.3K. */
export function fmtUsd(v: number | null | undefined, digits = 2): string {
  if (!ok(v)) return DASH;
  const a = Math.abs(v);
  const body =
    a >= 1e12 ? `${(a / 1e12).toFixed(digits)}T` :
    a >= 1e9 ? `${(a / 1e9).toFixed(digits)}B` :
    a >= 1e6 ? `${(a / 1e6).toFixed(1)}M` :
    a >= 1e3 ? `${(a / 1e3).toFixed(1)}K` : a.toFixed(0);
  return `${v < 0 ? '\u2212' : ''}$${body}`;
}

export function fmtSignedUsd(v: number | null | undefined): string {
  return ok(v) ? signed(v, fmtUsd(Math.abs(v))) : DASH;
}

/** A milestone: $90B, $100B, $82.5B. */
export function fmtMilestone(v: number): string {
  const b = v / 1e9;
  return `$${Number.isInteger(b) ? b.toFixed(0) : b.toFixed(1)}B`;
}

export function fmtInt(v: number): string {
  return int.format(v);
}

export function fmtClock(ms: number): string {
  return clock.format(ms);
}

export function fmtHm(ms: number): string {
  return hm.format(ms);
}

export function fmtDayHm(ms: number): string {
  return dayHm.format(ms);
}

export function fmtDay(ms: number): string {
  return day.format(ms);
}

export function direction(v: number | null | undefined): 'up' | 'down' | 'flat' {
  return !ok(v) || v === 0 ? 'flat' : v > 0 ? 'up' : 'down';
}

/** The market date: "Sun, Dec 6, 2026". */
export function fmtDate(ms: number): string {
  return date.format(ms);
}

/** The New York calendar day of an instant, "2026-12-06": days compare as strings. */
export function nyDay(ms: number): string {
  return ymd.format(ms);
}

/** Milliseconds New York is ahead of UTC at `ms` (negative: −5 h in winter, −4 h in summer). */
function nyOffsetMs(ms: number): number {
  const p: Record<string, number> = {};
  for (const part of offsetParts.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant it is `hours` o'clock in New York on the New York day of `ms` (04:00 → the pre-market open). */
export function nyTimeOfDay(ms: number, hours: number): number {
  const [y, m, d] = nyDay(ms).split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d) + hours * 3600_000;
  return guess - nyOffsetMs(guess);
}

/** Shares: 950, 12.3K, 4.56M. */
export function fmtVolume(v: number | null | undefined): string {
  if (!ok(v)) return DASH;
  const a = Math.abs(v);
  return a >= 1e9 ? `${(a / 1e9).toFixed(2)}B` : a >= 1e6 ? `${(a / 1e6).toFixed(2)}M` : a >= 1e4 ? `${(a / 1e3).toFixed(1)}K` : int.format(a);
}

/** True on a Saturday or Sunday in New York (no session at all; exchange holidays are the server's to say). */
export function isNyWeekend(ms: number): boolean {
  const d = weekday.format(ms);
  return d === 'Sat' || d === 'Sun';
}
