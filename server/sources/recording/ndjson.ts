/**
 * The NDJSON recording (`.ndjson`, `.jsonl`, optionally gzipped): a header line, then one line per
 * tick, the Tick in the protobuf JSON mapping plus `"batch"` and `"publisher"` (format.ts describes the
 * layout). The writer the recorder uses and the parser the reader uses; tick lines are read by the one
 * JSON tick reader (../../tick/json.ts), the one the ingest codec uses.
 */
import { TextDecoder } from 'node:util';
import { Buffer } from 'node:buffer';
import { describeJson, readJsonTick, TickJsonError } from '../../tick/json.ts';
import { nameOfKind, type Tick } from '../../tick/tick.ts';
import type { ByteSource } from './byte-source.ts';
import { errorText, RecordingCode, RecordingError } from './errors.ts';
import { BINARY_MAGIC, FORMAT_VERSION, newestTime, type FormatParser, type Limits, type RecordedBatch } from './format.ts';

// ------------------------------------------------------------------------------------ writing

export function ndjsonHeaderLine(startedMs: number, basket: string): string {
  return `${JSON.stringify({ hashcap_recording: FORMAT_VERSION, format: 'ndjson', started: new Date(startedMs).toISOString(), basket })}\n`;
}

/** A double per the JSON mapping: a number, or "NaN" / "Infinity" / "-Infinity". */
function jsonDouble(v: number): string {
  return Number.isFinite(v) ? String(v) : `"${String(v)}"`;
}

const KIND_JSON: readonly string[] = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => {
  const name = nameOfKind(k);
  return name === undefined ? String(k) : `"${name}"`;
});

function kindName(kind: number): string {
  if (kind >= 0 && kind < KIND_JSON.length) return KIND_JSON[kind]!;
  const name = nameOfKind(kind);
  return name === undefined ? String(kind) : `"${name}"`;
}

/**
 * One batch as NDJSON lines (each ending in "\n"). `publisherJson` is JSON.stringify(publisher), made
 * once per batch.
 */
export function ndjsonBatch(batch: number, publisherJson: string, ticks: readonly Tick[]): string {
  const head = `{"batch":${batch},"publisher":${publisherJson},"symbol":`;
  let out = '';
  for (const t of ticks) {
    let line = `${head}${JSON.stringify(t.symbol)},"kind":${kindName(t.kind)}`;
    if (t.price !== 0) line += `,"price":${jsonDouble(t.price)}`;
    if (t.size !== 0) line += `,"size":${jsonDouble(t.size)}`;
    if (t.bid !== 0) line += `,"bid":${jsonDouble(t.bid)}`;
    if (t.ask !== 0) line += `,"ask":${jsonDouble(t.ask)}`;
    if (t.bidSize !== 0) line += `,"bidSize":${jsonDouble(t.bidSize)}`;
    if (t.askSize !== 0) line += `,"askSize":${jsonDouble(t.askSize)}`;
    line += `,"timeMs":${jsonDouble(t.timeMs)}`;
    if (t.seq !== 0) line += `,"seq":"${t.seq}"`;
    if (t.conditions.length > 0) line += `,"conditions":${JSON.stringify(t.conditions)}`;
    if (t.originalSeq !== 0) line += `,"originalSeq":"${t.originalSeq}"`;
    out += `${line}}\n`;
  }
  return out;
}

// ------------------------------------------------------------------------------------ reading

interface TickLine {
  readonly batch: number;
  readonly publisher: string;
  readonly tick: Tick;
  readonly line: number;
}

class LineError extends Error {
  readonly field: string;
  constructor(field: string, detail: string) {
    super(detail);
    this.field = field;
  }
}

/** The keys of a tick line that are not Tick fields: read here, skipped by the tick reader. */
const LINE_KEYS: ReadonlySet<string> = new Set(['batch', 'publisher']);

/**
 * One tick line: the Tick in the protobuf JSON mapping (read by tick/json.ts, the reader the ingest
 * codec uses, so a line is accepted exactly when the same tick sent to /v1/ingest as JSON would
 * decode) plus "batch" and "publisher".
 */
function parseTickLine(value: unknown): { batch: number; publisher: string; tick: Tick } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new LineError('line', `must be a JSON object, got ${describeJson(value)}`);
  }
  const o = value as Record<string, unknown>;
  const batch = Object.hasOwn(o, 'batch') ? o['batch'] : undefined;
  if (batch === undefined) throw new LineError('batch', 'is missing');
  if (!(typeof batch === 'number' && Number.isSafeInteger(batch) && batch >= 0)) {
    throw new LineError('batch', `must be a non-negative integer, got ${describeJson(batch)}`);
  }
  const publisher = Object.hasOwn(o, 'publisher') ? o['publisher'] : undefined;
  if (publisher === undefined) throw new LineError('publisher', 'is missing');
  if (typeof publisher !== 'string') throw new LineError('publisher', `must be a string, got ${describeJson(publisher)}`);
  let tick: Tick;
  try {
    tick = readJsonTick(o, LINE_KEYS);
  } catch (error) {
    if (error instanceof TickJsonError) throw new LineError(error.field === '' ? 'tick' : error.field, error.detail);
    throw error;
  }
  return { batch, publisher, tick };
}

export class NdjsonParser implements FormatParser {
  readonly format = 'ndjson' as const;
  private readonly source: ByteSource;
  private readonly limits: Limits;
  private readonly utf8: TextDecoder;
  private text: string;
  private textPos: number;
  private lineNo: number;
  private eof: boolean;
  /** The first tick of the next batch, read ahead to find where the current one ends. */
  private pending: TickLine | null;
  /** An error met while reading ahead: thrown by the next call, after the batch before it. */
  private pendingError: unknown;
  private lastTimeMs: number;

  constructor(source: ByteSource, first: Buffer, limits: Limits) {
    this.source = source;
    this.limits = limits;
    this.utf8 = new TextDecoder('utf-8', { fatal: true });
    this.text = '';
    this.textPos = 0;
    this.lineNo = 0;
    this.eof = false;
    this.pending = null;
    this.pendingError = null;
    this.lastTimeMs = 0;
    this.append(first);
  }

  private fail(code: RecordingCode, line: number, detail: string, cause?: unknown): RecordingError {
    return new RecordingError(code, { file: this.source.file, line }, detail, cause === undefined ? undefined : { cause });
  }

  private append(chunk: Buffer): void {
    let decoded: string;
    try {
      decoded = this.utf8.decode(chunk, { stream: true });
    } catch (error) {
      // Name the line the bad bytes are on: count the lines before the first replacement character.
      const lossy = new TextDecoder('utf-8').decode(chunk);
      const before = this.text.slice(this.textPos) + lossy.slice(0, Math.max(0, lossy.indexOf('\uFFFD')));
      let line = this.lineNo + 1;
      for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
      throw this.fail(RecordingCode.CORRUPT, line, 'invalid UTF-8', error);
    }
    this.text = this.textPos >= this.text.length ? decoded : this.text.slice(this.textPos) + decoded;
    this.textPos = 0;
  }

  /** The next line (without its newline) and whether it had one; null at the end of the file. */
  private async line(): Promise<{ text: string; terminated: boolean } | null> {
    for (;;) {
      const nl = this.text.indexOf('\n', this.textPos);
      if (nl >= 0) {
        let end = nl;
        if (end > this.textPos && this.text.charCodeAt(end - 1) === 0x0d) end--;
        const line = this.text.slice(this.textPos, end);
        this.textPos = nl + 1;
        this.lineNo++;
        return { text: line, terminated: true };
      }
      if (this.text.length - this.textPos > this.limits.maxLineBytes) {
        throw this.fail(RecordingCode.CORRUPT, this.lineNo + 1, `line is longer than ${this.limits.maxLineBytes} characters`);
      }
      if (this.eof) {
        if (this.textPos >= this.text.length) return null;
        const line = this.text.slice(this.textPos);
        this.textPos = this.text.length;
        this.lineNo++;
        return { text: line, terminated: false };
      }
      const chunk = await this.source.next();
      if (chunk === null) {
        this.eof = true;
        try {
          const tail = this.utf8.decode();
          if (tail.length > 0) this.text = this.text.slice(this.textPos) + tail;
        } catch (error) {
          throw this.fail(RecordingCode.TRUNCATED, this.lineNo + 1, 'the file ends inside a UTF-8 character', error);
        }
        if (this.textPos > 0 && this.textPos < this.text.length) {
          this.text = this.text.slice(this.textPos);
          this.textPos = 0;
        }
      } else {
        this.append(chunk);
      }
    }
  }

  private parseJson(line: { text: string; terminated: boolean }): unknown {
    try {
      return JSON.parse(line.text);
    } catch (error) {
      if (!line.terminated) {
        throw this.fail(RecordingCode.TRUNCATED, this.lineNo, 'the last line is cut off (no newline at the end of the file, and not valid JSON)', error);
      }
      throw this.fail(RecordingCode.CORRUPT, this.lineNo, `not valid JSON: ${errorText(error)}`, error);
    }
  }

  async header(): Promise<{ version: number; startedMs: number; basket: string }> {
    const first = await this.line();
    if (first === null) throw this.fail(RecordingCode.CORRUPT, 1, 'the file is empty: not a hashcap recording');
    const text = first.text.charCodeAt(0) === 0xfeff ? first.text.slice(1) : first.text;
    if (!text.trimStart().startsWith('{')) {
      throw this.fail(RecordingCode.CORRUPT, 1, `not a hashcap recording (expected ${JSON.stringify(BINARY_MAGIC)} or an NDJSON header line)`);
    }
    const value = this.parseJson({ text, terminated: first.terminated });
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, 'hashcap_recording')) {
      throw this.fail(RecordingCode.CORRUPT, 1, 'not a hashcap recording: the first line has no "hashcap_recording"');
    }
    const h = value as Record<string, unknown>;
    const version = h['hashcap_recording'];
    if (version !== FORMAT_VERSION) {
      if (typeof version === 'number' && Number.isInteger(version) && version > 0) {
        throw this.fail(RecordingCode.VERSION, 1, `NDJSON recording version ${version}; this reader knows version ${FORMAT_VERSION}`);
      }
      throw this.fail(RecordingCode.CORRUPT, 1, `hashcap_recording must be a version number, got ${describeJson(version)}`);
    }
    if (h['format'] !== 'ndjson') throw this.fail(RecordingCode.CORRUPT, 1, `format must be "ndjson", got ${describeJson(h['format'])}`);
    const started = h['started'];
    const startedMs = typeof started === 'number' ? started : typeof started === 'string' ? Date.parse(started) : Number.NaN;
    if (!Number.isFinite(startedMs)) {
      throw this.fail(RecordingCode.CORRUPT, 1, `started must be an ISO time or epoch ms, got ${describeJson(started)}`);
    }
    const basket = h['basket'] ?? '';
    if (typeof basket !== 'string') throw this.fail(RecordingCode.CORRUPT, 1, `basket must be a string, got ${describeJson(basket)}`);
    return { version, startedMs, basket };
  }

  private async tickLine(): Promise<TickLine | null> {
    for (;;) {
      const line = await this.line();
      if (line === null) return null;
      if (line.text.trim().length === 0) continue;
      const value = this.parseJson(line);
      try {
        const { batch, publisher, tick } = parseTickLine(value);
        return { batch, publisher, tick, line: this.lineNo };
      } catch (error) {
        if (error instanceof LineError) throw this.fail(RecordingCode.CORRUPT, this.lineNo, `${error.field}: ${error.message}`);
        throw error;
      }
    }
  }

  async next(): Promise<RecordedBatch | null> {
    if (this.pendingError !== null) {
      const error = this.pendingError;
      this.pendingError = null;
      throw error;
    }
    const first = this.pending ?? (await this.tickLine());
    this.pending = null;
    if (first === null) return null;
    const ticks: Tick[] = [first.tick];
    for (;;) {
      let t: TickLine | null;
      try {
        t = await this.tickLine();
      } catch (error) {
        this.pendingError = error;
        break;
      }
      if (t === null) break;
      if (t.batch === first.batch) {
        if (t.publisher !== first.publisher) {
          this.pendingError = this.fail(
            RecordingCode.CORRUPT,
            t.line,
            `batch ${t.batch} has ticks of publisher ${JSON.stringify(first.publisher)} and ${JSON.stringify(t.publisher)}`,
          );
          break;
        }
        if (ticks.length >= this.limits.maxBatchTicks) {
          throw this.fail(RecordingCode.CORRUPT, t.line, `batch ${t.batch} has more than ${this.limits.maxBatchTicks} ticks`);
        }
        ticks.push(t.tick);
      } else if (t.batch < first.batch) {
        this.pendingError = this.fail(RecordingCode.CORRUPT, t.line, `batch ${t.batch} follows batch ${first.batch}: batch numbers must increase`);
        break;
      } else {
        this.pending = t;
        break;
      }
    }
    const timeMs = newestTime(ticks, this.lastTimeMs);
    this.lastTimeMs = timeMs;
    return { publisher: first.publisher, batchId: first.batch, ticks, timeMs, line: first.line, offset: null };
  }
}
