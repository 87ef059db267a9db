/**
 * What `hashcap_build_info` reports: the package version, the Node version, and the git commit when
 * one can be found (HASHCAP_GIT_COMMIT, for an image built without .git, or `git rev-parse` in the
 * checkout the server runs from). Read once at start, never on a scrape.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BuildInfo {
  readonly version: string;
  readonly node: string;
  readonly commit: string;
}

const UNKNOWN = 'unknown';

export function readBuildInfo(env: Readonly<Record<string, string | undefined>> = process.env): BuildInfo {
  const root = packageRoot(dirname(fileURLToPath(import.meta.url)));
  return { version: root === null ? UNKNOWN : packageVersion(root), node: process.version, commit: env['HASHCAP_GIT_COMMIT'] ?? gitCommit(root) };
}

/** The nearest directory upwards holding hashcap's package.json (source tree and compiled build alike). */
function packageRoot(from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        if ((JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === 'hashcap') return dir;
      } catch {
        // Not ours or unreadable: keep looking.
      }
    }
    if (dirname(dir) === dir) return null;
  }
}

function packageVersion(root: string): string {
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown }).version;
  return typeof version === 'string' ? version : UNKNOWN;
}

function gitCommit(root: string | null): string {
  if (root === null) return UNKNOWN;
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 }).trim();
    return /^[0-9a-f]{40}$/.test(out) ? out : UNKNOWN;
  } catch {
    return UNKNOWN;
  }
}
