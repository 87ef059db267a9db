/**
 * Typed errors for recordings. Every failure to write or read a recording is a RecordingError with a
 * stable code; a corrupt file names the file and where: the line (NDJSON, 1-based) or the byte offset
 * (binary, in the uncompressed stream) of the record that could not be read.
 */
import { HashcapError } from '../../errors.ts';

export const RecordingCode = {
  /** Not a recording, or a record that cannot be decoded (bad JSON, bad protobuf, a wrong field type). */
  CORRUPT: 'RECORDING_CORRUPT',
  /** The file ends inside a record (a recorder that was killed mid-write leaves this). */
  TRUNCATED: 'RECORDING_TRUNCATED',
  /** A recording of a format version this reader does not know. */
  VERSION: 'RECORDING_VERSION',
  /** The file could not be opened, read or written. */
  IO: 'RECORDING_IO',
  /** A bad option (speed, buffer size, format) passed to the recorder, reader or replay. */
  OPTION: 'RECORDING_OPTION',
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
