/**
 * The server's log (server/log.ts): pino JSON lines with level names and ISO times off a terminal,
 * readable lines on one, `--log-level` filtering, and nothing secret written — URL credentials and
 * secret-named fields hidden even when a message or an error carries them. Written to a real file.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config.ts';
import { createLogger, logLine, type LoggerOptions } from '../../server/log.ts';

describe('server log', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  /** Logs through a logger writing to a temporary file; returns the file's lines. */
  const capture = (options: Omit<LoggerOptions, 'fd'>, write: (log: ReturnType<typeof createLogger>) => void): string[] => {
    const dir = mkdtempSync(join(tmpdir(), 'hashcap-log-'));
    dirs.push(dir);
    const path = join(dir, 'out.log');
    const fd = openSync(path, 'w');
    try {
      write(createLogger({ ...options, fd }));
    } finally {
      closeSync(fd);
    }
    return readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0);
  };

  it('writes one JSON object a line with the level name, an ISO time, the pid and the fields, off a terminal', () => {
    const lines = capture({ isTty: false }, (log) => {
      log.info('ready');
      log.warn({ connection: 42 }, 'slow consumer #42: warned');
    });
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      { level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), pid: process.pid, msg: 'ready' },
      { level: 'warn', time: expect.any(String), pid: process.pid, connection: 42, msg: 'slow consumer #42: warned' },
    ]);
  });

  it('writes readable lines on a terminal, or when asked for pretty', () => {
    for (const options of [{ isTty: true }, { isTty: false, format: 'pretty' as const }]) {
      const lines = capture(options, (log) => log.warn({ connection: 7 }, 'bus redis: down'));
      expect(lines).toEqual([expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{3} WARN  bus redis: down connection=7$/)]);
    }
    expect(capture({ isTty: true, format: 'json' }, (log) => log.info('x')).map((l) => JSON.parse(l).msg as unknown)).toEqual(['x']);
  });

  it('drops what is below the level', () => {
    const lines = capture({ isTty: false, level: 'warn' }, (log) => {
      log.debug('d');
      log.info('i');
      log.warn('w');
      log.error('e');
    });
    expect(lines.map((l) => JSON.parse(l).msg as unknown)).toEqual(['w', 'e']);
  });

  it('never writes a secret: URL credentials in messages, fields and errors, and secret-named fields', () => {
    const lines = capture({ isTty: false, level: 'trace' }, (log) => {
      const line = logLine(log);
      line('bus: connecting to redis://admin:hunter2-pw@10.0.0.5:6379/0');
      line('publisher connected', 'info', { token: 'tok-0123456789abcdef', apiKey: 'k-abcdef', url: 'rediss://u:hunter2-pw@h:1' });
      log.error({ err: new Error('connect ECONNREFUSED redis://admin:hunter2-pw@10.0.0.5:6379') }, 'bus down');
    });
    const text = lines.join('\n');
    for (const secret of ['hunter2-pw', 'tok-0123456789abcdef', 'k-abcdef', 'admin:']) expect(text).not.toContain(secret);
    expect(text).toContain('redis://<credentials>@10.0.0.5:6379');
    expect(JSON.parse(lines[1]!)).toMatchObject({ token: '<hidden>', apiKey: '<hidden>', url: 'rediss://<credentials>@h:1' });
    expect(JSON.parse(lines[2]!)).toMatchObject({ level: 'error', err: { type: 'Error', message: expect.stringContaining('<credentials>') } });
  });

  it('takes --log-level and --log-format (and their environment variables), refusing other values', () => {
    expect(parseConfig([], {})).toMatchObject({ logLevel: 'info', logFormat: 'auto' });
    expect(parseConfig(['--log-level', 'debug', '--log-format', 'json'], {})).toMatchObject({ logLevel: 'debug', logFormat: 'json' });
    expect(parseConfig([], { HASHCAP_LOG_LEVEL: 'warn', HASHCAP_LOG_FORMAT: 'pretty' })).toMatchObject({ logLevel: 'warn', logFormat: 'pretty' });
    expect(() => parseConfig(['--log-level', 'loud'], {})).toThrow(/--log-level: "loud" is not valid/);
    expect(() => parseConfig(['--log-format', 'xml'], {})).toThrow(/--log-format: "xml" is not valid/);
  });
});
