/**
 * The values of --log-level and --log-format, apart from the logger (server/log.ts) so that reading
 * the flags (server/config.ts) does not load pino and its Node types into whatever imports the config.
 */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
/** auto: pretty on a terminal, JSON otherwise (a file, a pipe, a log shipper). */
export type LogFormat = (typeof LOG_FORMATS)[number];
