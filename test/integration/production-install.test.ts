/**
 * A production install as the README describes it: `npm run build` here, the checkout with its dist/
 * copied to an empty folder (as a deploy step would), `npm ci --omit=dev` there (from the npm cache
 * when it has the packages), then the documented command, `node dist/server/main.js`, and `npm start`:
 * no TypeScript, no tsx, no Vite installed, and the feed, the page and the metrics served.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../scripts/build.ts';
import { REPO_ROOT } from '../../scripts/build-state.mjs';
import { StreamClient } from '../support/stream-client.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TOKEN = 'deploy-token-never-logged-0123456789';

/** Starts `command` in `cwd` and resolves with the URL it logs; the caller stops it. */
async function startAndReadUrl(command: string, args: string[], cwd: string): Promise<{ proc: ChildProcess; url: string; output: () => string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HASHCAP_SIM_RATE: '50', HASHCAP_INGEST_TOKEN: TOKEN, HASHCAP_LOG_LEVEL: 'trace' };
  for (const key of Object.keys(env)) if (key === 'NODE_ENV' || key.startsWith('VITEST') || key.startsWith('npm_')) delete env[key];
  const proc = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  proc.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const port = /ticker\s+http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)?.[1];
    if (port) return { proc, url: `http://127.0.0.1:${port}`, output: () => output };
    if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`${command} ${args.join(' ')} did not come up:\n${output}`);
    await sleep(50);
  }
}

describe('production install: build, npm ci --omit=dev, plain node', () => {
  let deploy = '';
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    await ensureBuilt();
    deploy = mkdtempSync(join(tmpdir(), 'hashcap-deploy-'));
    // What a deploy ships: the tracked files (and new ones not ignored) plus the build; dates kept.
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((f) => f.length > 0 && existsSync(join(REPO_ROOT, f)));
    for (const f of files) {
      mkdirSync(dirname(join(deploy, f)), { recursive: true });
      cpSync(join(REPO_ROOT, f), join(deploy, f), { preserveTimestamps: true });
    }
    cpSync(join(REPO_ROOT, 'dist'), join(deploy, 'dist'), { recursive: true, preserveTimestamps: true });
    execFileSync('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: deploy, stdio: 'pipe', timeout: 240_000 });
  }, 360_000);

  afterEach(() => {
    for (const p of running.splice(0)) {
      try {
        if (p.pid !== undefined) process.kill(-p.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  afterAll(() => {
    if (deploy) rmSync(deploy, { recursive: true, force: true });
  });

  it('has no dev dependency installed', () => {
    for (const dev of ['typescript', 'tsx', 'vite', 'vitest']) expect(existsSync(join(deploy, 'node_modules', dev)), dev).toBe(false);
    expect(existsSync(join(deploy, 'node_modules', 'pino'))).toBe(true);
  });

  for (const [name, command, args] of [
    ['node dist/server/main.js', process.execPath, ['dist/server/main.js']],
    ['npm start', 'npm', ['start']],
  ] as const) {
    it(`${name} serves the feed, the page and the metrics, and stops on SIGTERM`, async () => {
      const { proc, url, output } = await startAndReadUrl(command, [...args], deploy);
      running.push(proc);
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<script type="module"[^>]*src="\/assets\/index-[^"]+\.js"/);
      expect((await fetch(`${url}/metrics`)).status).toBe(200);

      const subscriber = await StreamClient.connect(url);
      subscriber.subscribe(['index.miners']);
      await subscriber.until('snapshot', () => subscriber.snapshots('index.miners').length > 0);
      subscriber.close();

      const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
      process.kill(proc.pid!, 'SIGTERM');
      expect(await Promise.race([exited, sleep(10_000).then(() => 'still running')])).toBe(0);

      expect(output()).not.toMatch(/building/);
      // The server's logs are JSON lines off a terminal (stdout is a pipe here), at every level up to
      // trace, and the publisher token is in none of them.
      const lines = output().split('\n').filter((l) => l.startsWith('{'));
      expect(lines.length).toBeGreaterThan(5);
      const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      for (const e of entries) expect(e).toMatchObject({ level: expect.any(String), pid: expect.any(Number), time: expect.any(String), msg: expect.any(String) });
      // One process, the server (under npm start, npm's child; run directly, the process started).
      expect(new Set(entries.map((e) => e['pid'])).size).toBe(1);
      if (command === process.execPath) expect(entries[0]!['pid']).toBe(proc.pid);
      expect(output()).toMatch(/"signal":"SIGTERM"/);
      expect(output()).not.toContain(TOKEN);
    }, 60_000);
  }
});
