/**
 * The aggregator's core as durability sees it: what a checkpoint images, what a replayed batch goes
 * through, and the clock that makes a replay decide exactly as the live run did.
 */
import { createHash } from 'node:crypto';
import type { MarketEngine } from '../engine/market-engine.ts';
import type { Feed } from '../feed/feed.ts';
import type { ApplyResult, IngestGate } from '../ingest/gate.ts';
import type { IngestPipeline } from '../ingest/pipeline.ts';
import { HashcapError, HashcapErrorCode } from '../errors.ts';
import { tradingDayOf } from '../market/sessions.ts';
import { decodeCheckpoint, encodeCheckpoint, type Checkpoint } from './checkpoint.ts';
import type { HeldBus } from './held-bus.ts';
import { captureImage, restoreImage } from './state-image.ts';

/**
 * The market clock the gate and the feed read, pinned to a batch's logged time while that batch is
 * applied: live and on replay the batch then sees the same instant (the one logged with it).
 */
export class BatchClock {
  private pinned: number;
  readonly now: () => number;

  constructor(private readonly marketNow: () => number) {
    this.pinned = Number.NaN;
    this.now = () => (Number.isNaN(this.pinned) ? this.marketNow() : this.pinned);
  }

  /** The unpinned market time: what a new batch is logged with. */
  live(): number {
    return this.marketNow();
  }

  run<T>(marketTimeMs: number, fn: () => T): T {
    this.pinned = marketTimeMs;
    try {
      return fn();
    } finally {
      this.pinned = Number.NaN;
    }
  }
}

/** The trading day the app's housekeeping rolls previous closes on: part of the state, and replayed before each batch. */
export interface TradingDayCursor {
  current: string | null;
  /** Rolls the day when `marketTimeMs` is in a later one (what the housekeeping timer does too). */
  advance(marketTimeMs: number): void;
}

/**
 * A new trading day: today's official closes become the previous closes, and the bands follow. Only
 * forwards: a replay of an older day starts behind the wall clock's day. Part of the durable state: a
 * logged batch rolls the day before it is applied, live and on replay alike.
 */
export function tradingDayCursor(market: MarketEngine, gate: IngestGate, onRoll: (day: string) => void = () => {}): TradingDayCursor {
  return {
    current: null,
    advance(now: number) {
      const day = tradingDayOf(now);
      if (this.current === null || day < this.current) this.current = day;
      else if (day > this.current) {
        this.current = day;
        market.rollDay();
        gate.refreshLimits();
        gate.forgetTrades();
        onRoll(day);
      }
    },
  };
}

export interface AggregatorCore {
  readonly market: MarketEngine;
  readonly gate: IngestGate;
  readonly feed: Feed;
  readonly pipeline: IngestPipeline;
  /** Must be the clock the gate and the feed were built with (their market time). */
  readonly clock: BatchClock;
  readonly tradingDay: TradingDayCursor;
  /** The bus the feed publishes to: held while restoring, and while not the active aggregator. */
  readonly output: HeldBus;
}

/**
 * One logged batch through the gate, the engine and the feed, at its logged market time: `ticks` as
 * objects, or null for the batch just decoded into the gate's columns (`decodeBatchRecordInto`).
 */
export function applyLogged(core: AggregatorCore, publisherId: string, ticks: readonly unknown[] | null, marketTimeMs: number): ApplyResult {
  return core.clock.run(marketTimeMs, () => {
    core.tradingDay.advance(marketTimeMs);
    return ticks === null ? core.pipeline.applyInput(publisherId) : core.pipeline.apply(publisherId, ticks);
  });
}

/** Which baskets a state belongs to: a checkpoint is restored only into an engine built from the same. */
export function basketFingerprint(market: MarketEngine): string {
  const shape = market.indexes.map((ix) => [ix.id, ix.activeSlots().map((s) => ix.tickerOf(s))]);
  return createHash('sha256').update(JSON.stringify([shape, market.allSymbols()])).digest('hex').slice(0, 16);
}

function stateRoot(core: AggregatorCore): object {
  return { market: core.market, gate: core.gate, feed: core.feed.durableParts() };
}

/** A checkpoint of the core now, covering the log up to `streamId`. Synchronous: no batch can slip in. */
export function checkpointOf(core: AggregatorCore, streamId: string): Buffer {
  return encodeCheckpoint(
    { streamId, createdAtMs: Date.now(), basketFingerprint: basketFingerprint(core.market), tradingDay: core.tradingDay.current },
    captureImage(stateRoot(core)),
  );
}

/** Decodes and checks a stored checkpoint for this core; throws CHECKPOINT_CORRUPT (checksum, format, other baskets). */
export function readCheckpoint(core: AggregatorCore, bytes: Buffer): Checkpoint {
  const checkpoint = decodeCheckpoint(bytes);
  const expected = basketFingerprint(core.market);
  if (checkpoint.header.basketFingerprint !== expected) {
    throw new HashcapError(
      HashcapErrorCode.CHECKPOINT_CORRUPT,
      `checkpoint was taken with other baskets (fingerprint ${checkpoint.header.basketFingerprint}, these are ${expected})`,
    );
  }
  return checkpoint;
}

/** Writes a checked checkpoint into a core nobody has ingested into yet. */
export function restoreCheckpoint(core: AggregatorCore, checkpoint: Checkpoint): void {
  restoreImage(stateRoot(core), checkpoint.image);
  core.tradingDay.current = checkpoint.header.tradingDay;
}
