/**
 * The one path a batch takes, whoever publishes it (the endpoint, the simulator, a replay,
 * `server.ingest`): the gate checks it and applies what it accepts to the engine, then the listeners
 * hear of it, in the order the pipeline was built with — the recorder first (the durable copy is
 * written before anything is published), then the feed (correction notices, then the deltas), then
 * (soon) the bus. "A batch was applied" is said here and nowhere else.
 *
 * Listeners are told only of batches that changed state (at least one tick accepted). One that throws
 * does not keep the others from hearing of the batch, nor the publisher from its reply: the error
 * goes to `onError`. Nothing is allocated per batch beyond what the gate returns.
 *
 * A protobuf batch comes in already decoded into the gate's columns (`applyInput`); ticks given as
 * objects (`apply`: JSON publishers, `server.ingest`, a replayed log) are put into the same columns by
 * the gate. Either way the listeners see the batch as a `TickBatch` (the columns), and build Ticks
 * only if they need them.
 */
import type { TickInput } from '../tick/tick.ts';
import type { TickBatch } from '../tick/tick-columns.ts';
import type { ApplyResult, CorrectionEvent, IngestGate } from './gate.ts';
import { errorFields, logger } from '../log.ts';

export interface BatchListener {
  /**
   * A batch from `publisherId` was applied: `batch` the ticks as given, unchecked (`result.rejected`
   * lists the refused ones; `batch.tick(i)` makes a canonical Tick of one), `corrections` the cancels
   * and corrections it applied (oldest first). Called synchronously, before the publisher's reply;
   * `batch` is reused for the next one: keep nothing of the arguments but copies.
   */
  batchApplied(publisherId: string, batch: TickBatch, result: ApplyResult, corrections: readonly CorrectionEvent[]): void;
}

export interface IngestPipelineOptions {
  /** Where a listener's exception goes. Default: the process's log (server/log.ts), level error. */
  readonly onError?: (error: unknown) => void;
}

export class IngestPipeline {
  readonly gate: IngestGate;
  private readonly listeners: readonly BatchListener[];
  private readonly onError: (error: unknown) => void;

  constructor(gate: IngestGate, listeners: readonly BatchListener[], options: IngestPipelineOptions = {}) {
    this.gate = gate;
    this.listeners = listeners.slice();
    this.onError = options.onError ?? ((error: unknown) => logger().error(errorFields(error), 'ingest pipeline: a listener failed'));
  }

  /** Checks and applies one batch, then tells every listener in order if anything was accepted. */
  apply(publisherId: string, ticks: readonly TickInput[] | readonly unknown[]): ApplyResult {
    try {
      return this.announce(publisherId, this.gate.apply(publisherId, ticks));
    } finally {
      // The columns point at the caller's objects (to word rejections, and for listeners' `tick(i)`);
      // once everyone has heard of the batch, let them go rather than keep the last batch alive.
      this.gate.input.releaseSources();
    }
  }

  /** The same for the batch a decoder wrote into `gate.input` (`decodePublisherMessageInto`). */
  applyInput(publisherId: string): ApplyResult {
    return this.announce(publisherId, this.gate.applyInput(publisherId));
  }

  private announce(publisherId: string, result: ApplyResult): ApplyResult {
    if (result.accepted > 0) {
      const corrections = this.gate.drainCorrections();
      const listeners = this.listeners;
      const batch = this.gate.input;
      for (let i = 0; i < listeners.length; i++) {
        try {
          listeners[i]!.batchApplied(publisherId, batch, result, corrections);
        } catch (error) {
          this.onError(error);
        }
      }
    }
    return result;
  }
}
