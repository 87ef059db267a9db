/**
 * Real redis-server processes for tests: one server, or a three-master Redis Cluster, on free loopback
 * ports with their files in a temp dir, and the faults a test inflicts on them (SIGSTOP/SIGCONT, kill -9,
 * a restart on the same port and dir). Debian's redis-server and redis-cli (apt-get install
 * redis-server); REDIS_SERVER / REDIS_CLI override. Without them, tests skip with a message, and fail
 * under CI (see redisMissing()).
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';
export const REDIS_CLI = process.env.REDIS_CLI ?? '/usr/bin/redis-cli';
export const HAS_REDIS = existsSync(REDIS_SERVER) && existsSync(REDIS_CLI);
export const IN_CI = Boolean(process.env.CI);

/** Why Redis tests cannot run here (null: they can), for describe.skipIf and the CI failure. */
export function redisMissing(): string | null {
  return HAS_REDIS ? null : `redis-server or redis-cli not found (${REDIS_SERVER}, ${REDIS_CLI}): apt-get install redis-server`;
}

const running = new Set<ChildProcess>();
// A test file that fails half-way must not leave servers behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  readonly pid: number;
  /** SIGSTOP: the process keeps its sockets open and answers nothing (a stall). */
  pause(): void;
  /** SIGCONT. */
  resume(): void;
  /** kill -9, and wait until it is gone. */
  kill(): Promise<void>;
  /** Start again on the same port and dir (after kill(); a cluster node keeps its nodes.conf). */
  restart(): Promise<void>;
  /** SIGTERM (SIGCONT first, in case it was paused), wait, and remove the dir. */
  stop(): Promise<void>;
  /** The server's log (its --logfile), for a failing test's message. */
  logTail(lines?: number): string;
}

export interface StartOptions {
  readonly cluster?: boolean;
  readonly port?: number;
  /** More redis-server arguments, after (so overriding) the defaults: e.g. AOF settings, --replicaof. */
  readonly args?: readonly string[];
}

export async function startRedis(options: StartOptions = {}): Promise<RedisServer> {
  const port = options.port ?? (await freePort(Boolean(options.cluster)));
  const dir = mkdtempSync(join(tmpdir(), `hashcap-redis-${port}-`));
  const logfile = join(dir, 'redis.log');
  const args = [
    '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir,
    '--logfile', logfile, '--daemonize', 'no', '--protected-mode', 'no',
  ];
  args.push(...(options.args ?? []));
  if (options.cluster) {
    args.push('--cluster-enabled', 'yes', '--cluster-config-file', join(dir, 'nodes.conf'), '--cluster-node-timeout', '2000');
  }
  let child = await launch(args, port, logfile);
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    get pid() {
      return child.pid!;
    },
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    async kill() {
      await signalAndWait(child, 'SIGKILL');
    },
    async restart() {
      child = await launch(args, port, logfile);
    },
    async stop() {
      child.kill('SIGCONT');
      await signalAndWait(child, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
    logTail(lines = 20) {
      try {
        return readFileSync(logfile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
      } catch {
        return '(no log)';
      }
    },
  };
  return server;
}

export interface RedisCluster {
  readonly nodes: readonly RedisServer[];
  /** redis-cluster://127.0.0.1:a,127.0.0.1:b,127.0.0.1:c (server/bus createBus). */
  readonly url: string;
  /** Until every node says cluster_state:ok and knows all masters (after a restart, say). */
  waitOk(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Three masters, no replicas, every slot covered. */
export async function startRedisCluster(): Promise<RedisCluster> {
  const nodes: RedisServer[] = [];
  try {
    for (let i = 0; i < 3; i += 1) nodes.push(await startRedis({ cluster: true }));
    await promisify(execFile)(
      REDIS_CLI,
      ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '0', '--cluster-yes'],
      { timeout: 20_000 },
    );
    const cluster: RedisCluster = {
      nodes,
      url: `redis-cluster://${nodes.map((n) => `127.0.0.1:${n.port}`).join(',')}`,
      async waitOk(timeoutMs = 20_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const infos = await Promise.all(nodes.map((n) => command(n.port, ['CLUSTER', 'INFO']).catch(() => '')));
          if (infos.every((info) => /cluster_state:ok/.test(info) && /cluster_known_nodes:3\b/.test(info) && /cluster_slots_ok:16384\b/.test(info))) return;
          if (Date.now() > deadline) throw new Error(`cluster not ok after ${timeoutMs} ms:\n${infos.join('\n---\n')}`);
          await sleep(100);
        }
      },
      async stop() {
        await Promise.all(nodes.map((n) => n.stop()));
      },
    };
    await cluster.waitOk();
    return cluster;
  } catch (error) {
    await Promise.all(nodes.map((n) => n.stop()));
    throw error;
  }
}

/**
 * One command over a fresh RESP connection (no client library between the test and the server); the
 * reply as text: a status or bulk string, an integer, or an array's items joined by newlines.
 */
export function command(port: number, argv: readonly string[], timeoutMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let buffer = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`redis ${argv.join(' ')} on port ${port}: no answer in ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const parsed = parseReply(buffer, 0);
      if (parsed === null) return;
      clearTimeout(timer);
      socket.destroy();
      if (parsed.error !== undefined) reject(new Error(`redis ${argv.join(' ')}: ${parsed.error}`));
      else resolve(parsed.value);
    });
    socket.write(`*${argv.length}\r\n${argv.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
  });
}

interface Reply {
  readonly value: string;
  readonly error?: string;
  readonly end: number;
}

function parseReply(buffer: Buffer, at: number): Reply | null {
  const lineEnd = buffer.indexOf('\r\n', at);
  if (lineEnd < 0) return null;
  const type = String.fromCharCode(buffer[at]!);
  const line = buffer.toString('utf8', at + 1, lineEnd);
  if (type === '+' || type === ':') return { value: line, end: lineEnd + 2 };
  if (type === '-') return { value: '', error: line, end: lineEnd + 2 };
  if (type === '$') {
    const length = Number(line);
    if (length < 0) return { value: '', end: lineEnd + 2 };
    if (buffer.length < lineEnd + 2 + length + 2) return null;
    return { value: buffer.toString('utf8', lineEnd + 2, lineEnd + 2 + length), end: lineEnd + 2 + length + 2 };
  }
  if (type === '*') {
    const count = Number(line);
    const items: string[] = [];
    let next = lineEnd + 2;
    for (let i = 0; i < count; i += 1) {
      const item = parseReply(buffer, next);
      if (item === null) return null;
      items.push(item.value);
      next = item.end;
    }
    return { value: items.join('\n'), end: next };
  }
  return { value: '', error: `unexpected reply type ${type}`, end: buffer.length };
}

async function launch(args: readonly string[], port: number, logfile: string): Promise<ChildProcess> {
  const child = spawn(REDIS_SERVER, args, { stdio: 'ignore' });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`redis-server on port ${port} exited with ${child.exitCode}: ${safeRead(logfile)}`);
    }
    const pong = await command(port, ['PING'], 500).catch(() => '');
    if (pong === 'PONG') return child;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server on port ${port} did not answer PING in 10 s: ${safeRead(logfile)}`);
    }
    await sleep(50);
  }
}

function signalAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** A port free on loopback now; for a cluster node, its bus port (port + 10000) too. */
export async function freePort(cluster = false): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = cluster ? 20_000 + Math.floor(Math.random() * 30_000) : await bindZero();
    if (!cluster) return port;
    if ((await canBind(port)) && (await canBind(port + 10_000))) return port;
  }
  throw new Error('no free port pair for a cluster node');
}

function bindZero(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8').slice(-2000);
  } catch {
    return '(no log)';
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
