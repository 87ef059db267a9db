/**
 * `npm run cluster` as a user runs it: the real command (npm, then node on scripts/cluster.ts), a real
 * redis-server from PATH, a real aggregator with the simulator and real gateways sharing one port, a
 * real websocket subscriber on that port. Stopped the way a terminal or a supervisor stops it (SIGTERM
 * to npm): it exits 0 and nothing it started is left running or listening. A part that dies takes the
 * whole down with a non-zero exit, saying which. Without redis-server, the command says what to install.
 * The page is built beforehand, so the command finds dist/app fresh and skips the build.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, REPO_ROOT } from '../../scripts/app-build.ts';
import { alive, descendants, HAS_PROC, probePort, stillAlive } from '../support/process-tree.ts';
import { command, freePort, IN_CI, redisMissing } from '../support/redis.ts';
import { StreamClient } from '../support/stream-client.ts';

const missing = redisMissing();
const STARTUP_MS = 60_000;
/** A regular-session minute, so the simulator trades (the clock would otherwise be now: maybe a weekend). */
const SESSION_CLOCK = '2026-11-20T10:00:00-05:00';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the command printed once it was ready (its "hashcap cluster ready" block). */
interface Ready {
  readonly url: string;
  readonly aggregatorUrl: string;
  readonly redisPort: number;
  readonly dataDir: string;
  readonly pids: ReadonlyMap<string, number>;
}

/** One run of `npm run cluster -- …`, its output collected, its exit awaited. */
class ClusterRun {
  output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>;
  private constructor(readonly npm: ChildProcess) {
    npm.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    npm.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((resolve) => npm.once('exit', (code, signal) => resolve({ code, signal, atMs: Date.now() })));
  }

  static start(args: readonly string[]): ClusterRun {
    const env: NodeJS.ProcessEnv = { ...process.env, HASHCAP_SIM_RATE: '50', HASHCAP_CLOCK: SESSION_CLOCK };
    // What the test runner sets is not what a user's shell would.
    for (const key of Object.keys(env)) if (key === 'NODE_ENV' || key.startsWith('VITEST')) delete env[key];
    // detached: its own process group, which afterEach can kill whole if the test fails half-way.
    return new ClusterRun(spawn('npm', ['run', 'cluster', '--', ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true }));
  }

  async ready(): Promise<Ready> {
    const deadline = Date.now() + STARTUP_MS;
    for (;;) {
      const pids = /^\s+pids\s+(.+)$/m.exec(this.output);
      if (pids) {
        return {
          url: /^\s+ticker\s+(http:\/\/\S+)\/$/m.exec(this.output)![1]!,
          aggregatorUrl: /and (http:\/\/\S+)\/v1\/snapshot \(the aggregator\)/.exec(this.output)![1]!,
          redisPort: Number(/^\s+redis\s+redis:\/\/127\.0\.0\.1:(\d+)/m.exec(this.output)![1]),
          dataDir: /^\s+redis\s+\S+\s+data in (\S+)$/m.exec(this.output)![1]!,
          pids: new Map(pids[1]!.split(', ').map((p) => [p.split(' ')[0]!, Number(p.split(' ')[1])] as const)),
        };
      }
      if (Date.now() > deadline || this.npm.exitCode !== null) throw new Error(`npm run cluster did not come up:\n${this.output.slice(-4000)}`);
      await sleep(50);
    }
  }

  /** Within `ms`, or null. */
  exitWithin(ms: number) {
    return Promise.race([this.exited, sleep(ms).then(() => null)]);
  }
}

describe('npm run cluster without redis-server', () => {
  it('fails with CLUSTER_REDIS_MISSING, naming the package to install, and starts nothing', async () => {
    const emptyPath = mkdtempSync(join(tmpdir(), 'hashcap-no-redis-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, PATH: emptyPath };
      delete env['REDIS_SERVER'];
      const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'cluster.ts'), '--port', String(await freePort())], { cwd: REPO_ROOT, env });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(err).toMatch(/CLUSTER_REDIS_MISSING: redis-server is not on PATH/);
      expect(err).toContain('apt-get install redis-server');
      expect(code).toBe(1);
    } finally {
      rmSync(emptyPath, { recursive: true, force: true });
    }
  }, 30_000);
});

describe.runIf(missing !== null && IN_CI)('npm run cluster under CI', () => {
  it('has redis-server', () => expect.fail(`${missing}: CI must run the cluster command's test`));
});

describe.skipIf(missing !== null || !HAS_PROC)('npm run cluster with redis-server', () => {
  let run: ClusterRun | null = null;
  let seen = new Set<number>();
  const clients: StreamClient[] = [];

  beforeAll(async () => {
    if (missing !== null) console.log(`skipping the cluster command's test: ${missing}`);
    await buildApp();
  }, 180_000);

  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
    // Whatever a failed run left: every process seen below npm (the parts run in groups of their own), then npm's group.
    if (run?.npm.pid !== undefined) {
      for (const pid of [...new Set([...seen, ...descendants(run.npm.pid)])].filter(alive).concat(-run.npm.pid)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
    }
    const dir = /data in (\S+)/.exec(run?.output ?? '')?.[1];
    if (dir !== undefined && dir.includes('hashcap-cluster-')) rmSync(dir, { recursive: true, force: true });
    run = null;
    seen = new Set();
  });

  it('serves a subscriber and /v1/snapshot on the shared port; SIGTERM to npm stops every part, exit 0', async () => {
    const port = await freePort();
    run = ClusterRun.start(['--gateways', '2', '--port', String(port)]);
    const ready = await run.ready();
    expect(ready.url).toBe(`http://127.0.0.1:${port}`);
    expect([...ready.pids.keys()]).toEqual(['redis', 'aggregator', 'gateway-1', 'gateway-2']);
    seen = new Set([...ready.pids.values(), ...descendants(run.npm.pid!)]);
    expect(existsSync(ready.dataDir)).toBe(true);
    expect(await command(ready.redisPort, ['PING'])).toBe('PONG');

    // A JSON subscriber on the shared port: a snapshot of the simulated index, then deltas following it.
    const subscriber = await StreamClient.connect(ready.url, 'json');
    clients.push(subscriber);
    subscriber.subscribe(['index.miners']);
    const snapshot = await subscriber.until('snapshot', () => subscriber.snapshots('index.miners')[0], 10_000);
    const deltas = await subscriber.until('two deltas', () => (subscriber.deltas('index.miners').length >= 2 ? subscriber.deltas('index.miners') : null), 15_000);
    expect(Number(deltas[0]!.seq)).toBe(Number(snapshot.seq) + 1);
    expect(Number(deltas[1]!.seq)).toBe(Number(snapshot.seq) + 2);

    // /v1/snapshot on the shared port, whichever gateway answers, is the aggregator's feed (same epoch).
    const fromGateway = (await (await fetch(`${ready.url}/v1/snapshot`)).json()) as { epoch: unknown; indexes: Record<string, unknown> };
    const fromAggregator = (await (await fetch(`${ready.aggregatorUrl}/v1/snapshot`)).json()) as { epoch: unknown };
    expect(fromGateway.indexes['miners']).toBeDefined();
    expect(Number(fromGateway.epoch)).toBe(Number(snapshot.epoch));
    expect(Number(fromAggregator.epoch)).toBe(Number(snapshot.epoch));

    // Both gateways answer on the port (each connection lands on one of them; /healthz names its pid).
    const gatewayPids = [ready.pids.get('gateway-1'), ready.pids.get('gateway-2')];
    const answered = new Set<number>();
    for (let i = 0; i < 60 && answered.size < 2; i++) {
      const health = (await (await fetch(`${ready.url}/healthz`, { headers: { connection: 'close' } })).json()) as { pid: number; role: string };
      expect(health.role).toBe('gateway');
      answered.add(health.pid);
    }
    expect([...answered].sort()).toEqual([...gatewayPids].sort());

    const signalledAt = Date.now();
    process.kill(run.npm.pid!, 'SIGTERM');
    const exit = await run.exitWithin(10_000);
    expect(exit, `npm still running 10 s after SIGTERM:\n${run.output.slice(-3000)}`).not.toBeNull();
    expect({ code: exit!.code, signal: exit!.signal }).toEqual({ code: 0, signal: null });
    expect(exit!.atMs - signalledAt).toBeLessThan(8_000);
    expect(run.output).toContain('SIGTERM: stopping the gateways and the aggregator, then redis-server');
    // The gateway closed the subscriber the planned way (going away), not by dying.
    await subscriber.until('close', () => subscriber.closeEvent, 5_000);
    expect(subscriber.closeEvent!.code).toBe(1001);

    const goneBy = Date.now() + 2_000;
    while ([...seen].some(alive) && Date.now() < goneBy) await sleep(50);
    expect(stillAlive(seen)).toEqual([]);
    expect(await probePort(port)).toBe('ECONNREFUSED');
    expect(await probePort(Number(new URL(ready.aggregatorUrl).port))).toBe('ECONNREFUSED');
    expect(await probePort(ready.redisPort)).toBe('ECONNREFUSED');
    expect(existsSync(ready.dataDir)).toBe(false);
  }, 90_000);

  it('stops everything and exits non-zero when a part dies, saying which', async () => {
    const port = await freePort();
    run = ClusterRun.start(['--gateways', '1', '--port', String(port)]);
    const ready = await run.ready();
    seen = new Set([...ready.pids.values(), ...descendants(run.npm.pid!)]);
    const victim = ready.pids.get('aggregator')!;
    process.kill(victim, 'SIGKILL');

    const exit = await run.exitWithin(10_000);
    expect(exit, `npm still running 10 s after the aggregator died:\n${run.output.slice(-3000)}`).not.toBeNull();
    expect(exit!.code).not.toBe(0);
    expect(run.output).toContain(`aggregator (pid ${victim}) exited unexpectedly (signal SIGKILL); stopping the rest`);
    const goneBy = Date.now() + 2_000;
    while ([...seen].some(alive) && Date.now() < goneBy) await sleep(50);
    expect(stillAlive(seen)).toEqual([]);
    expect(await probePort(port)).toBe('ECONNREFUSED');
    expect(await probePort(ready.redisPort)).toBe('ECONNREFUSED');
    // Kept for a look at what happened (afterEach removes it).
    expect(run.output).toContain(`redis data folder kept: ${ready.dataDir}`);
  }, 90_000);
});
