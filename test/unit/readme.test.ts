import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode } from '../../server/gateway/codes.ts';
import { INGEST_REASONS } from '../../server/ingest/reasons.ts';

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

describe('README', () => {
  it('documents every subscriber error code and every ingest reason a client can receive', () => {
    const missing = [...Object.values(ErrorCode), ...INGEST_REASONS.map((r) => r.code)].filter(
      (code) => !readme.includes(`| ${code} |`),
    );
    expect(missing).toEqual([]);
  });

  it('gives the two commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
