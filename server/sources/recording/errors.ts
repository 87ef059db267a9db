/**
 * Typed errors for recordings. Every failure to write or read a recording is a RecordingError with a
 * stable code; a corrupt file names the file and where: the line (NDJSON, 1-based) or the byte offset
 * (binary, in the uncompressed stream) of the record that could not be read.
 */
import { HashcapError, HashcapErrorCode } from '../../errors.ts';

/** The recording codes of the registry (their meanings are there), by their short names. */
export const RecordingCode = {
  CORRUPT: HashcapErrorCode.RECORDING_CORRUPT,
  TRUNCATED: HashcapErrorCode.RECORDING_TRUNCATED,
  VERSION: HashcapErrorCode.RECORDING_VERSION,
  IO: HashcapErrorCode.RECORDING_IO,
  OPTION: HashcapErrorCode.RECORDING_OPTION,
} as const;
export type RecordingCode = (typeof RecordingCode)[keyof typeof RecordingCode];

export interface RecordingErrorWhere {
  readonly file: string;
  /** NDJSON: the 1-based line, or null. */
  readonly line?: number | null;
  /** Binary: the byte offset of the record (uncompressed), or null. */
  readonly offset?: number | null;
}

export class RecordingError extends HashcapError {
  override readonly code: RecordingCode;
  readonly file: string;
  readonly line: number | null;
  readonly offset: number | null;
  /** The message without the file/position prefix. */
  readonly detail: string;

  constructor(code: RecordingCode, where: RecordingErrorWhere, detail: string, options?: { cause?: unknown }) {
    const line = where.line ?? null;
    const offset = where.offset ?? null;
    const at = line !== null ? `:${line}` : offset !== null ? ` at byte ${offset}` : '';
    super(code, `${where.file}${at}: ${detail}`, options);
    this.code = code;
    this.file = where.file;
    this.line = line;
    this.offset = offset;
    this.detail = detail;
  }
}

export function optionError(detail: string): RecordingError {
  return new RecordingError(RecordingCode.OPTION, { file: '(options)' }, detail);
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
