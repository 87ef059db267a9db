/**
 * Active or standby: what an aggregator on Redis does with its lease (server/durability/lease.ts).
 *
 * - Standby: ingest refused with NOT_ACTIVE (3105; HTTP 503, websocket upgrades too) so publishers move on
 *   to the next ingest URL; nothing written to the bus; /healthz answers 503 `state: "standby"`. Between
 *   leases — Redis unreachable, or the lease taken and the state being restored — the refusal is
 *   LOG_UNAVAILABLE (3104) instead: nobody else serves, so the publisher should retry here.
 * - Taking over (`becomeActive`, one hook): restore the state (checkpoint + quote log, when that exists),
 *   then write under the new token, and publish under the new epoch: every topic restarts at seq 0 with a
 *   fresh base, and gateways resync their subscribers. Only then is ingest accepted.
 * - Stepping down (lease lost, lapsed locally, or a write fenced): ingest refused and the bus silent at
 *   once; the process stays up as a standby and may take the lease again later (new token, new epoch).
 */
import type { RedisBus } from '../bus/redis-bus.ts';
import type { Feed } from '../feed/feed.ts';
import type { IngestRefusal } from '../ingest/endpoint.ts';
import { IngestReason } from '../ingest/reasons.ts';
import { AggregatorLease, type LeaseGrant } from './lease.ts';

export interface AggregatorRoleOptions {
  readonly redisUrl: string;
  readonly bus: RedisBus;
  readonly feed: Feed;
  readonly ttlMs: number;
  readonly renewMs: number;
  readonly log: (line: string) => void;
  /**
   * Brings the engine, gate and feed to the latest acknowledged state before this aggregator serves
   * (checkpoint + log replay, server/durability/restore.ts). Runs with ingest refused and the bus silent;
   * the lease is renewed meanwhile.
   */
  readonly restore?: (grant: LeaseGrant) => Promise<void> | void;
  /** After the lease is lost: stop what `restore` started (the durable ingest, checkpoints). */
  readonly onStepDown?: () => void;
}

export interface AggregatorRole {
  /** Active and sure of its lease now: accepts ingest, publishes. */
  readonly serving: boolean;
  /** For the endpoint: null while serving, otherwise the refusal. */
  admission(): IngestRefusal | null;
  /** Serving, or `timeoutMs` passed with no takeover under way (see AggregatorLease.started). */
  started(timeoutMs: number): Promise<void>;
  /** Fields for /healthz. */
  health(): Record<string, unknown>;
  /** /healthz status: 200 active, 503 standby (a load balancer's check then routes to the active one). */
  healthStatus(): number;
  /** Redis refused a write of this aggregator's (the quote log's) for an older token: step down. */
  fenced(): void;
  close(): Promise<void>;
}

export function startAggregatorRole(options: AggregatorRoleOptions): AggregatorRole {
  const { bus, feed, log } = options;
  // Nothing reaches Redis until the lease is ours.
  bus.setFence(null);
  const standby: IngestRefusal = {
    code: IngestReason.NOT_ACTIVE,
    message: 'this aggregator is a standby; publish to the active one',
    retryAfterMs: options.renewMs,
  };
  // Between leases (Redis unreachable, so the lease is unconfirmed; or taken and the state being restored):
  // no one else serves either, and this one will as soon as it can: retry here, as when the log is down.
  const between: IngestRefusal = {
    code: IngestReason.LOG_UNAVAILABLE,
    message: 'this aggregator cannot confirm its lease (Redis unreachable) or is restoring its state after taking it',
    retryAfterMs: options.renewMs,
  };
  const lease = new AggregatorLease(
    options.redisUrl,
    { ttlMs: options.ttlMs, renewMs: options.renewMs, log },
    {
      async becomeActive(grant) {
        const started = Date.now();
        await options.restore?.(grant);
        if (lease.token !== grant.token || lease.state === 'standby') {
          // Lost while restoring: undo what the restore started (the step-down came before it finished).
          options.onStepDown?.();
          throw new Error('the lease was lost while restoring');
        }
        bus.setFence(grant.token);
        feed.restartEpoch(grant.epoch);
        log(`aggregator: taking over, epoch ${grant.epoch}: state restored and republished in ${Date.now() - started} ms`);
      },
      stepDown() {
        bus.setFence(null);
        options.onStepDown?.();
      },
    },
  );
  bus.onFenced(() => lease.fenced());
  return {
    get serving() {
      return lease.serving;
    },
    started: (timeoutMs) => lease.started(timeoutMs),
    admission: () => (lease.serving ? null : lease.heldElsewhere ? standby : between),
    health() {
      const serving = lease.serving;
      return { state: serving ? 'active' : 'standby', lease: { state: lease.state, token: lease.token, ...lease.counters } };
    },
    healthStatus: () => (lease.serving ? 200 : 503),
    fenced: () => lease.fenced(),
    close: () => lease.close(),
  };
}
