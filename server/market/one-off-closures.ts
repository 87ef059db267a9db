/**
 * The one-off closures file (data/calendar/closures.csv; format in data/calendar/README.md): days the
 * exchange closed, or closed early, that no holiday rule predicts — national days of mourning,
 * hurricanes, September 11.
 *
 * Strict like the basket loader: every mistake is a FileFormatError naming file, line and field, since
 * a misread closure would silently misclassify every print of that day. A row that repeats what the
 * rules already say (a closure on Christmas Day) is refused too: it is almost certainly a wrong date.
 */
import { readFileSync } from 'node:fs';
import { FileFormatError, HashcapError, HashcapErrorCode } from '../errors.ts';
import { daysFromIsoDate, isWeekend, isoFromDays, yearOfDay } from './civil-date.ts';
import { ruleEarlyCloses, ruleHolidays } from './nyse-holidays.ts';
import { installPath } from '../install-root.ts';

export type OneOffKind = 'closed' | 'early-close';

export interface OneOffClosure {
  /** Day number of the New York date (see civil-date.ts). */
  readonly day: number;
  /** 'YYYY-MM-DD'. */
  readonly date: string;
  /** Closed all day, or regular session to 13:00 and post-market to 17:00 like the rule half days. */
  readonly kind: OneOffKind;
  readonly name: string;
  /** Where the closure was announced, so a reader can check it. */
  readonly source: string;
}

/** The codes parseOneOffClosures throws (always as a FileFormatError); server/errors.ts says what each means. */
export type ClosuresErrorCode = Exclude<Extract<HashcapErrorCode, `CLOSURES_${string}`>, typeof HashcapErrorCode.CLOSURES_FILE>;

/** The file's column line. Cells cannot be quoted, so no cell may contain ','. */
export const CLOSURES_COLUMNS = 'date,kind,name,source';
const COLUMN_COUNT = 4;

const KINDS: readonly OneOffKind[] = ['closed', 'early-close'];
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

function fail(code: ClosuresErrorCode, file: string, line: number, field: string, detail: string): never {
  throw new FileFormatError(code, file, line, field, detail);
}

function show(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

function isKind(value: string): value is OneOffKind {
  return (KINDS as readonly string[]).includes(value);
}

function checkText(value: string, file: string, line: number, field: string): string {
  if (value === '') fail(HashcapErrorCode.CLOSURES_TEXT, file, line, field, 'must not be empty');
  if (value.includes('"')) fail(HashcapErrorCode.CLOSURES_TEXT, file, line, field, `cells are not quoted, so '"' is not allowed: ${show(value)}`);
  if (CONTROL_RE.test(value)) fail(HashcapErrorCode.CLOSURES_TEXT, file, line, field, `contains a control character: ${show(value)}`);
  if (value.trim() !== value) fail(HashcapErrorCode.CLOSURES_TEXT, file, line, field, `leading or trailing whitespace in ${show(value)}`);
  return value;
}

/** Why the rules already close (or half-close) a day, or undefined when they trade it normally. */
function ruleVerdict(day: number, kind: OneOffKind): string | undefined {
  const year = yearOfDay(day);
  const holiday = ruleHolidays(year).find((d) => d.day === day);
  if (holiday) return `the rules already close the market on ${isoFromDays(day)} (${holiday.name})`;
  const early = ruleEarlyCloses(year).find((d) => d.day === day);
  // A full closure on a rule half day is a real event (a day of mourning on Christmas Eve); a second
  // early close is not.
  if (early && kind === 'early-close') return `the rules already close early on ${isoFromDays(day)} (${early.name})`;
  return undefined;
}

/**
 * Parse and validate a one-off closures file. `file` names it in error messages. Blank lines and lines
 * starting with '#' are skipped anywhere. Throws a FileFormatError (code: ClosuresErrorCode) at the
 * first problem.
 */
export function parseOneOffClosures(text: string, file: string): OneOffClosure[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text; // spreadsheet exports add a BOM
  const lines = body.split(/\r\n|\r|\n/);
  const closures: OneOffClosure[] = [];
  let sawColumns = false;
  let previous: { day: number; line: number } | undefined;
  for (let index = 0; index < lines.length; index++) {
    const lineNo = index + 1;
    const text = lines[index] ?? '';
    if (text.trim() === '' || text.startsWith('#')) continue;
    if (!sawColumns) {
      if (text !== CLOSURES_COLUMNS) {
        fail(HashcapErrorCode.CLOSURES_COLUMNS, file, lineNo, 'columns', `expected the column line "${CLOSURES_COLUMNS}", found ${show(text)}`);
      }
      sawColumns = true;
      continue;
    }
    const cells = text.split(',');
    if (cells.length !== COLUMN_COUNT) {
      fail(HashcapErrorCode.CLOSURES_ROW, file, lineNo, 'row', `expected ${COLUMN_COUNT} cells (${CLOSURES_COLUMNS}), found ${cells.length}; cells are not quoted and cannot contain ','`);
    }
    const [date = '', kind = '', name = '', source = ''] = cells;
    const day = daysFromIsoDate(date);
    if (day === undefined) fail(HashcapErrorCode.CLOSURES_DATE, file, lineNo, 'date', `expected a real date written YYYY-MM-DD, found ${show(date)}`);
    if (isWeekend(day)) fail(HashcapErrorCode.CLOSURES_DATE, file, lineNo, 'date', `${date} is a weekend; the market is closed anyway`);
    if (previous !== undefined && day <= previous.day) {
      const what = day === previous.day ? 'repeats the date of' : 'comes before the date of';
      fail(HashcapErrorCode.CLOSURES_DATE, file, lineNo, 'date', `${date} ${what} line ${previous.line}; rows are one per day, in date order`);
    }
    if (!isKind(kind)) fail(HashcapErrorCode.CLOSURES_KIND, file, lineNo, 'kind', `expected one of ${KINDS.join(', ')}, found ${show(kind)}`);
    const verdict = ruleVerdict(day, kind);
    if (verdict !== undefined) fail(HashcapErrorCode.CLOSURES_DATE, file, lineNo, 'date', `${verdict}; list only days no rule predicts`);
    closures.push({
      day,
      date,
      kind,
      name: checkText(name, file, lineNo, 'name'),
      source: checkText(source, file, lineNo, 'source'),
    });
    previous = { day, line: lineNo };
  }
  if (!sawColumns) {
    fail(HashcapErrorCode.CLOSURES_COLUMNS, file, Math.max(1, lines.length), 'columns', `no column line; expected "${CLOSURES_COLUMNS}"`);
  }
  return closures;
}

/** The closures shipped in data/calendar/, found from the install root (not the cwd). */
export function defaultOneOffClosuresPath(): string {
  return installPath('data', 'calendar', 'closures.csv');
}

/**
 * Read and parse a closures file. Synchronous because the session calendar is: it is read once, when
 * sessions.ts is first imported, so a broken file stops the server at startup rather than
 * misclassifying prints later. An unreadable or non-UTF-8 file is a HashcapError 'CLOSURES_FILE'.
 */
export function loadOneOffClosuresFile(path: string): OneOffClosure[] {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new HashcapError(HashcapErrorCode.CLOSURES_FILE, `cannot read one-off closures file ${path}: ${reason}`, { cause });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new HashcapError(HashcapErrorCode.CLOSURES_FILE, `one-off closures file ${path} is not valid UTF-8`, { cause });
  }
  return parseOneOffClosures(text, path);
}
