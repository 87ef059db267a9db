/**
 * The server's log: pino, one JSON object a line (level, time, msg, and fields such as the connection)
 * when stdout is not a terminal or `--log-format json` says so, readable lines on a terminal. One
 * logger per process; server/main.ts configures it from the flags, and modules that have no `log`
 * handed to them write to it (`logger()`).
 *
 * Secrets: no code logs a token, and what is logged passes through `scrub`, which also hides
 * credentials in URLs (`redis://user:password@host`) and the values of secret-named fields, so an
 * error message that happens to carry one does not leak it either.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogFormat, LogLevel } from './log-options.ts';

export type { LogFormat, LogLevel } from './log-options.ts';

export type LogFields = Readonly<Record<string, unknown>>;
/** What the server's parts are handed to log with: a message, its level (default info), its fields. */
export type LogLine = (line: string, level?: Exclude<LogLevel, 'silent'>, fields?: LogFields) => void;

/** Field names whose values are never written: the tokens, keys and passwords of any part. */
const SECRET_FIELD = /token|secret|password|passwd|authorization|api[-_]?key|credential/i;
const URL_CREDENTIALS = /\/\/[^@/\s]*@/g;

/** `text` with credentials in URLs hidden. */
export function scrub(text: string): string {
  return text.replace(URL_CREDENTIALS, '//<credentials>@');
}

function scrubFields(fields: LogFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = SECRET_FIELD.test(key) ? '<hidden>' : typeof value === 'string' ? scrub(value) : value;
  }
  return out;
}

export interface LoggerOptions {
  readonly level?: LogLevel;
  readonly format?: LogFormat;
  /** Where the lines go (default stdout, written synchronously so nothing is lost on exit). */
  readonly fd?: number;
  /** Whether `fd` is a terminal, for format auto (default: stdout's). */
  readonly isTty?: boolean;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const fd = options.fd ?? 1;
  const isTty = options.isTty ?? (fd === 1 ? process.stdout.isTTY === true : false);
  const format = options.format === undefined || options.format === 'auto' ? (isTty ? 'pretty' : 'json') : options.format;
  const destination: DestinationStream = format === 'pretty' ? prettyDestination(fd) : pino.destination({ dest: fd, sync: true });
  return pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: (error: Error) => scrubFields(pino.stdSerializers.err(error) as unknown as LogFields) },
      hooks: {
        // Every call goes through here: the message and string fields are scrubbed before they are written.
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrub(a) : a !== null && typeof a === 'object' && !(a instanceof Error) ? scrubFields(a as LogFields) : a));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

const LEVEL_WIDTH = 5;
/** Fields pino adds to every line; the readable form shows time and level its own way. */
const OWN_FIELDS = new Set(['level', 'time', 'pid', 'hostname', 'msg']);

/** One pino JSON line as `12:34:56.789 INFO  message key=value …`. */
export function prettyLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = typeof entry['time'] === 'string' ? entry['time'].slice(11, 23) : '';
  const level = String(entry['level'] ?? '').toUpperCase().padEnd(LEVEL_WIDTH);
  const fields = Object.entries(entry)
    .filter(([k]) => !OWN_FIELDS.has(k))
    .map(([k, v]) => (k === 'err' && v !== null && typeof v === 'object' && 'stack' in v ? `\n${String(v.stack)}` : ` ${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`))
    .join('');
  return `${time} ${level} ${String(entry['msg'] ?? '')}${fields}\n`;
}

/** Readable lines through the same synchronous writer JSON uses (it retries a full pipe). */
function prettyDestination(fd: number): DestinationStream {
  const out = pino.destination({ dest: fd, sync: true });
  return {
    write(json: string) {
      out.write(prettyLine(json));
    },
  };
}

let processLogger: Logger | null = null;

/** The process's logger (JSON or pretty by stdout, level info until server/main.ts configures it). */
export function logger(): Logger {
  processLogger ??= createLogger();
  return processLogger;
}

export function configureLogger(options: LoggerOptions): Logger {
  processLogger = createLogger(options);
  return processLogger;
}

/** A LogLine writing to `to` (default the process's logger). */
export function logLine(to?: Logger): LogLine {
  return (line, level = 'info', fields) => {
    const target = to ?? logger();
    if (fields === undefined) target[level](line);
    else target[level](fields, line);
  };
}

/** An error as a log field: pino serialises `err` with its type, message and stack. */
export function errorFields(error: unknown): LogFields {
  return { err: error instanceof Error ? error : new Error(String(error)) };
}
