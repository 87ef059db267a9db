/**
 * What an adapter runner reports: events as they happen (connects, auth, drops, refusals) and counters
 * per side, for the CLI's log lines and the tests.
 */
import type { BackoffStep } from '../../../client/sdk/backoff.ts';
import type { ProviderEvent } from './provider.ts';

export type Side = 'provider' | 'hashcap';

export type RunnerEvent =
  | ({ readonly side: 'provider' } & ProviderEvent)
  | { readonly side: Side; readonly type: 'connecting'; readonly url: string; readonly attempt: number }
  | { readonly side: Side; readonly type: 'open' }
  | { readonly side: 'provider'; readonly type: 'subscribe-sent'; readonly symbols: readonly string[]; readonly frames: number }
  | { readonly side: Side; readonly type: 'disconnected'; readonly code: number; readonly reason: string; readonly wasOpen: boolean }
  | ({ readonly side: Side; readonly type: 'reconnect-scheduled' } & BackoffStep)
  | { readonly side: Side; readonly type: 'socket-error'; readonly message: string }
  | { readonly side: Side; readonly type: 'timeout'; readonly what: 'auth' | 'idle' | 'reply'; readonly afterMs: number }
  | { readonly side: 'hashcap'; readonly type: 'auth-failed'; readonly code: number | null; readonly message: string }
  | {
      readonly side: 'hashcap';
      readonly type: 'rejected';
      readonly batchId: number;
      readonly count: number;
      readonly byReason: Readonly<Record<string, number>>;
      /** The first few rejections: `SYMBOL REASON_NAME: detail`. */
      readonly sample: readonly string[];
    }
  | { readonly side: 'hashcap'; readonly type: 'batch-error'; readonly batchId: number; readonly code: number; readonly message: string }
  | { readonly side: 'hashcap'; readonly type: 'bad-reply'; readonly message: string }
  | { readonly side: 'hashcap'; readonly type: 'dropped'; readonly count: number; readonly pending: number }
  | { readonly side: 'runner'; readonly type: 'stopped'; readonly stats: RunnerStats };

export interface RunnerStats {
  readonly provider: {
    /** Connection attempts. */
    attempts: number;
    opens: number;
    /** Open connections that closed (failed attempts are not counted). */
    authenticated: number;
    authFailures: number;
    disconnects: number;
    subscribesSent: number;
    subscribeAcks: number;
    frames: number;
    trades: number;
    quotes: number;
    /** Cancels and corrections mapped to TICK_CANCEL / TICK_CORRECTION. */
    corrections: number;
    malformed: number;
    errors: number;
    unhandled: number;
    pings: number;
  };
  readonly hashcap: {
    attempts: number;
    opens: number;
    authFailures: number;
    disconnects: number;
    batchesSent: number;
    ticksSent: number;
    batchesAcked: number;
    accepted: number;
    rejected: number;
    rejectsByReason: Record<string, number>;
    batchErrors: number;
    /** Ticks sent again after a reconnect (their batch was never acknowledged). */
    resent: number;
    /** Ticks dropped because the queue was full while hashcap was unreachable. */
    dropped: number;
    pending: number;
    inflight: number;
  };
}

export function emptyStats(): RunnerStats {
  return {
    provider: {
      attempts: 0,
      opens: 0,
      authenticated: 0,
      authFailures: 0,
      disconnects: 0,
      subscribesSent: 0,
      subscribeAcks: 0,
      frames: 0,
      trades: 0,
      quotes: 0,
      corrections: 0,
      malformed: 0,
      errors: 0,
      unhandled: 0,
      pings: 0,
    },
    hashcap: {
      attempts: 0,
      opens: 0,
      authFailures: 0,
      disconnects: 0,
      batchesSent: 0,
      ticksSent: 0,
      batchesAcked: 0,
      accepted: 0,
      rejected: 0,
      rejectsByReason: {},
      batchErrors: 0,
      resent: 0,
      dropped: 0,
      pending: 0,
      inflight: 0,
    },
  };
}
