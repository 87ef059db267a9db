/**
 * Replays a recording into a sink — `server.ingest`, the gate, a websocket publisher — batch for batch
 * as recorded (same boundaries, same publisher ids unless renamed), paced by the ticks' recorded
 * exchange times: at 1× in real time, at `speed` N× N times faster, or with `speed: Infinity` as fast
 * as the sink takes them.
 *
 * Bounded: the file is streamed (one batch in memory), and a sink that returns a promise is awaited
 * before the next batch is read, so nothing queues up; a slow sink makes the replay fall behind its
 * schedule (reported as lag) rather than buffer. Stoppable: `stop()` (or an AbortSignal) ends it
 * before the next batch, also in the middle of a wait; no batch is delivered after `stop` returns.
 *
 * Pacing: batch k is due at anchor + (t_k − t_0) / speed in real time, where t_k is the newest tick
 * time of the batch (never earlier than the previous batch's), so timer jitter does not accumulate.
 * Quiet stretches (overnight, a halt) can be cut with `maxGapMs`; `fastForwardToMs` sends everything
 * recorded before an instant as fast as possible and paces from there (e.g. the pre-market at once,
 * then the open in real time).
 */
import { performance } from 'node:perf_hooks';
import { optionError } from './errors.ts';
import type { Tick } from '../../tick/tick.ts';
import type { RecordingHeader } from './format.ts';
import { RecordingReader, type ReaderOptions, type RecordedBatch } from './reader.ts';

export type ReplaySink = (publisherId: string, ticks: Tick[]) => void | Promise<void>;

export interface ReplayOptions extends ReaderOptions {
  /** Recorded ms per real ms: 1 (default) real time, 50 = 50× faster, Infinity = as fast as possible. */
  readonly speed?: number;
  /** The publisher id to deliver under: a fixed id, or a mapping of the recorded one. Default: as recorded. */
  readonly publisher?: string | ((recorded: string) => string);
  /** Longest real wait between two batches (ms); longer recorded gaps are cut to it. Default: no limit. */
  readonly maxGapMs?: number;
  /** Batches recorded before this time (epoch ms) are sent as fast as possible; pacing starts there. */
  readonly fastForwardToMs?: number;
  /** Stops the replay when aborted. */
  readonly signal?: AbortSignal;
  /** Called after each delivered batch (for progress, tests). */
  readonly onBatch?: (batch: RecordedBatch, stats: ReplayStats) => void;
  /** Real clock in ms (monotonic). Default performance.now. */
  readonly now?: () => number;
}

export interface ReplayStats {
  readonly batches: number;
  readonly ticks: number;
  /** Recorded time of the first and the latest delivered batch (NaN before the first). */
  readonly firstTimeMs: number;
  readonly lastTimeMs: number;
  /** Real ms since the replay started. */
  readonly elapsedMs: number;
  /** Largest delay of a delivery behind its schedule (ms): how far a slow sink made it fall behind. */
  readonly maxLagMs: number;
  /** True when it was stopped before the end of the file. */
  readonly stopped: boolean;
}

export interface ReplayHandle {
  readonly header: RecordingHeader;
  /** Resolves with the stats at the end of the file or after `stop`; rejects on a read or sink error. */
  readonly done: Promise<ReplayStats>;
  /** Stops before the next batch; idempotent. */
  stop(): void;
  readonly running: boolean;
  /**
   * The replayed market's clock, epoch ms: the recorded time the replay has reached (between batches
   * it advances at `speed`; never behind the batch being delivered). A server replaying a file uses it
   * as its market clock, so sessions and the gate's future-time check follow the recording.
   */
  readonly marketTimeMs: number;
  readonly stats: ReplayStats;
}

/** At speed Infinity, give the event loop a turn after this much busy time (ms). */
const YIELD_EVERY_MS = 8;

/** Opens `path` (throwing RecordingError if it cannot be read or has a bad header) and starts replaying. */
export async function startReplay(path: string, sink: ReplaySink, options: ReplayOptions = {}): Promise<ReplayHandle> {
  const speed = options.speed ?? 1;
  if (typeof speed !== 'number' || !(speed > 0)) throw optionError(`speed must be a number > 0 (or Infinity), got ${String(speed)}`);
  const maxGapMs = options.maxGapMs ?? Infinity;
  if (typeof maxGapMs !== 'number' || !(maxGapMs >= 0)) throw optionError(`maxGapMs must be a number >= 0, got ${String(maxGapMs)}`);
  const fastForwardToMs = options.fastForwardToMs ?? -Infinity;
  if (typeof fastForwardToMs !== 'number' || Number.isNaN(fastForwardToMs)) {
    throw optionError(`fastForwardToMs must be an epoch time in ms, got ${String(fastForwardToMs)}`);
  }
  const rename = options.publisher;
  if (rename !== undefined && typeof rename !== 'string' && typeof rename !== 'function') {
    throw optionError('publisher must be a string or a function');
  }
  const now = options.now ?? (() => performance.now());

  const reader = await RecordingReader.open(path, options);
  const startReal = now();
  let batches = 0;
  let ticks = 0;
  let firstTimeMs = Number.NaN;
  let lastTimeMs = Number.NaN;
  let maxLagMs = 0;
  let stopped = false;
  let running = true;
  // Pacing anchor: recorded time `anchorRecorded` is due at real time `anchorReal`.
  let anchorRecorded = Number.NaN;
  let anchorReal = Number.NaN;
  // The recorded time of the batch being or last delivered (NaN before the first).
  let reached = Number.NaN;
  let wake: (() => void) | null = null;
  let timer: NodeJS.Timeout | null = null;

  const stats = (): ReplayStats => ({
    batches,
    ticks,
    firstTimeMs,
    lastTimeMs,
    elapsedMs: now() - startReal,
    maxLagMs,
    stopped,
  });

  const stop = (): void => {
    if (!running) return;
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = null;
    const w = wake;
    wake = null;
    w?.();
  };
  const signal = options.signal;
  if (signal?.aborted) stop();
  signal?.addEventListener('abort', stop, { once: true });

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      wake = resolve;
      timer = setTimeout(() => {
        timer = null;
        wake = null;
        resolve();
      }, ms);
    });
  const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  const run = async (): Promise<ReplayStats> => {
    let busySince = now();
    try {
      for (;;) {
        if (stopped) break;
        const batch = await reader.next();
        if (batch === null || stopped) break;
        const t = Number.isFinite(reached) ? Math.max(batch.timeMs, reached) : batch.timeMs;
        if (speed !== Infinity && t >= fastForwardToMs) {
          if (Number.isNaN(anchorRecorded)) {
            anchorRecorded = t;
            anchorReal = now();
          }
          let wait = anchorReal + (t - anchorRecorded) / speed - now();
          if (wait > maxGapMs) {
            // Shift the schedule so the rest of it keeps its spacing after the cut.
            anchorReal -= wait - maxGapMs;
            wait = maxGapMs;
          }
          if (-wait > maxLagMs) maxLagMs = -wait;
          // Timers count from the event loop's cached time and may fire a little early: check again.
          while (wait > 0 && !stopped) {
            await sleep(Math.ceil(wait));
            wait = anchorReal + (t - anchorRecorded) / speed - now();
          }
          busySince = now();
          if (stopped) break;
        }
        reached = t;
        const publisher = rename === undefined ? batch.publisher : typeof rename === 'string' ? rename : rename(batch.publisher);
        const pending = sink(publisher, batch.ticks);
        if (pending !== undefined && typeof (pending as Promise<void>).then === 'function') await pending;
        batches++;
        ticks += batch.ticks.length;
        if (Number.isNaN(firstTimeMs)) firstTimeMs = t;
        lastTimeMs = t;
        options.onBatch?.(batch, stats());
        if (now() - busySince >= YIELD_EVERY_MS) {
          // As fast as possible still lets timers and sockets run between batches.
          await yieldTurn();
          busySince = now();
        }
      }
      return stats();
    } finally {
      running = false;
      signal?.removeEventListener('abort', stop);
      if (timer) clearTimeout(timer);
      await reader.close();
    }
  };
  const done = run();

  return {
    header: reader.header,
    done,
    stop,
    get running() {
      return running;
    },
    get marketTimeMs() {
      if (Number.isNaN(reached)) return reader.header.startedMs;
      if (speed === Infinity || Number.isNaN(anchorRecorded) || !running) return reached;
      return Math.max(reached, anchorRecorded + (now() - anchorReal) * speed);
    },
    get stats() {
      return stats();
    },
  };
}
