/**
 * The generator's handle on the probes running in probe-process.ts: readiness and delta counts arrive
 * every 100 ms; recording is switched on and off around the measurement window; closing returns the
 * final per-probe stats and the merged latency histograms.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as hdr from 'hdr-histogram-js';
import { latencyHistogram, type Histogram } from './latency.ts';
import type { ProbeStats, ProbeTarget } from './probe.ts';
import type { SymbolPrice } from './ticks.ts';
import { waitFor } from './wait.ts';

export type ProbeCommand = { type: 'start'; targets: ProbeTarget[] } | { type: 'record'; on: boolean } | { type: 'take' } | { type: 'close' };

/** The histograms recorded since the last `take` (one point of a sweep), then reset. */
export interface ProbeTaken {
  type: 'taken';
  sendHistogram: string;
  eventHistogram: string;
  negative: number;
  gaps: number;
  duplicates: number;
}

export interface ProbeStatus {
  type: 'status';
  ready: number;
  closed: number;
  deltas: number[];
  prices: SymbolPrice[];
  stats: ProbeStats[] | null;
  sendHistogram: string | null;
  eventHistogram: string | null;
  negative: number;
}

export interface ProbeResults {
  readonly stats: readonly ProbeStats[];
  readonly sendLatency: Histogram;
  readonly eventLatency: Histogram;
  readonly negative: number;
  readonly closed: number;
}

export class ProbePool {
  readonly count: number;
  private readonly child: ChildProcess | null;
  private last: ProbeStatus;
  private results: ProbeResults | null = null;
  private exited = false;

  constructor(targets: readonly ProbeTarget[], maxSeconds: number) {
    this.count = targets.length;
    this.last = { type: 'status', ready: 0, closed: 0, deltas: targets.map(() => 0), prices: [], stats: null, sendHistogram: null, eventHistogram: null, negative: 0 };
    if (targets.length === 0) {
      this.child = null;
      this.exited = true;
      return;
    }
    // The child needs the TypeScript loader whatever started us (tsx, vitest).
    this.child = fork(fileURLToPath(new URL('./probe-process.ts', import.meta.url)), ['--max-seconds', String(Math.ceil(maxSeconds))], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (m: ProbeStatus) => {
      if (m.type !== 'status') return;
      this.last = m;
      if (m.stats !== null) this.results = finalResults(m);
    });
    this.child.on('exit', () => {
      this.exited = true;
    });
    this.child.on('error', (error) => {
      console.error('probe process:', error);
      this.exited = true;
    });
    this.child.send({ type: 'start', targets: [...targets] } satisfies ProbeCommand);
  }

  /** The probes' process (for its CPU), or null without probes. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get ready(): number {
    return this.last.ready;
  }

  /** Per-probe delta counts as of the last status (at most 100 ms old). */
  get deltas(): readonly number[] {
    return this.last.deltas;
  }

  get prices(): readonly SymbolPrice[] {
    return this.last.prices;
  }

  async waitReady(deadlineMs: number): Promise<boolean> {
    return waitFor(() => this.last.ready === this.count, deadlineMs);
  }

  record(on: boolean): void {
    if (this.child?.connected) this.child.send({ type: 'record', on } satisfies ProbeCommand);
  }

  /** The latency recorded since the last take (one point of a sweep); empty histograms without probes or on timeout. */
  async take(timeoutMs = 5000): Promise<{ sendLatency: Histogram; eventLatency: Histogram; negative: number; gaps: number; duplicates: number }> {
    const empty = { sendLatency: latencyHistogram(), eventLatency: latencyHistogram(), negative: 0, gaps: 0, duplicates: 0 };
    const child = this.child;
    if (child === null || !child.connected || timeoutMs <= 0) return empty;
    return new Promise((resolve) => {
      const onMessage = (m: ProbeTaken | ProbeStatus) => {
        if (m.type !== 'taken') return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve({
          sendLatency: hdr.decodeFromCompressedBase64(m.sendHistogram),
          eventLatency: hdr.decodeFromCompressedBase64(m.eventHistogram),
          negative: m.negative,
          gaps: m.gaps,
          duplicates: m.duplicates,
        });
      };
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        resolve(empty);
      }, timeoutMs);
      child.on('message', onMessage);
      child.send({ type: 'take' } satisfies ProbeCommand);
    });
  }

  /** Closes every probe socket and ends the process; bounded by `deadlineMs`, then it is killed. */
  async close(deadlineMs: number): Promise<ProbeResults> {
    const child = this.child;
    if (child !== null && !this.exited) {
      if (child.connected) child.send({ type: 'close' } satisfies ProbeCommand);
      if (!(await waitFor(() => this.exited, deadlineMs))) {
        child.kill('SIGKILL');
        await waitFor(() => this.exited, Date.now() + 1000);
      }
    }
    return this.results ?? finalResults(this.last);
  }

  /** Probes whose sockets were not seen closed (all of them when the process had to be killed). */
  get openAtEnd(): number {
    return this.results === null ? this.count - this.last.closed : this.count - this.results.closed;
  }
}

function finalResults(s: ProbeStatus): ProbeResults {
  return {
    stats: s.stats ?? s.deltas.map((deltas) => ({ deltas, gaps: 0, duplicates: 0, snapshots: 0, keyframes: 0, keyframeSeqMismatches: 0, heartbeats: 0, notices: 0, errors: 0, conflatedDeltas: 0 })),
    sendLatency: s.sendHistogram === null ? latencyHistogram() : hdr.decodeFromCompressedBase64(s.sendHistogram),
    eventLatency: s.eventHistogram === null ? latencyHistogram() : hdr.decodeFromCompressedBase64(s.eventHistogram),
    negative: s.negative,
    closed: s.closed,
  };
}
