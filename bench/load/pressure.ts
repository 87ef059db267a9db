/**
 * How busy the machine was during a measurement, from outside every process: Linux pressure stall
 * information for the CPU (/proc/pressure/cpu, "some": the share of wall time in which at least one
 * runnable task waited for a CPU), else the CPU time stolen by the hypervisor (/proc/stat) and the
 * load average. On a shared or overcommitted machine a run can fall behind with no process near 100%
 * of a core; this is the number that says so, and a sweep marks such points instead of averaging them.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

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

interface CpuTicks {
  steal: number;
  total: number;
}

function cpuTicks(): CpuTicks | null {
  try {
    const line = readFileSync('/proc/stat', 'latin1').split('\n', 1)[0]!;
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    return { steal: f[7] ?? 0, total: f.reduce((a, b) => a + b, 0) };
  } catch {
    return null;
  }
}

export interface MachineSample {
  readonly stallUs: number | null;
  readonly ticks: CpuTicks | null;
  readonly atMs: number;
}

export interface MachinePressure {
  /** PSI "some" over the interval, % of wall time; null without PSI. */
  readonly psiSomePct: number | null;
  /** CPU time stolen by the hypervisor, % of all CPU time; null without /proc/stat. */
  readonly stealPct: number | null;
  /** 1-minute load average at the end, per core. */
  readonly loadPerCore: number;
  /** The figure compared with the threshold: PSI when present, else steal, else load per core × 100. */
  readonly pressurePct: number;
  readonly source: 'psi' | 'steal' | 'load';
}

export function machineSample(): MachineSample {
  return { stallUs: cpuStallMicros(), ticks: cpuTicks(), atMs: performance.now() };
}

export function machinePressure(from: MachineSample, to: MachineSample = machineSample()): MachinePressure {
  const seconds = (to.atMs - from.atMs) / 1000;
  const psi = stallPct(from.stallUs, to.stallUs, seconds);
  const dt = from.ticks && to.ticks ? to.ticks.total - from.ticks.total : 0;
  const steal = from.ticks && to.ticks && dt > 0 ? Number((((to.ticks.steal - from.ticks.steal) / dt) * 100).toFixed(1)) : null;
  const loadPerCore = Number((loadavg()[0]! / availableParallelism()).toFixed(2));
  if (psi !== null) return { psiSomePct: psi, stealPct: steal, loadPerCore, pressurePct: psi, source: 'psi' };
  if (steal !== null) return { psiSomePct: null, stealPct: steal, loadPerCore, pressurePct: steal, source: 'steal' };
  return { psiSomePct: null, stealPct: null, loadPerCore, pressurePct: Number((loadPerCore * 100).toFixed(1)), source: 'load' };
}
