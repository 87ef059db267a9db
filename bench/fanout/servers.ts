/**
 * The servers under test, each in a process of its own: hashcap (uWS or ws) and the two Node peers
 * are forked with `--import tsx` and report their port over IPC; nats-server is spawned from a
 * generated config. Every child is bounded twice: it exits when its parent goes (IPC disconnect, or
 * timeout(1) for nats-server) and after `maxSeconds` whatever happens. Children still alive when
 * the bench process exits are killed.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProtocolName } from '../load/protocols.ts';
import type { PublisherStats } from '../load/publisher.ts';
import type { ExternalPublisher } from '../load/run.ts';
import { startNats } from '../peers/nats.ts';
import { BENCH_TOKEN, type ParentMessage } from './ipc.ts';
import { isAlive, raiseNofile } from './proc.ts';
import { pinnedCommand } from '../lib/pinning.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, '..', '..');

export type VariantName =
  | 'hashcap-uws'
  | 'hashcap-uws-publish'
  | 'hashcap-ws'
  | 'hashcap-ws-publish'
  | 'naive-ws'
  | 'socketio'
  | 'nats';

export interface VariantSpec {
  readonly name: VariantName;
  /** What the table calls it. */
  readonly label: string;
  readonly protocol: ProtocolName;
  readonly transport: 'uws' | 'ws' | null;
  /** hashcap "publish only": frames handed to transport.publish in the server, no ingest or feed. */
  readonly publishOnly: boolean;
  /** Where the load comes from and what the subscribers receive. */
  readonly path: string;
}

export const VARIANTS: Readonly<Record<VariantName, VariantSpec>> = {
  'hashcap-uws': {
    name: 'hashcap-uws',
    label: 'hashcap (uWS)',
    protocol: 'hashcap',
    transport: 'uws',
    publishOnly: false,
    path: 'ticks → /v1/ingest → gate, engine, feed → one protobuf delta per batch → uWS topic publish (queued, after the ingest message handler)',
  },
  'hashcap-uws-publish': {
    name: 'hashcap-uws-publish',
    label: 'hashcap (uWS), publish only',
    protocol: 'hashcap',
    transport: 'uws',
    publishOnly: true,
    path: 'in-server timer → encode fixed delta → transport.publish (no ingest, no feed)',
  },
  'hashcap-ws': {
    name: 'hashcap-ws',
    label: 'hashcap (ws)',
    protocol: 'hashcap',
    transport: 'ws',
    publishOnly: false,
    path: 'ticks → /v1/ingest → gate, engine, feed → one protobuf delta per batch → ws transport publish',
  },
  'hashcap-ws-publish': {
    name: 'hashcap-ws-publish',
    label: 'hashcap (ws), publish only',
    protocol: 'hashcap',
    transport: 'ws',
    publishOnly: true,
    path: 'in-server timer → encode fixed delta → transport.publish (no ingest, no feed)',
  },
  'naive-ws': {
    name: 'naive-ws',
    label: 'naive ws (JSON, loop of send)',
    protocol: 'naive-ws',
    transport: null,
    publishOnly: false,
    path: 'publisher ws /pub → JSON.stringify once → client.send per subscriber',
  },
  socketio: {
    name: 'socketio',
    label: 'Socket.IO 4 (io.emit)',
    protocol: 'socketio',
    transport: null,
    publishOnly: false,
    path: 'publisher socket.io /pub → io.emit to the main namespace',
  },
  nats: {
    name: 'nats',
    label: 'nats-server 2.9 (websocket)',
    protocol: 'nats',
    transport: null,
    publishOnly: false,
    path: 'publisher TCP PUB md → MSG to every websocket SUB',
  },
};

export interface ServerHandle {
  readonly variant: VariantSpec;
  readonly pid: number;
  readonly port: number;
  /** Where subscribers connect (the load generator's --url). */
  readonly url: string;
  /** Where the generator publishes, or null for hashcap's default (/v1/ingest on the same port). */
  readonly publishUrl: string | null;
  readonly token: string | null;
  /** hashcap publish-only: the in-server publisher, driven over IPC. */
  readonly externalPublisher: ExternalPublisher | undefined;
  /** hashcap: gateway counters (slow-consumer actions, connections). */
  counters(): Promise<Record<string, number> | null>;
  alive(): boolean;
  stop(): Promise<void>;
  /** SIGKILL, no goodbye: what a crash looks like to the clients. */
  kill(): Promise<void>;
}

export interface StartOptions {
  readonly maxSeconds: number;
  /** Raise the child's open-files limit to this (prlimit); 0 = leave it. */
  readonly nofile?: number;
  /** hashcap: listen on this port (a restart on the same port); default 0. */
  readonly port?: number;
  /** hashcap: keep retrying a port that cannot be bound yet for this long (see hashcap-server.ts). */
  readonly listenRetryS?: number;
  /** taskset CPU list the server runs on from its first instruction (bench/lib/pinning.ts); null = anywhere. */
  readonly cpus?: string | null;
  /** hashcap: the transport's write window (--write-window-ms); default: the server's own default. */
  readonly writeWindowMs?: number;
  /** hashcap: how far the window may stretch under load (--write-window-max-ms); default: the server's own. */
  readonly writeWindowMaxMs?: number;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const c of live) c.kill('SIGKILL');
  });
}

export async function startVariantServer(variant: VariantSpec, options: StartOptions): Promise<ServerHandle> {
  installExitHook();
  switch (variant.protocol) {
    case 'hashcap':
      return startHashcap(variant, options);
    case 'naive-ws':
    case 'socketio':
      return startNodePeer(variant, options);
    case 'nats': {
      const nats = await startNats(options.maxSeconds, options.cpus ?? null);
      live.add(nats.child);
      nats.child.once('exit', () => live.delete(nats.child));
      if (options.nofile) raiseNofile(nats.pid, options.nofile);
      return {
        variant,
        pid: nats.pid,
        port: nats.wsPort,
        url: `ws://127.0.0.1:${nats.wsPort}/`,
        publishUrl: `tcp://127.0.0.1:${nats.port}`,
        token: null,
        externalPublisher: undefined,
        counters: () => Promise.resolve(null),
        alive: () => isAlive(nats.pid),
        stop: () => nats.stop(),
        kill: () => nats.stop(),
      };
    }
  }
}

interface ReadyMessage {
  type: 'ready';
  port: number;
  token?: string;
  transport?: string;
}

async function forkTs(file: string, args: readonly string[], options: StartOptions): Promise<{ child: ChildProcess; ready: ReadyMessage }> {
  const nodeArgs = ['--import', 'tsx', ...(process.env['HASHCAP_BENCH_CPU_PROF'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['HASHCAP_BENCH_CPU_PROF']}`] : [])];
  const pin = pinnedCommand(options.cpus ?? null);
  // Pinned: fork runs `taskset -c <cpus> node …` (taskset execs node: same pid, same IPC channel).
  const child = fork(join(HERE, '..', file), [...args, '--max-seconds', String(Math.ceil(options.maxSeconds))], {
    cwd: REPO,
    ...(pin.length > 0 ? { execPath: pin[0]!, execArgv: [...pin.slice(1), process.execPath, ...nodeArgs] } : { execArgv: nodeArgs }),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  // The child is still loading tsx: its limit is raised before it opens a single socket.
  if (options.nofile && child.pid !== undefined) raiseNofile(child.pid, options.nofile);
  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    const waitS = 30 + (options.listenRetryS ?? 0);
    const timer = setTimeout(() => reject(new Error(`${file}: no ready message within ${waitS} s`)), waitS * 1000);
    child.on('message', (m: { type?: string }) => {
      if (m.type === 'ready') {
        clearTimeout(timer);
        resolve(m as ReadyMessage);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited before it was ready (${signal ?? code})`));
    });
  });
  return { child, ready };
}

/** Disconnecting makes the child exit by itself (profiles and all); SIGKILL if it has not within 2 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  if (child.connected) child.disconnect();
  const timeout = (ms: number) => new Promise((r) => setTimeout(r, ms));
  if ((await Promise.race([exited.then(() => true), timeout(2000).then(() => false)])) === false) {
    child.kill('SIGKILL');
    await Promise.race([exited, timeout(3000)]);
  }
}

async function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
}

/** Sends a message to a child and waits for the reply of the given type. */
function request<T>(child: ChildProcess, message: ParentMessage, replyType: string, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type?: string }) => {
      if (m.type !== replyType) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(m as T);
    };
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`no ${replyType} reply within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.send(message);
  });
}

async function startHashcap(variant: VariantSpec, options: StartOptions): Promise<ServerHandle> {
  const transport = variant.transport ?? 'uws';
  const args = [
    '--transport',
    transport,
    '--port',
    String(options.port ?? 0),
    '--listen-retry-s',
    String(options.listenRetryS ?? 0),
    ...(options.writeWindowMs === undefined ? [] : ['--write-window-ms', String(options.writeWindowMs)]),
    ...(options.writeWindowMaxMs === undefined ? [] : ['--write-window-max-ms', String(options.writeWindowMaxMs)]),
  ];
  const { child, ready } = await forkTs('fanout/hashcap-server.ts', args, options);
  if (ready.transport !== transport) {
    await stopChild(child);
    throw new Error(`asked for the ${transport} transport, the server runs ${ready.transport} (is the uWS binary loadable here?)`);
  }
  const externalPublisher: ExternalPublisher | undefined = variant.publishOnly
    ? {
        async start(rate: number) {
          await request(child, { type: 'publish-start', rate, topic: 'index.miners' }, 'publish-started');
        },
        async stop() {
          const reply = await request<{ stats: PublisherStats }>(child, { type: 'publish-stop' }, 'publish-stopped');
          return reply.stats;
        },
      }
    : undefined;
  return {
    variant,
    pid: child.pid!,
    port: ready.port,
    url: `ws://127.0.0.1:${ready.port}`,
    publishUrl: null,
    token: ready.token ?? BENCH_TOKEN,
    externalPublisher,
    async counters() {
      if (child.exitCode !== null || child.signalCode !== null) return null;
      try {
        const { type: _t, ...rest } = await request<Record<string, number> & { type: string }>(child, { type: 'counters' }, 'counters', 3000);
        return rest;
      } catch {
        return null;
      }
    },
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: () => stopChild(child),
    kill: () => killChild(child),
  };
}

async function startNodePeer(variant: VariantSpec, options: StartOptions): Promise<ServerHandle> {
  const file = variant.protocol === 'socketio' ? 'peers/socketio.ts' : 'peers/naive-ws.ts';
  const { child, ready } = await forkTs(file, ['--port', '0'], options);
  const port = ready.port;
  return {
    variant,
    pid: child.pid!,
    port,
    url: variant.protocol === 'socketio' ? `ws://127.0.0.1:${port}/socket.io/` : `ws://127.0.0.1:${port}/`,
    publishUrl: variant.protocol === 'socketio' ? `http://127.0.0.1:${port}` : `ws://127.0.0.1:${port}/pub`,
    token: null,
    externalPublisher: undefined,
    counters: () => Promise.resolve(null),
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: () => stopChild(child),
    kill: () => killChild(child),
  };
}
