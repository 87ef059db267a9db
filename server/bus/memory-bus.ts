/**
 * The in-process bus: the default (`--role all`), no Redis. Several MemoryBus instances on one
 * MemoryHub behave like several processes on one Redis (the contract suite runs two "gateways" that
 * way); a process that creates one bus gets a hub of its own.
 *
 * Delivery is synchronous: publish() calls each subscriber before it returns, in publish order, so the
 * single process keeps today's timing (no queue, no extra turn of the event loop between the feed and
 * the transport). A subscriber that throws is counted and logged; the publisher and the other
 * subscribers carry on.
 */

import { HashcapError, HashcapErrorCode } from '../errors.ts';
import { checkTopic } from './topic-name.ts';
import { FrameKind, type Bus, type BusFrame, type BusState, type BusStats, type TopicStart } from './types.ts';
import { logger } from '../log.ts';

/**
 * The feed's history (DEFAULT_FEED_OPTIONS: 1024 deltas, 60 s) plus the keyframes between them (one per
 * 5 s of new deltas: at most 12 in 60 s, 64 leaves room). Bus history holds keyframes too, so at 1024 a
 * busy topic's oldest base could fall out of Redis and a fresh gateway would hold a shorter resume window
 * than the aggregator.
 */
export const DEFAULT_HISTORY_LENGTH = 1024 + 64;

type OnFrame = (frame: BusFrame) => void;

class HubTopic {
  base: BusFrame | null = null;
  /** Ring of the last `capacity` deltas and keyframes; `next` is where the next one goes. */
  readonly ring: (BusFrame | undefined)[];
  next = 0;
  count = 0;
  /** Subscribers, one per bus instance; an array (not a Set) so the hot loop is a plain index loop. */
  subscribers: OnFrame[] = [];

  constructor(readonly capacity: number) {
    this.ring = new Array<BusFrame | undefined>(capacity).fill(undefined);
  }

  append(frame: BusFrame): void {
    this.ring[this.next] = frame;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count += 1;
  }

  /** Oldest first. */
  history(): BusFrame[] {
    const out: BusFrame[] = [];
    const start = (this.next - this.count + this.capacity) % this.capacity;
    for (let i = 0; i < this.count; i += 1) out.push(this.ring[(start + i) % this.capacity]!);
    return out;
  }
}

/** What several MemoryBus instances share, as several gateways share one Redis. */
export class MemoryHub {
  private readonly topics = new Map<string, HubTopic>();

  constructor(readonly historyLength: number = DEFAULT_HISTORY_LENGTH) {
    if (!Number.isSafeInteger(historyLength) || historyLength < 1) {
      throw new HashcapError(HashcapErrorCode.BUS_CONFIG, `bus history length must be a positive integer, got ${historyLength}`);
    }
  }

  topic(name: string): HubTopic {
    let topic = this.topics.get(name);
    if (topic === undefined) {
      checkTopic(name);
      topic = new HubTopic(this.historyLength);
      this.topics.set(name, topic);
    }
    return topic;
  }
}

export interface MemoryBusOptions {
  /** Shared with other buses to act as one backend; a new hub by default. */
  readonly hub?: MemoryHub;
  /** Used when the bus creates its own hub. */
  readonly historyLength?: number;
  readonly log?: (line: string) => void;
}

export class MemoryBus implements Bus {
  readonly name = 'memory';
  readonly hub: MemoryHub;
  private readonly log: (line: string) => void;
  /** This instance's handler per subscribed topic (the same function object sits in the hub's list). */
  private readonly handlers = new Map<string, OnFrame>();
  private closed = false;
  private published = 0;
  private received = 0;
  private subscriberErrors = 0;

  constructor(options: MemoryBusOptions = {}) {
    this.hub = options.hub ?? new MemoryHub(options.historyLength);
    this.log = options.log ?? ((line) => logger().error(line));
  }

  publish(frame: BusFrame): void {
    if (this.closed) return;
    this.published += 1;
    const topic = this.hub.topic(frame.topic);
    if (frame.kind !== FrameKind.Heartbeat) topic.append(frame);
    const subscribers = topic.subscribers;
    for (let i = 0; i < subscribers.length; i += 1) subscribers[i]!(frame);
  }

  putBase(frame: BusFrame): void {
    if (this.closed) return;
    this.hub.topic(frame.topic).base = frame;
  }

  subscribe(topic: string, onFrame: (frame: BusFrame) => void): Promise<void> {
    if (this.closed) return Promise.reject(closedError());
    try {
      const hubTopic = this.hub.topic(topic);
      const previous = this.handlers.get(topic);
      const handler: OnFrame = (frame) => {
        this.received += 1;
        try {
          onFrame(frame);
        } catch (error) {
          this.subscriberErrors += 1;
          this.log(`bus: a subscriber of ${topic} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        }
      };
      // A new array, so a publish iterating the old one (a subscriber that subscribes) is not disturbed.
      hubTopic.subscribers = [...hubTopic.subscribers.filter((s) => s !== previous), handler];
      this.handlers.set(topic, handler);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  unsubscribe(topic: string): Promise<void> {
    const handler = this.handlers.get(topic);
    if (handler !== undefined) {
      this.handlers.delete(topic);
      const hubTopic = this.hub.topic(topic);
      hubTopic.subscribers = hubTopic.subscribers.filter((s) => s !== handler);
    }
    return Promise.resolve();
  }

  load(topic: string): Promise<TopicStart> {
    if (this.closed) return Promise.reject(closedError());
    try {
      const hubTopic = this.hub.topic(topic);
      return Promise.resolve(startOf(hubTopic.base, hubTopic.history()));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  onState(_listener: (state: BusState) => void): void {
    // Always up: nothing to report.
  }

  stats(): BusStats {
    return { published: this.published, dropped: 0, received: this.received, downs: 0, subscriberErrors: this.subscriberErrors };
  }

  async close(): Promise<void> {
    for (const topic of [...this.handlers.keys()]) await this.unsubscribe(topic);
    this.closed = true;
  }
}

/**
 * The base, the history frames after it (same epoch, higher seq) and those up to it (same epoch), in
 * order. Without a base, the whole history is `after` (a gateway then has only deltas; it needs a base to
 * serve a snapshot).
 */
export function startOf(base: BusFrame | null, history: readonly BusFrame[]): TopicStart {
  if (base === null) return { base, after: history, earlier: [] };
  const after: BusFrame[] = [];
  const earlier: BusFrame[] = [];
  for (const f of history) {
    if (f.epoch !== base.epoch) continue;
    (f.seq > base.seq ? after : earlier).push(f);
  }
  return { base, after, earlier };
}

export function closedError(): HashcapError {
  return new HashcapError(HashcapErrorCode.BUS_CLOSED, 'the bus is closed');
}
