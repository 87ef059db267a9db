/**
 * Basket file format (version 1): parse, validate and serialize. Pure — text in, `Basket` out; the file
 * I/O lives in basket-file.ts. The format is documented in data/baskets/README.md.
 *
 * A basket file is CSV rather than JSON so that every mistake can be reported as `file:line: field`,
 * and so that a person can diff, review and edit it in a spreadsheet. Parsing is deliberately strict:
 * a basket sets the index level, so a silently misread number is worse than a refusal to start.
 */
import { FileFormatError, HashcapErrorCode } from '../errors.ts';
import type { Basket, Constituent } from './basket-types.ts';

/** The only basket format version this build reads and writes. */
export const BASKET_FORMAT_VERSION = 1;

/** The codes parseBasket throws (always as a FileFormatError); server/errors.ts says what each means. */
export type BasketErrorCode = Exclude<
  Extract<HashcapErrorCode, `BASKET_${string}`>,
  typeof HashcapErrorCode.BASKET_FILE | typeof HashcapErrorCode.BASKET_DUPLICATE_ID
>;

/** Every column a basket file may have, in the order serializeBasket writes them. */
export const BASKET_COLUMNS = [
  'ticker',
  'name',
  'exchange',
  'shares_outstanding',
  'float_factor',
  'cap_factor',
  'previous_close',
  'shares_source',
  'shares_date',
  'price_source',
  'price_date',
] as const;

export type BasketColumn = (typeof BASKET_COLUMNS)[number];

const REQUIRED_COLUMNS: readonly BasketColumn[] = ['ticker', 'name', 'exchange', 'shares_outstanding', 'previous_close'];

const VERSION_KEY = 'hashcap-basket';
const HEADER_KEYS = ['id', 'name', 'revision', 'base_level', 'reference_date', 'milestones_usd'] as const;
type HeaderKey = (typeof HEADER_KEYS)[number];

const TICKER_RE = /^[A-Z][A-Z0-9.\-]{0,9}$/;
const ID_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const REVISION_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const HEADER_KEY_RE = /^[a-z][a-z0-9_-]*$/;
// Plain decimal literals only: `Number()` would also accept '', ' 12 ', '0x1f', '1e9', 'Infinity'.
const INTEGER_RE = /^(?:0|[1-9][0-9]*)$/;
const DECIMAL_RE = /^(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;
const ISO_DATE_RE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
// C0 controls and DEL: they cannot be written back on one line or are invisible in an editor.
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

/** One physical line of the file; `no` is 1-based, as an editor shows it. */
interface Line {
  readonly no: number;
  readonly text: string;
}

/** The header while it is being read: keys arrive one line at a time. */
interface HeaderDraft {
  id?: string;
  name?: string;
  revision?: string;
  baseLevel?: number;
  referenceDate?: string;
  milestonesUsd?: number[];
}

type Header = Required<HeaderDraft>;

function fail(code: BasketErrorCode, file: string, line: number, field: string, detail: string): never {
  throw new FileFormatError(code, file, line, field, detail);
}

/** Show a value in a message so that empty strings and stray spaces are visible. */
function show(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/**
 * Parse and validate a basket file. `source` names the file in error messages and becomes
 * `Basket.source`. Throws a FileFormatError (code: BasketErrorCode) at the first problem found.
 */
export function parseBasket(text: string, source: string): Basket {
  const lines = physicalLines(text);
  let version: number | undefined;
  const draft: HeaderDraft = {};
  const seenKeys = new Map<string, number>();
  let header: Header | undefined;
  let columns: readonly BasketColumn[] | undefined;
  let columnsLine = 0;
  const constituents: Constituent[] = [];
  const tickerLines = new Map<string, number>();

  for (const line of lines) {
    if (line.text.trim() === '') continue;
    if (version === undefined) {
      version = readVersionLine(line, source);
      seenKeys.set(VERSION_KEY, line.no);
    } else if (columns === undefined && line.text.startsWith('#')) {
      readHeaderLine(line, source, draft, seenKeys);
    } else if (line.text.startsWith('#')) {
      // Rather than skip it as a comment: a header line placed after the columns would be silently lost.
      fail(HashcapErrorCode.BASKET_HEADER, source, line.no, 'header', 'header lines must come before the column line');
    } else if (columns === undefined) {
      // The first line that is not a header line ends the header and names the columns.
      header = completeHeader(draft, source, line.no);
      columns = readColumnLine(line, source);
      columnsLine = line.no;
    } else {
      const constituent = readRow(line, source, columns);
      checkUniqueTicker(constituent.ticker, source, line.no, tickerLines);
      constituents.push(constituent);
    }
  }

  const lastLine = lines.length;
  if (version === undefined) {
    fail(HashcapErrorCode.BASKET_VERSION, source, 1, VERSION_KEY, `empty file; a basket file starts with "# ${VERSION_KEY}: ${BASKET_FORMAT_VERSION}"`);
  }
  if (header === undefined || columns === undefined) {
    completeHeader(draft, source, lastLine);
    fail(HashcapErrorCode.BASKET_COLUMN, source, lastLine, 'columns', `no column line after the header (expected e.g. "${REQUIRED_COLUMNS.join(',')}")`);
  }
  if (constituents.length === 0) {
    fail(HashcapErrorCode.BASKET_EMPTY, source, columnsLine, 'constituents', 'the basket has no constituents after the column line');
  }
  return { ...header, formatVersion: version, constituents, source };
}

/** Split into physical lines (LF, CRLF or CR) so line numbers match what an editor shows. */
function physicalLines(text: string): Line[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text; // spreadsheet exports add a BOM
  const parts = body.split(/\r\n|\r|\n/);
  // A final newline terminates the last line; it does not start another one.
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts.map((lineText, index) => ({ no: index + 1, text: lineText }));
}

/** Split a `# key: value` line; the value may itself contain ':' (e.g. in a name). */
function splitHeaderLine(line: Line, file: string): { key: string; value: string } {
  const body = line.text.slice(1);
  const colon = body.indexOf(':');
  const key = colon < 0 ? '' : body.slice(0, colon).trim();
  if (!HEADER_KEY_RE.test(key)) {
    fail(HashcapErrorCode.BASKET_HEADER, file, line.no, 'header', `expected "# key: value", found ${show(line.text)}`);
  }
  return { key, value: body.slice(colon + 1).trim() };
}

function readVersionLine(line: Line, file: string): number {
  const expected = `"# ${VERSION_KEY}: ${BASKET_FORMAT_VERSION}"`;
  if (!line.text.startsWith('#')) {
    fail(HashcapErrorCode.BASKET_VERSION, file, line.no, VERSION_KEY, `a basket file starts with ${expected}, found ${show(line.text)}`);
  }
  const body = line.text.slice(1);
  const colon = body.indexOf(':');
  const key = colon < 0 ? '' : body.slice(0, colon).trim();
  if (key !== VERSION_KEY) {
    fail(HashcapErrorCode.BASKET_VERSION, file, line.no, VERSION_KEY, `a basket file starts with ${expected}, found ${show(line.text)}`);
  }
  const value = body.slice(colon + 1).trim();
  if (!INTEGER_RE.test(value)) {
    fail(HashcapErrorCode.BASKET_VERSION, file, line.no, VERSION_KEY, `format version must be an integer, found ${show(value)}`);
  }
  const version = Number(value);
  if (version !== BASKET_FORMAT_VERSION) {
    fail(HashcapErrorCode.BASKET_VERSION, file, line.no, VERSION_KEY, `unsupported format version ${value}; this build reads version ${BASKET_FORMAT_VERSION}`);
  }
  return version;
}

function isHeaderKey(key: string): key is HeaderKey {
  return (HEADER_KEYS as readonly string[]).includes(key);
}

function readHeaderLine(line: Line, file: string, draft: HeaderDraft, seenKeys: Map<string, number>): void {
  const { key, value } = splitHeaderLine(line, file);
  const firstLine = seenKeys.get(key);
  if (firstLine !== undefined) {
    fail(HashcapErrorCode.BASKET_HEADER, file, line.no, key, `duplicate header key (first set on line ${firstLine})`);
  }
  if (!isHeaderKey(key)) {
    fail(HashcapErrorCode.BASKET_HEADER, file, line.no, key, `unknown header key; known keys: ${HEADER_KEYS.join(', ')}`);
  }
  seenKeys.set(key, line.no);
  applyHeaderValue(key, value, file, line.no, draft);
}

function applyHeaderValue(key: HeaderKey, value: string, file: string, line: number, draft: HeaderDraft): void {
  switch (key) {
    case 'id':
      if (!ID_RE.test(value)) {
        fail(HashcapErrorCode.BASKET_ID, file, line, key, `id must be 1-64 lower-case letters, digits, '-' or '_' (it names the channel index.<id>), found ${show(value)}`);
      }
      draft.id = value;
      return;
    case 'name':
      draft.name = checkText(value, true, file, line, key);
      return;
    case 'revision':
      if (!REVISION_RE.test(value)) {
        fail(HashcapErrorCode.BASKET_HEADER, file, line, key, `revision must be 1-64 letters, digits, '.', '-' or '_' (e.g. 2026-01-30.1), found ${show(value)}`);
      }
      draft.revision = value;
      return;
    case 'base_level':
      draft.baseLevel = parsePositiveDecimal(value, HashcapErrorCode.BASKET_HEADER, file, line, key);
      return;
    case 'reference_date':
      draft.referenceDate = checkDate(value, file, line, key);
      return;
    case 'milestones_usd':
      draft.milestonesUsd = parseMilestones(value, file, line);
      return;
  }
}

function parseMilestones(value: string, file: string, line: number): number[] {
  const words = value === '' ? [] : value.split(/\s+/);
  const milestones = words.map((word) => parsePositiveDecimal(word, HashcapErrorCode.BASKET_HEADER, file, line, 'milestones_usd'));
  milestones.sort((a, b) => a - b);
  const repeated = milestones.find((m, i) => i > 0 && milestones[i - 1] === m);
  if (repeated !== undefined) {
    // A repeated threshold is almost certainly a typo for a different one.
    fail(HashcapErrorCode.BASKET_HEADER, file, line, 'milestones_usd', `milestone ${formatDecimal(repeated)} is listed twice`);
  }
  return milestones;
}

/** Check that every required header key was given; `line` is where the header ended. */
function completeHeader(draft: HeaderDraft, file: string, line: number): Header {
  const need = <T>(value: T | undefined, key: HeaderKey): T =>
    value ?? fail(HashcapErrorCode.BASKET_HEADER, file, line, key, `missing required header "# ${key}: ..." before the column line`);
  return {
    id: need(draft.id, 'id'),
    name: need(draft.name, 'name'),
    revision: need(draft.revision, 'revision'),
    baseLevel: need(draft.baseLevel, 'base_level'),
    referenceDate: need(draft.referenceDate, 'reference_date'),
    milestonesUsd: draft.milestonesUsd ?? [],
  };
}

function isColumn(name: string): name is BasketColumn {
  return (BASKET_COLUMNS as readonly string[]).includes(name);
}

function readColumnLine(line: Line, file: string): BasketColumn[] {
  const names = splitCsvLine(line.text, file, line.no, () => 'columns');
  const columns: BasketColumn[] = [];
  for (const name of names) {
    if (!isColumn(name)) {
      fail(HashcapErrorCode.BASKET_COLUMN, file, line.no, name, `unknown column ${show(name)}; known columns: ${BASKET_COLUMNS.join(', ')}`);
    }
    if (columns.includes(name)) {
      fail(HashcapErrorCode.BASKET_COLUMN, file, line.no, name, `duplicate column ${show(name)}`);
    }
    columns.push(name);
  }
  for (const required of REQUIRED_COLUMNS) {
    if (!columns.includes(required)) {
      fail(HashcapErrorCode.BASKET_COLUMN, file, line.no, required, `missing required column "${required}"`);
    }
  }
  return columns;
}

/**
 * Split one CSV line (RFC 4180 quoting: a field may be wrapped in '"', with '""' for a quote inside).
 * Fields never span lines. `fieldAt` names the column of a cell index for error messages.
 * Runs in linear time whatever the input, so garbage cannot hang the loader.
 */
function splitCsvLine(text: string, file: string, line: number, fieldAt: (index: number) => string): string[] {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    const field = fieldAt(cells.length);
    if (text[i] === '"') {
      const { value, end } = readQuotedField(text, i, file, line, field);
      cells.push(value);
      if (end === text.length) return cells;
      if (text[end] !== ',') {
        fail(HashcapErrorCode.BASKET_QUOTE, file, line, field, `unexpected ${show(text[end] ?? '')} after a closing quote (column ${cells.length})`);
      }
      i = end + 1;
    } else {
      const comma = text.indexOf(',', i);
      const end = comma < 0 ? text.length : comma;
      const value = text.slice(i, end);
      if (value.includes('"')) {
        fail(HashcapErrorCode.BASKET_QUOTE, file, line, field, `a quote inside an unquoted field (column ${cells.length + 1}); wrap the field in quotes and double the quotes inside`);
      }
      cells.push(value);
      if (comma < 0) return cells;
      i = comma + 1;
    }
  }
}

/** Read a quoted field starting at `start` (the opening quote); `end` is just past the closing quote. */
function readQuotedField(text: string, start: number, file: string, line: number, field: string): { value: string; end: number } {
  const pieces: string[] = [];
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote < 0) {
      fail(HashcapErrorCode.BASKET_QUOTE, file, line, field, 'unterminated quoted field (fields cannot span lines)');
    }
    pieces.push(text.slice(i, quote));
    if (text[quote + 1] !== '"') return { value: pieces.join(''), end: quote + 1 };
    pieces.push('"');
    i = quote + 2;
  }
}

function readRow(line: Line, file: string, columns: readonly BasketColumn[]): Constituent {
  const fieldAt = (index: number): string => columns[index] ?? `column ${index + 1}`;
  const cells = splitCsvLine(line.text, file, line.no, fieldAt);
  if (cells.length !== columns.length) {
    fail(HashcapErrorCode.BASKET_ROW, file, line.no, 'row', `expected ${columns.length} cells (one per column), found ${cells.length}`);
  }
  const byColumn = new Map<BasketColumn, string>();
  columns.forEach((column, index) => byColumn.set(column, cells[index] ?? ''));
  // Required columns are known to be present; optional ones read as '' when absent.
  const cell = (column: BasketColumn): string => byColumn.get(column) ?? '';
  const n = line.no;
  return {
    ticker: checkTicker(cell('ticker'), file, n),
    name: checkText(cell('name'), true, file, n, 'name'),
    exchange: checkText(cell('exchange'), true, file, n, 'exchange'),
    sharesOutstanding: parseShares(cell('shares_outstanding'), file, n),
    floatFactor: parseFactor(cell('float_factor'), file, n, 'float_factor'),
    capFactor: parseFactor(cell('cap_factor'), file, n, 'cap_factor'),
    previousClose: parsePositiveDecimal(cell('previous_close'), HashcapErrorCode.BASKET_PRICE, file, n, 'previous_close'),
    sharesSource: checkText(cell('shares_source'), false, file, n, 'shares_source'),
    sharesDate: checkOptionalDate(cell('shares_date'), file, n, 'shares_date'),
    priceSource: checkText(cell('price_source'), false, file, n, 'price_source'),
    priceDate: checkOptionalDate(cell('price_date'), file, n, 'price_date'),
  };
}

// ---------------------------------------------------------------------------------------------
// Field checks
// ---------------------------------------------------------------------------------------------

function checkTicker(value: string, file: string, line: number): string {
  if (value === '') fail(HashcapErrorCode.BASKET_TICKER, file, line, 'ticker', 'empty ticker');
  if (!TICKER_RE.test(value)) {
    fail(HashcapErrorCode.BASKET_TICKER, file, line, 'ticker', `ticker must be 1-10 upper-case letters, digits, '.' or '-', starting with a letter; found ${show(value)}`);
  }
  return value;
}

function checkUniqueTicker(ticker: string, file: string, line: number, seen: Map<string, number>): void {
  const first = seen.get(ticker);
  if (first !== undefined) {
    fail(HashcapErrorCode.BASKET_TICKER, file, line, 'ticker', `duplicate ticker ${ticker} (first on line ${first})`);
  }
  seen.set(ticker, line);
}

/**
 * Free text (names, exchanges, sources). Surrounding whitespace is refused rather than trimmed, so
 * a hand-written "IREN, IREN Ltd" is caught instead of quietly changing the name.
 */
function checkText(value: string, required: boolean, file: string, line: number, field: string): string {
  if (required && value === '') fail(HashcapErrorCode.BASKET_TEXT, file, line, field, 'must not be empty');
  if (CONTROL_RE.test(value)) fail(HashcapErrorCode.BASKET_TEXT, file, line, field, `contains a control character: ${show(value)}`);
  if (value.trim() !== value) fail(HashcapErrorCode.BASKET_TEXT, file, line, field, `leading or trailing whitespace in ${show(value)}`);
  return value;
}

function parseShares(value: string, file: string, line: number): number {
  if (!INTEGER_RE.test(value)) {
    fail(HashcapErrorCode.BASKET_SHARES, file, line, 'shares_outstanding', `must be a positive whole number written in digits (no sign, separators, decimals or exponent), found ${show(value)}`);
  }
  const shares = Number(value);
  if (shares === 0) fail(HashcapErrorCode.BASKET_SHARES, file, line, 'shares_outstanding', 'must be positive, found 0');
  if (!Number.isSafeInteger(shares)) {
    fail(HashcapErrorCode.BASKET_SHARES, file, line, 'shares_outstanding', `${value} exceeds ${Number.MAX_SAFE_INTEGER} and cannot be held exactly`);
  }
  return shares;
}

function parsePositiveDecimal(value: string, code: BasketErrorCode, file: string, line: number, field: string): number {
  if (!DECIMAL_RE.test(value)) {
    fail(code, file, line, field, `must be a positive decimal number like 48.45 (no sign, exponent or separators), found ${show(value)}`);
  }
  const number = Number(value);
  // The regex admits huge or tiny literals that round to Infinity or 0.
  if (!Number.isFinite(number)) fail(code, file, line, field, `${show(value)} is too large`);
  if (number <= 0) fail(code, file, line, field, `must be greater than 0, found ${show(value)}`);
  return number;
}

/** A factor in (0, 1]; an empty cell (or an absent column) means 1, i.e. no adjustment. */
function parseFactor(value: string, file: string, line: number, field: string): number {
  if (value === '') return 1;
  if (!DECIMAL_RE.test(value)) {
    fail(HashcapErrorCode.BASKET_FACTOR, file, line, field, `must be a decimal in (0, 1] or empty, found ${show(value)}`);
  }
  const factor = Number(value);
  if (!(factor > 0 && factor <= 1)) fail(HashcapErrorCode.BASKET_FACTOR, file, line, field, `must be in (0, 1], found ${show(value)}`);
  return factor;
}

function checkOptionalDate(value: string, file: string, line: number, field: string): string {
  return value === '' ? '' : checkDate(value, file, line, field);
}

function checkDate(value: string, file: string, line: number, field: string): string {
  if (!isIsoDate(value)) fail(HashcapErrorCode.BASKET_DATE, file, line, field, `must be a calendar date written YYYY-MM-DD, found ${show(value)}`);
  return value;
}

/** True for a real calendar date written YYYY-MM-DD (2025-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE_RE.exec(value);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= daysInMonth;
}

// ---------------------------------------------------------------------------------------------
// Serialization
// ---------------------------------------------------------------------------------------------

/**
 * Write a basket in format version 1, all columns, in BASKET_COLUMNS order. For any valid basket
 * (e.g. one parseBasket returned), `parseBasket(serializeBasket(b), b.source)` deep-equals `b`.
 */
export function serializeBasket(basket: Basket): string {
  const lines = [
    `# ${VERSION_KEY}: ${BASKET_FORMAT_VERSION}`,
    `# id: ${basket.id}`,
    `# name: ${basket.name}`,
    `# revision: ${basket.revision}`,
    `# base_level: ${formatDecimal(basket.baseLevel)}`,
    `# reference_date: ${basket.referenceDate}`,
  ];
  if (basket.milestonesUsd.length > 0) {
    lines.push(`# milestones_usd: ${basket.milestonesUsd.map(formatDecimal).join(' ')}`);
  }
  lines.push(BASKET_COLUMNS.join(','));
  for (const c of basket.constituents) lines.push(serializeRow(c));
  return `${lines.join('\n')}\n`;
}

function serializeRow(c: Constituent): string {
  const cells: Record<BasketColumn, string> = {
    ticker: c.ticker,
    name: c.name,
    exchange: c.exchange,
    shares_outstanding: String(c.sharesOutstanding),
    // 1 is the default; leaving it empty keeps files readable and marks "no adjustment".
    float_factor: c.floatFactor === 1 ? '' : formatDecimal(c.floatFactor),
    cap_factor: c.capFactor === 1 ? '' : formatDecimal(c.capFactor),
    previous_close: formatDecimal(c.previousClose),
    shares_source: c.sharesSource,
    shares_date: c.sharesDate,
    price_source: c.priceSource,
    price_date: c.priceDate,
  };
  return BASKET_COLUMNS.map((column) => quoteCsv(cells[column])).join(',');
}

function quoteCsv(value: string): string {
  return /[",]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A number as a plain decimal literal that parses back to the same double. `String(n)` gives the
 * shortest round-tripping digits but switches to exponent form below 1e-6 and from 1e21, which the
 * strict parser refuses; expanding those digits by hand keeps the value exact.
 */
export function formatDecimal(n: number): string {
  const text = String(n);
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (match === null) return text;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exponent); // position of the decimal point within `digits`
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
