/**
 * The bus: how frames the aggregator encoded once reach any number of gateways, as bytes. Two
 * implementations pass one contract suite (test/integration/bus.contract.ts): in-process memory (the
 * default, one process) and Redis (single server or Redis Cluster with sharded pub/sub).
 */

/** A frame's kind, as a number so it fits the Redis wire header in one byte (an object, not an enum: tsx and tsc agree on it). */
export const FrameKind = { Delta: 0, Keyframe: 1, Heartbeat: 2 } as const;
export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

/** One frame as it travels between processes: the bytes the aggregator encoded once (protobuf ServerMessage), untouched. */
export interface BusFrame {
  /** The feed's topic key, e.g. "index.miners" or "index.miners@100ms" (server/feed/channels.ts topicKey). */
  readonly topic: string;
  /** The aggregator's epoch. */
  readonly epoch: number;
  /** The topic's seq this frame carries (heartbeats: the last seq, not a new one). */
  readonly seq: number;
  readonly kind: FrameKind;
  /** Protobuf ServerMessage bytes, forwarded as they are. */
  readonly bytes: Uint8Array;
}

/** What a gateway needs to start a topic: its state at some seq (a keyframe/snapshot's bytes) and every frame after it. */
export interface TopicStart {
  readonly base: BusFrame | null;
  readonly after: readonly BusFrame[];
  /**
   * The history frames of the base's epoch at or before its seq, oldest first: with `after`, the resume
   * history a gateway that has just started can serve (a client that left another gateway before the
   * latest base still resumes, as on one process). Both buses always set it; optional only so that code
   * written against the first version of this interface still compiles.
   */
  readonly earlier?: readonly BusFrame[];
}

export type BusState = 'up' | 'down';

/** Counters a bus keeps for /metrics; all monotonic since the bus was created. */
export interface BusStats {
  /** Frames handed to publish(). */
  readonly published: number;
  /** Frames publish() dropped because the backend was down or its outbound queue was full. */
  readonly dropped: number;
  /** Frames delivered to subscribers of this bus instance. */
  readonly received: number;
  /** Transitions to 'down'. */
  readonly downs: number;
  /** Subscriber callbacks that threw (caught, logged; the other subscribers still got the frame). */
  readonly subscriberErrors: number;
}

export interface Bus {
  /** 'memory' | 'redis' | 'redis-cluster'. */
  readonly name: string;
  /** Aggregator: publish a frame (ordered per topic); deltas and keyframes are appended to the topic's bounded history. */
  publish(frame: BusFrame): void;
  /** Aggregator: the topic's full state at frame.seq (Snapshot/keyframe bytes): where a late gateway starts. History before it may be trimmed. */
  putBase(frame: BusFrame): void;
  /**
   * Gateway: live frames of a topic, in order, from the moment the returned promise resolves. One handler
   * per topic per bus (subscribing again replaces it). On Redis the promise resolves when Redis confirms;
   * during an outage it waits for Redis to come back, and subscriptions survive reconnects.
   */
  subscribe(topic: string, onFrame: (frame: BusFrame) => void): Promise<void>;
  /** No frame of the topic reaches the handler after this is called (before the promise resolves). */
  unsubscribe(topic: string): Promise<void>;
  /**
   * Gateway: the latest base and the frames after it (subscribe first, then load, then drop live frames with
   * seq <= the last loaded: no gap, no duplicate). Without a base: every frame in history. Frames dropped
   * during an outage leave a gap: check seq continuity. Rejects while Redis is down.
   */
  load(topic: string): Promise<TopicStart>;
  /**
   * Connection state changes (Redis down/up); memory is always up and never calls. A Redis bus starts
   * 'down' and reports 'up' once connected; while down, publish() and putBase() drop (counted in stats()).
   * After an 'up' that follows a 'down', Redis may have restarted empty: the aggregator puts fresh bases.
   */
  onState(listener: (state: BusState) => void): void;
  stats(): BusStats;
  close(): Promise<void>;
}
