/**
 * Peer (c): nats-server (Debian's 2.9, /usr/sbin/nats-server) with its websocket listener. A generated
 * config binds both listeners to 127.0.0.1 on free ports; subscribers speak the NATS text protocol
 * over the websocket (`CONNECT`, `SUB md 1`, then `MSG` lines), the publisher a plain TCP connection
 * (`PUB md <n>`). Defaults otherwise (slow consumers: 64 MiB pending per client, 10 s write deadline).
 * It runs under timeout(1) so it cannot outlive its budget even if the bench dies.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childPids, freePort } from '../fanout/proc.ts';
import { pinnedCommand } from '../lib/pinning.ts';

export const NATS_SERVER = '/usr/sbin/nats-server';

export interface NatsHandle {
  /** The nats-server process itself (for /proc readings), not the timeout(1) wrapper. */
  readonly pid: number;
  readonly port: number;
  readonly wsPort: number;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

export function natsConfig(port: number, wsPort: number): string {
  return [
    `listen: "127.0.0.1:${port}"`,
    'websocket {',
    `  listen: "127.0.0.1:${wsPort}"`,
    '  no_tls: true',
    '}',
    '',
  ].join('\n');
}

/** `cpus`: a taskset CPU list to run on (nats-server then sizes GOMAXPROCS to it); null = anywhere. */
export async function startNats(maxSeconds: number, cpus: string | null = null): Promise<NatsHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'hashcap-nats-'));
  const port = await freePort();
  const wsPort = await freePort();
  const conf = join(dir, 'nats.conf');
  writeFileSync(conf, natsConfig(port, wsPort));
  const child = spawn('timeout', ['-s', 'KILL', String(Math.ceil(maxSeconds)), ...pinnedCommand(cpus), NATS_SERVER, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 5000);
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Server is ready')) {
        clearTimeout(timer);
        resolve(true);
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  child.stderr?.resume();
  if (!ready) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`nats-server did not start:\n${log.slice(-2000)}`);
  }
  const pid = childPids(child.pid!)[0];
  if (pid === undefined) throw new Error('nats-server started but its pid was not found');
  return {
    pid,
    port,
    wsPort,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
