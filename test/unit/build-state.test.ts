/**
 * When `npm start` builds (scripts/build-state.mjs): on a fresh clone (no dist/), whenever a file the
 * build is made from is newer than the last build, and never otherwise, so a restart starts at once
 * and a production install (no build tools) runs what it was given.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILD_OUTPUTS, BUILD_STAMP, buildState } from '../../scripts/build-state.mjs';

describe('buildState', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
  });

  const touch = (root: string, file: string, at: number) => {
    const path = join(root, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file);
    utimesSync(path, at, at);
  };
  const SOURCES = ['server/main.ts', 'server/feed/feed.ts', 'proto/wire.ts', 'client/sdk/client.ts', 'client/app/src/main.ts', 'package.json', 'package-lock.json', 'tsconfig.dist.json', 'vite.config.ts'];
  const checkout = (at: number) => {
    const root = mkdtempSync(join(tmpdir(), 'hashcap-build-state-'));
    roots.push(root);
    for (const f of SOURCES) touch(root, f, at);
    return root;
  };
  const built = (root: string, at: number) => {
    for (const f of [...BUILD_OUTPUTS, BUILD_STAMP]) touch(root, f, at);
  };

  it('is missing on a fresh clone, and when an output is gone', () => {
    const root = checkout(1_000);
    expect(buildState(root)).toBe('missing');
    built(root, 2_000);
    expect(buildState(root)).toBe('fresh');
    rmSync(join(root, 'dist', 'server', 'main.js'));
    expect(buildState(root)).toBe('missing');
  });

  it('is stale once any source is newer than the build, a new file included; the SDK package output is not a source', () => {
    const root = checkout(1_000);
    built(root, 2_000);
    for (const source of SOURCES) {
      touch(root, source, 3_000);
      expect(buildState(root), source).toBe('stale');
      touch(root, source, 1_000);
    }
    touch(root, 'server/new-module.ts', 3_000);
    expect(buildState(root)).toBe('stale');
    rmSync(join(root, 'server/new-module.ts'));
    touch(root, 'client/sdk/dist/client/sdk/index.js', 3_000);
    expect(buildState(root)).toBe('fresh');
  });

  it('ignores the dates of folders: a deploy that copies the tree keeps the files fresh', () => {
    const root = checkout(1_000);
    built(root, 2_000);
    utimesSync(join(root, 'server'), 5_000, 5_000);
    expect(buildState(root)).toBe('fresh');
  });
});
