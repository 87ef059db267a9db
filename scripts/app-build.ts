/**
 * Building the ticker page (client/app → dist/app) with the repo's vite.config.ts, only when it is
 * missing or older than what it is built from. `npm run build` (scripts/build.ts, which `npm start`
 * runs in a child process when dist/ is stale, so Vite never stays loaded in the server), `npm run
 * cluster` and the browser tests use `buildApp`.
 *
 *   node --import tsx scripts/app-build.ts [--force]
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const APP_DIST = join(REPO_ROOT, 'dist', 'app');

/** What the page is built from: a newer file here makes dist/app stale. */
const SOURCES = ['client', 'proto', 'vite.config.ts', 'package.json', 'package-lock.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** True when dist/app exists and is newer than every file it is built from (`root`: a checkout). */
export function appIsFresh(root = REPO_ROOT): boolean {
  const built = join(root, 'dist', 'app', 'index.html');
  if (!existsSync(built)) return false;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.every((p) => newestMtime(join(root, p)) <= builtAt);
}

/**
 * Builds client/app unless dist/app is fresh. The build goes to a temporary directory that then
 * replaces dist/app in two renames: a server starting meanwhile reads either the old page or the new
 * one, never a half-emptied directory.
 */
export async function buildApp(options: { force?: boolean } = {}): Promise<'built' | 'fresh'> {
  if (!options.force && appIsFresh()) return 'fresh';
  const startedAt = new Date();
  const { build } = await import('vite');
  const tmp = `${APP_DIST}.build-${process.pid}`;
  const old = `${APP_DIST}.old-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  // Vitest sets NODE_ENV=test, and Vite then resolves the packages' "development" export conditions
  // (lightweight-charts' unminified build): build exactly what `vite build` ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(REPO_ROOT, 'vite.config.ts'),
      root: join(REPO_ROOT, 'client', 'app'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: tmp, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  // Dated when the build began: a source saved while it ran is newer, so the next start builds again.
  utimesSync(join(tmp, 'index.html'), startedAt, startedAt);
  for (let attempt = 1; ; attempt++) {
    try {
      rmSync(old, { recursive: true, force: true });
      if (existsSync(APP_DIST)) renameSync(APP_DIST, old);
      renameSync(tmp, APP_DIST);
      break;
    } catch (err) {
      // Another build (a parallel test file, a second `npm start`) swapped its own in between our renames.
      if (attempt === 5) throw err;
      await new Promise((r) => setTimeout(r, 20 * attempt));
    }
  }
  rmSync(old, { recursive: true, force: true });
  return 'built';
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  buildApp({ force: process.argv.includes('--force') }).catch((err: unknown) => {
    console.error(`hashcap: building the ticker page failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
