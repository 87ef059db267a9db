/**
 * `npm run build`: everything hashcap runs from, compiled, so that production needs neither
 * TypeScript nor any dev dependency:
 *
 *   server (+ the protocol and the SDK parts it imports) → dist/server, dist/proto, dist/client (tsconfig.dist.json)
 *   SDK package @hashcap/client                          → client/sdk/dist (client/sdk/tsconfig.package.json)
 *   ticker page                                          → dist/app (Vite, scripts/app-build.ts)
 *
 * then dist/build.json, the stamp `npm start` compares the sources with (scripts/build-state.mjs).
 * Type checking is `npm run typecheck` (tsc -b over the layers); this only emits.
 *
 *   node --import tsx scripts/build.ts [--sdk | --if-stale]
 *
 * --sdk: the SDK package only, as `npm pack` needs; --if-stale: only when dist/ is not fresh once a
 * build already under way has finished (what `npm start` asks for).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp } from './app-build.ts';
import { BUILD_STAMP, buildState, REPO_ROOT } from './build-state.mjs';

const SDK_ROOT = join(REPO_ROOT, 'client', 'sdk');
/** The generated protobuf code is JavaScript with its own declarations: tsc reads the .d.ts and emits neither. */
const GENERATED = ['hashcap.js', 'hashcap.d.ts'];

function tsc(project: string): void {
  // typescript's exports map hides its bin; its package.json is exported and the bin sits beside it.
  const bin = join(dirname(createRequire(join(REPO_ROOT, 'package.json')).resolve('typescript/package.json')), 'bin', 'tsc');
  execFileSync(process.execPath, [bin, '-p', project], { cwd: REPO_ROOT, stdio: 'inherit' });
}

function copyGenerated(outDir: string): void {
  mkdirSync(join(outDir, 'proto', 'gen'), { recursive: true });
  for (const f of GENERATED) copyFileSync(join(REPO_ROOT, 'proto', 'gen', f), join(outDir, 'proto', 'gen', f));
}

/** The server and what it imports, compiled under dist/ (the page's dist/app is left alone). */
export function buildServer(): void {
  const out = join(REPO_ROOT, 'dist');
  for (const dir of ['server', 'proto', 'client']) rmSync(join(out, dir), { recursive: true, force: true });
  tsc('tsconfig.dist.json');
  copyGenerated(out);
}

/** The SDK package's JavaScript and declarations, with the protocol code it needs, in client/sdk/dist. */
export function buildSdk(): void {
  const out = join(SDK_ROOT, 'dist');
  rmSync(out, { recursive: true, force: true });
  tsc(join('client', 'sdk', 'tsconfig.package.json'));
  copyGenerated(out);
}

export async function build(): Promise<void> {
  // The SDK first: recreating client/sdk/dist re-dates client/sdk, one of the sources the stamp is compared with.
  buildSdk();
  const startedAt = new Date();
  buildServer();
  await buildApp({ force: true });
  const stamp = join(REPO_ROOT, BUILD_STAMP);
  writeFileSync(stamp, `${JSON.stringify({ builtAt: startedAt.toISOString(), node: process.version }, null, 2)}\n`);
  utimesSync(stamp, startedAt, startedAt);
}

/** Held while a build writes: parallel test files, `npm pack`'s prepack and `npm start` build one at a time. */
const LOCK = join(REPO_ROOT, 'dist', '.build-lock');
/** A lock older than this was left by a build that died. */
const STALE_LOCK_MS = 10 * 60_000;

async function withBuildLock<T>(work: () => Promise<T> | T): Promise<T> {
  mkdirSync(dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds unless dist/ is fresh, waiting for a build already under way (and then usually finding it fresh). */
export function ensureBuilt(): Promise<void> {
  return withBuildLock(async () => {
    if (buildState() !== 'fresh') await build();
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    if (process.argv.includes('--sdk')) await withBuildLock(buildSdk);
    else if (process.argv.includes('--if-stale')) await ensureBuilt();
    else await withBuildLock(build);
  } catch (err) {
    process.stderr.write(`hashcap: build failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
