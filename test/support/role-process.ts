/**
 * A hashcap server as a real child process (`server/main.ts`, any `--role`), for the tests and benches
 * that kill, pause and restart roles: started on a free port (port 0 unless one is given, so two
 * processes never race for a port), ready once it has printed its URL and answers /healthz (a standby
 * answers 503: that is an answer), its output kept for assertions and failure messages, and signalled
 * (kill -9, SIGSTOP, SIGCONT) or stopped and reaped. A start that fails or times out kills the child and
 * throws with its output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const URL_LINE = /snapshot\s+(http:\/\/\S+)\/v1\/snapshot/;

export interface RoleOptions {
  /** The single publisher token (HASHCAP_INGEST_TOKEN); absent: the process makes one up. */
  readonly token?: string;
  /** An explicit port (e.g. several --reuse-port gateways on one); default 0, a free one. */
  readonly port?: number;
  /** How long it may take to print its URL and answer /healthz. Default 60 s (a loaded machine). */
  readonly startTimeoutMs?: number;
}

export class RoleProcess {
  /** Everything it wrote to stdout and stderr so far. */
  output = '';
  /** http://127.0.0.1:<port>, once started. */
  url = '';
  /** Its exit code (null when killed by a signal), once it has exited. */
  readonly exited: Promise<number | null>;

  private constructor(
    readonly proc: ChildProcess,
    private readonly token: string | undefined,
  ) {
    proc.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
  }

  /** Spawns without waiting for it to serve: for a start that is expected to fail (await `exited`). */
  static spawn(args: readonly string[], options: RoleOptions = {}): RoleProcess {
    const env = options.token === undefined ? process.env : { ...process.env, HASHCAP_INGEST_TOKEN: options.token };
    const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'main.ts'), '--port', String(options.port ?? 0), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    });
    return new RoleProcess(proc, options.token);
  }

  /** Spawns and waits until it serves (URL printed, /healthz answering). */
  static async start(args: readonly string[], options: RoleOptions = {}): Promise<RoleProcess> {
    const role = RoleProcess.spawn(args, options);
    const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
    const fail = async (why: string): Promise<never> => {
      await role.kill();
      throw new Error(`${args.join(' ')} ${why}:\n${role.output.slice(-3000)}`);
    };
    for (;;) {
      const url = URL_LINE.exec(role.output)?.[1];
      if (url !== undefined) {
        role.url = url;
        break;
      }
      if (!role.running) return fail(`exited with ${role.proc.exitCode ?? role.proc.signalCode}`);
      if (Date.now() > deadline) return fail('did not print its URL in time');
      await sleep(20);
    }
    while ((await role.health()) === null) {
      if (!role.running) return fail(`exited with ${role.proc.exitCode ?? role.proc.signalCode}`);
      if (Date.now() > deadline) return fail('did not answer /healthz in time');
      await sleep(20);
    }
    return role;
  }

  get pid(): number {
    return this.proc.pid!;
  }

  /** Not exited (a stopped process is running). */
  get running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** Its publisher websocket URL, with the token it was started with. */
  get ingestUrl(): string {
    return `${this.url.replace(/^http/, 'ws')}/v1/ingest${this.token === undefined ? '' : `?token=${this.token}`}`;
  }

  /** /healthz: status and body; null when it does not answer within `timeoutMs` (down, or paused). */
  async health(timeoutMs = 1000): Promise<{ readonly status: number; readonly body: Record<string, unknown> } | null> {
    try {
      const res = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    } catch {
      return null;
    }
  }

  /** GET /v1/snapshot as JSON; anything but a 200 throws with the end of its output. */
  async snapshot(): Promise<Record<string, unknown>> {
    const res = await fetch(`${this.url}/v1/snapshot`);
    if (res.status !== 200) throw new Error(`/v1/snapshot answered ${res.status}:\n${this.output.slice(-3000)}`);
    return (await res.json()) as Record<string, unknown>;
  }

  /** Sends a signal if it still runs (SIGSTOP pauses it, SIGCONT wakes it); returns at once. */
  signal(signal: NodeJS.Signals): void {
    if (this.running) this.proc.kill(signal);
  }

  /** kill -9, and wait until it has exited (reaped). */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.proc.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (woken first, in case it is paused), kill -9 after `graceMs`; waits until it has exited. */
  async stop(graceMs = 5000): Promise<void> {
    if (!this.running) return;
    this.proc.kill('SIGCONT');
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** A port nothing listens on now (for processes that must share an explicit one). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
