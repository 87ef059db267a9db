// Whether the compiled build (dist/) is current, in plain JavaScript: `npm start` (scripts/start.mjs)
// asks before any TypeScript tool is loaded, and a production install has none. Types: build-state.d.mts.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Written last by a build, dated when that build began: a source saved during the build counts as newer. */
export const BUILD_STAMP = join('dist', 'build.json');

/** What the build is made from: a file here newer than the stamp makes dist/ stale. */
export const BUILD_SOURCES = [
  'server',
  'proto',
  'client/sdk',
  'client/app',
  'scripts/build.ts',
  'vite.config.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.base.json',
  'tsconfig.dist.json',
];

/** What the compiled server needs to run: its entry and the page it serves. */
export const BUILD_OUTPUTS = [join('dist', 'server', 'main.js'), join('dist', 'app', 'index.html')];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  // Files only: a directory's date changes when a deploy copies the tree, while its files keep theirs.
  let newest = 0;
  for (const name of readdirSync(path)) {
    // The SDK package's own build output is not a source of the build.
    if (name === 'dist' || name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/**
 * 'fresh' when every output exists and the stamp is newer than every source; 'stale' when built but
 * a source changed since; 'missing' when an output or the stamp is absent (`root`: a checkout).
 */
export function buildState(root = REPO_ROOT) {
  const stamp = join(root, BUILD_STAMP);
  if (!existsSync(stamp) || BUILD_OUTPUTS.some((p) => !existsSync(join(root, p)))) return 'missing';
  const builtAt = statSync(stamp).mtimeMs;
  return BUILD_SOURCES.every((p) => newestMtime(join(root, p)) <= builtAt) ? 'fresh' : 'stale';
}
