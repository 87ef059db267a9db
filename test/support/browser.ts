/**
 * Browser tests' helpers: Debian's chromium driven by playwright-core (its own browser download cannot
 * work here), a fresh profile per launch, and building the ticker page (scripts/app-build.ts, as `npm start` does).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';
import { APP_DIST, REPO_ROOT } from '../../scripts/app-build.ts';

export { appIsFresh, buildApp, APP_DIST, REPO_ROOT } from '../../scripts/app-build.ts';
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
