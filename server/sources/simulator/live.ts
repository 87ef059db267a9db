/**
 * Live pacing: runs a simulator against the real clock. Every `batchIntervalMs` the loop asks for the
 * ticks due by now (`advanceTo`'s target on the simulator's clock) and hands a non-empty batch to
 * `onBatch`; a batch still in flight (an async onBatch) skips the turn, and a loop that falls more
 * than `maxLagMs` behind skips ahead rather than replaying the backlog.
 */
import type { MarketSimulator } from './simulator.ts';
import { DEFAULT_MAX_BATCH_TICKS, fail, option, type LiveHandle, type LiveOptions } from './options.ts';

/** What the loop tells its simulator (for its stats and its one-loop-at-a-time rule). */
export interface LiveHooks {
  lagSkipped(): void;
  stopped(handle: LiveHandle): void;
}

export function startLiveLoop(sim: MarketSimulator, options: LiveOptions, hooks: LiveHooks): LiveHandle {
  if (options === null || typeof options !== 'object' || typeof options.onBatch !== 'function') {
    fail('startLive needs options with an onBatch function');
  }
  const interval = option('batchIntervalMs', options.batchIntervalMs, 0, 1, 2_147_483_647);
  if (options.rate !== undefined) sim.setRate(options.rate);
  const expected = (sim.ticksPerSecond * interval) / 1000;
  const maxBatch = Math.floor(
    option('maxBatchTicks', options.maxBatchTicks, Math.min(DEFAULT_MAX_BATCH_TICKS, Math.max(1000, Math.ceil(expected * 8))), 1, 1e9),
  );
  const maxLagSimMs = option('maxLagMs', options.maxLagMs, 5000, 0, 1e12) * sim.speed;
  const now = options.now ?? Date.now;
  const { onBatch, onError } = options;
  if (!sim.clock.anchored) sim.clock.anchor(now());

  let running = true;
  let inFlight = false;
  let batches = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = (): void => {
    if (!running) return;
    running = false;
    if (timer !== undefined) clearInterval(timer);
    hooks.stopped(handle);
  };
  const failLoop = (error: unknown): void => {
    if (!running) return;
    stop();
    if (onError) onError(error);
    else throw error;
  };
  const settle = (): void => {
    inFlight = false;
  };
  const rejectLoop = (error: unknown): void => {
    inFlight = false;
    try {
      failLoop(error);
    } catch (rethrown: unknown) {
      // Without onError a rejected batch surfaces like an exception thrown from a timer.
      queueMicrotask(() => {
        throw rethrown;
      });
    }
  };
  const step = (): void => {
    if (!running || inFlight) return;
    let result: void | Promise<void>;
    try {
      const target = sim.clock.simTimeAt(now());
      const ticks = sim.nextBatch(maxBatch, target);
      if (sim.backlogged && target - sim.simTimeMs > maxLagSimMs) {
        sim.skipTo(target);
        hooks.lagSkipped();
      }
      if (ticks.length === 0) return;
      batches++;
      result = onBatch(ticks);
    } catch (error: unknown) {
      failLoop(error);
      return;
    }
    if (result instanceof Promise) {
      inFlight = true;
      result.then(settle, rejectLoop);
    }
  };
  const handle: LiveHandle = {
    stop,
    get running() {
      return running;
    },
    get batches() {
      return batches;
    },
  };
  timer = setInterval(step, interval);
  return handle;
}
