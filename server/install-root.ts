/**
 * Where hashcap is installed: the folder of its package.json. Files shipped beside the code (data/,
 * the built page in dist/app) are found from here, so the same module works run from source
 * (server/…, through tsx) and compiled (dist/server/…, plain node), whatever the working directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findInstallRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'hashcap') return dir;
    if (dirname(dir) === dir) throw new Error(`hashcap: no package.json of hashcap above ${from}`);
  }
}

export const INSTALL_ROOT = findInstallRoot(dirname(fileURLToPath(import.meta.url)));

/** A path under the install root, e.g. `installPath('data', 'baskets')`. */
export function installPath(...parts: string[]): string {
  return join(INSTALL_ROOT, ...parts);
}
