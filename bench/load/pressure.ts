/**
 * Linux pressure stall information for the CPU (/proc/pressure/cpu, "some"): the share of wall time
 * in which at least one runnable task waited for a CPU. On a shared or overcommitted machine a run can
 * fall behind with no process near 100% of a core; this is the number that says so.
 */
import { readFileSync } from 'node:fs';

/** Cumulative stall time in µs, or null where PSI is not available. */
export function cpuStallMicros(): number | null {
  try {
    const m = /some .*total=(\d+)/.exec(readFileSync('/proc/pressure/cpu', 'latin1'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Percent of `wallSeconds` stalled between two readings (null when unavailable). */
export function stallPct(before: number | null, after: number | null, wallSeconds: number): number | null {
  if (before === null || after === null || wallSeconds <= 0) return null;
  return Number((((after - before) / 1e6 / wallSeconds) * 100).toFixed(1));
}
