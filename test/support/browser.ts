/**
 * Browser tests' helpers: Debian's chromium driven by playwright-core (its own browser download cannot
 * work here), a fresh profile per launch, and building the ticker page with Vite's JS API.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const APP_DIST = join(REPO_ROOT, 'dist', 'app');
export const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');

/** CHROMIUM_PATH overrides; otherwise Debian's package (apt-get install chromium). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);

export interface LaunchedBrowser {
  /** A persistent context on a fresh profile directory (playwright takes the profile this way). */
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(viewport = { width: 1440, height: 900 }): Promise<LaunchedBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'hashcap-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    viewport,
    // playwright passes its own --headless; --headless=new after it wins (the full browser, not the shell).
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--headless=new',
    ],
    timeout: 30_000,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

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

/** True when dist/app exists and is newer than every file it is built from. */
export function appIsFresh(): boolean {
  const built = join(APP_DIST, 'index.html');
  if (!existsSync(built)) return false;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.every((p) => newestMtime(join(REPO_ROOT, p)) <= builtAt);
}

/**
 * Builds client/app with the repo's vite.config.ts unless dist/app is fresh. The build goes to a
 * temporary directory that then replaces dist/app in two renames: servers of other test files that
 * start meanwhile read either the old page or the new one, never a half-emptied directory.
 */
export async function buildApp(options: { force?: boolean } = {}): Promise<'built' | 'fresh'> {
  if (!options.force && appIsFresh()) return 'fresh';
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
  if (existsSync(APP_DIST)) renameSync(APP_DIST, old);
  renameSync(tmp, APP_DIST);
  rmSync(old, { recursive: true, force: true });
  return 'built';
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

/** Gzip sizes (level 9, like a CDN) of every shipped .js file under dist/app. */
export function shippedJsGzip(): { files: { path: string; bytes: number; gzip: number }[]; totalGzip: number } {
  const files = filesUnder(APP_DIST)
    .filter((f) => f.endsWith('.js'))
    .map((f) => {
      const body = readFileSync(f);
      return { path: f.slice(APP_DIST.length + 1), bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
    });
  return { files, totalGzip: files.reduce((n, f) => n + f.gzip, 0) };
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}
