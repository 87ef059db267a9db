/**
 * Keeping the load generator off the server's core (taskset(1)). On a 2-core machine the server gets
 * the last core and the generator (this process, its probe process) the others, so a busy generator
 * cannot take the server's CPU and the server's CPU figure is the server's alone. Where taskset or a
 * second core is missing, nothing is pinned and the report says so.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

export interface CpuPlan {
  /** taskset CPU lists, e.g. "0" and "1"; null = not pinned. */
  readonly generator: string | null;
  readonly server: string | null;
  readonly note: string;
}

let tasksetChecked: boolean | null = null;

function hasTaskset(): boolean {
  if (tasksetChecked === null) tasksetChecked = spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
  return tasksetChecked;
}

/** The split for `cores` CPUs (default: what this process may use); `wanted` false = no pinning. */
export function cpuPlan(wanted = true, cores = availableParallelism()): CpuPlan {
  if (!wanted) return { generator: null, server: null, note: 'not pinned (--no-pin)' };
  if (cores < 2) return { generator: null, server: null, note: `not pinned (${cores} core)` };
  if (!hasTaskset()) return { generator: null, server: null, note: 'not pinned (no taskset)' };
  const last = cores - 1;
  const generator = last === 1 ? '0' : `0-${last - 1}`;
  return { generator, server: String(last), note: `server pinned to CPU ${last}, generator and probes to CPU ${generator} (taskset)` };
}

/** Pins every thread of a running process (and so the threads it starts later). False if it failed. */
export function pinProcess(pid: number, cpus: string | null): boolean {
  if (cpus === null) return false;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** argv prefix that starts a program already pinned (so even its first threads are). */
export function pinnedCommand(cpus: string | null): string[] {
  return cpus === null ? [] : ['taskset', '-c', cpus];
}

/**
 * One core each for `names` (e.g. publisher, redis-server, two gateways), so no process of the run waits
 * for another's turn on a core. Only when there are at least as many cores as processes: pinning four
 * busy processes onto fewer cores only decides which of them queue together. Null lists = not pinned.
 */
export function onePerCore<K extends string>(names: readonly K[], wanted = true, cores = availableParallelism()): { readonly cpus: Record<K, string | null>; readonly note: string } {
  const none = Object.fromEntries(names.map((n) => [n, null])) as Record<K, string | null>;
  if (!wanted) return { cpus: none, note: 'not pinned (--pin=off)' };
  if (cores < names.length) return { cpus: none, note: `not pinned (${cores} cores for ${names.length} processes)` };
  if (!hasTaskset()) return { cpus: none, note: 'not pinned (no taskset)' };
  const cpus = Object.fromEntries(names.map((n, i) => [n, String(i)])) as Record<K, string | null>;
  return { cpus, note: `one core each (taskset): ${names.map((n, i) => `${n} CPU ${i}`).join(', ')}` };
}
