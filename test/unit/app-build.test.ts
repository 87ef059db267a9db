/**
 * When `npm start` builds the ticker page: on a fresh clone (no dist/app), and whenever a file the
 * page is built from is newer than the build; never otherwise, so a restart starts at once.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appIsFresh } from '../../scripts/app-build.ts';

describe('appIsFresh', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
  });

  /** A checkout with its files dated `at` (seconds since the epoch). */
  const checkout = (files: string[], at: number) => {
    const root = mkdtempSync(join(tmpdir(), 'hashcap-app-build-'));
    roots.push(root);
    for (const f of files) touch(root, f, at);
    // Creating the files dated their directories now; a directory's date counts (a deleted file changes it).
    for (const dir of ['client/app', 'client/sdk', 'client', 'proto']) utimesSync(join(root, dir), at, at);
    return root;
  };
  const touch = (root: string, file: string, at: number) => {
    const path = join(root, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file);
    utimesSync(path, at, at);
  };
  const SOURCES = ['client/app/main.ts', 'client/sdk/client.ts', 'proto/wire.ts', 'vite.config.ts', 'package.json', 'package-lock.json'];

  it('is stale on a fresh clone: no dist/app yet', () => {
    expect(appIsFresh(checkout(SOURCES, 1_000))).toBe(false);
  });

  it('is fresh when the build is newer than every source, and stale once any source is edited', () => {
    const root = checkout(SOURCES, 1_000);
    touch(root, 'dist/app/index.html', 2_000);
    expect(appIsFresh(root)).toBe(true);
    for (const source of SOURCES) {
      touch(root, source, 3_000);
      expect(appIsFresh(root), source).toBe(false);
      touch(root, source, 1_000);
    }
    touch(root, 'client/app/new-widget.ts', 3_000); // a new file counts too
    expect(appIsFresh(root)).toBe(false);
  });
});
