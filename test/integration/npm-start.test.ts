/**
 * `npm start` stopped the way a container runtime or a supervisor stops it: SIGTERM to the npm
 * process itself, nothing else. The real command runs as a real process tree (npm, its shell, the
 * server) on a free port, with a real websocket subscriber; everything is built beforehand, so the
 * start script finds dist/ fresh, skips the build and runs the compiled server under plain node.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/app-build.ts';
import { ensureBuilt } from '../../scripts/build.ts';
import { alive, descendants, HAS_PROC, probePort, stillAlive } from '../support/process-tree.ts';
import { StreamClient } from '../support/stream-client.ts';

const STARTUP_MS = 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!HAS_PROC)('npm start under a supervisor', () => {
  let npm: ChildProcess | null = null;
  let tree: number[] = [];

  beforeAll(async () => {
    await ensureBuilt();
  }, 180_000);

  afterEach(() => {
    // Whatever a failed run left behind: npm's own process group (it was started detached) and any
    // process seen below it.
    if (npm?.pid !== undefined) {
      try {
        process.kill(-npm.pid, 'SIGKILL');
      } catch {
        // group already gone
      }
    }
    for (const pid of tree) {
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    npm = null;
    tree = [];
  });

  it('SIGTERM to npm: subscribers get reconnect advice, npm exits 0 within seconds, nothing is left listening', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HASHCAP_SIM_RATE: '50' };
    // What the test runner sets is not what a supervisor would.
    for (const key of Object.keys(env)) if (key === 'NODE_ENV' || key.startsWith('VITEST')) delete env[key];
    npm = spawn('npm', ['start'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    npm.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    npm.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>((resolve) =>
      npm!.once('exit', (code, signal) => resolve({ code, signal, atMs: Date.now() })),
    );

    const deadline = Date.now() + STARTUP_MS;
    let port = 0;
    while (port === 0) {
      if (Date.now() > deadline || npm.exitCode !== null) throw new Error(`npm start did not come up:\n${output}`);
      port = Number(/ticker\s+http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)?.[1] ?? 0);
      await sleep(50);
    }
    const url = `http://127.0.0.1:${port}`;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(output).not.toContain('building'); // fresh: no build on the way

    const subscriber = await StreamClient.connect(url);
    subscriber.subscribe(['index.miners']);
    await subscriber.until('snapshot', () => subscriber.snapshots('index.miners').length > 0);
    tree = descendants(npm.pid!);
    expect(tree.length).toBeGreaterThan(0);
    // The server is compiled JavaScript under plain node: no tsx loader, no TypeScript at run time.
    const commands = tree.map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean));
    const node = commands.find((c) => c.some((arg) => arg.endsWith('scripts/start.mjs')));
    expect(node, JSON.stringify(commands)).toBeDefined();
    expect(node!.join(' ')).not.toMatch(/tsx|\.ts\b/);

    const signalledAt = Date.now();
    process.kill(npm.pid!, 'SIGTERM');

    const advice = await subscriber.until('reconnect advice', (m) => m.find((x) => x.notice?.kind === 'reconnect_advice')?.notice, 5_000);
    expect(Number(advice.deadlineMs)).toBeGreaterThan(signalledAt);
    const exit = await Promise.race([exited, sleep(10_000).then(() => null)]);
    expect(exit, `npm still running 10 s after SIGTERM:\n${output}`).not.toBeNull();
    expect({ code: exit!.code, signal: exit!.signal }).toEqual({ code: 0, signal: null });
    expect(exit!.atMs - signalledAt).toBeLessThan(6_000);
    await subscriber.until('close frame', () => subscriber.closeEvent);
    expect(subscriber.closeEvent!.code).toBe(1001);
    expect(output).toContain('SIGTERM: advising subscribers to reconnect');

    // Nothing of the tree survives npm, and nothing answers on the port.
    const goneBy = Date.now() + 2_000;
    while (tree.some(alive) && Date.now() < goneBy) await sleep(50);
    expect(stillAlive(tree)).toEqual([]);
    expect(await probePort(port)).toBe('ECONNREFUSED');
  }, 120_000);
});
