import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

describe('generated protobuf code', () => {
  it('is what scripts/gen-proto.mjs makes from proto/hashcap.proto today (run `npm run proto` if not)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hashcap-proto-'));
    try {
      execFileSync(process.execPath, [join(root, 'scripts', 'gen-proto.mjs'), dir], { stdio: 'pipe' });
      for (const file of ['hashcap.js', 'hashcap.d.ts']) {
        const fresh = readFileSync(join(dir, file), 'utf8');
        const committed = readFileSync(join(root, 'proto', 'gen', file), 'utf8');
        expect(committed === fresh, `proto/gen/${file} is stale`).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
