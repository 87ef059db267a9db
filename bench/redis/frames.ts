/**
 * The frames both sides of the Redis bench agree on: a feed-like set of topics, ~150-byte payloads
 * whose first 8 bytes carry the intended send time and the next 8 the time publish() was called
 * (process.hrtime.bigint(): CLOCK_MONOTONIC, one clock for every process on the machine), and the
 * messages between the bench and its gateway processes.
 */

export const TOPICS = Array.from({ length: 60 }, (_, i) => `bench.topic${String(i).padStart(2, '0')}`);
export const PAYLOAD_BYTES = 150;
export const EPOCH = 1;

export type ToGateway =
  | { readonly type: 'start'; readonly url: string }
  /** Frames to expect in this round (over all topics), and whether to record latency. */
  | { readonly type: 'round'; readonly expect: number; readonly latency: boolean }
  | { readonly type: 'stop' };

/** Percentiles of one latency histogram, µs. */
export interface LatencyUs {
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
  readonly count: number;
}

export interface RoundReport {
  readonly type: 'done';
  readonly received: number;
  /** Frames whose seq was not its topic's last + 1 (over the whole run so far). */
  readonly gaps: number;
  /** hrtime (ns, as a number) of the round's last frame. */
  readonly lastAtNs: number;
  /** From the intended send time: what a client sees, the publisher's own lateness included. */
  readonly latencyUs: LatencyUs | null;
  /** From the publish() call: what the bus itself adds. */
  readonly transitUs: LatencyUs | null;
}

/** 'armed': the round's expectations are set; the bench publishes only after both gateways say so. */
export type FromGateway = { readonly type: 'ready' } | { readonly type: 'armed' } | RoundReport | { readonly type: 'error'; readonly message: string };
