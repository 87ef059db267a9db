/**
 * What the benches read about a server process from outside it, the same way for every server
 * (hashcap, Node peers, nats-server): CPU time from /proc/<pid>/stat (user + system, all threads),
 * resident memory from /proc/<pid>/status, and the open-files limit set with prlimit(1).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: the unit of /proc/<pid>/stat times; 100 on every Linux this runs on (getconf CLK_TCK). */
const CLK_TCK = 100;

/** User + system CPU seconds the process has used so far (10 ms resolution). */
export function cpuSeconds(pid: number): number {
  const { user, system } = cpuSplit(pid);
  return user + system;
}

/** User and system CPU seconds apart (system time: syscalls, and on loopback the receivers' share too). */
export function cpuSplit(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  // Fields after the command name (which may contain spaces) start at state (field 3).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) / CLK_TCK, system: Number(fields[12]) / CLK_TCK };
}

export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'latin1');
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) * 1024 : 0;
}

export function isAlive(pid: number): boolean {
  try {
    readFileSync(`/proc/${pid}/stat`);
    return true;
  } catch {
    return false;
  }
}

/** The open-files limit of a running process (soft), from /proc/<pid>/limits. */
export function nofileLimit(pid: number): number {
  const limits = readFileSync(`/proc/${pid}/limits`, 'latin1');
  const m = /Max open files\s+(\d+|unlimited)/.exec(limits);
  return m === null ? 0 : m[1] === 'unlimited' ? Number.MAX_SAFE_INTEGER : Number(m[1]);
}

/**
 * Raises a process's open-files limit (soft and hard) with prlimit; needs CAP_SYS_RESOURCE to go
 * past the hard limit. Returns the limit in force afterwards, so a caller can size its run to it.
 */
export function raiseNofile(pid: number, wanted: number): number {
  try {
    execFileSync('prlimit', ['--pid', String(pid), `--nofile=${wanted}:${wanted}`], { stdio: 'ignore' });
  } catch {
    // Not permitted: keep what we have.
  }
  return nofileLimit(pid);
}

/** Children of a process (scanning /proc: the kernel here has no /proc/<pid>/task/<tid>/children). */
export function childPids(ppid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === ppid) out.push(Number(name));
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

/** A free TCP port on 127.0.0.1 for servers that cannot report the one they picked. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
