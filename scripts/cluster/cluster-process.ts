/**
 * One process of the local cluster (redis-server, the aggregator, a gateway, the page build), run in a
 * process group of its own so that stopping it stops everything it may have started, and so that a
 * Ctrl-C at the terminal reaches the cluster command alone: it then stops the parts in order (the
 * gateways advise their subscribers before Redis goes away) instead of every part dying at once.
 * Each line it prints is forwarded with its name in front.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ProcessOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Width the name is padded to, so that forwarded lines line up. */
  readonly nameWidth: number;
}

export class ClusterProcess {
  readonly pid: number;
  /** Resolves once the process has exited and its output is all forwarded. */
  readonly exited: Promise<ProcessExit>;
  exit: ProcessExit | null = null;
  private readonly child: ChildProcess;
  private readonly lineWaiters = new Set<(line: string) => void>();

  constructor(readonly name: string, command: string, args: readonly string[], options: ProcessOptions) {
    this.child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.pid = this.child.pid ?? -1;
    const prefix = `${name.padEnd(options.nameWidth)} | `;
    const forward = (stream: NodeJS.ReadableStream, to: NodeJS.WriteStream) => {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        to.write(prefix + line + '\n');
        for (const waiter of this.lineWaiters) waiter(line);
      });
    };
    forward(this.child.stdout!, process.stdout);
    forward(this.child.stderr!, process.stderr);
    this.exited = new Promise((resolve) => {
      // A program that cannot be started at all ('error' without 'close' when spawn fails).
      this.child.once('error', (err) => {
        if (this.child.pid !== undefined) return;
        process.stderr.write(`${prefix}cannot start ${command}: ${err.message}\n`);
        this.exit = { code: null, signal: null };
        resolve(this.exit);
      });
      // Whatever it started and left behind in its group goes with it (now, while the group id is
      // still its own: later it could name someone else's).
      this.child.once('exit', () => this.signal('SIGKILL'));
      // 'close', not 'exit': by then every line it printed has been forwarded.
      this.child.once('close', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  get running(): boolean {
    return this.exit === null;
  }

  /** Resolves with the first line (printed from now on) that matches; rejects when it exits first or after `timeoutMs`. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.lineWaiters.delete(onLine);
      };
      const onLine = (line: string) => {
        const match = pattern.exec(line);
        if (match === null) return;
        done();
        resolve(match);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${this.name} (pid ${this.pid}) printed no line matching ${pattern} in ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.lineWaiters.add(onLine);
      void this.exited.then((exit) => {
        if (!this.lineWaiters.has(onLine)) return;
        done();
        reject(new Error(`${this.name} (pid ${this.pid}) exited (${describeExit(exit)}) before it was ready`));
      });
    });
  }

  /** Signals its whole process group; a group already gone is not an error. */
  signal(signal: NodeJS.Signals): void {
    if (this.pid <= 0 || this.exit !== null) return;
    try {
      process.kill(-this.pid, signal);
    } catch {
      // ESRCH: nothing left in the group
    }
  }

  /**
   * SIGTERM (the planned stop: a hashcap role advises its subscribers and closes, redis-server shuts
   * down), then SIGKILL to the group if it is still running after `graceMs`. Resolves once it has exited.
   * The SIGTERM goes to the process alone: what it runs beside it (tsx's esbuild) must outlive its own
   * stop, and goes with the group once it has exited.
   */
  async stop(graceMs: number): Promise<ProcessExit> {
    if (this.running) {
      try {
        process.kill(this.pid, 'SIGTERM');
      } catch {
        // exited just now
      }
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
      if ((await Promise.race([this.exited, late])) === 'late') {
        process.stderr.write(`${this.name} did not stop within ${graceMs / 1000} s of SIGTERM: SIGKILL\n`);
        this.signal('SIGKILL');
      }
      clearTimeout(timer);
    }
    return this.exited;
  }
}

export function describeExit(exit: ProcessExit): string {
  return exit.signal !== null ? `signal ${exit.signal}` : exit.code !== null ? `exit code ${exit.code}` : 'could not start';
}
