/**
 * Every error hashcap reports to a user carries a stable string `code` (like ws's `createError`),
 * so callers branch on the code, never on the message text.
 */
export class HashcapError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A bad value in a file we load (basket, recording, config file): names the file, line and field. */
export class FileFormatError extends HashcapError {
  readonly file: string;
  readonly line: number;
  readonly field: string;

  constructor(code: string, file: string, line: number, field: string, detail: string) {
    super(code, `${file}:${line}: ${field}: ${detail}`);
    this.file = file;
    this.line = line;
    this.field = field;
  }
}
